#include "auditengine.h"

#include "cronrules.h"
#include "scheduleinsight.h"

#include <models/api/timestamp.h>
#include <models/common/displayformat.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Audit", text);
}

// Counted messages are marked with QT_TRANSLATE_N_NOOP where they are written, so that lupdate
// finds them for the English plural forms (it cannot see through this wrapper).
QString translate(const char *text, int n)
{
    return QCoreApplication::translate("Audit", text, nullptr, n);
}

QJsonValue instantJson(const QDateTime &instant)
{
    return instant.isValid() ? QJsonValue(api::formatTimestamp(instant.toUTC()))
                             : QJsonValue(QJsonValue::Null);
}

QJsonValue textJson(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The burst rule lists at most this many crons and minutes in its evidence: a wave of 50,000
// crons on "0 * * * *" is one finding, not a megabyte of ids.
constexpr qsizetype maxListedCrons = 200;
constexpr qsizetype maxListedMinutes = 10;
// Fires of one group looked at for bursts: a month of every-second fires. Counting them is still
// milliseconds; a group firing more often than that cannot add another minute.
constexpr qint64 maxFiresPerGroup = 31 * 1440 * 60;

// The keys of a payload that are not the run itself: labels (the metadata, which also holds Cron
// Desk's request id and so differs between any two crons it created) and the fields the
// duplicate rule compares on their own or that only say whether and until when it runs.
const QStringList &payloadBookkeepingKeys()
{
    static const QStringList keys {u"metadata"_s,    u"schedule"_s, u"timezone"_s,
                                   u"enabled"_s,     u"end_time"_s, u"on_run_completed"_s,
                                   u"assistant_id"_s};
    return keys;
}

QByteArray runDefinition(const api::Cron &cron)
{
    QJsonObject payload = cron.payload.isUnparsed()
        ? QJsonDocument::fromJson(cron.payload.toCompactJson()).object()
        : cron.payload.object();
    for (const QString &key : payloadBookkeepingKeys())
        payload.remove(key);
    // QJsonObject keeps its keys sorted: the same payload written in another order is the same.
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

QString dstKindId(schedule::DstNote::Kind kind)
{
    return kind == schedule::DstNote::Kind::Gap ? u"gap"_s : u"overlap"_s;
}

QString dstOutcomeId(schedule::DstNote::Outcome outcome)
{
    switch (outcome) {
    case schedule::DstNote::Outcome::FiresLater:
        return u"fires-later"_s;
    case schedule::DstNote::Outcome::Skipped:
        return u"skipped"_s;
    case schedule::DstNote::Outcome::FiresOnceAtFirstOccurrence:
        return u"fires-once"_s;
    }
    return {};
}

class Auditor
{
public:
    Auditor(const AuditInput &input, const AuditPolicy &policy, const AuditOptions &options)
        : m_input(input)
        , m_policy(policy)
        , m_options(options)
        , m_now(input.now.isValid() ? input.now.toUTC() : QDateTime::currentDateTimeUtc())
        , m_settings(CronRuleSettings::fromPolicy(policy))
        , m_insights(m_settings.dstDays)
    {
        m_settings.enabled = policy.enabledRules() & options.rules;
    }

    AuditResult run()
    {
        AuditResult result;
        result.now = m_now;
        result.serverUrl = m_input.serverUrl;
        result.serverVersion = m_input.serverVersion;
        result.cronCount = int(m_input.crons.size());
        result.horizonDays = m_policy.horizonDays;
        for (int i = 0; i < auditRuleCount; ++i)
            result.severities[i] = m_policy.severity(AuditRule(i));
        AuditRuleSet wanted = m_settings.enabled;

        for (const AuditCron &entry : m_input.crons)
            judge(entry);

        QList<const api::Cron *> crons;
        crons.reserve(m_input.crons.size());
        for (const AuditCron &entry : m_input.crons)
            crons.append(&entry.cron);
        if (wanted.has(AuditRule::Duplicate))
            findDuplicates(crons);
        const bool needGroups = wanted.has(AuditRule::Burst) || m_options.countFires;
        const FirePlan plan
            = needGroups ? auditFirePlan(crons, m_now, m_policy.horizonDays) : FirePlan();
        if (wanted.has(AuditRule::Burst))
            findBursts(crons, plan.groups());
        if (m_options.countFires)
            result.fires = hourlyFireCounts(plan);

        if (wanted.has(AuditRule::OrphanAssistant)) {
            if (m_input.assistantIds)
                findOrphanAssistants();
            else
                skip(&result, &wanted, AuditRule::OrphanAssistant,
                     m_input.assistantsUnavailable.isEmpty()
                         ? translate("The server's assistants were not read.")
                         : m_input.assistantsUnavailable);
        }
        if (wanted.has(AuditRule::OrphanThread)) {
            if (m_input.threadIds)
                findOrphanThreads();
            else
                skip(&result, &wanted, AuditRule::OrphanThread,
                     m_input.threadsUnavailable.isEmpty()
                         ? translate("The server's threads were not read.")
                         : m_input.threadsUnavailable);
        }
        if (wanted.has(AuditRule::LastRunFailed)) {
            if (m_input.lastRuns)
                findFailedRuns();
            else
                skip(&result, &wanted, AuditRule::LastRunFailed,
                     m_input.lastRunsUnavailable.isEmpty()
                         ? translate("No run history was read (crondeskctl audit reads it with "
                                     "--runs).")
                         : m_input.lastRunsUnavailable);
        }

        for (AuditFinding &finding : m_findings) {
            if (const AuditAcknowledgement *acknowledgement
                = m_policy.acknowledgementFor(finding.rule, finding.cronId, m_now)) {
                finding.acknowledged = true;
                finding.acknowledgementReason = acknowledgement->reason;
                finding.acknowledgedUntil = acknowledgement->until;
            }
        }
        std::stable_sort(m_findings.begin(), m_findings.end(),
                         [](const AuditFinding &a, const AuditFinding &b) {
                             if (a.severity != b.severity)
                                 return a.severity > b.severity;
                             if (a.rule != b.rule)
                                 return a.rule < b.rule;
                             return a.cronId < b.cronId;
                         });
        result.findings = std::move(m_findings);
        result.evaluated = wanted;
        result.disabled = AuditRuleSet::all() & AuditRuleSet::fromBits(~m_settings.enabled.bits());
        return result;
    }

private:
    static void skip(AuditResult *result, AuditRuleSet *wanted, AuditRule rule,
                     const QString &reason)
    {
        wanted->remove(rule);
        result->notEvaluated.append({rule, reason});
    }

    AuditFinding finding(AuditRule rule, const api::Cron *cron) const
    {
        AuditFinding entry;
        entry.rule = rule;
        entry.severity = m_policy.severity(rule);
        entry.suggestion = ruleSuggestion(rule);
        if (cron) {
            entry.cronId = cron->cronId;
            entry.assistantId = cron->assistantId;
            entry.threadId = cron->threadId;
        }
        return entry;
    }

    void judge(const AuditCron &entry)
    {
        const api::Cron &cron = entry.cron;
        const std::shared_ptr<const ScheduleInsight> insight
            = m_insights.insight(cron.schedule, cron.timezone, m_now);
        const QString webhook
            = m_settings.enabled.has(AuditRule::InsecureWebhook) ? webhookOf(cron) : QString();
        const QDateTime read = entry.readAt.isValid() ? entry.readAt.toUTC() : m_now;
        const CronVerdict verdict = judgeCron(cron, webhook, *insight, m_settings, read, m_now);
        if (verdict.rules.isEmpty())
            return;
        const QDateTime now = std::max(m_now, read);
        const QString zone = insight->zoneValid ? cron.timezone : QString();
        for (const AuditRule rule : verdict.rules.rules()) {
            AuditFinding item = finding(rule, &cron);
            describe(&item, cron, *insight, webhook, zone, read, now);
            m_findings.append(std::move(item));
        }
    }

    void describe(AuditFinding *item, const api::Cron &cron, const ScheduleInsight &insight,
                  const QString &webhook, const QString &zone, const QDateTime &read,
                  const QDateTime &now) const
    {
        QJsonObject &evidence = item->evidence;
        switch (item->rule) {
        case AuditRule::InvalidSchedule:
            item->message = translate("The stored schedule “%1” cannot be fired. %2")
                                .arg(cron.schedule, insight.parseError);
            evidence = {{"schedule"_L1, cron.schedule},
                        {"error"_L1, insight.parseError},
                        {"column"_L1, insight.parseErrorColumn}};
            break;
        case AuditRule::InvalidTimezone:
            item->message = translate("The stored time zone “%1” is no IANA time zone name, so "
                                      "when the cron fires cannot be checked: overdue, next-run "
                                      "and DST rules were not judged for it.")
                                .arg(cron.timezone);
            evidence = {{"timezone"_L1, cron.timezone}, {"schedule"_L1, cron.schedule}};
            break;
        case AuditRule::NeverFires:
            item->message
                = translate("No date satisfies “%1”: the cron never fires.").arg(cron.schedule);
            evidence = {{"schedule"_L1, cron.schedule}};
            break;
        case AuditRule::MalformedField: {
            QStringList parts;
            QJsonArray fields;
            for (const api::MalformedField &field : cron.malformed) {
                parts.append(
                    translate("%1 “%2” (%3)").arg(field.field, field.received, field.problem));
                fields.append(QJsonObject {{"field"_L1, field.field},
                                           {"received"_L1, field.received},
                                           {"problem"_L1, field.problem}});
            }
            item->message = translate("The server sent what the client cannot read: %1; it was "
                                      "judged as missing.")
                                .arg(parts.join(u", "_s));
            evidence = {{"fields"_L1, fields}};
            break;
        }
        case AuditRule::Overdue: {
            const QDateTime since = dueSince(cron);
            item->message
                = translate("It was due at %1 and, when read at %2, had not fired "
                            "%3 later (the scheduler's grace is %4).")
                      .arg(formatInstant(cron.nextRunDate, zone), formatInstant(read, zone),
                           formatAuditDuration(since.secsTo(read)),
                           formatAuditDuration(m_settings.overdueGrace.count()));
            evidence = {{"next_run_date"_L1, instantJson(cron.nextRunDate)},
                        {"due_since"_L1, instantJson(since)},
                        {"read_at"_L1, instantJson(read)},
                        {"late_seconds"_L1, since.secsTo(read)},
                        {"grace_seconds"_L1, qint64(m_settings.overdueGrace.count())}};
            break;
        }
        case AuditRule::NextRunMismatch: {
            const std::optional<QDateTime> expected = insight.expression.next(read, insight.zone);
            item->message
                = translate("The server's next run is %1; the schedule “%2” in %3 "
                            "gives %4.")
                      .arg(formatInstant(cron.nextRunDate, zone), cron.schedule,
                           cron.timezone.isEmpty() ? u"UTC"_s : cron.timezone,
                           expected ? formatInstant(*expected, zone) : translate("no fire time"));
            evidence = {{"next_run_date"_L1, instantJson(cron.nextRunDate)},
                        {"expected_next_run_date"_L1,
                         expected ? instantJson(*expected) : QJsonValue(QJsonValue::Null)},
                        {"read_at"_L1, instantJson(read)},
                        {"schedule"_L1, cron.schedule},
                        {"timezone"_L1, textJson(cron.timezone)}};
            break;
        }
        case AuditRule::Ended:
            item->message = translate("Its end time %1 passed %2 ago; it will not fire again but "
                                      "is still listed.")
                                .arg(formatInstant(cron.endTime, zone),
                                     formatAuditDuration(cron.endTime.secsTo(now)));
            evidence = {{"end_time"_L1, instantJson(cron.endTime)},
                        {"ended_seconds_ago"_L1, cron.endTime.secsTo(now)}};
            break;
        case AuditRule::Paused:
            if (cron.updatedAt.isValid()) {
                item->message = translate("Paused, and unchanged for %1 (last updated %2): it "
                                          "does not fire until resumed.")
                                    .arg(formatAuditDuration(cron.updatedAt.secsTo(now)),
                                         formatInstant(cron.updatedAt, zone));
                evidence = {{"updated_at"_L1, instantJson(cron.updatedAt)},
                            {"paused_for_seconds"_L1, cron.updatedAt.secsTo(now)}};
            } else {
                item->message = translate("Paused: it does not fire until resumed; since when is "
                                          "unknown (the server sent no update time).");
                evidence = {{"updated_at"_L1, QJsonValue(QJsonValue::Null)}};
            }
            break;
        case AuditRule::TooFrequent:
            item->message
                = translate("The schedule “%1” can fire every %2, more often than the "
                            "policy's %3.")
                      .arg(cron.schedule, formatAuditDuration(insight.shortestInterval.count()),
                           formatAuditDuration(m_settings.minInterval.count()));
            evidence = {{"schedule"_L1, cron.schedule},
                        {"shortest_interval_seconds"_L1, qint64(insight.shortestInterval.count())},
                        {"min_interval_seconds"_L1, qint64(m_settings.minInterval.count())}};
            break;
        case AuditRule::DstExposure: {
            const QList<schedule::DstNote> notes = dstNotesWithin(insight, now, m_settings.dstDays);
            QStringList explanations;
            QJsonArray changes;
            for (const schedule::DstNote &note : notes) {
                explanations.append(note.explanation);
                changes.append(QJsonObject {{"date"_L1, note.date.toString(Qt::ISODate)},
                                            {"wall_time"_L1, note.wallTime.toString(u"HH:mm"_s)},
                                            {"kind"_L1, dstKindId(note.kind)},
                                            {"outcome"_L1, dstOutcomeId(note.outcome)},
                                            {"fires_at"_L1, instantJson(note.firesAt)}});
            }
            item->message = translate(QT_TRANSLATE_N_NOOP(
                                          "Audit",
                                          "%n fire time(s) within the next %1 days fall on a clock "
                                          "change in %2: %3"),
                                      int(notes.size()))
                                .arg(QString::number(m_settings.dstDays), cron.timezone,
                                     explanations.join(u' '));
            evidence = {{"timezone"_L1, cron.timezone},
                        {"days"_L1, m_settings.dstDays},
                        {"changes"_L1, changes}};
            break;
        }
        case AuditRule::StatelessKeep:
            item->message = translate("A stateless cron that keeps each run's thread "
                                      "(on_run_completed “keep”): every run leaves a new thread "
                                      "behind.");
            evidence = {{"on_run_completed"_L1, cron.onRunCompleted},
                        {"thread_id"_L1, QJsonValue(QJsonValue::Null)},
                        {"schedule"_L1, cron.schedule}};
            break;
        case AuditRule::InsecureWebhook: {
            const WebhookRisk risk = webhookRisk(webhook);
            QStringList problems;
            if (risk.plainHttp)
                problems.append(translate("is plain http (each run's result crosses the network "
                                          "unencrypted)"));
            if (risk.loopback)
                problems.append(translate("points at a loopback address (the server would call "
                                          "itself)"));
            if (risk.privateAddress)
                problems.append(translate("points at a private address (reachable only inside "
                                          "that network)"));
            item->message = translate("Its webhook %1 %2.")
                                .arg(redactedWebhook(webhook), problems.join(translate(" and ")));
            evidence = {{"webhook"_L1, redactedWebhook(webhook)},
                        {"plain_http"_L1, risk.plainHttp},
                        {"loopback"_L1, risk.loopback},
                        {"private_address"_L1, risk.privateAddress}};
            break;
        }
        case AuditRule::MissingMetadata: {
            const QStringList missing = missingMetadataKeys(cron, m_settings.requiredMetadata);
            item->message = translate("Its metadata lacks %1, which the policy requires.")
                                .arg(missing.join(u", "_s));
            evidence = {{"missing"_L1, QJsonArray::fromStringList(missing)},
                        {"required"_L1, QJsonArray::fromStringList(m_settings.requiredMetadata)}};
            break;
        }
        case AuditRule::NoEndTime:
            item->message = translate("It has no end time: it fires until someone deletes it.");
            evidence = {{"end_time"_L1, QJsonValue(QJsonValue::Null)}};
            break;
        default:
            break;
        }
    }

    // Active crons that do the same work at the same times: the newer ones are findings, each
    // naming the oldest.
    void findDuplicates(const QList<const api::Cron *> &crons)
    {
        // Cheap keys first; a payload is read only when two crons already share the rest.
        QHash<QString, QList<const api::Cron *>> candidates;
        for (const api::Cron *cron : crons) {
            if (!cron->enabled || (cron->endTime.isValid() && cron->endTime <= m_now))
                continue;
            candidates[cron->assistantId + u'\x1f' + cron->threadId + u'\x1f' + cron->schedule
                       + u'\x1f' + cron->timezone]
                .append(cron);
        }
        for (const QList<const api::Cron *> &group : std::as_const(candidates)) {
            if (group.size() < 2)
                continue;
            QHash<QByteArray, QList<const api::Cron *>> same;
            for (const api::Cron *cron : group)
                same[runDefinition(*cron)].append(cron);
            for (QList<const api::Cron *> copies : std::as_const(same)) {
                if (copies.size() < 2)
                    continue;
                std::sort(copies.begin(), copies.end(), [](const api::Cron *a, const api::Cron *b) {
                    if (a->createdAt != b->createdAt)
                        return a->createdAt < b->createdAt;
                    return a->cronId < b->cronId;
                });
                QStringList ids;
                for (const api::Cron *cron : copies)
                    ids.append(cron->cronId);
                const api::Cron *original = copies.first();
                for (qsizetype i = 1; i < copies.size(); ++i) {
                    AuditFinding item = finding(AuditRule::Duplicate, copies.at(i));
                    item.message
                        = translate("It does the same as %1 (created %2): same assistant, "
                                    "thread, schedule, zone and payload, so the work runs twice.")
                              .arg(original->cronId, formatInstant(original->createdAt, QString()));
                    item.evidence = {{"duplicate_of"_L1, original->cronId},
                                     {"crons"_L1, QJsonArray::fromStringList(ids)},
                                     {"schedule"_L1, original->schedule},
                                     {"timezone"_L1, textJson(original->timezone)}};
                    m_findings.append(std::move(item));
                }
            }
        }
    }

    // Minutes within the horizon in which more crons fire than the policy allows, one finding
    // per set of crons that do so together.
    void findBursts(const QList<const api::Cron *> &crons, const QList<FireGroup> &groups)
    {
        const qint64 threshold
            = qint64(m_policy.threshold(AuditRule::Burst, "max_crons_per_minute"_L1));
        const qint64 from = m_now.toSecsSinceEpoch();
        const qint64 to = from / 3600 * 3600 + qint64(m_policy.horizonDays) * 86400;
        // (minute, group) for each minute a group fires in.
        std::vector<std::pair<qint64, int>> fires;
        for (int g = 0; g < groups.size(); ++g) {
            qint64 lastMinute = -1;
            // A group firing every second still counts once per minute: it is crons, not runs,
            // that make a burst. The fire plan's window starts on the hour `now` is in; bursts
            // are looked for from `now` to the end of that window.
            const FireGroup &group = groups.at(g);
            const qint64 end = std::min(to, group.until);
            std::optional<qint64> fire = group.expression.nextSeconds(from - 1, *group.zone);
            for (qint64 listed = 0; fire && *fire < end && listed < maxFiresPerGroup; ++listed) {
                const qint64 minute = *fire / 60 * 60;
                if (minute != lastMinute)
                    fires.emplace_back(minute, g);
                lastMinute = minute;
                fire = group.expression.nextSeconds(*fire, *group.zone);
            }
        }
        std::sort(fires.begin(), fires.end());
        struct Burst
        {
            QList<int> groups;
            QList<qint64> minutes;
            qint64 crons = 0;
        };
        std::map<QList<int>, Burst> bursts;
        for (size_t i = 0; i < fires.size();) {
            size_t j = i;
            qint64 count = 0;
            QList<int> together;
            while (j < fires.size() && fires[j].first == fires[i].first) {
                together.append(fires[j].second);
                count += groups.at(fires[j].second).crons.size();
                ++j;
            }
            if (count > threshold) {
                Burst &burst = bursts[together];
                burst.groups = together;
                burst.crons = count;
                burst.minutes.append(fires[i].first);
            }
            i = j;
        }
        for (const auto &[key, burst] : bursts) {
            QStringList ids;
            for (const int g : burst.groups) {
                for (const int member : groups.at(g).crons)
                    ids.append(crons.at(member)->cronId);
            }
            ids.sort();
            QJsonArray minutes;
            for (qsizetype i = 0; i < burst.minutes.size() && i < maxListedMinutes; ++i)
                minutes.append(instantJson(
                    QDateTime::fromSecsSinceEpoch(burst.minutes.at(i), QTimeZone::utc())));
            const QDateTime first
                = QDateTime::fromSecsSinceEpoch(burst.minutes.first(), QTimeZone::utc());
            AuditFinding item = finding(AuditRule::Burst, nullptr);
            QString listed = ids.mid(0, 5).join(u", "_s);
            if (ids.size() > 5)
                listed
                    += translate(QT_TRANSLATE_N_NOOP("Audit", " and %n more"), int(ids.size() - 5));
            item.message
                = translate(QT_TRANSLATE_N_NOOP(
                                "Audit",
                                "%1 crons fire in the same minute, %2, more than the policy's %3 "
                                "(%n time(s) within the next %4 days): %5."),
                            int(burst.minutes.size()))
                      .arg(QString::number(burst.crons), formatInstant(first, QString()),
                           QString::number(threshold), QString::number(m_policy.horizonDays),
                           listed);
            item.evidence
                = {{"minute"_L1, instantJson(first)},
                   {"crons_in_minute"_L1, burst.crons},
                   {"max_crons_per_minute"_L1, threshold},
                   {"occurrences"_L1, qint64(burst.minutes.size())},
                   {"minutes"_L1, minutes},
                   {"cron_count"_L1, qint64(ids.size())},
                   {"cron_ids"_L1, QJsonArray::fromStringList(ids.mid(0, maxListedCrons))}};
            m_findings.append(std::move(item));
        }
    }

    void findOrphanAssistants()
    {
        for (const AuditCron &entry : m_input.crons) {
            const api::Cron &cron = entry.cron;
            if (cron.assistantId.isEmpty() || m_input.assistantIds->contains(cron.assistantId))
                continue;
            AuditFinding item = finding(AuditRule::OrphanAssistant, &cron);
            item.message = translate("Its assistant %1 no longer exists on the server: its runs "
                                     "cannot start.")
                               .arg(cron.assistantId);
            item.evidence = {{"assistant_id"_L1, cron.assistantId}};
            m_findings.append(std::move(item));
        }
    }

    void findOrphanThreads()
    {
        for (const AuditCron &entry : m_input.crons) {
            const api::Cron &cron = entry.cron;
            if (cron.threadId.isEmpty() || m_input.threadIds->contains(cron.threadId))
                continue;
            AuditFinding item = finding(AuditRule::OrphanThread, &cron);
            item.message = translate("Its thread %1 no longer exists on the server: its runs "
                                     "have nowhere to go.")
                               .arg(cron.threadId);
            item.evidence = {{"thread_id"_L1, cron.threadId}};
            m_findings.append(std::move(item));
        }
    }

    void findFailedRuns()
    {
        for (const AuditCron &entry : m_input.crons) {
            const api::Cron &cron = entry.cron;
            const auto run = m_input.lastRuns->constFind(cron.cronId);
            if (run == m_input.lastRuns->cend() || !isFailedRunStatus(run->status))
                continue;
            AuditFinding item = finding(AuditRule::LastRunFailed, &cron);
            item.message = translate("Its last run %1, at %2, ended with status “%3”.")
                               .arg(run->runId, formatInstant(run->at, QString()), run->status);
            item.evidence = {{"run_id"_L1, run->runId},
                             {"status"_L1, run->status},
                             {"at"_L1, instantJson(run->at)}};
            m_findings.append(std::move(item));
        }
    }

    const AuditInput &m_input;
    const AuditPolicy &m_policy;
    const AuditOptions &m_options;
    QDateTime m_now;
    CronRuleSettings m_settings;
    ScheduleInsightCache m_insights;
    QList<AuditFinding> m_findings;
};

} // namespace

int AuditResult::count(AuditSeverity severity) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [severity](const AuditFinding &f) { return f.severity == severity; }));
}

