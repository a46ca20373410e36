// The policy file (docs/audit.md, "Policy file"): what it accepts, and every mistake reported
// with its line and column.
#include <models/audit/auditpolicy.h>
#include <models/audit/auditpolicystore.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::AuditPolicy;
using models::AuditRule;

class TestAuditPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validPolicy_isRead()
    {
        const QByteArray text = R"({
  "version": 1,
  "description": "Ops team policy",
  "horizon_days": 14,
  "required_metadata": ["owner", "team"],
  "rules": {
    "too-frequent": {"severity": "error", "min_interval_seconds": 900},
    "no-end-time": {"enabled": true},
    "paused": {"enabled": false}
  },
  "acknowledgements": [
    {"rule": "burst", "cron_id": null, "reason": "Known wave at midnight.", "until": "2026-12-31"},
    {"rule": "paused", "cron_id": "c1", "reason": "Season over.", "until": "2027-03-01T08:00:00+01:00"}
  ]
})";
        const models::AuditPolicyReading reading = models::readAuditPolicy(text);
        QVERIFY2(reading.problems.isEmpty(), qPrintable(reading.problems.value(0).message));
        QVERIFY(reading.policy);
        const AuditPolicy &policy = *reading.policy;
        QCOMPARE(policy.horizonDays, 14);
        QCOMPARE(policy.requiredMetadata, QStringList({u"owner"_s, u"team"_s}));
        QCOMPARE(policy.severity(AuditRule::TooFrequent), models::AuditSeverity::Error);
        QCOMPARE(policy.threshold(AuditRule::TooFrequent, "min_interval_seconds"_L1), 900.0);
        QVERIFY(policy.isEnabled(AuditRule::NoEndTime));
        QVERIFY(!policy.isEnabled(AuditRule::Paused));
        // Untouched rules keep their defaults.
        QCOMPARE(policy.severity(AuditRule::Overdue), models::AuditSeverity::Error);
        QCOMPARE(policy.threshold(AuditRule::Burst, "max_crons_per_minute"_L1), 10.0);
        QCOMPARE(policy.acknowledgements.size(), 2);
        // A date is "through that day", UTC.
        QCOMPARE(policy.acknowledgements.at(0).until,
                 QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()));
        QVERIFY(policy.acknowledgements.at(0).cronId.isEmpty());
        QCOMPARE(policy.acknowledgements.at(1).until,
                 QDateTime(QDate(2027, 3, 1), QTime(7, 0), QTimeZone::utc()));
    }

    void emptyObject_isTheDefaultPolicy()
    {
        const models::AuditPolicyReading reading = models::readAuditPolicy("{}");
        QVERIFY(reading.policy);
        QCOMPARE(*reading.policy, AuditPolicy());
        // A byte order mark in front, as some editors write one.
        QVERIFY(models::readAuditPolicy("\xEF\xBB\xBF{\"version\": 1}").policy);
    }

    void writtenPolicy_readsBackEqual()
    {
        AuditPolicy policy;
        policy.horizonDays = 3;
        policy.requiredMetadata = {u"owner"_s};
        policy.settings(AuditRule::Burst).severity = models::AuditSeverity::Info;
        policy.setThreshold(AuditRule::Burst, "max_crons_per_minute"_L1, 50);
        policy.settings(AuditRule::NoEndTime).enabled = true;
        policy.acknowledgements.append(
            {AuditRule::Overdue, u"c1"_s, u"Scheduler migration."_s,
             QDateTime(QDate(2026, 12, 1), QTime(12, 30), QTimeZone::utc())});
        policy.acknowledgements.append(
            {AuditRule::Burst, QString(), u"Midnight wave."_s,
             QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc())});
        const QByteArray text = models::writeAuditPolicy(policy);
        const models::AuditPolicyReading reading = models::readAuditPolicy(text);
        QVERIFY2(reading.problems.isEmpty(), qPrintable(reading.problems.value(0).message));
        QCOMPARE(*reading.policy, policy);
        QVERIFY(text.contains("\"max_crons_per_minute\": 50"));
    }

    // Each mistake, where it is and what is said about it.
    void mistakes_areReportedWithLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("expected"); // "line:column: part of the message"
        QTest::newRow("not JSON") << QByteArray("{\n  \"rules\": \n}")
                                  << QStringList {u"3:1: This is not JSON"_s};
        QTest::newRow("an array") << QByteArray(
            "[]") << QStringList {u"1:1: A policy must be a JSON object, not an array."_s};
        QTest::newRow("unknown key") << QByteArray("{\n  \"horizon\": 7\n}")
                                     << QStringList {u"2:14: Unknown key “horizon”"_s};
        QTest::newRow("version 2")
            << QByteArray("{\"version\": 2}") << QStringList {u"1:13: “version” must be 1"_s};
        QTest::newRow("horizon out of range")
            << QByteArray("{\"horizon_days\": 32}")
            << QStringList {u"1:18: “horizon_days” must be a whole number from 1 to 31, not 32."_s};
        QTest::newRow("horizon as text")
            << QByteArray("{\"horizon_days\": \"7\"}")
            << QStringList {
                   u"1:18: “horizon_days” must be a whole number from 1 to 31, not a string."_s};
        QTest::newRow("horizon not whole")
            << QByteArray("{\"horizon_days\": 7.5}") << QStringList {u"not 7.5."_s};
        QTest::newRow("required_metadata not an array")
            << QByteArray("{\"required_metadata\": \"owner\"}")
            << QStringList {u"1:23: “required_metadata” must be an array"_s};
        QTest::newRow("an empty required key")
            << QByteArray("{\"required_metadata\": [\"owner\", \"\"]}")
            << QStringList {u"1:33: Each required metadata key must be a non-empty string."_s};
        QTest::newRow("unknown rule")
            << QByteArray("{\"rules\": {\n  \"overdue-ish\": {}\n}}")
            << QStringList {
                   u"2:18: Unknown rule “overdue-ish”; the rules are: invalid-schedule, "_s};
        QTest::newRow("rule not an object")
            << QByteArray("{\"rules\": {\"burst\": false}}")
            << QStringList {u"1:21: Rule “burst” must be an object"_s};
        QTest::newRow("enabled as text")
            << QByteArray("{\"rules\": {\"burst\": {\"enabled\": \"yes\"}}}")
            << QStringList {u"1:33: “enabled” must be true or false."_s};
        QTest::newRow("unknown severity")
            << QByteArray("{\"rules\": {\"burst\": {\"severity\": \"critical\"}}}")
            << QStringList {u"1:34: “severity” must be \"info\", \"warning\" or \"error\"."_s};
        QTest::newRow("threshold out of range")
            << QByteArray("{\"rules\": {\"burst\": {\"max_crons_per_minute\": 0}}}")
            << QStringList {
                   u"1:46: “rules.burst.max_crons_per_minute” must be a whole number from 1 to 1000000, not 0."_s};
        QTest::newRow("a threshold of another rule")
            << QByteArray("{\"rules\": {\"burst\": {\"days\": 3}}}")
            << QStringList {
                   u"1:30: Unknown setting “days” for rule “burst”; it takes: enabled, severity, max_crons_per_minute."_s};
        QTest::newRow("acknowledgements not an array")
            << QByteArray("{\"acknowledgements\": {}}")
            << QStringList {u"1:22: “acknowledgements” must be an array"_s};
        QTest::newRow("acknowledgement without a reason")
            << QByteArray("{\"acknowledgements\": [\n  {\"rule\": \"paused\", \"cron_id\": \"c\", "
                          "\"until\": \"2026-12-01\"}\n]}")
            << QStringList {u"2:3: This acknowledgement has no “reason”."_s};
        QTest::newRow("an empty reason")
            << QByteArray("{\"acknowledgements\": [{\"rule\": \"paused\", \"reason\": \" \", "
                          "\"until\": \"2026-12-01\"}]}")
            << QStringList {u"1:52: “reason” must say why"_s};
        QTest::newRow("until without an offset")
            << QByteArray("{\"acknowledgements\": [{\"rule\": \"paused\", \"reason\": \"r\", "
                          "\"until\": \"2026-12-01T10:00:00\"}]}")
            << QStringList {u"1:66: “until” must be an instant with its offset"_s};
        QTest::newRow("until not a date")
            << QByteArray("{\"acknowledgements\": [{\"rule\": \"paused\", \"reason\": \"r\", "
                          "\"until\": \"2026-02-30\"}]}")
            << QStringList {u"1:66: “until” must be"_s};
        QTest::newRow("acknowledging an unknown rule")
            << QByteArray("{\"acknowledgements\": [{\"rule\": \"pause\", \"reason\": \"r\", "
                          "\"until\": \"2026-12-01\"}]}")
            << QStringList {u"1:32: Unknown rule “pause”"_s};
        QTest::newRow("a cron id that is a number")
            << QByteArray("{\"acknowledgements\": [{\"rule\": \"paused\", \"cron_id\": 7, "
                          "\"reason\": \"r\", \"until\": \"2026-12-01\"}]}")
            << QStringList {u"1:53: “cron_id” must be a cron id"_s};
        QTest::newRow("an acknowledgement that is a string")
            << QByteArray("{\"acknowledgements\": [\"paused\"]}")
            << QStringList {u"1:23: An acknowledgement must be an object"_s};
        QTest::newRow("several mistakes, in file order") << QByteArray(
            "{\n  \"rules\": {\"burst\": {\"severity\": \"loud\"}},\n  \"horizon_days\": 0\n}")
                                                         << QStringList {u"2:35: “severity”"_s,
                                                                         u"3:19: “horizon_days”"_s};
    }
    void mistakes_areReportedWithLineAndColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, expected);
        const models::AuditPolicyReading reading = models::readAuditPolicy(text);
        QVERIFY(!reading.policy);
        QStringList reported;
        for (const models::AuditPolicyProblem &problem : reading.problems)
            reported.append(u"%1:%2: %3"_s.arg(problem.position.line)
                                .arg(problem.position.column)
                                .arg(problem.message));
        QCOMPARE(reported.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QString &want = expected.at(i);
            // Either the whole "line:column: start of the message", or a part of the message.
            const bool matches = QRegularExpression(u"^\\d+:\\d+: "_s).match(want).hasMatch()
                ? reported.at(i).startsWith(want)
                : reported.at(i).contains(want);
            QVERIFY2(matches, qPrintable(reported.at(i) + u"\n  expected: "_s + want));
            QVERIFY2(reading.problems.at(i).message.endsWith(u'.'),
                     qPrintable(reading.problems.at(i).message));
        }
    }

    void problem_isFormattedAsACompilerWould()
    {
        const models::AuditPolicyReading reading = models::readAuditPolicy(
            "{\n  \"rules\": {\"burst\": {\"max_crons_per_minute\": -1}}\n}");
        QCOMPARE(reading.problems.size(), 1);
        QCOMPARE(models::formatPolicyProblem(reading.problems.first(), u"team.json"_s),
                 u"team.json:2:47: rules.burst.max_crons_per_minute: “rules.burst."
                 "max_crons_per_minute” must be a whole number from 1 to 1000000, not -1."_s);
    }

    // --- One policy per connection profile, and import/export ---

    void store_keepsOnePolicyPerProfile()
    {
        QTemporaryDir dir;
        const models::AuditPolicyStore store(
            models::AuditPolicyStore::directoryFor(dir.filePath(u"profiles.conf"_s)));
        QCOMPARE(store.directory(), dir.filePath(u"audit-policies"_s));
        // Without a file: the default policy.
        QVERIFY(!store.hasPolicy(u"prod"_s));
        QCOMPARE(*store.load(u"prod"_s).policy, AuditPolicy());

        AuditPolicy prod;
        prod.requiredMetadata = {u"owner"_s};
        AuditPolicy staging;
        staging.settings(AuditRule::Paused).enabled = false;
        QString error;
        QVERIFY2(store.save(u"prod"_s, prod, &error), qPrintable(error));
        QVERIFY2(store.save(u"staging"_s, staging, &error), qPrintable(error));
        QCOMPARE(*store.load(u"prod"_s).policy, prod);
        QCOMPARE(*store.load(u"staging"_s).policy, staging);
    }

    void store_fileNames_areOneFileWhateverTheProfileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("slash") << u"prod/eu"_s;
        QTest::newRow("parent") << u".."_s;
        QTest::newRow("hidden") << u".prod"_s;
        QTest::newRow("spaces and accents") << u"Équipe ops 1"_s;
    }
    void store_fileNames_areOneFileWhateverTheProfileName()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const models::AuditPolicyStore store(dir.filePath(u"audit-policies"_s));
        const QFileInfo file(store.filePath(name));
        QCOMPARE(file.absolutePath(), QFileInfo(store.directory()).absoluteFilePath());
        QVERIFY(!file.fileName().startsWith(u'.'));
        AuditPolicy policy;
        policy.horizonDays = 2;
        QVERIFY(store.save(name, policy));
        QCOMPARE(store.load(name).policy->horizonDays, 2);
    }

    void brokenProfilePolicy_isReportedNotReplacedByTheDefault()
    {
        QTemporaryDir dir;
        const models::AuditPolicyStore store(dir.path());
        QFile file(store.filePath(u"prod"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"horizon_days\": 99\n}\n");
        file.close();
        const models::AuditPolicyReading reading = store.load(u"prod"_s);
        QVERIFY(!reading.policy);
        QCOMPARE(reading.problems.size(), 1);
        QCOMPARE(reading.problems.first().position, (models::TextPosition {2, 19}));
    }

    void importAndExport_roundTripThroughAFile()
    {
        QTemporaryDir dir;
        AuditPolicy policy;
        policy.acknowledgements.append(
            {AuditRule::Burst, QString(), u"Known."_s,
             QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc())});
        const QString path = dir.filePath(u"team-policy.json"_s);
        QString error;
        QVERIFY2(models::writeAuditPolicyFile(path, policy, &error), qPrintable(error));
        QCOMPARE(*models::readAuditPolicyFile(path).policy, policy);
        const models::AuditPolicyReading missing
            = models::readAuditPolicyFile(dir.filePath(u"none.json"_s));
        QVERIFY(!missing.policy);
        QVERIFY(missing.problems.first().message.startsWith(u"Cannot read the policy file"_s));
    }
};

QTEST_GUILESS_MAIN(TestAuditPolicy)
#include "tst_auditpolicy.moc"
