#pragma once

#include <models/api/cron.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/dstnotes.h>

#include <QDateTime>
#include <QFlags>
#include <QHash>
#include <QString>
#include <QTimeZone>

#include <chrono>
#include <memory>

namespace crondesk::models {

// What can be wrong with, or worth knowing about, one cron. Each flag is a question an operator
// auditing a deployment asks; `describeHealth` answers it in words.
//
// Health is judged on what the server said when the row was read (`readAt`), not on the wall
// clock: a row read minutes ago says nothing about whether the scheduler has fired since. So
// "overdue" means the server itself still had a next_run_date more than overdueGrace in the past
// when it answered; a row whose next run has come since it was read is Due until it is read again.
enum class HealthFlag : quint16 {
    Overdue = 1 << 0, // when read, the server's next_run_date was more than overdueGrace past
    Drift = 1 << 1, // the server's next_run_date is not what the schedule engine computes
    NeverFires = 1 << 2, // a valid expression no calendar satisfies (e.g. 30 February)
    InvalidSchedule = 1 << 3, // the engine cannot parse what the server stored
    Ended = 1 << 4, // end_time has passed
    Paused = 1 << 5,
    Frequent = 1 << 6, // fires more often than every 5 minutes: cost
    DstSoon = 1 << 7, // a fire time within 30 days falls in a DST gap or overlap
    InvalidTimezone = 1 << 8, // the stored zone is no IANA name: fire times cannot be judged
    Due = 1 << 9, // next_run_date came after the row was read: checking, not yet judged
    // The server sent a field the client cannot read (api::Cron::malformed): a garbage date, a
    // string for the payload, ... The field shows as missing, which it may not be.
    MalformedField = 1 << 10,
};
Q_DECLARE_FLAGS(HealthFlags, HealthFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(HealthFlags)

// Flags that need action (an operator should look today) versus ones that are merely worth
// knowing; the view colours them differently.
constexpr HealthFlags problemFlags()
{
    return HealthFlags(HealthFlag::Overdue) | HealthFlag::Drift | HealthFlag::NeverFires
        | HealthFlag::InvalidSchedule | HealthFlag::InvalidTimezone | HealthFlag::MalformedField;
}

// How long after a next_run_date the server may still be about to fire the cron and move its
// next_run_date on: its scheduler polls every 5 s (api-contract.md §6.1, SLEEP_TIME /
// CRON_SCHEDULER_SLEEP_TIME), so one poll may just have been missed (10 s); creating the runs of
// a wave of crons due the same minute takes more, and the operator's clock and the server's may
// be a few seconds apart. 30 s covers all of that and still flags a stuck scheduler within a
// minute of the missed run.
constexpr std::chrono::seconds overdueGrace {30};
// A row that became due is read again once the scheduler had a poll to fire it...
constexpr std::chrono::seconds rereadDelay {5};
// ...and not more often than this while the server has not moved it on (until overdueGrace has
// passed and the answer is final): at most a handful of reads per missed run.
constexpr std::chrono::seconds rereadSpacing {10};

// Everything the schedule engine says about one schedule in one zone. Shared by every cron with
// the same schedule and zone, which in real deployments is most of them.
struct ScheduleInsight
{
    schedule::CronExpression expression;
    // The cron's zone; UTC when it has none, and also when its name is no IANA zone (zoneValid
    // false), only so that the server's instants can be shown, labelled UTC.
    QTimeZone zone;
    bool zoneValid = true;
    QString parseError; // empty when the expression is valid
    QString description; // plain English, or the raw expression when unparsable
    std::chrono::seconds shortestInterval {0};
    QList<schedule::DstNote> dstNotes; // within the DST horizon from when this was computed
};

// Computes and caches ScheduleInsight per (schedule, timezone). The DST notes look a fixed
// horizon ahead of the instant the entry was first computed; call clearIfOlderThan() so that they
// do not go stale in a long-running session.
class ScheduleInsightCache final
{
public:
    static constexpr int dstHorizonDays = 30;
    static constexpr std::chrono::seconds frequentThreshold {5 * 60};

    std::shared_ptr<const ScheduleInsight> insight(const QString &schedule, const QString &timezone,
                                                   const QDateTime &now);
    void clear() { m_entries.clear(); }
    // Drops everything when the cache was filled more than `age` before `now`; says whether it did.
    bool clearIfOlderThan(const QDateTime &now, std::chrono::seconds age);
    qsizetype size() const { return m_entries.size(); }

private:
    QHash<QString, std::shared_ptr<const ScheduleInsight>> m_entries;
    QDateTime m_filledAt;
};

// The health of one cron as read from the server at `readAt`, judged at `now` (ended, due). An
// invalid `readAt` means "read at `now`".
HealthFlags assessHealth(const api::Cron &cron, const ScheduleInsight &insight,
                         const QDateTime &readAt, const QDateTime &now);

// When a cron with these flags should be read from the server again: for a Due cron, a poll of
// the scheduler after it came due and rereadSpacing after the last read; invalid otherwise.
QDateTime rereadTime(const api::Cron &cron, HealthFlags flags, const QDateTime &readAt);

// One sentence per flag, for a tooltip or the details pane.
QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &readAt, const QDateTime &now);

// The flags' short names joined ("Overdue, Paused"), or "Healthy": the health as a table cell,
// for export and copy.
QString healthSummary(HealthFlags flags);

// The short name of a flag ("Overdue", "DST soon"), for filter menus.
QString healthFlagName(HealthFlag flag);
QList<HealthFlag> allHealthFlags();

} // namespace crondesk::models
