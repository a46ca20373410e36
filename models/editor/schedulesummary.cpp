#include "schedulesummary.h"

#include <models/schedule/describe.h>
#include <models/schedule/dstnotes.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// Enough to see the next spring and autumn changes without flooding the preview.
constexpr int MaxDstNotes = 4;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScheduleSummary)
};

} // namespace

ScheduleSummary summarizeSchedule(const QString &expression, const QString &zoneName,
                                  const QDateTime &now, int count)
{
    ScheduleSummary summary;
    const auto parsed = schedule::CronExpression::parse(expression, &summary.error);
    if (!parsed.isValid())
        return summary;
    summary.isValid = true;
    const std::optional<QTimeZone> resolved = schedule::resolveZone(zoneName);
    const QTimeZone zone = resolved.value_or(QTimeZone::utc());
    const QString shownZone = resolved ? zoneName : QString();
    summary.description = schedule::describe(parsed, shownZone);
    summary.nextRuns = parsed.nextN(now, zone, count);
    const QList<schedule::DstNote> notes = schedule::dstNotes(parsed, zone, now, 365);
    for (const schedule::DstNote &note : notes) {
        if (summary.dstNotes.size() == MaxDstNotes)
            break;
        summary.dstNotes.append(note.explanation);
    }
    return summary;
}

QString presetExpression(SchedulePreset preset, const PresetParameters &p)
{
    switch (preset) {
    case SchedulePreset::EveryNMinutes:
        return p.everyMinutes <= 1 ? u"* * * * *"_s : u"*/%1 * * * *"_s.arg(p.everyMinutes);
    case SchedulePreset::HourlyAt:
        return u"%1 * * * *"_s.arg(p.minute);
    case SchedulePreset::DailyAt:
        return u"%1 %2 * * *"_s.arg(p.minute).arg(p.hour);
    case SchedulePreset::WeekdaysAt:
        return u"%1 %2 * * 1-5"_s.arg(p.minute).arg(p.hour);
    case SchedulePreset::WeeklyOn:
        return u"%1 %2 * * %3"_s.arg(p.minute).arg(p.hour).arg(p.weekday);
    case SchedulePreset::MonthlyOn:
        return u"%1 %2 %3 * *"_s.arg(p.minute).arg(p.hour).arg(p.dayOfMonth);
    }
    return {};
}

QString presetName(SchedulePreset preset)
{
    switch (preset) {
    case SchedulePreset::EveryNMinutes:
        return Tr::tr("Every N minutes");
    case SchedulePreset::HourlyAt:
        return Tr::tr("Hourly at a minute");
    case SchedulePreset::DailyAt:
        return Tr::tr("Daily at a time");
    case SchedulePreset::WeekdaysAt:
        return Tr::tr("Weekdays at a time");
    case SchedulePreset::WeeklyOn:
        return Tr::tr("Weekly on a day");
    case SchedulePreset::MonthlyOn:
        return Tr::tr("Monthly on a day");
    }
    return {};
}

QList<int> presetMinuteSteps()
{
    return {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30};
}

} // namespace crondesk::models
