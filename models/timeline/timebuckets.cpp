#include "timebuckets.h"

#include <algorithm>

namespace crondesk::models {

namespace {

using schedule::ZoneRules;

qint64 floorMod(qint64 a, qint64 b)
{
    const qint64 r = a % b;
    return r < 0 ? r + b : r;
}

} // namespace

qint64 bucketSeconds(BucketSize size)
{
    switch (size) {
    case BucketSize::Minute:
        return 60;
    case BucketSize::Hour:
        return 3600;
    case BucketSize::Day:
        break;
    }
    return 86400;
}

// A boundary is an instant whose wall-clock time, under the offset in force at that instant, is
// a multiple of the step. Within one stretch of constant offset those are evenly spaced; an
// offset change is itself a boundary only when the new offset puts it on one.
qint64 wallBoundaryAtOrBefore(qint64 instant, qint64 step, const ZoneRules &zone)
{
    qint64 t = instant;
    for (;;) {
        const ZoneRules::Segment s = zone.segmentAt(t);
        const qint64 candidate = t - floorMod(t + s.offset, step);
        if (s.start == -ZoneRules::Unbounded || candidate >= s.start)
            return candidate;
        t = s.start - 1;
    }
}

qint64 wallBoundaryAfter(qint64 instant, qint64 step, const ZoneRules &zone)
{
    qint64 t = instant;
    bool inclusive = false;
    for (;;) {
        const ZoneRules::Segment s = zone.segmentAt(t);
        const qint64 remainder = floorMod(t + s.offset, step);
        const qint64 candidate = inclusive && remainder == 0 ? t : t - remainder + step;
        if (s.end == ZoneRules::Unbounded || candidate < s.end)
            return candidate;
        t = s.end;
        inclusive = true;
    }
}

TimeBuckets TimeBuckets::aligned(qint64 from, qint64 to, BucketSize size, const ZoneRules &zone)
{
    TimeBuckets buckets;
    buckets.m_size = size;
    if (to <= from)
        return buckets;
    const qint64 step = bucketSeconds(size);
    qint64 edge = wallBoundaryAtOrBefore(from, step, zone);
    buckets.m_edges.reserve(qsizetype((to - edge) / step + 2));
    buckets.m_edges.append(edge);
    while (edge < to) {
        // Whole steps until the stretch of constant offset ends; one boundary search after it.
        const ZoneRules::Segment s = zone.segmentAt(edge);
        const qint64 limit = std::min(s.end, to);
        while (edge + step < limit) {
            edge += step;
            buckets.m_edges.append(edge);
        }
        edge = wallBoundaryAfter(edge, step, zone);
        buckets.m_edges.append(edge);
    }
    return buckets;
}

int TimeBuckets::indexOf(qint64 instant) const
{
    if (m_edges.size() < 2 || instant < m_edges.constFirst() || instant >= m_edges.constLast())
        return -1;
    const auto upper = std::upper_bound(m_edges.cbegin(), m_edges.cend(), instant);
    return int(upper - m_edges.cbegin()) - 1;
}

} // namespace crondesk::models
