#pragma once

#include <models/schedule/zonerules.h>

#include <QList>
#include <QtGlobal>

namespace crondesk::models {

// How long one bucket of a histogram is, on the wall clock of the zone it is aligned to.
enum class BucketSize { Minute, Hour, Day };

// Seconds in one bucket of `size` on a day without a clock change.
qint64 bucketSeconds(BucketSize size);

// Consecutive time buckets covering a window, as their boundaries (seconds since the epoch, UTC):
// bucket i is [edge(i), edge(i + 1)).
//
// Buckets follow the wall clock of a zone: a boundary is an instant at which that zone's clock
// shows a whole minute, hour or day. So on the day the clocks go back, a zone has two one-hour
// buckets that both start at 01:00 (one per offset) and a 25-hour day; on the day they go
// forward, the skipped hour has no bucket and the day has 23 hours. In UTC every bucket is as
// long as its size says.
class TimeBuckets final
{
public:
    TimeBuckets() = default;

    // The buckets of `size` on `zone`'s clock that cover [from, to): the first starts at the last
    // boundary at or before `from`, the last ends at the first boundary at or after `to`. Empty
    // when to <= from.
    static TimeBuckets aligned(qint64 from, qint64 to, BucketSize size,
                               const schedule::ZoneRules &zone);

    BucketSize size() const { return m_size; }
    int count() const { return m_edges.isEmpty() ? 0 : int(m_edges.size() - 1); }
    bool isEmpty() const { return count() == 0; }
    qint64 start(int bucket) const { return m_edges.at(bucket); }
    qint64 end(int bucket) const { return m_edges.at(bucket + 1); }
    const QList<qint64> &edges() const { return m_edges; }

    // The bucket holding `instant`, or -1 when it is outside every bucket.
    int indexOf(qint64 instant) const;

    friend bool operator==(const TimeBuckets &, const TimeBuckets &) = default;

private:
    QList<qint64> m_edges;
    BucketSize m_size = BucketSize::Hour;
};

// The last instant at or before `instant` at which `zone`'s clock shows a whole multiple of
// `step` seconds (60, 3600 or 86400), and the first one strictly after it.
qint64 wallBoundaryAtOrBefore(qint64 instant, qint64 step, const schedule::ZoneRules &zone);
qint64 wallBoundaryAfter(qint64 instant, qint64 step, const schedule::ZoneRules &zone);

} // namespace crondesk::models
