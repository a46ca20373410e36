#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::api {

// An assistant as /assistants/search and /assistants/{id} return it (api-contract §4.2).
struct Assistant
{
    QString assistantId;
    QString graphId;
    QString name;
    QString description;
    QJsonObject config;
    QJsonObject context;
    QJsonObject metadata;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    // System assistants are the ones the server made for each graph (metadata.created_by).
    bool isSystem() const;

    friend bool operator==(const Assistant &, const Assistant &) = default;
};

// The body of POST /assistants/search (api-contract §4.2). Limit and offset are always sent, the
// rest only when set.
struct AssistantSearchQuery
{
    QString graphId;
    QString name; // case-insensitive substring
    QJsonObject metadata; // exact match per key
    static constexpr int maxLimit = 1000; // the largest page the server returns

    int limit = 10; // 1..maxLimit
    int offset = 0;
    QString sortBy; // assistant_id, created_at, updated_at, name, graph_id
    QString sortOrder; // asc, desc
    QStringList select;

    QJsonObject toJson() const;
};

// GET /assistants/{id}/graph: the drawable graph. Node ids may be numbers on the wire; they are
// kept as text here.
struct AssistantGraph
{
    struct Node
    {
        QString id;
        QString type; // "schema", "runnable", ...
        QJsonValue data;
        QJsonObject metadata;

        friend bool operator==(const Node &, const Node &) = default;
    };
    struct Edge
    {
        QString source;
        QString target;
        bool conditional = false;
        QJsonValue data;

        friend bool operator==(const Edge &, const Edge &) = default;
    };

    QList<Node> nodes;
    QList<Edge> edges;

    // Every node id in graph order; the virtual __start__ and __end__ nodes only when asked.
    QStringList nodeIds(bool includeStartAndEnd = false) const;
    // The nodes a cron may interrupt before or after: every node but __start__ and __end__.
    QStringList interruptibleNodeIds() const { return nodeIds(false); }

    friend bool operator==(const AssistantGraph &, const AssistantGraph &) = default;
};

// GET /assistants/{id}/schemas: JSON Schemas of the graph; any of them may be empty when the
// server could not generate it.
struct AssistantSchemas
{
    QString graphId;
    QJsonObject inputSchema;
    QJsonObject outputSchema;
    QJsonObject stateSchema;
    QJsonObject configSchema;
    QJsonObject contextSchema;

    friend bool operator==(const AssistantSchemas &, const AssistantSchemas &) = default;
};

std::optional<Assistant> assistantFromJson(const QJsonObject &object, QString *error = nullptr);
std::optional<QList<Assistant>> assistantListFromJson(const QByteArray &body,
                                                      QString *error = nullptr);

std::optional<AssistantGraph> assistantGraphFromJson(const QJsonObject &object,
                                                     QString *error = nullptr);
std::optional<AssistantSchemas> assistantSchemasFromJson(const QJsonObject &object,
                                                         QString *error = nullptr);
QJsonObject assistantToJson(const Assistant &assistant);

// The assistant id the server gives a graph's system assistant: uuid5(NAMESPACE_GRAPH, graph_id)
// (api-contract §6.4). Lets a graph name stand in for an id where the server demands a UUID.
QString systemAssistantId(const QString &graphId);

// True for a canonical 8-4-4-4-12 hexadecimal UUID, the only id form the server accepts in paths.
bool isUuid(QStringView text);

} // namespace crondesk::api
