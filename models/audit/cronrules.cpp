#include "cronrules.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::models {

AuditRuleSet defaultEnabledRules()
{
    static const AuditRuleSet rules = AuditPolicy().enabledRules();
    return rules;
}

const CronRuleSettings &CronRuleSettings::defaults()
{
    static const CronRuleSettings settings;
    return settings;
}

CronRuleSettings CronRuleSettings::fromPolicy(const AuditPolicy &policy)
{
    CronRuleSettings settings;
    settings.enabled = policy.enabledRules();
    settings.overdueGrace
        = std::chrono::seconds(qint64(policy.threshold(AuditRule::Overdue, "grace_seconds"_L1)));
    settings.minInterval = std::chrono::seconds(
        qint64(policy.threshold(AuditRule::TooFrequent, "min_interval_seconds"_L1)));
    settings.dstDays = int(policy.threshold(AuditRule::DstExposure, "days"_L1));
    settings.pausedMinimum
        = std::chrono::seconds(qint64(policy.threshold(AuditRule::Paused, "min_days"_L1) * 86400));
    settings.requiredMetadata = policy.requiredMetadata;
    return settings;
}

QDateTime dueSince(const api::Cron &cron)
{
    return cron.updatedAt.isValid() && cron.updatedAt > cron.nextRunDate ? cron.updatedAt
                                                                         : cron.nextRunDate;
}

QString webhookOf(const api::Cron &cron)
{
    if (cron.payload.isUnparsed()) {
        // Most payloads have no webhook: a look at the text spares parsing them.
        const QByteArray text = cron.payload.toCompactJson();
        if (!text.contains("\"webhook\""))
            return {};
        return QJsonDocument::fromJson(text).object().value("webhook"_L1).toString();
    }
    return cron.payload.value("webhook"_L1).toString();
}

namespace {

bool isLoopbackHost(const QString &host, const QHostAddress &address)
{
    if (host == "localhost"_L1 || host.endsWith(".localhost"_L1))
        return true;
    return !address.isNull() && address.isLoopback();
}

bool isPrivateHost(const QString &host, QHostAddress address)
{
    // Names that never resolve on the public internet.
    for (const QLatin1StringView suffix :
         {".local"_L1, ".internal"_L1, ".home.arpa"_L1, ".lan"_L1}) {
        if (host.endsWith(suffix))
            return true;
    }
    if (address.isNull())
        return false;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(v4);
    static const QList<std::pair<QHostAddress, int>> ranges {
        {QHostAddress(u"10.0.0.0"_s), 8},     {QHostAddress(u"172.16.0.0"_s), 12},
        {QHostAddress(u"192.168.0.0"_s), 16}, {QHostAddress(u"169.254.0.0"_s), 16},
        {QHostAddress(u"100.64.0.0"_s), 10},  {QHostAddress(u"0.0.0.0"_s), 8},
        {QHostAddress(u"fc00::"_s), 7},       {QHostAddress(u"fe80::"_s), 10},
    };
    for (const auto &[subnet, length] : ranges) {
        if (address.isInSubnet(subnet, length))
            return true;
    }
    return false;
}

} // namespace

WebhookRisk webhookRisk(const QString &webhook)
{
    WebhookRisk risk;
    const QUrl url(webhook.trimmed(), QUrl::StrictMode);
    // A relative webhook goes to the deployment's own routes: not a risk of its own.
    if (!url.isValid() || url.isRelative())
        return risk;
    const QString scheme = url.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1)
        return risk;
    const QString host = url.host().toLower();
    const QHostAddress address(host);
    risk.loopback = isLoopbackHost(host, address);
    risk.privateAddress = !risk.loopback && isPrivateHost(host, address);
    risk.plainHttp = scheme == "http"_L1 && !risk.loopback;
    return risk;
}

