// crondeskctl with connection profiles: --profile and the precedence of flags, profile and
// environment; read-only and production rules (nothing sent when refused); the change journal;
// the plain-http warning; TLS errors with the certificate, and a certificate trusted by a profile.
#include <app/cli/commandline.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>
#include <tests/cli/ctlrunner.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

namespace {

const QString profileKey = u"lsv2_sk_cli_profile_5e1d0b"_s;
const QString environmentKey = u"lsv2_sk_cli_environment_a7"_s;

} // namespace

class TestCrondeskctlConnections final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<models::CredentialStore> m_credentials;

    QString profilesPath() const { return m_dir.filePath(u"profiles.conf"_s); }
    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }

    QProcessEnvironment environment(bool withKey = false) const
    {
        QProcessEnvironment env;
        env.insert(u"CRONDESK_PROFILES"_s, profilesPath());
        env.insert(u"CRONDESK_JOURNAL"_s, journalPath());
        if (withKey)
            env.insert(u"LANGGRAPH_API_KEY"_s, environmentKey);
        return env;
    }

    Outcome run(const QStringList &arguments, bool environmentKey = false)
    {
        return clitest::runCrondeskctl(arguments, environment(environmentKey), m_credentials.get(),
                                       30000);
    }

    void saveProfile(const QString &name, const QString &environment, bool readOnly = false,
                     const QStringList &pins = {})
    {
        models::ConnectionProfile profile;
        profile.name = name;
        profile.url = m_server->baseUrl();
        profile.environment = environment;
        profile.readOnly = readOnly;
        profile.pinnedCertificates = pins;
        QList<models::ConnectionProfile> all = models::ProfileStore(profilesPath()).load();
        all.removeIf([&name](const auto &p) { return p.name == name; });
        all.append(profile);
        QVERIFY(models::ProfileStore(profilesPath()).save(all));
    }

    void storeKey(const QString &name, const QString &key)
    {
        bool done = false;
        m_credentials->writeKey(name, key, this, [&done](const auto &) { done = true; });
        QTRY_VERIFY(done);
    }

    QString newCron()
    {
        return m_server
            ->createCron(
                QJsonObject {{"schedule"_L1, u"0 9 * * *"_s}, {"assistant_id"_L1, u"agent"_s}})
            .value("cron_id"_L1)
            .toString();
    }

    qsizetype mutationsSent() const
    {
        qsizetype count = 0;
        const QList<sandbox::RecordedRequest> requests = m_server->requests();
        for (const auto &request : requests) {
            if (request.method == "DELETE" || request.method == "PATCH"
                || (request.method == "POST" && !request.path.endsWith("/search"_L1)
                    && !request.path.endsWith("/count"_L1)))
                ++count;
        }
        return count;
    }

    QList<models::JournalEntry> journalEntries() const
    {
        return models::ChangeJournal(journalPath()).readAll();
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
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 3, .apiKey = profileKey, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_credentials = std::make_unique<models::CredentialStore>(u"crondesk-cli-test"_s);
        m_credentials->setKeychainEnabled(false);
    }

    void cleanup()
    {
        m_credentials.reset();
        m_server.reset();
    }

    void profile_suppliesUrlAndKey()
    {
        saveProfile(u"staging"_s, u"staging"_s);
        storeKey(u"staging"_s, profileKey);
        const Outcome outcome = run({u"--profile"_s, u"staging"_s, u"crons"_s, u"count"_s}, true);
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(outcome.out.trimmed(), QByteArray("3"));
        QCOMPARE(m_server->lastRequest().header("x-api-key"), profileKey.toUtf8());
    }

    void precedence_flagsThenProfileThenEnvironment_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("storedKey");
        QTest::addColumn<QString>("sent");
        QTest::newRow("--api-key beats the profile")
            << QStringList {u"--api-key"_s, u"flag-key-123"_s} << true << u"flag-key-123"_s;
        QTest::newRow("profile beats the environment") << QStringList() << true << profileKey;
        QTest::newRow("environment when the profile has no key")
            << QStringList() << false << environmentKey;
    }
    void precedence_flagsThenProfileThenEnvironment()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, storedKey);
        QFETCH(QString, sent);
        saveProfile(u"p"_s, u"development"_s);
        if (storedKey)
            storeKey(u"p"_s, profileKey);
        run(QStringList {u"--profile"_s, u"p"_s} + arguments + QStringList {u"crons"_s, u"count"_s},
            true);
        QCOMPARE(m_server->lastRequest().header("x-api-key"), sent.toUtf8());
    }

    void urlFlag_beatsTheProfilesUrl()
    {
        saveProfile(u"p"_s, u"development"_s);
        models::ConnectionProfile moved = models::ProfileStore(profilesPath()).load().first();
        moved.url = QUrl(u"http://127.0.0.1:9"_s); // nothing listens there
        QVERIFY(models::ProfileStore(profilesPath()).save({moved}));
        const Outcome outcome
            = run({u"--profile"_s, u"p"_s, u"--url"_s, m_server->baseUrl().toString(),
                   u"--api-key"_s, profileKey, u"crons"_s, u"count"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    }

    void unknownProfile_exitsWith2()
    {
        const Outcome outcome = run({u"--profile"_s, u"nope"_s, u"crons"_s, u"count"_s});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(outcome.err.contains("\"nope\""));
    }

    void readOnlyProfile_refusesEveryMutationWith2AndSendsNothing_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("create") << QStringList {u"crons"_s, u"create"_s,     u"--assistant"_s,
                                                u"agent"_s, u"--schedule"_s, u"0 1 * * *"_s};
        QTest::newRow("update") << QStringList {u"crons"_s, u"update"_s, u"ID"_s, u"--schedule"_s,
                                                u"0 2 * * *"_s};
        QTest::newRow("pause") << QStringList {u"crons"_s, u"update"_s, u"ID"_s, u"--enabled"_s,
                                               u"false"_s};
        QTest::newRow("delete") << QStringList {u"crons"_s, u"delete"_s, u"ID"_s};
        QTest::newRow("run") << QStringList {u"crons"_s, u"run"_s, u"ID"_s};
    }
    void readOnlyProfile_refusesEveryMutationWith2AndSendsNothing()
    {
        QFETCH(QStringList, command);
        saveProfile(u"audit"_s, u"production"_s, true);
        storeKey(u"audit"_s, profileKey);
        command.replaceInStrings(u"ID"_s, newCron());
        m_server->clearRequests();
        const Outcome outcome = run(QStringList {u"--profile"_s, u"audit"_s} + command);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("read-only"), outcome.err.constData());
        QCOMPARE(mutationsSent(), 0);
        QVERIFY(journalEntries().isEmpty());
        // Reading is fine.
        QCOMPARE(run({u"--profile"_s, u"audit"_s, u"crons"_s, u"count"_s}).exitCode, 0);
    }

    void productionProfile_run_needsTheNameRepeated_andIsJournaled()
    {
        saveProfile(u"Acme Prod"_s, u"production"_s);
        storeKey(u"Acme Prod"_s, profileKey);
        const QString cron = newCron();
        m_server->clearRequests();
        Outcome outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"run"_s, cron});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--confirm \"Acme Prod\""), outcome.err.constData());
        QCOMPARE(mutationsSent(), 0);
        outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"run"_s, cron, u"--confirm"_s,
                       u"Acme Prod"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(mutationsSent(), 1);
        const QList<models::JournalEntry> entries = journalEntries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, u"run"_s);
        QCOMPARE(entries.first().profile, u"Acme Prod"_s);
    }

    void productionProfile_bulkDelete_needsTheNameRepeated()
    {
        saveProfile(u"Acme Prod"_s, u"production"_s);
        storeKey(u"Acme Prod"_s, profileKey);
        const QString a = newCron();
        const QString b = newCron();
        m_server->clearRequests();
        Outcome outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"delete"_s, a, b});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--confirm \"Acme Prod\""), outcome.err.constData());
        QCOMPARE(mutationsSent(), 0);
        outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"delete"_s, a, b,
                       u"--confirm"_s, u"acme prod"_s});
        QCOMPARE(outcome.exitCode, 2);
        outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"delete"_s, a, b,
                       u"--confirm"_s, u"Acme Prod"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(mutationsSent(), 2);
        // One cron needs no confirmation.
        outcome = run({u"--profile"_s, u"Acme Prod"_s, u"crons"_s, u"delete"_s, newCron()});
        QCOMPARE(outcome.exitCode, 0);
    }

    void everyMutation_isJournaledOnceWithBeforeAndAfter()
    {
        saveProfile(u"ops"_s, u"staging"_s);
        storeKey(u"ops"_s, profileKey);
        const QStringList profile {u"--profile"_s, u"ops"_s};
        Outcome outcome
            = run(profile
                  + QStringList {u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                 u"--schedule"_s, u"0 4 * * *"_s, u"--format"_s, u"json"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        const QString id
            = QJsonDocument::fromJson(outcome.out).object().value("cron_id"_L1).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(run(profile
                     + QStringList {u"crons"_s, u"update"_s, id, u"--schedule"_s, u"0 5 * * *"_s})
                     .exitCode,
                 0);
        QCOMPARE(
            run(profile + QStringList {u"crons"_s, u"update"_s, id, u"--enabled"_s, u"false"_s})
                .exitCode,
            0);
        QCOMPARE(run(profile + QStringList {u"crons"_s, u"update"_s, id, u"--enabled"_s, u"true"_s})
                     .exitCode,
                 0);
        QCOMPARE(run(profile + QStringList {u"crons"_s, u"delete"_s, id}).exitCode, 0);

        const QList<models::JournalEntry> entries = journalEntries();
        QStringList actions;
        for (const models::JournalEntry &entry : entries) {
            actions.append(entry.action);
            QCOMPARE(entry.client, u"crondeskctl"_s);
            QCOMPARE(entry.profile, u"ops"_s);
            QCOMPARE(entry.cronId, id);
            QVERIFY(entry.succeeded);
            QCOMPARE(entry.operatorName, models::currentOperator());
        }
        QCOMPARE(actions,
                 (QStringList {u"create"_s, u"update"_s, u"pause"_s, u"resume"_s, u"delete"_s}));
        QCOMPARE(entries.at(1).before.toObject().value("schedule"_L1).toString(), u"0 4 * * *"_s);
        QCOMPARE(entries.at(1).after.toObject().value("schedule"_L1).toString(), u"0 5 * * *"_s);
        QCOMPARE(entries.at(2).after.toObject().value("enabled"_L1), QJsonValue(false));
        QCOMPARE(entries.at(4).before.toObject().value("cron_id"_L1).toString(), id);
        QVERIFY(entries.at(4).after.isNull());

        QFile journal(journalPath());
        QVERIFY(journal.open(QIODevice::ReadOnly));
        QVERIFY(!journal.readAll().contains(profileKey.toUtf8()));
    }

    void plainHttpToAnotherMachine_warnsBeforeSending()
    {
        const Outcome outcome = run({u"--url"_s, u"http://192.0.2.1:9"_s, u"--api-key"_s,
                                     profileKey, u"--timeout"_s, u"0.2"_s, u"crons"_s, u"count"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.startsWith("crondeskctl: warning: the API key"),
                 outcome.err.constData());
        QVERIFY(outcome.err.contains("unencrypted over plain http to 192.0.2.1"));
        QVERIFY(!outcome.err.contains(profileKey.toUtf8()));
    }

    void tlsError_showsTheCertificate_andAPinnedProfileConnects()
    {
        const QString certificate = QFINDTESTDATA("../models/data/tls-test-cert.pem");
        const QString key = QFINDTESTDATA("../models/data/tls-test-key.pem");
        QVERIFY(!certificate.isEmpty());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 2,
                                    .tlsCertificatePath = certificate,
                                    .tlsKeyPath = key,
                                    .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        const QString fingerprint = QString::fromLatin1(QSslCertificate::fromPath(certificate)
                                                            .first()
                                                            .digest(QCryptographicHash::Sha256)
                                                            .toHex());

        Outcome outcome = run({u"--url"_s, m_server->baseUrl().toString(), u"crons"_s, u"count"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains(models::formatFingerprint(fingerprint).toUtf8()),
                 outcome.err.constData());
        QVERIFY(outcome.err.contains("CN=127.0.0.1"));

        saveProfile(u"pinned"_s, u"staging"_s, false, {fingerprint});
        outcome = run({u"--profile"_s, u"pinned"_s, u"crons"_s, u"count"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(outcome.out.trimmed(), QByteArray("2"));

        saveProfile(u"other"_s, u"staging"_s, false, {u"ab"_s.repeated(32)});
        QCOMPARE(run({u"--profile"_s, u"other"_s, u"crons"_s, u"count"_s}).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlConnections)
#include "tst_crondeskctl_connections.moc"
