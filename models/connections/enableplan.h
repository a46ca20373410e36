#pragma once

#include <models/api/cron.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// What pausing or resuming a selection of crons will do, worked out before anything is sent, so
// the confirmation can say it plainly.
struct EnablePlan
{
    bool enable = false; // true: resume
    QList<api::Cron> changing; // the crons whose state changes
    QList<api::Cron> unchanged; // already in the requested state; nothing is sent for them
    // Resume only: crons whose next_run_date has already passed. A scheduler that does not
    // recompute it on resume (api-contract §6.8) fires them at its next tick.
    QList<api::Cron> firesImmediately;

    QStringList changingIds() const;
    bool isEmpty() const { return changing.isEmpty(); }

    QString title() const;
    QString question(const QString &deployment) const;
    // One line per consequence, for the confirmation's details.
    QStringList consequences(const QDateTime &now) const;
};

EnablePlan planSetEnabled(const QList<api::Cron> &selected, bool enable, const QDateTime &now);

} // namespace crondesk::models
