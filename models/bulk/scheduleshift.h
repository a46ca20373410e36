#pragma once

#include <QString>

namespace crondesk::models {

// A schedule moved in time: every fire time `minutes` later (or earlier, when negative) on the
// wall clock of the cron's zone, as one cron expression, or why no expression can say that.
struct ScheduleShift
{
    QString expression; // the shifted expression; empty when refused
    QString refusal; // why it cannot be shifted, a full sentence; empty when shifted

    bool isShifted() const { return refusal.isEmpty(); }
};

// Shifts `expression` by `minutes` (docs/bulk-edit.md, "Shifting a schedule").
//
// The minute and hour fields move with carry: 45 minutes past 9 plus 30 minutes is 15 past 10.
// Lists, ranges and steps move element-wise, and the result is accepted only when it is again
// "these minutes of these hours" (a product of the two sets): "*/7 * * * *" plus 5 minutes is
// "1,5-54/7 * * * *"-like, but "0,30 9 * * *" plus 45 minutes (9:45 and 10:15) is refused.
// Seconds never change. When a time crosses midnight the day fields must move too: a schedule
// that fires every day needs nothing; one restricted by day of week only has that field rotated
// (all its times must cross by the same number of days); one restricted by day of month, month,
// "L" or "#" is refused, since the day after the 31st is not a day of month an expression can name
// across months. Macros (@daily, ...) are shifted as the five fields they stand for.
//
// Exact on the wall clock: in a zone with daylight saving time the shifted schedule's fires on a
// day the clocks change follow the schedule's own DST rules (docs/schedule-dst.md), so they may
// differ from the original's fires plus the shift by the clock change.
ScheduleShift shiftSchedule(const QString &expression, int minutes);

// The largest shift a bulk edit offers, either way: a week.
constexpr int maxShiftMinutes()
{
    return 7 * 24 * 60;
}

// "+30 min", "−1 h", "+1 h 30 min" (translated).
QString shiftText(int minutes);

} // namespace crondesk::models
