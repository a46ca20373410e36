#include "zonerules.h"

#include "civil.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::schedule {

namespace {

constexpr qint64 TableStart = civil::daysFromCivil(1900, 1, 1) * civil::SecondsPerDay;
constexpr qint64 FoldStart = civil::daysFromCivil(2100, 1, 1) * civil::SecondsPerDay;
constexpr qint64 TableEnd = civil::daysFromCivil(2500, 1, 1) * civil::SecondsPerDay;
constexpr qint64 Period = TableEnd - FoldStart; // 400 Gregorian years: weekdays repeat exactly
static_assert(Period == 146097LL * civil::SecondsPerDay);

} // namespace

ZoneRules::ZoneRules(const QTimeZone &zone)
    : m_id(zone.id())
{
    if (!zone.isValid())
        return;
    const QDateTime start = QDateTime::fromSecsSinceEpoch(TableStart, Qt::UTC);
    const QDateTime end = QDateTime::fromSecsSinceEpoch(TableEnd, Qt::UTC);
    m_initialOffset = zone.offsetFromUtc(start);
    m_minOffset = m_maxOffset = m_initialOffset;
    int current = m_initialOffset;
    const auto add = [&](qint64 at, int offset) {
        // Qt also reports changes of name or of the standard/daylight split that leave the total
        // offset alone (and, for some zones, a non-change at 2038-01-19); the search only cares
        // about the total.
        if (at <= TableStart || at >= TableEnd || offset == current)
            return;
        if (!m_at.isEmpty() && at <= m_at.constLast())
            return;
        m_at.append(at);
        m_offsetAfter.append(offset);
        current = offset;
        m_minOffset = std::min(m_minOffset, current);
        m_maxOffset = std::max(m_maxOffset, current);
    };
    if (zone.hasTransitions()) {
        // Qt 6.4's transitions() stops at the last transition written in the tz file (2037 for
        // most zones) although the zone's rule goes on; nextTransition() does apply the rule, as
        // long as it is not asked from exactly that last transition.
        const QTimeZone::OffsetDataList list = zone.transitions(start, end);
        for (const QTimeZone::OffsetData &data : list)
            add(data.atUtc.toSecsSinceEpoch(), data.offsetFromUtc);
        qint64 cursor = list.isEmpty() ? TableStart : list.constLast().atUtc.toSecsSinceEpoch();
        while (cursor < TableEnd) {
            const QTimeZone::OffsetData data
                = zone.nextTransition(QDateTime::fromSecsSinceEpoch(cursor + 1, Qt::UTC));
            if (!data.atUtc.isValid())
                break;
            const qint64 at = data.atUtc.toSecsSinceEpoch();
            if (at <= cursor)
                break;
            add(at, data.offsetFromUtc);
            cursor = at;
        }
    }
    m_at.squeeze();
    m_offsetAfter.squeeze();
}

const ZoneRules &ZoneRules::utc()
{
    static const ZoneRules rules(QTimeZone::utc());
    return rules;
}

const ZoneRules &ZoneRules::forZone(const QTimeZone &zone)
{
    if (!zone.isValid())
        return utc();
    const QByteArray id = zone.id();
    // Most callers ask about the same zone over and over; the per-thread memo skips the lock.
    thread_local const ZoneRules *last = nullptr;
    if (last && last->m_id == id)
        return *last;

    static QMutex mutex;
    // Deliberately never destroyed: references handed out must stay valid until exit.
    static auto *cache = new QHash<QByteArray, const ZoneRules *>;
    QMutexLocker locker(&mutex);
    auto it = cache->constFind(id);
    if (it == cache->constEnd())
        it = cache->insert(id, new ZoneRules(zone));
    last = it.value();
    return *last;
}

ZoneRules::Segment ZoneRules::tableSegment(qint64 utcSeconds) const noexcept
{
    const auto upper = std::upper_bound(m_at.cbegin(), m_at.cend(), utcSeconds);
    const qsizetype index = upper - m_at.cbegin(); // transitions at or before utcSeconds
    Segment segment {};
    segment.start = index == 0 ? -Unbounded : m_at.at(index - 1);
    segment.end = index == m_at.size() ? TableEnd : m_at.at(index);
    segment.offset = index == 0 ? m_initialOffset : m_offsetAfter.at(index - 1);
    segment.previousOffset = index <= 1 ? m_initialOffset : m_offsetAfter.at(index - 2);
    return segment;
}

ZoneRules::Segment ZoneRules::segmentAt(qint64 utcSeconds) const noexcept
{
    if (m_at.isEmpty())
        return {-Unbounded, Unbounded, m_initialOffset, m_initialOffset};
    if (utcSeconds < TableEnd)
        return tableSegment(utcSeconds);

    // Fold into 2100-2500. The period boundaries become extra segment edges without an offset
    // change, which the search treats like any other edge.
    const qint64 periods = civil::floorDiv(utcSeconds - FoldStart, Period);
    const qint64 shift = periods * Period;
    Segment segment = tableSegment(utcSeconds - shift);
    if (segment.start < FoldStart) {
        segment.start = FoldStart;
        segment.previousOffset = segment.offset;
    }
    segment.start += shift;
    segment.end = std::min(segment.end, TableEnd) + shift;
    return segment;
}

