#include "cronexpression.h"

#include "civil.h"
#include "cronparser_p.h"

#include <QCoreApplication>

#include <algorithm>
#include <bit>
#include <limits>

using namespace Qt::StringLiterals;

namespace crondesk::schedule {

namespace {

// Fire times are searched up to the end of the year 9999, as far as QDateTime and croniter go.
constexpr qint64 MaxYear = 9999;
constexpr qint64 MinYear = 1;

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::schedule::CronExpression", text);
}

// Lowest set bit of `mask` at or above `from`; -1 when there is none (also for from >= 64).
int nextBit(quint64 mask, int from)
{
    if (from >= 64)
        return -1;
    const quint64 candidates = mask & (~quint64(0) << from);
    return candidates ? std::countr_zero(candidates) : -1;
}

// Highest set bit of `mask` at or below `from`; -1 when there is none (also for from < 0).
int previousBit(quint64 mask, int from)
{
    if (from < 0)
        return -1;
    const quint64 candidates = from >= 63 ? mask : mask & ((quint64(1) << (from + 1)) - 1);
    return candidates ? 63 - std::countl_zero(candidates) : -1;
}

// Index into m_dayMasks of the month shape (length 28..31, weekday of the 1st).
constexpr size_t maskIndex(int length, int firstWeekday)
{
    return size_t(length - 28) * 7 + size_t(firstWeekday);
}

// Where the odometers of firstWallTimeAtOrAfter() and lastWallTimeAtOrBefore() stand: a wall
// time taken apart. The first day of the month they start in comes free with the split; for any
// other month it takes calendar arithmetic.
class WallPosition final
{
public:
    struct Fields
    {
        qint64 year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
    };
    Fields fields;

    explicit WallPosition(qint64 wallSeconds) noexcept
    {
        const qint64 days = civil::floorDiv(wallSeconds, civil::SecondsPerDay);
        const int secondOfDay = int(wallSeconds - days * civil::SecondsPerDay);
        const civil::Date date = civil::civilFromDays(days);
        fields = {date.year,       date.month, date.day, secondOfDay / 3600, secondOfDay / 60 % 60,
                  secondOfDay % 60};
        m_startYear = date.year;
        m_startMonth = date.month;
        m_startMonthFirstDay = days - (date.day - 1);
    }

    qint64 firstDayOfMonth() const noexcept
    {
        return fields.year == m_startYear && fields.month == m_startMonth
            ? m_startMonthFirstDay
            : civil::daysFromCivil(fields.year, fields.month, 1);
    }

private:
    qint64 m_startYear;
    int m_startMonth;
    qint64 m_startMonthFirstDay;
};

} // namespace

CronExpression CronExpression::parse(QStringView text, ParseError *error)
{
    detail::ParseResult result;
    CronExpression expression;
    expression.m_text = text.toString();
    if (!detail::parseCron(text, &result, error))
        return expression;
    if (error)
        *error = ParseError {};
    expression.m_fields = result.fields;
    expression.m_macro = result.macro;
    expression.m_portability = result.portability;
    expression.m_hasSeconds = result.hasSeconds;
    expression.m_valid = true;
    expression.computeDerived();
    return expression;
}

void CronExpression::computeDerived()
{
    const CronFields &f = m_fields;
    for (int length = 28; length <= 31; ++length) {
        for (int firstWeekday = 0; firstWeekday < 7; ++firstWeekday) {
            quint32 mask = 0;
            for (int day = 1; day <= length; ++day) {
                const int weekday = (firstWeekday + day - 1) % 7;
                const bool dayOfMonth
                    = (f.daysOfMonth >> day & 1u) || (f.lastDayOfMonth && day == length);
                const quint8 nth = f.nthWeekdays[size_t(weekday)];
                const bool dayOfWeek = (f.daysOfWeek >> weekday & 1u)
                    || (nth >> ((day - 1) / 7) & 1u)
                    || ((nth & CronFields::LastWeekdayBit) && day + 7 > length);
                bool match = false;
                if (f.dayOfMonthRestricted && f.dayOfWeekRestricted)
                    match = dayOfMonth || dayOfWeek;
                else if (f.dayOfMonthRestricted)
                    match = dayOfMonth;
                else if (f.dayOfWeekRestricted)
                    match = dayOfWeek;
                else
                    match = true;
                if (match)
                    mask |= 1u << day;
            }
            m_dayMasks[maskIndex(length, firstWeekday)] = mask;
        }
    }

    // Over a 400-year Gregorian cycle every month starts on every weekday, in leap and common
    // years alike, so the month shapes above cover every date there will ever be.
    m_neverFires = true;
    for (int month = 1; month <= 12 && m_neverFires; ++month) {
        if (!(f.months >> month & 1u))
            continue;
        const int shortest = month == 2 ? 28 : civil::daysInMonth(2001, month);
        const int longest = month == 2 ? 29 : shortest;
        for (int length = shortest; length <= longest; ++length) {
            for (int firstWeekday = 0; firstWeekday < 7; ++firstWeekday) {
                if (m_dayMasks[maskIndex(length, firstWeekday)] != 0)
                    m_neverFires = false;
            }
        }
    }
}

