#pragma once

#include <models/api/cron.h>
#include <models/audit/auditpolicy.h>
#include <models/audit/scheduleinsight.h>

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace crondesk::models {

// The rules a default policy enables.
AuditRuleSet defaultEnabledRules();

// The part of a policy that the rules about one cron read, in the form they read it.
struct CronRuleSettings
{
    AuditRuleSet enabled = defaultEnabledRules();
    std::chrono::seconds overdueGrace {30};
    std::chrono::seconds minInterval {ScheduleInsightCache::frequentThreshold};
    int dstDays = ScheduleInsightCache::dstHorizonDays;
    std::chrono::seconds pausedMinimum {0};
    QStringList requiredMetadata;

    static CronRuleSettings fromPolicy(const AuditPolicy &policy);
    // The settings of the default policy, made once.
    static const CronRuleSettings &defaults();
    friend bool operator==(const CronRuleSettings &, const CronRuleSettings &) = default;
};

// What the rules about one cron found.
struct CronVerdict
{
    AuditRuleSet rules; // the per-cron rules (AuditScope::Cron) that fire, among those enabled
    // The next run came after the cron was read (or so shortly before that the scheduler may not
    // have had its poll): whether it fired is unknown until it is read again, so neither overdue
    // nor next-run-mismatch is judged. Not a finding.
    bool due = false;
};

// The one evaluation of a cron on its own, shared by the audit (runAudit) and the inventory's
// health column (assessHealth), so that the two can never disagree.
//
// The cron is judged as the server described it when it was read (`readAt`), at `now` (ended,
// due); a cron read after `now` is judged at its read time. An invalid `readAt` means "read at
// `now`". `webhook` is the cron's payload webhook (webhookOf()), passed in because reading it
// from the payload is the dearest step at 100,000 crons and callers keep it.
CronVerdict judgeCron(const api::Cron &cron, const QString &webhook, const ScheduleInsight &insight,
                      const CronRuleSettings &settings, const QDateTime &readAt,
                      const QDateTime &now);

// Since when the scheduler could fire the cron: its next_run_date, or the last change if that
// came later (a cron resumed with a next run in the past fires at the scheduler's next poll).
QDateTime dueSince(const api::Cron &cron);

// The webhook in the cron's payload, without parsing a payload that has none.
QString webhookOf(const api::Cron &cron);

// What is wrong with a webhook URL, for insecure-webhook.
struct WebhookRisk
{
    bool plainHttp = false; // http:// to a host that is not this machine
    bool loopback = false; // localhost, 127.0.0.0/8, ::1: the server would call itself
    bool privateAddress = false; // RFC 1918, link-local, CGNAT, ULA, .local/.internal names
    bool isRisky() const { return plainHttp || loopback || privateAddress; }
};
WebhookRisk webhookRisk(const QString &webhook);
// The webhook as safe to print in a report: without user name, password, query or fragment,
// which often carry a token.
QString redactedWebhook(const QString &webhook);

// The required keys the cron's metadata lacks (absent, null, or an empty string).
QStringList missingMetadataKeys(const api::Cron &cron, const QStringList &required);

// Whether a run with this status ended in failure, for last-run-failed: an error, or a timeout.
// Interrupted runs were stopped by someone and are not counted.
bool isFailedRunStatus(QStringView status);

// The DST notes of the insight that fall within `days` days from `now`.
QList<schedule::DstNote> dstNotesWithin(const ScheduleInsight &insight, const QDateTime &now,
                                        int days);

} // namespace crondesk::models
