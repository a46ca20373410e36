#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/runs/runhistory.h>

#include <QObject>
#include <QPointer>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

// Reads one cron's run history from the server and sorts it with historyOf(): the runs of a
// thread cron's thread, or for a stateless cron that keeps its threads the runs of the threads
// made for its assistant (the newest `threadLimit` of them). A stateless cron that deletes its
// threads has none, and the answer says why without asking the server. Emits exactly one of
// loaded() or failed(), then deletes itself.
class RunHistoryLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryLoader)

public:
    RunHistoryLoader(api::ApiClient *client, api::Cron cron, QList<api::Cron> siblings = {},
                     QObject *parent = nullptr);

    void setRunLimit(int limit) { m_runLimit = limit; } // per thread, 1..1000 (default 50)
    void setThreadLimit(int limit) { m_threadLimit = limit; } // stateless crons (default 20)
    // How many of the cron's newest failed runs have their error read (one join each; default
    // 5, 0 reads none).
    void setErrorLimit(int limit) { m_errorLimit = limit; }
    const api::Cron &cron() const { return m_cron; }

    // Starts once control returns to the event loop, so that connecting first is enough.
    void start();

Q_SIGNALS:
    void loaded(const crondesk::models::CronRunHistory &history);
    void failed(const crondesk::api::ApiError &error);

private:
    void fetchThreads();
    void fetchRuns(const QString &threadId);
    void finish();
    void readErrors();
    void emitLoaded();
    void fail(const api::ApiError &error);

    QPointer<api::ApiClient> m_client;
    api::Cron m_cron;
    QList<api::Cron> m_siblings;
    int m_runLimit = 50;
    int m_threadLimit = 20;
    int m_errorLimit = 5;
    int m_pending = 0;
    int m_pendingErrors = 0;
    bool m_done = false;
    QList<api::Run> m_runs;
    CronRunHistory m_history;
};

} // namespace crondesk::models
