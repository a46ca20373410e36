#include "scheduleshift.h"

#include <models/schedule/cronexpression.h>

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <bit>
#include <set>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::models::ScheduleShift", text);
}

constexpr int minutesPerDay = 24 * 60;

int floorDiv(int value, int divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// The five fields a macro stands for (croniter's expansion).
QString expandMacro(schedule::CronExpression::Macro macro)
{
    using Macro = schedule::CronExpression::Macro;
    switch (macro) {
    case Macro::Yearly:
    case Macro::Annually:
        return u"0 0 1 1 *"_s;
    case Macro::Monthly:
        return u"0 0 1 * *"_s;
    case Macro::Weekly:
        return u"0 0 * * 0"_s;
    case Macro::Daily:
    case Macro::Midnight:
        return u"0 0 * * *"_s;
    case Macro::Hourly:
        return u"0 * * * *"_s;
    case Macro::None:
        break;
    }
    return {};
}

// A value set as field text: "*", "*/7", "5-54/7", "1-5,9", "3,17".
QString renderSet(quint64 mask, int low, int high)
{
    QList<int> values;
    for (int value = low; value <= high; ++value) {
        if (mask & (quint64(1) << value))
            values.append(value);
    }
    if (values.size() == high - low + 1)
        return u"*"_s;
    if (values.size() >= 3) {
        const int step = values.at(1) - values.at(0);
        bool progression = step > 1;
        for (qsizetype i = 2; progression && i < values.size(); ++i)
            progression = values.at(i) - values.at(i - 1) == step;
        if (progression) {
            if (values.first() == low && values.last() + step > high)
                return u"*/%1"_s.arg(step);
            return u"%1-%2/%3"_s.arg(values.first()).arg(values.last()).arg(step);
        }
    }
    QStringList parts;
    for (qsizetype i = 0; i < values.size();) {
        qsizetype end = i;
        while (end + 1 < values.size() && values.at(end + 1) == values.at(end) + 1)
            ++end;
        if (end - i >= 2) {
            parts.append(u"%1-%2"_s.arg(values.at(i)).arg(values.at(end)));
        } else {
            for (qsizetype j = i; j <= end; ++j)
                parts.append(QString::number(values.at(j)));
        }
        i = end + 1;
    }
    return parts.join(u',');
}

} // namespace

QString shiftText(int minutes)
{
    const QString sign = minutes < 0 ? u"\u2212"_s : u"+"_s;
    const int magnitude = minutes < 0 ? -minutes : minutes;
    const int hours = magnitude / 60;
    const int rest = magnitude % 60;
    if (hours == 0)
        return sign + tr("%1 min").arg(rest);
    if (rest == 0)
        return sign + tr("%1 h").arg(hours);
    return sign + tr("%1 h %2 min").arg(hours).arg(rest);
}

ScheduleShift shiftSchedule(const QString &expression, int minutes)
{
    schedule::CronExpression parsed = schedule::CronExpression::parse(expression);
    if (!parsed.isValid())
        return {{}, tr("The schedule is not a valid cron expression, so it cannot be shifted.")};
    if (minutes == 0)
        return {expression, {}};

    QStringList tokens;
    if (parsed.macro() != schedule::CronExpression::Macro::None) {
        tokens = expandMacro(parsed.macro()).split(u' ');
        parsed = schedule::CronExpression::parse(tokens.join(u' '));
    } else {
        tokens = expression.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    }
    const schedule::CronFields &fields = parsed.fields();

    // Every (hour, minute) of a day, moved: the new wall-clock time and how many days it moved.
    std::set<int> carries;
    quint64 newMinutes = 0;
    quint32 newHours = 0;
    int pairs = 0;
    for (int hour = 0; hour < 24; ++hour) {
        if (!(fields.hours & (1u << hour)))
            continue;
        for (int minute = 0; minute < 60; ++minute) {
            if (!(fields.minutes & (quint64(1) << minute)))
                continue;
            const int moved = hour * 60 + minute + minutes;
            const int carry = floorDiv(moved, minutesPerDay);
            const int time = moved - carry * minutesPerDay;
            carries.insert(carry);
            newHours |= 1u << (time / 60);
            newMinutes |= quint64(1) << (time % 60);
            ++pairs;
        }
    }
    if (pairs != std::popcount(newHours) * std::popcount(newMinutes)) {
        return {{},
                tr("Shifted by %1, this schedule would fire at different minutes in different "
                   "hours, which one cron expression cannot say.")
                    .arg(shiftText(minutes))};
    }

    constexpr quint16 allMonths = 0x1FFE; // bits 1..12
    const bool noSpecialDays = !fields.lastDayOfMonth
        && std::all_of(fields.nthWeekdays.begin(), fields.nthWeekdays.end(),
                       [](quint8 bits) { return bits == 0; });
    const bool everyDay = !fields.dayOfMonthRestricted && !fields.dayOfWeekRestricted
        && fields.months == allMonths && noSpecialDays;
    QString dayOfWeek = tokens.at(4);
    if (!everyDay && !(carries.size() == 1 && *carries.begin() == 0)) {
        if (carries.size() > 1) {
            return {{},
                    tr("Shifted by %1, some of this schedule's times would move past midnight "
                       "and others not; it fires on some days only, so one expression cannot "
                       "say that.")
                        .arg(shiftText(minutes))};
        }
        if (fields.dayOfMonthRestricted || fields.months != allMonths || !noSpecialDays) {
            return {{},
                    tr("Shifted by %1, this schedule's times would move past midnight, and its "
                       "days of the month or months cannot be moved with them (the day after "
                       "the 31st is in another month).")
                        .arg(shiftText(minutes))};
        }
        // Only the day of week is restricted: rotate it by the days crossed.
        const int days = ((*carries.begin() % 7) + 7) % 7;
        quint64 rotated = 0;
        for (int day = 0; day < 7; ++day) {
            if (fields.daysOfWeek & (1u << day))
                rotated |= quint64(1) << ((day + days) % 7);
        }
        dayOfWeek = renderSet(rotated, 0, 6);
    }

    const QString minuteText
        = newMinutes == fields.minutes ? tokens.at(0) : renderSet(newMinutes, 0, 59);
    const QString hourText = newHours == fields.hours ? tokens.at(1) : renderSet(newHours, 0, 23);
    QStringList shifted {minuteText, hourText, tokens.at(2), tokens.at(3), dayOfWeek};
    if (tokens.size() == 6)
        shifted.append(tokens.at(5));
    const QString text = shifted.join(u' ');

    // The text must say exactly the sets computed above; anything else is a bug here, and a
    // refusal is better than a wrong schedule.
    const schedule::CronExpression check = schedule::CronExpression::parse(text);
    if (!check.isValid() || check.fields().minutes != newMinutes
        || check.fields().hours != newHours) {
        return {{}, tr("This schedule cannot be shifted.")};
    }
    return {text, {}};
}

} // namespace crondesk::models
