#include "cliparse.h"

#include <models/api/assistant.h>
#include <models/api/requestfactory.h>
#include <models/api/timestamp.h>
#include <models/common/jsontext.h>
#include <models/common/safetext.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cerrno>
#include <cmath>
#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
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

std::optional<QByteArray> readOptionFile(const QString &path, QString *error)
{
    auto refuse = [&](const QString &why) -> std::optional<QByteArray> {
        if (error)
            *error = translate("cannot read %1: %2").arg(models::shownText(path), why);
        return std::nullopt;
    };
#ifdef Q_OS_UNIX
    // A regular file, or a pipe (@/dev/stdin, @<(jq ...)); never a device such as /dev/zero or
    // /dev/urandom, which would be read until memory runs out, nor a directory or a socket.
    struct stat status;
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return refuse(QString::fromLocal8Bit(std::strerror(errno)));
    const bool regular = S_ISREG(status.st_mode);
    if (!regular && !S_ISFIFO(status.st_mode))
        return refuse(translate("it is not a regular file or a pipe"));
    if (regular && status.st_size > MaxOptionFileBytes)
        return refuse(translate("it is larger than %1 MiB").arg(MaxOptionFileBytes >> 20));
#endif
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(file.errorString());
    // Read in pieces and stop at the cap: a pipe (or a file still growing) says nothing of its
    // size.
    QByteArray bytes;
    while (true) {
        const QByteArray chunk = file.read(64 * 1024);
        if (chunk.isEmpty()) {
            if (file.error() != QFileDevice::NoError)
                return refuse(file.errorString());
            break;
        }
        if (bytes.size() + chunk.size() > MaxOptionFileBytes)
            return refuse(translate("it is larger than %1 MiB").arg(MaxOptionFileBytes >> 20));
        bytes += chunk;
    }
    return bytes;
}

std::optional<QJsonValue> parseJsonArgument(const QString &text, QString *error)
{
    QByteArray bytes;
    QString source = translate("the value");
    if (text.startsWith(u'@')) {
        const QString path = text.mid(1);
        const std::optional<QByteArray> contents = readOptionFile(path, error);
        if (!contents)
            return std::nullopt;
        bytes = *contents;
        source = models::shownText(path);
    } else {
        bytes = text.toUtf8();
    }
    QString problem;
    std::optional<QJsonValue> value = models::readJsonValue(bytes, &problem);
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
        const std::optional<QJsonValue> json = models::readJsonValue(text.toUtf8());
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
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString &value = values.at(i);
        // Which --header, by position: its text may hold a credential (Authorization: ...), so it
        // is never echoed.
        const QString which
            = values.size() == 1 ? u"--header"_s : translate("--header number %1").arg(i + 1);
        qsizetype separator = value.indexOf(u':');
        const qsizetype equals = value.indexOf(u'=');
        if (separator < 0 || (equals >= 0 && equals < separator))
            separator = equals;
        const QString nameText = separator > 0 ? value.left(separator).trimmed() : QString();
        const QByteArray name = nameText.toUtf8();
        if (!api::RequestFactory::isValidHeaderName(name)) {
            if (error)
                *error = translate("%1 is not NAME: VALUE (a name is letters, digits and "
                                   "!#$%&'*+-.^_`|~)")
                             .arg(which);
            return std::nullopt;
        }
        if (name.compare("x-api-key", Qt::CaseInsensitive) == 0) {
            if (error)
                *error = translate("pass the API key with --api-key or LANGGRAPH_API_KEY, not "
                                   "--header");
            return std::nullopt;
        }
        const QByteArray headerValue = value.mid(separator + 1).trimmed().toUtf8();
        if (!api::RequestFactory::isValidHeaderValue(headerValue)) {
            if (error)
                *error = translate("%1 (%2): the value contains a line break or another control "
                                   "character; a header value is one line of text")
                             .arg(which, nameText);
            return std::nullopt;
        }
        headers.append({name, headerValue});
    }
    return headers;
}

namespace {

// Plain decimal digits with at most one '.', at least one digit: what a person types for a count
// or a number of seconds, and nothing that QString::toDouble would also read (1e308, inf, nan,
// 0x10, "1,5" in some locales).
bool isPlainDecimal(QStringView text, bool allowFraction)
{
    qsizetype digits = 0;
    bool point = false;
    for (const QChar c : text) {
        if (c >= u'0' && c <= u'9') {
            ++digits;
        } else if (c == u'.' && allowFraction && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits > 0;
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 12);
}

} // namespace

std::optional<qint64> parseWholeNumber(const QString &text, qint64 min, qint64 max, QString *error)
{
    const QString trimmed = text.trimmed();
    bool ok = isPlainDecimal(trimmed, false) && trimmed.size() <= 18;
    // More than 18 digits is in no range we use, and might not fit in 64 bits.
    const qint64 value = ok ? trimmed.toLongLong(&ok) : 0;
    if (!ok || value < min || value > max) {
        if (error)
            *error = translate("\"%1\" is not a whole number from %2 to %3")
                         .arg(models::shownText(text, 40))
                         .arg(min)
                         .arg(max);
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseDecimal(const QString &text, double min, double max, QString *error)
{
    const QString trimmed = text.trimmed();
    bool ok = isPlainDecimal(trimmed, true) && trimmed.size() <= 32;
    const double value = ok ? trimmed.toDouble(&ok) : 0;
    if (!ok || !std::isfinite(value) || value < min || value > max) {
        if (error)
            *error = translate("\"%1\" is not a number from %2 to %3")
                         .arg(models::shownText(text, 40), formatNumber(min), formatNumber(max));
        return std::nullopt;
    }
    return value;
}

QString assistantFilterId(const QString &idOrGraph)
{
    return api::isUuid(idOrGraph) ? idOrGraph.toLower() : api::systemAssistantId(idOrGraph);
}

std::optional<int> parseShift(const QString &text, QString *error)
{
    static const QRegularExpression pattern(u"^([+-]?)(?:(\\d{1,4})h)?(?:(\\d{1,6})m)?$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    const bool any
        = match.hasMatch() && (!match.captured(2).isEmpty() || !match.captured(3).isEmpty());
    const int magnitude = any ? match.captured(2).toInt() * 60 + match.captured(3).toInt() : 0;
    if (!any || magnitude == 0 || magnitude > MaxShiftMinutes) {
        if (error)
            *error = translate("\"%1\" is not a shift such as +30m, -1h or +1h30m, of at most "
                               "a week")
                         .arg(models::shownText(text, 40));
        return std::nullopt;
    }
    return match.captured(1) == "-"_L1 ? -magnitude : magnitude;
}

} // namespace crondesk::cli
