#include <models/api/deliveredids.h>

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::api::DeliveredIds;

class TestDeliveredIds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insert_secondTimeSameId_isRefused()
    {
        DeliveredIds ids;
        QVERIFY(ids.insert(u"a"_s));
        QVERIFY(!ids.insert(u"a"_s));
        // Equal text in another string object: the same id.
        QVERIFY(!ids.insert(QString(u"a"_s).append(QString())));
        QVERIFY(ids.insert(u"b"_s));
        QCOMPARE(ids.size(), 2);
        QVERIFY(ids.contains(u"a"_s));
        QVERIFY(!ids.contains(u"c"_s));
    }

    void insert_emptyId_isAnIdLikeAnyOther()
    {
        DeliveredIds ids;
        QVERIFY(!ids.contains(QString()));
        QVERIFY(ids.insert(u""_s));
        QVERIFY(!ids.insert(u""_s));
        QVERIFY(ids.contains(u""_s));
        QCOMPARE(ids.size(), 1);
    }

    void contains_onAnEmptySet_isFalse()
    {
        const DeliveredIds ids;
        QVERIFY(!ids.contains(u"x"_s));
        QCOMPARE(ids.size(), 0);
    }

    // The same answers as QSet over many inserts, with repeats, across every growth of the table
    // (or none, when reserved first).
    void insert_agreesWithQSet_data()
    {
        QTest::addColumn<qsizetype>("reserved");
        QTest::newRow("growing from empty") << qsizetype(0);
        QTest::newRow("reserved for all") << qsizetype(20000);
        QTest::newRow("reserved for a few") << qsizetype(100);
        QTest::newRow("a count far above what comes") << qsizetype(1'000'000);
    }
    void insert_agreesWithQSet()
    {
        QFETCH(qsizetype, reserved);
        QRandomGenerator random(20261203);
        DeliveredIds ids;
        ids.reserve(reserved);
        QSet<QString> expected;
        for (int i = 0; i < 40000; ++i) {
            // 20,000 possible ids, so about half the inserts repeat one.
            const QString id = u"cron-%1"_s.arg(random.bounded(20000));
            QCOMPARE(ids.insert(id), !expected.contains(id));
            expected.insert(id);
            QCOMPARE(ids.size(), expected.size());
        }
        for (int n = 0; n < 20000; ++n) {
            const QString id = u"cron-%1"_s.arg(n);
            QCOMPARE(ids.contains(id), expected.contains(id));
        }
        QVERIFY(!ids.contains(u"cron-20000"_s));
    }
};

QTEST_GUILESS_MAIN(TestDeliveredIds)
#include "tst_deliveredids.moc"
