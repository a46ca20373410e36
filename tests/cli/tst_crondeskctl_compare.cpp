// crondeskctl snapshot save and diff against the in-process sandbox: a snapshot before and after
// crons are added, deleted and patched in every field; the diff in both match modes reports
// exactly those changes, says which ones the change journal explains, never holds the API key,
// and refuses damaged or newer snapshots with exit code 2.
#include <app/cli/commandline.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
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

namespace {

const QString apiKey = u"lsv2_sk_compare_known_key_5f3a9c"_s;
const QString headerValue = u"header-value-secret-7781"_s;

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestCrondeskctlCompare final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<models::CredentialStore> m_credentials;
    QHash<QString, QString> m_ids; // test name -> cron id

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString url() const { return m_server->baseUrl().toString(); }

    Outcome run(const QStringList &arguments)
    {
        QProcessEnvironment env;
        env.insert(u"CRONDESK_PROFILES"_s, path(u"profiles.conf"_s));
        env.insert(u"CRONDESK_JOURNAL"_s, path(u"journal.jsonl"_s));
        return clitest::runCrondeskctl(arguments, env, m_credentials.get(), 30000);
    }

    // Against the sandbox, with the key.
    Outcome ctl(const QStringList &arguments)
    {
        return run(QStringList {u"--url"_s, url(), u"--api-key"_s, apiKey} + arguments);
    }

