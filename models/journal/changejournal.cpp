#include "changejournal.h"

#include <models/common/jsontext.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr qsizetype minimumSecretLength = 6;
constexpr auto redactionMark = "[redacted]"_L1;

QString translate(const char *text)
{
    return QCoreApplication::translate("ChangeJournal", text);
}

QString redactString(QString text, const QStringList &secrets)
{
    for (const QString &secret : secrets)
        text.replace(secret, redactionMark);
    return text;
}

QJsonValue redactValue(const QJsonValue &value, const QStringList &secrets)
{
    switch (value.type()) {
    case QJsonValue::String:
        return redactString(value.toString(), secrets);
    case QJsonValue::Array: {
        QJsonArray array;
        const QJsonArray source = value.toArray();
        for (const QJsonValue &element : source)
            array.append(redactValue(element, secrets));
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.constBegin(); it != source.constEnd(); ++it)
            object.insert(redactString(it.key(), secrets), redactValue(it.value(), secrets));
        return object;
    }
    default:
        return value;
    }
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isNull() || value.isUndefined())
        return {};
    return value.toVariant().toString();
}

qsizetype compactSize(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact).size();
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).size();
    if (value.isString())
        return value.toString().size() + 2; // close enough for a bound: at least this many bytes
    return 8;
}

QJsonValue notRecorded(qsizetype bytes)
{
    return u"[not recorded: %1 bytes]"_s.arg(bytes);
}

// `value` if it fits in `limit` bytes; else, for an object, the object with its big members
// replaced by a marker (the small ones, such as a schedule or an assistant id, are what an
// auditor reads); else a marker.
QJsonValue boundedValue(const QJsonValue &value, qsizetype limit, qsizetype memberLimit)
{
    const qsizetype size = compactSize(value);
    if (size <= limit)
        return value;
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (const qsizetype memberSize = compactSize(it.value()); memberSize > memberLimit)
                it.value() = notRecorded(memberSize);
        }
        if (compactSize(object) <= limit)
            return object;
    }
    return notRecorded(size);
}

QByteArray jsonLine(const JournalEntry &entry)
{
    return QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

constexpr qsizetype entryIdLength = 12;

} // namespace

QString JournalEntry::effectiveId() const
{
    if (!id.isEmpty())
        return id;
    const QByteArray json = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(entryIdLength));
}

