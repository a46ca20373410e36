// The heatmap grid (models/timeline/heatmap.h): cells on a zone's clock, the hour a clock skips
// and the hour it repeats, peaks, the colour scale and the SVG, against hand-computed cases.
#include <models/common/translations.h>
#include <models/timeline/heatmap.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::HeatmapGrid;

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

// The grid of `schedules` (all in `cronZone`) over `window`, laid out on `clock`.
HeatmapGrid gridOf(HeatmapGrid::Layout layout, models::TimelineWindow window,
                   const QStringList &schedules, const QString &cronZone, const QString &clock)
{
    QList<models::TimelineCron> crons;
    for (const QString &schedule : schedules) {
        models::TimelineCron cron;
        cron.cronId = u"cron-%1"_s.arg(crons.size());
        cron.schedule = schedule;
        cron.timezone = cronZone;
        crons.append(cron);
    }
    const models::FirePlan plan = models::FirePlan::build(crons, window);
    const schedule::ZoneRules &rules = *models::timelineZone(clock);
    const models::TimeBuckets buckets = models::heatmapBuckets(layout, window, rules);
    return models::heatmapGrid(layout, window, buckets, plan.bucketCounts(buckets), rules,
                               clock.isEmpty() ? u"UTC"_s : clock);
}

int countKind(const HeatmapGrid &grid, HeatmapGrid::CellKind kind)
{
    return int(std::count_if(grid.cells.cbegin(), grid.cells.cend(),
                             [kind](const HeatmapGrid::Cell &cell) { return cell.kind == kind; }));
}

} // namespace

