#pragma once

#include <models/compare/snapshot.h>

#include <QDateTime>
#include <QList>
#include <QString>

namespace crondesk::models {

// One automatic snapshot on disk.
struct AutoSnapshot
{
    QString path;
    QDateTime takenAt; // from the file name, UTC
    qint64 bytes = 0;
};

// The app's automatic snapshots: one per complete load, per profile, so that "what changed since
// yesterday" works without planning ahead. They live in
// <data dir>/snapshots/<profile>/<yyyyMMddTHHmmsszzzZ>.json (~/.local/share/crondesk/snapshots/
// on Linux). Each profile keeps at most maxCount files and maxBytes in total; the oldest go
// first, and within one hour (minIntervalSeconds) only the last load is kept.
class AutoSnapshotStore final
{
public:
    AutoSnapshotStore(); // the default directory
    explicit AutoSnapshotStore(QString directory);

    static QString defaultDirectory();
    QString directory() const { return m_directory; }

    static constexpr int maxCount = 50;
    static constexpr qint64 maxBytes = qint64(500) * 1024 * 1024;
    static constexpr qint64 minIntervalSeconds = 3600;

    // The folder name for a profile (or, without one, the deployment's host): file-name safe.
    static QString folderFor(const QString &profileOrHost);

    // Writes `snapshot` for the profile, then applies the bounds. The newest snapshot is never
    // removed, even alone over maxBytes.
    bool save(const QString &profileOrHost, const Snapshot &snapshot,
              QString *error = nullptr) const;
    // The profile's snapshots, newest first.
    QList<AutoSnapshot> list(const QString &profileOrHost) const;

private:
    void rotate(const QString &profileOrHost) const;

    QString m_directory;
};

} // namespace crondesk::models
