#include "describe.h"

#include <QCoreApplication>

#include <bit>

using namespace Qt::StringLiterals;

namespace crondesk::schedule {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::schedule::describe", text);
}

// Beyond this many items a list stops being readable; the raw expression is clearer then.
constexpr int MaxListedItems = 8;

QList<int> valuesOf(quint64 mask, int from, int to)
{
    QList<int> values;
    for (int v = from; v <= to; ++v) {
        if (mask >> v & 1u)
            values.append(v);
    }
    return values;
}

QString twoDigits(int value)
{
    return QString::number(value).rightJustified(2, u'0');
}

QString clock(int hour, int minute)
{
    return twoDigits(hour) + u':' + twoDigits(minute);
}

QString clockWithSeconds(int hour, int minute, int second)
{
    return clock(hour, minute) + u':' + twoDigits(second);
}

QString weekdayName(int day)
{
    switch (day % 7) {
    case 0:
        return tr("Sunday");
    case 1:
        return tr("Monday");
    case 2:
        return tr("Tuesday");
    case 3:
        return tr("Wednesday");
    case 4:
        return tr("Thursday");
    case 5:
        return tr("Friday");
    default:
        return tr("Saturday");
    }
}

QString monthName(int month)
{
    static const char *const names[12]
        = {QT_TRANSLATE_NOOP("crondesk::schedule::describe", "January"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "February"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "March"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "April"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "May"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "June"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "July"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "August"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "September"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "October"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "November"),
           QT_TRANSLATE_NOOP("crondesk::schedule::describe", "December")};
    return tr(names[month - 1]);
}

QString ordinal(int n)
{
    switch (n) {
    case 1:
        return tr("first");
    case 2:
        return tr("second");
    case 3:
        return tr("third");
    case 4:
        return tr("fourth");
    case 5:
        return tr("fifth");
    default:
        return QString::number(n);
    }
}

// "A", "A and B", "A, B and C".
QString joinList(const QStringList &items)
{
    if (items.isEmpty())
        return {};
    if (items.size() == 1)
        return items.first();
    return tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(", "_L1), items.last());
}

// Sorted values as items, runs of three or more collapsed into "a through b". Empty when the
// result would have more than MaxListedItems items.
template<typename Name>
QStringList runs(const QList<int> &values, Name name, bool *tooLong)
{
    QStringList items;
    for (qsizetype i = 0; i < values.size();) {
        qsizetype j = i;
        while (j + 1 < values.size() && values.at(j + 1) == values.at(j) + 1)
            ++j;
        if (j - i >= 2) {
            items.append(tr("%1 through %2").arg(name(values.at(i)), name(values.at(j))));
        } else {
            for (qsizetype k = i; k <= j; ++k)
                items.append(name(values.at(k)));
        }
        i = j + 1;
    }
    if (items.size() > MaxListedItems)
        *tooLong = true;
    return items;
}

QString number(int value)
{
    return QString::number(value);
}

// The step k when `values` (all within [0, period)) is exactly {r, r + k, r + 2k, ...} for a k
// dividing the period, so the pattern repeats seamlessly; 0 otherwise.
int uniformStep(const QList<int> &values, int period, int *residue)
{
    if (values.size() < 2)
        return 0;
    const int step = values.at(1) - values.at(0);
    if (period % step != 0 || values.size() != period / step)
        return 0;
    for (qsizetype i = 1; i < values.size(); ++i) {
        if (values.at(i) - values.at(i - 1) != step)
            return 0;
    }
    *residue = values.first();
    return step;
}

bool contiguous(const QList<int> &values)
{
    return !values.isEmpty() && values.last() - values.first() + 1 == values.size();
}

// An arithmetic progression of at least three values: its step, else 0.
int progressionStep(const QList<int> &values)
{
    if (values.size() < 3)
        return 0;
    const int step = values.at(1) - values.at(0);
    for (qsizetype i = 2; i < values.size(); ++i) {
        if (values.at(i) - values.at(i - 1) != step)
            return 0;
    }
    return step;
}

class Describer final
{
public:
    explicit Describer(const CronExpression &expr)
        : m_fields(expr.fields())
        , m_seconds(valuesOf(m_fields.seconds, 0, 59))
        , m_minutes(valuesOf(m_fields.minutes, 0, 59))
        , m_hours(valuesOf(m_fields.hours, 0, 23))
    { }