int AuditResult::countOf(AuditRule rule) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [rule](const AuditFinding &f) { return f.rule == rule; }));
}

int AuditResult::acknowledgedCount() const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [](const AuditFinding &f) { return f.acknowledged; }));
}

bool AuditResult::hasUnacknowledgedAtLeast(AuditSeverity severity) const
{
    return std::any_of(findings.cbegin(), findings.cend(), [severity](const AuditFinding &f) {
        return !f.acknowledged && f.severity >= severity;
    });
}

AuditResult runAudit(const AuditInput &input, const AuditPolicy &policy,
                     const AuditOptions &options)
{
    return Auditor(input, policy, options).run();
}

AuditResult withMinimumSeverity(const AuditResult &result, AuditSeverity minimum)
{
    AuditResult filtered = result;
    filtered.findings.removeIf([minimum](const AuditFinding &f) { return f.severity < minimum; });
    return filtered;
}

QList<AuditCronScore> worstCrons(const AuditResult &result, int limit)
{
    QHash<QString, AuditCronScore> scores;
    for (const AuditFinding &finding : result.findings) {
        if (finding.cronId.isEmpty() || finding.acknowledged)
            continue;
        AuditCronScore &score = scores[finding.cronId];
        score.cronId = finding.cronId;
        score.assistantId = finding.assistantId;
        score.rules.insert(finding.rule);
        switch (finding.severity) {
        case AuditSeverity::Error:
            ++score.errors;
            break;
        case AuditSeverity::Warning:
            ++score.warnings;
            break;
        case AuditSeverity::Info:
            ++score.infos;
            break;
        }
    }
    QList<AuditCronScore> list = scores.values();
    std::sort(list.begin(), list.end(), [](const AuditCronScore &a, const AuditCronScore &b) {
        if (a.score() != b.score())
            return a.score() > b.score();
        return a.cronId < b.cronId;
    });
    if (list.size() > limit)
        list.resize(limit);
    return list;
}

QString formatAuditDuration(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 60)
        return translate("%1 s").arg(seconds);
    if (seconds < 3600)
        return seconds % 60 ? translate("%1 min %2 s").arg(seconds / 60).arg(seconds % 60)
                            : translate("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return seconds / 60 % 60
            ? translate("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60)
            : translate("%1 h").arg(seconds / 3600);
    return seconds / 3600 % 24
        ? translate("%1 d %2 h").arg(seconds / 86400).arg(seconds / 3600 % 24)
        : translate("%1 d").arg(seconds / 86400);
}

} // namespace crondesk::models
