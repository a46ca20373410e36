// crondeskctl audit (docs/audit.md, docs/crondeskctl.md) against the sandbox's audit scenario,
// which breaks every rule on purpose: every rule that should fire does, on the cron it should,
// and nothing else; --now makes it the same on every run; exit codes 0 and 4 by --fail-on; usage
// errors (2), including every mistake of a policy file with its line and column.
#include <app/cli/commandline.h>
#include <models/audit/auditpolicy.h>
#include <models/audit/auditpolicystore.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <tests/cli/ctlrunner.h>
#include <tests/conformance/sandboxprocess.h>
#include <tests/sandbox/auditscenario.h>
#include <tests/sandbox/sandboxserver.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

namespace {

// A Sunday one week before New York's spring-forward day (2026-03-08), so that the DST cron of
// the scenario is within the default 30 days.
const QString scenarioNow = u"2026-03-01T10:00:00Z"_s;

QJsonObject jsonOf(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// rule -> the audit_case labels of the crons it found ("" for findings about several crons).
QMap<QString, QStringList> findingsByRule(const QJsonObject &report,
                                          const QHash<QString, QString> &caseOfCron)
{
    QMap<QString, QStringList> found;
    for (const QJsonValue &value : report.value("findings"_L1).toArray()) {
        const QJsonObject finding = value.toObject();
        found[finding.value("rule"_L1).toString()].append(
            caseOfCron.value(finding.value("cron_id"_L1).toString()));
    }
    for (QStringList &cases : found)
        cases.sort();
    return found;
}

} // namespace

class TestCrondeskctlAudit final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<models::CredentialStore> m_credentials;

    QString profilesPath() const { return m_dir.filePath(u"profiles.conf"_s); }

