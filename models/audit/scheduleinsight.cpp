#include "scheduleinsight.h"

#include <models/schedule/describe.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

std::shared_ptr<const ScheduleInsight> ScheduleInsightCache::insight(const QString &schedule,
                                                                     const QString &timezone,
                                                                     const QDateTime &now)
{
    const QString key = schedule + u'\x1f' + timezone;
    if (const auto it = m_entries.constFind(key); it != m_entries.cend())
        return *it;
    if (m_entries.isEmpty())
        m_filledAt = now;

    auto insight = std::make_shared<ScheduleInsight>();
    schedule::ParseError error;
    insight->expression = schedule::CronExpression::parse(schedule, &error);
    // A zone the server cannot have accepted (an older or more lenient server stored it): no fire
    // time is computed in it, and nothing pretends it is UTC; zone is UTC only to show the
    // server's instants, which are UTC.
    const std::optional<QTimeZone> zone = schedule::resolveZone(timezone);
    insight->zoneValid = zone.has_value();
    insight->zone = zone.value_or(QTimeZone::utc());
    if (!insight->expression.isValid()) {
        insight->parseError = error.message;
        insight->parseErrorColumn = error.column;
        insight->description = schedule;
    } else if (!insight->zoneValid) {
        insight->description = schedule::describe(
            insight->expression,
            QCoreApplication::translate("CronHealth", "“%1” is not a time zone").arg(timezone));
        insight->shortestInterval = insight->expression.shortestInterval();
    } else {
        insight->description = schedule::describe(insight->expression, timezone);
        insight->shortestInterval = insight->expression.shortestInterval();
        insight->dstNotes = schedule::dstNotes(insight->expression, insight->zone, now, m_dstDays);
    }
    m_entries.insert(key, insight);
    return insight;
}

bool ScheduleInsightCache::clearIfOlderThan(const QDateTime &now, std::chrono::seconds age)
{
    if (!m_filledAt.isValid() || m_filledAt.secsTo(now) <= age.count())
        return false;
    m_entries.clear();
    m_filledAt = QDateTime();
    return true;
}

} // namespace crondesk::models
