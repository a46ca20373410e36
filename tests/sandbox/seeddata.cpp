#include "seeddata.h"

#include "graphcatalog.h"
#include "nextrun.h"
#include "store.h"
#include "threadapi.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>
#include <QJsonObject>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kSeedValue = 0x5eed'c0de'2025ULL;

QJsonObject assistantObject(const QString &id, const QString &graphId, const QString &name,
                            const QJsonValue &description, const QJsonObject &metadata,
                            const QDateTime &created, const QJsonObject &configurable = {})
{
    const QString timestamp = formatTimestamp(created);
    return {{u"assistant_id"_s, id},
            {u"graph_id"_s, graphId},
            {u"config"_s, QJsonObject {{u"configurable"_s, configurable}}},
            {u"context"_s, QJsonObject {}},
            {u"created_at"_s, timestamp},
            {u"updated_at"_s, timestamp},
            {u"metadata"_s, metadata},
            {u"version"_s, 1},
            {u"name"_s, name},
            {u"description"_s, description}};
}

// A few past runs for the first few hundred thread crons, at the schedule's previous fire times,
// so the app has last-run data to show from the start. One in five failed.
bool seedRunHistory(Store &store, const NextRunCalculator &nextRun, UuidGenerator &ids,
                    const QString &assistantId, const QString &threadId, const QString &schedule,
                    const QString &timezone, const QJsonObject &metadata, const QDateTime &created,
                    const QDateTime &now, int index)
{
    QList<QDateTime> times;
    QDateTime before = now;
    for (int k = 0; k < 1 + index % 3; ++k) {
        const auto previous = nextRun.previous(schedule, timezone, before);
        if (!previous || *previous <= created)
            break;
        times.prepend(*previous);
        before = *previous;
    }
    for (qsizetype k = 0; k < times.size(); ++k) {
        const bool failed = (index + k) % 5 == 4;
        const QJsonObject run {
            {u"run_id"_s, ids.next()},
            {u"thread_id"_s, threadId},
            {u"assistant_id"_s, assistantId},
            {u"created_at"_s, formatTimestamp(times.at(k))},
            {u"updated_at"_s, formatTimestamp(times.at(k).addSecs(failed ? 3 : 12))},
            {u"status"_s, failed ? u"error"_s : u"success"_s},
            {u"metadata"_s, metadata},
            {u"kwargs"_s, QJsonObject {{u"input"_s, QJsonObject {}}}},
            {u"multitask_strategy"_s, u"enqueue"_s}};
        if (!store.putRun(run))
            return false;
    }
    return true;
}

} // namespace

QDateTime SeedData::base()
{
    return QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
}

bool SeedData::ensureSystemAssistants(Store &store)
{
    for (const QString &graphId : GraphCatalog::graphIds()) {
        const QString id = systemAssistantId(graphId);
        if (store.assistant(id))
            continue;
        if (!store.putAssistant(assistantObject(id, graphId, graphId,
                                                GraphCatalog::description(graphId),
                                                {{u"created_by"_s, u"system"_s}}, base())))
            return false;
    }
    return true;
}

