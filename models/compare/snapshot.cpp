#include "snapshot.h"

#include <models/api/timestamp.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr auto formatName = "crondesk-snapshot"_L1;
constexpr auto redactionMark = "[redacted]"_L1;
constexpr qsizetype minSecretLength = 8;

QString tr(const char *text)
{
    return QCoreApplication::translate("Snapshot", text);
}

QString redactString(const QString &text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (text.contains(secret))
            return redactionMark;
    }
    return text;
}

QJsonValue redactValue(const QJsonValue &value, const QStringList &secrets)
{
    if (value.isString())
        return redactString(value.toString(), secrets);
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = redactValue(*it, secrets);
        return array;
    }
    if (value.isObject()) {
        const QJsonObject source = value.toObject();
        QJsonObject object;
        for (auto it = source.begin(); it != source.end(); ++it)
            object.insert(redactString(it.key(), secrets), redactValue(it.value(), secrets));
        return object;
    }
    return value;
}

// Whether any string inside `value` contains a secret: most crons hold none, and copying them
// only to find that would double the work on a large deployment.
bool containsSecret(const QJsonValue &value, const QStringList &secrets)
{
    if (value.isString())
        return redactString(value.toString(), secrets) != value.toString();
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            if (containsSecret(element, secrets))
                return true;
        return false;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (redactString(it.key(), secrets) != it.key() || containsSecret(it.value(), secrets))
                return true;
    }
    return false;
}

SnapshotReadResult failure(SnapshotProblem problem, const QString &message)
{
    return {std::nullopt, problem, message};
}

} // namespace

QHash<QString, QString> Snapshot::graphByAssistant() const
{
    QHash<QString, QString> graphs;
    for (const QJsonValue &value : assistants) {
        const QJsonObject assistant = value.toObject();
        graphs.insert(assistant.value("assistant_id"_L1).toString(),
                      assistant.value("graph_id"_L1).toString());
    }
    return graphs;
}

QString urlWithoutCredentials(const QUrl &url)
{
    QUrl clean = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                              | QUrl::StripTrailingSlash);
    if (clean.path() == "/"_L1)
        clean.setPath(QString());
    return clean.toString(QUrl::FullyEncoded);
}

QJsonObject capabilitiesToJson(const api::ServerCapabilities &c)
{
    return QJsonObject {
        {"version"_L1, c.version},
        {"version_known"_L1, c.versionKnown},
        {"flags"_L1, c.flags},
        {"crons"_L1, c.cronsSupported},
        {"sort_and_paging"_L1, c.supportsSortAndPaging},
        {"count"_L1, c.supportsCount},
        {"on_run_completed"_L1, c.supportsOnRunCompleted},
        {"enabled"_L1, c.supportsEnabled},
        {"patch"_L1, c.supportsPatch},
        {"timezone"_L1, c.supportsTimezone},
        {"metadata_filter"_L1, c.supportsMetadataFilter},
        {"get_by_id"_L1, c.supportsGetById},
    };
}

Snapshot makeSnapshot(const QUrl &url, const api::ServerCapabilities &capabilities,
                      const QList<api::Assistant> &assistants, const QList<api::Cron> &crons,
                      const QDateTime &takenAt)
{
    Snapshot snapshot;
    snapshot.takenAt = takenAt.toUTC();
    snapshot.serverUrl = urlWithoutCredentials(url);
    snapshot.serverVersion = capabilities.version;
    snapshot.capabilities = capabilitiesToJson(capabilities);
    for (const api::Assistant &assistant : assistants)
        snapshot.assistants.append(api::assistantToJson(assistant));
    snapshot.crons.reserve(crons.size());
    for (const api::Cron &cron : crons)
        snapshot.crons.append(api::cronToJson(cron));
    return snapshot;
}

Snapshot redactSecrets(Snapshot snapshot, const QStringList &secrets)
{
    QStringList usable;
    for (const QString &secret : secrets)
        if (secret.size() >= minSecretLength)
            usable.append(secret);
    if (usable.isEmpty())
        return snapshot;
    snapshot.serverUrl = redactString(snapshot.serverUrl, usable);
    snapshot.serverVersion = redactString(snapshot.serverVersion, usable);
    snapshot.capabilities = redactValue(snapshot.capabilities, usable).toObject();
    if (containsSecret(snapshot.assistants, usable))
        snapshot.assistants = redactValue(snapshot.assistants, usable).toArray();
    for (QJsonObject &cron : snapshot.crons)
        if (containsSecret(cron, usable))
            cron = redactValue(cron, usable).toObject();
    return snapshot;
}

