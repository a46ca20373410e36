#include "firecounts.h"

#include <models/schedule/zonerules.h>

#include <QHash>

#include <limits>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// Every-second schedules fire 604,800 times a week; counting them all is still milliseconds.
constexpr qsizetype maxFiresPerGroup = 2'000'000;

} // namespace

QList<AuditFireGroup> fireGroups(const QList<const api::Cron *> &crons, const QDateTime &now)
{
    QList<AuditFireGroup> groups;
    QHash<QString, qsizetype> groupOf;
    QHash<QString, std::optional<schedule::CronExpression>> expressions;
    QHash<QString, std::optional<QTimeZone>> zones;
    for (qsizetype i = 0; i < crons.size(); ++i) {
        const api::Cron &cron = *crons.at(i);
        if (!cron.enabled || (cron.endTime.isValid() && cron.endTime <= now))
            continue;
        const qint64 end = cron.endTime.isValid() ? cron.endTime.toSecsSinceEpoch()
                                                  : std::numeric_limits<qint64>::max();
        const QString key
            = cron.schedule + u'\x1f' + cron.timezone + u'\x1f' + QString::number(end);
        if (const auto it = groupOf.constFind(key); it != groupOf.cend()) {
            groups[*it].members.append(int(i));
            continue;
        }
        auto expression = expressions.constFind(cron.schedule);
        if (expression == expressions.cend()) {
            const auto parsed = schedule::CronExpression::parse(cron.schedule);
            expression = expressions.insert(
                cron.schedule,
                parsed.isValid() && !parsed.neverFires() ? std::optional(parsed) : std::nullopt);
        }
        auto zone = zones.constFind(cron.timezone);
        if (zone == zones.cend())
            zone = zones.insert(cron.timezone, schedule::resolveZone(cron.timezone));
        if (!*expression || !*zone)
            continue;
        groupOf.insert(key, groups.size());
        groups.append(AuditFireGroup {**expression, **zone, end, {int(i)}});
    }
    return groups;
}

qsizetype forEachFire(const AuditFireGroup &group, qint64 from, qint64 to, qsizetype limit,
                      const std::function<void(qint64)> &visit)
{
    const schedule::ZoneRules &rules = schedule::ZoneRules::forZone(group.zone);
    const qint64 end = std::min(to, group.endSeconds);
    qsizetype count = 0;
    std::optional<qint64> fire = group.expression.nextSeconds(from - 1, rules);
    while (fire && *fire < end && count < limit) {
        visit(*fire);
        ++count;
        fire = group.expression.nextSeconds(*fire, rules);
    }
    return count;
}

HourlyFireCounts hourlyFireCounts(const QList<AuditFireGroup> &groups, const QDateTime &now,
                                  int days)
{
    HourlyFireCounts counts;
    const qint64 start = now.toSecsSinceEpoch() / 3600 * 3600;
    counts.start = QDateTime::fromSecsSinceEpoch(start, QTimeZone::utc());
    const int hours = days * 24;
    counts.perHour.fill(0, hours);
    for (const AuditFireGroup &group : groups) {
        const qint64 size = group.members.size();
        forEachFire(group, start, start + qint64(hours) * 3600, maxFiresPerGroup, [&](qint64 fire) {
            counts.perHour[(fire - start) / 3600] += size;
            counts.total += size;
        });
    }
    return counts;
}

} // namespace crondesk::models