    QString createCron(const QString &name, const QJsonObject &extra = {},
                       const QString &thread = {})
    {
        QJsonObject body {{"schedule"_L1, u"0 9 * * *"_s},
                          {"assistant_id"_L1, u"agent"_s},
                          {"metadata"_L1, QJsonObject {{"name"_L1, name}, {"team"_L1, u"ops"_s}}},
                          {"input"_L1, QJsonObject {{"task"_L1, name}}}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const QString id = m_server->createCron(body, thread).value("cron_id"_L1).toString();
        m_ids.insert(name, id);
        return id;
    }

    void patch(const QString &name, const QJsonObject &body)
    {
        const auto response
            = m_server->handleLocally("PATCH", u"/runs/crons/"_s + m_ids.value(name), body);
        QVERIFY2(response.status == 200, response.body.constData());
    }

    void saveSnapshot(const QString &file)
    {
        const Outcome saved = ctl({u"snapshot"_s, u"save"_s, path(file)});
        QVERIFY2(saved.exitCode == cli::ExitOk, saved.err.constData());
    }

    // before.json, then: one cron created through crondeskctl and one behind its back, one
    // deleted behind its back, one patched through crondeskctl, the others patched in every
    // field behind its back; then after.json.
    void makeBeforeAndAfter()
    {
        createCron(u"schedule"_s);
        createCron(u"metadata"_s);
        createCron(u"payload"_s);
        createCron(u"flags"_s);
        createCron(u"untouched"_s);
        createCron(u"deleted"_s);
        createCron(u"operator"_s);
        const QString thread = m_server->createThread().value("thread_id"_L1).toString();
        createCron(u"threaded"_s, {}, thread);
        saveSnapshot(u"before.json"_s);

        const Outcome updated = ctl({u"crons"_s, u"update"_s, m_ids.value(u"operator"_s),
                                     u"--schedule"_s, u"*/5 * * * *"_s});
        QVERIFY2(updated.exitCode == cli::ExitOk, updated.err.constData());
        const Outcome created = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                     u"--schedule"_s, u"0 7 * * *"_s, u"--metadata"_s,
                                     u"name=created"_s, u"--input"_s, u"{\"task\":\"created\"}"_s});
        QVERIFY2(created.exitCode == cli::ExitOk, created.err.constData());
        createCron(u"elsewhere"_s, {{"schedule"_L1, u"0 8 * * *"_s}});
        QCOMPARE(
            m_server->handleLocally("DELETE", u"/runs/crons/"_s + m_ids.value(u"deleted"_s)).status,
            204);
        patch(u"schedule"_s, {{"schedule"_L1, u"30 9 * * *"_s}});
        patch(u"metadata"_s, {{"metadata"_L1, QJsonObject {{"owner"_L1, u"alice"_s}}}});
        patch(u"payload"_s,
              {{"input"_L1, QJsonObject {{"task"_L1, u"other"_s}}},
               {"config"_L1, QJsonObject {{"tags"_L1, QJsonArray {u"x"_s}}}},
               {"webhook"_L1, u"https://hooks.example/done"_s}});
        patch(u"flags"_s,
              {{"enabled"_L1, false},
               {"timezone"_L1, u"Europe/Berlin"_s},
               {"end_time"_L1, u"2030-01-01T00:00:00Z"_s}});
        // What the API cannot change, through the sandbox's control endpoint.
        const auto control = m_server->handleLocally(
            "PATCH", u"/_sandbox/crons/"_s + m_ids.value(u"threaded"_s),
            {{"user_id"_L1, u"someone-else"_s}, {"on_run_completed"_L1, u"keep"_s}});
        QVERIFY2(control.status == 200, control.body.constData());
        saveSnapshot(u"after.json"_s);
    }

    QJsonObject diffJson(const QStringList &options, int expectedExit = cli::ExitDifferences)
    {
        const Outcome outcome = run(QStringList {u"diff"_s, path(u"before.json"_s),
                                                 path(u"after.json"_s), u"--format"_s, u"json"_s}
                                    + options);
        [&] { QVERIFY2(outcome.exitCode == expectedExit, outcome.err.constData()); }();
        return QJsonDocument::fromJson(outcome.out).object();
    }

    QString nameOf(const QJsonObject &cron) const
    {
        return cron.value("metadata"_L1).toObject().value("name"_L1).toString();
    }

    QStringList names(const QJsonArray &crons) const
    {
        QStringList list;
        for (const QJsonValue &cron : crons)
            list.append(nameOf(cron.toObject()));
        return sorted(list);
    }

    // Changed crons by name (from the ids), each with its changed fields.
    QHash<QString, QStringList> changedFields(const QJsonObject &diff) const
    {
        QHash<QString, QStringList> result;
        for (const QJsonValue &value : diff.value("changed"_L1).toArray()) {
            const QJsonObject change = value.toObject();
            result.insert(m_ids.key(change.value("old_id"_L1).toString()),
                          sorted(change.value("fields"_L1).toObject().keys()));
        }
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QFile::remove(path(u"journal.jsonl"_s));
        m_ids.clear();
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.apiKey = apiKey, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_credentials = std::make_unique<models::CredentialStore>(u"crondesk-compare-test"_s);
        m_credentials->setKeychainEnabled(false);
    }

    void cleanup() { m_server.reset(); }

    void diff_byId_reportsExactlyTheChangesMade()
    {
        makeBeforeAndAfter();
        const QJsonObject diff = diffJson({u"--match"_s, u"id"_s});
        QCOMPARE(names(diff.value("added"_L1).toArray()),
                 (QStringList {u"created"_s, u"elsewhere"_s}));
        QCOMPARE(names(diff.value("removed"_L1).toArray()), QStringList {u"deleted"_s});
        const QHash<QString, QStringList> changed = changedFields(diff);
        QCOMPARE(changed.size(), 6);
        QCOMPARE(changed.value(u"schedule"_s), QStringList {u"schedule"_s});
        QCOMPARE(changed.value(u"operator"_s), QStringList {u"schedule"_s});
        QCOMPARE(changed.value(u"metadata"_s), QStringList {u"metadata.owner"_s});
        QCOMPARE(changed.value(u"payload"_s),
                 (QStringList {u"payload.config"_s, u"payload.input"_s, u"payload.webhook"_s}));
        QCOMPARE(changed.value(u"flags"_s),
                 (QStringList {u"enabled"_s, u"end_time"_s, u"timezone"_s}));
        QCOMPARE(changed.value(u"threaded"_s), (QStringList {u"on_run_completed"_s, u"user_id"_s}));
        QCOMPARE(diff.value("unchanged"_L1).toInt(), 1);
        QVERIFY(diff.value("ambiguous"_L1).toArray().isEmpty());
        // The old and new values, as the server returned them.
        for (const QJsonValue &value : diff.value("changed"_L1).toArray()) {
            const QJsonObject change = value.toObject();
            if (m_ids.key(change.value("old_id"_L1).toString()) == "schedule"_L1)
                QCOMPARE(change.value("fields"_L1).toObject().value("schedule"_L1).toObject(),
                         (QJsonObject {{"old"_L1, u"0 9 * * *"_s}, {"new"_L1, u"30 9 * * *"_s}}));
        }
        QCOMPARE(diff.value("old"_L1).toObject().value("source"_L1).toString(),
                 path(u"before.json"_s));
    }

    void diff_byContentWithAStableKey_reportsTheSameChanges()
    {
        makeBeforeAndAfter();
        const QJsonObject diff
            = diffJson({u"--match"_s, u"content"_s, u"--key"_s, u"metadata.name"_s});
        QCOMPARE(names(diff.value("added"_L1).toArray()),
                 (QStringList {u"created"_s, u"elsewhere"_s}));
        QCOMPARE(names(diff.value("removed"_L1).toArray()), QStringList {u"deleted"_s});
        const QHash<QString, QStringList> changed = changedFields(diff);
        QCOMPARE(changed.size(), 6);
        QCOMPARE(changed.value(u"schedule"_s), QStringList {u"schedule"_s});
        QCOMPARE(changed.value(u"payload"_s),
                 (QStringList {u"payload.config"_s, u"payload.input"_s, u"payload.webhook"_s}));
        QCOMPARE(changed.value(u"flags"_s),
                 (QStringList {u"enabled"_s, u"end_time"_s, u"timezone"_s}));
        QCOMPARE(changed.value(u"threaded"_s), (QStringList {u"on_run_completed"_s, u"user_id"_s}));
        QCOMPARE(diff.value("unchanged"_L1).toInt(), 1);
    }

    void diff_byContentWithTheDefaultKey_seesAChangedScheduleAsRemovedAndAdded()
    {
        makeBeforeAndAfter();
        const QJsonObject diff = diffJson({u"--match"_s, u"content"_s});
        // schedule, timezone and payload pair crons: changing one makes another cron.
        QCOMPARE(names(diff.value("added"_L1).toArray()),
                 (QStringList {u"created"_s, u"elsewhere"_s, u"flags"_s, u"operator"_s,
                               u"payload"_s, u"schedule"_s}));
        QCOMPARE(
            names(diff.value("removed"_L1).toArray()),
            (QStringList {u"deleted"_s, u"flags"_s, u"operator"_s, u"payload"_s, u"schedule"_s}));
        const QHash<QString, QStringList> changed = changedFields(diff);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.value(u"metadata"_s), QStringList {u"metadata.owner"_s});
        QCOMPARE(changed.value(u"threaded"_s), (QStringList {u"on_run_completed"_s, u"user_id"_s}));
    }

    void diff_saysWhichChangesTheJournalExplains()
    {
        makeBeforeAndAfter();
        const QJsonObject diff = diffJson({});
        const QString elsewhere = u"not in the journal: changed elsewhere"_s;
        for (const QJsonValue &value : diff.value("changed"_L1).toArray()) {
            const QJsonObject change = value.toObject();
            const QString name = m_ids.key(change.value("old_id"_L1).toString());
            const QString attribution = change.value("attribution"_L1).toString();
            if (name == "operator"_L1)
                QVERIFY2(attribution.startsWith(u"by Cron Desk (journal entry "_s),
                         qPrintable(attribution));
            else
                QCOMPARE(attribution, elsewhere);
        }
        const QJsonArray added = diff.value("added"_L1).toArray();
        const QJsonArray addedAttribution
            = diff.value("attribution"_L1).toObject().value("added"_L1).toArray();
        QCOMPARE(addedAttribution.size(), added.size());
        for (qsizetype i = 0; i < added.size(); ++i) {
            const QString text = addedAttribution.at(i).toString();
            if (nameOf(added.at(i).toObject()) == "created"_L1)
                QVERIFY2(text.startsWith(u"by Cron Desk"_s), qPrintable(text));
            else
                QCOMPARE(text, elsewhere);
        }
        QCOMPARE(diff.value("attribution"_L1).toObject().value("removed"_L1).toArray(),
                 QJsonArray {elsewhere});
    }

    void diff_ofASnapshotWithItself_exitsZero()
    {
        createCron(u"one"_s);
        saveSnapshot(u"before.json"_s);
        const Outcome outcome = run({u"diff"_s, path(u"before.json"_s), path(u"before.json"_s)});
        QCOMPARE(outcome.exitCode, int(cli::ExitOk));
        QVERIFY(outcome.out.contains("No difference"));
    }

    void diff_againstTheLiveDeploymentByUrlOrProfile_readsItNow_data()
    {
        QTest::addColumn<bool>("byProfile");
        QTest::newRow("url") << false;
        QTest::newRow("profile") << true;
    }

    void diff_againstTheLiveDeploymentByUrlOrProfile_readsItNow()
    {
        QFETCH(bool, byProfile);
        createCron(u"one"_s);
        saveSnapshot(u"before.json"_s);
        createCron(u"two"_s);
        QString source = url();
        QStringList extra {u"--api-key"_s, apiKey};
        if (byProfile) {
            models::ConnectionProfile profile;
            profile.name = u"live"_s;
            profile.url = m_server->baseUrl();
            QVERIFY(models::ProfileStore(path(u"profiles.conf"_s)).save({profile}));
            bool written = false;
            m_credentials->writeKey(u"live"_s, apiKey, this,
                                    [&written](const auto &) { written = true; });
            QTRY_VERIFY(written);
            source = u"@live"_s;
            extra.clear();
        }
        const Outcome outcome
            = run(QStringList {u"diff"_s, path(u"before.json"_s), source, u"--format"_s, u"json"_s}
                  + extra);
        QVERIFY2(outcome.exitCode == cli::ExitDifferences, outcome.err.constData());
        const QJsonObject diff = QJsonDocument::fromJson(outcome.out).object();
        QCOMPARE(names(diff.value("added"_L1).toArray()), QStringList {u"two"_s});
        QCOMPARE(diff.value("new"_L1).toObject().value("source"_L1).toString(), source);
    }

    void snapshot_takenWithAKnownKey_neverContainsIt()
    {
        // Even a cron that carries the key and the header value in its own data.
        createCron(
            u"leaky"_s,
            {{"config"_L1, QJsonObject {{"configurable"_L1, QJsonObject {{"k"_L1, apiKey}}}}},
             {"metadata"_L1, QJsonObject {{"h"_L1, headerValue}}}});
        const Outcome saved = ctl({u"--header"_s, u"X-Extra: "_s + headerValue, u"snapshot"_s,
                                   u"save"_s, path(u"secret.json"_s)});
        QVERIFY2(saved.exitCode == cli::ExitOk, saved.err.constData());
        QFile file(path(u"secret.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("\"crondesk-snapshot\""));
        QVERIFY(text.contains(m_ids.value(u"leaky"_s).toUtf8()));
        QVERIFY(!text.contains(apiKey.toUtf8()));
        QVERIFY(!text.contains(headerValue.toUtf8()));
        QVERIFY(!saved.err.contains(apiKey.toUtf8()));
    }

    void diff_ofADamagedOrNewerSnapshot_exitsTwoWithAClearError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("corrupt") << QByteArray("{\"format\": \"crondesk-snap")
                                 << QByteArray("not valid JSON");
        QTest::newRow("future version")
            << QByteArray(R"({"format":"crondesk-snapshot","version":7,"crons":[]})")
            << QByteArray("version 7 snapshot, written by a newer Cron Desk");
        QTest::newRow("not a snapshot")
            << QByteArray(R"({"crons":[]})") << QByteArray("not a Cron Desk snapshot");
    }

    void diff_ofADamagedOrNewerSnapshot_exitsTwoWithAClearError()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        createCron(u"one"_s);
        saveSnapshot(u"good.json"_s);
        QFile bad(path(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(text);
        bad.close();
        m_server->clearRequests();
        const Outcome outcome = run({u"diff"_s, path(u"bad.json"_s), path(u"good.json"_s)});
        QCOMPARE(outcome.exitCode, int(cli::ExitUsage));
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        QVERIFY(outcome.err.contains(path(u"bad.json"_s).toUtf8()));
        QVERIFY(outcome.out.isEmpty());
        // Nothing read from a deployment either.
        const Outcome live = run({u"diff"_s, path(u"bad.json"_s), url()});
        QCOMPARE(live.exitCode, int(cli::ExitUsage));
        QVERIFY(m_server->requests().isEmpty());
    }

    void diff_writesEachFormatToAFile_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("marker");
        QTest::newRow("table") << u"table"_s << QByteArray("Added: 1 cron");
        QTest::newRow("json") << u"json"_s << QByteArray("\"added\"");
        QTest::newRow("markdown") << u"markdown"_s << QByteArray("## Added (1)");
        QTest::newRow("html") << u"html"_s << QByteArray("<h2>Added (1)</h2>");
    }

    void diff_writesEachFormatToAFile()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, marker);
        saveSnapshot(u"before.json"_s);
        createCron(u"one"_s);
        saveSnapshot(u"after.json"_s);
        const QString report = path(u"report."_s + format);
        const Outcome outcome = run({u"diff"_s, path(u"before.json"_s), path(u"after.json"_s),
                                     u"--format"_s, format, u"--output"_s, report});
        QCOMPARE(outcome.exitCode, int(cli::ExitDifferences));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().contains(marker), qPrintable(format));
    }

    void diff_withBadOptions_isAUsageError_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("one source") << QStringList {};
        QTest::newRow("bad match") << QStringList {u"x"_s, u"--match"_s, u"name"_s};
        QTest::newRow("bad format") << QStringList {u"x"_s, u"--format"_s, u"csv"_s};
        QTest::newRow("key with id")
            << QStringList {u"x"_s, u"--match"_s, u"id"_s, u"--key"_s, u"schedule"_s};
    }

    void diff_withBadOptions_isAUsageError()
    {
        QFETCH(QStringList, options);
        createCron(u"one"_s);
        saveSnapshot(u"before.json"_s);
        for (QString &option : options)
            if (option == "x"_L1)
                option = path(u"before.json"_s);
        const Outcome outcome = run(QStringList {u"diff"_s, path(u"before.json"_s)} + options);
        QCOMPARE(outcome.exitCode, int(cli::ExitUsage));
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlCompare)
#include "tst_crondeskctl_compare.moc"
