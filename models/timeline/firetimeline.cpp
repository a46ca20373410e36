#include "firetimeline.h"

#include <models/schedule/civil.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <queue>

#include <algorithm>
#include <bit>
#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

using schedule::CronExpression;
using schedule::ZoneRules;
namespace civil = schedule::civil;

constexpr qint64 Unbounded = ZoneRules::Unbounded;
constexpr qint64 SecondsPerDay = civil::SecondsPerDay;

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::models::FirePlan", text);
}

// Lowest set bit of `mask` at or above `from`; -1 when there is none.
int nextBit(quint64 mask, int from)
{
    if (from >= 64)
        return -1;
    const quint64 candidates = mask & (~quint64(0) << from);
    return candidates ? std::countr_zero(candidates) : -1;
}

// The bits of `mask` below bit `n` (n <= 63).
quint64 below(quint64 mask, int n)
{
    return mask & ((quint64(1) << n) - 1);
}

// The times of day an expression matches, as seconds since midnight on the wall clock: the same
// set every matching day, so that counting them in a stretch of a day is a few popcounts.
class DayClock final
{
public:
    explicit DayClock(const schedule::CronFields &fields)
        : m_hours(fields.hours)
        , m_minutes(fields.minutes)
        , m_seconds(fields.seconds)
        , m_perMinute(std::popcount(fields.seconds))
        , m_perHour(qint64(std::popcount(fields.minutes)) * m_perMinute)
        , m_perDay(qint64(std::popcount(fields.hours)) * m_perHour)
        , m_firstMinute(std::countr_zero(fields.minutes))
        , m_firstSecond(std::countr_zero(fields.seconds))
    { }

    // How many matching times of day lie in [0, second), second in [0, 86400].
    qint64 before(int second) const
    {
        if (second >= SecondsPerDay)
            return m_perDay;
        const int h = second / 3600;
        const int m = second / 60 % 60;
        const int s = second % 60;
        qint64 n = std::popcount(below(m_hours, h)) * m_perHour;
        if (m_hours >> h & 1u) {
            n += std::popcount(below(m_minutes, m)) * qint64(m_perMinute);
            if (m_minutes >> m & 1u)
                n += std::popcount(below(m_seconds, s));
        }
        return n;
    }

    // The first matching time of day at or after `second`, or -1.
    int firstAtOrAfter(int second) const
    {
        if (second >= SecondsPerDay)
            return -1;
        const int h = second / 3600;
        const int m = second / 60 % 60;
        const int s = second % 60;
        if (m_hours >> h & 1u) {
            if (m_minutes >> m & 1u) {
                if (const int next = nextBit(m_seconds, s); next >= 0)
                    return h * 3600 + m * 60 + next;
            }
            if (const int next = nextBit(m_minutes, m + 1); next >= 0)
                return h * 3600 + next * 60 + m_firstSecond;
        }
        const int next = nextBit(m_hours, h + 1);
        return next < 0 ? -1 : next * 3600 + m_firstMinute * 60 + m_firstSecond;
    }

    bool matches(int second) const { return firstAtOrAfter(second) == second; }

private:
    quint64 m_hours;
    quint64 m_minutes;
    quint64 m_seconds;
    int m_perMinute;
    qint64 m_perHour;
    qint64 m_perDay;
    int m_firstMinute;
    int m_firstSecond;
};

// Whether the expression fires on a wall-clock day (days since 1970-01-01). Within the years
// the schedule engine searches (1..9999), so that counts agree with its nextSeconds().
bool dayMatches(const CronExpression &expression, qint64 day)
{
    const civil::Date date = civil::civilFromDays(day);
    if (date.year < 1 || date.year > 9999)
        return false;
    return expression.matchesDate(int(date.year), date.month, date.day);
}

bool wallMatches(const CronExpression &expression, const DayClock &clock, qint64 wall)
{
    const qint64 day = civil::floorDiv(wall, SecondsPerDay);
    return dayMatches(expression, day) && clock.matches(int(wall - day * SecondsPerDay));
}

// Where counted fire times go. `end(t)`: the exclusive end of the stretch of time that `add(t, n)`
// puts in one place, so that the walk never hands over a run of fires that crosses it.
class TotalSink final
{
public:
    qint64 end(qint64) const { return Unbounded; }
    void add(qint64, qint64 n) { total += n; }
    qint64 total = 0;
};

