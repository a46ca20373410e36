#pragma once

#include <models/schedule/zonerules.h>
#include <models/timeline/firetimeline.h>
#include <models/timeline/timebuckets.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// The fire counts of a window laid out as a grid on a zone's clock, for the Timeline view's
// heatmap and the audit report's SVG: days × hours (a cell per local hour of each local date), or
// hours × minutes (a row per hour of the window, a cell per minute).
struct HeatmapGrid
{
    enum class Layout { DaysByHours, HoursByMinutes };

    // What a cell stands for.
    enum class CellKind {
        Counted, // a stretch of the window; `count` fires in it
        OutsideWindow, // before the window starts or after it ends
        Skipped, // a wall-clock time the zone's clock skips that day (clocks go forward)
    };

    struct Cell
    {
        CellKind kind = CellKind::OutsideWindow;
        qint64 start = 0; // the instants the cell covers, [start, end), UTC seconds; on the day
        qint64 end = 0; // the clocks go back, the repeated hour covers two real hours
        qint64 count = 0;
        bool repeated = false; // the zone's clock shows this time twice (clocks go back)
        friend bool operator==(const Cell &, const Cell &) = default;
    };

    Layout layout = Layout::DaysByHours;
    TimelineWindow window;
    QString zoneName; // the zone the grid is laid out in, as given; "UTC" for UTC
    const schedule::ZoneRules *zone = &schedule::ZoneRules::utc(); // its rules (process-wide)
    int rows = 0;
    int columns = 0;
    QList<Cell> cells; // row by row
    QList<QDate> rowDates; // DaysByHours: each row's local date
    QList<qint64> rowStarts; // HoursByMinutes: each row's first instant
    qint64 minimum = 0; // the smallest count of a cell with fires (0 when none has any)
    qint64 maximum = 0; // the largest cell count
    qint64 total = 0; // every fire in the window
    // The busiest cells (index into `cells`), busiest first, earliest first among equals; at most
    // peakLimit, and only cells with fires.
    QList<int> peaks;
    static constexpr int peakLimit = 3;

    const Cell &cell(int row, int column) const { return cells.at(row * columns + column); }
    int rowOf(int index) const { return index / columns; }
    int columnOf(int index) const { return index % columns; }
    // "Mon 2026-03-09" / "09:00" (with the UTC offset when the hour repeats).
    QString rowLabel(int row) const;
    QString columnLabel(int column) const;
    // "Mon 2026-03-09 09:00–10:00 UTC": the cell's time span in words, on the grid's clock.
    QString cellLabel(int index) const;
};

// The buckets a grid of `layout` needs to cover `window` on `zone`'s clock.
TimeBuckets heatmapBuckets(HeatmapGrid::Layout layout, TimelineWindow window,
                           const schedule::ZoneRules &zone);

// Lays `counts` (one per bucket of `buckets`, as heatmapBuckets() made them for the same window,
// layout and zone) out as a grid.
HeatmapGrid heatmapGrid(HeatmapGrid::Layout layout, TimelineWindow window,
                        const TimeBuckets &buckets, const QList<qint64> &counts,
                        const schedule::ZoneRules &zone, const QString &zoneName);

// Where a count lies on the grid's colour scale, 0..1: from its quietest cell with fires (0) to
// its busiest (1), so that the differences between busy hours show even when every hour has a
// steady base load; the legend says which counts the ends stand for.
double heatmapFraction(const HeatmapGrid &grid, qint64 count);

// The colour at `fraction` (0..1) of the scale, as 0xRRGGBB: a
// perceptually even scale from dark blue-violet through teal to yellow (viridis), so that more
// fires read as brighter even in grey; an empty cell is a light grey set apart from the scale.
quint32 heatmapColor(double fraction);
quint32 heatmapEmptyColor();

// The grid as a standalone SVG document: cells coloured by heatmapColor(), row and column labels,
// the colour scale with its numbers, peak cells outlined and named, a <title> per cell with its
// span and count (a tooltip in browsers). Pure text; the audit report embeds it.
QString heatmapSvg(const HeatmapGrid &grid, const QString &title = {});

} // namespace crondesk::models
