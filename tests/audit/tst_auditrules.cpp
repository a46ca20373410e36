// One table-driven test per audit rule (docs/audit.md): a row where it fires, rows where it does
// not, and rows at the edge of its threshold. Each runs the whole engine (runAudit) and counts the
// findings of that one rule, so what is tested is what every caller gets.
#include <models/api/cron.h>
#include <models/audit/auditengine.h>
#include <models/audit/cronrules.h>
#include <models/audit/scheduleinsight.h>
#include <models/inventory/cronhealth.h>

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::AuditFinding;
using models::AuditPolicy;
using models::AuditRule;

using CronList = QList<api::Cron>;
Q_DECLARE_METATYPE(CronList)
Q_DECLARE_METATYPE(crondesk::models::AuditPolicy)

namespace {

// A Saturday.
const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), QTimeZone::utc());

// A cron that breaks no rule: enabled, stateless with on_run_completed delete, a daily schedule
// and the next run the engine computes, an end time, owner metadata, no webhook.
api::Cron cleanCron(const QString &id, const QString &schedule = u"0 13 * * *"_s,
                    const QString &timezone = {})
{
    api::Cron cron;
    cron.cronId = id;
    cron.assistantId = u"assistant-1"_s;
    cron.schedule = schedule;
    cron.timezone = timezone;
    cron.onRunCompleted = u"delete"_s;
    cron.createdAt = now.addDays(-30);
    cron.updatedAt = now.addDays(-30);
    cron.endTime = now.addDays(365);
    cron.metadata = QJsonObject {{u"owner"_s, u"alice"_s}};
    cron.payload = QJsonObject {{u"input"_s, QJsonObject {{u"task"_s, id}}}};
    const auto expression = schedule::CronExpression::parse(schedule);
    const auto zone = schedule::resolveZone(timezone);
    if (expression.isValid() && zone)
        cron.nextRunDate = expression.next(now, *zone).value_or(QDateTime());
    return cron;
}

api::Cron with(api::Cron cron, const std::function<void(api::Cron &)> &change)
{
    change(cron);
    return cron;
}

AuditPolicy policyWith(const std::function<void(AuditPolicy &)> &change)
{
    AuditPolicy policy;
    change(policy);
    return policy;
}

QList<AuditFinding> findingsOf(AuditRule rule, const models::AuditResult &result)
{
    QList<AuditFinding> found;
    for (const AuditFinding &finding : result.findings) {
        if (finding.rule == rule)
            found.append(finding);
    }
    return found;
}

models::AuditInput inputOf(const CronList &crons, const QDateTime &readAt = now)
{
    models::AuditInput input;
    input.now = now;
    for (const api::Cron &cron : crons)
        input.crons.append({cron, readAt});
    return input;
}

} // namespace

class TestAuditRules final : public QObject
{
    Q_OBJECT

private:
    void addColumns()
    {
        QTest::addColumn<CronList>("crons");
        QTest::addColumn<AuditPolicy>("policy");
        QTest::addColumn<int>("expected");
    }

    // Runs the audit on the row's crons and checks how many findings `rule` has; each finding
    // carries a message, evidence and a suggestion.
    void check(AuditRule rule, const QDateTime &readAt = now)
    {
        QFETCH(CronList, crons);
        QFETCH(AuditPolicy, policy);
        QFETCH(int, expected);
        const models::AuditResult result = models::runAudit(inputOf(crons, readAt), policy);
        const QList<AuditFinding> found = findingsOf(rule, result);
        QCOMPARE(found.size(), expected);
        for (const AuditFinding &finding : found) {
            QVERIFY2(finding.message.endsWith(u'.') || finding.message.endsWith(u')'),
                     qPrintable(finding.message));
            QVERIFY(!finding.evidence.isEmpty());
            QCOMPARE(finding.suggestion, models::ruleSuggestion(rule));
            QCOMPARE(finding.severity, policy.severity(rule));
        }
        QVERIFY(result.evaluated.has(rule) == policy.isEnabled(rule));
    }

private Q_SLOTS:
    void rules_haveStableKebabCaseIdsAndTexts()
    {
        QStringList ids;
        for (const models::AuditRuleInfo &info : models::auditRules()) {
            const QString id(info.id);
            QVERIFY2(QRegularExpression(u"^[a-z]+(-[a-z]+)*$"_s).match(id).hasMatch(),
                     qPrintable(id));
            QCOMPARE(models::ruleFromId(id), info.rule);
            QVERIFY(!models::ruleTitle(info.rule).isEmpty());
            QVERIFY(models::ruleExplanation(info.rule).endsWith(u'.'));
            QVERIFY(models::ruleSuggestion(info.rule).endsWith(u'.'));
            ids.append(id);
        }
        // The ids of issue 14, and malformed-field, which the health column has always had.
        QCOMPARE(ids,
                 QStringList({u"invalid-schedule"_s, u"invalid-timezone"_s, u"never-fires"_s,
                              u"malformed-field"_s, u"overdue"_s, u"next-run-mismatch"_s,
                              u"ended"_s, u"paused"_s, u"too-frequent"_s, u"dst-exposure"_s,
                              u"duplicate"_s, u"stateless-keep"_s, u"insecure-webhook"_s,
                              u"missing-metadata"_s, u"no-end-time"_s, u"burst"_s,
                              u"orphan-assistant"_s, u"orphan-thread"_s, u"last-run-failed"_s}));
        QVERIFY(!models::ruleFromId(u"Overdue"));
        QVERIFY(!AuditPolicy().isEnabled(AuditRule::NoEndTime));
    }