class BucketSink final
{
public:
    BucketSink(const TimeBuckets &buckets, qint64 weight, qint64 *counts)
        : m_edges(buckets.edges())
        , m_weight(weight)
        , m_counts(counts)
    { }

    qint64 end(qint64 t)
    {
        locate(t);
        if (m_bucket >= 0)
            return m_edges.at(m_bucket + 1);
        return t < m_edges.constFirst() ? m_edges.constFirst() : Unbounded;
    }

    void add(qint64 t, qint64 n)
    {
        locate(t);
        if (m_bucket >= 0)
            m_counts[m_bucket] += n * m_weight;
    }

private:
    // Walks are mostly in time order: try the bucket found last and the next one first.
    void locate(qint64 t)
    {
        const qsizetype buckets = m_edges.size() - 1;
        if (buckets <= 0 || t < m_edges.constFirst() || t >= m_edges.constLast()) {
            m_bucket = -1;
            return;
        }
        if (m_bucket >= 0 && m_edges.at(m_bucket) <= t) {
            if (t < m_edges.at(m_bucket + 1))
                return;
            if (m_bucket + 2 <= buckets && t < m_edges.at(m_bucket + 2)) {
                ++m_bucket;
                return;
            }
        }
        const auto upper = std::upper_bound(m_edges.cbegin(), m_edges.cend(), t);
        m_bucket = int(upper - m_edges.cbegin()) - 1;
    }

    const QList<qint64> &m_edges;
    qint64 m_weight;
    qint64 *m_counts;
    int m_bucket = -1;
};

// Hands the images of the matching wall times in [wallFrom, wallTo) (image = wall - offset) to
// the sink, as runs that each fall in one of its stretches: per matching day, from one matching
// time to the sink's next edge, counted with DayClock::before(). The work is one step per
// (matching day, stretch with fires), never one per fire.
template<typename Sink>
void walkWalls(const CronExpression &expression, const DayClock &clock, qint64 wallFrom,
               qint64 wallTo, int offset, Sink &sink)
{
    if (wallFrom >= wallTo)
        return;
    for (qint64 day = civil::floorDiv(wallFrom, SecondsPerDay);; ++day) {
        const qint64 dayStart = day * SecondsPerDay;
        if (dayStart >= wallTo)
            break;
        if (!dayMatches(expression, day))
            continue;
        int lo = int(std::max(wallFrom, dayStart) - dayStart);
        const int hi = int(std::min(wallTo, dayStart + SecondsPerDay) - dayStart);
        while (lo < hi) {
            lo = clock.firstAtOrAfter(lo);
            if (lo < 0 || lo >= hi)
                break;
            const qint64 instant = dayStart + lo - offset;
            const qint64 edge = sink.end(instant);
            const int stretchEnd = edge == Unbounded
                ? hi
                : int(std::clamp<qint64>(edge + offset - dayStart, lo + 1, hi));
            sink.add(instant, clock.before(stretchEnd) - clock.before(lo));
            lo = stretchEnd;
        }
    }
}

// The fire times in [from, to), by the partition the schedule engine's search uses
// (CronExpression::firstAtOrAfter): per stretch of constant offset o after an offset p, the
// wall times [start + max(o, p), end + o) fire at wall - o; on a forward change the skipped walls
// [start + p, start + o) fire at wall - p, unless that instant is a fire time anyway.
template<typename Sink>
void walkFireTimes(const CronExpression &expression, const ZoneRules &zone, qint64 from, qint64 to,
                   Sink &sink)
{
    if (!expression.isValid() || expression.neverFires() || from >= to)
        return;
    const DayClock clock(expression.fields());
    qint64 t = from;
    while (t < to) {
        const ZoneRules::Segment s = zone.segmentAt(t);
        const int o = s.offset;
        const int p = s.previousOffset;
        const qint64 stretchEnd = s.end == Unbounded ? to : std::min(to, s.end);
        const qint64 ownedStart = s.start == -Unbounded ? -Unbounded : s.start + std::max(o, p);
        const qint64 ownedEnd = s.end == Unbounded ? Unbounded : s.end + o;
        walkWalls(expression, clock, std::max(t + o, ownedStart),
                  std::min(stretchEnd + o, ownedEnd), o, sink);

        if (s.start != -Unbounded && o > p) {
            // At most one gap's worth of walls (an hour, usually), looked at one by one: each
            // moves later by the gap unless the instant it lands on fires anyway.
            const qint64 gap = o - p;
            const qint64 gapTo = std::min(s.start + o, stretchEnd + p);
            qint64 wall = std::max(s.start + p, t + p);
            while (wall < gapTo) {
                const std::optional<qint64> next = expression.firstWallTimeAtOrAfter(wall);
                if (!next || *next >= gapTo)
                    break;
                wall = *next;
                const qint64 twin = wall + gap;
                const bool firesAnyway
                    = twin >= ownedStart && twin < ownedEnd && wallMatches(expression, clock, twin);
                if (!firesAnyway)
                    sink.add(wall - p, 1);
                ++wall;
            }
        }
        t = stretchEnd;
    }
}

