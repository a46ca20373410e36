#include "autosnapshotstore.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr auto fileNameFormat = "yyyyMMdd'T'HHmmsszzz'Z'"_L1;

} // namespace

AutoSnapshotStore::AutoSnapshotStore()
    : AutoSnapshotStore(defaultDirectory())
{ }

AutoSnapshotStore::AutoSnapshotStore(QString directory)
    : m_directory(std::move(directory))
{ }

QString AutoSnapshotStore::defaultDirectory()
{
    // The journal's folder (GenericDataLocation/crondesk), shared with crondeskctl.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + u"/crondesk/snapshots"_s;
}

QString AutoSnapshotStore::folderFor(const QString &profileOrHost)
{
    QString folder;
    for (const QChar c : profileOrHost) {
        const bool safe = c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.';
        folder += safe ? c : u'_';
    }
    if (folder.isEmpty() || folder.startsWith(u'.'))
        folder.prepend(u'_');
    return folder.left(100);
}

bool AutoSnapshotStore::save(const QString &profileOrHost, const Snapshot &snapshot,
                             QString *error) const
{
    const QString folder = m_directory + u'/' + folderFor(profileOrHost);
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1.").arg(folder);
        return false;
    }
    const QList<AutoSnapshot> existing = list(profileOrHost);
    const QString path
        = folder + u'/' + snapshot.takenAt.toUTC().toString(fileNameFormat) + u".json"_s;
    if (!writeSnapshot(snapshot, path, error))
        return false;
    // Reloads every few minutes would otherwise push yesterday's snapshot out by lunchtime: the
    // last load of each hour is kept.
    if (!existing.isEmpty() && existing.first().path != path
        && existing.first().takenAt.toSecsSinceEpoch() / minIntervalSeconds
            == snapshot.takenAt.toSecsSinceEpoch() / minIntervalSeconds)
        QFile::remove(existing.first().path);
    rotate(profileOrHost);
    return true;
}

QList<AutoSnapshot> AutoSnapshotStore::list(const QString &profileOrHost) const
{
    const QDir folder(m_directory + u'/' + folderFor(profileOrHost));
    QList<AutoSnapshot> snapshots;
    const QFileInfoList files
        = folder.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QFileInfo &file : files) {
        QDateTime takenAt = QDateTime::fromString(file.completeBaseName(), fileNameFormat);
        if (!takenAt.isValid())
            continue;
        takenAt.setTimeSpec(Qt::UTC);
        snapshots.append({file.filePath(), takenAt, file.size()});
    }
    return snapshots;
}

void AutoSnapshotStore::rotate(const QString &profileOrHost) const
{
    const QList<AutoSnapshot> snapshots = list(profileOrHost);
    qint64 total = 0;
    for (qsizetype i = 0; i < snapshots.size(); ++i) {
        total += snapshots.at(i).bytes;
        if (i > 0 && (i >= maxCount || total > maxBytes))
            QFile::remove(snapshots.at(i).path);
    }
}

} // namespace crondesk::models
