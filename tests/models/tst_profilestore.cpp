// Connection profiles on disk: round trip, last used, and no credential ever in the file.
#include <models/connections/profilestore.h>

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

class TestProfileStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path() const { return m_dir.filePath(u"profiles.conf"_s); }

    // A profiles.conf as a person or a damaged disk may leave it.
    bool writeProfilesFile(const QByteArray &text) const
    {
        QFile file(path());
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    }

    static QList<ConnectionProfile> sampleProfiles()
    {
        ConnectionProfile prod;
        prod.name = u"Acme production"_s;
        prod.url = QUrl(u"https://acme.us.langgraph.app"_s);
        prod.environment = u"production"_s;
        prod.readOnly = true;
        prod.extraHeaders = {{"X-Auth-Scheme", "langsmith-api-key"}};
        prod.pinnedCertificates = {u"0f"_s.repeated(32)};
        ConnectionProfile dev;
        dev.name = u"dev"_s;
        dev.url = QUrl(u"http://10.1.2.3:8123/base"_s);
        dev.environment = u"development"_s;
        dev.colour = u"#00aa00"_s;
        dev.plainHttpAcknowledged = true;
        return {prod, dev};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { QFile::remove(path()); }

    void defaultFilePath_isSharedByTheAppAndTheCli()
    {
        QVERIFY(ProfileStore::defaultFilePath().endsWith(u"/crondesk/profiles.conf"_s));
        // Test mode keeps tests away from the operator's real profiles.
        QVERIFY(ProfileStore::defaultFilePath().contains(u"qttest"_s));
    }

    void save_thenLoad_returnsTheSameProfiles()
    {
        const ProfileStore store(path());
        QVERIFY(store.load().isEmpty());
        QVERIFY(store.save(sampleProfiles()));
        QCOMPARE(store.load(), sampleProfiles());
    }

    void save_fewerProfiles_dropsTheRest()
    {
        const ProfileStore store(path());
        QVERIFY(store.save(sampleProfiles()));
        QVERIFY(store.save(sampleProfiles().mid(1)));
        QCOMPARE(store.load(), sampleProfiles().mid(1));
    }

    void find_acceptsAnotherCaseWhenUnambiguous_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("found");
        QTest::newRow("exact") << u"dev"_s << u"dev"_s;
        QTest::newRow("other case") << u"ACME PRODUCTION"_s << u"Acme production"_s;
        QTest::newRow("missing") << u"staging"_s << QString();
    }
    void find_acceptsAnotherCaseWhenUnambiguous()
    {
        QFETCH(QString, name);
        QFETCH(QString, found);
        const ProfileStore store(path());
        QVERIFY(store.save(sampleProfiles()));
        const std::optional<ConnectionProfile> profile = store.find(name);
        QCOMPARE(profile.has_value(), !found.isEmpty());
        if (profile)
            QCOMPARE(profile->name, found);
    }

    void lastUsed_isForgottenWhenItsProfileIsRemoved()
    {
        const ProfileStore store(path());
        QVERIFY(store.save(sampleProfiles()));
        store.setLastUsed(u"dev"_s);
        QCOMPARE(store.lastUsed(), u"dev"_s);
        QVERIFY(store.save(sampleProfiles().mid(0, 1)));
        QCOMPARE(store.lastUsed(), QString());
    }

    void load_dropsCredentialHeadersWrittenByHand()
    {
        QVERIFY(writeProfilesFile(
            "[profiles]\n1\\name=x\n1\\url=https://x.example\n"
            "1\\headers=X-Api-Key: smuggled\n2\\name=y\n2\\url=https://y.example\n"
            "2\\headers=X-Team: ops\nsize=2\n"));
        const QList<ConnectionProfile> profiles = ProfileStore(path()).load();
        QCOMPARE(profiles.size(), 2);
        QVERIFY(profiles.at(0).extraHeaders.isEmpty());
        QCOMPARE(profiles.at(1).extraHeaders, (HeaderList {{"X-Team", "ops"}}));
    }

    // Found by fuzz_profilestore: "size=2147483647" made load() ask QSettings for two billion
    // entries (hours; the app and crondeskctl hung at start). The entries that are there are read,
    // in their order; a size smaller than the entries still hides the ones past it, as QSettings
    // writes it.
    void load_aSizeOfTwoBillion_readsTheEntriesThatAreThere()
    {
        QVERIFY(writeProfilesFile("[profiles]\n10\\name=ten\n10\\url=https://ten.example\n"
                                  "2\\name=two\n2\\url=https://two.example\nx\\name=not-an-index\n"
                                  "size=2147483647\n"));
        const QList<ConnectionProfile> profiles = ProfileStore(path()).load();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.at(0).name, u"two"_s);
        QCOMPARE(profiles.at(1).name, u"ten"_s);

        QVERIFY(writeProfilesFile("[profiles]\n1\\name=one\n1\\url=https://one.example\n"
                                  "3\\name=three\n3\\url=https://three.example\nsize=2\n"));
        const QList<ConnectionProfile> sized = ProfileStore(path()).load();
        QCOMPARE(sized.size(), 1);
        QCOMPARE(sized.at(0).name, u"one"_s);
    }

    void load_aHeaderWithALineBreak_isRefusedNotSplitIntoTwo_data()
    {
        // As QSettings writes a string with a line break in it; a hand-edited file can hold it.
        QTest::addColumn<QByteArray>("headers");
        QTest::newRow("LF and a second header") << QByteArray("X-A: b\\nX-Evil: 1");
        QTest::newRow("CR LF and the key") << QByteArray("X-A: b\\r\\nx-api-key: KEY");
        QTest::newRow("escape character") << QByteArray("X-A: b\\x1b[2J");
    }
    void load_aHeaderWithALineBreak_isRefusedNotSplitIntoTwo()
    {
        QFETCH(QByteArray, headers);
        QVERIFY(writeProfilesFile("[profiles]\n1\\name=x\n1\\url=https://x.example\n1\\headers=\""
                                  + headers + "\"\nsize=1\n"));
        const QList<ConnectionProfile> profiles = ProfileStore(path()).load();
        QCOMPARE(profiles.size(), 1);
        QVERIFY(profiles.at(0).extraHeaders.isEmpty());
        QVERIFY(!profiles.at(0).headerProblem.isEmpty());
        QVERIFY(!profiles.at(0).headerProblem.contains(u"Evil"_s));
        QVERIFY(!profiles.at(0).headerProblem.contains(u"KEY"_s));
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