    // Empty when it cannot be said exactly and briefly.
    QString describe()
    {
        const QString time = timePhrase();
        const QString days = dayPhrase();
        const QString months = monthPhrase();
        if (m_tooLong || time.isEmpty())
            return {};
        QString text = time;
        if (!days.isEmpty())
            text += ", "_L1 + days;
        if (!months.isEmpty())
            text += ", "_L1 + months;
        return text;
    }

private:
    QString timePhrase();
    QString minuteHourPhrase();
    QString dayPhrase();
    QString monthPhrase();
    QString weekdayPhrase();

    const CronFields &m_fields;
    QList<int> m_seconds;
    QList<int> m_minutes;
    QList<int> m_hours;
    bool m_tooLong = false;
};

QString Describer::timePhrase()
{
    if (m_seconds == QList<int> {0})
        return minuteHourPhrase();

    const bool everyMinute = m_minutes.size() == 60 && m_hours.size() == 24;
    if (everyMinute) {
        if (m_seconds.size() == 60)
            return tr("Every second");
        int residue = 0;
        if (const int step = uniformStep(m_seconds, 60, &residue)) {
            if (residue == 0)
                return tr("Every %1 seconds").arg(step);
            return tr("Every %1 seconds, starting at second %2 of each minute")
                .arg(step)
                .arg(residue);
        }
        const QStringList items = runs(m_seconds, number, &m_tooLong);
        return items.size() == 1 && m_seconds.size() == 1
            ? tr("At second %1 of every minute").arg(m_seconds.first())
            : tr("At seconds %1 of every minute").arg(joinList(items));
    }
    // A handful of exact clock times with seconds; anything else is left to the raw text.
    if (m_seconds.size() * m_minutes.size() * m_hours.size() <= 4) {
        QStringList times;
        for (int hour : std::as_const(m_hours)) {
            for (int minute : std::as_const(m_minutes)) {
                for (int second : std::as_const(m_seconds))
                    times.append(clockWithSeconds(hour, minute, second));
            }
        }
        return tr("At %1").arg(joinList(times));
    }
    m_tooLong = true;
    return {};
}

QString Describer::minuteHourPhrase()
{
    const bool allMinutes = m_minutes.size() == 60;
    const bool allHours = m_hours.size() == 24;

    if (allMinutes && allHours)
        return tr("Every minute");

    // A few exact clock times: the clearest form there is.
    if (m_minutes.size() * m_hours.size() <= MaxListedItems) {
        QStringList times;
        for (int hour : std::as_const(m_hours)) {
            for (int minute : std::as_const(m_minutes))
                times.append(clock(hour, minute));
        }
        return tr("At %1").arg(joinList(times));
    }

    int residue = 0;
    const int minuteStep = uniformStep(m_minutes, 60, &residue);
    if (allHours) {
        if (m_minutes.size() == 1)
            return m_minutes.first() == 0
                ? tr("Every hour, on the hour")
                : tr("At %1 minutes past every hour").arg(m_minutes.first());
        if (minuteStep && residue == 0)
            return tr("Every %1 minutes").arg(minuteStep);
        if (minuteStep)
            return tr("Every %1 minutes, starting at minute %2 of each hour")
                .arg(minuteStep)
                .arg(residue);
        return tr("At minutes %1 of every hour").arg(joinList(runs(m_minutes, number, &m_tooLong)));
    }

    // Hours restricted. Evenly spaced firings over one run of hours read as "every ... from ...
    // through ...", which is exact because the pattern continues across the hour boundaries.
    if (contiguous(m_hours)) {
        const QString first = clock(m_hours.first(), m_minutes.first());
        const QString last = clock(m_hours.last(), m_minutes.last());
        if (allMinutes)
            return tr("Every minute from %1 through %2").arg(first, last);
        if (minuteStep)
            return tr("Every %1 minutes from %2 through %3").arg(minuteStep).arg(first, last);
        if (m_minutes.size() == 1 && m_hours.size() >= 3)
            return tr("Every hour from %1 through %2").arg(first, last);
    }
    if (m_minutes.size() == 1) {
        if (const int hourStep = progressionStep(m_hours)) {
            const QString first = clock(m_hours.first(), m_minutes.first());
            const QString last = clock(m_hours.last(), m_minutes.first());
            return tr("Every %1 hours from %2 through %3").arg(hourStep).arg(first, last);
        }
        return tr("At minute %1 of hours %2")
            .arg(m_minutes.first())
            .arg(joinList(runs(m_hours, number, &m_tooLong)));
    }

    const QString hours = joinList(runs(m_hours, number, &m_tooLong));
    if (allMinutes)
        return tr("Every minute during hours %1").arg(hours);
    if (minuteStep && residue == 0)
        return tr("Every %1 minutes during hours %2").arg(minuteStep).arg(hours);
    return tr("At minutes %1 past hours %2")
        .arg(joinList(runs(m_minutes, number, &m_tooLong)), hours);
}

