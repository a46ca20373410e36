#pragma once

#include <models/schedule/cronexpression.h>

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace crondesk::schedule {

// One fire time that falls on a clock change of the schedule's zone, and what really happens to
// it (the rule is in docs/schedule-dst.md).
struct DstNote
{
    enum class Kind {
        Gap, // clocks go forward: the wall time does not exist that day
        Overlap, // clocks go back: the wall time occurs twice that day
    };
    enum class Outcome {
        FiresLater, // gap: fires at `firesAt`, later by the size of the gap
        Skipped, // gap: moved onto a time the schedule fires at anyway, so no extra run
        FiresOnceAtFirstOccurrence, // overlap: fires at the first of the two, not again
    };

    QDate date; // local date of the change
    QTime wallTime; // the nominal local time in the schedule
    Kind kind = Kind::Gap;
    Outcome outcome = Outcome::FiresLater;
    QDateTime firesAt; // UTC; for Skipped, the run it merges into
    QString explanation; // one or two translated sentences, with local times and offsets

    friend bool operator==(const DstNote &, const DstNote &) = default;
};

// The fire times of `expr` within `days` days from `from` that fall into a gap or an overlap of
// `zone`, oldest first. Empty for zones without clock changes, invalid expressions and schedules
// that never fire.
QList<DstNote> dstNotes(const CronExpression &expr, const QTimeZone &zone, const QDateTime &from,
                        int days = 365);

} // namespace crondesk::schedule