struct GroupKey
{
    int expression;
    const ZoneRules *zone;
    qint64 until;
    friend bool operator==(const GroupKey &, const GroupKey &) = default;
};

size_t qHash(const GroupKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.expression, quintptr(key.zone), key.until);
}

} // namespace

TimelineCron timelineCron(const api::Cron &cron)
{
    TimelineCron result;
    result.cronId = cron.cronId;
    result.assistantId = cron.assistantId;
    result.schedule = cron.schedule;
    result.timezone = cron.timezone;
    result.enabled = cron.enabled;
    if (cron.endTime.isValid())
        result.endTime = civil::floorDiv(cron.endTime.toMSecsSinceEpoch(), 1000);
    return result;
}

const ZoneRules *timelineZone(const QString &name)
{
    if (name.isEmpty())
        return &ZoneRules::utc();
    static QMutex mutex;
    // Never destroyed: the rules it points at live as long as the process.
    static auto *cache = new QHash<QString, const ZoneRules *>;
    {
        QMutexLocker locker(&mutex);
        if (const auto it = cache->constFind(name); it != cache->constEnd())
            return it.value();
    }
    const std::optional<QTimeZone> zone = schedule::resolveZone(name);
    const ZoneRules *rules = zone ? &ZoneRules::forZone(*zone) : nullptr;
    QMutexLocker locker(&mutex);
    cache->insert(name, rules);
    return rules;
}

QString fireCountText(qint64 count)
{
    if (count <= std::numeric_limits<int>::max())
        return QCoreApplication::translate("crondesk::models::FirePlan", "%Ln fire(s)", nullptr,
                                           int(count));
    return tr("%1 fires").arg(QLocale().toString(count));
}

QString isoInZone(qint64 instant, const ZoneRules &zone)
{
    const int offset = zone.offsetAt(instant);
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(instant + offset, QTimeZone::utc());
    const int minutes = std::abs(offset) / 60;
    return wall.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + (offset < 0 ? u'-' : u'+')
        + QString::number(minutes / 60).rightJustified(2, u'0') + u':'
        + QString::number(minutes % 60).rightJustified(2, u'0');
}

qint64 countFireTimes(const CronExpression &expression, const ZoneRules &zone, qint64 from,
                      qint64 to)
{
    TotalSink sink;
    walkFireTimes(expression, zone, from, to, sink);
    return sink.total;
}

void addFireTimeCounts(const CronExpression &expression, const ZoneRules &zone, qint64 from,
                       qint64 to, const TimeBuckets &buckets, qint64 weight, qint64 *counts)
{
    if (buckets.isEmpty())
        return;
    BucketSink sink(buckets, weight, counts);
    walkFireTimes(expression, zone, std::max(from, buckets.start(0)),
                  std::min(to, buckets.end(buckets.count() - 1)), sink);
}

QList<qint64> listFireTimes(const CronExpression &expression, const ZoneRules &zone, qint64 from,
                            qint64 to, qsizetype limit, bool *truncated)
{
    QList<qint64> instants;
    if (truncated)
        *truncated = false;
    qint64 at = from - 1;
    for (;;) {
        const std::optional<qint64> next = expression.nextSeconds(at, zone);
        if (!next || *next >= to)
            break;
        if (limit >= 0 && instants.size() >= limit) {
            if (truncated)
                *truncated = true;
            break;
        }
        instants.append(*next);
        at = *next;
    }
    return instants;
}