quint32 CronExpression::dayMask(qint64 year, int month, qint64 firstDay) const noexcept
{
    const int length = civil::daysInMonth(year, month);
    const int firstWeekday = civil::weekdayFromDays(firstDay);
    return m_dayMasks[maskIndex(length, firstWeekday)];
}

bool CronExpression::matchesDate(int year, int month, int day) const
{
    if (!m_valid || month < 1 || month > 12 || day < 1 || day > civil::daysInMonth(year, month))
        return false;
    return (m_fields.months >> month & 1u)
        && (dayMask(year, month, civil::daysFromCivil(year, month, 1)) >> day & 1u);
}

std::optional<qint64> CronExpression::firstWallTimeAtOrAfter(qint64 wallSeconds) const noexcept
{
    if (!m_valid || m_neverFires)
        return std::nullopt;
    const CronFields &f = m_fields;
    WallPosition position(wallSeconds);
    auto &[year, month, day, hour, minute, second] = position.fields;
    if (year < MinYear) {
        year = MinYear;
        month = 1;
        day = 1;
        hour = minute = second = 0;
    }

    // Each step either accepts the current field or moves to the next candidate of the field
    // above and resets the ones below, like an odometer. neverFires() being false guarantees
    // a matching date within 400 years, so this ends.
    for (;;) {
        if (year > MaxYear)
            return std::nullopt;
        if (!(f.months >> month & 1u)) {
            const int nextMonth = nextBit(f.months, month + 1);
            if (nextMonth < 0) {
                ++year;
                month = std::countr_zero(f.months);
            } else {
                month = nextMonth;
            }
            day = 1;
            hour = minute = second = 0;
            continue;
        }
        const qint64 firstDay = position.firstDayOfMonth();
        const int nextDay = nextBit(dayMask(year, month, firstDay), day);
        if (nextDay < 0) {
            if (++month > 12) {
                month = 1;
                ++year;
            }
            day = 1;
            hour = minute = second = 0;
            continue;
        }
        if (nextDay != day) {
            day = nextDay;
            hour = minute = second = 0;
        }
        const int nextHour = nextBit(f.hours, hour);
        if (nextHour < 0) {
            ++day;
            hour = minute = second = 0;
            continue;
        }
        if (nextHour != hour) {
            hour = nextHour;
            minute = second = 0;
        }
        const int nextMinute = nextBit(f.minutes, minute);
        if (nextMinute < 0) {
            ++hour;
            minute = second = 0;
            continue;
        }
        if (nextMinute != minute) {
            minute = nextMinute;
            second = 0;
        }
        const int nextSecond = nextBit(f.seconds, second);
        if (nextSecond < 0) {
            ++minute;
            second = 0;
            continue;
        }
        return (firstDay + day - 1) * civil::SecondsPerDay + qint64(hour) * 3600
            + qint64(minute) * 60 + nextSecond;
    }
}

