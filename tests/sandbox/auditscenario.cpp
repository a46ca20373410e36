#include "auditscenario.h"

#include "nextrun.h"
#include "store.h"
#include "threadapi.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

// Not SeedData's: the scenario's ids must not change when the sample data changes.
constexpr quint64 kScenarioSeed = 0xa0d1'7000'0014ULL;

struct Ids
{
    QString assistant;
    QString thread;
    QString failingThread;
    QString missingAssistant;
    QString missingThread;
};

Ids scenarioIds()
{
    UuidGenerator ids(kScenarioSeed);
    Ids result;
    result.assistant = ids.next();
    result.thread = ids.next();
    result.failingThread = ids.next();
    result.missingAssistant = ids.next();
    result.missingThread = ids.next();
    return result;
}

class Builder
{
public:
    Builder(Store &store, const NextRunCalculator &nextRun, const QDateTime &now)
        : m_store(store)
        , m_nextRun(nextRun)
        , m_now(now)
        , m_ids(kScenarioSeed + 1)
    { }

    // A cron that breaks no rule (stateless, "delete", UTC, an end time in two years, an owner,
    // its own input), changed by `change`, with next_run_date computed unless `change` set one.
    bool add(const QString &auditCase, const QString &schedule,
             const std::function<void(QJsonObject &cron, QJsonObject &payload)> &change = {})
    {
        const Ids &ids = this->ids();
        const QString cronId = m_ids.next();
        const QDateTime created = m_now.addDays(-60).addSecs(60LL * m_count);
        const QJsonObject metadata {{u"owner"_s, u"ops"_s}, {u"audit_case"_s, auditCase}};
        QJsonObject payload {
            {u"assistant_id"_s, ids.assistant},
            {u"schedule"_s, schedule},
            {u"timezone"_s, u"UTC"_s},
            {u"input"_s, QJsonObject {{u"task"_s, u"%1 #%2"_s.arg(auditCase).arg(m_count)}}},
            {u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {}}}},
            {u"metadata"_s, metadata},
        };
        QJsonObject cron {
            {u"cron_id"_s, cronId},
            {u"assistant_id"_s, ids.assistant},
            {u"thread_id"_s, QJsonValue::Null},
            {u"on_run_completed"_s, u"delete"_s},
            {u"end_time"_s, formatTimestamp(m_now.addDays(730))},
            {u"schedule"_s, schedule},
            {u"timezone"_s, u"UTC"_s},
            {u"created_at"_s, formatTimestamp(created)},
            {u"updated_at"_s, formatTimestamp(created)},
            {u"user_id"_s, QJsonValue::Null},
            {u"metadata"_s, metadata},
            {u"enabled"_s, true},
        };
        if (change)
            change(cron, payload);
        cron.insert(u"payload"_s, payload);
        if (!cron.contains(u"next_run_date"_s)) {
            const auto next = m_nextRun.next(cron.value(u"schedule"_s).toString(),
                                             cron.value(u"timezone"_s).toString(), m_now);
            cron.insert(u"next_run_date"_s,
                        next ? QJsonValue(formatTimestamp(*next)) : QJsonValue(QJsonValue::Null));
        }
        ++m_count;
        return m_store.putCron(cron);
    }

    QString at(const QDateTime &instant) const { return formatTimestamp(instant); }
    const QDateTime &now() const { return m_now; }
    const Ids &ids() const
    {
        static const Ids ids = scenarioIds();
        return ids;
    }

private:
    Store &m_store;
    const NextRunCalculator &m_nextRun;
    QDateTime m_now;
    UuidGenerator m_ids;
    int m_count = 0;
};

} // namespace

QString AuditScenario::assistantId()
{
    return scenarioIds().assistant;
}

QString AuditScenario::missingAssistantId()
{
    return scenarioIds().missingAssistant;
}

QString AuditScenario::missingThreadId()
{
    return scenarioIds().missingThread;
}

QStringList AuditScenario::cases()
{
    QStringList cases {
        u"clean"_s,           u"invalid-schedule"_s, u"invalid-timezone"_s,  u"never-fires"_s,
        u"malformed-field"_s, u"overdue"_s,          u"next-run-mismatch"_s, u"ended"_s,
        u"paused"_s,          u"too-frequent"_s,     u"dst-exposure"_s,      u"duplicate"_s,
        u"duplicate"_s,       u"stateless-keep"_s,   u"insecure-webhook"_s,  u"missing-metadata"_s,
        u"no-end-time"_s};
    for (int i = 0; i < burstSize; ++i)
        cases.append(u"burst"_s);
    cases += {u"orphan-assistant"_s, u"orphan-thread"_s, u"last-run-failed"_s};
    return cases;
}

