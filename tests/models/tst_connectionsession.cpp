// The connection session without a widget: the start-up order, the plain-http question, the local
// sandbox's lifetime, and saving profiles with their keys carried over by a KeyMigration job that
// owns its state and is gone when done. Run under the asan preset (LeakSanitizer on), the
// many-saves test is the regression test of the sequencer that leaked on every profile save.
#include <models/api/requestfactory.h>
#include <models/connections/connectionsession.h>
#include <models/connections/credentialstore.h>
#include <tests/sandbox/sandboxserver.h>

#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::ConnectionSession;
using models::KeyOperation;
using models::ProfileEdit;
using sandbox::SandboxServer;

Q_DECLARE_METATYPE(QList<crondesk::models::KeyOperation>)
Q_DECLARE_METATYPE(QList<crondesk::models::ProfileEdit>)

namespace {

const QString serverKey = u"lsv2_sk_session_test_5e1d"_s;

ProfileEdit edit(const QString &name, const QString &original, bool hadKey, const QString &newKey,
                 bool forget)
{
    ProfileEdit e;
    e.profile.name = name;
    e.originalName = original;
    e.hadStoredKey = hadKey;
    e.newKey = newKey;
    e.forgetKey = forget;
    return e;
}

} // namespace

class TestConnectionSession final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<models::CredentialStore> m_credentials;
    std::unique_ptr<ConnectionSession> m_session;

    models::ProfileStore store() const
    {
        return models::ProfileStore(m_dir.filePath(u"profiles.conf"_s));
    }

    models::ConnectionProfile profile(const QString &name) const
    {
        models::ConnectionProfile p;
        p.name = name;
        p.url = m_server->baseUrl();
        p.environment = u"staging"_s;
        return p;
    }

    ConnectionSession::StartOptions options() const
    {
        ConnectionSession::StartOptions o;
        o.environment = QProcessEnvironment();
        return o;
    }

    std::optional<models::CredentialStore::Result> readKey(const QString &name)
    {
        std::optional<models::CredentialStore::Result> result;
        m_credentials->readKey(name, this, [&result](const auto &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
            return std::nullopt;
        return result;
    }

    void writeKey(const QString &name, const QString &key)
    {
        bool done = false;
        m_credentials->writeKey(name, key, this, [&done](const auto &) { done = true; });
        QVERIFY(QTest::qWaitFor([&done] { return done; }, 10000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<api::RequestFactory>();
        qRegisterMetaType<models::ConnectionTestResult>();
    }

    void init()
    {
        QFile::remove(store().filePath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 2, .apiKey = serverKey, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_credentials = std::make_unique<models::CredentialStore>(u"crondesk-test"_s);
        m_credentials->setKeychainEnabled(false);
        m_session = std::make_unique<ConnectionSession>(store(), m_credentials.get());
    }

    void cleanup()
    {
        m_session.reset();
        m_credentials.reset();
        m_server.reset();
    }

    // --- the key migration plan ------------------------------------------------------------

    void planKeyMigration_data()
    {
        using Kind = KeyOperation::Kind;
        QTest::addColumn<QList<ProfileEdit>>("edits");
        QTest::addColumn<QStringList>("removed");
        QTest::addColumn<QList<KeyOperation>>("expected");
        QTest::newRow("nothing changed")
            << QList<ProfileEdit> {edit(u"a"_s, u"a"_s, true, {}, false)} << QStringList()
            << QList<KeyOperation> {};
        QTest::newRow("removed profiles lose their keys first")
            << QList<ProfileEdit> {edit(u"a"_s, u"a"_s, false, u"k"_s, false)}
            << QStringList {u"gone"_s}
            << QList<KeyOperation> {{Kind::Remove, u"gone"_s, {}, {}},
                                    {Kind::Write, u"a"_s, {}, u"k"_s}};
        QTest::newRow("a new profile's typed key is written")
            << QList<ProfileEdit> {edit(u"new"_s, {}, false, u"k"_s, false)} << QStringList()
            << QList<KeyOperation> {{Kind::Write, u"new"_s, {}, u"k"_s}};
        QTest::newRow("a forgotten key is removed")
            << QList<ProfileEdit> {edit(u"a"_s, u"a"_s, true, {}, true)} << QStringList()
            << QList<KeyOperation> {{Kind::Remove, u"a"_s, {}, {}}};
        QTest::newRow("forgetting a key that was never stored does nothing")
            << QList<ProfileEdit> {edit(u"a"_s, u"a"_s, false, {}, true)} << QStringList()
            << QList<KeyOperation> {};
        QTest::newRow("renamed: the stored key follows")
            << QList<ProfileEdit> {edit(u"b"_s, u"a"_s, true, {}, false)} << QStringList()
            << QList<KeyOperation> {{Kind::Move, u"b"_s, u"a"_s, {}}};
        QTest::newRow("renamed with a new key: written, the old one removed")
            << QList<ProfileEdit> {edit(u"b"_s, u"a"_s, true, u"k"_s, false)} << QStringList()
            << QList<KeyOperation> {{Kind::Write, u"b"_s, {}, u"k"_s},
                                    {Kind::Remove, u"a"_s, {}, {}}};
        QTest::newRow("renamed and forgotten: removed, nothing follows")
            << QList<ProfileEdit> {edit(u"b"_s, u"a"_s, true, {}, true)} << QStringList()
            << QList<KeyOperation> {{Kind::Remove, u"a"_s, {}, {}}};
    }
    void planKeyMigration()
    {
        QFETCH(QList<ProfileEdit>, edits);
        QFETCH(QStringList, removed);
        QFETCH(QList<KeyOperation>, expected);
        QCOMPARE(models::planKeyMigration(edits, removed), expected);
    }

    // --- the job ---------------------------------------------------------------------------

    void keyMigration_runsInOrder_andIsDestroyedWhenDone()
    {
        writeKey(u"old"_s, u"moved-key"_s);
        writeKey(u"gone"_s, u"removed-key"_s);
        using Kind = KeyOperation::Kind;
        QPointer<models::KeyMigration> job
            = new models::KeyMigration(m_credentials.get(),
                                       {{Kind::Remove, u"gone"_s, {}, {}},
                                        {Kind::Move, u"new"_s, u"old"_s, {}},
                                        {Kind::Write, u"typed"_s, {}, u"typed-key"_s}},
                                       this);
        QSignalSpy finished(job.data(), &models::KeyMigration::finished);
        job->start();
        QVERIFY(finished.wait(10000));
        // Without a keychain every key lands in the session store, and the job says so.
        QCOMPARE(finished.first().at(0).toBool(), true);
        QTRY_VERIFY(!job); // deleteLater ran: nothing of it is left behind
        QCOMPARE(readKey(u"new"_s)->key, u"moved-key"_s);
        QVERIFY(!readKey(u"old"_s)->found);
        QVERIFY(!readKey(u"gone"_s)->found);
        QCOMPARE(readKey(u"typed"_s)->key, u"typed-key"_s);
    }

    void keyMigration_withNothingToDo_finishesAndIsDestroyed()
    {
        QPointer<models::KeyMigration> job
            = new models::KeyMigration(m_credentials.get(), {}, this);
        QSignalSpy destroyed(job.data(), &QObject::destroyed);
        QSignalSpy finished(job.data(), &models::KeyMigration::finished);
        job->start();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(destroyed.wait(5000) || !job);
        QVERIFY(!job);
    }

    // The regression test of the leak: every save ran a sequencer that referred to itself and
    // was never freed. Here every save's job must be gone once the save is done, and the asan
    // preset's LeakSanitizer finds anything else left behind when the process ends.
    void saveProfiles_manyTimes_leavesNoJobBehind()
    {
        QVERIFY(store().save({profile(u"p0"_s)}));
        writeKey(u"p0"_s, serverKey);
        QSignalSpy changed(m_session.get(), &ConnectionSession::profilesChanged);
        constexpr int saves = 200;
        for (int i = 1; i <= saves; ++i) {
            // Renamed each time, with the key following it, and a typed key for a second one.
            ConnectionSession::ProfileChanges changes;
            ProfileEdit renamed = edit(u"p%1"_s.arg(i), u"p%1"_s.arg(i - 1), true, {}, false);
            renamed.profile = profile(renamed.profile.name);
            ProfileEdit added = edit(u"extra"_s, i == 1 ? QString() : u"extra"_s, i > 1,
                                     u"extra-key-%1"_s.arg(i), false);
            added.profile = profile(u"extra"_s);
            changes.profiles = {renamed.profile, added.profile};
            changes.edits = {renamed, added};
            QString error;
            QVERIFY2(m_session->saveProfiles(changes, &error), qPrintable(error));
            QVERIFY(QTest::qWaitFor([&] { return changed.count() == i; }, 10000));
        }
        QTRY_COMPARE(m_session->findChildren<models::KeyMigration *>().size(), 0);
        QCOMPARE(readKey(u"p%1"_s.arg(saves))->key, serverKey);
        QVERIFY(!readKey(u"p%1"_s.arg(saves - 1))->found);
        QCOMPARE(readKey(u"extra"_s)->key, u"extra-key-%1"_s.arg(saves));
        QCOMPARE(store().load().size(), 2);
    }

    // --- start-up order --------------------------------------------------------------------

    void start_withAnUnknownProfile_saysSoWithoutConnecting()
    {
        QSignalSpy unavailable(m_session.get(), &ConnectionSession::connectionUnavailable);
        ConnectionSession::StartOptions o = options();
        o.profile = u"nope"_s;
        m_session->start(o);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(unavailable.first().at(0).toString().contains(u"“nope”"_s));
        QVERIFY(!m_session->isConnected());
    }

    void start_withoutFlags_opensTheProfileUsedLast()
    {
        QVERIFY(store().save({profile(u"first"_s), profile(u"second"_s)}));
        store().setLastUsed(u"second"_s);
        writeKey(u"second"_s, serverKey);
        QSignalSpy ready(m_session.get(), &ConnectionSession::connectionReady);
        m_session->start(options());
        QVERIFY(ready.wait(10000));
        QCOMPARE(m_session->activeProfile()->name, u"second"_s);
        QVERIFY(!m_session->isSandbox());
    }

    void start_withNoProfileAtAll_asksForTheFirstRunChoice()
    {
        QSignalSpy choice(m_session.get(), &ConnectionSession::firstRunChoiceNeeded);
        QSignalSpy ready(m_session.get(), &ConnectionSession::connectionReady);
        m_session->start(options());
        QCOMPARE(choice.count(), 1);
        QCOMPARE(choice.first().at(0).toBool(), true); // CTest points CRONDESK_SANDBOX at it
        QCOMPARE(ready.count(), 0);
        // The sandbox warmed up meanwhile; choosing it connects.
        m_session->startSandbox();
        QVERIFY(ready.wait(20000));
        QVERIFY(m_session->isSandbox());
        QCOMPARE(m_session->connection().url.host(), u"127.0.0.1"_s);
    }

    // Leaving the sandbox for a profile stops it in the background: the switch does not wait
    // for the process, and the sandbox object is gone once the process is.
    void leavingTheSandbox_stopsItInTheBackground()
    {
        QVERIFY(store().save({profile(u"real"_s)}));
        writeKey(u"real"_s, serverKey);
        QSignalSpy ready(m_session.get(), &ConnectionSession::connectionReady);
        m_session->startSandbox();
        QVERIFY(ready.wait(20000));
        QVERIFY(m_session->isSandbox());
        const QList<models::LocalSandbox *> sandboxes
            = m_session->findChildren<models::LocalSandbox *>();
        QCOMPARE(sandboxes.size(), 1);
        QPointer<models::LocalSandbox> sandbox = sandboxes.first();

        m_session->switchToProfile(u"real"_s);
        QVERIFY(ready.wait(10000));
        QVERIFY(!m_session->isSandbox());
        QCOMPARE(m_session->activeProfile()->name, u"real"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!sandbox, 20000);
    }

    // --- the plain-http question -----------------------------------------------------------

    void plainHttp_anAnswerToAnEarlierQuestion_isIgnored()
    {
        models::ConnectionProfile remote = profile(u"lab"_s);
        remote.url = QUrl(u"http://192.0.2.10:8123"_s); // TEST-NET-1: never reached
        QVERIFY(store().save({remote, profile(u"local"_s)}));
        writeKey(u"lab"_s, serverKey);
        QSignalSpy question(m_session.get(), &ConnectionSession::plainHttpQuestion);
        QSignalSpy ready(m_session.get(), &ConnectionSession::connectionReady);
        m_session->switchToProfile(u"lab"_s);
        QVERIFY(question.wait(10000));
        const int ticket = question.first().at(0).toInt();
        QCOMPARE(question.first().at(1).toString(), u"192.0.2.10"_s);
        QCOMPARE(question.first().at(3).toString(), u"lab"_s);

        // Meanwhile the operator went elsewhere: the late "send" must not connect to "lab".
        m_session->switchToProfile(u"local"_s);
        QVERIFY(ready.wait(10000));
        m_session->answerPlainHttp(ticket, true, true);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(m_session->activeProfile()->name, u"local"_s);
        QVERIFY(!store().find(u"lab"_s)->plainHttpAcknowledged);
    }

    void plainHttp_sendAndRemember_connectsAndStoresTheAnswer()
    {
        models::ConnectionProfile remote = profile(u"lab"_s);
        remote.url = QUrl(u"http://192.0.2.10:8123"_s);
        QVERIFY(store().save({remote}));
        writeKey(u"lab"_s, serverKey);
        QSignalSpy question(m_session.get(), &ConnectionSession::plainHttpQuestion);
        QSignalSpy ready(m_session.get(), &ConnectionSession::connectionReady);
        m_session->switchToProfile(u"lab"_s);
        QVERIFY(question.wait(10000));
        m_session->answerPlainHttp(question.first().at(0).toInt(), true, true);
        QCOMPARE(ready.count(), 1);
        QVERIFY(store().find(u"lab"_s)->plainHttpAcknowledged);
    }

    // --- testing a profile -----------------------------------------------------------------

    void testProfile_abortedWhileItsKeyIsRead_reportsNothing()
    {
        QVERIFY(store().save({profile(u"p"_s)}));
        writeKey(u"p"_s, serverKey);
        QSignalSpy started(m_session.get(), &ConnectionSession::profileTestStarted);
        QSignalSpy finished(m_session.get(), &ConnectionSession::profileTestFinished);
        m_session->testProfile(profile(u"p"_s), {}, u"p"_s);
        m_session->abortProfileTest(); // the dialog closed before the key was read
        // The store answers in order: once this read is answered, so was the aborted one.
        QVERIFY(readKey(u"p"_s));
        QCOMPARE(started.count(), 0);
        QCOMPARE(finished.count(), 0);

        m_session->testProfile(profile(u"p"_s), {}, u"p"_s);
        QVERIFY(finished.wait(20000));
        QCOMPARE(started.count(), 1);
        const auto result = finished.first().at(0).value<models::ConnectionTestResult>();
        QVERIFY2(result.succeeded, qPrintable(result.summary()));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSession)
#include "tst_connectionsession.moc"
