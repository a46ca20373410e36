// crondeskctl crons update over many crons (issue 18): the filters of crons list, --all-matching,
// --dry-run's preview (nothing sent, as the sandbox's request log shows), the shift, a partial
// failure with its exit code, and the journal.
#include <app/cli/commandline.h>
#include <models/journal/changejournal.h>
#include <tests/cli/ctlrunner.h>
#include <tests/sandbox/sandboxserver.h>
#include <tests/sandbox/store.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

class TestCrondeskctlBulk final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }

    Outcome ctl(const QStringList &arguments)
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_JOURNAL"_s, journalPath());
        environment.insert(u"CRONDESK_PROFILES"_s, m_dir.filePath(u"profiles.conf"_s));
        return clitest::runCrondeskctl(QStringList {u"--url"_s, m_server->baseUrl().toString()}
                                           + arguments,
                                       environment, nullptr, 60000);
    }

    QString newCron(const QString &schedule, bool enabled = true)
    {
        return m_server
            ->createCron(QJsonObject {{"schedule"_L1, schedule},
                                      {"assistant_id"_L1, u"agent"_s},
                                      {"enabled"_L1, enabled}})
            .value("cron_id"_L1)
            .toString();
    }

    QJsonObject stored(const QString &cronId) const
    {
        const sandbox::CronRecord *record = m_server->store().cron(cronId);
        return record ? record->json : QJsonObject();
    }

    qsizetype patchesSent() const
    {
        qsizetype count = 0;
        for (const sandbox::RecordedRequest &request : m_server->requests())
            count += request.method == "PATCH" ? 1 : 0;
        return count;
    }

    // Plural messages read "5 crons" once the English catalogue has them (the lead regenerates
    // it), "5 cron(s)" until then.
    static bool says(const QByteArray &text, const QString &pattern)
    {
        QString regex = QRegularExpression::escape(pattern);
        regex.replace(u"\\(s\\)"_s, u"(s|\\(s\\))?"_s);
        return QRegularExpression(regex).match(QString::fromUtf8(text)).hasMatch();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(SandboxServer::Options {.scheduler = false});
        QVERIFY(m_server->listen() != 0);
    }
    void cleanup() { m_server.reset(); }

    void moreThanOneMatch_withoutAllMatching_isRefusedSayingHowMany()
    {
        for (int i = 0; i < 5; ++i)
            newCron(u"0 9 * * *"_s);
        const Outcome outcome = ctl({u"crons"_s, u"update"_s, u"--where-enabled"_s, u"true"_s,
                                     u"--metadata-set"_s, u"team=billing"_s});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(says(outcome.err, u"5 cron(s) match; give --all-matching"_s),
                 outcome.err.constData());
        QCOMPARE(patchesSent(), 0);
        // Nothing that names crons at all: refused before the server is asked.
        m_server->clearRequests();
        const Outcome bare = ctl({u"crons"_s, u"update"_s, u"--enabled"_s, u"false"_s});
        QCOMPARE(bare.exitCode, 2);
        QVERIFY2(bare.err.contains("needs exactly one cron id, or filters"), bare.err.constData());
        QVERIFY(m_server->requests().isEmpty());
    }

    void dryRun_printsThePreviewAndSendsNothing()
    {
        const QString a = newCron(u"0 9 * * 1-5"_s);
        const QString b = newCron(u"30 23 1 * *"_s);
        newCron(u"0 9 * * *"_s, false); // filtered out
        m_server->clearRequests();
        const Outcome outcome
            = ctl({u"crons"_s, u"update"_s, u"--where-enabled"_s, u"true"_s, u"--shift"_s, u"+1h"_s,
                   u"--dry-run"_s, u"--format"_s, u"json"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(outcome.out).array();
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue &row : rows) {
            if (row["cron_id"_L1].toString() == a) {
                QCOMPARE(row["skipped"_L1].toBool(), false);
                QCOMPARE(row["patch"_L1].toObject(),
                         (QJsonObject {{"schedule"_L1, "0 10 * * 1-5"_L1}}));
                QCOMPARE(row["changes"_L1][0]["before"_L1].toString(), u"0 9 * * 1-5"_s);
            } else {
                QCOMPARE(row["cron_id"_L1].toString(), b);
                QCOMPARE(row["skipped"_L1].toBool(), true);
                QVERIFY(row["reason"_L1].toString().contains(u"past midnight"_s));
            }
        }
        QVERIFY2(says(outcome.err, u"1 cron(s) to change, 1 skipped"_s), outcome.err.constData());
        // Nothing but reads reached the server.
        for (const sandbox::RecordedRequest &request : m_server->requests())
            QVERIFY2(request.method == "GET" || request.path.endsWith(u"/search"_s),
                     qPrintable(QString::fromLatin1(request.method) + u' ' + request.path));
        QCOMPARE(stored(a).value("schedule"_L1).toString(), u"0 9 * * 1-5"_s);

        // The table says the same for a person.
        const Outcome table = ctl({u"crons"_s, u"update"_s, u"--where-enabled"_s, u"true"_s,
                                   u"--shift"_s, u"+1h"_s, u"--dry-run"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("schedule") && table.out.contains("0 10 * * 1-5")
                     && table.out.contains("skipped"),
                 table.out.constData());
        QCOMPARE(patchesSent(), 0);
    }

    void allMatching_changesEveryMatch_andJournalsEachOnce()
    {
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids.append(newCron(u"15 8 * * *"_s));
        const Outcome outcome
            = ctl({u"crons"_s, u"update"_s, u"--all-matching"_s, u"--metadata-set"_s,
                   u"owner=payments"_s, u"--timezone"_s, u"Europe/Berlin"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QVERIFY2(says(outcome.err, u"6 cron(s) changed"_s), outcome.err.constData());
        for (const QString &id : std::as_const(ids)) {
            QCOMPARE(stored(id).value("timezone"_L1).toString(), u"Europe/Berlin"_s);
            QCOMPARE(stored(id)["metadata"_L1]["owner"_L1].toString(), u"payments"_s);
        }
        const QList<models::JournalEntry> entries = models::ChangeJournal(journalPath()).readAll();
        QCOMPARE(entries.size(), 6);
        for (const models::JournalEntry &entry : entries) {
            QVERIFY(ids.contains(entry.cronId));
            QCOMPARE(entry.client, u"crondeskctl"_s);
            QCOMPARE(entry.before["timezone"_L1].toString(u"UTC"_s), u"UTC"_s);
            QCOMPARE(entry.after["timezone"_L1].toString(), u"Europe/Berlin"_s);
        }
        // Again: every cron has the values, nothing is sent.
        m_server->clearRequests();
        const Outcome again
            = ctl({u"crons"_s, u"update"_s, u"--all-matching"_s, u"--metadata-set"_s,
                   u"owner=payments"_s, u"--timezone"_s, u"Europe/Berlin"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(patchesSent(), 0);
    }

    void partialFailure_listsTheFailuresWithTheServersReason_andExitsOne()
    {
        const QString a = newCron(u"0 9 * * *"_s);
        const QString b = newCron(u"0 9 * * *"_s);
        const QString c = newCron(u"0 9 * * *"_s);
        sandbox::FaultRule rule;
        rule.method = "PATCH";
        rule.path = u"/runs/crons/"_s + b;
        rule.action = sandbox::FaultRule::Action::Status;
        rule.status = 422;
        rule.body = R"({"detail":"Cron is locked by a change freeze"})";
        m_server->addFault(rule);
        const Outcome outcome = ctl({u"crons"_s, u"update"_s, u"--all-matching"_s, u"--enabled"_s,
                                     u"false"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 1);
        const QJsonArray results = QJsonDocument::fromJson(outcome.out).array();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue &result : results) {
            const bool failed = result["cron_id"_L1].toString() == b;
            QCOMPARE(result["result"_L1].toString(), failed ? u"failed"_s : u"applied"_s);
            if (failed)
                QVERIFY(result["error"_L1].toString().contains(u"change freeze"_s));
        }
        QCOMPARE(stored(a).value("enabled"_L1).toBool(), false);
        QCOMPARE(stored(b).value("enabled"_L1).toBool(), true);
        QCOMPARE(stored(c).value("enabled"_L1).toBool(), false);
        QVERIFY2(outcome.err.contains("1 failed"), outcome.err.constData());

        // Repeating the command retries only what is left: the failure.
        m_server->clearFaults();
        m_server->clearRequests();
        const Outcome retry
            = ctl({u"crons"_s, u"update"_s, u"--all-matching"_s, u"--enabled"_s, u"false"_s});
        QCOMPARE(retry.exitCode, 0);
        QCOMPARE(patchesSent(), 1);
        QCOMPARE(stored(b).value("enabled"_L1).toBool(), false);
    }

    void oneId_withShift_isABulkOfOne()
    {
        const QString id = newCron(u"45 9 * * *"_s);
        const Outcome outcome = ctl({u"crons"_s, u"update"_s, id, u"--shift"_s, u"-90m"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(stored(id).value("schedule"_L1).toString(), u"15 8 * * *"_s);
    }

    void usageErrors_sendNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("a field a bulk update does not change")
            << QStringList {u"--all-matching"_s, u"--input"_s, u"{}"_s}
            << u"--input is not part of a bulk update"_s;
        QTest::newRow("schedule and shift") << QStringList {u"--all-matching"_s, u"--schedule"_s,
                                                            u"0 1 * * *"_s, u"--shift"_s, u"+1h"_s}
                                            << u"--schedule and --shift contradict each other"_s;
        QTest::newRow("a bad shift") << QStringList {u"--all-matching"_s, u"--shift"_s, u"1d"_s}
                                     << u"--shift: \"1d\" is not a shift"_s;
        QTest::newRow("nothing to change")
            << QStringList {u"--all-matching"_s, u"--where-enabled"_s, u"true"_s}
            << u"nothing to change"_s;
        QTest::newRow("a bad filter") << QStringList {u"--all-matching"_s, u"--where-enabled"_s,
                                                      u"maybe"_s, u"--enabled"_s, u"false"_s}
                                      << u"--where-enabled: "_s;
    }
    void usageErrors_sendNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        newCron(u"0 9 * * *"_s);
        newCron(u"0 9 * * *"_s);
        const Outcome outcome = ctl(QStringList {u"crons"_s, u"update"_s} + arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(QString::fromUtf8(outcome.err).contains(message), outcome.err.constData());
        QCOMPARE(patchesSent(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlBulk)
#include "tst_crondeskctl_bulk.moc"
