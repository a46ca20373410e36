#pragma once

#include <models/compare/snapshotdiff.h>
#include <models/journal/changejournal.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::models {

// The journal entry that explains one change: a successful write by Cron Desk or crondeskctl to
// the same deployment (URL without credentials), to one of `cronIds`, with one of `actions`, in
// the window [from, to]. The latest such entry, or nullopt.
std::optional<JournalEntry> explainingEntry(const QList<JournalEntry> &journal, const QString &url,
                                            const QStringList &cronIds, const QStringList &actions,
                                            const QDateTime &from, const QDateTime &to);

// "by Cron Desk (journal entry …)" or "not in the journal: changed elsewhere".
QString attributionText(const std::optional<JournalEntry> &entry);

// One attribution text per item of a diff, in the diff's order.
struct DiffAttribution
{
    QStringList added;
    QStringList removed;
    QStringList changed;

    bool isEmpty() const { return added.isEmpty() && removed.isEmpty() && changed.isEmpty(); }
};

// Which of the diff's changes the journal explains. An added cron needs a create in NEW's
// deployment, a removed one a delete in OLD's, a changed one an update, pause or resume of either
// id. The window is between the two snapshots' times (in either order).
DiffAttribution attributeDiff(const SnapshotDiff &diff, const QList<JournalEntry> &journal,
                              const QString &oldUrl, const QDateTime &oldTakenAt,
                              const QString &newUrl, const QDateTime &newTakenAt);

} // namespace crondesk::models
