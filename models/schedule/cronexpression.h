#pragma once

#include <models/schedule/zonerules.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QTimeZone>

#include <array>
#include <chrono>
#include <optional>

namespace crondesk::schedule {

// Why an expression was rejected. `message` is a complete, translated sentence that names the
// field, quotes `text` and gives `column`, ready to show as is.
struct ParseError
{
    QString field; // translated field name ("hour", "day of week"...), or "expression"
    QString text; // the offending text exactly as written
    int column = 0; // 1-based column of `text` in the original expression
    QString message;
};

// The value sets of a parsed expression. Bit n of a mask stands for value n.
struct CronFields
{
    // nthWeekdays[w]: bit k-1 for "w#k" (k = 1..5), LastWeekdayBit for "L<w>".
    static constexpr quint8 LastWeekdayBit = 1u << 5;

    quint64 seconds = 0; // 0..59; only bit 0 for 5-field expressions
    quint64 minutes = 0; // 0..59
    quint32 hours = 0; // 0..23
    quint32 daysOfMonth = 0; // 1..31
    quint16 months = 0; // 1..12
    quint8 daysOfWeek = 0; // 0..6, Sunday = 0 (7 is folded into 0)
    std::array<quint8, 7> nthWeekdays {};
    bool lastDayOfMonth = false; // "L" in the day-of-month field
    // The OR rule applies when both day fields are restricted, i.e. neither matches every day
    // (croniter: the field does not expand to its whole range; "*", "?", "1-31" and "*/1" are
    // unrestricted).
    bool dayOfMonthRestricted = false;
    bool dayOfWeekRestricted = false;

    friend bool operator==(const CronFields &, const CronFields &) = default;
};

// A cron expression as the LangGraph server's croniter reads it: five fields (minute hour
// day-of-month month day-of-week), optionally a sixth for seconds at the end, or a macro such as
// @daily. See docs/schedule.md for the accepted syntax and docs/schedule-dst.md for what
// happens on days when the clocks change.
//
// A small value type: copying is cheap, and once parsed the fire-time search neither allocates
// nor touches QDateTime arithmetic (nextSeconds()/previousSeconds() never allocate; the QDateTime
// overloads do not either once the zone's rules are cached).
class CronExpression final
{
public:
    enum class Macro : quint8 { None, Yearly, Annually, Monthly, Weekly, Daily, Midnight, Hourly };

    CronExpression() = default; // invalid

    // Parses `text`. On failure returns an invalid expression and fills `error` if given.
    static CronExpression parse(QStringView text, ParseError *error = nullptr);

    bool isValid() const { return m_valid; }
    QString text() const { return m_text; }
    bool hasSeconds() const { return m_hasSeconds; }
    Macro macro() const { return m_macro; }
    const CronFields &fields() const { return m_fields; }

    // What in this expression other cron implementations (Vixie cron, cronie, Quartz, the Go
    // libraries a LangGraph backend may use) would reject or read differently. Translated.
    QStringList portabilityWarnings() const;

    // True when no date ever matches, e.g. "0 0 30 2 *". Decided at parse time, so this is O(1).
    bool neverFires() const { return m_neverFires; }

    // The smallest nominal (wall-clock) gap between two consecutive firings; zero when the
    // expression is invalid or never fires. On a spring-forward day a firing moved out of the gap
    // can come closer to its neighbour than this (see docs/schedule-dst.md).
    std::chrono::seconds shortestInterval() const;

    // Whether the date (in wall-clock terms) is one on which the expression fires.
    bool matchesDate(int year, int month, int day) const;

    // The first fire time strictly after `after`, as a UTC QDateTime; nullopt when the expression
    // is invalid, never fires, the zone is invalid, or there is none before the year 10000.
    std::optional<QDateTime> next(const QDateTime &after, const QTimeZone &zone) const;
    // The last fire time strictly before `before`, in UTC.
    std::optional<QDateTime> previous(const QDateTime &before, const QTimeZone &zone) const;
    // Up to `n` fire times after / before (newest first for previousN()); fewer only at the end
    // of the supported range, none when next()/previous() would give nullopt.
    QList<QDateTime> nextN(const QDateTime &after, const QTimeZone &zone, int n) const;
    QList<QDateTime> previousN(const QDateTime &before, const QTimeZone &zone, int n) const;

    // The allocation-free core, on whole seconds since the epoch (UTC). Strictly after `after`
    // / strictly before `before`.
    std::optional<qint64> nextSeconds(qint64 after, const ZoneRules &zone) const noexcept;
    std::optional<qint64> previousSeconds(qint64 before, const ZoneRules &zone) const noexcept;

    // The first matching wall-clock time at or after / at or before `wallSeconds` (local seconds
    // since 1970-01-01T00:00 of the zone's calendar), ignoring time zones altogether.
    std::optional<qint64> firstWallTimeAtOrAfter(qint64 wallSeconds) const noexcept;
    std::optional<qint64> lastWallTimeAtOrBefore(qint64 wallSeconds) const noexcept;

    friend bool operator==(const CronExpression &a, const CronExpression &b)
    {
        return a.m_valid == b.m_valid && a.m_text == b.m_text;
    }

private:
    // `firstDay`: daysFromCivil(year, month, 1), which callers often know already.
    quint32 dayMask(qint64 year, int month, qint64 firstDay) const noexcept;
    void computeDerived();

    std::optional<qint64> firstAtOrAfter(qint64 instant, const ZoneRules &zone) const noexcept;
    std::optional<qint64> lastAtOrBefore(qint64 instant, const ZoneRules &zone) const noexcept;

    QString m_text;
    CronFields m_fields;
    // Matching days for each month shape: index (length - 28) * 7 + weekday of the 1st.
    std::array<quint32, 28> m_dayMasks {};
    quint32 m_portability = 0;
    Macro m_macro = Macro::None;
    bool m_valid = false;
    bool m_hasSeconds = false;
    bool m_neverFires = false;
};

} // namespace crondesk::schedule
