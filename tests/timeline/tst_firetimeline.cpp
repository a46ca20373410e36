// The timeline engine (models/timeline): fire instants and bucket counts against hand-computed
// cases (DST gaps and overlaps in Europe/Berlin and America/New_York, end times, paused crons,
// L, #, six-field seconds), and the counting walk against the schedule engine's own nextSeconds()
// for generated expressions in zones with unusual clock changes.
#include <models/timeline/firetimeline.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::FirePlan;
using models::TimeBuckets;
using models::TimelineCron;
using models::TimelineWindow;
using schedule::CronExpression;
using schedule::ZoneRules;

namespace {

qint64 at(const char *iso)
{
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(parsed.isValid());
    return parsed.toSecsSinceEpoch();
}

const ZoneRules &zone(const QString &name)
{
    const ZoneRules *rules = models::timelineZone(name);
    Q_ASSERT(rules);
    return *rules;
}

QStringList isoList(const QList<qint64> &instants, const ZoneRules &rules)
{
    QStringList out;
    for (const qint64 instant : instants)
        out.append(models::isoInZone(instant, rules));
    return out;
}

TimelineCron cron(const QString &id, const QString &schedule, const QString &timezone = {})
{
    TimelineCron c;
    c.cronId = id;
    c.assistantId = u"assistant"_s;
    c.schedule = schedule;
    c.timezone = timezone;
    return c;
}

// The reference: every fire time by the schedule engine, counted into the buckets one by one.
QList<qint64> countOneByOne(const QList<qint64> &instants, const TimeBuckets &buckets)
{
    QList<qint64> counts(buckets.count(), 0);
    for (const qint64 instant : instants) {
        const int bucket = buckets.indexOf(instant);
        if (bucket >= 0)
            ++counts[bucket];
    }
    return counts;
}

} // namespace

class TestFireTimeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fireTimes_onClockChanges_followTheEngineRules_data();
    void fireTimes_onClockChanges_followTheEngineRules();
    void hourlyBuckets_acrossTheNewYorkOverlap_leaveTheRepeatedHourEmpty();
    void secondsField_inTheNewYorkGap_movesEveryFireOneHourLater();
    void endTime_isTheLastInstantACronFiresAt_data();
    void endTime_isTheLastInstantACronFiresAt();
    void pausedAndEndedCrons_fireNothing_andAreCounted();
    void invalidScheduleOrZone_isLeftOutAndReported();
    void identicalCrons_shareOneGroup_andCountOncePerCron();
    void cronsFiringIn_listsTheBusiestFirst_andIdsForAFilter();
    void cronsFiringIn_withALimit_picksByCountThenIdAcrossGroups_andCountsThemAll();
    void forEachFire_visitsEveryFireInTimeOrder_tiesByCronId();
    void fireInstants_stopAtTheLimit_andSayTheyWereCut();
    void bucketCounts_canBeCancelled();
    void counting_equalsTheEngineFireByFire_forGeneratedExpressions_data();
    void counting_equalsTheEngineFireByFire_forGeneratedExpressions();
    void bucketCounts_ofEveryCronOnlyDependOnTheWindow();
};

