#include "nextrun.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

namespace crondesk::sandbox {

// The schedule engine (models/schedule) reads expressions as the server's croniter does; this
// class only caches parsed expressions, zones and answers, because seeding asks the same
// question for thousands of crons.
struct NextRunCalculator::Cache
{
    QHash<QString, schedule::CronExpression> expressions;
    QHash<QString, std::optional<QTimeZone>> zones;
};

NextRunCalculator::NextRunCalculator()
    : m_parsed(std::make_unique<Cache>())
{ }

NextRunCalculator::~NextRunCalculator() = default;

const schedule::CronExpression &NextRunCalculator::expression(const QString &text) const
{
    auto it = m_parsed->expressions.constFind(text);
    if (it == m_parsed->expressions.cend()) {
        if (m_parsed->expressions.size() > 10000)
            m_parsed->expressions.clear();
        it = m_parsed->expressions.insert(text, schedule::CronExpression::parse(text));
    }
    return *it;
}

std::optional<QTimeZone> NextRunCalculator::zone(const QString &name) const
{
    auto it = m_parsed->zones.constFind(name);
    if (it == m_parsed->zones.cend())
        it = m_parsed->zones.insert(name, schedule::resolveZone(name));
    return *it;
}

bool NextRunCalculator::isValidSchedule(const QString &schedule) const
{
    return expression(schedule).isValid();
}

bool NextRunCalculator::isValidTimeZone(const QString &name) const
{
    return schedule::isValidZoneName(name);
}

std::optional<QDateTime> NextRunCalculator::next(const QString &schedule, const QString &timeZone,
                                                 const QDateTime &after) const
{
    const CacheKey key {schedule, timeZone, after.toMSecsSinceEpoch()};
    if (const auto it = m_cache.constFind(key); it != m_cache.cend())
        return *it;
    if (m_cache.size() > 20000)
        m_cache.clear();

    std::optional<QDateTime> result;
    const schedule::CronExpression &cron = expression(schedule);
    const std::optional<QTimeZone> tz = zone(timeZone);
    if (cron.isValid() && tz)
        result = cron.next(after, *tz);
    m_cache.insert(key, result);
    return result;
}

std::optional<QDateTime> NextRunCalculator::previous(const QString &schedule,
                                                     const QString &timeZone,
                                                     const QDateTime &before) const
{
    const schedule::CronExpression &cron = expression(schedule);
    const std::optional<QTimeZone> tz = zone(timeZone);
    if (!cron.isValid() || !tz)
        return std::nullopt;
    return cron.previous(before, *tz);
}

} // namespace crondesk::sandbox
