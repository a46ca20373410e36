#include "snapshot.h"

#include <models/api/timestamp.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <thread>
#include <vector>

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

// A cheap first look, on the text as it arrived: most crons hold no secret, and decoding their
// payload only to find that would double the work on a large deployment.
bool cronMayContain(const api::Cron &cron, const QStringList &secrets)
{
    const QByteArray payload = cron.payload.toCompactJson();
    const QByteArray metadata = cron.metadata.toCompactJson();
    // Text as read keeps the server's escapes ("\u0073k-...", "\/"): a secret written that way is
    // not in the bytes but is in the strings, and would be written decoded. Any escape at all
    // sends the cron to the full look (fuzz_snapshot found it).
    if (payload.contains('\\') || metadata.contains('\\'))
        return true;
    for (const QString &secret : secrets) {
        const QByteArray bytes = secret.toUtf8();
        for (const QString *field :
             {&cron.cronId, &cron.assistantId, &cron.threadId, &cron.schedule, &cron.timezone,
              &cron.onRunCompleted, &cron.userId})
            if (field->contains(secret))
                return true;
        // JSON escapes could split a secret with quotes or backslashes; keys never have them,
        // but then look at the decoded text too.
        if (payload.contains(bytes) || metadata.contains(bytes) || bytes.contains('"')
            || bytes.contains('\\'))
            return true;
    }
    return false;
}

// Where the value of the top-level member `name` lies in the JSON object `text`: [begin, end).
// A forgiving scanner, not a validator: the text around it is validated separately. Returns
// false when the text is not an object whose members it can skip.
bool findTopLevelMember(const QByteArray &text, QLatin1StringView name, qsizetype *begin,
                        qsizetype *end)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < size
               && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
            ++i;
    };
    auto skipString = [&]() -> bool { // at the opening quote
        for (++i; i < size; ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '"')
                return ++i, true;
        }
        return false;
    };
    auto skipValue = [&]() -> bool {
        int depth = 0;
        while (i < size) {
            const char c = text[i];
            if (c == '"') {
                if (!skipString())
                    return false;
                if (depth == 0)
                    return true;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    return true; // the end of the enclosing object
                if (--depth == 0)
                    return ++i, true;
            } else if (c == ',' && depth == 0) {
                return true;
            }
            ++i;
        }
        return depth == 0;
    };
    if (text.startsWith("\xEF\xBB\xBF"))
        i = 3;
    skipSpace();
    if (i >= size || text[i] != '{')
        return false;
    ++i;
    while (true) {
        skipSpace();
        if (i >= size || text[i] != '"')
            return false;
        const qsizetype keyBegin = i + 1;
        if (!skipString())
            return false;
        const QByteArrayView key(text.constData() + keyBegin, i - 1 - keyBegin);
        skipSpace();
        if (i >= size || text[i] != ':')
            return false;
        ++i;
        skipSpace();
        const qsizetype valueBegin = i;
        if (!skipValue())
            return false;
        if (key == QByteArrayView(name.data(), name.size())) {
            *begin = valueBegin;
            *end = i;
            return true;
        }
        skipSpace();
        if (i >= size || text[i] != ',')
            return false;
        ++i;
    }
}

// The value of "crons" when it is the last member of the document, as the writer puts it:
// [begin, end) from its opening bracket to the last "]" before the final "}". Found without
// scanning the crons (skipping 65 MB byte by byte takes a quarter of the read); whether it is
// really one array is for the crons' decoder to say, and the caller falls back to
// findTopLevelMember() when it says no.
bool findLastMemberCrons(const QByteArray &text, qsizetype *begin, qsizetype *end)
{
    static constexpr QByteArrayView marker = "\"crons\":[";
    const qsizetype at = text.indexOf(marker);
    if (at < 0 || text.indexOf(marker, at + 1) >= 0)
        return false; // absent, or a string elsewhere holds the same text: take the long way
    auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    qsizetype last = text.size() - 1;
    while (last > at && isSpace(text.at(last)))
        --last;
    if (last <= at || text.at(last) != '}')
        return false;
    --last;
    while (last > at && isSpace(text.at(last)))
        --last;
    if (last <= at || text.at(last) != ']')
        return false;
    *begin = at + marker.size() - 1;
    *end = last + 1;
    return true;
}

SnapshotReadResult failure(SnapshotProblem problem, const QString &message)
{
    return {std::nullopt, problem, message};
}

