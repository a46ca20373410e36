#include "heatmap.h"

#include <models/schedule/civil.h>

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

using schedule::ZoneRules;
namespace civil = schedule::civil;

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::models::HeatmapGrid", text);
}

// Local wall-clock seconds since 1970-01-01T00:00 of the zone's calendar.
qint64 wallOf(qint64 instant, const ZoneRules &zone)
{
    return instant + zone.offsetAt(instant);
}

QDate dateOfWall(qint64 wall)
{
    const civil::Date date = civil::civilFromDays(civil::floorDiv(wall, civil::SecondsPerDay));
    return QDate(int(date.year), date.month, date.day);
}

QString twoDigits(qint64 value)
{
    return QString::number(value).rightJustified(2, u'0');
}

QString clockText(qint64 wall)
{
    const qint64 secondOfDay = wall - civil::floorDiv(wall, civil::SecondsPerDay) * 86400;
    return twoDigits(secondOfDay / 3600) + u':' + twoDigits(secondOfDay / 60 % 60);
}

QString dateText(const QDate &date)
{
    return QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat) + u' '
        + date.toString(Qt::ISODate);
}

QString offsetText(int offset)
{
    const int minutes = std::abs(offset) / 60;
    return u"UTC"_s + (offset < 0 ? u'\x2212' : u'+') + twoDigits(minutes / 60) + u':'
        + twoDigits(minutes % 60);
}

QString hexColor(quint32 rgb)
{
    return u"#"_s + QString::number(rgb & 0xffffff, 16).rightJustified(6, u'0');
}

} // namespace

TimeBuckets heatmapBuckets(HeatmapGrid::Layout layout, TimelineWindow window, const ZoneRules &zone)
{
    return TimeBuckets::aligned(
        window.from, window.to,
        layout == HeatmapGrid::Layout::DaysByHours ? BucketSize::Hour : BucketSize::Minute, zone);
}