QString JournalEntry::newId()
{
    QByteArray bytes(entryIdLength / 2, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject JournalEntry::toJson() const
{
    QJsonObject response {
        {u"ok"_s, succeeded},
        {u"status"_s, httpStatus},
    };
    if (!serverMessage.isEmpty())
        response.insert(u"message"_s, serverMessage);
    if (!requestId.isEmpty())
        response.insert(u"request_id"_s, requestId);
    QJsonObject object {
        {u"time"_s, time.toUTC().toString(Qt::ISODateWithMs)},
        {u"client"_s, client},
        {u"profile"_s, profile},
        {u"url"_s, url},
        {u"operator"_s, operatorName},
        {u"action"_s, action},
        {u"cron_id"_s, cronId},
        {u"before"_s, before.isUndefined() ? QJsonValue(QJsonValue::Null) : before},
        {u"after"_s, after.isUndefined() ? QJsonValue(QJsonValue::Null) : after},
        {u"response"_s, response},
    };
    if (!request.isUndefined() && !request.isNull())
        object.insert(u"request"_s, request);
    if (!id.isEmpty())
        object.insert(u"id"_s, id);
    if (!undoes.isEmpty())
        object.insert(u"undoes"_s, undoes);
    return object;
}

std::optional<JournalEntry> JournalEntry::fromJson(const QJsonObject &object)
{
    JournalEntry entry;
    entry.time = QDateTime::fromString(object.value("time"_L1).toString(), Qt::ISODateWithMs);
    entry.action = object.value("action"_L1).toString();
    if (!entry.time.isValid() || entry.action.isEmpty())
        return std::nullopt;
    entry.time = entry.time.toUTC();
    entry.id = object.value("id"_L1).toString();
    entry.undoes = object.value("undoes"_L1).toString();
    entry.client = object.value("client"_L1).toString();
    entry.profile = object.value("profile"_L1).toString();
    entry.url = object.value("url"_L1).toString();
    entry.operatorName = object.value("operator"_L1).toString();
    entry.cronId = object.value("cron_id"_L1).toString();
    entry.before = object.value("before"_L1);
    entry.after = object.value("after"_L1);
    entry.request = object.contains("request"_L1) ? object.value("request"_L1) : QJsonValue();
    const QJsonObject response = object.value("response"_L1).toObject();
    entry.succeeded = response.value("ok"_L1).toBool();
    entry.httpStatus = response.value("status"_L1).toInt();
    entry.serverMessage = response.value("message"_L1).toString();
    entry.requestId = response.value("request_id"_L1).toString();
    return entry;
}

QString currentOperator()
{
#ifdef Q_OS_UNIX
    if (const passwd *user = getpwuid(getuid()); user && user->pw_name)
        return QString::fromLocal8Bit(user->pw_name);
#endif
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        if (const QString name = qEnvironmentVariable(variable); !name.isEmpty())
            return name;
    }
    return u"unknown"_s;
}

bool JournalFilter::matches(const JournalEntry &entry) const
{
    if (!action.isEmpty() && entry.action != action)
        return false;
    if (!profile.isEmpty() && entry.profile != profile)
        return false;
    if (failedOnly && entry.succeeded)
        return false;
    if (from.isValid() && entry.time < from)
        return false;
    if (to.isValid() && entry.time >= to)
        return false;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return true;
    for (const QString *haystack : {&entry.cronId, &entry.profile, &entry.url, &entry.operatorName,
                                    &entry.serverMessage, &entry.client}) {
        if (haystack->contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

ChangeJournal::ChangeJournal()
    : m_filePath(defaultFilePath())
{ }

ChangeJournal::ChangeJournal(QString filePath)
    : m_filePath(std::move(filePath))
{ }

QString ChangeJournal::defaultFilePath()
{
    // The generic data directory, not the per-application one, so that crondesk and crondeskctl
    // write the same file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + u"/crondesk/journal.jsonl"_s;
}

void ChangeJournal::setSecrets(const QStringList &secrets)
{
    m_secrets.clear();
    for (const QString &secret : secrets) {
        if (secret.size() >= minimumSecretLength && !m_secrets.contains(secret))
            m_secrets.append(secret);
    }
}

JournalEntry ChangeJournal::bounded(const JournalEntry &entry)
{
    JournalEntry copy = entry;
    for (QJsonValue *value : {&copy.before, &copy.after, &copy.request})
        *value = boundedValue(*value, MaxJournalValueBytes, MaxJournalMemberBytes);
    if (copy.serverMessage.size() > MaxJournalMessageCharacters) {
        const qsizetype rest = copy.serverMessage.size() - MaxJournalMessageCharacters;
        copy.serverMessage.truncate(MaxJournalMessageCharacters);
        copy.serverMessage += u"… [%1 more characters not recorded]"_s.arg(rest);
    }
    // Identifiers come from the server too; none is legitimately long.
    for (QString *text : {&copy.id, &copy.undoes, &copy.cronId, &copy.requestId}) {
        if (text->size() > 256)
            *text = text->left(256) + u"…"_s;
    }
    return copy;
}

JournalEntry ChangeJournal::redacted(const JournalEntry &entry) const
{
    if (m_secrets.isEmpty())
        return entry;
    JournalEntry copy = entry;
    for (QString *text : {&copy.client, &copy.profile, &copy.url, &copy.operatorName, &copy.action,
                          &copy.cronId, &copy.serverMessage, &copy.requestId})
        *text = redactString(*text, m_secrets);
    copy.before = redactValue(entry.before, m_secrets);
    copy.after = redactValue(entry.after, m_secrets);
    copy.request = redactValue(entry.request, m_secrets);
    return copy;
}

bool ChangeJournal::append(const JournalEntry &entry, QString *error) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QFile file(m_filePath);
    const bool isNew = !file.exists();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = translate("Could not open the change journal %1: %2")
                         .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        return false;
    }
    if (isNew) // cron payloads may be confidential: the journal is the operator's alone
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // Bounded first: redacting (and serialising) a 30 MB body would itself be the problem.
    const QByteArray line = jsonLine(redacted(bounded(entry)));
    if (file.write(line) != line.size() || !file.flush()) {
        if (error)
            *error = translate("Could not write to the change journal %1: %2")
                         .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        return false;
    }
    return true;
}

QList<JournalEntry> ChangeJournal::readAll(int *skippedLines, QString *error) const
{
    int skipped = 0;
    QList<JournalEntry> entries;
    QFile file(m_filePath);
    if (!file.exists()) {
        if (skippedLines)
            *skippedLines = 0;
        return entries;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = translate("Could not read the change journal %1: %2")
                         .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        if (skippedLines)
            *skippedLines = 0;
        return entries;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const std::optional<QJsonValue> value = readJsonValue(line);
        std::optional<JournalEntry> entry;
        if (value && value->isObject())
            entry = JournalEntry::fromJson(value->toObject());
        if (entry)
            entries.append(*entry);
        else
            ++skipped;
    }
    if (skippedLines)
        *skippedLines = skipped;
    return entries;
}

JournalExportFormat exportFormatFor(const QString &path)
{
    return path.endsWith(".csv"_L1, Qt::CaseInsensitive) ? JournalExportFormat::Csv
                                                         : JournalExportFormat::JsonLines;
}

bool exportJournal(const QList<JournalEntry> &entries, const QString &path,
                   JournalExportFormat format, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    if (format == JournalExportFormat::JsonLines) {
        for (const JournalEntry &entry : entries)
            file.write(jsonLine(entry));
    } else {
        file.write("time,client,profile,url,operator,action,cron_id,succeeded,status,message,"
                   "request_id,before,after\r\n");
        for (const JournalEntry &entry : entries) {
            const QStringList fields {
                entry.time.toUTC().toString(Qt::ISODateWithMs),
                entry.client,
                entry.profile,
                entry.url,
                entry.operatorName,
                entry.action,
                entry.cronId,
                entry.succeeded ? u"true"_s : u"false"_s,
                QString::number(entry.httpStatus),
                entry.serverMessage,
                entry.requestId,
                jsonText(entry.before),
                jsonText(entry.after),
            };
            QStringList quoted;
            for (const QString &field : fields)
                quoted.append(csvField(field));
            file.write((quoted.join(u',') + u"\r\n"_s).toUtf8());
        }
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace crondesk::models
