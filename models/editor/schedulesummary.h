#pragma once

#include <models/schedule/cronexpression.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// What the editor's schedule preview shows for an expression in a zone.
struct ScheduleSummary
{
    bool isValid = false;
    schedule::ParseError error; // when the expression does not parse
    QString description; // plain English, ending with the zone
    QList<QDateTime> nextRuns; // UTC, oldest first
    QStringList dstNotes; // fire times near clock changes in the coming year
};

// The preview of `expression` in `zoneName` (empty: UTC) as of `now`: description, the next
// `count` fire times and the DST notes of the coming year. An unknown zone previews in UTC (the
// zone field reports the error). A client-side prediction: the server's next_run_date rules.
ScheduleSummary summarizeSchedule(const QString &expression, const QString &zoneName,
                                  const QDateTime &now, int count = 5);

// The presets of the schedule field. They propose text; the operator decides to use it.
enum class SchedulePreset { EveryNMinutes, HourlyAt, DailyAt, WeekdaysAt, WeeklyOn, MonthlyOn };

struct PresetParameters
{
    int everyMinutes = 15; // EveryNMinutes: a divisor of 60, so the gaps stay even
    int minute = 0; // HourlyAt
    int hour = 9; // DailyAt, WeekdaysAt, WeeklyOn, MonthlyOn (with `minute`)
    int weekday = 1; // WeeklyOn: 0 = Sunday ... 6 = Saturday, as cron counts
    int dayOfMonth = 1; // MonthlyOn: 1..31
};

// The expression a preset stands for, e.g. DailyAt 09:30 gives "30 9 * * *".
QString presetExpression(SchedulePreset preset, const PresetParameters &parameters);
// "Every N minutes", "Daily at", ... (translated).
QString presetName(SchedulePreset preset);
// The minute steps EveryNMinutes offers: the divisors of 60.
QList<int> presetMinuteSteps();

} // namespace crondesk::models
