#pragma once

#include <models/api/cron.h>
#include <models/compare/snapshot.h>
#include <models/compare/snapshotdiff.h>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace crondesk::models {

// What happened to one loaded cron since a chosen snapshot (View ▸ Changes Since…).
struct CronChangeSince
{
    enum class Kind { Added, Changed };
    Kind kind = Kind::Changed;
    QList<CronFieldChange> fields; // empty for an added cron
};

// The loaded crons compared with a snapshot of the same deployment, by cron id: which rows of the
// inventory are new or changed since, and which crons are gone (they have no row to mark).
struct ChangesSince
{
    QDateTime since; // the snapshot's taken_at
    QHash<QString, CronChangeSince> byId; // added and changed crons, by their id now
    QList<QJsonObject> removed; // in the snapshot only, in its order
    int added = 0;
    int changed = 0;

    bool isEmpty() const { return byId.isEmpty() && removed.isEmpty(); }
};

// The crons loaded now against `snapshot`, paired by id with the usual diff (diffCrons), so
// that the inventory and `crondeskctl diff` never disagree about what changed.
ChangesSince changesSince(const Snapshot &snapshot, const QList<api::Cron> &now,
                          const DiffOptions &options = {});

// One line per changed field, `schedule: "0 9 * * *" → "0 10 * * *"`, for a tooltip.
QString fieldChangeLines(const QList<CronFieldChange> &fields);

// What the inventory shows about a row: "Added since 1 Dec 2026 09:00." or "Changed since …:"
// followed by fieldChangeLines(). `since` is shown in local time.
QString changeSinceText(const CronChangeSince &change, const QDateTime &since);

// "3 added, 5 changed, 2 removed since 1 Dec 2026 09:00."
QString changesSinceSummary(const ChangesSince &changes);

// The removed crons by id, one a line, at most `limit` of them then "… and N more.".
QString removedCronsText(const ChangesSince &changes, int limit = 20);

} // namespace crondesk::models