QString Describer::weekdayPhrase()
{
    const CronFields &f = m_fields;
    bool special = false;
    for (quint8 bits : f.nthWeekdays)
        special = special || bits != 0;

    if (!special) {
        // Monday first, as people read a week; Sunday-to-Saturday runs stay as they are.
        QList<int> days = valuesOf(f.daysOfWeek, 0, 6);
        if (days.size() >= 2 && days.first() == 0 && !contiguous(days)) {
            days.removeFirst();
            days.append(7);
        }
        const QStringList items = runs(days, weekdayName, &m_tooLong);
        if (items.size() == 1 && days.size() >= 3)
            return items.first(); // "Monday through Friday"
        return tr("on %1").arg(joinList(items));
    }

    QStringList items;
    for (int day = 0; day < 7; ++day) {
        const quint8 bits = f.nthWeekdays[size_t((day + 1) % 7)]; // from Monday
        const int weekday = (day + 1) % 7;
        QStringList which;
        for (int k = 1; k <= 5; ++k) {
            if (bits >> (k - 1) & 1u)
                which.append(ordinal(k));
        }
        if (bits & CronFields::LastWeekdayBit)
            which.append(tr("last"));
        if (!which.isEmpty())
            items.append(tr("the %1 %2").arg(joinList(which), weekdayName(weekday)));
    }
    if (items.size() > MaxListedItems)
        m_tooLong = true;
    return tr("on %1 of the month").arg(joinList(items));
}

QString Describer::dayPhrase()
{
    const CronFields &f = m_fields;
    QString dayOfMonth;
    if (f.dayOfMonthRestricted) {
        const QList<int> days = valuesOf(f.daysOfMonth, 1, 31);
        QStringList items = runs(days, number, &m_tooLong);
        const bool plural = days.size() > 1;
        if (f.lastDayOfMonth)
            items.append(tr("the last day"));
        if (days.isEmpty())
            dayOfMonth = tr("on the last day of the month");
        else if (plural || f.lastDayOfMonth)
            dayOfMonth = days.size() == 1
                ? tr("on day %1 and the last day of the month").arg(days.first())
                : tr("on days %1 of the month").arg(joinList(items));
        else
            dayOfMonth = tr("on day %1 of the month").arg(days.first());
    }
    const QString weekday = f.dayOfWeekRestricted ? weekdayPhrase() : QString();
    if (!dayOfMonth.isEmpty() && !weekday.isEmpty()) {
        // The server fires when either matches; say so rather than imply both are needed.
        return tr("%1, or %2 (either one is enough)").arg(dayOfMonth, weekday);
    }
    return dayOfMonth.isEmpty() ? weekday : dayOfMonth;
}

QString Describer::monthPhrase()
{
    const QList<int> months = valuesOf(m_fields.months, 1, 12);
    if (months.size() == 12)
        return {};
    const QStringList items = runs(months, monthName, &m_tooLong);
    if (items.size() == 1 && months.size() >= 3)
        return items.first(); // "March through May"
    return tr("in %1").arg(joinList(items));
}

} // namespace

QString describe(const CronExpression &expr, const QString &zoneName)
{
    const QString zone = zoneName.isEmpty() ? u"UTC"_s : zoneName;
    if (!expr.isValid())
        return tr("Not a valid cron expression: “%1”").arg(expr.text());
    if (expr.neverFires())
        return tr("Never fires: no date matches “%1” (%2)").arg(expr.text(), zone);
    const QString text = Describer(expr).describe();
    if (text.isEmpty())
        return tr("On the cron schedule “%1” (%2)").arg(expr.text().trimmed(), zone);
    return tr("%1 (%2)").arg(text, zone);
}

} // namespace crondesk::schedule
