#pragma once

#include <models/api/cron.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>
#include <models/timeline/timebuckets.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace crondesk::models {

// What the timeline needs of a cron: small, so that a snapshot of 100,000 of them is cheap to take
// on the GUI thread and hand to a worker.
struct TimelineCron
{
    QString cronId;
    QString assistantId;
    QString schedule;
    QString timezone; // empty: the server default, UTC
    bool enabled = true;
    // Seconds since the epoch (UTC), rounded down: the cron fires at instants at or before it
    // (the server runs crons whose end_time is at or after now). nullopt: no end time.
    std::optional<qint64> endTime;

    friend bool operator==(const TimelineCron &, const TimelineCron &) = default;
};

TimelineCron timelineCron(const api::Cron &cron);

// A window of time, [from, to) in seconds since the epoch (UTC).
struct TimelineWindow
{
    qint64 from = 0;
    qint64 to = 0;

    qint64 length() const { return to - from; }
    friend bool operator==(const TimelineWindow &, const TimelineWindow &) = default;
};

// A cron the timeline leaves out because its fire times cannot be known.
struct SkippedCron
{
    enum class Reason { InvalidSchedule, InvalidTimezone };

    int index = 0; // into the crons given to FirePlan::build()
    QString cronId;
    Reason reason = Reason::InvalidSchedule;
    QString message; // a full, translated sentence naming the cron and what is wrong

    friend bool operator==(const SkippedCron &, const SkippedCron &) = default;
};

// Crons that fire at exactly the same instants in the window: same expression, same zone, same
// effective end. Real deployments repeat schedules heavily, so counting once per group is what
// makes 100,000 crons cheap.
struct FireGroup
{
    schedule::CronExpression expression;
    const schedule::ZoneRules *zone = nullptr; // owned by ZoneRules' process-wide cache
    QString zoneName; // as the crons spell it; empty for UTC
    qint64 until = 0; // the end of this group's part of the window: min(to, end time + 1 s)
    QList<int> crons; // indices into the crons given to FirePlan::build(), in that order
};

// One cron's fire count in a range of time.
struct CronFireCount
{
    int index = 0; // into the crons given to FirePlan::build()
    qint64 count = 0;
    friend bool operator==(const CronFireCount &, const CronFireCount &) = default;
};

// One cron's fire instants in the window, for a strip.
struct CronFires
{
    int index = 0; // into the crons given to FirePlan::build()
    QList<qint64> instants; // seconds since the epoch (UTC), ascending
    bool truncated = false; // more fires than the limit asked for
    bool skipped = false; // invalid schedule or zone, paused or ended: no instants
};

// Called now and then with how much of the work is done; returning false cancels it.
using TimelineProgress = std::function<bool(qsizetype done, qsizetype total)>;

// The fire times of a set of crons over a window, by the rules of the schedule engine
// (models/schedule, docs/schedule-dst.md): each cron in its own zone, DST gaps and overlaps as
// next_run_date handles them. Only enabled crons that have not ended by the window's start count;
// a cron with an end time in the window counts up to it. Crons whose schedule or zone the engine
// cannot read are left out and reported.
//
// An immutable value once built; every method is const and may run on any thread.
class FirePlan final
{
public:
    FirePlan() = default;

    // Groups the crons by (expression, zone, effective end). Crons that do not fire in the window
    // (paused, ended, schedules that never fire) are counted but grouped nowhere. Returns an
    // empty plan when `progress` cancels.
    static FirePlan build(const QList<TimelineCron> &crons, TimelineWindow window,
                          const TimelineProgress &progress = {});

