#include <models/schedule/cronexpression.h>
#include <models/schedule/describe.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;

class TestDescribe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describe_saysWhenItFiresInPlainEnglish_data();
    void describe_saysWhenItFiresInPlainEnglish();
};

void TestDescribe::describe_saysWhenItFiresInPlainEnglish_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("expected");

    QTest::newRow("the issue's example") << u"0 9 * * 1-5"_s << u"America/New_York"_s
                                         << u"At 09:00, Monday through Friday (America/New_York)"_s;
    QTest::newRow("empty zone is UTC") << u"30 2 * * *"_s << u""_s << u"At 02:30 (UTC)"_s;
    QTest::newRow("every minute") << u"* * * * *"_s << u""_s << u"Every minute (UTC)"_s;
    QTest::newRow("every 5 minutes") << u"*/5 * * * *"_s << u""_s << u"Every 5 minutes (UTC)"_s;
    QTest::newRow("offset minute step")
        << u"5/15 * * * *"_s << u""_s
        << u"Every 15 minutes, starting at minute 5 of each hour (UTC)"_s;
    QTest::newRow("hourly") << u"@hourly"_s << u""_s << u"Every hour, on the hour (UTC)"_s;
    QTest::newRow("minute past every hour")
        << u"15 * * * *"_s << u""_s << u"At 15 minutes past every hour (UTC)"_s;
    QTest::newRow("uneven minutes of every hour")
        << u"0,20,25 * * * *"_s << u""_s << u"At minutes 0, 20 and 25 of every hour (UTC)"_s;
    QTest::newRow("two times a day") << u"0 9,17 * * *"_s << u""_s << u"At 09:00 and 17:00 (UTC)"_s;
    QTest::newRow("three times") << u"30 8,12,18 * * *"_s << u""_s
                                 << u"At 08:30, 12:30 and 18:30 (UTC)"_s;
    QTest::newRow("every minute of an hour")
        << u"* 9 * * *"_s << u""_s << u"Every minute from 09:00 through 09:59 (UTC)"_s;
    QTest::newRow("every 15 minutes in office hours")
        << u"*/15 9-17 * * 1-5"_s << u""_s
        << u"Every 15 minutes from 09:00 through 17:45, Monday through Friday (UTC)"_s;
    QTest::newRow("hourly in office hours")
        << u"0 9-17 * * *"_s << u""_s << u"Every hour from 09:00 through 17:00 (UTC)"_s;
    QTest::newRow("every 2 hours")
        << u"0 */2 * * *"_s << u""_s << u"Every 2 hours from 00:00 through 22:00 (UTC)"_s;
    QTest::newRow("odd hours at half past")
        << u"30 1-23/2 * * *"_s << u""_s << u"Every 2 hours from 01:30 through 23:30 (UTC)"_s;
    QTest::newRow("irregular hours")
        << u"0 1,2,5,8,13,21,22 * * *"_s << u""_s
        << u"At 01:00, 02:00, 05:00, 08:00, 13:00, 21:00 and 22:00 (UTC)"_s;
    QTest::newRow("many irregular hours")
        << u"0 0-2,5,8,13,21-23 * * *"_s << u""_s
        << u"At minute 0 of hours 0 through 2, 5, 8, 13 and 21 through 23 (UTC)"_s;
    QTest::newRow("every 10 minutes in two stretches")
        << u"*/10 1-2,5-6 * * *"_s << u""_s
        << u"Every 10 minutes during hours 1, 2, 5 and 6 (UTC)"_s;
    QTest::newRow("minutes and hours lists")
        << u"0,10,20,30 9-17 * * *"_s << u""_s
        << u"At minutes 0, 10, 20 and 30 past hours 9 through 17 (UTC)"_s;
    QTest::newRow("daily") << u"@daily"_s << u"Europe/Berlin"_s << u"At 00:00 (Europe/Berlin)"_s;
    QTest::newRow("weekly on Sunday") << u"@weekly"_s << u""_s << u"At 00:00, on Sunday (UTC)"_s;
    QTest::newRow("weekend, Monday first")
        << u"0 10 * * 0,6"_s << u""_s << u"At 10:00, on Saturday and Sunday (UTC)"_s;
    QTest::newRow("weekday list") << u"0 10 * * mon,wed,fri"_s << u""_s
                                  << u"At 10:00, on Monday, Wednesday and Friday (UTC)"_s;
    QTest::newRow("Friday to Sunday")
        << u"0 10 * * fri-sun"_s << u""_s << u"At 10:00, Friday through Sunday (UTC)"_s;
    QTest::newRow("monthly") << u"@monthly"_s << u""_s
                             << u"At 00:00, on day 1 of the month (UTC)"_s;
    QTest::newRow("days of the month")
        << u"0 0 1,15 * *"_s << u""_s << u"At 00:00, on days 1 and 15 of the month (UTC)"_s;
    QTest::newRow("day range") << u"0 0 1-7 * *"_s << u""_s
                               << u"At 00:00, on days 1 through 7 of the month (UTC)"_s;
    QTest::newRow("last day") << u"0 0 L * *"_s << u""_s
                              << u"At 00:00, on the last day of the month (UTC)"_s;
    QTest::newRow("15th and last day")
        << u"0 0 15,L * *"_s << u""_s
        << u"At 00:00, on day 15 and the last day of the month (UTC)"_s;
    QTest::newRow("yearly") << u"@yearly"_s << u""_s
                            << u"At 00:00, on day 1 of the month, in January (UTC)"_s;
    QTest::newRow("months list") << u"0 0 1 jan,jul *"_s << u""_s
                                 << u"At 00:00, on day 1 of the month, in January and July (UTC)"_s;
    QTest::newRow("month range") << u"0 0 * mar-may *"_s << u""_s
                                 << u"At 00:00, March through May (UTC)"_s;
    QTest::newRow("OR rule is spelled out")
        << u"0 0 13 * 5"_s << u""_s
        << u"At 00:00, on day 13 of the month, or on Friday (either one is enough) (UTC)"_s;
    QTest::newRow("third Friday") << u"0 0 * * 5#3"_s << u""_s
                                  << u"At 00:00, on the third Friday of the month (UTC)"_s;
    QTest::newRow("first and third Monday")
        << u"0 0 * * 1#1,1#3"_s << u""_s
        << u"At 00:00, on the first and third Monday of the month (UTC)"_s;
    QTest::newRow("last Friday") << u"0 18 * * L5"_s << u""_s
                                 << u"At 18:00, on the last Friday of the month (UTC)"_s;
    QTest::newRow("first Monday and last Sunday")
        << u"0 0 * * 1#1,L0"_s << u""_s
        << u"At 00:00, on the first Monday and the last Sunday of the month (UTC)"_s;
    QTest::newRow("every 10 seconds")
        << u"* * * * * */10"_s << u""_s << u"Every 10 seconds (UTC)"_s;
    QTest::newRow("every second") << u"* * * * * *"_s << u""_s << u"Every second (UTC)"_s;
    QTest::newRow("seconds of every minute")
        << u"* * * * * 5,50"_s << u""_s << u"At seconds 5 and 50 of every minute (UTC)"_s;
    QTest::newRow("clock time with seconds")
        << u"0 9 * * * 30"_s << u""_s << u"At 09:00:30 (UTC)"_s;
    QTest::newRow("never fires") << u"0 0 30 2 *"_s << u""_s
                                 << u"Never fires: no date matches “0 0 30 2 *” (UTC)"_s;
    QTest::newRow("too much to say: the raw expression")
        << u"1,4,7,11,13,17,23,29,31,37,41 * * * *"_s << u""_s
        << u"On the cron schedule “1,4,7,11,13,17,23,29,31,37,41 * * * *” (UTC)"_s;
    QTest::newRow("seconds with other fields: the raw expression")
        << u"*/5 9-17 * * * */10"_s << u""_s
        << u"On the cron schedule “*/5 9-17 * * * */10” (UTC)"_s;
    QTest::newRow("invalid") << u"0 25 * * *"_s << u""_s
                             << u"Not a valid cron expression: “0 25 * * *”"_s;
}

void TestDescribe::describe_saysWhenItFiresInPlainEnglish()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(QString, expected);

    QCOMPARE(describe(CronExpression::parse(text), zone), expected);
}

QTEST_GUILESS_MAIN(TestDescribe)
#include "tst_describe.moc"
