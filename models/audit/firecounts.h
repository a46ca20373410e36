#pragma once

#include <models/api/cron.h>
#include <models/timeline/firetimeline.h>

#include <QDateTime>
#include <QList>

// The audit's view of when crons fire: the report's heat map and the burst rule, both on the
// timeline engine (models/timeline), so that the audit, the Timeline view and
// `crondeskctl crons upcoming` can never count a cron's fires differently.
namespace crondesk::models {

// How many runs start in each hour of a window.
struct HourlyFireCounts
{
    QDateTime start; // UTC, on the hour
    QList<qint64> perHour; // hours from `start`
    qint64 total = 0;
};

// The fire plan of `crons` over `days` days from the hour `now` is in (UTC). Its crons are
// `crons` in order, so a group's indices are indices into `crons`.
FirePlan auditFirePlan(const QList<const api::Cron *> &crons, const QDateTime &now, int days);

// Runs per UTC hour over the plan's window (which starts on an hour, as auditFirePlan() builds it).
HourlyFireCounts hourlyFireCounts(const FirePlan &plan);

} // namespace crondesk::models
