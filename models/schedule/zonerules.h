#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringView>
#include <QTimeZone>

#include <limits>
#include <optional>

namespace crondesk::schedule {

// The UTC offsets of one time zone as a compact, immutable table of transitions, so that the
// fire-time search can ask "which offset applies at this instant" without going through
// QDateTime/QTimeZone, which allocate. Built once per zone and kept for the life of the process.
//
// The table holds Qt's transitions from 1900 to 2500. Zones follow a fixed yearly rule after the
// last explicit tzdata entry (2087 at the latest), and the Gregorian calendar repeats every 400
// years, so instants after 2500 reuse the 2100-2500 part shifted by whole 400-year periods.
// Before 1900 the offset in force on 1900-01-01 applies.
class ZoneRules final
{
public:
    static constexpr qint64 Unbounded = std::numeric_limits<qint64>::max();

    // A stretch of time with one UTC offset: [start, end) in seconds since the epoch, UTC.
    // `start` is -Unbounded and `end` Unbounded at the ends of time; `previousOffset` is the offset
    // in force just before `start` (equal to `offset` when there is no earlier stretch).
    struct Segment
    {
        qint64 start;
        qint64 end;
        int offset;
        int previousOffset;
    };

    // A change of UTC offset, for the DST notes.
    struct Transition
    {
        qint64 at; // seconds since the epoch, UTC
        int offsetBefore;
        int offsetAfter;
    };

    // The rules of `zone`, built on first use and cached by zone id for the process lifetime.
    // Thread-safe. An invalid zone gives the rules of UTC.
    static const ZoneRules &forZone(const QTimeZone &zone);
    static const ZoneRules &utc();

    // Builds an uncached table; forZone() is what callers want.
    explicit ZoneRules(const QTimeZone &zone);

    QByteArray id() const { return m_id; }
    bool hasTransitions() const { return !m_at.isEmpty(); }
    int minimumOffset() const { return m_minOffset; }
    int maximumOffset() const { return m_maxOffset; }

    Segment segmentAt(qint64 utcSeconds) const noexcept;
    int offsetAt(qint64 utcSeconds) const noexcept { return segmentAt(utcSeconds).offset; }

    // The instant a local wall-clock time stands for, by the rule fire times follow
    // (docs/schedule-dst.md): the first occurrence of a repeated time; for a time skipped by a
    // forward change, the instant it would be under the offset before the change (that is,
    // later by the size of the gap). `wallSeconds` counts seconds since 1970-01-01T00:00 local.
    qint64 instantOfWallTime(qint64 wallSeconds) const noexcept;

    // The offset changes in [fromUtc, toUtc), oldest first.
    QList<Transition> transitions(qint64 fromUtc, qint64 toUtc) const;

private:
    Segment tableSegment(qint64 utcSeconds) const noexcept;

    QByteArray m_id;
    QList<qint64> m_at; // instants of offset changes, ascending
    QList<int> m_offsetAfter; // offset from m_at[i] on
    int m_initialOffset = 0;
    int m_minOffset = 0;
    int m_maxOffset = 0;
};

// The zone the server would use for a cron's `timezone`: empty means UTC; otherwise an IANA name,
// which must be one that Python's zoneinfo accepts (see isValidZoneName()). nullopt otherwise.
std::optional<QTimeZone> resolveZone(QStringView name);

// Whether `name` is an IANA zone name the server accepts: case-sensitive, letters, digits and
// "/_+-" only (so no "UTC+02:00" offsets, which Qt understands but zoneinfo rejects), and a zone
// or link name of the system's tz database (tzdata.zi; Qt's list where that file is missing), so
// "Europe/Paris", "US/Eastern" and "EST" are names and "Paris" or "XYZ" are not, although
// QTimeZone reads the latter as POSIX TZ rules. The set of names is read once and cached. The
// empty string is not a zone name (resolveZone() maps it to UTC).
bool isValidZoneName(QStringView name);

} // namespace crondesk::schedule
