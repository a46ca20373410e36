// crondeskctl journal list and journal undo, in-process against an in-process sandbox: entry ids,
// filters, the undo plan, --dry-run and --yes, refusals (changed since, already undone, unknown
// entry) and their exit codes, restore of a deleted cron with a new id.
#include <app/cli/commandline.h>
#include <models/journal/changejournal.h>
#include <tests/cli/ctlrunner.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

class TestCrondeskctlJournal final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }
    QList<models::JournalEntry> journal() const
    {
        return models::ChangeJournal(journalPath()).readAll();
    }

    Outcome ctl(const QStringList &arguments)
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_JOURNAL"_s, journalPath());
        return clitest::runCrondeskctl(QStringList {u"--url"_s, m_server->baseUrl().toString()}
                                           + arguments,
                                       environment, nullptr, 30000);
    }

    QString createCron(const QJsonObject &extra = {})
    {
        QJsonObject body {{u"schedule"_s, u"0 9 * * *"_s}, {u"assistant_id"_s, u"agent"_s}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_server->createCron(body).value("cron_id"_L1).toString();
    }

    QJsonObject serverCron(const QString &cronId)
    {
        const Outcome got = ctl({u"crons"_s, u"get"_s, cronId, u"--format"_s, u"json"_s});
        return QJsonDocument::fromJson(got.out).object();
    }

    qsizetype cronWrites() const
    {
        qsizetype count = 0;
        for (const sandbox::RecordedRequest &request : m_server->requests()) {
            if (request.method != "GET" && request.path.startsWith(u"/runs/crons"_s)
                && !request.path.endsWith(u"/search"_s) && !request.path.endsWith(u"/count"_s))
                ++count;
        }
        return count;
    }

    // Updates the schedule with crondeskctl; returns the journal entry written.
    models::JournalEntry update(const QString &cronId, const QString &schedule)
    {
        const Outcome updated = ctl({u"crons"_s, u"update"_s, cronId, u"--schedule"_s, schedule});
        if (updated.exitCode != 0)
            qWarning() << updated.err;
        return journal().value(journal().size() - 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(SandboxServer::Options {.scheduler = false});
        QVERIFY(m_server->listen() != 0);
    }

    void cleanup() { m_server.reset(); }

    void list_showsEntryIds_andFilters()
    {
        const QString a = createCron();
        const QString b = createCron();
        const models::JournalEntry updated = update(a, u"0 10 * * *"_s);
        QCOMPARE(ctl({u"crons"_s, u"delete"_s, b}).exitCode, 0);

        const Outcome table = ctl({u"journal"_s, u"list"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(updated.id.toUtf8()));
        QVERIFY(table.out.startsWith("ID"));

        const Outcome json
            = ctl({u"journal"_s, u"list"_s, u"--action"_s, u"delete"_s, u"--format"_s, u"json"_s});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray records = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first()["cron_id"_L1].toString(), b);
        QCOMPARE(records.first()["id"_L1].toString().size(), 12);

        const Outcome byCron
            = ctl({u"journal"_s, u"list"_s, u"--cron"_s, a, u"--format"_s, u"json"_s});
        QCOMPARE(QJsonDocument::fromJson(byCron.out).array().size(), 1);
        const Outcome future = ctl(
            {u"journal"_s, u"list"_s, u"--since"_s, u"2999-01-01"_s, u"--format"_s, u"json"_s});
        QCOMPARE(QJsonDocument::fromJson(future.out).array().size(), 0);
        QCOMPARE(ctl({u"journal"_s, u"list"_s, u"--since"_s, u"yesterday"_s}).exitCode, 2);
    }

    void undo_ofAnUpdate_printsThePlan_sendsOnlyWithYes_andRestoresTheSchedule()
    {
        const QString cronId = createCron();
        const models::JournalEntry updated = update(cronId, u"0 10 * * *"_s);
        QCOMPARE(updated.action, u"update"_s);
        const qsizetype writes = cronWrites();

        const Outcome dry = ctl({u"journal"_s, u"undo"_s, updated.id, u"--dry-run"_s});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("schedule: “0 10 * * *” → “0 9 * * *”"), dry.out.constData());
        const Outcome unconfirmed = ctl({u"journal"_s, u"undo"_s, updated.id});
        QCOMPARE(unconfirmed.exitCode, 2);
        QVERIFY(unconfirmed.err.contains("--yes"));
        QCOMPARE(cronWrites(), writes);

        const Outcome done = ctl({u"journal"_s, u"undo"_s, updated.id.left(6), u"--yes"_s});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(serverCron(cronId)["schedule"_L1].toString(), u"0 9 * * *"_s);
        QCOMPARE(cronWrites(), writes + 1);
        const models::JournalEntry undo = journal().last();
        QCOMPARE(undo.action, u"undo"_s);
        QCOMPARE(undo.undoes, updated.id);
        QCOMPARE(undo.client, u"crondeskctl"_s);

        const Outcome again = ctl({u"journal"_s, u"undo"_s, updated.id, u"--yes"_s});
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.out.contains("already undone"));
        QCOMPARE(cronWrites(), writes + 1);
    }

    void undo_ofACronChangedSince_isRefusedWithTheDiff_exit2()
    {
        const QString cronId = createCron();
        const models::JournalEntry first = update(cronId, u"0 10 * * *"_s);
        update(cronId, u"0 11 * * *"_s);
        const qsizetype writes = cronWrites();
        const Outcome refused = ctl({u"journal"_s, u"undo"_s, first.id, u"--yes"_s});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.out.contains("schedule was changed since: the update set “0 10 * * *”, "
                                      "it is now “0 11 * * *”."),
                 refused.out.constData());
        QCOMPARE(cronWrites(), writes);
        QCOMPARE(serverCron(cronId)["schedule"_L1].toString(), u"0 11 * * *"_s);
    }

    void undo_ofADelete_restoresTheCronWithANewId()
    {
        const QString cronId
            = createCron({{u"timezone"_s, u"Europe/Berlin"_s},
                          {u"metadata"_s, QJsonObject {{u"team"_s, u"billing"_s}}}});
        QCOMPARE(ctl({u"crons"_s, u"delete"_s, cronId}).exitCode, 0);
        const models::JournalEntry deletion = journal().last();
        QCOMPARE(deletion.action, u"delete"_s);
        const Outcome restored = ctl({u"journal"_s, u"undo"_s, deletion.id, u"--yes"_s});
        QCOMPARE(restored.exitCode, 0);
        QVERIFY2(restored.out.contains("Restored as a new cron "), restored.out.constData());
        QVERIFY(restored.out.contains(u"the old id %1 cannot be reused"_s.arg(cronId).toUtf8()));
        const models::JournalEntry restore = journal().last();
        QCOMPARE(restore.action, u"restore"_s);
        QVERIFY(restore.cronId != cronId);
        const QJsonObject cron = serverCron(restore.cronId);
        QCOMPARE(cron["schedule"_L1].toString(), u"0 9 * * *"_s);
        QCOMPARE(cron["timezone"_L1].toString(), u"Europe/Berlin"_s);
        QCOMPARE(cron["metadata"_L1]["team"_L1].toString(), u"billing"_s);
    }

    void undo_ofAnUnknownEntry_isABadInput()
    {
        createCron();
        const Outcome unknown = ctl({u"journal"_s, u"undo"_s, u"ffffffffffff"_s, u"--yes"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("No journal entry has the id"));
        QCOMPARE(ctl({u"journal"_s, u"undo"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlJournal)
#include "tst_crondeskctl_journal.moc"
