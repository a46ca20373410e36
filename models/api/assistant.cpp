#include "assistant.h"

#include "jsonlist.h"
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
    return listFromJson<Assistant>(body, "assistants", assistantFromJson, error);
}

QJsonObject assistantToJson(const Assistant &assistant)
{
    auto nullableText = [](const QString &text) {
        return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    return QJsonObject {
        {"assistant_id"_L1, assistant.assistantId},
        {"graph_id"_L1, assistant.graphId},
        {"name"_L1, nullableText(assistant.name)},
        {"description"_L1, nullableText(assistant.description)},
        {"config"_L1, assistant.config},
        {"context"_L1, assistant.context},
        {"metadata"_L1, assistant.metadata},
        {"created_at"_L1, nullableInstant(assistant.createdAt)},
        {"updated_at"_L1, nullableInstant(assistant.updatedAt)},
        {"version"_L1, assistant.version},
    };
}

QJsonObject AssistantSearchQuery::toJson() const
{
    QJsonObject body;
    if (!metadata.isEmpty())
        body.insert("metadata"_L1, metadata);
    if (!graphId.isEmpty())
        body.insert("graph_id"_L1, graphId);
    if (!name.isEmpty())
        body.insert("name"_L1, name);
    insertPaging(&body, limit, offset, sortBy, sortOrder, select);
    return body;
}

QStringList AssistantGraph::nodeIds(bool includeStartAndEnd) const
{
    QStringList ids;
    ids.reserve(nodes.size());
    for (const Node &node : nodes) {
        if (!includeStartAndEnd && (node.id == "__start__"_L1 || node.id == "__end__"_L1))
            continue;
        ids.append(node.id);
    }
    return ids;
}

namespace {

// Graph node ids are strings or numbers (api-contract §4.3).
QString idText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

} // namespace

std::optional<AssistantGraph> assistantGraphFromJson(const QJsonObject &object, QString *error)
{
    const QJsonValue nodes = object.value("nodes"_L1);
    const QJsonValue edges = object.value("edges"_L1);
    if (!nodes.isArray() || !(edges.isArray() || edges.isUndefined() || edges.isNull())) {
        if (error)
            *error = u"expected a graph object with a \"nodes\" array"_s;
        return std::nullopt;
    }
    AssistantGraph graph;
    for (const QJsonValue &element : nodes.toArray()) {
        const QJsonObject item = element.toObject();
        AssistantGraph::Node node;
        node.id = idText(item.value("id"_L1));
        if (node.id.isEmpty()) {
            if (error)
                *error = u"graph node %1 has no id"_s.arg(graph.nodes.size());
            return std::nullopt;
        }
        node.type = item.value("type"_L1).toString();
        node.data = item.value("data"_L1);
        node.metadata = item.value("metadata"_L1).toObject();
        graph.nodes.append(std::move(node));
    }
    for (const QJsonValue &element : edges.toArray()) {
        const QJsonObject item = element.toObject();
        AssistantGraph::Edge edge;
        edge.source = idText(item.value("source"_L1));
        edge.target = idText(item.value("target"_L1));
        if (edge.source.isEmpty() || edge.target.isEmpty()) {
            if (error)
                *error = u"graph edge %1 lacks a source or target"_s.arg(graph.edges.size());
            return std::nullopt;
        }
        edge.conditional = item.value("conditional"_L1).toBool(false);
        edge.data = item.value("data"_L1);
        graph.edges.append(std::move(edge));
    }
    return graph;
}

std::optional<AssistantSchemas> assistantSchemasFromJson(const QJsonObject &object, QString *)
{
    // Every schema may be missing or null: a graph whose types the server cannot describe.
    AssistantSchemas schemas;
    schemas.graphId = object.value("graph_id"_L1).toString();
    schemas.inputSchema = object.value("input_schema"_L1).toObject();
    schemas.outputSchema = object.value("output_schema"_L1).toObject();
    schemas.stateSchema = object.value("state_schema"_L1).toObject();
    schemas.configSchema = object.value("config_schema"_L1).toObject();
    schemas.contextSchema = object.value("context_schema"_L1).toObject();
    return schemas;
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
