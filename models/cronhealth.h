#pragma once

#include <models/api/cron.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/dstnotes.h>

#include <QDateTime>
#include <QFlags>
#include <QHash>
#include <QString>
#include <QTimeZone>

#include <memory>

namespace crondesk::models {

// What can be wrong with, or worth knowing about, one cron. Each flag is a question an operator
// auditing a deployment asks; `describeHealth` answers it in words.
enum class HealthFlag : quint16 {
    Overdue = 1 << 0, // enabled, yet next_run_date is more than a minute in the past
    Drift = 1 << 1, // the server's next_run_date is not what the schedule engine computes
    NeverFires = 1 << 2, // a valid expression no calendar satisfies (e.g. 30 February)
    InvalidSchedule = 1 << 3, // the engine cannot parse what the server stored
    Ended = 1 << 4, // end_time has passed
    Paused = 1 << 5,
    Frequent = 1 << 6, // fires more often than every 5 minutes: cost
    DstSoon = 1 << 7, // a fire time within 30 days falls in a DST gap or overlap
    // The server sent a field the client cannot read (api::Cron::malformed): a garbage date, a
    // string for the payload, ... The field shows as missing, which it may not be.
    MalformedField = 1 << 8,
};
Q_DECLARE_FLAGS(HealthFlags, HealthFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(HealthFlags)

// Flags that need action (an operator should look today) versus ones that are merely worth
// knowing; the view colours them differently.
constexpr HealthFlags problemFlags()
{
    return HealthFlags(HealthFlag::Overdue) | HealthFlag::Drift | HealthFlag::NeverFires
        | HealthFlag::InvalidSchedule | HealthFlag::MalformedField;
}

// Everything the schedule engine says about one schedule in one zone. Shared by every cron with
// the same schedule and zone, which in real deployments is most of them.
struct ScheduleInsight
{
    schedule::CronExpression expression;
    QTimeZone zone;
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

// The health of one cron at `now`, judged with its schedule's insight.
HealthFlags assessHealth(const api::Cron &cron, const ScheduleInsight &insight,
                         const QDateTime &now);

// One sentence per flag, for a tooltip or the details pane.
QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &now);

// The short name of a flag ("Overdue", "DST soon"), for filter menus.
QString healthFlagName(HealthFlag flag);
QList<HealthFlag> allHealthFlags();

} // namespace crondesk::models
