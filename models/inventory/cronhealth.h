#pragma once

#include <models/api/cron.h>
#include <models/audit/cronrules.h>
#include <models/audit/scheduleinsight.h>
#include <models/inventory/lastrunstate.h>

#include <QDateTime>
#include <QFlags>
#include <QString>

#include <chrono>

namespace crondesk::models {

// What can be wrong with, or worth knowing about, one cron. Each flag is a question an operator
// auditing a deployment asks; `describeHealth` answers it in words.
//
// The flags are the audit's rules about one cron (models/audit, judgeCron()), under the
// profile's audit policy, plus Due: the health column and the audit can never disagree.
//
// Health is judged on what the server said when the row was read (`readAt`), not on the wall
// clock: a row read minutes ago says nothing about whether the scheduler has fired since. So
// "overdue" means the server itself still had a next_run_date more than overdueGrace in the past
// when it answered; a row whose next run has come since it was read is Due until it is read again.
enum class HealthFlag : quint16 {
    Overdue = 1 << 0, // overdue: when read, next_run_date was more than the grace past
    Drift = 1 << 1, // next-run-mismatch: next_run_date is not what the engine computes
    NeverFires = 1 << 2, // never-fires: a valid expression no calendar satisfies (30 February)
    InvalidSchedule = 1 << 3, // invalid-schedule: the engine cannot parse what the server stored
    Ended = 1 << 4, // ended: end_time has passed
    Paused = 1 << 5, // paused
    Frequent = 1 << 6, // too-frequent: fires more often than every 5 minutes (the policy's)
    DstSoon = 1 << 7, // dst-exposure: a fire time within 30 days in a DST gap or overlap
    InvalidTimezone = 1 << 8, // invalid-timezone: fire times cannot be judged
    Due = 1 << 9, // next_run_date came after the row was read: checking, not yet judged
    // malformed-field: the server sent a field the client cannot read (api::Cron::malformed): a
    // garbage date, a string for the payload, ... The field shows as missing, which it may not be.
    MalformedField = 1 << 10,
    StatelessKeep = 1 << 11, // stateless-keep: every run leaves a thread behind
    InsecureWebhook = 1 << 12, // insecure-webhook: plain http, or a private or loopback address
    MissingMetadata = 1 << 13, // missing-metadata: keys the policy requires are missing
    NoEndTime = 1 << 14, // no-end-time (off unless the policy turns it on)
    // last-run-failed: the most recent run read for it ended in error or timed out. Judged only
    // on run history that was read (CronLastRunState), never guessed for a cron whose runs were
    // not read.
    LastRunFailed = 1 << 15,
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

// Notes that still ask for a look (cost, DST, hygiene the team's policy asks for): shown as
// warnings, unlike Paused, Ended, Due and No end time.
constexpr HealthFlags warningFlags()
{
    return HealthFlags(HealthFlag::Frequent) | HealthFlag::DstSoon | HealthFlag::StatelessKeep
        | HealthFlag::InsecureWebhook | HealthFlag::MissingMetadata | HealthFlag::LastRunFailed;
}

// How long after a next_run_date the server may still be about to fire the cron and move its
// next_run_date on: its scheduler polls every 5 s (api-contract.md §6.1, SLEEP_TIME /
// CRON_SCHEDULER_SLEEP_TIME), so one poll may just have been missed (10 s); creating the runs of
// a wave of crons due the same minute takes more, and the operator's clock and the server's may
// be a few seconds apart. 30 s covers all of that and still flags a stuck scheduler within a
// minute of the missed run. (The audit policy's overdue grace_seconds, by default.)
constexpr std::chrono::seconds overdueGrace {30};
// A row that became due is read again once the scheduler had a poll to fire it...
constexpr std::chrono::seconds rereadDelay {5};
// ...and not more often than this while the server has not moved it on (until overdueGrace has
// passed and the answer is final): at most a handful of reads per missed run.
constexpr std::chrono::seconds rereadSpacing {10};

// The health flag of a per-cron audit rule; 0 for rules about several crons or the server.
HealthFlags healthFlagOf(AuditRule rule);
// The health flags of an audit verdict: its rules, and Due.
HealthFlags healthFlagsOf(const CronVerdict &verdict);

// The health of one cron as read from the server at `readAt`, judged at `now` (ended, due) under
// the audit rule settings (the default policy's unless given). An invalid `readAt` means "read at
// `now`". `webhook`, when given, is the cron's payload webhook already read (webhookOf()).
HealthFlags assessHealth(const api::Cron &cron, const ScheduleInsight &insight,
                         const QDateTime &readAt, const QDateTime &now,
                         const CronRuleSettings &settings = CronRuleSettings::defaults(),
                         const QString *webhook = nullptr);

// The health flag its run history gives a cron: LastRunFailed when the last run read ended in
// failure and the policy enables last-run-failed; nothing when its runs are not known.
HealthFlags lastRunHealth(const CronLastRunState &state,
                          const CronRuleSettings &settings = CronRuleSettings::defaults());

// When a cron with these flags should be read from the server again: for a Due cron, a poll of
// the scheduler after it came due and rereadSpacing after the last read; invalid otherwise.
QDateTime rereadTime(const api::Cron &cron, HealthFlags flags, const QDateTime &readAt);

// One sentence per flag, for a tooltip or the details pane.
QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &readAt, const QDateTime &now,
                           const CronRuleSettings &settings = CronRuleSettings::defaults(),
                           const CronLastRunState *lastRun = nullptr);

// The flags' short names joined ("Overdue, Paused"), or "Healthy": the health as a table cell,
// for export and copy.
QString healthSummary(HealthFlags flags);

// The short name of a flag ("Overdue", "DST soon"), for filter menus.
QString healthFlagName(HealthFlag flag);
QList<HealthFlag> allHealthFlags();

} // namespace crondesk::models