std::optional<qint64> CronExpression::lastWallTimeAtOrBefore(qint64 wallSeconds) const noexcept
{
    if (!m_valid || m_neverFires)
        return std::nullopt;
    const CronFields &f = m_fields;
    WallPosition position(wallSeconds);
    auto &[year, month, day, hour, minute, second] = position.fields;
    if (year > MaxYear) {
        year = MaxYear;
        month = 12;
        day = 31;
        hour = 23;
        minute = second = 59;
    }

    // The odometer of firstWallTimeAtOrAfter(), run backwards: resetting a field means setting
    // it to its largest value.
    for (;;) {
        if (year < MinYear)
            return std::nullopt;
        if (!(f.months >> month & 1u)) {
            const int previousMonth = previousBit(f.months, month - 1);
            if (previousMonth < 0) {
                --year;
                month = 15 - std::countl_zero(f.months);
            } else {
                month = previousMonth;
            }
            day = 31;
            hour = 23;
            minute = second = 59;
            continue;
        }
        const qint64 firstDay = position.firstDayOfMonth();
        const int previousDay = previousBit(dayMask(year, month, firstDay), day);
        if (previousDay < 0) {
            if (--month < 1) {
                month = 12;
                --year;
            }
            day = 31;
            hour = 23;
            minute = second = 59;
            continue;
        }
        if (previousDay != day) {
            day = previousDay;
            hour = 23;
            minute = second = 59;
        }
        const int previousHour = previousBit(f.hours, hour);
        if (previousHour < 0) {
            --day;
            hour = 23;
            minute = second = 59;
            continue;
        }
        if (previousHour != hour) {
            hour = previousHour;
            minute = second = 59;
        }
        const int previousMinute = previousBit(f.minutes, minute);
        if (previousMinute < 0) {
            --hour;
            minute = second = 59;
            continue;
        }
        if (previousMinute != minute) {
            minute = previousMinute;
            second = 59;
        }
        const int previousSecond = previousBit(f.seconds, second);
        if (previousSecond < 0) {
            --minute;
            second = 59;
            continue;
        }
        return (firstDay + day - 1) * civil::SecondsPerDay + qint64(hour) * 3600
            + qint64(minute) * 60 + previousSecond;
    }
}

// The fire times are the images of the matching wall-clock times (docs/schedule-dst.md):
// a wall time that occurs once maps to that instant; one that occurs twice (clocks going back)
// to its first occurrence; one that does not occur (clocks going forward) to the instant it
// would have been under the offset before the change, i.e. moved later by the size of the gap.
//
// Per stretch of constant offset ("segment") [start, end) with offset o and previous offset p,
// the segment owns the wall times [start + max(o, p), end + o): each wall time is owned by
// exactly one segment, the one holding its first occurrence. The gap walls [start + p,
// start + o) of a forward change belong to no segment; their images land in [start, start + o
// - p), inside this segment. So the fire times in a segment are its owned walls minus o, plus
// its gap walls minus p, and a search only has to look at both sets of one segment at a time.
std::optional<qint64> CronExpression::firstAtOrAfter(qint64 instant,
                                                     const ZoneRules &zone) const noexcept
{
    constexpr qint64 Unbounded = ZoneRules::Unbounded;
    // Each round moves to a later segment; the bound only guards against a broken zone table.
    for (int round = 0; round < 100000; ++round) {
        const ZoneRules::Segment s = zone.segmentAt(instant);
        const qint64 ownedStart
            = s.start == -Unbounded ? -Unbounded : s.start + std::max(s.offset, s.previousOffset);
        const qint64 ownedEnd = s.end == Unbounded ? Unbounded : s.end + s.offset;

        std::optional<qint64> best;
        const std::optional<qint64> wall
            = firstWallTimeAtOrAfter(std::max(instant + s.offset, ownedStart));
        if (wall && *wall < ownedEnd)
            best = *wall - s.offset;
        if (s.start != -Unbounded && s.offset > s.previousOffset) {
            const qint64 gapStart = s.start + s.previousOffset;
            const qint64 gapEnd = s.start + s.offset;
            const qint64 from = std::max(gapStart, instant + s.previousOffset);
            if (from < gapEnd) {
                const std::optional<qint64> gapWall = firstWallTimeAtOrAfter(from);
                if (gapWall && *gapWall < gapEnd) {
                    const qint64 image = *gapWall - s.previousOffset;
                    best = best ? std::min(*best, image) : image;
                }
            }
        }
        if (best)
            return best;
        if (!wall || s.end == Unbounded)
            return std::nullopt;
        // Every later fire time is the image of a wall time at or after `wall`, and no image
        // lies more than the largest offset before its wall time.
        instant = std::max(s.end, *wall - zone.maximumOffset());
    }
    return std::nullopt;
}