class TestHeatmap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // "3 fires", not "3 fire(s)", as in the app.
        models::installTranslations(*QCoreApplication::instance());
    }

    void daysByHours_inUtc_hasACellPerHour_andMarksWhatIsOutsideTheWindow()
    {
        // From Monday 10:00 UTC for 7 days: 8 dates; the first starts at 10:00, the last ends
        // before 10:00.
        const models::TimelineWindow window {at("2026-03-02T10:00:00Z"),
                                             at("2026-03-09T10:00:00Z")};
        const HeatmapGrid grid
            = gridOf(HeatmapGrid::Layout::DaysByHours, window, {u"0 * * * *"_s}, {}, {});
        QCOMPARE(grid.rows, 8);
        QCOMPARE(grid.columns, 24);
        QCOMPARE(grid.rowDates.constFirst(), QDate(2026, 3, 2));
        QCOMPARE(grid.rowDates.constLast(), QDate(2026, 3, 9));
        QCOMPARE(countKind(grid, HeatmapGrid::CellKind::Counted), 168);
        QCOMPARE(countKind(grid, HeatmapGrid::CellKind::OutsideWindow), 2 * 24 - 24);
        QCOMPARE(countKind(grid, HeatmapGrid::CellKind::Skipped), 0);
        QCOMPARE(grid.cell(0, 9).kind, HeatmapGrid::CellKind::OutsideWindow);
        QCOMPARE(grid.cell(0, 10).start, window.from);
        QCOMPARE(grid.cell(7, 9).end, window.to);
        QCOMPARE(grid.total, 168);
        QCOMPARE(grid.minimum, 1);
        QCOMPARE(grid.maximum, 1);
        QCOMPARE(grid.cellLabel(10), u"Mon 2026-03-02 10:00–11:00 UTC"_s);
    }

    void daysByHours_onBerlinsClock_skipsTheHourTheClocksJump_andCountsTheRepeatedHourTwice()
    {
        // Berlin: 2026-03-29 02:00 CET -> 03:00 CEST (02:xx skipped); 2026-10-25 03:00 CEST ->
        // 02:00 CET (02:xx twice).
        const HeatmapGrid spring
            = gridOf(HeatmapGrid::Layout::DaysByHours,
                     {at("2026-03-28T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")},
                     {u"*/30 * * * *"_s}, u"Europe/Berlin"_s, u"Europe/Berlin"_s);
        QCOMPARE(spring.rows, 2);
        QCOMPARE(countKind(spring, HeatmapGrid::CellKind::Skipped), 1);
        QCOMPARE(spring.cell(1, 2).kind, HeatmapGrid::CellKind::Skipped);
        QCOMPARE(spring.cell(1, 3).count, 2);
        // 47 real hours, two fires each.
        QCOMPARE(spring.total, 94);

        const HeatmapGrid autumn
            = gridOf(HeatmapGrid::Layout::DaysByHours,
                     {at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")},
                     {u"*/30 * * * *"_s}, u"Europe/Berlin"_s, u"Europe/Berlin"_s);
        QCOMPARE(autumn.rows, 1);
        const HeatmapGrid::Cell &twice = autumn.cell(0, 2);
        QVERIFY(twice.repeated);
        QCOMPARE(twice.end - twice.start, 7200);
        // The schedule engine fires a repeated wall time once, on its first pass
        // (docs/schedule-dst.md): the two-hour cell holds 02:00 and 02:30 once each.
        QCOMPARE(twice.count, 2);
        QCOMPARE(autumn.total, 48);
        QCOMPARE(autumn.minimum, 2);
        QCOMPARE(autumn.maximum, 2);
    }

    void hoursByMinutes_hasARowPerHour_andACellPerMinute()
    {
        const models::TimelineWindow window {at("2026-03-02T10:00:00Z"),
                                             at("2026-03-03T10:00:00Z")};
        const HeatmapGrid grid = gridOf(HeatmapGrid::Layout::HoursByMinutes, window,
                                        {u"*/15 * * * *"_s, u"0 12 * * *"_s}, {}, {});
        QCOMPARE(grid.rows, 24);
        QCOMPARE(grid.columns, 60);
        QCOMPARE(grid.total, 96 + 1);
        QCOMPARE(grid.cell(2, 0).count, 2); // 12:00: both
        QCOMPARE(grid.cell(2, 15).count, 1);
        QCOMPARE(grid.cell(2, 1).count, 0);
        QCOMPARE(grid.peaks.constFirst(), 2 * 60);
        QCOMPARE(grid.rowLabel(0), u"Mon 2026-03-02 10:00"_s);
        QCOMPARE(grid.columnLabel(15), u":15"_s);
    }

    void peaks_areTheBusiestCells_earliestFirstAmongEquals()
    {
        // 09:00 and 17:00 twice, 12:00 once, every hour once more.
        const HeatmapGrid grid = gridOf(
            HeatmapGrid::Layout::DaysByHours,
            {at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z")},
            {u"0 * * * *"_s, u"0 9,17 * * *"_s, u"30 9,17 * * *"_s, u"0 12 * * *"_s}, {}, {});
        QCOMPARE(grid.peaks, (QList<int> {9, 17, 12}));
        QCOMPARE(grid.cell(0, 9).count, 3);
        QCOMPARE(grid.minimum, 1);
        QCOMPARE(grid.maximum, 3);
    }

    void fraction_spansFromTheQuietestCellWithFires_toTheBusiest_data()
    {
        QTest::addColumn<qint64>("minimum");
        QTest::addColumn<qint64>("maximum");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<double>("fraction");
        QTest::newRow("no fires") << qint64(0) << qint64(0) << qint64(0) << 0.0;
        QTest::newRow("an empty cell") << qint64(10) << qint64(20) << qint64(0) << 0.0;
        QTest::newRow("the quietest") << qint64(10) << qint64(20) << qint64(10) << 0.0;
        QTest::newRow("halfway") << qint64(10) << qint64(20) << qint64(15) << 0.5;
        QTest::newRow("the busiest") << qint64(10) << qint64(20) << qint64(20) << 1.0;
        QTest::newRow("every cell alike") << qint64(7) << qint64(7) << qint64(7) << 1.0;
    }
    void fraction_spansFromTheQuietestCellWithFires_toTheBusiest()
    {
        QFETCH(qint64, minimum);
        QFETCH(qint64, maximum);
        QFETCH(qint64, count);
        QFETCH(double, fraction);
        HeatmapGrid grid;
        grid.minimum = minimum;
        grid.maximum = maximum;
        QCOMPARE(models::heatmapFraction(grid, count), fraction);
    }

    void svg_hasACellPerCountedHour_theLegendsEnds_andThePeaks()
    {
        const HeatmapGrid grid = gridOf(
            HeatmapGrid::Layout::DaysByHours,
            {at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z")},
            {u"0 * * * *"_s, u"0 9,17 * * *"_s, u"30 9,17 * * *"_s, u"0 12 * * *"_s}, {}, {});
        const QString svg = models::heatmapSvg(grid, u"Fires <per hour>"_s);
        QVERIFY(svg.startsWith(u"<svg"_s) || svg.startsWith(u"<?xml"_s));
        QCOMPARE(svg.count(u"<title>"_s) >= 24, true);
        QVERIFY2(svg.contains(u"Fires &lt;per hour&gt;"_s), "the title is escaped");
        QVERIFY(svg.contains(u"Mon 2026-03-02 09:00–10:00 UTC: 3 fires."_s));
        // The scale's ends are the quietest and the busiest cell.
        QVERIFY(svg.contains(u">1</text>"_s));
        QVERIFY(svg.contains(u">3</text>"_s));
    }
};

QTEST_GUILESS_MAIN(TestHeatmap)
#include "tst_heatmap.moc"