    TimelineWindow window() const { return m_window; }
    const QList<TimelineCron> &crons() const { return m_crons; }
    const QList<FireGroup> &groups() const { return m_groups; }
    const QList<SkippedCron> &skipped() const { return m_skipped; }
    qsizetype pausedCount() const { return m_paused; }
    qsizetype endedCount() const { return m_ended; }
    // Crons in some group: enabled, not ended, with a schedule and zone the engine reads.
    qsizetype scheduledCount() const { return m_scheduled; }
    // The group a cron belongs to, or -1.
    int groupOf(int cronIndex) const { return m_groupOf.value(cronIndex, -1); }

    // Fires per bucket, every cron counted (a group's count times its size). Buckets outside the
    // window get only what falls in the window. Empty when `progress` cancels.
    QList<qint64> bucketCounts(const TimeBuckets &buckets,
                               const TimelineProgress &progress = {}) const;
    // Fires of every cron in [from, to) ∩ window.
    qint64 fireCount(qint64 from, qint64 to) const;
    // Fires of one group, for each of its crons, in [from, to) ∩ window.
    qint64 groupFireCount(int group, qint64 from, qint64 to) const;

    // The crons that fire in [from, to) ∩ window, most fires first (ties by cron id); at most
    // `limit` of them (all when negative). `cronCount`: how many fire there in all.
    QList<CronFireCount> cronsFiringIn(qint64 from, qint64 to, qsizetype limit = -1,
                                       qsizetype *cronCount = nullptr) const;
    // Their ids, for a filter.
    QSet<QString> cronIdsFiringIn(qint64 from, qint64 to) const;

    // The instants of each cron in `cronIndices`, at most `limit` per cron.
    QList<CronFires> fireInstants(const QList<int> &cronIndices, qsizetype limit) const;

    // Every fire of every cron in time order (ties by cron id): calls `visit(instant, cronIndex)`
    // until it returns false. Holds one pending instant per cron, never the whole list.
    void forEachFire(const std::function<bool(qint64 instant, int cronIndex)> &visit) const;

private:
    TimelineWindow m_window;
    QList<TimelineCron> m_crons;
    QList<FireGroup> m_groups;
    QList<SkippedCron> m_skipped;
    QList<int> m_groupOf; // per cron: its group, or -1
    qsizetype m_paused = 0;
    qsizetype m_ended = 0;
    qsizetype m_scheduled = 0;
};

// --- The counting core, on one expression in one zone ---

// How many fire times of `expression` in `zone` lie in [from, to). Counts without listing the
// instants: whole days, hours and minutes of matching wall-clock times are counted from the
// expression's value sets, and only the walls moved out of a DST gap are looked at one by one.
qint64 countFireTimes(const schedule::CronExpression &expression, const schedule::ZoneRules &zone,
                      qint64 from, qint64 to);

// Adds `weight` times the fire times of `expression` in `zone` within [from, to) to `counts`,
// bucket by bucket (counts has buckets.count() entries). The work grows with the number of
// buckets that receive something, not with the number of fire times.
void addFireTimeCounts(const schedule::CronExpression &expression, const schedule::ZoneRules &zone,
                       qint64 from, qint64 to, const TimeBuckets &buckets, qint64 weight,
                       qint64 *counts);

// The fire times in [from, to), in order, at most `limit` (all when negative); `truncated` says
// whether there were more. The schedule engine's nextSeconds(), step by step.
QList<qint64> listFireTimes(const schedule::CronExpression &expression,
                            const schedule::ZoneRules &zone, qint64 from, qint64 to,
                            qsizetype limit = -1, bool *truncated = nullptr);

// The zone a cron's `timezone` names, by the server's rules (models/schedule/zonerules.h):
// nullptr when it is not an IANA name. Cached for the process; thread-safe.
const schedule::ZoneRules *timelineZone(const QString &name);

// "1 fire", "12,345 fires": a count of fire times for people, in the user's locale.
QString fireCountText(qint64 count);

// "2026-03-09T02:30:00-04:00": an instant on `zone`'s clock with its offset ("+00:00" for UTC).
QString isoInZone(qint64 instant, const schedule::ZoneRules &zone);

} // namespace crondesk::models