void TestFireTimeline::fireTimes_onClockChanges_followTheEngineRules_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("expected");

    // New York, 2026-03-08: 02:00 EST -> 03:00 EDT. 02:30 does not exist and fires at 03:30.
    QTest::newRow("New York gap: a skipped time fires an hour later")
        << u"30 2 * * *"_s << u"America/New_York"_s << u"2026-03-07T00:00:00-05:00"_s
        << u"2026-03-10T00:00:00-04:00"_s
        << QStringList {u"2026-03-07T02:30:00-05:00"_s, u"2026-03-08T03:30:00-04:00"_s,
                        u"2026-03-09T02:30:00-04:00"_s};
    // 02:00 and 02:30 move onto 03:00 and 03:30, which fire anyway: no instant twice.
    QTest::newRow("New York gap: moved times that land on fires are not doubled")
        << u"*/30 * * * *"_s << u"America/New_York"_s << u"2026-03-08T00:00:00-05:00"_s
        << u"2026-03-08T05:00:00-04:00"_s
        << QStringList {u"2026-03-08T00:00:00-05:00"_s, u"2026-03-08T00:30:00-05:00"_s,
                        u"2026-03-08T01:00:00-05:00"_s, u"2026-03-08T01:30:00-05:00"_s,
                        u"2026-03-08T03:00:00-04:00"_s, u"2026-03-08T03:30:00-04:00"_s,
                        u"2026-03-08T04:00:00-04:00"_s, u"2026-03-08T04:30:00-04:00"_s};
    // New York, 2026-11-01: 02:00 EDT -> 01:00 EST. 01:30 happens twice and fires once, first.
    QTest::newRow("New York overlap: a repeated time fires once, at its first occurrence")
        << u"30 1 * * *"_s << u"America/New_York"_s << u"2026-10-31T00:00:00-04:00"_s
        << u"2026-11-03T00:00:00-05:00"_s
        << QStringList {u"2026-10-31T01:30:00-04:00"_s, u"2026-11-01T01:30:00-04:00"_s,
                        u"2026-11-02T01:30:00-05:00"_s};
    QTest::newRow("New York overlap: hourly pauses during the repeated hour")
        << u"0 * * * *"_s << u"America/New_York"_s << u"2026-11-01T00:00:00-04:00"_s
        << u"2026-11-01T04:00:00-05:00"_s
        << QStringList {u"2026-11-01T00:00:00-04:00"_s, u"2026-11-01T01:00:00-04:00"_s,
                        u"2026-11-01T02:00:00-05:00"_s, u"2026-11-01T03:00:00-05:00"_s};
    // Berlin, 2026-03-29: 02:00 CET -> 03:00 CEST.
    QTest::newRow("Berlin gap") << u"15 2 * * *"_s << u"Europe/Berlin"_s
                                << u"2026-03-28T00:00:00+01:00"_s << u"2026-03-31T00:00:00+02:00"_s
                                << QStringList {u"2026-03-28T02:15:00+01:00"_s,
                                                u"2026-03-29T03:15:00+02:00"_s,
                                                u"2026-03-30T02:15:00+02:00"_s};
    // Berlin, 2026-10-25: 03:00 CEST -> 02:00 CET: 02:00-02:59 happen twice.
    QTest::newRow("Berlin overlap")
        << u"*/20 2 * * *"_s << u"Europe/Berlin"_s << u"2026-10-25T00:00:00+02:00"_s
        << u"2026-10-25T06:00:00+01:00"_s
        << QStringList {u"2026-10-25T02:00:00+02:00"_s, u"2026-10-25T02:20:00+02:00"_s,
                        u"2026-10-25T02:40:00+02:00"_s};
    QTest::newRow("L: the last day of each month")
        << u"0 12 L * *"_s << u"UTC"_s << u"2027-01-01T00:00:00Z"_s << u"2027-04-01T00:00:00Z"_s
        << QStringList {u"2027-01-31T12:00:00+00:00"_s, u"2027-02-28T12:00:00+00:00"_s,
                        u"2027-03-31T12:00:00+00:00"_s};
    QTest::newRow("L5: the last Friday, in Berlin")
        << u"0 18 * * L5"_s << u"Europe/Berlin"_s << u"2026-03-01T00:00:00+01:00"_s
        << u"2026-05-01T00:00:00+02:00"_s
        << QStringList {u"2026-03-27T18:00:00+01:00"_s, u"2026-04-24T18:00:00+02:00"_s};
    QTest::newRow("#: the second Monday, in Berlin across the change")
        << u"0 9 * * 1#2"_s << u"Europe/Berlin"_s << u"2026-03-01T00:00:00+01:00"_s
        << u"2026-05-01T00:00:00+02:00"_s
        << QStringList {u"2026-03-09T09:00:00+01:00"_s, u"2026-04-13T09:00:00+02:00"_s};
    QTest::newRow("six fields: seconds last")
        << u"0 0 * * * 15,45"_s << u"UTC"_s << u"2026-01-01T00:00:00Z"_s
        << u"2026-01-02T00:00:15Z"_s
        << QStringList {u"2026-01-01T00:00:15+00:00"_s, u"2026-01-01T00:00:45+00:00"_s};
    QTest::newRow("the window's start is included, its end is not")
        << u"0 * * * *"_s << u"UTC"_s << u"2026-01-01T10:00:00Z"_s << u"2026-01-01T12:00:00Z"_s
        << QStringList {u"2026-01-01T10:00:00+00:00"_s, u"2026-01-01T11:00:00+00:00"_s};
    QTest::newRow("a schedule that never fires")
        << u"0 0 30 2 *"_s << u"UTC"_s << u"2026-01-01T00:00:00Z"_s << u"2027-01-01T00:00:00Z"_s
        << QStringList {};
}

