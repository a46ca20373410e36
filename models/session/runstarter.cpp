#include "runstarter.h"

#include <models/api/apiclient.h>
#include <models/journal/journalrecorder.h>
#include <models/runs/runnow.h>

#include <QTimer>

namespace crondesk::models {

RunStarter::RunStarter(api::ApiClient *client, JournalRecorder *journal, QString refusal,
                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_journal(journal)
    , m_refusal(std::move(refusal))
{ }

void RunStarter::start(const api::Cron &cron, bool keepThread)
{
    QTimer::singleShot(0, this, [this, cron, keepThread] {
        if (!m_refusal.isEmpty()) {
            Q_EMIT refused(m_refusal);
            deleteLater();
            return;
        }
        if (!m_client) {
            api::ApiError error;
            error.kind = api::ApiError::Kind::Canceled;
            error.notSent = true;
            Q_EMIT failed(error);
            deleteLater();
            return;
        }
        send(cron, keepThread);
    });
}

void RunStarter::send(const api::Cron &cron, bool keepThread)
{
    const api::RunCreate run = runNowCreate(cron, keepThread);
    api::RunRequest *request = cron.isStateless() ? m_client->createStatelessRun(run)
                                                  : m_client->createThreadRun(cron.threadId, run);
    JournalEntry entry;
    entry.action = mutationName(MutationKind::Run);
    entry.cronId = cron.cronId;
    entry.before = api::cronToJson(cron);
    entry.request = run.toJson(cron.isStateless());
    request->then(
        this,
        [this, request, entry](const api::Run &started) {
            JournalEntry done = entry;
            done.after = api::runToJson(started);
            done.succeeded = true;
            done.httpStatus = request->httpStatus();
            done.requestId = QString::fromUtf8(request->responseHeader("x-request-id"));
            if (m_journal)
                m_journal->record(done);
            Q_EMIT this->started(started);
            deleteLater();
        },
        [this, entry](const api::ApiError &error) {
            JournalEntry refusedEntry = entry;
            refusedEntry.after = QJsonValue(QJsonValue::Null);
            refusedEntry.succeeded = false;
            refusedEntry.httpStatus = error.httpStatus;
            refusedEntry.serverMessage = error.message;
            refusedEntry.requestId = error.requestId;
            // What never reached the server changed nothing there, and a 403 is the key's
            // rights, not a change: as for the other mutations, neither is a journal entry.
            if (m_journal && !error.notSent && error.kind != api::ApiError::Kind::Forbidden)
                m_journal->record(refusedEntry);
            Q_EMIT failed(error);
            deleteLater();
        });
}

} // namespace crondesk::models
