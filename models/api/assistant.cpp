#include "assistant.h"

#include "timestamp.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace crondesk::api {

bool Assistant::isSystem() const
{
    return metadata.value("created_by"_L1).toString() == "system"_L1;
}

std::optional<Assistant> assistantFromJson(const QJsonObject &object, QString *error)
{
    Assistant assistant;
    assistant.assistantId = object.value("assistant_id"_L1).toString();
    if (assistant.assistantId.isEmpty()) {
        if (error)
            *error = u"an assistant without an \"assistant_id\" string"_s;
        return std::nullopt;
    }
    assistant.graphId = object.value("graph_id"_L1).toString();
    assistant.name = object.value("name"_L1).toString();
    assistant.description = object.value("description"_L1).toString();
    assistant.config = object.value("config"_L1).toObject();
    assistant.context = object.value("context"_L1).toObject();
    assistant.metadata = object.value("metadata"_L1).toObject();
    assistant.createdAt = parseTimestamp(object.value("created_at"_L1).toString());
    assistant.updatedAt = parseTimestamp(object.value("updated_at"_L1).toString());
    assistant.version = object.value("version"_L1).toInt();
    return assistant;
}

std::optional<QList<Assistant>> assistantListFromJson(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                ? u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                      .arg(parseError.errorString())
                : u"expected a JSON array of assistants"_s;
        return std::nullopt;
    }
    QList<Assistant> assistants;
    for (const QJsonValue &element : document.array()) {
        std::optional<Assistant> assistant = assistantFromJson(element.toObject(), error);
        if (!assistant)
            return std::nullopt;
        assistants.append(std::move(*assistant));
    }
    return assistants;
}

QString systemAssistantId(const QString &graphId)
{
    static const QUuid namespaceGraph(u"6ba7b821-9dad-11d1-80b4-00c04fd430c8"_s);
    return QUuid::createUuidV5(namespaceGraph, graphId).toString(QUuid::WithoutBraces);
}

bool isUuid(QStringView text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')
                     || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

} // namespace crondesk::api
