#pragma once

#include <models/audit/auditengine.h>
#include <models/audit/cronrules.h>

#include <QDateTime>
#include <QString>

namespace crondesk::models {

// What the inventory knows about a cron's runs, for the Last run and Last success columns and
// the last-run-failed health flag. The table does not read runs itself: the app's glue
// (ui::LastRunFeeder) asks models::LastRunCache for the rows on screen and hands the answers to
// CronTableModel::setLastRuns(). A cron nobody asked about is NotLoaded, and nothing is judged
// about it.
struct CronLastRunState
{
    enum class Kind : quint8 {
        NotLoaded, // not asked for yet (its row has not been on screen)
        Loading, // asked for, no answer yet
        Known, // read: lastRun (when it has a run id) and lastSuccessAt tell what was found
        Unavailable, // the server keeps no history for it (reason says why)
        ReadFailed, // reading it failed (reason has the error)
    };
    Kind kind = Kind::NotLoaded;
    AuditLastRun lastRun; // the newest run among those read; runId empty when there is none
    QString statusText; // its outcome in words ("Failed"), as models/runs words it
    qint64 durationMs = -1; // from creation to its end, when it has ended
    QDateTime lastSuccessAt; // the newest successful run's start; invalid when none was read
    QString reason; // Unavailable, ReadFailed: a full sentence

    bool hasRun() const { return kind == Kind::Known && !lastRun.runId.isEmpty(); }
    // Whether the most recent known run ended in failure (isFailedRunStatus): never guessed for
    // a cron whose runs were not read.
    bool lastRunFailed() const { return hasRun() && isFailedRunStatus(lastRun.status); }

    friend bool operator==(const CronLastRunState &, const CronLastRunState &) = default;
};

} // namespace crondesk::models
