#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/api/serverinfo.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace crondesk::models {

// One deployment's crons at one instant, as a file (docs/compare.md):
//   {"format": "crondesk-snapshot", "version": 1, "taken_at": "...Z",
//    "server": {"url", "version", "capabilities"}, "assistants": [...], "crons": [...]}
// The crons are the wire form of what the server returned. A snapshot never holds an API key or a
// header value: the URL loses its user info, query and fragment, and any string equal to or
// containing one of the secrets given to redactSecrets() is replaced.
struct Snapshot
{
    static constexpr int formatVersion = 1;

    QDateTime takenAt; // UTC
    QString serverUrl; // without credentials (urlWithoutCredentials)
    QString serverVersion; // empty when the server did not say
    QJsonObject capabilities;
    QJsonArray assistants;
    // Decoded as the client decodes a search answer (api::cronListFromJson): payload and metadata
    // stay text until read, so that two snapshots of 100,000 crons fit in a few hundred MB.
    QList<api::Cron> crons;

    // The assistant's graph by assistant id, for pairing crons across deployments.
    QHash<QString, QString> graphByAssistant() const;
};

// Crons in their wire form (api-contract §3) decoded as the server's would be; objects that are
// not crons (no cron_id or schedule) are left out.
QList<api::Cron> cronsFromJson(const QList<QJsonObject> &crons);

// A deployment URL fit for a file that may be shared: no user name, password, query or fragment
// (where tokens hide), no trailing slash.
QString urlWithoutCredentials(const QUrl &url);

// What ServerCapabilities says, as JSON.
QJsonObject capabilitiesToJson(const api::ServerCapabilities &capabilities);

// A snapshot of what was read: crons in their wire form, assistants likewise.
Snapshot makeSnapshot(const QUrl &url, const api::ServerCapabilities &capabilities,
                      const QList<api::Assistant> &assistants, const QList<api::Cron> &crons,
                      const QDateTime &takenAt);

// `snapshot` with every string that contains one of `secrets` (API keys, header values) replaced
// by "[redacted]", keys of objects included. Secrets shorter than 8 characters are ignored (a
// header value of "1" would otherwise mangle every cron).
Snapshot redactSecrets(Snapshot snapshot, const QStringList &secrets);

QByteArray snapshotToJsonText(const Snapshot &snapshot);
// Written atomically (QSaveFile).
bool writeSnapshot(const Snapshot &snapshot, const QString &path, QString *error = nullptr);

// Why a snapshot could not be read; the message is a full sentence naming the file.
enum class SnapshotProblem {
    None,
    Unreadable, // missing, a directory, no permission, too large
    Corrupt, // not JSON, or JSON that is not an object
    WrongFormat, // JSON, but not a crondesk snapshot
    FutureVersion, // a snapshot from a newer Cron Desk
    Malformed, // a crondesk snapshot with a member of the wrong type
};

struct SnapshotReadResult
{
    std::optional<Snapshot> snapshot;
    SnapshotProblem problem = SnapshotProblem::None;
    QString message;
};

SnapshotReadResult snapshotFromJsonText(const QByteArray &text, const QString &name);
SnapshotReadResult readSnapshot(const QString &path);
// Several snapshots read in parallel, one result per path in the same order.
QList<SnapshotReadResult> readSnapshots(const QStringList &paths);

// Files larger than this are refused unread.
constexpr qint64 MaxSnapshotBytes = qint64(1) << 30;

} // namespace crondesk::models
