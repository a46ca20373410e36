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
    Q_EMIT loaded(historyOf(m_cron, m_runs, m_siblings));
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
