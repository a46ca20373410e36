#include "firecounts.h"

#include <models/schedule/zonerules.h>
#include <models/timeline/timebuckets.h>

#include <numeric>

namespace crondesk::models {

FirePlan auditFirePlan(const QList<const api::Cron *> &crons, const QDateTime &now, int days)
{
    QList<TimelineCron> timelineCrons;
    timelineCrons.reserve(crons.size());
    for (const api::Cron *cron : crons)
        timelineCrons.append(timelineCron(*cron));
    const qint64 start = now.toSecsSinceEpoch() / 3600 * 3600;
    return FirePlan::build(timelineCrons, TimelineWindow {start, start + qint64(days) * 86400});
}

HourlyFireCounts hourlyFireCounts(const FirePlan &plan)
{
    const TimelineWindow window = plan.window();
    const TimeBuckets hours = TimeBuckets::aligned(window.from, window.to, BucketSize::Hour,
                                                   schedule::ZoneRules::utc());
    HourlyFireCounts counts;
    counts.start = QDateTime::fromSecsSinceEpoch(window.from, QTimeZone::utc());
    counts.perHour = plan.bucketCounts(hours);
    counts.total = std::accumulate(counts.perHour.cbegin(), counts.perHour.cend(), qint64(0));
    return counts;
}

} // namespace crondesk::models