    void cleanCron_breaksNoRule()
    {
        const models::AuditResult result = models::runAudit(
            inputOf({cleanCron(u"a"_s), cleanCron(u"b"_s, u"0 8 * * 1-5"_s, u"Europe/Berlin"_s)}),
            policyWith([](AuditPolicy &p) {
                p.requiredMetadata = {u"owner"_s};
                p.settings(AuditRule::NoEndTime).enabled = true;
            }));
        QVERIFY2(result.findings.isEmpty(), qPrintable(result.findings.value(0).message));
    }

    void invalidSchedule_data()
    {
        addColumns();
        QTest::newRow("fires: W is no weekday")
            << CronList {cleanCron(u"c"_s, u"0 0 * * W"_s)} << AuditPolicy() << 1;
        QTest::newRow("fires: minute 60 (one past the range)")
            << CronList {cleanCron(u"c"_s, u"60 * * * *"_s)} << AuditPolicy() << 1;
        QTest::newRow("edge: minute 59")
            << CronList {cleanCron(u"c"_s, u"59 * * * *"_s)} << AuditPolicy() << 0;
        QTest::newRow("edge: weekday 7 is Sunday")
            << CronList {cleanCron(u"c"_s, u"0 0 * * 7"_s)} << AuditPolicy() << 0;
        QTest::newRow("disabled by the policy")
            << CronList {cleanCron(u"c"_s, u"0 0 * * W"_s)} << policyWith([](AuditPolicy &p) {
                   p.settings(AuditRule::InvalidSchedule).enabled = false;
               })
            << 0;
    }
    void invalidSchedule() { check(AuditRule::InvalidSchedule); }

    void invalidTimezone_data()
    {
        addColumns();
        QTest::newRow("fires: Berl")
            << CronList {cleanCron(u"c"_s, u"0 9 * * *"_s, u"Berl"_s)} << AuditPolicy() << 1;
        QTest::newRow("fires: an offset is no zone")
            << CronList {cleanCron(u"c"_s, u"0 9 * * *"_s, u"UTC+02:00"_s)} << AuditPolicy() << 1;
        QTest::newRow("no zone is UTC")
            << CronList {cleanCron(u"c"_s, u"0 9 * * *"_s)} << AuditPolicy() << 0;
        QTest::newRow("edge: a link name of the tz database")
            << CronList {cleanCron(u"c"_s, u"0 9 * * *"_s, u"US/Eastern"_s)} << AuditPolicy() << 0;
    }
    void invalidTimezone() { check(AuditRule::InvalidTimezone); }

    void neverFires_data()
    {
        addColumns();
        QTest::newRow("fires: 30 February")
            << CronList {cleanCron(u"c"_s, u"0 0 30 2 *"_s)} << AuditPolicy() << 1;
        QTest::newRow("fires: 31 April")
            << CronList {cleanCron(u"c"_s, u"0 0 31 4 *"_s)} << AuditPolicy() << 1;
        QTest::newRow("edge: 29 February, leap years only")
            << CronList {cleanCron(u"c"_s, u"0 0 29 2 *"_s)} << AuditPolicy() << 0;
        QTest::newRow("edge: the 31st, in some months")
            << CronList {cleanCron(u"c"_s, u"0 0 31 * *"_s)} << AuditPolicy() << 0;
    }
    void neverFires() { check(AuditRule::NeverFires); }

    void malformedField_data()
    {
        addColumns();
        const std::optional<api::Cron> decoded = api::cronFromJsonText(
            R"({"cron_id":"c","schedule":"0 13 * * *","next_run_date":"soon, probably"})");
        QVERIFY(decoded);
        QTest::newRow("fires: a next_run_date that is no timestamp")
            << CronList {*decoded} << AuditPolicy() << 1;
        const std::optional<api::Cron> fine = api::cronFromJsonText(
            R"({"cron_id":"c","schedule":"0 13 * * *","next_run_date":"2026-11-21T13:00:00Z"})");
        QTest::newRow("every field readable") << CronList {*fine} << AuditPolicy() << 0;
    }
    void malformedField() { check(AuditRule::MalformedField); }