    Outcome run(const QStringList &arguments, const QUrl &url = {})
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_PROFILES"_s, profilesPath());
        environment.insert(u"CRONDESK_JOURNAL"_s, m_dir.filePath(u"journal.jsonl"_s));
        QStringList all;
        if (!arguments.contains(u"--profile"_s))
            all += {u"--url"_s, (url.isEmpty() ? m_server->baseUrl() : url).toString()};
        return clitest::runCrondeskctl(all + arguments, environment, m_credentials.get(), 60000);
    }

    Outcome audit(const QStringList &arguments = {})
    {
        return run(QStringList {u"audit"_s, u"--now"_s, scenarioNow} + arguments);
    }

    // cron id -> audit_case, from the sandbox's store.
    QHash<QString, QString> casesOfCrons() const
    {
        QHash<QString, QString> cases;
        const QByteArray body
            = m_server->handleLocally("POST", u"/runs/crons/search"_s, {{"limit"_L1, 1000}}).body;
        for (const QJsonValue &cron : QJsonDocument::fromJson(body).array())
            cases.insert(cron["cron_id"_L1].toString(),
                         cron["metadata"_L1]["audit_case"_L1].toString());
        return cases;
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(bytes);
        return file.fileName();
    }

    // The scenario's policy: the two rules that need one turned on.
    QString scenarioPolicy()
    {
        return writeFile(
            u"policy.json"_s,
            R"({"required_metadata": ["owner"], "rules": {"no-end-time": {"enabled": true}}})");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QFile::remove(profilesPath());
        m_clock = std::make_unique<sandbox::ManualClock>(
            QDateTime::fromString(scenarioNow, Qt::ISODate));
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.scenario = u"audit"_s, .clock = m_clock.get()});
        QVERIFY(m_server->listen() != 0);
        m_credentials = std::make_unique<models::CredentialStore>(u"crondesk-audit-test"_s);
        m_credentials->setKeychainEnabled(false);
    }

    void cleanup()
    {
        m_credentials.reset();
        m_server.reset();
        m_clock.reset();
    }

    void scenario_breaksEveryRuleOnPurpose_andTheAuditFindsExactlyThat_data()
    {
        QTest::addColumn<bool>("withPolicy");
        QTest::newRow("default policy") << false;
        QTest::newRow("the scenario's policy (owner required, no-end-time on)") << true;
    }
    void scenario_breaksEveryRuleOnPurpose_andTheAuditFindsExactlyThat()
    {
        QFETCH(bool, withPolicy);
        QStringList arguments {u"--format"_s, u"json"_s, u"--fail-on"_s, u"never"_s};
        if (withPolicy)
            arguments += {u"--policy"_s, scenarioPolicy()};
        const Outcome outcome = audit(arguments);
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject report = jsonOf(outcome.out);
        QCOMPARE(report.value("now"_L1).toString(), u"2026-03-01T10:00:00+00:00"_s);
        QCOMPARE(report["server"_L1]["version"_L1].toString(), u"0.12.0"_s);
        QCOMPARE(report["summary"_L1]["crons"_L1].toInt(),
                 int(sandbox::AuditScenario::cases().size()));

        // Each rule on the cron made to break it, and nowhere else; the clean cron nowhere.
        QMap<QString, QStringList> expected {
            {u"invalid-schedule"_s, {u"invalid-schedule"_s}},
            {u"invalid-timezone"_s, {u"invalid-timezone"_s}},
            {u"never-fires"_s, {u"never-fires"_s}},
            {u"malformed-field"_s, {u"malformed-field"_s}},
            {u"overdue"_s, {u"overdue"_s}},
            {u"next-run-mismatch"_s, {u"next-run-mismatch"_s}},
            {u"ended"_s, {u"ended"_s}},
            {u"paused"_s, {u"paused"_s}},
            {u"too-frequent"_s, {u"too-frequent"_s}},
            {u"dst-exposure"_s, {u"dst-exposure"_s}},
            {u"duplicate"_s, {u"duplicate"_s}}, // the copy, not the original
            {u"stateless-keep"_s, {u"stateless-keep"_s}},
            {u"insecure-webhook"_s, {u"insecure-webhook"_s}},
            {u"burst"_s, {QString()}}, // one finding naming the eleven crons
            {u"orphan-assistant"_s, {u"orphan-assistant"_s}},
            {u"orphan-thread"_s, {u"orphan-thread"_s}},
        };
        if (withPolicy) {
            expected.insert(u"missing-metadata"_s, {u"missing-metadata"_s});
            expected.insert(u"no-end-time"_s, {u"no-end-time"_s});
        }
        QCOMPARE(findingsByRule(report, casesOfCrons()), expected);

        // The burst names its minute and its crons.
        for (const QJsonValue &value : report.value("findings"_L1).toArray()) {
            const QJsonObject finding = value.toObject();
            if (finding.value("rule"_L1) == "burst"_L1) {
                QCOMPARE(finding["evidence"_L1]["minute"_L1].toString(),
                         u"2026-03-02T04:07:00+00:00"_s);
                QCOMPARE(finding["evidence"_L1]["cron_ids"_L1].toArray().size(),
                         sandbox::AuditScenario::burstSize);
                QVERIFY(finding.value("cron_id"_L1).isNull());
            }
            for (const char *key : {"rule", "severity", "cron_id", "assistant_id", "thread_id",
                                    "message", "evidence", "suggestion", "acknowledged"})
                QVERIFY2(finding.contains(QLatin1StringView(key)), key);
        }
        // Run history does not exist yet: not evaluated, and said so.
        const QJsonArray notEvaluated = report.value("not_evaluated"_L1).toArray();
        QCOMPARE(notEvaluated.size(), 1);
        QCOMPARE(notEvaluated.first()["rule"_L1].toString(), u"last-run-failed"_s);
        QVERIFY(outcome.err.contains("last-run-failed not evaluated"));
        QVERIFY(!report["summary"_L1]["by_rule"_L1].toObject().contains("last-run-failed"_L1));
    }

    void runs_judgesLastRunFailed_onTheCronWhoseLastRunFailed_andOnNoOther()
    {
        const Outcome outcome = audit({u"--format"_s, u"json"_s, u"--runs"_s});
        const QJsonObject report = jsonOf(outcome.out);
        QVERIFY2(!outcome.err.contains("last-run-failed not evaluated"), outcome.err.constData());
        QStringList failing;
        const QHash<QString, QString> cases = casesOfCrons();
        for (const QJsonValue &value : report.value("findings"_L1).toArray()) {
            if (value["rule"_L1] == "last-run-failed"_L1)
                failing.append(cases.value(value["cron_id"_L1].toString()));
        }
        QCOMPARE(failing, QStringList {u"last-run-failed"_s});
        // The orphan thread's runs cannot be read: said, and that cron is not judged.
        QVERIFY2(outcome.err.contains("could not be read"), outcome.err.constData());
    }

    void now_makesTheAuditTheSameOnEveryRun()
    {
        const Outcome first = audit({u"--format"_s, u"json"_s});
        m_clock->advance(std::chrono::hours(5)); // the server's clock moves; the audit does not
        const Outcome second = audit({u"--format"_s, u"json"_s});
        QJsonObject a = jsonOf(first.out);
        QJsonObject b = jsonOf(second.out);
        QVERIFY(a.value("generated_at"_L1) != QJsonValue());
        a.remove("generated_at"_L1);
        b.remove("generated_at"_L1);
        QCOMPARE(a, b);
        QVERIFY(!a.value("findings"_L1).toArray().isEmpty());
        // The table, too.
        QCOMPARE(audit().out, audit().out);
    }

    void exitCode_isFourWhenAFindingIsAtOrAboveFailOn_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("default: errors fail") << QStringList() << 4;
        QTest::newRow("never") << QStringList {u"--fail-on"_s, u"never"_s} << 0;
        QTest::newRow("only notes asked for, failing on errors")
            << QStringList {u"--rule"_s, u"paused,ended"_s} << 0;
        QTest::newRow("notes fail with --fail-on info")
            << QStringList {u"--rule"_s, u"paused,ended"_s, u"--fail-on"_s, u"info"_s} << 4;
        QTest::newRow("a warning rule, failing on warnings")
            << QStringList {u"--rule"_s, u"too-frequent"_s, u"--fail-on"_s, u"warning"_s} << 4;
        QTest::newRow("a warning rule, failing on errors")
            << QStringList {u"--rule"_s, u"too-frequent"_s} << 0;
        QTest::newRow("errors left out by --min-severity are not counted")
            << QStringList {u"--rule"_s, u"overdue"_s, u"--min-severity"_s, u"error"_s} << 4;
    }
    void exitCode_isFourWhenAFindingIsAtOrAboveFailOn()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        const Outcome outcome = audit(arguments);
        QCOMPARE(outcome.exitCode, exitCode);
    }

    void acknowledgedFindings_areReportedButDoNotFail()
    {
        const QString policy = writeFile(u"ack.json"_s, R"({"acknowledgements": [
  {"rule": "overdue", "reason": "Scheduler migration tonight.", "until": "2026-03-02"}
]})");
        const Outcome outcome
            = audit({u"--rule"_s, u"overdue"_s, u"--policy"_s, policy, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonArray findings = jsonOf(outcome.out).value("findings"_L1).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first()["acknowledged"_L1].toBool(), true);
        QCOMPARE(findings.first()["acknowledgement"_L1]["reason"_L1].toString(),
                 u"Scheduler migration tonight."_s);
        // Expired a day later: it fails again.
        const Outcome later = run({u"audit"_s, u"--now"_s, u"2026-03-03T10:00:00Z"_s, u"--rule"_s,
                                   u"overdue"_s, u"--policy"_s, policy});
        QCOMPARE(later.exitCode, 4);
    }

    void minSeverity_and_rule_selectWhatIsReported()
    {
        const Outcome errors = audit({u"--min-severity"_s, u"error"_s, u"--format"_s, u"jsonl"_s});
        const QList<QByteArray> lines = errors.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        for (const QByteArray &line : lines)
            QCOMPARE(jsonOf(line).value("severity"_L1).toString(), u"error"_s);
        const Outcome paused = audit({u"--rule"_s, u"paused"_s, u"--format"_s, u"csv"_s});
        const QList<QByteArray> rows = paused.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().trimmed(),
                 "rule,severity,cron_id,assistant_id,thread_id,message,evidence,suggestion,"
                 "acknowledged");
        QVERIFY(rows.last().startsWith("paused,info,"));
    }

    void reports_areWrittenAsHtmlAndMarkdown()
    {
        const QString html = m_dir.filePath(u"report.html"_s);
        const Outcome outcome = audit({u"--format"_s, u"html"_s, u"--output"_s, html});
        QCOMPARE(outcome.exitCode, 4);
        QVERIFY(outcome.out.isEmpty());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.startsWith("<!DOCTYPE html>"));
        QVERIFY(!text.contains("<script"));
        QVERIFY(text.contains("<svg"));
        for (const QString &cronId : casesOfCrons().keys()) {
            if (casesOfCrons().value(cronId) == "overdue"_L1)
                QVERIFY(text.contains(cronId.toUtf8()));
        }
        const Outcome markdown = audit({u"--format"_s, u"markdown"_s});
        QVERIFY(markdown.out.startsWith("# Cron audit of http://127.0.0.1:"));
        QVERIFY(markdown.out.contains("## Every finding"));
    }

    void profile_usesTheProfilesPolicy()
    {
        models::ConnectionProfile profile;
        profile.name = u"demo"_s;
        profile.url = m_server->baseUrl();
        QVERIFY(models::ProfileStore(profilesPath()).save({profile}));
        models::AuditPolicy policy;
        policy.settings(models::AuditRule::Paused).enabled = false;
        QVERIFY(models::AuditPolicyStore(models::AuditPolicyStore::directoryFor(profilesPath()))
                    .save(u"demo"_s, policy));
        const Outcome outcome = run({u"--profile"_s, u"demo"_s, u"audit"_s, u"--now"_s, scenarioNow,
                                     u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 4);
        QVERIFY2(outcome.err.contains("using the audit policy of profile \"demo\""),
                 outcome.err.constData());
        const QJsonObject byRule = jsonOf(outcome.out)["summary"_L1]["by_rule"_L1].toObject();
        QVERIFY(!byRule.contains("paused"_L1));
        QCOMPARE(byRule.value("ended"_L1).toInt(), 1);
        // --policy wins over the profile's.
        const Outcome explicitPolicy
            = run({u"--profile"_s, u"demo"_s, u"audit"_s, u"--now"_s, scenarioNow, u"--policy"_s,
                   writeFile(u"empty.json"_s, "{}"), u"--format"_s, u"json"_s});
        QCOMPARE(jsonOf(explicitPolicy.out)["summary"_L1]["by_rule"_L1]["paused"_L1].toInt(), 1);
    }

    void usageErrors_exitTwoAndSendNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown rule")
            << QStringList {u"--rule"_s, u"overdue,late"_s} << u"--rule: unknown rule \"late\""_s;
        QTest::newRow("now without offset")
            << QStringList {u"--now"_s, u"2026-03-01T10:00:00"_s} << u"--now:"_s;
        QTest::newRow("unknown format")
            << QStringList {u"--format"_s, u"pdf"_s} << u"unknown --format \"pdf\""_s;
        QTest::newRow("unknown fail-on")
            << QStringList {u"--fail-on"_s, u"warn"_s} << u"--fail-on must be"_s;
        QTest::newRow("unknown min-severity")
            << QStringList {u"--min-severity"_s, u"critical"_s} << u"--min-severity must be"_s;
        QTest::newRow("missing policy file")
            << QStringList {u"--policy"_s, u"/nonexistent/policy.json"_s}
            << u"/nonexistent/policy.json: Cannot read the policy file"_s;
    }
    void usageErrors_exitTwoAndSendNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        m_server->clearRequests();
        const Outcome outcome = run(QStringList {u"audit"_s} + arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
        QVERIFY(m_server->requests().isEmpty());
    }

    void policyFileMistakes_areEachPrintedWithLineAndColumn()
    {
        const QString path = writeFile(u"broken.json"_s, R"({
  "rules": {
    "burst": {"max_crons_per_minute": 0},
    "overdue-ish": {}
  },
  "acknowledgements": [{"rule": "paused", "until": "2026-04-01"}]
})");
        const Outcome outcome = audit({u"--policy"_s, path});
        QCOMPARE(outcome.exitCode, 2);
        const QList<QByteArray> lines = outcome.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QByteArray("crondeskctl: " + path.toUtf8()
                                                   + ":3:39: rules.burst.max_crons_per_minute: ")),
                 lines.at(0).constData());
        QVERIFY2(lines.at(1).contains(":4:20: rules.overdue-ish: Unknown rule"),
                 lines.at(1).constData());
        QVERIFY2(lines.at(2).contains(":6:24: acknowledgements[0]: This acknowledgement has no "
                                      "“reason”."),
                 lines.at(2).constData());
    }

    void help_documentsTheCommandAndItsOptions()
    {
        const Outcome outcome = run({u"audit"_s, u"--help"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("Usage: crondeskctl audit"));
        for (const char *option :
             {"--policy", "--now", "--min-severity", "--fail-on", "--rule", "--format", "--output",
              "--assistant", "--thread", "--enabled", "--metadata"})
            QVERIFY2(outcome.out.contains(option), option);
        const Outcome usage = run({u"--help"_s});
        QVERIFY(usage.out.contains("  audit "));
    }

    // The executable, as a demo or CI would start it: --scenario audit with a fake clock.
    void sandboxExecutable_servesTheScenario()
    {
        conformance::SandboxProcess process;
        const QUrl url = process.start(
            {u"--port"_s, u"0"_s, u"--scenario"_s, u"audit"_s, u"--fake-clock"_s, scenarioNow});
        QVERIFY2(!url.isEmpty(), process.errors().constData());
        const Outcome inProcess = audit({u"--format"_s, u"json"_s});
        const Outcome executable
            = run({u"audit"_s, u"--now"_s, scenarioNow, u"--format"_s, u"json"_s}, url);
        QCOMPARE(executable.exitCode, 4);
        QJsonObject a = jsonOf(inProcess.out);
        QJsonObject b = jsonOf(executable.out);
        for (QJsonObject *report : {&a, &b}) {
            report->remove("generated_at"_L1);
            report->remove("server"_L1);
        }
        QCOMPARE(a, b);
        conformance::SandboxProcess refused;
        QCOMPARE(refused.run({u"--scenario"_s, u"nope"_s}), 2);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlAudit)
#include "tst_crondeskctl_audit.moc"