std::optional<qint64> CronExpression::lastAtOrBefore(qint64 instant,
                                                     const ZoneRules &zone) const noexcept
{
    constexpr qint64 Unbounded = ZoneRules::Unbounded;
    for (int round = 0; round < 100000; ++round) {
        const ZoneRules::Segment s = zone.segmentAt(instant);
        const qint64 ownedStart
            = s.start == -Unbounded ? -Unbounded : s.start + std::max(s.offset, s.previousOffset);
        const qint64 ownedEnd = s.end == Unbounded ? Unbounded : s.end + s.offset;

        std::optional<qint64> best;
        const qint64 to = std::min(instant + s.offset, ownedEnd - 1);
        const std::optional<qint64> wall = lastWallTimeAtOrBefore(to);
        if (wall && *wall >= ownedStart)
            best = *wall - s.offset;
        if (s.start != -Unbounded && s.offset > s.previousOffset) {
            const qint64 gapStart = s.start + s.previousOffset;
            const qint64 gapEnd = s.start + s.offset;
            const qint64 gapTo = std::min(gapEnd - 1, instant + s.previousOffset);
            if (gapTo >= gapStart) {
                const std::optional<qint64> gapWall = lastWallTimeAtOrBefore(gapTo);
                if (gapWall && *gapWall >= gapStart) {
                    const qint64 image = *gapWall - s.previousOffset;
                    best = best ? std::max(*best, image) : image;
                }
            }
        }
        if (best)
            return best;
        if (!wall || s.start == -Unbounded)
            return std::nullopt;
        // Wall times between `to` and the end of the previous segment's walls (the repeated
        // hour, when `instant` is in its second pass) were not looked at: step back just one
        // segment then. Otherwise jump as far back as the found wall time allows.
        if (to < s.start + s.previousOffset - 1)
            instant = s.start - 1;
        else
            instant = std::min(s.start - 1, *wall - zone.minimumOffset());
    }
    return std::nullopt;
}

std::optional<qint64> CronExpression::nextSeconds(qint64 after,
                                                  const ZoneRules &zone) const noexcept
{
    if (!m_valid || m_neverFires)
        return std::nullopt;
    return firstAtOrAfter(after + 1, zone);
}

std::optional<qint64> CronExpression::previousSeconds(qint64 before,
                                                      const ZoneRules &zone) const noexcept
{
    if (!m_valid || m_neverFires)
        return std::nullopt;
    return lastAtOrBefore(before - 1, zone);
}

std::optional<QDateTime> CronExpression::next(const QDateTime &after, const QTimeZone &zone) const
{
    if (!m_valid || m_neverFires || !after.isValid() || !zone.isValid())
        return std::nullopt;
    // Strictly after a possibly fractional instant: the first whole second past its floor.
    const qint64 floorSeconds = civil::floorDiv(after.toMSecsSinceEpoch(), 1000);
    const std::optional<qint64> result = nextSeconds(floorSeconds, ZoneRules::forZone(zone));
    if (!result)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(*result, Qt::UTC);
}

std::optional<QDateTime> CronExpression::previous(const QDateTime &before,
                                                  const QTimeZone &zone) const
{
    if (!m_valid || m_neverFires || !before.isValid() || !zone.isValid())
        return std::nullopt;
    const qint64 ceilSeconds = -civil::floorDiv(-before.toMSecsSinceEpoch(), 1000);
    const std::optional<qint64> result = previousSeconds(ceilSeconds, ZoneRules::forZone(zone));
    if (!result)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(*result, Qt::UTC);
}

QList<QDateTime> CronExpression::nextN(const QDateTime &after, const QTimeZone &zone, int n) const
{
    QList<QDateTime> result;
    std::optional<QDateTime> current = next(after, zone);
    if (!current || n <= 0)
        return result;
    const ZoneRules &rules = ZoneRules::forZone(zone);
    result.reserve(std::min(n, 1024)); // n may be a generous upper bound
    std::optional<qint64> seconds = current->toSecsSinceEpoch();
    while (seconds && result.size() < n) {
        result.append(QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC));
        seconds = nextSeconds(*seconds, rules);
    }
    return result;
}

QList<QDateTime> CronExpression::previousN(const QDateTime &before, const QTimeZone &zone,
                                           int n) const
{
    QList<QDateTime> result;
    std::optional<QDateTime> current = previous(before, zone);
    if (!current || n <= 0)
        return result;
    const ZoneRules &rules = ZoneRules::forZone(zone);
    result.reserve(std::min(n, 1024)); // n may be a generous upper bound
    std::optional<qint64> seconds = current->toSecsSinceEpoch();
    while (seconds && result.size() < n) {
        result.append(QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC));
        seconds = previousSeconds(*seconds, rules);
    }
    return result;
}