bool SeedData::populate(Store &store, const NextRunCalculator &nextRun, int cronCount,
                        const QDateTime &now)
{
    if (cronCount <= 0)
        return true;
    UuidGenerator ids(kSeedValue);
    // Runs draw from their own sequence: how many there are depends on `now`, and the ids of
    // everything else must not.
    UuidGenerator runIds(kSeedValue + 1);
    const QDateTime origin = base();

    // User-created assistants on top of the system ones, so an assistant picker has choices and
    // a graph name is not the same as "the" assistant of that graph.
    struct NamedAssistant
    {
        QLatin1StringView graph;
        QLatin1StringView name;
        QLatin1StringView owner;
    };
    static constexpr NamedAssistant named[] = {
        {"agent"_L1, "Support triage"_L1, "alice"_L1},
        {"agent"_L1, "Nightly reporter"_L1, "bob"_L1},
        {"researcher"_L1, "Market research"_L1, "carol"_L1},
        {"echo"_L1, "Echo smoke test"_L1, "alice"_L1},
    };
    QStringList assistantIds;
    for (const QString &graphId : GraphCatalog::graphIds())
        assistantIds.append(systemAssistantId(graphId));
    int index = 0;
    for (const NamedAssistant &entry : named) {
        const QString id = ids.next();
        assistantIds.append(id);
        if (!store.putAssistant(assistantObject(
                id, entry.graph, entry.name, u"Sample assistant #%1"_s.arg(index + 1),
                {{u"owner"_s, QString(entry.owner)}, {u"team"_s, u"platform"_s}},
                origin.addSecs(3600LL * (index + 1)),
                {{u"model_name"_s, index % 2 ? u"anthropic"_s : u"openai"_s}})))
            return false;
        ++index;
    }

    static const QStringList owners = {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s};
    static const QStringList teams = {u"platform"_s, u"growth"_s, u"support"_s, u"research"_s};
    static const QStringList environments = {u"prod"_s, u"staging"_s, u"dev"_s};

    const int threadCount = std::max(3, cronCount / 10);
    QStringList threadIds;
    for (int i = 0; i < threadCount; ++i) {
        const QString id = ids.next();
        threadIds.append(id);
        QJsonObject thread
            = ThreadApi::newThread(id,
                                   {{u"owner"_s, owners.at(i % owners.size())},
                                    {u"purpose"_s, u"Sample conversation %1"_s.arg(i + 1)}},
                                   origin.addSecs(86400 + i * 60));
        if (!store.putThread(thread))
            return false;
    }

    // Mostly daily or rarer, so a large seed does not keep the scheduler busy; a few fast ones so
    // a demo shows something happening.
    static const QStringList schedules = {
        u"0 8 * * *"_s,  u"30 9 * * 1-5"_s, u"0 0 1 * *"_s,    u"0 12 * * 0"_s,
        u"15 3 * * *"_s, u"0 18 * * 5"_s,   u"0 6,18 * * *"_s, u"0 0 1 1 *"_s,
        u"0 * * * *"_s,  u"45 23 * * *"_s,  u"0 9 1,15 * *"_s, u"*/30 9-17 * * mon-fri"_s,
        u"0 7 * * 1"_s,  u"0 22 * * *"_s,   u"10 4 * * 2,4"_s, u"0 0 * * *"_s,
        u"0 12 * * *"_s, u"0 2 * * sat"_s,  u"5 * * * *"_s,    u"*/15 * * * *"_s,
    };
    static const QList<QJsonValue> timezones = {
        QJsonValue::Null,         u"UTC"_s,           u"America/New_York"_s,  u"Europe/Berlin"_s,
        u"Asia/Tokyo"_s,          QJsonValue::Null,   u"Australia/Sydney"_s,  u"Asia/Kolkata"_s,
        u"America/Los_Angeles"_s, u"Europe/London"_s, u"America/Sao_Paulo"_s,
    };

    const QString pastEnd = formatTimestamp(QDateTime(QDate(2025, 6, 30), QTime(0, 0), Qt::UTC));
    const QString futureEnd
        = formatTimestamp(QDateTime(QDate(2030, 12, 31), QTime(23, 59, 59), Qt::UTC));
    const qsizetype systemCount = GraphCatalog::graphIds().size();
    for (int i = 0; i < cronCount; ++i) {
        const QString cronId = ids.next();
        const QString &assistantId = assistantIds.at(i % assistantIds.size());
        const bool threadBound = i % 3 == 1;
        const QString &schedule = schedules.at(i % schedules.size());
        const QJsonValue &timezone = timezones.at((i / 2) % timezones.size());
        const QDateTime created = origin.addSecs(3LL * 86400 + qint64(i) * 13);
        const QDateTime updated = i % 4 == 0 ? created.addSecs(7200) : created;
        const bool enabled = i % 7 != 3;
        QJsonValue endTime = QJsonValue::Null;
        if (i % 11 == 5)
            endTime = pastEnd;
        else if (i % 11 == 8)
            endTime = futureEnd;

        QJsonObject metadata {{u"owner"_s, owners.at(i % owners.size())},
                              {u"team"_s, teams.at(i % teams.size())},
                              {u"env"_s, environments.at(i % environments.size())},
                              {u"seed_index"_s, i}};
        if (i % 10 == 0)
            metadata.insert(u"critical"_s, true);

        QJsonObject payload {{u"assistant_id"_s, assistantId},
                             {u"schedule"_s, schedule},
                             {u"input"_s,
                              QJsonObject {{u"messages"_s,
                                            QJsonArray {QJsonObject {
                                                {u"role"_s, u"user"_s},
                                                {u"content"_s, u"Scheduled task #%1"_s.arg(i)}}}}}},
                             {u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {}}}},
                             {u"metadata"_s, metadata}};
        if (!timezone.isNull())
            payload.insert(u"timezone"_s, timezone);
        if (!endTime.isNull())
            payload.insert(u"end_time"_s, endTime);
        if (!enabled)
            payload.insert(u"enabled"_s, false);
        if (threadBound)
            payload.insert(u"multitask_strategy"_s, i % 2 ? u"enqueue"_s : u"reject"_s);
        if (i % 9 == 4)
            payload.insert(u"interrupt_before"_s, QJsonArray {u"tools"_s});
        if (i % assistantIds.size() >= systemCount && i % 5 == 2)
            payload.insert(u"context"_s, QJsonObject {{u"locale"_s, u"de-DE"_s}});

        QJsonValue onRunCompleted = QJsonValue::Null;
        if (!threadBound) {
            onRunCompleted = i % 4 == 2 ? u"keep"_s : u"delete"_s;
            if (i % 4 == 2)
                payload.insert(u"on_run_completed"_s, onRunCompleted);
        }

        const auto next = nextRun.next(schedule, timezone.toString(), now);
        if (threadBound && enabled && i < 900
            && !seedRunHistory(store, nextRun, runIds, assistantId,
                               threadIds.at((qsizetype(i) * 7) % threadIds.size()), schedule,
                               timezone.toString(), metadata, created, now, i))
            return false;
        const QJsonObject cron {
            {u"cron_id"_s, cronId},
            {u"assistant_id"_s, assistantId},
            {u"thread_id"_s,
             threadBound ? QJsonValue(threadIds.at((qsizetype(i) * 7) % threadIds.size()))
                         : QJsonValue(QJsonValue::Null)},
            {u"on_run_completed"_s, onRunCompleted},
            {u"end_time"_s, endTime},
            {u"schedule"_s, schedule},
            {u"timezone"_s, timezone},
            {u"created_at"_s, formatTimestamp(created)},
            {u"updated_at"_s, formatTimestamp(updated)},
            {u"user_id"_s, QJsonValue::Null},
            {u"payload"_s, payload},
            {u"next_run_date"_s, next ? QJsonValue(formatTimestamp(*next)) : QJsonValue::Null},
            {u"metadata"_s, metadata},
            {u"enabled"_s, enabled}};
        if (!store.putCron(cron))
            return false;
    }
    return true;
}

} // namespace crondesk::sandbox
