#include "cliparse.h"

#include <models/api/assistant.h>
#include <models/api/timestamp.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

// The JSON value of `text`, which may be a scalar ("true", "3", "\"x\"") as well as a document.
std::optional<QJsonValue> parseJsonValue(const QByteArray &text, QString *problem)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        if (problem)
            *problem = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                    : translate("not one value");
        return std::nullopt;
    }
    return document.array().first();
}

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items.append(trimmed);
    }
    return items;
}

} // namespace

std::optional<bool> parseBool(const QString &text, QString *error)
{
    const QString value = text.trimmed().toLower();
    if (value == "true"_L1 || value == "yes"_L1 || value == "on"_L1 || value == "1"_L1)
        return true;
    if (value == "false"_L1 || value == "no"_L1 || value == "off"_L1 || value == "0"_L1)
        return false;
    if (error)
        *error = translate("\"%1\" is not true or false").arg(text);
    return std::nullopt;
}

std::optional<QJsonValue> parseJsonArgument(const QString &text, QString *error)
{
    QByteArray bytes;
    QString source = translate("the value");
    if (text.startsWith(u'@')) {
        const QString path = text.mid(1);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = translate("cannot read %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        bytes = file.readAll();
        source = path;
    } else {
        bytes = text.toUtf8();
    }
    QString problem;
    std::optional<QJsonValue> value = parseJsonValue(bytes.trimmed(), &problem);
    if (!value && error)
        *error = translate("%1 is not valid JSON: %2").arg(source, problem);
    return value;
}

std::optional<QJsonObject> parseMetadata(const QStringList &values, QString *error)
{
    QJsonObject metadata;
    for (const QString &value : values) {
        const QString trimmed = value.trimmed();
        if (trimmed.startsWith(u'{') || trimmed.startsWith(u'@')) {
            const std::optional<QJsonValue> json = parseJsonArgument(trimmed, error);
            if (!json)
                return std::nullopt;
            if (!json->isObject()) {
                if (error)
                    *error = translate("metadata must be a JSON object or KEY=VALUE");
                return std::nullopt;
            }
            const QJsonObject object = json->toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                metadata.insert(it.key(), it.value());
            continue;
        }
        const qsizetype equals = value.indexOf(u'=');
        if (equals <= 0) {
            if (error)
                *error = translate("metadata \"%1\" is not KEY=VALUE").arg(value);
            return std::nullopt;
        }
        const QString key = value.left(equals).trimmed();
        const QString text = value.mid(equals + 1);
        const std::optional<QJsonValue> json = parseJsonValue(text.toUtf8(), nullptr);
        metadata.insert(key, json ? *json : QJsonValue(text));
    }
    return metadata;
}

std::optional<QJsonValue> parseInterrupts(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed == "*"_L1)
        return QJsonValue(u"*"_s);
    if (trimmed.startsWith(u'[') || trimmed.startsWith(u'@')) {
        const std::optional<QJsonValue> json = parseJsonArgument(trimmed, error);
        if (!json)
            return std::nullopt;
        const QJsonArray items = json->toArray();
        const bool names = json->isArray()
            && std::all_of(items.begin(), items.end(),
                           [](const QJsonValue &item) { return item.isString(); });
        if (!names && !(json->isString() && json->toString() == "*"_L1)) {
            if (error)
                *error = translate("interrupts must be \"*\" or a list of node names");
            return std::nullopt;
        }
        return json;
    }
    return QJsonValue(QJsonArray::fromStringList(splitList(trimmed)));
}

std::optional<QJsonValue> parseStreamMode(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u'[') || trimmed.startsWith(u'@'))
        return parseJsonArgument(trimmed, error);
    const QStringList modes = splitList(trimmed);
    if (modes.isEmpty()) {
        if (error)
            *error = translate("no stream mode given");
        return std::nullopt;
    }
    if (modes.size() == 1)
        return QJsonValue(modes.first());
    return QJsonValue(QJsonArray::fromStringList(modes));
}

std::optional<QDateTime> parseInstant(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const bool hasOffset = trimmed.endsWith(u'Z') || trimmed.endsWith(u'z')
        || (trimmed.size() > 19
            && (trimmed.at(trimmed.size() - 6) == u'+' || trimmed.at(trimmed.size() - 6) == u'-'));
    const QDateTime instant = api::parseTimestamp(trimmed);
    if (!instant.isValid() || !hasOffset) {
        if (error)
            *error = translate("\"%1\" is not a date and time with an offset, e.g. "
                               "2026-12-31T23:59:00Z or 2026-12-31T23:59:00+02:00")
                         .arg(text);
        return std::nullopt;
    }
    return instant;
}

std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values,
                                                                 QString *error)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &value : values) {
        qsizetype separator = value.indexOf(u':');
        const qsizetype equals = value.indexOf(u'=');
        if (separator < 0 || (equals >= 0 && equals < separator))
            separator = equals;
        const QString name = separator > 0 ? value.left(separator).trimmed() : QString();
        const bool token = !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](QChar c) {
            return c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.';
        });
        if (!token) {
            if (error)
                *error = translate("--header \"%1\" is not NAME: VALUE").arg(value);
            return std::nullopt;
        }
        if (name.compare("x-api-key"_L1, Qt::CaseInsensitive) == 0) {
            if (error)
                *error = translate("pass the API key with --api-key or LANGGRAPH_API_KEY, not "
                                   "--header");
            return std::nullopt;
        }
        headers.append({name.toLatin1(), value.mid(separator + 1).trimmed().toUtf8()});
    }
    return headers;
}

std::optional<int> parsePositive(const QString &text, QString *error)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1) {
        if (error)
            *error = translate("\"%1\" is not a positive whole number").arg(text);
        return std::nullopt;
    }
    return value;
}

QString assistantFilterId(const QString &idOrGraph)
{
    return api::isUuid(idOrGraph) ? idOrGraph.toLower() : api::systemAssistantId(idOrGraph);
}

} // namespace crondesk::cli
