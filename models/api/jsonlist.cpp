#include "jsonlist.h"

#include "timestamp.h"

using namespace Qt::StringLiterals;

namespace crondesk::api {

std::optional<QJsonDocument> parseJsonDocument(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    return document;
}

std::optional<QJsonObject> parseJsonObject(const QByteArray &body, QString *error)
{
    const std::optional<QJsonDocument> document = parseJsonDocument(body, error);
    if (!document)
        return std::nullopt;
    if (!document->isObject()) {
        if (error)
            *error = u"expected a JSON object"_s;
        return std::nullopt;
    }
    return document->object();
}

QString stringOrEmpty(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

QDateTime instantOrInvalid(const QJsonValue &value)
{
    return value.isString() ? parseTimestamp(value.toString()) : QDateTime();
}

QJsonValue nullableInstant(const QDateTime &instant)
{
    return instant.isValid() ? QJsonValue(formatTimestamp(instant)) : QJsonValue(QJsonValue::Null);
}

void insertPaging(QJsonObject *body, int limit, int offset, const QString &sortBy,
                  const QString &sortOrder, const QStringList &select)
{
    body->insert("limit"_L1, limit);
    body->insert("offset"_L1, offset);
    if (!sortBy.isEmpty())
        body->insert("sort_by"_L1, sortBy);
    if (!sortOrder.isEmpty())
        body->insert("sort_order"_L1, sortOrder);
    if (!select.isEmpty())
        body->insert("select"_L1, QJsonArray::fromStringList(select));
}

} // namespace crondesk::api