SnapshotReadResult snapshotFromSplitText(const QByteArray &text, const QString &name, bool split,
                                         qsizetype cronsBegin, qsizetype cronsEnd);

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
    snapshot.crons = crons;
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
    for (api::Cron &cron : snapshot.crons) {
        if (!cronMayContain(cron, usable))
            continue;
        const QJsonObject wire = api::cronToJson(cron);
        if (!containsSecret(wire, usable))
            continue;
        if (std::optional<api::Cron> clean
            = api::cronFromJson(redactValue(wire, usable).toObject()))
            cron = std::move(*clean);
    }
    return snapshot;
}

QList<api::Cron> cronsFromJson(const QList<QJsonObject> &crons)
{
    QList<api::Cron> result;
    result.reserve(crons.size());
    for (const QJsonObject &object : crons)
        if (std::optional<api::Cron> cron = api::cronFromJson(object))
            result.append(std::move(*cron));
    return result;
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
        text += compact(api::cronToJson(snapshot.crons.at(i)));
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
    // The crons are decoded by the client's own list decoder, straight from the file's text; the
    // rest, with the crons replaced by [], by QJsonDocument. One QJsonDocument of the whole file
    // would take six times the file's size in memory.
    qsizetype cronsBegin = -1;
    qsizetype cronsEnd = -1;
    // The quick way to the crons works for every file Cron Desk writes; anything it gets wrong
    // fails to decode and is read again the careful way, which alone decides what is wrong.
    if (findLastMemberCrons(text, &cronsBegin, &cronsEnd)) {
        SnapshotReadResult quick = snapshotFromSplitText(text, name, true, cronsBegin, cronsEnd);
        if (quick.snapshot)
            return quick;
    }
    const bool split = findTopLevelMember(text, "crons"_L1, &cronsBegin, &cronsEnd);
    return snapshotFromSplitText(text, name, split, cronsBegin, cronsEnd);
}

namespace {

SnapshotReadResult snapshotFromSplitText(const QByteArray &text, const QString &name, bool split,
                                         qsizetype cronsBegin, qsizetype cronsEnd)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(
        split ? text.left(cronsBegin) + "[]" + text.mid(cronsEnd) : text, &parseError);
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
    if (!split) {
        // Valid JSON the scanner could not split: read the crons from the document.
        const QJsonArray array = crons.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString error;
            std::optional<api::Cron> cron = api::cronFromJson(array.at(i).toObject(), &error);
            if (!cron)
                return failure(SnapshotProblem::Malformed,
                               tr("%1 is damaged: cron %2 cannot be read (%3).")
                                   .arg(name)
                                   .arg(i + 1)
                                   .arg(error));
            snapshot.crons.append(std::move(*cron));
        }
    } else {
        QString error;
        // A view, not a copy: the decoder copies what it keeps (strings, and the payloads into an
        // arena of their own), so the file's text may go once it returns.
        std::optional<QList<api::Cron>> decoded = api::cronListFromJson(
            QByteArray::fromRawData(text.constData() + cronsBegin, cronsEnd - cronsBegin), &error);
        if (!decoded)
            return failure(SnapshotProblem::Malformed,
                           tr("%1 is damaged: its crons cannot be read (%2).").arg(name, error));
        snapshot.crons = std::move(*decoded);
    }
    return {std::move(snapshot), SnapshotProblem::None, {}};
}

} // namespace

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
    // Mapped rather than read: no copy of 65 MB into fresh memory, and nothing read is kept
    // (snapshotFromJsonText copies what it keeps), so the mapping may go when it returns.
    if (file.size() > 0) {
        if (const uchar *mapped = file.map(0, file.size())) {
            SnapshotReadResult result = snapshotFromJsonText(
                QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), file.size()), path);
            file.unmap(const_cast<uchar *>(mapped));
            return result;
        }
    }
    return snapshotFromJsonText(file.readAll(), path);
}

QList<SnapshotReadResult> readSnapshots(const QStringList &paths)
{
    // Each file on a thread of its own: decoding is the cost, and two snapshots of 100,000 crons
    // are read in about the time of one on two cores.
    QList<SnapshotReadResult> results(paths.size());
    std::vector<std::thread> threads;
    threads.reserve(paths.size());
    for (qsizetype i = 1; i < paths.size(); ++i)
        threads.emplace_back([&results, &paths, i] { results[i] = readSnapshot(paths.at(i)); });
    if (!paths.isEmpty())
        results[0] = readSnapshot(paths.first());
    for (std::thread &thread : threads)
        thread.join();
    return results;
}

} // namespace crondesk::models
