#include "seeddata.h"

#include "graphcatalog.h"
#include "nextrun.h"
#include "store.h"
#include "threadapi.h"
#include "timestamps.h"
#include "uuids.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <functional>
#include <future>
#include <thread>
#include <vector>

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

const QStringList &seedOwners()
{
    static const QStringList owners = {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s};
    return owners;
}

const QStringList &seedTeams()
{
    static const QStringList teams = {u"platform"_s, u"growth"_s, u"support"_s, u"research"_s};
    return teams;
}

const QStringList &seedEnvironments()
{
    static const QStringList environments = {u"prod"_s, u"staging"_s, u"dev"_s};
    return environments;
}

// Mostly daily or rarer, so a large seed does not keep the scheduler busy; a few fast ones so a
// demo shows something happening.
const QStringList &seedSchedules()
{
    static const QStringList schedules = {
        u"0 8 * * *"_s,  u"30 9 * * 1-5"_s, u"0 0 1 * *"_s,    u"0 12 * * 0"_s,
        u"15 3 * * *"_s, u"0 18 * * 5"_s,   u"0 6,18 * * *"_s, u"0 0 1 1 *"_s,
        u"0 * * * *"_s,  u"45 23 * * *"_s,  u"0 9 1,15 * *"_s, u"*/30 9-17 * * mon-fri"_s,
        u"0 7 * * 1"_s,  u"0 22 * * *"_s,   u"10 4 * * 2,4"_s, u"0 0 * * *"_s,
        u"0 12 * * *"_s, u"0 2 * * sat"_s,  u"5 * * * *"_s,    u"*/15 * * * *"_s,
    };
    return schedules;
}

const QList<QJsonValue> &seedTimezones()
{
    static const QList<QJsonValue> timezones = {
        QJsonValue::Null,         u"UTC"_s,           u"America/New_York"_s,  u"Europe/Berlin"_s,
        u"Asia/Tokyo"_s,          QJsonValue::Null,   u"Australia/Sydney"_s,  u"Asia/Kolkata"_s,
        u"America/Los_Angeles"_s, u"Europe/London"_s, u"America/Sao_Paulo"_s,
    };
    return timezones;
}

// What the seeded cron number `i` is: a pure function of `i`.
struct SeedShape
{
    explicit SeedShape(int i)
        : threadBound(i % 3 == 1)
        , enabled(i % 7 != 3)
        , schedule(i % seedSchedules().size())
        , timezone((i / 2) % seedTimezones().size())
    { }

    bool threadBound;
    bool enabled;
    qsizetype schedule; // index into seedSchedules()
    qsizetype timezone; // index into seedTimezones()
};

// What every seeded cron is made from; only read while the crons are built.
struct CronSeedPlan
{
    QStringList cronIds;
    QStringList assistantIds;
    QStringList threadIds;
    qsizetype systemCount = 0;
    QDateTime origin;
    QString pastEnd;
    QString futureEnd;
    QHash<QString, QJsonValue> nextRunDates; // by schedule + '\n' + zone; null: never again

    const QString &assistantOf(int i) const { return assistantIds.at(i % assistantIds.size()); }
    // Of a thread-bound cron.
    const QString &threadOf(int i) const
    {
        return threadIds.at((qsizetype(i) * 7) % threadIds.size());
    }
    QDateTime createdAt(int i) const { return origin.addSecs(3LL * 86400 + qint64(i) * 13); }
};

QJsonObject seedCron(const CronSeedPlan &plan, int i)
{
    const SeedShape shape(i);
    const QString &cronId = plan.cronIds.at(i);
    const QString &assistantId = plan.assistantOf(i);
    const QString &schedule = seedSchedules().at(shape.schedule);
    const QJsonValue &timezone = seedTimezones().at(shape.timezone);
    const QDateTime created = plan.createdAt(i);
    const QDateTime updated = i % 4 == 0 ? created.addSecs(7200) : created;
    QJsonValue endTime = QJsonValue::Null;
    if (i % 11 == 5)
        endTime = plan.pastEnd;
    else if (i % 11 == 8)
        endTime = plan.futureEnd;

    QJsonObject metadata {{u"owner"_s, seedOwners().at(i % seedOwners().size())},
                          {u"team"_s, seedTeams().at(i % seedTeams().size())},
                          {u"env"_s, seedEnvironments().at(i % seedEnvironments().size())},
                          {u"seed_index"_s, i}};
    if (i % 10 == 0)
        metadata.insert(u"critical"_s, true);

    QJsonObject payload {
        {u"assistant_id"_s, assistantId},
        {u"schedule"_s, schedule},
        {u"input"_s,
         QJsonObject {{u"messages"_s,
                       QJsonArray {QJsonObject {{u"role"_s, u"user"_s},
                                                {u"content"_s, u"Scheduled task #%1"_s.arg(i)}}}}}},
        {u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {}}}},
        {u"metadata"_s, metadata}};
    if (!timezone.isNull())
        payload.insert(u"timezone"_s, timezone);
    if (!endTime.isNull())
        payload.insert(u"end_time"_s, endTime);
    if (!shape.enabled)
        payload.insert(u"enabled"_s, false);
    if (shape.threadBound)
        payload.insert(u"multitask_strategy"_s, i % 2 ? u"enqueue"_s : u"reject"_s);
    if (i % 9 == 4)
        payload.insert(u"interrupt_before"_s, QJsonArray {u"tools"_s});
    if (i % plan.assistantIds.size() >= plan.systemCount && i % 5 == 2)
        payload.insert(u"context"_s, QJsonObject {{u"locale"_s, u"de-DE"_s}});

    QJsonValue onRunCompleted = QJsonValue::Null;
    if (!shape.threadBound) {
        onRunCompleted = i % 4 == 2 ? u"keep"_s : u"delete"_s;
        if (i % 4 == 2)
            payload.insert(u"on_run_completed"_s, onRunCompleted);
    }

    return QJsonObject {
        {u"cron_id"_s, cronId},
        {u"assistant_id"_s, assistantId},
        {u"thread_id"_s,
         shape.threadBound ? QJsonValue(plan.threadOf(i)) : QJsonValue(QJsonValue::Null)},
        {u"on_run_completed"_s, onRunCompleted},
        {u"end_time"_s, endTime},
        {u"schedule"_s, schedule},
        {u"timezone"_s, timezone},
        {u"created_at"_s, formatTimestamp(created)},
        {u"updated_at"_s, formatTimestamp(updated)},
        {u"user_id"_s, QJsonValue::Null},
        {u"payload"_s, payload},
        {u"next_run_date"_s, plan.nextRunDates.value(schedule + u'\n' + timezone.toString())},
        {u"metadata"_s, metadata},
        {u"enabled"_s, shape.enabled}};
}

