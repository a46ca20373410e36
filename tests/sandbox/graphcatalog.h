#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crondesk::sandbox {

// The graphs this pretend deployment "serves": what langgraph.json would register on a real one.
// Each has a system assistant (id = uuid5 of the graph id), a drawable graph and JSON schemas.
class GraphCatalog final
{
public:
    static QStringList graphIds(); // "agent", "echo", "researcher"
    static bool contains(const QString &graphId);

    // {"nodes": [...], "edges": [...]} as GET /assistants/{id}/graph returns it; `xray` adds the
    // nodes of subgraphs (the researcher's "search" node is one).
    static QJsonObject drawableGraph(const QString &graphId, bool xray);
    // GraphSchema: graph_id, input/output/state/config/context schemas.
    static QJsonObject schemas(const QString &graphId);
    // A one-line description for the system assistant.
    static QString description(const QString &graphId);
};

} // namespace crondesk::sandbox
