#include "dstnotes.h"

#include "civil.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::schedule {

namespace {

// A schedule firing every second would produce thousands of notes per change; nobody reads them.
constexpr qsizetype MaxNotes = 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::schedule::dstNotes", text);
}

QDate dateOfWall(qint64 wall)
{
    const civil::Date date = civil::civilFromDays(civil::floorDiv(wall, civil::SecondsPerDay));
    return QDate(int(date.year), date.month, date.day);
}

QTime timeOfWall(qint64 wall)
{
    const int second
        = int(wall - civil::floorDiv(wall, civil::SecondsPerDay) * civil::SecondsPerDay);
    return QTime(second / 3600, second / 60 % 60, second % 60);
}

QString clock(qint64 wall)
{
    const QTime time = timeOfWall(wall);
    return time.second() == 0 ? time.toString(u"HH:mm") : time.toString(u"HH:mm:ss");
}

QString offsetText(int offset)
{
    const int minutes = std::abs(offset) / 60;
    return u"UTC"_s + (offset < 0 ? u'-' : u'+')
        + QString::number(minutes / 60).rightJustified(2, u'0') + u':'
        + QString::number(minutes % 60).rightJustified(2, u'0');
}

} // namespace

QList<DstNote> dstNotes(const CronExpression &expr, const QTimeZone &zone, const QDateTime &from,
                        int days)
{
    QList<DstNote> notes;
    if (!expr.isValid() || expr.neverFires() || !zone.isValid() || !from.isValid() || days <= 0)
        return notes;
    const ZoneRules &rules = ZoneRules::forZone(zone);
    const qint64 start = from.toSecsSinceEpoch();
    const qint64 end = start + qint64(days) * civil::SecondsPerDay;
    const QString zoneName = QString::fromLatin1(zone.id());

    for (const ZoneRules::Transition &change : rules.transitions(start, end)) {
        const bool forward = change.offsetAfter > change.offsetBefore;
        const qint64 wallBefore = change.at + change.offsetBefore; // the clock just before
        const qint64 wallAfter = change.at + change.offsetAfter; // the clock just after
        // Gap: walls [before, after) never happen. Overlap: walls [after, before) happen twice.
        const qint64 first = forward ? wallBefore : wallAfter;
        const qint64 last = forward ? wallAfter : wallBefore;
        const QDate date = dateOfWall(wallBefore);

        std::optional<qint64> wall = expr.firstWallTimeAtOrAfter(first);
        while (wall && *wall < last && notes.size() < MaxNotes) {
            DstNote note;
            note.date = date;
            note.wallTime = timeOfWall(*wall);
            if (forward) {
                note.kind = DstNote::Kind::Gap;
                // Under the old offset: later by the size of the gap (docs/schedule-dst.md).
                const qint64 instant = *wall - change.offsetBefore;
                const qint64 shiftedWall = instant + change.offsetAfter;
                note.firesAt = QDateTime::fromSecsSinceEpoch(instant, Qt::UTC);
                const bool coincides = expr.firstWallTimeAtOrAfter(shiftedWall) == shiftedWall;
                note.outcome = coincides ? DstNote::Outcome::Skipped : DstNote::Outcome::FiresLater;
                const QString gapText = tr("On %1 the clocks in %2 go forward from %3 to %4, so "
                                           "%5 does not exist that day.")
                                            .arg(date.toString(Qt::ISODate), zoneName,
                                                 clock(wallBefore), clock(wallAfter), clock(*wall));
                note.explanation = coincides ? gapText + u' '
                        + tr("Moved to %1 (%2), it falls on a run the schedule has "
                             "anyway, so it does not run separately.")
                              .arg(clock(shiftedWall), offsetText(change.offsetAfter))
                                             : gapText + u' '
                        + tr("It runs at %1 (%2) instead, as late as the gap is long.")
                              .arg(clock(shiftedWall), offsetText(change.offsetAfter));
            } else {
                note.kind = DstNote::Kind::Overlap;
                note.outcome = DstNote::Outcome::FiresOnceAtFirstOccurrence;
                note.firesAt = QDateTime::fromSecsSinceEpoch(*wall - change.offsetBefore, Qt::UTC);
                note.explanation
                    = tr("On %1 the clocks in %2 go back from %3 to %4, so %5 happens twice. "
                         "It runs once, at the first %5 (%6), not again at %5 (%7).")
                          .arg(date.toString(Qt::ISODate), zoneName, clock(wallBefore),
                               clock(wallAfter), clock(*wall), offsetText(change.offsetBefore),
                               offsetText(change.offsetAfter));
            }
            notes.append(note);
            wall = expr.firstWallTimeAtOrAfter(*wall + 1);
        }
    }
    return notes;
}

} // namespace crondesk::schedule
