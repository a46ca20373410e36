#pragma once

#include <models/api/cron.h>
#include <models/schedule/cronexpression.h>

#include <QDateTime>
#include <QList>
#include <QStringList>
#include <QTimeZone>

#include <functional>

// Fire times of many crons over a window, counted per hour and per minute: the report's heat map
// and the burst rule.
//
// This belongs in the timeline engine (models/timeline, issue 15), which is being built at the
// same time: when it lands, fireGroups()/forEachFire() should become calls into it, and the
// heat map its bucket counts. Until then this is a deliberately small stand-in on
// schedule::CronExpression::nextSeconds().
namespace crondesk::models {

// Crons that fire at the same instants: one schedule, one zone, one end time.
struct AuditFireGroup
{
    schedule::CronExpression expression;
    QTimeZone zone;
    qint64 endSeconds = 0; // fires at or after this instant do not happen; max when no end time
    QList<int> members; // indexes into the crons given to fireGroups()
};

// The crons that will fire (enabled, a valid schedule that fires, a valid zone, not ended at
// `now`), grouped.
QList<AuditFireGroup> fireGroups(const QList<const api::Cron *> &crons, const QDateTime &now);

// Calls `visit` with each fire time of `group` in [from, to) (seconds since the epoch, UTC), at
// most `limit` times; returns how many there were.
qsizetype forEachFire(const AuditFireGroup &group, qint64 from, qint64 to, qsizetype limit,
                      const std::function<void(qint64)> &visit);

// How many runs start in each hour of a window.
struct HourlyFireCounts
{
    QDateTime start; // UTC, on the hour
    QList<qint64> perHour; // hours from `start`
    qint64 total = 0;
};

// Runs per hour of every group over `days` days from the hour `now` is in.
HourlyFireCounts hourlyFireCounts(const QList<AuditFireGroup> &groups, const QDateTime &now,
                                  int days);

} // namespace crondesk::models
