#include <models/cronhealth.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::HealthFlag;
using models::HealthFlags;

Q_DECLARE_METATYPE(crondesk::models::HealthFlags)

namespace {

const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestCronHealth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assess_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QString>("timezone");
        QTest::addColumn<QDateTime>("nextRun");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QDateTime>("endTime");
        QTest::addColumn<HealthFlags>("expected");
        const QDateTime none;
        QTest::newRow("healthy daily")
            << u"0 13 * * *"_s << QString() << utc(21, 13) << true << none << HealthFlags();
        QTest::newRow("due a minute ago, within grace")
            << u"59 11 * * *"_s << QString() << utc(21, 11, 59) << true << none << HealthFlags();
        QTest::newRow("overdue") << u"0 11 * * *"_s << QString() << utc(21, 11) << true << none
                                 << HealthFlags(HealthFlag::Overdue);
        QTest::newRow("paused with stale next run is not overdue")
            << u"0 11 * * *"_s << QString() << utc(20, 11) << false << none
            << HealthFlags(HealthFlag::Paused);
        QTest::newRow("ended with stale next run is not overdue")
            << u"0 11 * * *"_s << QString() << utc(20, 11) << true << utc(20, 12)
            << HealthFlags(HealthFlag::Ended);
        QTest::newRow("next run is not a fire time")
            << u"0 13 * * *"_s << QString() << utc(21, 13, 30) << true << none
            << HealthFlags(HealthFlag::Drift);
        QTest::newRow("server skips an occurrence")
            << u"0 13 * * *"_s << QString() << utc(22, 13) << true << none
            << HealthFlags(HealthFlag::Drift);
        QTest::newRow("zone respected: 08:00 New York is 13:00 UTC")
            << u"0 8 * * *"_s << u"America/New_York"_s << utc(21, 13) << true << none
            << HealthFlags();
        QTest::newRow("zone ignored would be drift")
            << u"0 8 * * *"_s << u"America/New_York"_s << utc(22, 8) << true << none
            << HealthFlags(HealthFlag::Drift);
        QTest::newRow("every minute is frequent")
            << u"* * * * *"_s << QString() << utc(21, 12, 1) << true << none
            << HealthFlags(HealthFlag::Frequent);
        QTest::newRow("every five minutes is not")
            << u"*/5 * * * *"_s << QString() << utc(21, 12, 5) << true << none << HealthFlags();
        QTest::newRow("never fires") << u"0 0 30 2 *"_s << QString() << none << true << none
                                     << HealthFlags(HealthFlag::NeverFires);
        QTest::newRow("invalid") << u"0 0 * * W"_s << QString() << none << true << none
                                 << HealthFlags(HealthFlag::InvalidSchedule);
    }
    void assess()
    {
        QFETCH(QString, schedule);
        QFETCH(QString, timezone);
        QFETCH(QDateTime, nextRun);
        QFETCH(bool, enabled);
        QFETCH(QDateTime, endTime);
        QFETCH(HealthFlags, expected);
        api::Cron cron;
        cron.cronId = u"c"_s;
        cron.schedule = schedule;
        cron.timezone = timezone;
        cron.nextRunDate = nextRun;
        cron.enabled = enabled;
        cron.endTime = endTime;
        models::ScheduleInsightCache cache;
        const auto insight = cache.insight(schedule, timezone, now);
        QCOMPARE(models::assessHealth(cron, *insight, now), expected);
        const QStringList lines = models::describeHealth(expected, cron, *insight, now);
        QVERIFY(!lines.isEmpty());
    }

    void dstSoon_flagsAFireTimeInAGapWithin30Days()
    {
        // 02:30 does not exist in New York on 2027-03-14.
        const QDateTime march(QDate(2027, 3, 1), QTime(12, 0), Qt::UTC);
        api::Cron cron;
        cron.cronId = u"c"_s;
        cron.schedule = u"30 2 * * *"_s;
        cron.timezone = u"America/New_York"_s;
        models::ScheduleInsightCache cache;
        const auto insight = cache.insight(cron.schedule, cron.timezone, march);
        cron.nextRunDate = *insight->expression.next(march, insight->zone);
        const HealthFlags flags = models::assessHealth(cron, *insight, march);
        QVERIFY(flags.testFlag(HealthFlag::DstSoon));
        QVERIFY(
            models::describeHealth(flags, cron, *insight, march).join(u'\n').contains(u"DST"_s));
    }

    // A field the server sent wrong is a problem of its own, named with what arrived, even when
    // the cron is otherwise healthy (or paused, or its schedule invalid).
    void malformedField_isAProblemNamingTheFieldAndTheValue_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<HealthFlags>("expected");
        QTest::newRow("otherwise healthy")
            << u"0 13 * * *"_s << true << HealthFlags(HealthFlag::MalformedField);
        QTest::newRow("paused") << u"0 13 * * *"_s << false
                                << (HealthFlag::MalformedField | HealthFlag::Paused);
        QTest::newRow("invalid schedule")
            << u"0 0 * * W"_s << true << (HealthFlag::MalformedField | HealthFlag::InvalidSchedule);
    }
    void malformedField_isAProblemNamingTheFieldAndTheValue()
    {
        QFETCH(QString, schedule);
        QFETCH(bool, enabled);
        QFETCH(HealthFlags, expected);
        // As decoded from {"next_run_date": "soon, probably"}: no date, and the record of why.
        const std::optional<api::Cron> decoded
            = api::cronFromJsonText("{\"cron_id\":\"c\",\"schedule\":\"" + schedule.toUtf8()
                                    + "\",\"next_run_date\":\"soon, probably\",\"enabled\":"
                                    + (enabled ? "true" : "false") + "}");
        QVERIFY(decoded);
        const api::Cron &cron = *decoded;
        QVERIFY(!cron.nextRunDate.isValid());
        models::ScheduleInsightCache cache;
        const auto insight = cache.insight(cron.schedule, cron.timezone, now);
        const HealthFlags flags = models::assessHealth(cron, *insight, now);
        QCOMPARE(flags, expected);
        QVERIFY(models::problemFlags().testFlag(HealthFlag::MalformedField));
        const QString text = models::describeHealth(flags, cron, *insight, now).join(u'\n');
        QVERIFY2(text.contains(u"Malformed next_run_date: the server sent \"soon, probably\" "
                               "(not a timestamp); it is shown as missing."_s),
                 qPrintable(text));
        QVERIFY(!text.contains(u"Healthy"_s));
        QVERIFY(models::allHealthFlags().contains(HealthFlag::MalformedField));
        QVERIFY(!models::healthFlagName(HealthFlag::MalformedField).isEmpty());
    }

    void cache_sharesOneInsightPerScheduleAndZone()
    {
        models::ScheduleInsightCache cache;
        const auto a = cache.insight(u"0 9 * * *"_s, u"Europe/Berlin"_s, now);
        const auto b = cache.insight(u"0 9 * * *"_s, u"Europe/Berlin"_s, now);
        const auto c = cache.insight(u"0 9 * * *"_s, QString(), now);
        QCOMPARE(a.get(), b.get());
        QVERIFY(a.get() != c.get());
        QCOMPARE(cache.size(), 2);
        cache.clearIfOlderThan(now.addSecs(3600), std::chrono::hours(2));
        QCOMPARE(cache.size(), 2);
        cache.clearIfOlderThan(now.addSecs(3 * 3600), std::chrono::hours(2));
        QCOMPARE(cache.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCronHealth)
#include "tst_cronhealth.moc"
