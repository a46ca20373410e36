#include "runhistoryloader.h"

#include <models/api/apiclient.h>

#include <QTimer>

namespace crondesk::models {

RunHistoryLoader::RunHistoryLoader(api::ApiClient *client, api::Cron cron,
                                   QList<api::Cron> siblings, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cron(std::move(cron))
    , m_siblings(std::move(siblings))
{ }

void RunHistoryLoader::start()
{
    QTimer::singleShot(0, this, [this] {
        if (noHistoryReason(m_cron)) {
            finish();
        } else if (!m_client) {
            api::ApiError error;
            error.kind = api::ApiError::Kind::Canceled;
            fail(error);
        } else if (m_cron.isStateless()) {
            fetchThreads();
        } else {
            fetchRuns(m_cron.threadId);
        }
    });
}

void RunHistoryLoader::fetchThreads()
{
    m_client->searchThreads(historyThreadQuery(m_cron, m_threadLimit))
        ->then(
            this,
            [this](const QList<api::Thread> &threads) {
                if (threads.isEmpty()) {
                    finish();
                    return;
                }
                for (const api::Thread &thread : threads)
                    fetchRuns(thread.threadId);
            },
            [this](const api::ApiError &error) { fail(error); });
}

void RunHistoryLoader::fetchRuns(const QString &threadId)
{
    ++m_pending;
    m_client->listThreadRuns(threadId, m_runLimit, 0)
        ->then(
            this,
            [this](const QList<api::Run> &runs) {
                m_runs += runs;
                if (--m_pending == 0)
                    finish();
            },
            [this, threadId](const api::ApiError &error) {
                // A kept thread deleted meanwhile has simply no runs left to show.
                if (error.kind == api::ApiError::Kind::NotFound && m_cron.isStateless()) {
                    if (--m_pending == 0)
                        finish();
                    return;
                }
                fail(error);
            });
}

void RunHistoryLoader::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_history = historyOf(m_cron, m_runs, m_siblings);
    readErrors();
}

void RunHistoryLoader::readErrors()
{
    // The Run object has no error; the server tells it on join (api::ApiClient::joinThreadRun).
    QList<api::Run> failed;
    for (const api::Run &run : std::as_const(m_history.runs)) {
        if (failed.size() >= m_errorLimit)
            break;
        if (runOutcome(run.status) == RunOutcome::Failed
            || runOutcome(run.status) == RunOutcome::TimedOut)
            failed.append(run);
    }
    if (failed.isEmpty() || !m_client) {
        emitLoaded();
        return;
    }
    m_pendingErrors = int(failed.size());
    for (const api::Run &run : std::as_const(failed)) {
        m_client->joinThreadRun(run.threadId, run.runId)
            ->then(
                this,
                [this, runId = run.runId](const QJsonObject &joined) {
                    if (const auto text = runErrorText(joined))
                        m_history.errors.insert(runId, *text);
                    if (--m_pendingErrors == 0)
                        emitLoaded();
                },
                // Without its error text the history is still worth showing.
                [this](const api::ApiError &) {
                    if (--m_pendingErrors == 0)
                        emitLoaded();
                });
    }
}

void RunHistoryLoader::emitLoaded()
{
    Q_EMIT loaded(m_history);
    deleteLater();
}

void RunHistoryLoader::fail(const api::ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(error);
    deleteLater();
}

} // namespace crondesk::models
