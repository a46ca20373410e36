#pragma once

// Private to models/api: decoding helpers the value types share.

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::api {

// A JSON document of the given shape, or nullopt with the reason in `error`.
std::optional<QJsonDocument> parseJsonDocument(const QByteArray &body, QString *error);
std::optional<QJsonObject> parseJsonObject(const QByteArray &body, QString *error);

// A string member's text; empty when it is absent or not a string.
QString stringOrEmpty(const QJsonValue &value);
// A timestamp member; invalid when it is absent, not a string or not a timestamp.
QDateTime instantOrInvalid(const QJsonValue &value);
// An instant in the server's format, or null for an invalid one.
QJsonValue nullableInstant(const QDateTime &instant);
// The paging and projection members every search body has (limit and offset always; sort and
// select when set).
void insertPaging(QJsonObject *body, int limit, int offset, const QString &sortBy,
                  const QString &sortOrder, const QStringList &select);

// Decodes a JSON array whose elements all decode with `decode`. Fails as a whole when one does
// not: a silently shortened list would hide data.
template<typename T, typename Decode>
std::optional<QList<T>> listFromJson(const QByteArray &body, const char *what, Decode decode,
                                     QString *error)
{
    const std::optional<QJsonDocument> document = parseJsonDocument(body, error);
    if (!document)
        return std::nullopt;
    if (!document->isArray()) {
        if (error)
            *error = QStringLiteral("expected a JSON array of ") + QString::fromLatin1(what);
        return std::nullopt;
    }
    const QJsonArray array = document->array();
    QList<T> items;
    items.reserve(array.size());
    for (const QJsonValue &element : array) {
        if (!element.isObject()) {
            if (error)
                *error = QStringLiteral("element %1 of the %2 list is not an object")
                             .arg(items.size())
                             .arg(QString::fromLatin1(what));
            return std::nullopt;
        }
        std::optional<T> item = decode(element.toObject(), error);
        if (!item)
            return std::nullopt;
        items.append(std::move(*item));
    }
    return items;
}

} // namespace crondesk::api
