// The app's automatic snapshots: where they go, newest first, one per hour, bounded in count.
#include <models/compare/autosnapshotstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

namespace {

Snapshot at(const QDateTime &time)
{
    Snapshot snapshot;
    snapshot.takenAt = time;
    snapshot.serverUrl = u"https://h.example"_s;
    return snapshot;
}

const QDateTime start(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);

} // namespace

class TestAutoSnapshotStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void save_thenList_givesTheSnapshotsNewestFirst()
    {
        QTemporaryDir dir;
        const AutoSnapshotStore store(dir.path());
        QVERIFY(store.save(u"prod"_s, at(start)));
        QVERIFY(store.save(u"prod"_s, at(start.addDays(1))));
        QVERIFY(store.save(u"staging"_s, at(start)));
        const QList<AutoSnapshot> list = store.list(u"prod"_s);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).takenAt, start.addDays(1));
        QCOMPARE(list.at(1).takenAt, start);
        QVERIFY(list.at(0).path.startsWith(dir.path() + u"/prod/"_s));
        QVERIFY(readSnapshot(list.at(0).path).snapshot.has_value());
    }

    void save_withinOneHour_keepsOnlyTheLastLoad()
    {
        QTemporaryDir dir;
        const AutoSnapshotStore store(dir.path());
        QVERIFY(store.save(u"p"_s, at(start.addSecs(60))));
        QVERIFY(store.save(u"p"_s, at(start.addSecs(600))));
        QVERIFY(store.save(u"p"_s, at(start.addSecs(3000))));
        QVERIFY(store.save(u"p"_s, at(start.addSecs(3700))));
        const QList<AutoSnapshot> list = store.list(u"p"_s);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).takenAt, start.addSecs(3700));
        QCOMPARE(list.at(1).takenAt, start.addSecs(3000));
    }

    void save_beyondTheCount_removesTheOldest()
    {
        QTemporaryDir dir;
        const AutoSnapshotStore store(dir.path());
        for (int i = 0; i < AutoSnapshotStore::maxCount + 5; ++i)
            QVERIFY(store.save(u"p"_s, at(start.addSecs(i * 3600))));
        const QList<AutoSnapshot> list = store.list(u"p"_s);
        QCOMPARE(list.size(), AutoSnapshotStore::maxCount);
        QCOMPARE(list.last().takenAt, start.addSecs(5 * 3600));
    }

    void folderFor_aProfileName_isFileNameSafe_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("folder");
        QTest::newRow("plain") << u"prod-eu"_s << u"prod-eu"_s;
        QTest::newRow("slashes") << u"../../etc"_s << u"_.._.._etc"_s;
        QTest::newRow("spaces") << u"my prod"_s << u"my_prod"_s;
        QTest::newRow("empty") << QString() << u"_"_s;
    }

    void folderFor_aProfileName_isFileNameSafe()
    {
        QFETCH(QString, name);
        QFETCH(QString, folder);
        QCOMPARE(AutoSnapshotStore::folderFor(name), folder);
    }
};

QTEST_GUILESS_MAIN(TestAutoSnapshotStore)
#include "tst_autosnapshotstore.moc"