FirePlan FirePlan::build(const QList<TimelineCron> &crons, TimelineWindow window,
                         const TimelineProgress &progress)
{
    FirePlan plan;
    plan.m_window = window;
    plan.m_crons = crons;
    plan.m_groupOf.fill(-1, crons.size());

    // One parse per distinct schedule and one zone lookup per distinct name: a deployment has
    // thousands of crons and a few dozen schedules.
    struct Parsed
    {
        int index = -1; // into `expressions`, or -1 when invalid
        QString error;
    };
    QHash<QString, Parsed> parsed;
    QList<CronExpression> expressions;
    QHash<QString, const ZoneRules *> zones;
    QHash<GroupKey, int> groupIndex;

    for (qsizetype i = 0; i < crons.size(); ++i) {
        if (progress && i % 4096 == 0 && !progress(i, crons.size()))
            return {};
        const TimelineCron &cron = crons.at(i);
        if (!cron.enabled) {
            ++plan.m_paused;
            continue;
        }
        if (cron.endTime && *cron.endTime < window.from) {
            ++plan.m_ended;
            continue;
        }
        auto expression = parsed.constFind(cron.schedule);
        if (expression == parsed.constEnd()) {
            schedule::ParseError error;
            const CronExpression parsedExpression = CronExpression::parse(cron.schedule, &error);
            Parsed entry;
            if (parsedExpression.isValid()) {
                entry.index = int(expressions.size());
                expressions.append(parsedExpression);
            } else {
                entry.error = error.message;
            }
            expression = parsed.insert(cron.schedule, entry);
        }
        if (expression->index < 0) {
            plan.m_skipped.append({int(i), cron.cronId, SkippedCron::Reason::InvalidSchedule,
                                   tr("Cron %1 is left out: its schedule “%2” is not valid. %3")
                                       .arg(cron.cronId, cron.schedule, expression->error)});
            continue;
        }
        auto zone = zones.constFind(cron.timezone);
        if (zone == zones.constEnd())
            zone = zones.insert(cron.timezone, timelineZone(cron.timezone));
        if (!zone.value()) {
            plan.m_skipped.append({int(i), cron.cronId, SkippedCron::Reason::InvalidTimezone,
                                   tr("Cron %1 is left out: its time zone “%2” is not an IANA "
                                      "time zone name, so when it fires is not known.")
                                       .arg(cron.cronId, cron.timezone)});
            continue;
        }
        const qint64 until = cron.endTime ? std::min(window.to, *cron.endTime + 1) : window.to;
        const GroupKey key {expression->index, zone.value(), until};
        auto group = groupIndex.constFind(key);
        if (group == groupIndex.constEnd()) {
            FireGroup fireGroup;
            fireGroup.expression = expressions.at(expression->index);
            fireGroup.zone = zone.value();
            fireGroup.zoneName = cron.timezone;
            fireGroup.until = until;
            group = groupIndex.insert(key, int(plan.m_groups.size()));
            plan.m_groups.append(fireGroup);
        }
        plan.m_groups[group.value()].crons.append(int(i));
        plan.m_groupOf[i] = group.value();
        ++plan.m_scheduled;
    }
    return plan;
}

QList<qint64> FirePlan::bucketCounts(const TimeBuckets &buckets,
                                     const TimelineProgress &progress) const
{
    QList<qint64> counts(buckets.count(), 0);
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        if (progress && g % 64 == 0 && !progress(g, m_groups.size()))
            return {};
        const FireGroup &group = m_groups.at(g);
        addFireTimeCounts(group.expression, *group.zone, m_window.from, group.until, buckets,
                          group.crons.size(), counts.data());
    }
    if (progress)
        progress(m_groups.size(), m_groups.size());
    return counts;
}

qint64 FirePlan::groupFireCount(int group, qint64 from, qint64 to) const
{
    const FireGroup &g = m_groups.at(group);
    return countFireTimes(g.expression, *g.zone, std::max(from, m_window.from),
                          std::min(to, g.until));
}

qint64 FirePlan::fireCount(qint64 from, qint64 to) const
{
    qint64 total = 0;
    for (qsizetype g = 0; g < m_groups.size(); ++g)
        total += groupFireCount(int(g), from, to) * m_groups.at(g).crons.size();
    return total;
}

