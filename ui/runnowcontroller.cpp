#include "runnowcontroller.h"

#include <models/api/apiclient.h>
#include <models/common/displayformat.h>
#include <models/runs/runhistory.h>
#include <models/session/cronrepository.h>
#include <models/session/runstarter.h>

#include <QTimer>

#include <algorithm>

namespace crondesk::ui {

RunNowController::RunNowController(models::CronRepository *repository, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
{ }

void RunNowController::start(const api::Cron &cron)
{
    m_cronId = cron.cronId;
    // The app follows the run to its end, so a stateless run's thread is kept to read it.
    models::RunStarter *starter = m_repository->startRun(cron, cron.isStateless(), this);
    connect(starter, &models::RunStarter::started, this, [this](const api::Run &started) {
        m_run = started;
        Q_EMIT this->started(started);
        QTimer::singleShot(m_delayMs, this, &RunNowController::poll);
    });
    connect(starter, &models::RunStarter::refused, this, [this](const QString &reason) {
        Q_EMIT failed(reason);
        deleteLater();
    });
    connect(starter, &models::RunStarter::failed, this, [this](const api::ApiError &error) {
        Q_EMIT failed(models::asSentence(tr("The run was not started: %1").arg(error.toString())));
        deleteLater();
    });
}

void RunNowController::poll()
{
    if (!m_repository) {
        deleteLater();
        return;
    }
    m_repository->client()
        ->getThreadRun(m_run.threadId, m_run.runId)
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