qint64 ZoneRules::instantOfWallTime(qint64 wallSeconds) const noexcept
{
    // Same partition as CronExpression's search: each segment owns the wall times
    // [start + max(offset, previous), end + offset); gap walls [start + previous, start + offset)
    // map with the previous offset.
    qint64 at = wallSeconds - m_maxOffset - 1;
    for (int round = 0; round < 16; ++round) {
        const Segment s = segmentAt(at);
        const qint64 ownedStart
            = s.start == -Unbounded ? -Unbounded : s.start + std::max(s.offset, s.previousOffset);
        const qint64 ownedEnd = s.end == Unbounded ? Unbounded : s.end + s.offset;
        if (wallSeconds >= ownedStart && wallSeconds < ownedEnd)
            return wallSeconds - s.offset;
        if (s.start != -Unbounded && s.offset > s.previousOffset
            && wallSeconds >= s.start + s.previousOffset && wallSeconds < s.start + s.offset)
            return wallSeconds - s.previousOffset;
        if (s.end == Unbounded || s.end > wallSeconds - m_minOffset)
            break;
        at = s.end;
    }
    return wallSeconds - offsetAt(wallSeconds - offsetAt(wallSeconds));
}

QList<ZoneRules::Transition> ZoneRules::transitions(qint64 fromUtc, qint64 toUtc) const
{
    QList<Transition> result;
    qint64 at = fromUtc;
    while (at < toUtc) {
        const Segment segment = segmentAt(at);
        if (segment.end >= toUtc || segment.end == Unbounded)
            break;
        const Segment next = segmentAt(segment.end);
        if (next.offset != segment.offset)
            result.append({segment.end, segment.offset, next.offset});
        at = segment.end;
    }
    return result;
}

namespace {

// Where the tz database lives: $TZDIR when set (glibc's override), then the directories Python's
// zoneinfo searches by default.
QStringList tzdataDirectories()
{
    QStringList directories;
    const QString override = qEnvironmentVariable("TZDIR");
    if (!override.isEmpty())
        directories.append(override);
    directories.append({u"/usr/share/zoneinfo"_s, u"/usr/lib/zoneinfo"_s,
                        u"/usr/share/lib/zoneinfo"_s, u"/etc/zoneinfo"_s});
    return directories;
}

// The zone and link names of the tz database, read once. tzdata.zi is the database in zic's input
// form: a "Z <name> ..." line per zone and an "L <target> <name>" line per link, which include the
// backward-compatible names (US/Eastern, Asia/Calcutta, EST) that zoneinfo also accepts. Qt's
// availableTimeZoneIds() is added for systems without tzdata.zi; on Linux it lists only
// zone.tab's entries, a subset, plus Qt's own UTC±hh:mm ids, which the character check refuses.
QSet<QByteArray> readKnownZoneNames()
{
    QSet<QByteArray> names;
    const QStringList directories = tzdataDirectories();
    for (const QString &directory : directories) {
        QFile file(directory + u"/tzdata.zi"_s);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.startsWith("Z ")) {
                const QList<QByteArray> fields = line.split(' ');
                if (fields.size() >= 2)
                    names.insert(fields.at(1));
            } else if (line.startsWith("L ")) {
                const QList<QByteArray> fields = line.split(' ');
                if (fields.size() >= 3)
                    names.insert(fields.at(2));
            }
        }
        break;
    }
    const QList<QByteArray> qtIds = QTimeZone::availableTimeZoneIds();
    for (const QByteArray &id : qtIds)
        names.insert(id);
    return names;
}

const QSet<QByteArray> &knownZoneNames()
{
    static const QSet<QByteArray> names = readKnownZoneNames();
    return names;
}

// The zone `name` stands for when it passes the rule of isValidZoneName(); nullopt otherwise.
std::optional<QTimeZone> zoneByRule(QStringView name)
{
    // The rule (docs/schedule.md, "Zones"): a name is valid only when the tz database defines it,
    // as a zone or as a link. QTimeZone alone is not a test: it reads any unknown id ("Paris",
    // "Berl", "XYZ") as a POSIX TZ rule and answers a valid zone that is really UTC, while the
    // server's zoneinfo refuses such names with 422.
    //
    // zoneinfo keys: '/'-separated components of letters, digits, '_', '+' and '-'. This also
    // keeps out Qt's own "UTC+02:00" offset ids and anything that could walk the file system.
    if (name.isEmpty() || name.size() > 255)
        return std::nullopt;
    bool componentStart = true;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u == u'/') {
            if (componentStart)
                return std::nullopt;
            componentStart = true;
            continue;
        }
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
            || (u >= u'0' && u <= u'9') || u == u'_' || u == u'+' || u == u'-';
        if (!allowed)
            return std::nullopt;
        componentStart = false;
    }
    if (componentStart)
        return std::nullopt;
    const QByteArray id = name.toLatin1();
    if (!knownZoneNames().contains(id))
        return std::nullopt;
    // Listed is not enough when the file is missing (Debian moves the backward names to
    // tzdata-legacy); zoneinfo then refuses the name too.
    QTimeZone zone(id);
    if (!zone.isValid() || zone.id() != id)
        return std::nullopt;
    return zone;
}

} // namespace

bool isValidZoneName(QStringView name)
{
    return zoneByRule(name).has_value();
}

std::optional<QTimeZone> resolveZone(QStringView name)
{
    if (name.isEmpty())
        return QTimeZone::utc();
    return zoneByRule(name);
}

} // namespace crondesk::schedule
