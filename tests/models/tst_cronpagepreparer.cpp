// CronPagePreparer: pages prepared on worker threads come back in the order they were added.
#include <models/api/cron.h>
#include <models/session/cronpagepreparer.h>

#include <QSignalSpy>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

// `count` crons as a server's list answer, decoded as a fetch decodes them (payloads stay text).
QList<api::Cron> decodedCrons(int count, const QString &idPrefix)
{
    QByteArray body = "[";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            body += ',';
        const QByteArray n = QByteArray::number(i);
        body += "{\"cron_id\":\"" + idPrefix.toUtf8() + '-' + n
            + "\",\"schedule\":\"*/5 * * * *\",\"payload\":{\"input\":{\"n\":" + n
            + "},\"webhook\":\"https://hooks.example/" + n
            + "\",\"multitask_strategy\":\"reject\"}}";
    }
    body += ']';
    QString error;
    const std::optional<QList<api::Cron>> crons = api::cronListFromJson(body, &error);
    if (!crons)
        qFatal("the fixture does not decode: %s", qPrintable(error));
    return *crons;
}

QDateTime secondsAfterNoon(int seconds)
{
    return QDateTime(QDate(2026, 12, 2), QTime(12, 0), Qt::UTC).addSecs(seconds);
}

} // namespace

class TestCronPagePreparer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pages_areHandedOverInTheOrderAdded_evenWhenALaterOneIsReadyFirst()
    {
        QList<int> order;
        QList<qsizetype> sizes;
        models::CronPagePreparer preparer([&](QList<models::PreparedPage> pages) {
            for (const models::PreparedPage &page : pages) {
                order.append(int(secondsAfterNoon(0).secsTo(page.readAt)));
                sizes.append(page.crons.size());
            }
        });
        QSignalSpy drained(&preparer, &models::CronPagePreparer::drained);
        // A large first page and small ones after it: the small ones are ready long before it.
        preparer.add(decodedCrons(20000, u"big"_s), secondsAfterNoon(0));
        for (int page = 1; page <= 20; ++page)
            preparer.add(decodedCrons(1, u"small%1"_s.arg(page)), secondsAfterNoon(page));
        QVERIFY(!preparer.isIdle());
        QTRY_VERIFY_WITH_TIMEOUT(preparer.isIdle(), 20000);

        QList<int> expected(21);
        std::iota(expected.begin(), expected.end(), 0);
        QCOMPARE(order, expected);
        QCOMPARE(sizes.first(), 20000);
        QCOMPARE(sizes.last(), 1);
        QCOMPARE(drained.size(), 1);
    }

    void prepare_readsEachCronsRunParametersFromItsPayload()
    {
        QList<models::PreparedCron> prepared;
        models::CronPagePreparer preparer([&](QList<models::PreparedPage> pages) {
            for (const models::PreparedPage &page : pages)
                prepared += page.crons;
        });
        QSignalSpy drained(&preparer, &models::CronPagePreparer::drained);
        preparer.add(decodedCrons(3, u"c"_s), secondsAfterNoon(0));
        QVERIFY(drained.wait(10000));

        QCOMPARE(prepared.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(prepared.at(i).cron.cronId, u"c-%1"_s.arg(i));
            QVERIFY(prepared.at(i).run.has_value());
            QCOMPARE(prepared.at(i).run->webhook, u"https://hooks.example/%1"_s.arg(i));
            QCOMPARE(prepared.at(i).run->multitaskStrategy, u"reject"_s);
        }
    }

    void clear_dropsThePagesNotHandedOverYet()
    {
        QStringList ids;
        models::CronPagePreparer preparer([&](QList<models::PreparedPage> pages) {
            for (const models::PreparedPage &page : pages) {
                for (const models::PreparedCron &prepared : page.crons)
                    ids.append(prepared.cron.cronId);
            }
        });
        QSignalSpy drained(&preparer, &models::CronPagePreparer::drained);
        preparer.add(decodedCrons(2000, u"old"_s), secondsAfterNoon(0));
        preparer.add(decodedCrons(2, u"old-too"_s), secondsAfterNoon(1));
        preparer.clear();
        QVERIFY(preparer.isIdle());
        preparer.add(decodedCrons(2, u"new"_s), secondsAfterNoon(2));
        QVERIFY(drained.wait(10000));
        // Let the dropped pages' workers finish too: they must not reach the sink.
        QTest::qWait(200);

        QCOMPARE(ids, (QStringList {u"new-0"_s, u"new-1"_s}));
        QCOMPARE(drained.size(), 1);
    }

    void interval_pagesReadyWithinIt_goTogether_andFinishDoesNotWaitForIt()
    {
        QList<QStringList> handOvers; // the first cron id of each page, per call of the sink
        models::CronPagePreparer preparer([&](QList<models::PreparedPage> pages) {
            QStringList firstIds;
            for (const models::PreparedPage &page : pages)
                firstIds.append(page.crons.first().cron.cronId);
            handOvers.append(firstIds);
        });
        preparer.setHandOverInterval(std::chrono::minutes(10));
        QSignalSpy drained(&preparer, &models::CronPagePreparer::drained);

        // The first page goes at once: the operator sees rows as soon as they are read.
        preparer.add(decodedCrons(2, u"a"_s), secondsAfterNoon(0));
        QVERIFY(drained.wait(10000));
        QCOMPARE(handOvers, (QList<QStringList> {{u"a-0"_s}}));

        // The next ones wait for the interval...
        preparer.add(decodedCrons(2, u"b"_s), secondsAfterNoon(1));
        preparer.add(decodedCrons(2, u"c"_s), secondsAfterNoon(2));
        QTest::qWait(300);
        QCOMPARE(handOvers.size(), 1);
        QVERIFY(!preparer.isIdle());

        // ...unless no more are coming: then they go at once, together.
        preparer.finish();
        QTRY_VERIFY_WITH_TIMEOUT(preparer.isIdle(), 10000);
        QCOMPARE(handOvers, (QList<QStringList> {{u"a-0"_s}, {u"b-0"_s, u"c-0"_s}}));
        QCOMPARE(drained.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCronPagePreparer)
#include "tst_cronpagepreparer.moc"
