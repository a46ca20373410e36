#include <models/inventory/cronhealth.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::HealthFlag;
using models::HealthFlags;

Q_DECLARE_METATYPE(crondesk::models::HealthFlags)

namespace {

const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);

QDateTime utc(int day, int hour, int minute = 0, int second = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, second), Qt::UTC);
}

api::Cron cronWith(const QString &schedule, const QString &timezone, const QDateTime &nextRun)
{
    api::Cron cron;
    cron.cronId = u"c"_s;
    cron.schedule = schedule;
    cron.timezone = timezone;
    cron.nextRunDate = nextRun;
    return cron;
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
        // Read (and judged) at 12:00: a run due 20 s before may still be fired by the next poll.
        QTest::newRow("due 20 s before it was read, within grace")
            << u"59 11 * * *"_s << QString() << utc(21, 11, 59, 40) << true << none
            << HealthFlags(HealthFlag::Due);
        QTest::newRow("due 40 s before it was read, past the grace")
            << u"59 11 * * *"_s << QString() << utc(21, 11, 59, 20) << true << none
            << HealthFlags(HealthFlag::Overdue);
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
        QCOMPARE(models::assessHealth(cron, *insight, now, now), expected);
        const QStringList lines = models::describeHealth(expected, cron, *insight, now, now);
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
        const HealthFlags flags = models::assessHealth(cron, *insight, march, march);
        QVERIFY(flags.testFlag(HealthFlag::DstSoon));
        QVERIFY(models::describeHealth(flags, cron, *insight, march, march)
                    .join(u'\n')
                    .contains(u"DST"_s));
    }

    // Health is what the server said when the row was read, not what the wall clock says of a
    // row read minutes ago: the false alarm of a cron that fired on time.
    void overdue_isJudgedAtTheReadTime_notAtTheWallClock_data()
    {
        QTest::addColumn<QDateTime>("nextRun");
        QTest::addColumn<QDateTime>("updatedAt");
        QTest::addColumn<QDateTime>("readAt");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<HealthFlags>("expected");
        const QDateTime none;
        QTest::newRow("read before it was due, seen two minutes later: due, not overdue")
            << utc(21, 12) << none << utc(21, 11, 59, 30) << utc(21, 12, 1, 30)
            << HealthFlags(HealthFlag::Due);
        QTest::newRow("read again after it fired: the server moved it on")
            << utc(22, 12) << none << utc(21, 12, 0, 10) << utc(21, 12, 1, 30) << HealthFlags();
        QTest::newRow("read again 20 s after it was due, not moved: still checking")
            << utc(21, 12) << none << utc(21, 12, 0, 20) << utc(21, 12, 1, 30)
            << HealthFlags(HealthFlag::Due);
        QTest::newRow("read again 40 s after it was due, not moved: overdue")
            << utc(21, 12) << none << utc(21, 12, 0, 40) << utc(21, 12, 1, 30)
            << HealthFlags(HealthFlag::Overdue);
        QTest::newRow("overdue when read stays overdue, however long ago that was")
            << utc(21, 12) << none << utc(21, 12, 5) << utc(21, 18)
            << HealthFlags(HealthFlag::Overdue);
        QTest::newRow("not yet due: healthy whenever it was read")
            << utc(21, 12) << none << utc(21, 9) << utc(21, 11, 59) << HealthFlags();
        QTest::newRow("resumed a moment ago with a next run in the past: checking")
            << utc(20, 12) << utc(21, 12, 0, 50) << utc(21, 12, 1) << utc(21, 12, 1)
            << HealthFlags(HealthFlag::Due);
        QTest::newRow("resumed an hour ago and never fired: overdue")
            << utc(20, 12) << utc(21, 11) << utc(21, 12, 1) << utc(21, 12, 1)
            << HealthFlags(HealthFlag::Overdue);
    }
    void overdue_isJudgedAtTheReadTime_notAtTheWallClock()
    {
        QFETCH(QDateTime, nextRun);
        QFETCH(QDateTime, updatedAt);
        QFETCH(QDateTime, readAt);
        QFETCH(QDateTime, now);
        QFETCH(HealthFlags, expected);
        api::Cron cron = cronWith(u"0 12 * * *"_s, QString(), nextRun);
        cron.updatedAt = updatedAt;
        models::ScheduleInsightCache cache;
        const auto insight = cache.insight(cron.schedule, cron.timezone, now);
        const HealthFlags flags = models::assessHealth(cron, *insight, readAt, now);
        QCOMPARE(flags, expected);
        const QString words = models::describeHealth(flags, cron, *insight, readAt, now).join(u' ');
        if (expected.testFlag(HealthFlag::Due))
            QVERIFY2(words.startsWith(u"Due: it was to fire at"_s), qPrintable(words));
        if (expected.testFlag(HealthFlag::Overdue))
            QVERIFY2(words.contains(u"when read at"_s), qPrintable(words));
    }

    void rereadTime_waitsAPollAfterDueAndSpacesReads_data()
    {
        QTest::addColumn<QDateTime>("readAt");
        QTest::addColumn<QDateTime>("expected");
        // Due at 12:00.
        QTest::newRow("read before due: a poll after due") << utc(21, 11, 59) << utc(21, 12, 0, 5);
        QTest::newRow("read just after due: ten seconds after that read")
            << utc(21, 12, 0, 2) << utc(21, 12, 0, 12);
    }
    void rereadTime_waitsAPollAfterDueAndSpacesReads()
    {
        QFETCH(QDateTime, readAt);
        QFETCH(QDateTime, expected);
        const api::Cron cron = cronWith(u"0 12 * * *"_s, QString(), utc(21, 12));
        QCOMPARE(models::rereadTime(cron, HealthFlag::Due, readAt), expected);
        QVERIFY(!models::rereadTime(cron, HealthFlag::Overdue, readAt).isValid());
        QVERIFY(!models::rereadTime(cron, HealthFlags(), readAt).isValid());
    }

    // A zone the server could not have accepted: flagged, and nothing judged as if it were UTC.
    void invalidTimezone_isAProblemAndNothingIsJudgedInUtc_data()
    {
        QTest::addColumn<QString>("timezone");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QDateTime>("nextRun");
        QTest::addColumn<HealthFlags>("expected");
        QTest::newRow("POSIX-rule name, long past next run (would be overdue in UTC)")
            << u"Berl"_s << u"0 9 * * *"_s << utc(20, 9)
            << HealthFlags(HealthFlag::InvalidTimezone);
        QTest::newRow("next run that is no UTC fire time (would be drift in UTC)")
            << u"Paris"_s << u"0 9 * * *"_s << utc(22, 8)
            << HealthFlags(HealthFlag::InvalidTimezone);
        QTest::newRow("frequent is still frequent")
            << u"XYZ"_s << u"* * * * *"_s << utc(21, 12, 1)
            << (HealthFlags(HealthFlag::InvalidTimezone) | HealthFlag::Frequent);
        QTest::newRow("a bad schedule too")
            << u"XYZ"_s << u"0 0 * * W"_s << utc(21, 13)
            << (HealthFlags(HealthFlag::InvalidTimezone) | HealthFlag::InvalidSchedule);
    }
    void invalidTimezone_isAProblemAndNothingIsJudgedInUtc()
    {
        QFETCH(QString, timezone);
        QFETCH(QString, schedule);
        QFETCH(QDateTime, nextRun);
        QFETCH(HealthFlags, expected);
        const api::Cron cron = cronWith(schedule, timezone, nextRun);
        models::ScheduleInsightCache cache;
        const auto insight = cache.insight(schedule, timezone, now);
        QVERIFY(!insight->zoneValid);
        QVERIFY(insight->dstNotes.isEmpty());
        const HealthFlags flags = models::assessHealth(cron, *insight, now, now);
        QCOMPARE(flags, expected);
        QVERIFY(flags & models::problemFlags());
        const QStringList lines = models::describeHealth(flags, cron, *insight, now, now);
        QVERIFY2(lines.first().startsWith(
                     u"Invalid time zone: “%1” is not an IANA time zone name"_s.arg(timezone)),
                 qPrintable(lines.first()));
        if (insight->expression.isValid())
            QVERIFY2(insight->description.endsWith(u"(“%1” is not a time zone)"_s.arg(timezone)),
                     qPrintable(insight->description));
        QCOMPARE(models::healthFlagName(HealthFlag::InvalidTimezone), u"Invalid time zone"_s);
    }

    void healthSummary_namesEachFlagOrSaysHealthy()
    {
        QCOMPARE(models::healthSummary(HealthFlags()), u"Healthy"_s);
        QCOMPARE(models::healthSummary(HealthFlags(HealthFlag::Overdue) | HealthFlag::Frequent),
                 u"Overdue, Fires every < 5 min"_s);
        QCOMPARE(models::healthSummary(HealthFlag::Due), u"Due, checking"_s);
        for (const HealthFlag flag : models::allHealthFlags())
            QVERIFY(!models::healthFlagName(flag).isEmpty());
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
        const HealthFlags flags = models::assessHealth(cron, *insight, now, now);
        QCOMPARE(flags, expected);
        QVERIFY(models::problemFlags().testFlag(HealthFlag::MalformedField));
        const QString text = models::describeHealth(flags, cron, *insight, now, now).join(u'\n');
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