bool AuditScenario::populate(Store &store, const NextRunCalculator &nextRun, const QDateTime &now)
{
    Builder b(store, nextRun, now.toUTC());
    const Ids &ids = b.ids();
    const QDateTime origin = now.toUTC().addDays(-90);
    const auto assistant = QJsonObject {
        {u"assistant_id"_s, ids.assistant},
        {u"graph_id"_s, u"agent"_s},
        {u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {}}}},
        {u"context"_s, QJsonObject {}},
        {u"created_at"_s, formatTimestamp(origin)},
        {u"updated_at"_s, formatTimestamp(origin)},
        {u"metadata"_s, QJsonObject {{u"owner"_s, u"ops"_s}}},
        {u"version"_s, 1},
        {u"name"_s, u"Audit demo"_s},
        {u"description"_s, u"The assistant of the audit scenario"_s},
    };
    if (!store.putAssistant(assistant)
        || !store.putThread(
            ThreadApi::newThread(ids.thread, {{u"purpose"_s, u"audit demo"_s}}, origin))
        || !store.putThread(ThreadApi::newThread(
            ids.failingThread, {{u"purpose"_s, u"audit demo, failing"_s}}, origin)))
        return false;

    const auto hourAgo = now.toUTC().addSecs(-3600);
    const QDateTime lastHour(hourAgo.date(), QTime(hourAgo.time().hour(), 0), QTimeZone::utc());
    const auto threadCron = [&](const QString &thread) {
        return [thread](QJsonObject &cron, QJsonObject &) {
            cron.insert(u"thread_id"_s, thread);
            cron.insert(u"on_run_completed"_s, QJsonValue::Null);
        };
    };

    bool ok = b.add(u"clean"_s, u"17 6 * * *"_s)
        // What the server could not fire: stored before validation was as strict as it is now.
        && b.add(u"invalid-schedule"_s, u"0 0 * * W"_s,
                 [](QJsonObject &cron, QJsonObject &) {
                     cron.insert(u"next_run_date"_s, QJsonValue::Null);
                 })
        && b.add(u"invalid-timezone"_s, u"0 9 * * *"_s,
                 [](QJsonObject &cron, QJsonObject &payload) {
                     cron.insert(u"timezone"_s, u"Berl"_s);
                     payload.insert(u"timezone"_s, u"Berl"_s);
                 })
        && b.add(u"never-fires"_s, u"0 0 30 2 *"_s,
                 [](QJsonObject &cron, QJsonObject &) {
                     cron.insert(u"next_run_date"_s, QJsonValue::Null);
                 })
        && b.add(u"malformed-field"_s, u"20 6 * * *"_s,
                 [](QJsonObject &cron, QJsonObject &) {
                     cron.insert(u"next_run_date"_s, u"soon, probably"_s);
                 })
        // A stuck scheduler: due an hour ago, never fired (the scenario runs without one).
        && b.add(u"overdue"_s, u"0 * * * *"_s,
                 [&](QJsonObject &cron, QJsonObject &) {
                     cron.insert(u"next_run_date"_s, b.at(lastHour));
                 })
        && b.add(u"next-run-mismatch"_s, u"0 13 * * *"_s,
                 [&](QJsonObject &cron, QJsonObject &) {
                     const auto next = nextRun.next(u"0 13 * * *"_s, u"UTC"_s, b.now());
                     cron.insert(u"next_run_date"_s, b.at(next->addSecs(1800)));
                 })
        && b.add(u"ended"_s, u"0 5 * * *"_s,
                 [&](QJsonObject &cron, QJsonObject &) {
                     cron.insert(u"end_time"_s, b.at(b.now().addDays(-30)));
                     cron.insert(
                         u"next_run_date"_s,
                         b.at(*nextRun.next(u"0 5 * * *"_s, u"UTC"_s, b.now().addDays(-30))));
                 })
        && b.add(u"paused"_s, u"30 8 * * 1-5"_s,
                 [&](QJsonObject &cron, QJsonObject &payload) {
                     cron.insert(u"enabled"_s, false);
                     payload.insert(u"enabled"_s, false);
                     cron.insert(u"updated_at"_s, b.at(b.now().addDays(-45)));
                     cron.insert(
                         u"next_run_date"_s,
                         b.at(*nextRun.next(u"30 8 * * 1-5"_s, u"UTC"_s, b.now().addDays(-45))));
                 })
        && b.add(u"too-frequent"_s, u"*/2 * * * *"_s)
        // 02:30 does not exist in New York on the second Sunday of March.
        && b.add(u"dst-exposure"_s, u"30 2 * * *"_s, [](QJsonObject &cron, QJsonObject &payload) {
               cron.insert(u"timezone"_s, u"America/New_York"_s);
               payload.insert(u"timezone"_s, u"America/New_York"_s);
           });
    // The same work twice on one thread: the copy differs only in its labels.
    for (int copy = 0; ok && copy < 2; ++copy)
        ok = b.add(u"duplicate"_s, u"45 7 * * *"_s, [&](QJsonObject &cron, QJsonObject &payload) {
            threadCron(ids.thread)(cron, payload);
            payload.insert(u"input"_s, QJsonObject {{u"task"_s, u"nightly digest"_s}});
        });
    ok = ok
        && b.add(u"stateless-keep"_s, u"40 3 * * *"_s,
                 [](QJsonObject &cron, QJsonObject &payload) {
                     cron.insert(u"on_run_completed"_s, u"keep"_s);
                     payload.insert(u"on_run_completed"_s, u"keep"_s);
                 })
        && b.add(u"insecure-webhook"_s, u"50 3 * * *"_s,
                 [](QJsonObject &, QJsonObject &payload) {
                     payload.insert(u"webhook"_s, u"http://10.20.30.40/hooks/cron-done"_s);
                 })
        && b.add(u"missing-metadata"_s, u"55 3 * * *"_s,
                 [](QJsonObject &cron, QJsonObject &payload) {
                     const QJsonObject metadata {{u"audit_case"_s, u"missing-metadata"_s}};
                     cron.insert(u"metadata"_s, metadata);
                     payload.insert(u"metadata"_s, metadata);
                 })
        && b.add(u"no-end-time"_s, u"5 4 * * *"_s, [](QJsonObject &cron, QJsonObject &) {
               cron.insert(u"end_time"_s, QJsonValue::Null);
           });
    for (int i = 0; ok && i < burstSize; ++i)
        ok = b.add(u"burst"_s, u"7 4 * * *"_s);
    ok = ok
        && b.add(u"orphan-assistant"_s, u"25 4 * * *"_s,
                 [&](QJsonObject &cron, QJsonObject &payload) {
                     cron.insert(u"assistant_id"_s, ids.missingAssistant);
                     payload.insert(u"assistant_id"_s, ids.missingAssistant);
                 })
        && b.add(u"orphan-thread"_s, u"35 4 * * *"_s, threadCron(ids.missingThread))
        && b.add(u"last-run-failed"_s, u"45 4 * * *"_s, threadCron(ids.failingThread));
    if (!ok)
        return false;
    // The failing cron's thread has run history ending in an error, with the metadata the
    // scheduler copies from the cron onto its runs: what last-run-failed reads (crondeskctl audit
    // --runs).
    UuidGenerator runIds(kScenarioSeed + 2);
    const auto previous = nextRun.previous(u"45 4 * * *"_s, u"UTC"_s, now.toUTC());
    return store.putRun(QJsonObject {
        {u"run_id"_s, runIds.next()},
        {u"thread_id"_s, ids.failingThread},
        {u"assistant_id"_s, ids.assistant},
        {u"created_at"_s, formatTimestamp(*previous)},
        {u"updated_at"_s, formatTimestamp(previous->addSecs(4))},
        {u"status"_s, u"error"_s},
        {u"metadata"_s,
         QJsonObject {{u"owner"_s, u"ops"_s}, {u"audit_case"_s, u"last-run-failed"_s}}},
        {u"kwargs"_s, QJsonObject {{u"input"_s, QJsonObject {}}}},
        {u"multitask_strategy"_s, u"enqueue"_s}});
}

} // namespace crondesk::sandbox
