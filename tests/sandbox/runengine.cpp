#include "runengine.h"

#include "clock.h"
#include "store.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonValue>

#include <algorithm>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

RunEngine::RunEngine(Store &store, Clock &clock, UuidGenerator &ids)
    : m_store(store)
    , m_clock(clock)
    , m_ids(ids)
{ }

void RunEngine::setOptions(const Options &options)
{
    m_options = options;
    m_options.errorRate = std::clamp(m_options.errorRate, 0.0, 1.0);
    m_outcomes.seed(options.seed);
}

QJsonObject RunEngine::create(const NewRun &request, bool *rejected)
{
    if (rejected)
        *rejected = false;
    settle();
    const QDateTime now = m_clock.now();
    if (m_active.contains(request.threadId)) {
        if (request.multitaskStrategy == u"reject") {
            if (rejected)
                *rejected = true;
            return {};
        }
        if (request.multitaskStrategy == u"interrupt" || request.multitaskStrategy == u"rollback")
            stopActive(request.threadId, request.multitaskStrategy == u"rollback", now);
    }

    // Drawn for every run, whatever the rate, so changing the rate does not shift the outcomes
    // of later runs.
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_outcomes);
    const QString timestamp = formatTimestamp(now);
    const QString runId = m_ids.next();
    const QJsonObject run {{u"run_id"_s, runId},
                           {u"thread_id"_s, request.threadId},
                           {u"assistant_id"_s, request.assistantId},
                           {u"created_at"_s, timestamp},
                           {u"updated_at"_s, timestamp},
                           {u"status"_s, u"pending"_s},
                           {u"metadata"_s, request.metadata},
                           {u"kwargs"_s, request.kwargs},
                           {u"multitask_strategy"_s, request.multitaskStrategy}};
    if (!m_store.putRun(run))
        return {};
    m_active[request.threadId].append({runId,
                                       now.toMSecsSinceEpoch() + qint64(request.delay.count()), -1,
                                       draw < m_options.errorRate, request.deleteThreadWhenDone});
    return run;
}

void RunEngine::settle()
{
    if (m_active.isEmpty())
        return;
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    const QStringList threads = m_active.keys();
    for (const QString &threadId : threads)
        settleThread(threadId, now);
}

void RunEngine::settleThread(const QString &threadId, qint64 now)
{
    while (m_active.contains(threadId)) {
        QList<Active> &queue = m_active[threadId];
        if (queue.isEmpty()) {
            m_active.remove(threadId);
            return;
        }
        Active &head = queue.first();
        if (!m_store.run(threadId, head.runId)) { // removed behind our back (thread deleted)
            queue.removeFirst();
            continue;
        }
        if (head.endsAt < 0) {
            // A queued run starts when its turn comes, not when someone next looks.
            const qint64 startsAt = std::max(head.notBefore, m_lastEnd.value(threadId, 0));
            if (now < startsAt)
                return;
            head.endsAt = startsAt + qint64(m_options.duration.count());
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(startsAt, Qt::UTC);
            setStatus(threadId, head.runId, u"running"_s, at);
            setThreadStatus(threadId, u"busy"_s, at);
            continue;
        }
        if (now < head.endsAt)
            return;
        const Active done = queue.takeFirst();
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(done.endsAt, Qt::UTC);
        m_lastEnd.insert(threadId, done.endsAt);
        setStatus(threadId, done.runId, done.fails ? u"error"_s : u"success"_s, at);
        if (queue.isEmpty()) {
            m_active.remove(threadId);
            setThreadStatus(threadId, done.fails ? u"error"_s : u"idle"_s, at);
        }
        if (m_finished) {
            if (const QJsonObject *run = m_store.run(threadId, done.runId))
                m_finished(*run);
        }
        if (done.deleteThreadWhenDone) {
            m_active.remove(threadId);
            m_lastEnd.remove(threadId);
            m_store.removeThread(threadId);
            return;
        }
    }
}

bool RunEngine::setStatus(const QString &threadId, const QString &runId, const QString &status,
                          const QDateTime &at)
{
    const QJsonObject *stored = m_store.run(threadId, runId);
    if (!stored)
        return false;
    QJsonObject run = *stored;
    run.insert(u"status"_s, status);
    run.insert(u"updated_at"_s, formatTimestamp(at));
    return m_store.putRun(run);
}

void RunEngine::setThreadStatus(const QString &threadId, const QString &status, const QDateTime &at)
{
    const QJsonObject *stored = m_store.thread(threadId);
    if (!stored || stored->value("status"_L1).toString() == status)
        return;
    QJsonObject thread = *stored;
    thread.insert(u"status"_s, status);
    thread.insert(u"updated_at"_s, formatTimestamp(at));
    m_store.putThread(thread);
}

void RunEngine::stopActive(const QString &threadId, bool rollback, const QDateTime &at)
{
    const QList<Active> queue = m_active.take(threadId);
    for (const Active &active : queue) {
        if (rollback) {
            m_store.removeRun(threadId, active.runId);
        } else {
            setStatus(threadId, active.runId, u"interrupted"_s, at);
            if (m_finished) {
                if (const QJsonObject *run = m_store.run(threadId, active.runId))
                    m_finished(*run);
            }
        }
    }
    m_lastEnd.insert(threadId, at.toMSecsSinceEpoch());
    setThreadStatus(threadId, u"idle"_s, at);
}

bool RunEngine::cancel(const QString &threadId, const QString &runId, bool rollback)
{
    settle();
    const auto it = m_active.find(threadId);
    if (it == m_active.end())
        return true;
    const auto active = std::find_if(it->begin(), it->end(),
                                     [&runId](const Active &run) { return run.runId == runId; });
    if (active == it->end())
        return true; // already ended: nothing to stop
    const bool wasRunning = active->endsAt >= 0;
    const bool deleteThread = active->deleteThreadWhenDone;
    it->erase(active);
    if (it->isEmpty())
        m_active.erase(it);
    const QDateTime now = m_clock.now();
    bool ok = true;
    if (rollback) {
        ok = m_store.removeRun(threadId, runId);
    } else {
        ok = setStatus(threadId, runId, u"interrupted"_s, now);
        if (ok && m_finished) {
            if (const QJsonObject *run = m_store.run(threadId, runId))
                m_finished(*run);
        }
    }
    if (wasRunning) {
        m_lastEnd.insert(threadId, now.toMSecsSinceEpoch());
        if (!m_active.contains(threadId))
            setThreadStatus(threadId, u"idle"_s, now);
    }
    if (deleteThread) {
        m_active.remove(threadId);
        m_lastEnd.remove(threadId);
        m_store.removeThread(threadId);
    }
    return ok;
}

bool RunEngine::remove(const QString &threadId, const QString &runId)
{
    settle();
    const auto it = m_active.find(threadId);
    if (it != m_active.end()) {
        it->removeIf([&runId](const Active &run) { return run.runId == runId; });
        if (it->isEmpty()) {
            m_active.erase(it);
            setThreadStatus(threadId, u"idle"_s, m_clock.now());
        }
    }
    return m_store.removeRun(threadId, runId);
}

} // namespace crondesk::sandbox
