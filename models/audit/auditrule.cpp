#include "auditrule.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr AuditSeverity Info = AuditSeverity::Info;
constexpr AuditSeverity Warning = AuditSeverity::Warning;
constexpr AuditSeverity Error = AuditSeverity::Error;

} // namespace

const QList<AuditRuleInfo> &auditRules()
{
    // The texts are translated where they are shown (ruleTitle(), ...).
    static const QList<AuditRuleInfo> rules {
        {AuditRule::InvalidSchedule,
         "invalid-schedule"_L1,
         Error,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Invalid schedule"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The stored schedule is not a cron expression the server "
                           "can fire."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Edit the cron and enter a valid cron expression, such as "
                           "“0 9 * * 1-5”."),
         {}},
        {AuditRule::InvalidTimezone,
         "invalid-timezone"_L1,
         Error,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Invalid time zone"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The stored time zone is no IANA time zone name, so when "
                           "the cron fires cannot be known."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Set an IANA time zone such as Europe/Berlin or "
                           "America/New_York."),
         {}},
        {AuditRule::NeverFires,
         "never-fires"_L1,
         Error,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Never fires"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "A valid expression that no date satisfies, such as 30 "
                           "February."),
         QT_TRANSLATE_NOOP("AuditRule", "Correct the day and month fields, or delete the cron."),
         {}},
        {AuditRule::MalformedField,
         "malformed-field"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Malformed field"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The server sent a field the client cannot read; "
                           "whatever depends on it was judged without it."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Check the server's stored data for this cron; saving the "
                           "field again from Cron Desk rewrites it."),
         {}},
        {AuditRule::Overdue,
         "overdue"_L1,
         Error,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Overdue"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "An enabled cron whose next run had passed by more than "
                           "the scheduler's grace when it was read."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Check that the server's cron scheduler is running (its "
                           "logs and queue): a stuck scheduler delays every cron."),
         {{"grace_seconds"_L1, 30, 0, 86400,
           "seconds after next_run_date during which the scheduler may still fire it"}}},
        {AuditRule::NextRunMismatch,
         "next-run-mismatch"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Next run disagrees"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The server's next_run_date is not what the schedule "
                           "engine computes for the schedule and zone."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Save the schedule again so that the server recomputes "
                           "the next run, and compare the server's time zone data."),
         {}},
        {AuditRule::Ended,
         "ended"_L1,
         Info,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "End time passed"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The end time has passed: the cron will not fire again, "
                           "but it is still listed."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Delete it, or move its end time if it should keep "
                           "running."),
         {}},
        {AuditRule::Paused,
         "paused"_L1,
         Info,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Paused"),
         QT_TRANSLATE_NOOP("AuditRule", "The cron is listed but does not fire until resumed."),
         QT_TRANSLATE_NOOP("AuditRule", "Resume it if it is still needed, or delete it."),
         {{"min_days"_L1, 0, 0, 3650,
           "report only crons unchanged for at least this many days since their last update"}}},
        {AuditRule::TooFrequent,
         "too-frequent"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Too frequent"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The schedule can fire more often than the policy allows; "
                           "every run costs."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Run it less often, or do the work of several runs in "
                           "one."),
         {{"min_interval_seconds"_L1, 300, 1, 31 * 86400,
           "the shortest interval between two runs that is not reported"}}},
        {AuditRule::DstExposure,
         "dst-exposure"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "DST exposure"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "A fire time within the horizon falls in a daylight "
                           "saving gap or overlap of the cron's zone."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Schedule it outside the hour the clocks change, or in "
                           "UTC, if the shifted or merged run matters."),
         {{"days"_L1, 30, 1, 366, "how many days ahead clock changes are looked for"}}},
        {AuditRule::Duplicate,
         "duplicate"_L1,
         Warning,
         true,
         AuditScope::CrossCron,
         QT_TRANSLATE_NOOP("AuditRule", "Duplicate"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "An active cron with the same assistant, thread, schedule, "
                           "zone and payload as an older one: the work runs twice."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Delete the newer copy, or make the two differ on "
                           "purpose."),
         {}},
        {AuditRule::StatelessKeep,
         "stateless-keep"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Stateless, keeps threads"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "A stateless cron with on_run_completed “keep”: every run "
                           "leaves a new thread behind."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Set on_run_completed to “delete”, or bind the cron to "
                           "one thread."),
         {}},
        {AuditRule::InsecureWebhook,
         "insecure-webhook"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Insecure webhook"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The webhook is plain http, or points at a private or "
                           "loopback address."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Use an https URL on a public host that the server is "
                           "meant to call."),
         {}},
        {AuditRule::MissingMetadata,
         "missing-metadata"_L1,
         Warning,
         true,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "Missing metadata"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Metadata keys the policy requires (such as owner) are "
                           "missing or empty."),
         QT_TRANSLATE_NOOP("AuditRule", "Add the missing keys to the cron's metadata."),
         {}},
        {AuditRule::NoEndTime,
         "no-end-time"_L1,
         Info,
         false,
         AuditScope::Cron,
         QT_TRANSLATE_NOOP("AuditRule", "No end time"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The cron has no end time: it runs until someone deletes "
                           "it."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Set an end time, so that a forgotten cron stops on its "
                           "own."),
         {}},
        {AuditRule::Burst,
         "burst"_L1,
         Warning,
         true,
         AuditScope::CrossCron,
         QT_TRANSLATE_NOOP("AuditRule", "Burst"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "More crons than the policy allows fire in the same "
                           "minute within the horizon."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Spread their schedules over the hour (different "
                           "minutes), so that their runs do not queue together."),
         {{"max_crons_per_minute"_L1, 10, 1, 1000000,
           "the most crons that may fire in one minute without a finding"}}},
        {AuditRule::OrphanAssistant,
         "orphan-assistant"_L1,
         Error,
         true,
         AuditScope::ServerState,
         QT_TRANSLATE_NOOP("AuditRule", "Assistant gone"),
         QT_TRANSLATE_NOOP("AuditRule", "The cron's assistant no longer exists on the server."),
         QT_TRANSLATE_NOOP("AuditRule", "Point the cron at an existing assistant, or delete it."),
         {}},
        {AuditRule::OrphanThread,
         "orphan-thread"_L1,
         Error,
         true,
         AuditScope::ServerState,
         QT_TRANSLATE_NOOP("AuditRule", "Thread gone"),
         QT_TRANSLATE_NOOP("AuditRule", "The cron's thread no longer exists on the server."),
         QT_TRANSLATE_NOOP("AuditRule",
                           "Delete the cron, or create it again on an existing "
                           "thread."),
         {}},
        {AuditRule::LastRunFailed,
         "last-run-failed"_L1,
         Warning,
         true,
         AuditScope::RunHistory,
         QT_TRANSLATE_NOOP("AuditRule", "Last run failed"),
         QT_TRANSLATE_NOOP("AuditRule",
                           "The cron's most recent run ended in error or timed "
                           "out."),
         QT_TRANSLATE_NOOP("AuditRule", "Open the run on the server to see why it failed."),
         {}},
    };
    return rules;
}