    void overdue_data()
    {
        addColumns();
        // Read at 12:00; "0 * * * *" was due at 12:00 or earlier.
        const auto dueAt = [](const QDateTime &next, bool enabled = true) {
            return CronList {with(cleanCron(u"c"_s, u"* * * * *"_s), [&](api::Cron &c) {
                c.nextRunDate = next;
                c.enabled = enabled;
            })};
        };
        QTest::newRow("fires: an hour late") << dueAt(now.addSecs(-3600)) << AuditPolicy() << 1;
        QTest::newRow("edge: 31 s late, past the 30 s grace")
            << dueAt(now.addSecs(-31)) << AuditPolicy() << 1;
        QTest::newRow("edge: 30 s late, within the grace")
            << dueAt(now.addSecs(-30)) << AuditPolicy() << 0;
        QTest::newRow("not yet due") << dueAt(now.addSecs(60)) << AuditPolicy() << 0;
        QTest::newRow("paused: a stale next run says nothing")
            << dueAt(now.addSecs(-3600), false) << AuditPolicy() << 0;
        QTest::newRow("a 120 s grace in the policy")
            << dueAt(now.addSecs(-90)) << policyWith([](AuditPolicy &p) {
                   p.setThreshold(AuditRule::Overdue, "grace_seconds"_L1, 120);
               })
            << 0;
    }
    void overdue() { check(AuditRule::Overdue); }