QString redactedWebhook(const QString &webhook)
{
    const QUrl url(webhook.trimmed());
    if (!url.isValid())
        return webhook.left(80);
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QStringList missingMetadataKeys(const api::Cron &cron, const QStringList &required)
{
    QStringList missing;
    if (required.isEmpty())
        return missing;
    const QJsonObject &metadata = cron.metadata;
    for (const QString &key : required) {
        const QJsonValue value = metadata.value(key);
        if (value.isUndefined() || value.isNull()
            || (value.isString() && value.toString().trimmed().isEmpty()))
            missing.append(key);
    }
    return missing;
}

bool isFailedRunStatus(QStringView status)
{
    return status == u"error" || status == u"timeout";
}

QList<schedule::DstNote> dstNotesWithin(const ScheduleInsight &insight, const QDateTime &now,
                                        int days)
{
    QList<schedule::DstNote> notes;
    const QDateTime until = now.addDays(days);
    for (const schedule::DstNote &note : insight.dstNotes) {
        if (note.firesAt >= now && note.firesAt <= until)
            notes.append(note);
    }
    return notes;
}

CronVerdict judgeCron(const api::Cron &cron, const QString &webhook, const ScheduleInsight &insight,
                      const CronRuleSettings &settings, const QDateTime &readAt,
                      const QDateTime &nowGiven)
{
    const QDateTime read = readAt.isValid() ? readAt : nowGiven;
    const QDateTime now = std::max(nowGiven, read);
    CronVerdict verdict;
    AuditRuleSet &found = verdict.rules;
    const auto finish = [&] {
        verdict.rules = found & settings.enabled;
        return verdict;
    };

    // What needs no schedule. First: whatever else is judged below was judged without the
    // fields that did not read.
    if (!cron.malformed.isEmpty())
        found.insert(AuditRule::MalformedField);
    if (cron.isStateless() && cron.onRunCompleted == "keep"_L1)
        found.insert(AuditRule::StatelessKeep);
    if (!webhook.isEmpty() && settings.enabled.has(AuditRule::InsecureWebhook)
        && webhookRisk(webhook).isRisky())
        found.insert(AuditRule::InsecureWebhook);
    if (settings.enabled.has(AuditRule::MissingMetadata)
        && !missingMetadataKeys(cron, settings.requiredMetadata).isEmpty())
        found.insert(AuditRule::MissingMetadata);
    if (!cron.endTime.isValid() && !cron.malformedField(u"end_time"))
        found.insert(AuditRule::NoEndTime);
    const bool ended = cron.endTime.isValid() && cron.endTime < now;
    if (ended)
        found.insert(AuditRule::Ended);
    if (!cron.enabled
        && (!cron.updatedAt.isValid()
            || cron.updatedAt.secsTo(now) >= settings.pausedMinimum.count()))
        found.insert(AuditRule::Paused);
    if (!insight.zoneValid)
        found.insert(AuditRule::InvalidTimezone);
    if (!insight.expression.isValid()) {
        found.insert(AuditRule::InvalidSchedule);
        return finish();
    }
    if (insight.expression.neverFires()) {
        found.insert(AuditRule::NeverFires);
        return finish();
    }
    if (insight.shortestInterval.count() > 0 && insight.shortestInterval < settings.minInterval)
        found.insert(AuditRule::TooFrequent);
    // Without a zone there is no fire time to compare the server's with: overdue, drift and DST
    // would all be guesses in UTC.
    if (!insight.zoneValid)
        return finish();
    if (!ended && !dstNotesWithin(insight, now, settings.dstDays).isEmpty())
        found.insert(AuditRule::DstExposure);

    // A paused or ended cron is not advanced by the scheduler, so its stale next_run_date says
    // nothing about the server's health.
    if (!cron.nextRunDate.isValid() || !cron.enabled || ended)
        return finish();
    // The server's own answer: when it was read, the run was long due and not fired.
    if (dueSince(cron).secsTo(read) > settings.overdueGrace.count()) {
        found.insert(AuditRule::Overdue);
        return finish();
    }
    // The run came due after the row was read (or so shortly before that the scheduler may not
    // have had its poll): what the server did since is unknown until the row is read again.
    if (cron.nextRunDate <= now) {
        verdict.due = true;
        return finish();
    }
    // The server's next run must be a fire time of the schedule, and no fire time may lie
    // between the read and it (which would mean the server skips runs).
    const std::optional<QDateTime> expected
        = insight.expression.next(cron.nextRunDate.addSecs(-1), insight.zone);
    if (!expected || *expected != cron.nextRunDate) {
        found.insert(AuditRule::NextRunMismatch);
    } else if (const std::optional<QDateTime> upcoming
               = insight.expression.next(read, insight.zone);
               upcoming && *upcoming < cron.nextRunDate) {
        found.insert(AuditRule::NextRunMismatch);
    }
    return finish();
}

} // namespace crondesk::models