HeatmapGrid heatmapGrid(HeatmapGrid::Layout layout, TimelineWindow window,
                        const TimeBuckets &buckets, const QList<qint64> &counts,
                        const ZoneRules &zone, const QString &zoneName)
{
    HeatmapGrid grid;
    grid.layout = layout;
    grid.window = window;
    grid.zone = &zone;
    grid.zoneName = zoneName.isEmpty() ? u"UTC"_s : zoneName;
    if (buckets.isEmpty() || counts.size() != buckets.count())
        return grid;

    // Where each bucket goes: (row, column) on the zone's clock.
    QList<std::pair<int, int>> places;
    places.reserve(buckets.count());
    if (layout == HeatmapGrid::Layout::DaysByHours) {
        grid.columns = 24;
        const qint64 firstDay
            = civil::floorDiv(wallOf(buckets.start(0), zone), civil::SecondsPerDay);
        const qint64 lastDay = civil::floorDiv(wallOf(buckets.start(buckets.count() - 1), zone),
                                               civil::SecondsPerDay);
        grid.rows = int(lastDay - firstDay + 1);
        for (qint64 day = firstDay; day <= lastDay; ++day)
            grid.rowDates.append(dateOfWall(day * civil::SecondsPerDay));
        for (int b = 0; b < buckets.count(); ++b) {
            const qint64 wall = wallOf(buckets.start(b), zone);
            const qint64 day = civil::floorDiv(wall, civil::SecondsPerDay);
            places.append({int(day - firstDay), int((wall - day * civil::SecondsPerDay) / 3600)});
        }
    } else {
        grid.columns = 60;
        const TimeBuckets hours
            = TimeBuckets::aligned(window.from, window.to, BucketSize::Hour, zone);
        grid.rows = hours.count();
        for (int h = 0; h < hours.count(); ++h)
            grid.rowStarts.append(hours.start(h));
        for (int b = 0; b < buckets.count(); ++b) {
            const int row = hours.indexOf(buckets.start(b));
            const qint64 wall = wallOf(buckets.start(b), zone);
            const qint64 secondOfHour = wall - civil::floorDiv(wall, 3600) * 3600;
            places.append({row, int(secondOfHour / 60)});
        }
    }

    grid.cells.resize(qsizetype(grid.rows) * grid.columns);
    int first = -1;
    int last = -1;
    for (int b = 0; b < buckets.count(); ++b) {
        const auto [row, column] = places.at(b);
        if (row < 0 || row >= grid.rows)
            continue;
        const int index = row * grid.columns + column;
        HeatmapGrid::Cell &cell = grid.cells[index];
        if (cell.kind == HeatmapGrid::CellKind::Counted) {
            // The hour the clocks go back through: a second pass through the same wall time.
            cell.repeated = true;
            cell.start = std::min(cell.start, buckets.start(b));
            cell.end = std::max(cell.end, buckets.end(b));
        } else {
            cell.kind = HeatmapGrid::CellKind::Counted;
            cell.start = buckets.start(b);
            cell.end = buckets.end(b);
        }
        cell.count += counts.at(b);
        grid.total += counts.at(b);
        first = first < 0 ? index : std::min(first, index);
        last = std::max(last, index);
    }
    // Between the first and the last counted cell, a cell no bucket reached is a time the clock
    // skipped.
    for (int index = std::max(first, 0); index < last; ++index) {
        if (grid.cells.at(index).kind == HeatmapGrid::CellKind::OutsideWindow)
            grid.cells[index].kind = HeatmapGrid::CellKind::Skipped;
    }

    QList<int> busy;
    for (int index = 0; index < grid.cells.size(); ++index) {
        const HeatmapGrid::Cell &cell = grid.cells.at(index);
        grid.maximum = std::max(grid.maximum, cell.count);
        if (cell.count > 0) {
            grid.minimum = grid.minimum == 0 ? cell.count : std::min(grid.minimum, cell.count);
            busy.append(index);
        }
    }
    const auto busiest = [&grid](int a, int b) {
        const HeatmapGrid::Cell &x = grid.cells.at(a);
        const HeatmapGrid::Cell &y = grid.cells.at(b);
        return x.count != y.count ? x.count > y.count : x.start < y.start;
    };
    const qsizetype peaks = std::min<qsizetype>(HeatmapGrid::peakLimit, busy.size());
    std::partial_sort(busy.begin(), busy.begin() + peaks, busy.end(), busiest);
    grid.peaks = busy.mid(0, peaks);
    return grid;
}

QString HeatmapGrid::rowLabel(int row) const
{
    if (layout == Layout::DaysByHours)
        return dateText(rowDates.at(row));
    const qint64 wall = wallOf(rowStarts.at(row), *zone);
    QString label = clockText(wall);
    const bool newDate
        = row == 0 || dateOfWall(wallOf(rowStarts.at(row - 1), *zone)) != dateOfWall(wall);
    if (newDate)
        label = dateText(dateOfWall(wall)) + u' ' + label;
    // The hour the clocks go back through shows twice: say which pass each row is.
    const bool repeats
        = (row > 0 && clockText(wallOf(rowStarts.at(row - 1), *zone)) == clockText(wall))
        || (row + 1 < rows && clockText(wallOf(rowStarts.at(row + 1), *zone)) == clockText(wall));
    if (repeats)
        label += u" ("_s + offsetText(zone->offsetAt(rowStarts.at(row))) + u')';
    return label;
}

QString HeatmapGrid::columnLabel(int column) const
{
    return layout == Layout::DaysByHours ? twoDigits(column) : u":"_s + twoDigits(column);
}

QString HeatmapGrid::cellLabel(int index) const
{
    const int row = rowOf(index);
    const int column = columnOf(index);
    const Cell &c = cells.at(index);
    if (layout == Layout::DaysByHours) {
        const QString day = dateText(rowDates.at(row));
        const QString span
            = twoDigits(column) + u":00–"_s + twoDigits((column + 1) % 24) + u":00"_s;
        if (c.repeated)
            return tr("%1 %2 %3, twice (the clocks go back)").arg(day, span, zoneName);
        return tr("%1 %2 %3").arg(day, span, zoneName);
    }
    const qint64 wall = wallOf(rowStarts.at(row), *zone);
    const QString minute = clockText(wall - wall % 3600 + column * 60);
    return tr("%1 %2 %3 (%4)")
        .arg(dateText(dateOfWall(wall)), minute, zoneName,
             offsetText(zone->offsetAt(rowStarts.at(row))));
}

