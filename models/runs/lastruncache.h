#pragma once

#include <models/api/cron.h>
#include <models/api/thread.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <chrono>
#include <optional>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

// Last run and last success per cron, for the inventory's columns: read lazily, only for the
// crons asked for (the rows on screen), and cached, so that refreshing 100,000 crons costs no
// request until rows are shown. Crons on one thread share one read of that thread's runs (and are
// told apart by historyOf()); a stateless cron whose threads are deleted is answered at once as
// unavailable; a stateless cron that keeps them costs one RunHistoryLoader. At most
// `maxConcurrent` reads are in flight.
class LastRunCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LastRunCache)

public:
    struct Entry
    {
        enum class State { Unknown, Loading, Known, Unavailable, Failed };
        State state = State::Unknown;
        std::optional<api::Run> lastRun;
        std::optional<api::Run> lastSuccess;
        QString reason; // Unavailable, Failed: a full sentence
        QDateTime readAt; // when Known
    };

    explicit LastRunCache(api::ApiClient *client, QObject *parent = nullptr);

    Entry entry(const QString &cronId) const { return m_entries.value(cronId); }
    // Reads what is not cached yet, or older than maxAge(), for these crons.
    void request(const QList<api::Cron> &crons);
    void invalidate(const QString &cronId) { m_entries.remove(cronId); }
    void clear() { m_entries.clear(); }

    void setMaxAge(std::chrono::seconds age) { m_maxAge = age; }
    std::chrono::seconds maxAge() const { return m_maxAge; }
    void setMaxConcurrent(int count) { m_maxConcurrent = std::max(1, count); }
    // Runs read per thread (the newest); a cron whose last success is older stays without one.
    void setRunsPerThread(int count) { m_runsPerThread = count; }

Q_SIGNALS:
    // These crons' entries changed (loaded, failed or found unavailable).
    void changed(const QStringList &cronIds);

private:
    struct Job
    {
        QString key; // a thread id, or "cron:<id>" for a stateless cron that keeps its threads
        QList<api::Cron> crons;
    };
    bool isFresh(const Entry &entry) const;
    void pump();
    void finish(const Job &job, const QList<api::Run> *runs, const QString &failure);

    QPointer<api::ApiClient> m_client;
    QHash<QString, Entry> m_entries;
    QList<Job> m_queue;
    QSet<QString> m_running; // job keys in flight
    std::chrono::seconds m_maxAge {60};
    int m_maxConcurrent = 4;
    int m_runsPerThread = 50;
};

} // namespace crondesk::models
