#include "jsonlist.h"

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

} // namespace crondesk::api