std::chrono::seconds CronExpression::shortestInterval() const
{
    if (!m_valid || m_neverFires)
        return std::chrono::seconds::zero();
    const CronFields &f = m_fields;

    // Within a day the times repeat identically, so the closest pair of a day is found from the
    // three masks; across days it is last-of-day to first-of-next-matching-day.
    qint64 firstTime = -1;
    qint64 lastTime = -1;
    qint64 closest = std::numeric_limits<qint64>::max();
    for (int hour = 0; hour < 24; ++hour) {
        if (!(f.hours >> hour & 1u))
            continue;
        for (int minute = 0; minute < 60; ++minute) {
            if (!(f.minutes >> minute & 1u))
                continue;
            for (int second = 0; second < 60; ++second) {
                if (!(f.seconds >> second & 1u))
                    continue;
                const qint64 t = hour * 3600 + minute * 60 + second;
                if (lastTime >= 0)
                    closest = std::min(closest, t - lastTime);
                if (firstTime < 0)
                    firstTime = t;
                lastTime = t;
            }
        }
    }

    // The smallest gap between matching days, over a whole 400-year cycle (plus its wrap).
    qint64 smallestDayGap = std::numeric_limits<qint64>::max();
    qint64 previousDay = std::numeric_limits<qint64>::min();
    for (qint64 year = 2000; year <= 2400 && smallestDayGap > 1; ++year) {
        for (int month = 1; month <= 12 && smallestDayGap > 1; ++month) {
            if (!(f.months >> month & 1u))
                continue;
            const qint64 firstDay = civil::daysFromCivil(year, month, 1);
            quint32 mask = dayMask(year, month, firstDay);
            const qint64 monthStart = firstDay - 1;
            while (mask) {
                const int day = std::countr_zero(mask);
                mask &= mask - 1;
                const qint64 dayNumber = monthStart + day;
                if (previousDay != std::numeric_limits<qint64>::min())
                    smallestDayGap = std::min(smallestDayGap, dayNumber - previousDay);
                previousDay = dayNumber;
            }
        }
    }
    if (smallestDayGap != std::numeric_limits<qint64>::max())
        closest = std::min(closest, smallestDayGap * civil::SecondsPerDay - lastTime + firstTime);
    return std::chrono::seconds(closest);
}

QStringList CronExpression::portabilityWarnings() const
{
    QStringList warnings;
    if (!m_valid)
        return warnings;
    const quint32 p = m_portability;
    if (p & detail::PortabilitySeconds)
        warnings.append(tr("The sixth field (seconds, at the end) is a croniter extension; other "
                           "cron implementations reject six fields or read the first as seconds."));
    if (p & detail::PortabilityMacro)
        warnings.append(tr("Macros such as @daily are not part of standard cron; some "
                           "implementations do not know them."));
    if (p & detail::PortabilityLastDayOfMonth)
        warnings.append(tr("L (last day of the month) is not standard cron."));
    if (p & detail::PortabilityRangeToLast)
        warnings.append(tr("A day-of-month range ending in L is a croniter extension."));
    if (p & detail::PortabilityLastWeekday)
        warnings.append(tr("L<n> (last given weekday of the month) is croniter syntax; Quartz "
                           "writes it nL and standard cron has no such thing."));
    if (p & detail::PortabilityNthWeekday)
        warnings.append(tr("n#k (k-th given weekday of the month) is not standard cron."));
    if (p & detail::PortabilityQuestionMark)
        warnings.append(tr("? is not standard cron, and croniter before 2.0 rejects it; write * "
                           "instead."));
    if (p & detail::PortabilityStepWithoutRange)
        warnings.append(tr("A step on a single value (such as 5/15) is read by croniter as "
                           "\"from 5 to the end, every 15\"; standard cron rejects it."));
    if (p & detail::PortabilitySundayWrap)
        warnings.append(tr("A weekday range ending in Sunday written as 0 or sun (such as fri-sun) "
                           "is a croniter extension; write 5-7 or 5,6,0 instead."));
    if (m_fields.dayOfMonthRestricted && m_fields.dayOfWeekRestricted)
        warnings.append(tr("Both day fields are restricted, so the schedule fires when either "
                           "matches (day of month OR day of week), as in standard cron; some "
                           "implementations require both."));
    return warnings;
}

} // namespace crondesk::schedule
