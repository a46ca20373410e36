#include "runnowcontroller.h"

#include <models/api/apiclient.h>
#include <models/common/displayformat.h>
#include <models/journal/journalrecorder.h>
#include <models/runs/runhistory.h>
#include <models/runs/runnow.h>

#include <QTimer>

#include <algorithm>

namespace crondesk::ui {

RunNowController::RunNowController(api::ApiClient *client, models::JournalRecorder *journal,
                                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_journal(journal)
{ }

void RunNowController::start(const api::Cron &cron)
{
    m_cronId = cron.cronId;
    // The app follows the run to its end, so a stateless run's thread is kept to read it.
    const bool keepThread = cron.isStateless();
    const api::RunCreate run = models::runNowCreate(cron, keepThread);
    api::RunRequest *request = cron.isStateless() ? m_client->createStatelessRun(run)
                                                  : m_client->createThreadRun(cron.threadId, run);
    models::JournalEntry entry;
    entry.action = models::mutationName(models::MutationKind::Run);
    entry.cronId = cron.cronId;
    entry.before = api::cronToJson(cron);
    entry.request = run.toJson(cron.isStateless());
    request->then(
        this,
        [this, request, entry](const api::Run &started) {
            models::JournalEntry done = entry;
            done.after = api::runToJson(started);
            done.succeeded = true;
            done.httpStatus = request->httpStatus();
            if (m_journal)
                m_journal->record(done);
            m_run = started;
            Q_EMIT this->started(started);
            QTimer::singleShot(m_delayMs, this, &RunNowController::poll);
        },
        [this, entry](const api::ApiError &error) {
            models::JournalEntry refused = entry;
            refused.after = QJsonValue(QJsonValue::Null);
            refused.httpStatus = error.httpStatus;
            refused.serverMessage = error.message;
            refused.requestId = error.requestId;
            if (m_journal && !error.notSent && error.kind != api::ApiError::Kind::Forbidden)
                m_journal->record(refused);
            Q_EMIT failed(
                models::asSentence(tr("The run was not started: %1").arg(error.toString())));
            deleteLater();
        });
}

void RunNowController::poll()
{
    if (!m_client) {
        deleteLater();
        return;
    }
    m_client->getThreadRun(m_run.threadId, m_run.runId)
        ->then(
            this,
            [this](const api::Run &run) {
                const bool changed = run.status != m_run.status;
                m_run = run;
                if (!models::isActive(models::runOutcome(run.status))) {
                    Q_EMIT ended(run);
                    deleteLater();
                    return;
                }
                if (changed)
                    Q_EMIT started(run);
                m_delayMs = std::min(5000, m_delayMs * 3 / 2);
                QTimer::singleShot(m_delayMs, this, &RunNowController::poll);
            },
            [this](const api::ApiError &error) {
                Q_EMIT failed(models::asSentence(tr("The run %1 could no longer be followed: %2")
                                                     .arg(m_run.runId, error.toString())));
                deleteLater();
            });
}

} // namespace crondesk::ui