void TestFireTimeline::fireTimes_onClockChanges_followTheEngineRules()
{
    QFETCH(QString, schedule);
    QFETCH(QString, zone);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, expected);

    const TimelineWindow window {at(qPrintable(from)), at(qPrintable(to))};
    const FirePlan plan = FirePlan::build({cron(u"c1"_s, schedule, zone)}, window);
    QCOMPARE(plan.skipped().size(), 0);
    const ZoneRules &rules = ::zone(zone);
    const QList<models::CronFires> fires = plan.fireInstants({0}, -1);
    QCOMPARE(isoList(fires.first().instants, rules), expected);
    // Counted without listing, in total and per UTC hour, the same.
    QCOMPARE(plan.fireCount(window.from, window.to), qint64(expected.size()));
    const TimeBuckets hours
        = TimeBuckets::aligned(window.from, window.to, models::BucketSize::Hour, ZoneRules::utc());
    QCOMPARE(plan.bucketCounts(hours), countOneByOne(fires.first().instants, hours));
}

void TestFireTimeline::hourlyBuckets_acrossTheNewYorkOverlap_leaveTheRepeatedHourEmpty()
{
    // 04:00Z 00:00 EDT, 05:00Z 01:00 EDT, 06:00Z 01:00 EST (repeated: no fire), 07:00Z 02:00 EST.
    const TimelineWindow window {at("2026-11-01T04:00:00Z"), at("2026-11-01T09:00:00Z")};
    const FirePlan plan = FirePlan::build({cron(u"c"_s, u"0 * * * *"_s, u"America/New_York"_s),
                                           cron(u"d"_s, u"0 * * * *"_s, u"America/New_York"_s)},
                                          window);
    const TimeBuckets hours
        = TimeBuckets::aligned(window.from, window.to, models::BucketSize::Hour, ZoneRules::utc());
    QCOMPARE(plan.bucketCounts(hours), (QList<qint64> {2, 2, 0, 2, 2}));
    // On New York's own clock the repeated hour is two buckets, both starting at 01:00.
    const TimeBuckets local = TimeBuckets::aligned(window.from, window.to, models::BucketSize::Hour,
                                                   zone(u"America/New_York"_s));
    QCOMPARE(local.count(), 5);
    QCOMPARE(local.start(1), at("2026-11-01T05:00:00Z"));
    QCOMPARE(local.start(2), at("2026-11-01T06:00:00Z"));
}