const AuditRuleInfo &auditRuleInfo(AuditRule rule)
{
    return auditRules().at(int(rule));
}

QLatin1StringView ruleId(AuditRule rule)
{
    return auditRuleInfo(rule).id;
}

std::optional<AuditRule> ruleFromId(QStringView id)
{
    for (const AuditRuleInfo &info : auditRules()) {
        if (id == info.id)
            return info.rule;
    }
    return std::nullopt;
}

QString ruleTitle(AuditRule rule)
{
    return QCoreApplication::translate("AuditRule", auditRuleInfo(rule).title);
}

QString ruleExplanation(AuditRule rule)
{
    return QCoreApplication::translate("AuditRule", auditRuleInfo(rule).explanation);
}

QString ruleSuggestion(AuditRule rule)
{
    return QCoreApplication::translate("AuditRule", auditRuleInfo(rule).suggestion);
}

QLatin1StringView severityId(AuditSeverity severity)
{
    switch (severity) {
    case AuditSeverity::Info:
        return "info"_L1;
    case AuditSeverity::Warning:
        return "warning"_L1;
    case AuditSeverity::Error:
        return "error"_L1;
    }
    return {};
}

std::optional<AuditSeverity> severityFromId(QStringView id)
{
    for (const AuditSeverity severity :
         {AuditSeverity::Info, AuditSeverity::Warning, AuditSeverity::Error}) {
        if (id == severityId(severity))
            return severity;
    }
    return std::nullopt;
}

QString severityTitle(AuditSeverity severity)
{
    switch (severity) {
    case AuditSeverity::Info:
        return QCoreApplication::translate("AuditRule", "Info");
    case AuditSeverity::Warning:
        return QCoreApplication::translate("AuditRule", "Warning");
    case AuditSeverity::Error:
        return QCoreApplication::translate("AuditRule", "Error");
    }
    return {};
}

QList<AuditRule> AuditRuleSet::rules() const
{
    QList<AuditRule> list;
    for (int i = 0; i < auditRuleCount; ++i) {
        if (m_bits & (1u << i))
            list.append(AuditRule(i));
    }
    return list;
}

} // namespace crondesk::models
