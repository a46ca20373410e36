#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <random>

namespace crondesk::sandbox {

class Clock;
class Store;
class UuidGenerator;

// Runs that take time, as on the server: created `pending`, `running` once the runs before them
// on the same thread are done (and `after_seconds` has passed), then `success` or `error` after
// the configured duration, all measured on the sandbox clock. Nothing is executed: the outcome
// is drawn when the run is created, from a generator seeded with --seed, so the same requests
// give the same outcomes. State moves only in settle(), which the server calls before every
// request and on every scheduler pass, so what a client reads is exact for the clock's "now".
class RunEngine final
{
public:
    struct Options
    {
        std::chrono::milliseconds duration {0};
        double errorRate = 0.0; // 0..1
        quint64 seed = 0;
    };

    // What one new run is made of; the handler has validated it.
    struct NewRun
    {
        QString threadId;
        QString assistantId;
        QJsonObject metadata;
        QJsonObject kwargs;
        QString multitaskStrategy; // reject, rollback, interrupt, enqueue
        std::chrono::milliseconds delay {0}; // after_seconds
        bool deleteThreadWhenDone = false; // a stateless run with on_completion "delete"
    };

    RunEngine(Store &store, Clock &clock, UuidGenerator &ids);

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }

    // Called with every run that reaches success, error or interrupted (webhooks).
    void setFinishedHandler(std::function<void(const QJsonObject &run)> handler)
    {
        m_finished = std::move(handler);
    }

    // Applies the thread's multitask strategy against its active runs and records the new run
    // as `pending`. Returns the run, or an empty object when the strategy is `reject` and the
    // thread is busy (the caller answers 409) or the store refused it.
    QJsonObject create(const NewRun &run, bool *rejected = nullptr);

    // Moves every active run to where it is at the clock's now.
    void settle();

    // Stops an active run: `interrupt` marks it interrupted, `rollback` removes it. A run that
    // has already ended is left alone. Returns false when the store refused the change.
    bool cancel(const QString &threadId, const QString &runId, bool rollback);
    // Removes a run, active or not.
    bool remove(const QString &threadId, const QString &runId);

    bool isActive(const QString &threadId) const { return m_active.contains(threadId); }

private:
    struct Active
    {
        QString runId;
        qint64 notBefore = 0; // ms since the epoch
        qint64 endsAt = -1; // set when it starts running
        bool fails = false;
        bool deleteThreadWhenDone = false;
    };

    bool setStatus(const QString &threadId, const QString &runId, const QString &status,
                   const QDateTime &at);
    void setThreadStatus(const QString &threadId, const QString &status, const QDateTime &at);
    void stopActive(const QString &threadId, bool rollback, const QDateTime &at);
    void settleThread(const QString &threadId, qint64 now);

    Store &m_store;
    Clock &m_clock;
    UuidGenerator &m_ids;
    Options m_options;
    std::mt19937_64 m_outcomes;
    std::function<void(const QJsonObject &run)> m_finished;
    // thread id -> its pending and running runs, in the order they were created
    QHash<QString, QList<Active>> m_active;
    // thread id -> when its last run ended (ms), so a queued run starts when its turn comes
    QHash<QString, qint64> m_lastEnd;
};

} // namespace crondesk::sandbox
