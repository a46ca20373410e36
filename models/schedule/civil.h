#pragma once

// Proleptic Gregorian calendar arithmetic on plain integers. The fire-time search runs on these
// instead of QDate/QDateTime because it must not allocate and must stay cheap per step.
// Internal to the schedule library.

#include <QtGlobal>

namespace crondesk::schedule::civil {

inline constexpr qint64 SecondsPerDay = 86400;

// Division rounding towards negative infinity, so that instants before 1970 land on the right day.
constexpr qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr bool isLeapYear(qint64 year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int daysInMonth(qint64 year, int month)
{
    constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : lengths[month - 1];
}

// Days since 1970-01-01. Counting years from March puts the leap day at the end of the year,
// which makes the day-of-year a linear function of the month (153 days per 5 months).
constexpr qint64 daysFromCivil(qint64 year, int month, int day)
{
    const qint64 y = month <= 2 ? year - 1 : year;
    const qint64 era = floorDiv(y, 400);
    const qint64 yearOfEra = y - era * 400; // 0..399
    const qint64 monthFromMarch = (month + 9) % 12; // March = 0
    const qint64 dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1; // 0..365
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468; // 719468 days from 0000-03-01 to 1970-01-01
}

struct Date
{
    qint64 year;
    int month; // 1..12
    int day; // 1..31
};

// The inverse of daysFromCivil().
constexpr Date civilFromDays(qint64 days)
{
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 dayOfEra = z - era * 146097; // 0..146096
    const qint64 yearOfEra
        = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthFromMarch = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    const int month = int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// 0 = Sunday ... 6 = Saturday, as cron numbers weekdays. 1970-01-01 was a Thursday.
constexpr int weekdayFromDays(qint64 days)
{
    const qint64 w = (days + 4) % 7;
    return int(w < 0 ? w + 7 : w);
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11017);
static_assert(civilFromDays(11016).month == 2 && civilFromDays(11016).day == 29);
static_assert(weekdayFromDays(daysFromCivil(2026, 3, 8)) == 0); // a Sunday

} // namespace crondesk::schedule::civil
