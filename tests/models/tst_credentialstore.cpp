// API keys in the OS keychain, and the session-only fallback without one.
//
// CTest runs this twice (tests/models/CMakeLists.txt):
//  * tst_credentialstore: no D-Bus session bus reachable, so no keychain: the fallback.
//  * tst_credentialstore_keychain: inside dbus-run-session with a throwaway, unlocked
//    gnome-keyring (tests/models/with-keyring.sh); CRONDESK_TEST_KEYCHAIN=1 says so.
#include <models/connections/credentialstore.h>

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace crondesk::models;
using Result = CredentialStore::Result;

namespace {

// Runs one asynchronous store call and returns its result.
template<typename Call>
std::optional<Result> await(CredentialStore &store, Call call)
{
    std::optional<Result> result;
    QObject context;
    call(&context, [&result](const Result &r) { result = r; });
    // The Secret Service may take a moment to start on first use.
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return std::nullopt;
    Q_UNUSED(store);
    return result;
}

bool keychainExpected()
{
    return qEnvironmentVariable("CRONDESK_TEST_KEYCHAIN") == "1"_L1;
}

// Every file under the directories Qt's test mode gives this process.
QStringList filesContaining(const QByteArray &needle)
{
    QStringList hits;
    for (const auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
          QStandardPaths::GenericCacheLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                hits.append(file.fileName());
        }
    }
    return hits;
}

} // namespace

class TestCredentialStore final : public QObject
{
    Q_OBJECT

private:
    // A service name of this run only, so that nothing collides with a real entry.
    const QString m_service
        = u"crondesk-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString m_key = u"lsv2_pt_test_"_s + QUuid::createUuid().toString(QUuid::Id128);

