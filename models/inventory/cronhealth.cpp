#include "cronhealth.h"

#include <models/common/displayformat.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("CronHealth", text);
}

QString readTimeText(const QDateTime &readAt)
{
    return readAt.toLocalTime().toString(u"HH:mm:ss"_s);
}

} // namespace

HealthFlags healthFlagOf(AuditRule rule)
{
    switch (rule) {
    case AuditRule::InvalidSchedule:
        return HealthFlag::InvalidSchedule;
    case AuditRule::InvalidTimezone:
        return HealthFlag::InvalidTimezone;
    case AuditRule::NeverFires:
        return HealthFlag::NeverFires;
    case AuditRule::MalformedField:
        return HealthFlag::MalformedField;
    case AuditRule::Overdue:
        return HealthFlag::Overdue;
    case AuditRule::NextRunMismatch:
        return HealthFlag::Drift;
    case AuditRule::Ended:
        return HealthFlag::Ended;
    case AuditRule::Paused:
        return HealthFlag::Paused;
    case AuditRule::TooFrequent:
        return HealthFlag::Frequent;
    case AuditRule::DstExposure:
        return HealthFlag::DstSoon;
    case AuditRule::StatelessKeep:
        return HealthFlag::StatelessKeep;
    case AuditRule::InsecureWebhook:
        return HealthFlag::InsecureWebhook;
    case AuditRule::MissingMetadata:
        return HealthFlag::MissingMetadata;
    case AuditRule::NoEndTime:
        return HealthFlag::NoEndTime;
    case AuditRule::LastRunFailed:
        return HealthFlag::LastRunFailed;
    case AuditRule::Duplicate:
    case AuditRule::Burst:
    case AuditRule::OrphanAssistant:
    case AuditRule::OrphanThread:
        break;
    }
    return {};
}

HealthFlags healthFlagsOf(const CronVerdict &verdict)
{
    HealthFlags flags;
    for (int i = 0; i < auditRuleCount; ++i) {
        if (verdict.rules.has(AuditRule(i)))
            flags |= healthFlagOf(AuditRule(i));
    }
    if (verdict.due)
        flags |= HealthFlag::Due;
    return flags;
}

HealthFlags assessHealth(const api::Cron &cron, const ScheduleInsight &insight,
                         const QDateTime &readAt, const QDateTime &now,
                         const CronRuleSettings &settings, const QString *webhook)
{
    // The audit's own evaluation of one cron: what it finds is what the health column shows.
    const QString read = webhook ? QString() : webhookOf(cron);
    return healthFlagsOf(
        judgeCron(cron, webhook ? *webhook : read, insight, settings, readAt, now));
}

HealthFlags lastRunHealth(const CronLastRunState &state, const CronRuleSettings &settings)
{
    if (state.lastRunFailed() && settings.enabled.has(AuditRule::LastRunFailed))
        return HealthFlag::LastRunFailed;
    return {};
}

QDateTime rereadTime(const api::Cron &cron, HealthFlags flags, const QDateTime &readAt)
{
    if (!(flags & HealthFlag::Due))
        return {};
    const QDateTime afterPoll = dueSince(cron).addSecs(rereadDelay.count());
    const QDateTime spaced = readAt.addSecs(rereadSpacing.count());
    return readAt.isValid() ? std::max(afterPoll, spaced) : afterPoll;
}

QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &readAt, const QDateTime &now,
                           const CronRuleSettings &settings, const CronLastRunState *lastRun)
{
    const QDateTime read = readAt.isValid() ? readAt : now;
    QStringList lines;
    // Instants in the cron's zone when it has one; otherwise as the server gave them, in UTC.
    const QString zone = insight.zoneValid ? cron.timezone : QString();
    if (flags & HealthFlag::InvalidTimezone)
        lines << translate("Invalid time zone: “%1” is not an IANA time zone name, so when it "
                           "fires cannot be checked; times are shown in UTC as the server gave "
                           "them.")
                     .arg(cron.timezone);
    if (flags & HealthFlag::InvalidSchedule)
        lines << translate("Invalid schedule: %1").arg(insight.parseError);
    if (flags & HealthFlag::NeverFires)
        lines << translate("Never fires: no date satisfies “%1”.").arg(cron.schedule);
    if (flags & HealthFlag::Overdue)
        lines << translate("Overdue: it should have fired at %1 (%2), and when read at %3 the "
                           "server had still not fired it.")
                     .arg(formatInstant(cron.nextRunDate, zone),
                          relativeTime(cron.nextRunDate, now), readTimeText(read));
    if (flags & HealthFlag::Due)
        lines << translate("Due: it was to fire at %1, and the last answer, read at %2, is too "
                           "early to say whether it did; checking with the server.")
                     .arg(formatInstant(cron.nextRunDate, zone), readTimeText(read));
    if (flags & HealthFlag::Drift) {
        const auto expected = insight.expression.next(read, insight.zone);
        lines << translate("Drift: the server says the next run is %1, the schedule says %2.")
                     .arg(formatInstant(cron.nextRunDate, zone),
                          expected ? formatInstant(*expected, zone) : translate("never"));
    }
    if (flags & HealthFlag::MalformedField) {
        for (const api::MalformedField &field : cron.malformed)
            lines << translate("Malformed %1: the server sent %2 (%3); it is shown as missing.")
                         .arg(field.field, field.received, field.problem);
    }
    if (flags & HealthFlag::Ended)
        lines << translate("Ended: its end time %1 has passed; it will not fire again.")
                     .arg(formatInstant(cron.endTime, zone));
    if (flags & HealthFlag::Paused)
        lines << translate("Paused: it is listed but does not fire until resumed.");
    if (flags & HealthFlag::Frequent)
        lines << translate("Frequent: it can fire every %1 s, which costs a run each time.")
                     .arg(insight.shortestInterval.count());
    if (flags & HealthFlag::DstSoon) {
        for (const schedule::DstNote &note :
             dstNotesWithin(insight, std::max(now, read), settings.dstDays))
            lines << translate("DST: %1").arg(note.explanation);
    }
    if (flags & HealthFlag::StatelessKeep)
        lines << translate("Keeps threads: a stateless cron with on_run_completed “keep” leaves "
                           "a new thread behind on every run.");
    if (flags & HealthFlag::InsecureWebhook) {
        const QString webhook = webhookOf(cron);
        const WebhookRisk risk = webhookRisk(webhook);
        lines << (risk.plainHttp ? translate("Insecure webhook: %1 is plain http, so each run's "
                                             "result crosses the network unencrypted.")
                                 : translate("Insecure webhook: %1 points at a private or "
                                             "loopback address."))
                     .arg(redactedWebhook(webhook));
    }
    if (flags & HealthFlag::MissingMetadata)
        lines << translate("Missing metadata: %1, which the audit policy requires.")
                     .arg(missingMetadataKeys(cron, settings.requiredMetadata).join(u", "_s));
    if (flags & HealthFlag::NoEndTime)
        lines << translate("No end time: it fires until someone deletes it.");
    if (flags & HealthFlag::LastRunFailed) {
        if (lastRun && lastRun->hasRun())
            lines << (lastRun->lastRun.status == u"timeout"
                          ? translate("Last run failed: run %1, started %2, timed out.")
                          : translate("Last run failed: run %1, started %2, ended in error."))
                         .arg(lastRun->lastRun.runId,
                              formatInstant(lastRun->lastRun.at, QString(), FormatZone::Local));
        else
            lines << translate("Last run failed: its most recent run ended in error or timed out.");
    }
    if (lines.isEmpty())
        lines << translate("Healthy: scheduled as expected.");
    return lines;
}

QString healthSummary(HealthFlags flags)
{
    QStringList names;
    for (const HealthFlag flag : allHealthFlags()) {
        if (flags & flag)
            names.append(healthFlagName(flag));
    }
    return names.isEmpty() ? translate("Healthy") : names.join(u", "_s);
}

QString healthFlagName(HealthFlag flag)
{
    switch (flag) {
    case HealthFlag::Overdue:
        return translate("Overdue");
    case HealthFlag::Drift:
        return translate("Next run disagrees");
    case HealthFlag::NeverFires:
        return translate("Never fires");
    case HealthFlag::InvalidSchedule:
        return translate("Invalid schedule");
    case HealthFlag::Ended:
        return translate("End time passed");
    case HealthFlag::Paused:
        return translate("Paused");
    case HealthFlag::Frequent:
        return translate("Fires every < 5 min");
    case HealthFlag::DstSoon:
        return translate("DST change within 30 days");
    case HealthFlag::InvalidTimezone:
        return translate("Invalid time zone");
    case HealthFlag::Due:
        return translate("Due, checking");
    case HealthFlag::MalformedField:
        return translate("Malformed field");
    case HealthFlag::StatelessKeep:
        return translate("Keeps threads");
    case HealthFlag::InsecureWebhook:
        return translate("Insecure webhook");
    case HealthFlag::MissingMetadata:
        return translate("Missing metadata");
    case HealthFlag::NoEndTime:
        return translate("No end time");
    case HealthFlag::LastRunFailed:
        return translate("Last run failed");
    }
    return {};
}

QList<HealthFlag> allHealthFlags()
{
    return {HealthFlag::Overdue,
            HealthFlag::Drift,
            HealthFlag::NeverFires,
            HealthFlag::InvalidSchedule,
            HealthFlag::InvalidTimezone,
            HealthFlag::MalformedField,
            HealthFlag::Due,
            HealthFlag::Ended,
            HealthFlag::Paused,
            HealthFlag::Frequent,
            HealthFlag::DstSoon,
            HealthFlag::StatelessKeep,
            HealthFlag::InsecureWebhook,
            HealthFlag::MissingMetadata,
            HealthFlag::NoEndTime,
            HealthFlag::LastRunFailed};
}

} // namespace crondesk::models