    void overdue_isJudgedAtTheReadTime()
    {
        // Due at 11:59; read at 11:59:10 (within the grace) and audited at 12:00: the answer
        // read was too early to say, so no finding, however late the audit.
        const api::Cron cron = with(cleanCron(u"c"_s, u"59 11 * * *"_s), [](api::Cron &c) {
            c.nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(11, 59), QTimeZone::utc());
        });
        const QDateTime readAt(QDate(2026, 11, 21), QTime(11, 59, 10), QTimeZone::utc());
        const models::AuditResult result = models::runAudit(inputOf({cron}, readAt), {});
        QVERIFY(findingsOf(AuditRule::Overdue, result).isEmpty());
        // Read at 12:00 with the same next run: the server had not fired it.
        const models::AuditResult late = models::runAudit(inputOf({cron}, now), {});
        const QList<AuditFinding> found = findingsOf(AuditRule::Overdue, late);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().evidence.value("late_seconds"_L1).toInteger(), 60);
        QCOMPARE(found.first().evidence.value("read_at"_L1).toString(),
                 u"2026-11-21T12:00:00+00:00"_s);
    }

    void nextRunMismatch_data()
    {
        addColumns();
        const auto nextAt = [](const QDateTime &next) {
            return CronList {with(cleanCron(u"c"_s, u"0 13 * * *"_s),
                                  [&](api::Cron &c) { c.nextRunDate = next; })};
        };
        QTest::newRow("fires: 13:30 is no fire time")
            << nextAt(now.addSecs(5400)) << AuditPolicy() << 1;
        QTest::newRow("fires: the server skips today's run")
            << nextAt(now.addSecs(86400 + 3600)) << AuditPolicy() << 1;
        QTest::newRow("edge: exactly the computed 13:00")
            << nextAt(now.addSecs(3600)) << AuditPolicy() << 0;
        QTest::newRow("edge: 13:00 in New York is 18:00 UTC")
            << CronList {cleanCron(u"c"_s, u"0 13 * * *"_s, u"America/New_York"_s)} << AuditPolicy()
            << 0;
    }
    void nextRunMismatch() { check(AuditRule::NextRunMismatch); }

    void ended_data()
    {
        addColumns();
        const auto endingAt = [](const QDateTime &end) {
            return CronList {with(cleanCron(u"c"_s), [&](api::Cron &c) { c.endTime = end; })};
        };
        QTest::newRow("fires: ended a month ago")
            << endingAt(now.addDays(-30)) << AuditPolicy() << 1;
        QTest::newRow("edge: ended a second ago")
            << endingAt(now.addSecs(-1)) << AuditPolicy() << 1;
        QTest::newRow("edge: ends in a second") << endingAt(now.addSecs(1)) << AuditPolicy() << 0;
        QTest::newRow("no end time") << endingAt(QDateTime()) << AuditPolicy() << 0;
    }
    void ended() { check(AuditRule::Ended); }

    void paused_data()
    {
        addColumns();
        const auto pausedSince = [](const QDateTime &updated, bool enabled = false) {
            return CronList {with(cleanCron(u"c"_s), [&](api::Cron &c) {
                c.enabled = enabled;
                c.updatedAt = updated;
            })};
        };
        const AuditPolicy week = policyWith(
            [](AuditPolicy &p) { p.setThreshold(AuditRule::Paused, "min_days"_L1, 7); });
        QTest::newRow("fires: paused") << pausedSince(now.addDays(-1)) << AuditPolicy() << 1;
        QTest::newRow("enabled") << pausedSince(now.addDays(-1), true) << AuditPolicy() << 0;
        QTest::newRow("edge: paused exactly 7 days, min_days 7")
            << pausedSince(now.addDays(-7)) << week << 1;
        QTest::newRow("edge: paused a second under 7 days, min_days 7")
            << pausedSince(now.addDays(-7).addSecs(1)) << week << 0;
    }
    void paused() { check(AuditRule::Paused); }

    void paused_saysForHowLong()
    {
        const api::Cron cron = with(cleanCron(u"c"_s), [](api::Cron &c) {
            c.enabled = false;
            c.updatedAt = now.addDays(-3).addSecs(-7200);
        });
        const QList<AuditFinding> found
            = findingsOf(AuditRule::Paused, models::runAudit(inputOf({cron}), {}));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().message.contains(u"unchanged for 3 d 2 h"_s),
                 qPrintable(found.first().message));
        QCOMPARE(found.first().evidence.value("paused_for_seconds"_L1).toInteger(),
                 3 * 86400 + 7200);
    }

    void tooFrequent_data()
    {
        addColumns();
        QTest::newRow("fires: every minute")
            << CronList {cleanCron(u"c"_s, u"* * * * *"_s)} << AuditPolicy() << 1;
        QTest::newRow("edge: every 4 min, under 5")
            << CronList {cleanCron(u"c"_s, u"*/4 * * * *"_s)} << AuditPolicy() << 1;
        QTest::newRow("edge: every 5 min is the threshold itself")
            << CronList {cleanCron(u"c"_s, u"*/5 * * * *"_s)} << AuditPolicy() << 0;
        QTest::newRow("every 5 min under a 10-minute policy")
            << CronList {cleanCron(u"c"_s, u"*/5 * * * *"_s)} << policyWith([](AuditPolicy &p) {
                   p.setThreshold(AuditRule::TooFrequent, "min_interval_seconds"_L1, 600);
               })
            << 1;
        QTest::newRow("a seconds field: every 10 s")
            << CronList {cleanCron(u"c"_s, u"*/10 * * * * *"_s)} << AuditPolicy() << 1;
    }
    void tooFrequent() { check(AuditRule::TooFrequent); }

    void dstExposure_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QString>("timezone");
        QTest::addColumn<int>("days");
        QTest::addColumn<int>("expected");
        // 02:30 does not exist in New York on 2027-03-14.
        const QDateTime march(QDate(2027, 3, 1), QTime(12, 0), QTimeZone::utc());
        QTest::newRow("fires: 02:30 New York, 13 days before the gap")
            << march << u"30 2 * * *"_s << u"America/New_York"_s << 30 << 1;
        QTest::newRow("edge: a 13-day horizon still sees it (14 March 07:30 UTC)")
            << march << u"30 2 * * *"_s << u"America/New_York"_s << 13 << 1;
        QTest::newRow("edge: a 12-day horizon does not")
            << march << u"30 2 * * *"_s << u"America/New_York"_s << 12 << 0;
        QTest::newRow("noon is never in a gap")
            << march << u"0 12 * * *"_s << u"America/New_York"_s << 30 << 0;
        QTest::newRow("UTC has no clock changes")
            << march << u"30 2 * * *"_s << u"UTC"_s << 30 << 0;
    }
    void dstExposure()
    {
        QFETCH(QDateTime, at);
        QFETCH(QString, schedule);
        QFETCH(QString, timezone);
        QFETCH(int, days);
        QFETCH(int, expected);
        api::Cron cron = cleanCron(u"c"_s, schedule, timezone);
        cron.nextRunDate
            = *schedule::CronExpression::parse(schedule).next(at, *schedule::resolveZone(timezone));
        cron.endTime = at.addDays(365);
        models::AuditInput input;
        input.now = at;
        input.crons = {{cron, at}};
        AuditPolicy policy;
        policy.setThreshold(AuditRule::DstExposure, "days"_L1, days);
        const QList<AuditFinding> found
            = findingsOf(AuditRule::DstExposure, models::runAudit(input, policy));
        QCOMPARE(found.size(), expected);
        if (expected) {
            const QJsonObject change
                = found.first().evidence.value("changes"_L1).toArray().first().toObject();
            QCOMPARE(change.value("date"_L1).toString(), u"2027-03-14"_s);
            QCOMPARE(change.value("kind"_L1).toString(), u"gap"_s);
            QCOMPARE(change.value("outcome"_L1).toString(), u"fires-later"_s);
            QVERIFY2(found.first().message.contains(u"New York"_s)
                         || found.first().message.contains(u"America/New_York"_s),
                     qPrintable(found.first().message));
        }
    }

    void duplicate_data()
    {
        addColumns();
        const api::Cron first = with(cleanCron(u"first"_s), [](api::Cron &c) {
            c.payload
                = QJsonObject {{u"input"_s, QJsonObject {{u"task"_s, u"report"_s}}},
                               {u"metadata"_s, QJsonObject {{u"crondesk_request_id"_s, u"1"_s}}}};
        });
        const api::Cron copy = with(first, [](api::Cron &c) {
            c.cronId = u"copy"_s;
            c.createdAt = c.createdAt.addDays(1);
            // Cron Desk's request id differs between any two crons it created: not the work.
            c.payload
                = QJsonObject {{u"metadata"_s, QJsonObject {{u"crondesk_request_id"_s, u"2"_s}}},
                               {u"input"_s, QJsonObject {{u"task"_s, u"report"_s}}}};
            c.metadata = QJsonObject {{u"owner"_s, u"bob"_s}};
        });
        QTest::newRow("fires: the same work twice") << CronList {first, copy} << AuditPolicy() << 1;
        QTest::newRow("fires twice for three copies")
            << CronList {first, copy, with(copy, [](api::Cron &c) { c.cronId = u"third"_s; })}
            << AuditPolicy() << 2;
        QTest::newRow("another input") << CronList {
            first, with(copy, [](api::Cron &c) {
                c.payload = QJsonObject {{u"input"_s, QJsonObject {{u"task"_s, u"other"_s}}}};
            })} << AuditPolicy() << 0;
        QTest::newRow("another thread")
            << CronList {first, with(copy, [](api::Cron &c) { c.threadId = u"t1"_s; })}
            << AuditPolicy() << 0;
        QTest::newRow("another zone")
            << CronList {first, with(copy, [](api::Cron &c) { c.timezone = u"UTC"_s; })}
            << AuditPolicy() << 0;
        QTest::newRow("edge: the copy is paused, so the work runs once")
            << CronList {first, with(copy, [](api::Cron &c) { c.enabled = false; })}
            << AuditPolicy() << 0;
    }
    void duplicate() { check(AuditRule::Duplicate); }

    void duplicate_namesTheOlderCron()
    {
        const api::Cron older = cleanCron(u"z-older"_s);
        const api::Cron newer = with(older, [](api::Cron &c) {
            c.cronId = u"a-newer"_s;
            c.createdAt = c.createdAt.addSecs(60);
        });
        const QList<AuditFinding> found
            = findingsOf(AuditRule::Duplicate, models::runAudit(inputOf({newer, older}), {}));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().cronId, u"a-newer"_s);
        QCOMPARE(found.first().evidence.value("duplicate_of"_L1).toString(), u"z-older"_s);
    }

    void statelessKeep_data()
    {
        addColumns();
        QTest::newRow("fires: stateless, keep") << CronList {with(
            cleanCron(u"c"_s), [](api::Cron &c) { c.onRunCompleted = u"keep"_s; })}
                                                << AuditPolicy() << 1;
        QTest::newRow("stateless, delete") << CronList {cleanCron(u"c"_s)} << AuditPolicy() << 0;
        QTest::newRow("edge: a thread cron's on_run_completed means nothing") << CronList {
            with(cleanCron(u"c"_s), [](api::Cron &c) {
                c.onRunCompleted = u"keep"_s;
                c.threadId = u"t1"_s;
            })} << AuditPolicy() << 0;
    }
    void statelessKeep() { check(AuditRule::StatelessKeep); }

    void insecureWebhook_data()
    {
        addColumns();
        const auto hook = [](const QString &url) {
            return CronList {with(cleanCron(u"c"_s), [&](api::Cron &c) {
                c.payload = QJsonObject {{u"webhook"_s, url}};
            })};
        };
        QTest::newRow("fires: plain http")
            << hook(u"http://hooks.example.com/x"_s) << AuditPolicy() << 1;
        QTest::newRow("https on a public host")
            << hook(u"https://hooks.example.com/x"_s) << AuditPolicy() << 0;
        QTest::newRow("fires: loopback over https")
            << hook(u"https://127.0.0.1/x"_s) << AuditPolicy() << 1;
        QTest::newRow("fires: localhost")
            << hook(u"https://localhost:8080/x"_s) << AuditPolicy() << 1;
        QTest::newRow("fires: RFC 1918") << hook(u"https://10.1.2.3/x"_s) << AuditPolicy() << 1;
        QTest::newRow("edge: 172.31.255.255 is inside 172.16/12")
            << hook(u"https://172.31.255.255/x"_s) << AuditPolicy() << 1;
        QTest::newRow("edge: 172.32.0.1 is outside 172.16/12")
            << hook(u"https://172.32.0.1/x"_s) << AuditPolicy() << 0;
        QTest::newRow("fires: IPv6 unique local")
            << hook(u"https://[fd00::1]/x"_s) << AuditPolicy() << 1;
        QTest::newRow("a relative webhook goes to the deployment itself")
            << hook(u"/hooks/done"_s) << AuditPolicy() << 0;
        QTest::newRow("no webhook") << CronList {cleanCron(u"c"_s)} << AuditPolicy() << 0;
    }
    void insecureWebhook() { check(AuditRule::InsecureWebhook); }

    void insecureWebhook_neverPrintsTheQueryOrCredentials()
    {
        const api::Cron cron = with(cleanCron(u"c"_s), [](api::Cron &c) {
            c.payload = QJsonObject {
                {u"webhook"_s, u"http://user:pw@hooks.example.com/x?token=s3cret"_s}};
        });
        const QList<AuditFinding> found
            = findingsOf(AuditRule::InsecureWebhook, models::runAudit(inputOf({cron}), {}));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().evidence.value("webhook"_L1).toString(),
                 u"http://hooks.example.com/x"_s);
        QVERIFY(!found.first().message.contains(u"s3cret"_s));
        QVERIFY(!found.first().message.contains(u"pw"_s));
    }

    void missingMetadata_data()
    {
        addColumns();
        const AuditPolicy owner = policyWith([](AuditPolicy &p) {
            p.requiredMetadata = {u"owner"_s, u"team"_s};
        });
        const auto withMetadata = [](const QJsonObject &metadata) {
            return CronList {with(cleanCron(u"c"_s), [&](api::Cron &c) { c.metadata = metadata; })};
        };
        QTest::newRow("fires: no metadata") << withMetadata({}) << owner << 1;
        QTest::newRow("both keys")
            << withMetadata({{u"owner"_s, u"alice"_s}, {u"team"_s, u"ops"_s}}) << owner << 0;
        QTest::newRow("edge: an empty owner is missing")
            << withMetadata({{u"owner"_s, u" "_s}, {u"team"_s, u"ops"_s}}) << owner << 1;
        QTest::newRow("edge: a non-string value is there")
            << withMetadata({{u"owner"_s, 7}, {u"team"_s, true}}) << owner << 0;
        QTest::newRow("no key required") << withMetadata({}) << AuditPolicy() << 0;
    }
    void missingMetadata() { check(AuditRule::MissingMetadata); }

    void noEndTime_data()
    {
        addColumns();
        const AuditPolicy on
            = policyWith([](AuditPolicy &p) { p.settings(AuditRule::NoEndTime).enabled = true; });
        const CronList endless {with(cleanCron(u"c"_s), [](api::Cron &c) { c.endTime = {}; })};
        QTest::newRow("off by default") << endless << AuditPolicy() << 0;
        QTest::newRow("fires: on, no end time") << endless << on << 1;
        QTest::newRow("on, with an end time") << CronList {cleanCron(u"c"_s)} << on << 0;
    }
    void noEndTime() { check(AuditRule::NoEndTime); }

    void burst_data()
    {
        addColumns();
        // n crons at 13:00 every day (different inputs, so no duplicates).
        const auto atOne = [](int n, int paused = 0) {
            CronList crons;
            for (int i = 0; i < n; ++i)
                crons.append(with(cleanCron(u"c%1"_s.arg(i, 2, 10, QChar(u'0'))),
                                  [&](api::Cron &c) { c.enabled = i >= paused; }));
            return crons;
        };
        QTest::newRow("fires: 11 crons in one minute") << atOne(11) << AuditPolicy() << 1;
        QTest::newRow("edge: 10 crons is the threshold itself") << atOne(10) << AuditPolicy() << 0;
        QTest::newRow("edge: 11 crons, one paused") << atOne(11, 1) << AuditPolicy() << 0;
        QTest::newRow("a threshold of 5") << atOne(6) << policyWith([](AuditPolicy &p) {
            p.setThreshold(AuditRule::Burst, "max_crons_per_minute"_L1, 5);
        }) << 1;
        CronList spread = atOne(11);
        spread.last().schedule = u"1 13 * * *"_s;
        spread.last().nextRunDate = spread.last().nextRunDate.addSecs(60);
        QTest::newRow("one moved a minute later") << spread << AuditPolicy() << 0;
    }
    void burst() { check(AuditRule::Burst); }

    void burst_namesTheMinuteAndTheCrons()
    {
        CronList crons;
        for (int i = 0; i < 12; ++i)
            crons.append(cleanCron(u"c%1"_s.arg(i, 2, 10, QChar(u'0'))));
        const QList<AuditFinding> found
            = findingsOf(AuditRule::Burst, models::runAudit(inputOf(crons), {}));
        QCOMPARE(found.size(), 1);
        const AuditFinding &burst = found.first();
        QVERIFY(burst.cronId.isEmpty());
        QCOMPARE(burst.evidence.value("minute"_L1).toString(), u"2026-11-21T13:00:00+00:00"_s);
        QCOMPARE(burst.evidence.value("crons_in_minute"_L1).toInteger(), 12);
        // Every day of the 7-day horizon.
        QCOMPARE(burst.evidence.value("occurrences"_L1).toInteger(), 7);
        QCOMPARE(burst.evidence.value("cron_ids"_L1).toArray().size(), 12);
        QVERIFY2(burst.message.contains(u"2026-11-21 13:00"_s), qPrintable(burst.message));
    }

    void orphanAssistant_data()
    {
        QTest::addColumn<QStringList>("assistants");
        QTest::addColumn<bool>("read");
        QTest::addColumn<int>("expected");
        QTest::newRow("fires: the assistant is gone") << QStringList {u"other"_s} << true << 1;
        QTest::newRow("the assistant exists") << QStringList {u"assistant-1"_s} << true << 0;
        QTest::newRow("edge: assistants not read: not evaluated") << QStringList() << false << 0;
    }
    void orphanAssistant()
    {
        QFETCH(QStringList, assistants);
        QFETCH(bool, read);
        QFETCH(int, expected);
        models::AuditInput input = inputOf({cleanCron(u"c"_s)});
        if (read)
            input.assistantIds = QSet<QString>(assistants.cbegin(), assistants.cend());
        const models::AuditResult result = models::runAudit(input, {});
        QCOMPARE(findingsOf(AuditRule::OrphanAssistant, result).size(), expected);
        QCOMPARE(result.evaluated.has(AuditRule::OrphanAssistant), read);
        QCOMPARE(std::any_of(result.notEvaluated.cbegin(), result.notEvaluated.cend(),
                             [](const models::AuditSkippedRule &s) {
                                 return s.rule == AuditRule::OrphanAssistant;
                             }),
                 !read);
    }

    void orphanThread_data()
    {
        QTest::addColumn<QString>("threadId");
        QTest::addColumn<QStringList>("threads");
        QTest::addColumn<bool>("read");
        QTest::addColumn<int>("expected");
        QTest::newRow("fires: the thread is gone") << u"t1"_s << QStringList() << true << 1;
        QTest::newRow("the thread exists") << u"t1"_s << QStringList {u"t1"_s} << true << 0;
        QTest::newRow("edge: a stateless cron has no thread to lose")
            << QString() << QStringList() << true << 0;
        QTest::newRow("threads not read: not evaluated") << u"t1"_s << QStringList() << false << 0;
    }
    void orphanThread()
    {
        QFETCH(QString, threadId);
        QFETCH(QStringList, threads);
        QFETCH(bool, read);
        QFETCH(int, expected);
        models::AuditInput input
            = inputOf({with(cleanCron(u"c"_s), [&](api::Cron &c) { c.threadId = threadId; })});
        if (read)
            input.threadIds = QSet<QString>(threads.cbegin(), threads.cend());
        const models::AuditResult result = models::runAudit(input, {});
        QCOMPARE(findingsOf(AuditRule::OrphanThread, result).size(), expected);
        QCOMPARE(result.evaluated.has(AuditRule::OrphanThread), read);
    }

    void lastRunFailed_data()
    {
        QTest::addColumn<bool>("history");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("expected");
        QTest::newRow("no run history: not evaluated, never passed") << false << QString() << 0;
        QTest::newRow("fires: error") << true << u"error"_s << 1;
        QTest::newRow("fires: timeout") << true << u"timeout"_s << 1;
        QTest::newRow("success") << true << u"success"_s << 0;
        QTest::newRow("edge: still running") << true << u"running"_s << 0;
    }
    void lastRunFailed()
    {
        QFETCH(bool, history);
        QFETCH(QString, status);
        QFETCH(int, expected);
        models::AuditInput input = inputOf({cleanCron(u"c"_s)});
        if (history)
            input.lastRuns = QHash<QString, models::AuditLastRun> {
                {u"c"_s, {u"run-1"_s, status, now.addSecs(-600)}}};
        const models::AuditResult result = models::runAudit(input, {});
        QCOMPARE(findingsOf(AuditRule::LastRunFailed, result).size(), expected);
        QCOMPARE(result.evaluated.has(AuditRule::LastRunFailed), history);
        if (!history) {
            QCOMPARE(result.notEvaluated.size(), 3); // with the orphan rules: no server state
            QVERIFY(result.notEvaluated.last().reason.contains(u"--runs"_s));
        }
    }

    // --- The engine around the rules ---

    void acknowledgement_marksTheFindingUntilItExpires_data()
    {
        QTest::addColumn<QString>("cronId");
        QTest::addColumn<QDateTime>("until");
        QTest::addColumn<bool>("acknowledged");
        QTest::newRow("this cron, until tomorrow") << u"c"_s << now.addDays(1) << true;
        QTest::newRow("every cron of the rule") << QString() << now.addDays(1) << true;
        QTest::newRow("another cron") << u"other"_s << now.addDays(1) << false;
        QTest::newRow("edge: expired at this very instant") << u"c"_s << now << false;
        QTest::newRow("edge: expires a second later") << u"c"_s << now.addSecs(1) << true;
    }
    void acknowledgement_marksTheFindingUntilItExpires()
    {
        QFETCH(QString, cronId);
        QFETCH(QDateTime, until);
        QFETCH(bool, acknowledged);
        AuditPolicy policy;
        policy.acknowledgements.append({AuditRule::Paused, cronId, u"Season over."_s, until});
        const api::Cron cron = with(cleanCron(u"c"_s), [](api::Cron &c) { c.enabled = false; });
        const models::AuditResult result = models::runAudit(inputOf({cron}), policy);
        const QList<AuditFinding> found = findingsOf(AuditRule::Paused, result);
        // Reported either way: an acknowledgement marks, it never hides.
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().acknowledged, acknowledged);
        QCOMPARE(found.first().acknowledgementReason, acknowledged ? u"Season over."_s : QString());
        QCOMPARE(result.acknowledgedCount(), acknowledged ? 1 : 0);
        QCOMPARE(result.hasUnacknowledgedAtLeast(models::AuditSeverity::Info), !acknowledged);
    }

    void severity_comesFromThePolicy_andFindingsSortByIt()
    {
        AuditPolicy policy;
        policy.settings(AuditRule::Paused).severity = models::AuditSeverity::Error;
        const api::Cron paused = with(cleanCron(u"p"_s), [](api::Cron &c) { c.enabled = false; });
        const api::Cron frequent = cleanCron(u"f"_s, u"* * * * *"_s);
        const models::AuditResult result = models::runAudit(inputOf({frequent, paused}), policy);
        QCOMPARE(result.findings.size(), 2);
        QCOMPARE(result.findings.at(0).rule, AuditRule::Paused);
        QCOMPARE(result.findings.at(0).severity, models::AuditSeverity::Error);
        QCOMPARE(result.findings.at(1).severity, models::AuditSeverity::Warning);
        const models::AuditResult errors
            = models::withMinimumSeverity(result, models::AuditSeverity::Error);
        QCOMPARE(errors.findings.size(), 1);
        QVERIFY(errors.hasUnacknowledgedAtLeast(models::AuditSeverity::Warning));
        QCOMPARE(errors.count(models::AuditSeverity::Warning), 0);
    }

    void selectedRules_areTheOnlyOnesJudged()
    {
        const api::Cron both
            = with(cleanCron(u"c"_s, u"* * * * *"_s), [](api::Cron &c) { c.enabled = false; });
        models::AuditOptions options;
        options.rules = AuditRule::TooFrequent;
        const models::AuditResult result = models::runAudit(inputOf({both}), {}, options);
        QCOMPARE(result.findings.size(), 1);
        QCOMPARE(result.findings.first().rule, AuditRule::TooFrequent);
        QVERIFY(result.disabled.has(AuditRule::Paused));
        // Not asked for is not "not evaluated": only missing inputs are.
        QVERIFY(result.notEvaluated.isEmpty());
    }

    // The health column and the audit are one evaluation: for every cron, the health flags are
    // exactly the per-cron findings (plus Due, which is no finding).
    void healthFlags_areTheAuditsPerCronFindings()
    {
        const CronList crons {
            cleanCron(u"clean"_s),
            cleanCron(u"bad"_s, u"0 0 * * W"_s),
            cleanCron(u"zone"_s, u"0 9 * * *"_s, u"Berl"_s),
            cleanCron(u"never"_s, u"0 0 30 2 *"_s),
            with(cleanCron(u"late"_s), [](api::Cron &c) { c.nextRunDate = now.addSecs(-600); }),
            with(cleanCron(u"drift"_s), [](api::Cron &c) { c.nextRunDate = now.addSecs(5400); }),
            with(cleanCron(u"ended"_s), [](api::Cron &c) { c.endTime = now.addDays(-1); }),
            with(cleanCron(u"paused"_s), [](api::Cron &c) { c.enabled = false; }),
            cleanCron(u"often"_s, u"*/2 * * * *"_s),
            with(cleanCron(u"keep"_s), [](api::Cron &c) { c.onRunCompleted = u"keep"_s; }),
            with(cleanCron(u"hook"_s),
                 [](api::Cron &c) {
                     c.payload = QJsonObject {{u"webhook"_s, u"http://example.com"_s}};
                 }),
            with(cleanCron(u"anon"_s), [](api::Cron &c) { c.metadata = QJsonObject(); }),
            with(cleanCron(u"endless"_s), [](api::Cron &c) { c.endTime = {}; }),
            with(cleanCron(u"due"_s), [](api::Cron &c) { c.nextRunDate = now.addSecs(-10); }),
        };
        AuditPolicy policy;
        policy.requiredMetadata = {u"owner"_s};
        policy.settings(AuditRule::NoEndTime).enabled = true;
        const models::CronRuleSettings settings = models::CronRuleSettings::fromPolicy(policy);
        const models::AuditResult result = models::runAudit(inputOf(crons), policy);
        models::ScheduleInsightCache cache(settings.dstDays);
        for (const api::Cron &cron : crons) {
            models::HealthFlags fromAudit;
            for (const AuditFinding &finding : result.findings) {
                if (finding.cronId == cron.cronId)
                    fromAudit |= models::healthFlagOf(finding.rule);
            }
            const auto insight = cache.insight(cron.schedule, cron.timezone, now);
            const models::HealthFlags health
                = models::assessHealth(cron, *insight, now, now, settings);
            QCOMPARE(health & ~models::HealthFlags(models::HealthFlag::Due), fromAudit);
            if (cron.cronId != "clean"_L1)
                QVERIFY2(health != models::HealthFlags(), qPrintable(cron.cronId));
        }
    }
};

QTEST_GUILESS_MAIN(TestAuditRules)
#include "tst_auditrules.moc"