void TestFireTimeline::secondsField_inTheNewYorkGap_movesEveryFireOneHourLater()
{
    // Every second of 02:xx on 2026-03-08, a wall-clock hour that does not exist in New York:
    // all 3,600 fire an hour later, 03:00:00-03:59:59 EDT (07:00Z-08:00Z).
    const TimelineWindow window {at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00")};
    const FirePlan plan
        = FirePlan::build({cron(u"s"_s, u"* 2 8 3 * *"_s, u"America/New_York"_s)}, window);
    QCOMPARE(plan.fireCount(window.from, window.to), 3600);
    QCOMPARE(plan.fireCount(at("2026-03-08T07:00:00Z"), at("2026-03-08T08:00:00Z")), 3600);
    const TimeBuckets minutes
        = TimeBuckets::aligned(at("2026-03-08T07:00:00Z"), at("2026-03-08T08:00:00Z"),
                               models::BucketSize::Minute, ZoneRules::utc());
    QCOMPARE(plan.bucketCounts(minutes), QList<qint64>(60, 60));
}

void TestFireTimeline::endTime_isTheLastInstantACronFiresAt_data()
{
    QTest::addColumn<QString>("endTime");
    QTest::addColumn<int>("fires");
    QTest::newRow("ends at a fire time: that fire counts") << u"2026-01-01T10:00:00Z"_s << 11;
    QTest::newRow("ends half a second after it") << u"2026-01-01T10:00:00.500Z"_s << 11;
    QTest::newRow("ends a second before it") << u"2026-01-01T09:59:59Z"_s << 10;
    QTest::newRow("ends after the window") << u"2027-01-01T00:00:00Z"_s << 24;
    QTest::newRow("ended before the window") << u"2025-12-31T23:59:59Z"_s << 0;
}

void TestFireTimeline::endTime_isTheLastInstantACronFiresAt()
{
    QFETCH(QString, endTime);
    QFETCH(int, fires);
    api::Cron source;
    source.cronId = u"e"_s;
    source.schedule = u"0 * * * *"_s;
    source.endTime = QDateTime::fromString(endTime, Qt::ISODateWithMs);
    QVERIFY(source.endTime.isValid());
    const TimelineWindow window {at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z")};
    const FirePlan plan = FirePlan::build({models::timelineCron(source)}, window);
    QCOMPARE(plan.fireCount(window.from, window.to), qint64(fires));
    QCOMPARE(plan.fireInstants({0}, -1).first().instants.size(), fires);
    QCOMPARE(plan.endedCount(), fires == 0 ? 1 : 0);
}

void TestFireTimeline::pausedAndEndedCrons_fireNothing_andAreCounted()
{
    TimelineCron paused = cron(u"p"_s, u"* * * * *"_s);
    paused.enabled = false;
    TimelineCron ended = cron(u"e"_s, u"* * * * *"_s);
    ended.endTime = at("2025-06-30T00:00:00Z");
    const TimelineWindow window {at("2026-01-01T00:00:00Z"), at("2026-01-01T01:00:00Z")};
    const FirePlan plan = FirePlan::build({paused, ended, cron(u"a"_s, u"0 * * * *"_s)}, window);
    QCOMPARE(plan.pausedCount(), 1);
    QCOMPARE(plan.endedCount(), 1);
    QCOMPARE(plan.scheduledCount(), 1);
    QCOMPARE(plan.fireCount(window.from, window.to), 1);
    QCOMPARE(plan.groupOf(0), -1);
    QVERIFY(plan.fireInstants({0, 1}, -1).at(0).skipped);
    QVERIFY(plan.fireInstants({0, 1}, -1).at(1).skipped);
}

void TestFireTimeline::invalidScheduleOrZone_isLeftOutAndReported()
{
    const TimelineWindow window {at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z")};
    const FirePlan plan = FirePlan::build({cron(u"bad-schedule"_s, u"61 * * * *"_s),
                                           cron(u"bad-zone"_s, u"0 * * * *"_s, u"Paris"_s),
                                           cron(u"offset-zone"_s, u"0 * * * *"_s, u"UTC+02:00"_s),
                                           cron(u"good"_s, u"0 0 * * *"_s, u"Europe/Paris"_s)},
                                          window);
    QCOMPARE(plan.skipped().size(), 3);
    QCOMPARE(plan.skipped().at(0).cronId, u"bad-schedule"_s);
    QCOMPARE(plan.skipped().at(0).reason, models::SkippedCron::Reason::InvalidSchedule);
    QVERIFY(plan.skipped().at(0).message.contains(u"61"_s));
    QCOMPARE(plan.skipped().at(1).reason, models::SkippedCron::Reason::InvalidTimezone);
    QVERIFY(plan.skipped().at(1).message.contains(u"“Paris”"_s));
    QCOMPARE(plan.skipped().at(2).cronId, u"offset-zone"_s);
    QCOMPARE(plan.scheduledCount(), 1);
    QCOMPARE(plan.fireCount(window.from, window.to), 1);
}

void TestFireTimeline::identicalCrons_shareOneGroup_andCountOncePerCron()
{
    QList<TimelineCron> crons;
    for (int i = 0; i < 1000; ++i)
        crons.append(cron(u"c%1"_s.arg(i), i % 2 ? u"*/15 * * * *"_s : u"0 9 * * *"_s,
                          i % 4 < 2 ? u"Europe/Berlin"_s : QString()));
    const TimelineWindow window {at("2026-03-01T00:00:00Z"), at("2026-03-08T00:00:00Z")};
    const FirePlan plan = FirePlan::build(crons, window);
    QCOMPARE(plan.groups().size(), 4);
    // 500 crons every 15 minutes (672 a week) and 500 once a day (7).
    QCOMPARE(plan.fireCount(window.from, window.to), 500 * 672 + 500 * 7);
    const TimeBuckets days
        = TimeBuckets::aligned(window.from, window.to, models::BucketSize::Day, ZoneRules::utc());
    QCOMPARE(plan.bucketCounts(days), QList<qint64>(7, 500 * 96 + 500));
}

void TestFireTimeline::cronsFiringIn_listsTheBusiestFirst_andIdsForAFilter()
{
    const TimelineWindow window {at("2026-01-05T00:00:00Z"), at("2026-01-12T00:00:00Z")};
    const FirePlan plan = FirePlan::build(
        {cron(u"b-hourly"_s, u"0 * * * *"_s), cron(u"a-quarter"_s, u"*/15 * * * *"_s),
         cron(u"c-nine"_s, u"0 9 * * *"_s), cron(u"d-ten"_s, u"0 10 * * *"_s)},
        window);
    const qint64 nine = at("2026-01-05T09:00:00Z");
    const QList<models::CronFireCount> top = plan.cronsFiringIn(nine, nine + 3600);
    QCOMPARE(top.size(), 3);
    QCOMPARE(plan.crons().at(top.at(0).index).cronId, u"a-quarter"_s);
    QCOMPARE(top.at(0).count, 4);
    // Equal counts: by id.
    QCOMPARE(plan.crons().at(top.at(1).index).cronId, u"b-hourly"_s);
    QCOMPARE(plan.crons().at(top.at(2).index).cronId, u"c-nine"_s);
    QCOMPARE(plan.cronsFiringIn(nine, nine + 3600, 1).size(), 1);
    QCOMPARE(plan.cronIdsFiringIn(nine, nine + 3600),
             (QSet<QString> {u"a-quarter"_s, u"b-hourly"_s, u"c-nine"_s}));
    // Outside the window nothing fires.
    QVERIFY(plan.cronIdsFiringIn(window.to, window.to + 86400).isEmpty());
}

void TestFireTimeline::cronsFiringIn_withALimit_picksByCountThenIdAcrossGroups_andCountsThemAll()
{
    // Two groups fire once at 09:00 (hourly in UTC and in London, the same instants in January)
    // with their ids interleaved; one group fires four times.
    const TimelineWindow window {at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z")};
    const FirePlan plan = FirePlan::build(
        {cron(u"e"_s, u"0 * * * *"_s), cron(u"b"_s, u"0 * * * *"_s, u"Europe/London"_s),
         cron(u"z"_s, u"*/15 * * * *"_s), cron(u"a"_s, u"0 * * * *"_s),
         cron(u"d"_s, u"0 * * * *"_s, u"Europe/London"_s), cron(u"c"_s, u"0 3 * * *"_s)},
        window);
    QCOMPARE(plan.groups().size(), 4);
    const qint64 nine = at("2026-01-05T09:00:00Z");
    const auto ids = [&plan](const QList<models::CronFireCount> &list) {
        QStringList result;
        for (const models::CronFireCount &entry : list)
            result.append(plan.crons().at(entry.index).cronId + u'='
                          + QString::number(entry.count));
        return result;
    };
    qsizetype firing = -1;
    QCOMPARE(ids(plan.cronsFiringIn(nine, nine + 3600, 3, &firing)),
             (QStringList {u"z=4"_s, u"a=1"_s, u"b=1"_s}));
    QCOMPARE(firing, 5);
    QCOMPARE(ids(plan.cronsFiringIn(nine, nine + 3600)),
             (QStringList {u"z=4"_s, u"a=1"_s, u"b=1"_s, u"d=1"_s, u"e=1"_s}));
    // A limit of 0 only counts.
    firing = -1;
    QVERIFY(plan.cronsFiringIn(nine, nine + 3600, 0, &firing).isEmpty());
    QCOMPARE(firing, 5);
    // Where nothing fires.
    QVERIFY(plan.cronsFiringIn(window.to, window.to + 3600, 5, &firing).isEmpty());
    QCOMPARE(firing, 0);
}

void TestFireTimeline::forEachFire_visitsEveryFireInTimeOrder_tiesByCronId()
{
    const TimelineWindow window {at("2026-03-08T04:00:00Z"), at("2026-03-08T09:00:00Z")};
    const FirePlan plan = FirePlan::build({cron(u"z"_s, u"0 * * * *"_s, u"America/New_York"_s),
                                           cron(u"y"_s, u"30 2 * * *"_s, u"America/New_York"_s),
                                           cron(u"x"_s, u"0 * * * *"_s)},
                                          window);
    QStringList visited;
    plan.forEachFire([&](qint64 instant, int index) {
        visited.append(models::isoInZone(instant, ZoneRules::utc()).left(16) + u' '
                       + plan.crons().at(index).cronId);
        return true;
    });
    QCOMPARE(
        visited,
        (QStringList {u"2026-03-08T04:00 x"_s, u"2026-03-08T04:00 z"_s, u"2026-03-08T05:00 x"_s,
                      u"2026-03-08T05:00 z"_s, u"2026-03-08T06:00 x"_s, u"2026-03-08T06:00 z"_s,
                      u"2026-03-08T07:00 x"_s, u"2026-03-08T07:00 z"_s, u"2026-03-08T07:30 y"_s,
                      u"2026-03-08T08:00 x"_s, u"2026-03-08T08:00 z"_s}));
    int seen = 0;
    plan.forEachFire([&](qint64, int) { return ++seen < 3; });
    QCOMPARE(seen, 3);
}

void TestFireTimeline::fireInstants_stopAtTheLimit_andSayTheyWereCut()
{
    const TimelineWindow window {at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z")};
    const FirePlan plan = FirePlan::build({cron(u"m"_s, u"* * * * *"_s)}, window);
    const QList<models::CronFires> fires = plan.fireInstants({0}, 100);
    QCOMPARE(fires.first().instants.size(), 100);
    QVERIFY(fires.first().truncated);
    QVERIFY(!plan.fireInstants({0}, 1440).first().truncated);
}

void TestFireTimeline::bucketCounts_canBeCancelled()
{
    QList<TimelineCron> crons;
    for (int i = 0; i < 500; ++i)
        crons.append(cron(u"c%1"_s.arg(i), u"%1 * * * *"_s.arg(i % 60)));
    const TimelineWindow window {at("2026-01-01T00:00:00Z"), at("2026-01-08T00:00:00Z")};
    int calls = 0;
    QVERIFY(FirePlan::build(crons, window, [&](qsizetype, qsizetype) { return ++calls < 1; })
                .crons()
                .isEmpty());
    const FirePlan plan = FirePlan::build(crons, window);
    const TimeBuckets hours
        = TimeBuckets::aligned(window.from, window.to, models::BucketSize::Hour, ZoneRules::utc());
    QVERIFY(plan.bucketCounts(hours, [](qsizetype, qsizetype) { return false; }).isEmpty());
    qsizetype lastDone = -1;
    QCOMPARE(plan.bucketCounts(hours,
                               [&](qsizetype done, qsizetype total) {
                                   lastDone = done;
                                   return done <= total;
                               })
                 .size(),
             hours.count());
    QCOMPARE(lastDone, plan.groups().size());
}

void TestFireTimeline::counting_equalsTheEngineFireByFire_forGeneratedExpressions_data()
{
    QTest::addColumn<QString>("zone");
    // Zones with every kind of change: none, whole hours both ways, half an hour (Lord Howe), at
    // midnight (Santiago), odd offsets (Kathmandu, Chatham, St John's), southern hemisphere.
    for (const char *name : {"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
                             "America/Santiago", "Asia/Kathmandu", "Pacific/Chatham",
                             "America/St_Johns", "Australia/Adelaide", "Europe/London"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestFireTimeline::counting_equalsTheEngineFireByFire_forGeneratedExpressions()
{
    QFETCH(QString, zone);
    const ZoneRules &rules = ::zone(zone);
    static const QStringList minutes {u"*"_s,    u"*/15"_s, u"0"_s,   u"30"_s,
                                      u"0,30"_s, u"5-10"_s, u"*/7"_s, u"59"_s};
    static const QStringList hours {u"*"_s, u"2"_s, u"1-3"_s, u"*/3"_s, u"0,12"_s, u"0"_s, u"23"_s};
    static const QStringList daysOfMonth {u"*"_s, u"*"_s, u"L"_s, u"1"_s, u"15"_s, u"29-31"_s};
    static const QStringList months {u"*"_s, u"*"_s, u"3,4"_s, u"9-11"_s};
    static const QStringList daysOfWeek {u"*"_s, u"*"_s, u"1-5"_s, u"0"_s, u"1#2"_s, u"L5"_s};
    static const QStringList seconds {QString(), QString(), QString(),
                                      u"0"_s,    u"*/20"_s, u"15,45"_s};
    // Windows around the year's clock changes, north and south, from an hour to ten days.
    static const QList<qint64> starts {at("2026-03-07T12:00:00Z"), at("2026-03-28T20:00:00Z"),
                                       at("2026-04-04T10:00:00Z"), at("2026-09-05T18:00:00Z"),
                                       at("2026-09-26T08:00:00Z"), at("2026-10-03T12:00:00Z"),
                                       at("2026-10-24T20:00:00Z"), at("2026-10-31T12:00:00Z")};
    QRandomGenerator random(qHash(zone) ^ 20260308u);
    const auto pick
        = [&random](const QStringList &list) { return list.at(random.bounded(int(list.size()))); };
    for (int round = 0; round < 150; ++round) {
        const QString second = pick(seconds);
        QString text = pick(minutes) + u' ' + pick(hours) + u' ' + pick(daysOfMonth) + u' '
            + pick(months) + u' ' + pick(daysOfWeek);
        if (!second.isEmpty())
            text += u' ' + second;
        const CronExpression expression = CronExpression::parse(text);
        QVERIFY2(expression.isValid(), qPrintable(text));
        const qint64 from
            = starts.at(random.bounded(int(starts.size()))) + random.bounded(86400) - 43200;
        const qint64 length
            = second.isEmpty() ? 3600 + random.bounded(10 * 86400) : 600 + random.bounded(86400);
        const qint64 to = from + length;
        const QList<qint64> instants = models::listFireTimes(expression, rules, from, to);
        const QByteArray what
            = (text + u" in "_s + zone + u" from "_s + models::isoInZone(from, ZoneRules::utc())
               + u" for "_s + QString::number(length) + u" s"_s)
                  .toUtf8();
        QVERIFY2(models::countFireTimes(expression, rules, from, to) == instants.size(),
                 what.constData());
        for (const models::BucketSize size :
             {models::BucketSize::Minute, models::BucketSize::Hour, models::BucketSize::Day}) {
            for (const ZoneRules *clock : {&ZoneRules::utc(), &rules}) {
                const TimeBuckets buckets = TimeBuckets::aligned(from, to, size, *clock);
                QList<qint64> counts(buckets.count(), 0);
                models::addFireTimeCounts(expression, rules, from, to, buckets, 1, counts.data());
                QVERIFY2(counts == countOneByOne(instants, buckets), what.constData());
            }
        }
    }
}

void TestFireTimeline::bucketCounts_ofEveryCronOnlyDependOnTheWindow()
{
    // The same crons counted over a window and over its two halves: the halves add up.
    QList<TimelineCron> crons;
    for (const char *schedule : {"*/15 * * * *", "0 2 * * *", "30 1 * * 0", "0 */6 * * *"})
        for (const char *zone : {"", "America/New_York", "Europe/Berlin"})
            crons.append(cron(QString::fromLatin1(schedule) + QString::fromLatin1(zone),
                              QString::fromLatin1(schedule), QString::fromLatin1(zone)));
    const qint64 from = at("2026-10-29T00:00:00Z");
    const qint64 middle = at("2026-11-01T06:30:00Z");
    const qint64 to = at("2026-11-05T00:00:00Z");
    const FirePlan whole = FirePlan::build(crons, {from, to});
    QCOMPARE(whole.fireCount(from, to),
             FirePlan::build(crons, {from, middle}).fireCount(from, middle)
                 + FirePlan::build(crons, {middle, to}).fireCount(middle, to));
}

QTEST_GUILESS_MAIN(TestFireTimeline)
#include "tst_firetimeline.moc"