double heatmapFraction(const HeatmapGrid &grid, qint64 count)
{
    if (count <= 0 || grid.maximum <= 0)
        return 0.0;
    if (grid.maximum == grid.minimum)
        return 1.0;
    return std::clamp(double(count - grid.minimum) / double(grid.maximum - grid.minimum), 0.0, 1.0);
}

quint32 heatmapColor(double fraction)
{
    // viridis at nine even stops
    static constexpr std::array<quint32, 9> stops {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c,
                                                   0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
    const double t = std::clamp(fraction, 0.0, 1.0) * double(stops.size() - 1);
    const size_t lower = std::min(size_t(t), stops.size() - 2);
    const double f = t - double(lower);
    quint32 rgb = 0;
    for (int shift : {16, 8, 0}) {
        const double a = double(stops[lower] >> shift & 0xff);
        const double b = double(stops[lower + 1] >> shift & 0xff);
        rgb |= quint32(std::lround(a + (b - a) * f)) << shift;
    }
    return rgb;
}

quint32 heatmapEmptyColor()
{
    return 0xeeeeee;
}

QString heatmapSvg(const HeatmapGrid &grid, const QString &title)
{
    const QLocale locale;
    const bool days = grid.layout == HeatmapGrid::Layout::DaysByHours;
    const int cellWidth = days ? 28 : 12;
    const int cellHeight = days ? 22 : 14;
    const int left = days ? 130 : 190;
    const int top = title.isEmpty() ? 28 : 52;
    const int gridWidth = grid.columns * cellWidth;
    const int gridHeight = grid.rows * cellHeight;
    const int legendTop = top + gridHeight + 24;
    const int peaksTop = legendTop + 50;
    const int width = left + std::max(gridWidth, 420) + 20;
    const int height = peaksTop + int(grid.peaks.size()) * 18 + 16;

    QString svg;
    svg += uR"svg(<svg xmlns="http://www.w3.org/2000/svg" width="%1" height="%2" viewBox="0 0 %1 %2" font-family="sans-serif" font-size="11">)svg"_s
               .arg(width)
               .arg(height)
        + u'\n';
    svg += uR"svg(<defs><pattern id="skipped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbbbbb" stroke-width="2"/></pattern>)svg"_s;
    svg += uR"svg(<linearGradient id="scale" x1="0" x2="1" y1="0" y2="0">)svg"_s;
    for (int stop = 0; stop <= 8; ++stop)
        svg += uR"svg(<stop offset="%1" stop-color="%2"/>)svg"_s.arg(double(stop) / 8.0)
                   .arg(hexColor(heatmapColor(double(stop) / 8.0)));
    svg += u"</linearGradient></defs>\n"_s;
    if (!title.isEmpty())
        svg += uR"svg(<text x="%1" y="24" font-size="15" font-weight="bold">%2</text>)svg"_s
                   .arg(left)
                   .arg(title.toHtmlEscaped())
            + u'\n';

    const int labelEvery = days ? 1 : 5;
    for (int column = 0; column < grid.columns; column += labelEvery)
        svg += uR"svg(<text x="%1" y="%2" text-anchor="middle" fill="#444444">%3</text>)svg"_s
                   .arg(left + column * cellWidth + cellWidth / 2)
                   .arg(top - 6)
                   .arg(grid.columnLabel(column).toHtmlEscaped());
    for (int row = 0; row < grid.rows; ++row)
        svg += uR"svg(<text x="%1" y="%2" text-anchor="end" fill="#444444">%3</text>)svg"_s
                   .arg(left - 8)
                   .arg(top + row * cellHeight + cellHeight / 2 + 4)
                   .arg(grid.rowLabel(row).toHtmlEscaped())
            + u'\n';

    for (int index = 0; index < grid.cells.size(); ++index) {
        const HeatmapGrid::Cell &cell = grid.cells.at(index);
        const int x = left + grid.columnOf(index) * cellWidth;
        const int y = top + grid.rowOf(index) * cellHeight;
        QString fill;
        QString tooltip;
        switch (cell.kind) {
        case HeatmapGrid::CellKind::OutsideWindow:
            continue;
        case HeatmapGrid::CellKind::Skipped:
            fill = u"url(#skipped)"_s;
            tooltip = tr("%1: the clocks skip this time.").arg(grid.cellLabel(index));
            break;
        case HeatmapGrid::CellKind::Counted:
            fill = cell.count == 0 ? hexColor(heatmapEmptyColor())
                                   : hexColor(heatmapColor(heatmapFraction(grid, cell.count)));
            tooltip = tr("%1: %2.").arg(grid.cellLabel(index), fireCountText(cell.count));
            break;
        }
        svg += uR"svg(<rect x="%1" y="%2" width="%3" height="%4" fill="%5" stroke="#ffffff" stroke-width="1"><title>%6</title></rect>)svg"_s
                   .arg(x)
                   .arg(y)
                   .arg(cellWidth)
                   .arg(cellHeight)
                   .arg(fill, tooltip.toHtmlEscaped())
            + u'\n';
    }
    for (qsizetype peak = 0; peak < grid.peaks.size(); ++peak) {
        const int index = grid.peaks.at(peak);
        const int x = left + grid.columnOf(index) * cellWidth;
        const int y = top + grid.rowOf(index) * cellHeight;
        svg += uR"svg(<rect x="%1" y="%2" width="%3" height="%4" fill="none" stroke="#d62728" stroke-width="2"/>)svg"_s
                   .arg(x + 1)
                   .arg(y + 1)
                   .arg(cellWidth - 2)
                   .arg(cellHeight - 2);
        svg += uR"svg(<text x="%1" y="%2" text-anchor="middle" font-weight="bold" fill="#ffffff" stroke="#d62728" stroke-width="0.6">%3</text>)svg"_s
                   .arg(x + cellWidth / 2)
                   .arg(y + cellHeight / 2 + 4)
                   .arg(peak + 1)
            + u'\n';
    }

    // The colour scale: what the darkest and brightest cells hold.
    const QString unit = days ? tr("fires per hour") : tr("fires per minute");
    svg += uR"svg(<rect x="%1" y="%2" width="240" height="12" fill="url(#scale)"/>)svg"_s.arg(left)
               .arg(legendTop);
    svg += uR"svg(<rect x="%1" y="%2" width="12" height="12" fill="%3"/><text x="%4" y="%5" fill="#444444">%6</text>)svg"_s
               .arg(left + 260)
               .arg(legendTop)
               .arg(hexColor(heatmapEmptyColor()))
               .arg(left + 276)
               .arg(legendTop + 10)
               .arg(tr("none").toHtmlEscaped());
    for (const double at : {0.0, 0.5, 1.0}) {
        // The ends of the scale are the quietest and the busiest cell with fires.
        const qint64 value = grid.minimum + std::llround(double(grid.maximum - grid.minimum) * at);
        svg += uR"svg(<text x="%1" y="%2" text-anchor="middle" fill="#444444">%3</text>)svg"_s
                   .arg(left + int(240 * at))
                   .arg(legendTop + 26)
                   .arg(locale.toString(value));
    }
    svg += uR"svg(<text x="%1" y="%2" fill="#444444">%3</text>)svg"_s.arg(left)
               .arg(legendTop + 40)
               .arg(tr("%1 (%2); %3 in all")
                        .arg(unit, grid.zoneName, fireCountText(grid.total))
                        .toHtmlEscaped())
        + u'\n';
    for (qsizetype peak = 0; peak < grid.peaks.size(); ++peak) {
        const int index = grid.peaks.at(peak);
        svg += uR"svg(<text x="%1" y="%2" fill="#d62728">%3</text>)svg"_s.arg(left)
                   .arg(peaksTop + int(peak) * 18)
                   .arg(tr("Peak %1: %2, %3")
                            .arg(peak + 1)
                            .arg(grid.cellLabel(index), fireCountText(grid.cells.at(index).count))
                            .toHtmlEscaped())
            + u'\n';
    }
    svg += u"</svg>\n"_s;
    return svg;
}

} // namespace crondesk::models