    std::optional<Result> read(CredentialStore &store, const QString &profile)
    {
        return await(store,
                     [&](QObject *context, auto done) { store.readKey(profile, context, done); });
    }
    std::optional<Result> write(CredentialStore &store, const QString &profile, const QString &key)
    {
        return await(store, [&](QObject *context, auto done) {
            store.writeKey(profile, key, context, done);
        });
    }
    std::optional<Result> remove(CredentialStore &store, const QString &profile)
    {
        return await(store,
                     [&](QObject *context, auto done) { store.removeKey(profile, context, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!keychainExpected()) {
            // No session bus to be found: what a headless machine or a bare container offers.
            qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crondesk-test-bus");
            qunsetenv("DISPLAY");
        }
    }

    void keychain_storeThenRead_returnsTheKey()
    {
        if (!keychainExpected())
            QSKIP("no Secret Service in this run (see tst_credentialstore_keychain)");
        CredentialStore store(m_service);
        QSignalSpy sessionOnly(&store, &CredentialStore::sessionOnlyChanged);

        const std::optional<Result> written = write(store, u"prod"_s, m_key);
        QVERIFY(written);
        QVERIFY2(written->ok && written->error.isEmpty(), qPrintable(written->error));
        QCOMPARE(written->storage, CredentialStore::Storage::Keychain);

        // A second store, as the next start of the app would have: the key comes from the
        // keychain, not from memory.
        CredentialStore later(m_service);
        const std::optional<Result> readBack = read(later, u"prod"_s);
        QVERIFY(readBack);
        QVERIFY(readBack->found);
        QCOMPARE(readBack->key, m_key);
        QCOMPARE(readBack->storage, CredentialStore::Storage::Keychain);
        QVERIFY(!later.isSessionOnly());
        QCOMPARE(sessionOnly.count(), 0);
        QCOMPARE(later.storageNote(), u"API keys are kept in the system keychain."_s);

        QVERIFY(remove(later, u"prod"_s)->ok);
        const std::optional<Result> gone = read(store, u"prod"_s);
        QVERIFY(gone && gone->ok);
        QVERIFY(!gone->found);
    }

    void keychain_readOfAnUnknownProfile_findsNothing()
    {
        if (!keychainExpected())
            QSKIP("no Secret Service in this run (see tst_credentialstore_keychain)");
        CredentialStore store(m_service);
        const std::optional<Result> result = read(store, u"never-stored"_s);
        QVERIFY(result);
        QVERIFY(result->ok);
        QVERIFY(!result->found);
        QVERIFY(!store.isSessionOnly());
    }

    void noKeychain_keyIsKeptForTheSessionAndTheStoreSaysSo()
    {
        if (keychainExpected())
            QSKIP("a Secret Service is running in this run");
        CredentialStore store(m_service);
        QSignalSpy sessionOnly(&store, &CredentialStore::sessionOnlyChanged);

        const std::optional<Result> written = write(store, u"prod"_s, m_key);
        QVERIFY(written);
        QVERIFY(written->ok);
        QCOMPARE(written->storage, CredentialStore::Storage::Session);
        QVERIFY(!written->error.isEmpty());
        QVERIFY(store.isSessionOnly());
        QCOMPARE(sessionOnly.count(), 1);
        QVERIFY(store.storageNote().contains(u"for this session only"_s));

        const std::optional<Result> readBack = read(store, u"prod"_s);
        QVERIFY(readBack && readBack->found);
        QCOMPARE(readBack->key, m_key);
        QCOMPARE(readBack->storage, CredentialStore::Storage::Session);

        // Session means session: another store (the next start) does not have it.
        CredentialStore later(m_service);
        const std::optional<Result> nextStart = read(later, u"prod"_s);
        QVERIFY(nextStart);
        QVERIFY(!nextStart->found);
        QVERIFY(later.isSessionOnly());
    }

    void noKeychain_saysWhyInASentence_notWithTheRawDBusError()
    {
        if (keychainExpected())
            QSKIP("a Secret Service is running in this run");
        CredentialStore store(m_service);
        const std::optional<Result> written = write(store, u"prod"_s, m_key);
        QVERIFY(written);
        for (const QString &text : {written->error, store.keychainError(), store.storageNote()}) {
            QVERIFY2(text.endsWith(u'.'), qPrintable(text));
            for (const auto raw :
                 {"org.freedesktop"_L1, "DBus"_L1, "D-Bus"_L1, "socket"_L1, ".service"_L1})
                QVERIFY2(!text.contains(raw, Qt::CaseInsensitive), qPrintable(text));
        }
        QCOMPARE(store.storageNote(),
                 u"No system keychain is running (such as GNOME Keyring or KWallet). API keys "
                 "are kept for this session only and must be entered again next time."_s);
    }

    void keychainErrorSentence_turnsBackendErrorsIntoSentences_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("sentence");
        const QString none = u"No system keychain is running (such as GNOME Keyring or KWallet)."_s;
        QTest::newRow("no secret service")
            << u"The name org.freedesktop.secrets was not provided by any .service files"_s << none;
        QTest::newRow("no session bus")
            << u"Failed to connect to socket /run/user/1000/bus: No such file or directory"_s
            << none;
        // What QtKeychain's Secret Service backend says when no session bus answers.
        QTest::newRow("no bus, QtKeychain")
            << u"Could not connect: No such file or directory"_s << none;
        QTest::newRow("dbus error name") << u"org.freedesktop.DBus.Error.ServiceUnknown"_s << none;
        QTest::newRow("kwallet") << u"The name org.kde.kwalletd5 was not provided"_s << none;
        QTest::newRow("locked") << u"Cannot create an item in a locked collection"_s
                                << u"The system keychain is locked or refused access."_s;
        QTest::newRow("dismissed") << u"Prompt dismissed by the user"_s
                                   << u"The system keychain is locked or refused access."_s;
        QTest::newRow("other") << u"Unknown error"_s << u"The system keychain could not be used."_s;
    }
    void keychainErrorSentence_turnsBackendErrorsIntoSentences()
    {
        QFETCH(QString, raw);
        QFETCH(QString, sentence);
        QCOMPARE(keychainErrorSentence(raw), sentence);
    }

    void keychainTurnedOff_neverTouchesTheKeychain()
    {
        CredentialStore store(m_service);
        store.setKeychainEnabled(false);
        QVERIFY(store.isSessionOnly());
        const std::optional<Result> written = write(store, u"dev"_s, m_key);
        QVERIFY(written && written->ok);
        QCOMPARE(written->storage, CredentialStore::Storage::Session);
        QCOMPARE(read(store, u"dev"_s)->key, m_key);
        QVERIFY(remove(store, u"dev"_s)->ok);
        QVERIFY(!read(store, u"dev"_s)->found);
    }

    void callbacks_areNeverCalledForADestroyedContext()
    {
        CredentialStore store(m_service);
        store.setKeychainEnabled(keychainExpected());
        bool called = false;
        {
            QObject context;
            store.readKey(u"prod"_s, &context, [&called](const Result &) { called = true; });
        }
        bool probeDone = false;
        QObject context;
        store.readKey(u"prod"_s, &context, [&probeDone](const Result &) { probeDone = true; });
        QTRY_VERIFY_WITH_TIMEOUT(probeDone, 20000);
        QVERIFY(!called);
    }

    void cleanupTestCase()
    {
        // The key was never written to any file of ours: QtKeychain's plain-text fallback is off.
        QCOMPARE(filesContaining(m_key.toUtf8()), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