QByteArray snapshotToJsonText(const Snapshot &snapshot)
{
    // Written piece by piece: one QJsonDocument of 100,000 crons would hold the whole file twice.
    QByteArray text;
    auto compact = [](const QJsonObject &object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QJsonObject server {{"url"_L1, snapshot.serverUrl},
                        {"version"_L1, snapshot.serverVersion},
                        {"capabilities"_L1, snapshot.capabilities}};
    text += "{\"format\":\"crondesk-snapshot\",\"version\":";
    text += QByteArray::number(Snapshot::formatVersion);
    text += ",\"taken_at\":\"" + snapshot.takenAt.toUTC().toString(Qt::ISODateWithMs).toUtf8()
        + "\",\n";
    text += "\"server\":" + compact(server) + ",\n";
    text += "\"assistants\":" + QJsonDocument(snapshot.assistants).toJson(QJsonDocument::Compact)
        + ",\n\"crons\":[";
    for (qsizetype i = 0; i < snapshot.crons.size(); ++i) {
        text += i == 0 ? "\n" : ",\n";
        text += compact(snapshot.crons.at(i));
    }
    text += "\n]}\n";
    return text;
}

bool writeSnapshot(const Snapshot &snapshot, const QString &path, QString *error)
{
    QSaveFile file(path);
    const QByteArray text = snapshotToJsonText(snapshot);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write the snapshot %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

SnapshotReadResult snapshotFromJsonText(const QByteArray &text, const QString &name)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(SnapshotProblem::Corrupt,
                       tr("%1 is not a readable snapshot: it is not valid JSON (%2 at byte %3).")
                           .arg(name, parseError.errorString())
                           .arg(parseError.offset));
    if (!document.isObject())
        return failure(
            SnapshotProblem::Corrupt,
            tr("%1 is not a readable snapshot: it is JSON but not an object.").arg(name));
    const QJsonObject root = document.object();
    if (root.value("format"_L1).toString() != formatName)
        return failure(SnapshotProblem::WrongFormat,
                       tr("%1 is not a Cron Desk snapshot: its \"format\" is not "
                          "\"crondesk-snapshot\".")
                           .arg(name));
    const QJsonValue version = root.value("version"_L1);
    if (!version.isDouble() || version.toDouble() < 1
        || version.toDouble() != double(version.toInteger()))
        return failure(
            SnapshotProblem::Malformed,
            tr("%1 is damaged: its \"version\" is not a whole number from 1.").arg(name));
    if (version.toInteger() > Snapshot::formatVersion)
        return failure(SnapshotProblem::FutureVersion,
                       tr("%1 is a version %2 snapshot, written by a newer Cron Desk; this one "
                          "reads version %3. Update Cron Desk to read it.")
                           .arg(name)
                           .arg(version.toInteger())
                           .arg(Snapshot::formatVersion));
    const QDateTime takenAt = api::parseTimestamp(root.value("taken_at"_L1).toString());
    if (!takenAt.isValid())
        return failure(SnapshotProblem::Malformed,
                       tr("%1 is damaged: its \"taken_at\" is not a timestamp.").arg(name));
    const QJsonValue server = root.value("server"_L1);
    const QJsonValue assistants = root.value("assistants"_L1);
    const QJsonValue crons = root.value("crons"_L1);
    if (!server.isObject() || !assistants.isArray() || !crons.isArray())
        return failure(SnapshotProblem::Malformed,
                       tr("%1 is damaged: \"server\" must be an object, \"assistants\" and "
                          "\"crons\" arrays.")
                           .arg(name));
    Snapshot snapshot;
    snapshot.takenAt = takenAt;
    snapshot.serverUrl = server[u"url"].toString();
    snapshot.serverVersion = server[u"version"].toString();
    snapshot.capabilities = server[u"capabilities"].toObject();
    snapshot.assistants = assistants.toArray();
    const QJsonArray cronArray = crons.toArray();
    snapshot.crons.reserve(cronArray.size());
    for (qsizetype i = 0; i < cronArray.size(); ++i) {
        const QJsonValue cron = cronArray.at(i);
        if (!cron.isObject() || !cron[u"cron_id"].isString())
            return failure(SnapshotProblem::Malformed,
                           tr("%1 is damaged: cron %2 is not an object with a \"cron_id\".")
                               .arg(name)
                               .arg(i + 1));
        snapshot.crons.append(cron.toObject());
    }
    return {std::move(snapshot), SnapshotProblem::None, {}};
}

SnapshotReadResult readSnapshot(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return failure(SnapshotProblem::Unreadable,
                       tr("The snapshot %1 does not exist.").arg(path));
    if (!info.isFile())
        return failure(SnapshotProblem::Unreadable,
                       tr("The snapshot %1 is not a regular file.").arg(path));
    if (info.size() > MaxSnapshotBytes)
        return failure(SnapshotProblem::Unreadable,
                       tr("The snapshot %1 is larger than 1 GiB; it is not read.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(SnapshotProblem::Unreadable,
                       tr("Cannot read the snapshot %1: %2.").arg(path, file.errorString()));
    return snapshotFromJsonText(file.readAll(), path);
}

} // namespace crondesk::models