// Calls build(i) for every i below `count` on worker threads, a chunk of indices at a time, and
// consume(i, built) on this thread in the order of i, each chunk as soon as it is built. Stops
// at the first consume() that returns false (and says so).
bool buildInOrder(int count, const std::function<QJsonObject(int)> &build,
                  const std::function<bool(int, QJsonObject)> &consume)
{
    constexpr int chunkSize = 1000;
    const int chunks = (count + chunkSize - 1) / chunkSize;
    std::vector<std::vector<QJsonObject>> built(chunks);
    std::vector<std::promise<void>> ready(chunks);
    std::atomic<int> nextChunk {0};
    std::atomic<bool> stop {false};
    const auto work = [&] {
        for (int chunk = nextChunk++; chunk < chunks && !stop; chunk = nextChunk++) {
            const int end = std::min(count, (chunk + 1) * chunkSize);
            built[chunk].reserve(end - chunk * chunkSize);
            for (int i = chunk * chunkSize; i < end; ++i)
                built[chunk].push_back(build(i));
            ready[chunk].set_value();
        }
    };
    // One worker per core: building takes about twice what storing does on this thread, which
    // waits for the chunks in between (fewer workers left a core idle).
    const int workers = std::max(1, int(std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (int w = 0; w < std::min(workers, chunks); ++w)
        threads.emplace_back(work);
    bool ok = true;
    for (int chunk = 0; chunk < chunks && ok; ++chunk) {
        ready[chunk].get_future().wait();
        for (int k = 0; k < int(built[chunk].size()) && ok; ++k)
            ok = consume(chunk * chunkSize + k, std::move(built[chunk][k]));
        built[chunk] = {};
    }
    stop = true;
    for (std::thread &thread : threads)
        thread.join();
    return ok;
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

    CronSeedPlan plan;
    plan.assistantIds = assistantIds;
    plan.systemCount = GraphCatalog::graphIds().size();
    plan.origin = origin;
    plan.pastEnd = formatTimestamp(QDateTime(QDate(2025, 6, 30), QTime(0, 0), Qt::UTC));
    plan.futureEnd = formatTimestamp(QDateTime(QDate(2030, 12, 31), QTime(23, 59, 59), Qt::UTC));

    const int threadCount = std::max(3, cronCount / 10);
    for (int i = 0; i < threadCount; ++i) {
        const QString id = ids.next();
        plan.threadIds.append(id);
        QJsonObject thread
            = ThreadApi::newThread(id,
                                   {{u"owner"_s, seedOwners().at(i % seedOwners().size())},
                                    {u"purpose"_s, u"Sample conversation %1"_s.arg(i + 1)}},
                                   origin.addSecs(86400 + i * 60));
        if (!store.putThread(thread))
            return false;
    }
    plan.cronIds.reserve(cronCount);
    for (int i = 0; i < cronCount; ++i)
        plan.cronIds.append(ids.next());
    // The next run depends only on the schedule and the zone: a few hundred pairs, worked out
    // here once (the calculator is not made for use from several threads).
    for (const QString &schedule : seedSchedules()) {
        for (const QJsonValue &timezone : seedTimezones()) {
            const auto next = nextRun.next(schedule, timezone.toString(), now);
            plan.nextRunDates.insert(schedule + u'\n' + timezone.toString(),
                                     next ? QJsonValue(formatTimestamp(*next)) : QJsonValue());
        }
    }

    // Building the crons' objects is most of a large seed's start-up: they are built on worker
    // threads, a chunk at a time, and stored here in order, so that the store sees exactly the
    // sequence a single thread would give it.
    return buildInOrder(
        cronCount, [&plan](int i) { return seedCron(plan, i); },
        [&](int i, QJsonObject cron) {
            const SeedShape shape(i);
            if (shape.threadBound && shape.enabled && i < 900) {
                const QString &schedule = seedSchedules().at(shape.schedule);
                const QString timezone = seedTimezones().at(shape.timezone).toString();
                if (!seedRunHistory(store, nextRun, runIds, plan.assistantOf(i), plan.threadOf(i),
                                    schedule, timezone, cron.value("metadata"_L1).toObject(),
                                    plan.createdAt(i), now, i))
                    return false;
            }
            return store.putCron(cron);
        });
}

} // namespace crondesk::sandbox