QList<CronFireCount> FirePlan::cronsFiringIn(qint64 from, qint64 to, qsizetype limit,
                                             qsizetype *cronCount) const
{
    // The crons of a group share its count, so the work is per group until the few crons asked
    // for are picked: a hover over a cell where 100,000 crons fire lists five of them without
    // sorting the rest.
    struct Firing
    {
        int group;
        qint64 count;
    };
    QList<Firing> firing;
    qsizetype total = 0;
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        const qint64 count = groupFireCount(int(g), from, to);
        if (count == 0)
            continue;
        firing.append({int(g), count});
        total += m_groups.at(g).crons.size();
    }
    if (cronCount)
        *cronCount = total;
    const qsizetype wanted = limit < 0 ? total : std::min(limit, total);
    QList<CronFireCount> result;
    if (wanted == 0)
        return result;
    result.reserve(wanted);
    std::sort(firing.begin(), firing.end(),
              [](const Firing &a, const Firing &b) { return a.count > b.count; });
    const auto byId = [this](int a, int b) { return m_crons.at(a).cronId < m_crons.at(b).cronId; };
    // Level by level of equal counts, most first; within a level by cron id.
    for (qsizetype i = 0; i < firing.size() && result.size() < wanted;) {
        const qint64 count = firing.at(i).count;
        QList<int> level;
        for (; i < firing.size() && firing.at(i).count == count; ++i)
            level.append(m_groups.at(firing.at(i).group).crons);
        const qsizetype need = wanted - result.size();
        if (need < level.size()) {
            std::partial_sort(level.begin(), level.begin() + need, level.end(), byId);
            level.resize(need);
        } else {
            std::sort(level.begin(), level.end(), byId);
        }
        for (const int cron : std::as_const(level))
            result.append({cron, count});
    }
    return result;
}

QSet<QString> FirePlan::cronIdsFiringIn(qint64 from, qint64 to) const
{
    QSet<QString> ids;
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        if (groupFireCount(int(g), from, to) == 0)
            continue;
        for (const int cron : m_groups.at(g).crons)
            ids.insert(m_crons.at(cron).cronId);
    }
    return ids;
}

QList<CronFires> FirePlan::fireInstants(const QList<int> &cronIndices, qsizetype limit) const
{
    QList<CronFires> result;
    result.reserve(cronIndices.size());
    for (const int index : cronIndices) {
        CronFires fires;
        fires.index = index;
        const int g = groupOf(index);
        if (g < 0) {
            fires.skipped = true;
        } else {
            const FireGroup &group = m_groups.at(g);
            fires.instants = listFireTimes(group.expression, *group.zone, m_window.from,
                                           group.until, limit, &fires.truncated);
        }
        result.append(fires);
    }
    return result;
}

void FirePlan::forEachFire(const std::function<bool(qint64, int)> &visit) const
{
    // Ties in time go by cron id: rank the crons once so that the queue compares integers.
    QList<int> byId;
    byId.reserve(m_scheduled);
    for (const FireGroup &group : m_groups)
        byId.append(group.crons);
    std::sort(byId.begin(), byId.end(), [this](int a, int b) {
        return std::tie(m_crons.at(a).cronId, a) < std::tie(m_crons.at(b).cronId, b);
    });

    struct Pending
    {
        qint64 at;
        int rank;
        bool operator>(const Pending &other) const
        {
            return std::tie(at, rank) > std::tie(other.at, other.rank);
        }
    };
    std::priority_queue<Pending, std::vector<Pending>, std::greater<Pending>> queue;
    const auto following = [this, &byId](int rank, qint64 after) -> std::optional<qint64> {
        const FireGroup &group = m_groups.at(m_groupOf.at(byId.at(rank)));
        const std::optional<qint64> next = group.expression.nextSeconds(after, *group.zone);
        if (!next || *next >= group.until)
            return std::nullopt;
        return next;
    };
    for (qsizetype rank = 0; rank < byId.size(); ++rank) {
        if (const std::optional<qint64> first = following(int(rank), m_window.from - 1))
            queue.push({*first, int(rank)});
    }
    while (!queue.empty()) {
        const Pending top = queue.top();
        queue.pop();
        if (!visit(top.at, byId.at(top.rank)))
            return;
        if (const std::optional<qint64> next = following(top.rank, top.at))
            queue.push({*next, top.rank});
    }
}

} // namespace crondesk::models
