#include "graphcatalog.h"

#include <QJsonArray>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

QJsonObject node(const QString &id, const QString &type = u"runnable"_s)
{
    if (type == u"schema")
        return {{u"id"_s, id}, {u"type"_s, type}, {u"data"_s, id}};
    return {{u"id"_s, id},
            {u"type"_s, type},
            {u"data"_s,
             QJsonObject {{u"id"_s, QJsonArray {u"langgraph"_s, u"utils"_s, u"RunnableCallable"_s}},
                          {u"name"_s, id}}},
            {u"metadata"_s, QJsonObject {}}};
}

QJsonObject edge(const QString &source, const QString &target, bool conditional = false)
{
    QJsonObject object {{u"source"_s, source}, {u"target"_s, target}};
    if (conditional)
        object.insert(u"conditional"_s, true);
    return object;
}

QJsonObject messagesSchema(const QString &title)
{
    return {{u"title"_s, title},
            {u"type"_s, u"object"_s},
            {u"properties"_s,
             QJsonObject {
                 {u"messages"_s,
                  QJsonObject {
                      {u"title"_s, u"Messages"_s},
                      {u"type"_s, u"array"_s},
                      {u"items"_s,
                       QJsonObject {
                           {u"type"_s, u"object"_s},
                           {u"properties"_s,
                            QJsonObject {{u"role"_s, QJsonObject {{u"type"_s, u"string"_s}}},
                                         {u"content"_s, QJsonObject {{u"type"_s, u"string"_s}}}}},
                           {u"required"_s, QJsonArray {u"role"_s, u"content"_s}}}}}}}},
            {u"required"_s, QJsonArray {u"messages"_s}}};
}

QJsonObject configSchema()
{
    return {{u"title"_s, u"Configurable"_s},
            {u"type"_s, u"object"_s},
            {u"properties"_s,
             QJsonObject {{u"model_name"_s,
                           QJsonObject {{u"type"_s, u"string"_s},
                                        {u"enum"_s, QJsonArray {u"openai"_s, u"anthropic"_s}},
                                        {u"default"_s, u"openai"_s}}},
                          {u"temperature"_s,
                           QJsonObject {{u"type"_s, u"number"_s},
                                        {u"minimum"_s, 0},
                                        {u"maximum"_s, 2},
                                        {u"default"_s, 0.7}}}}}};
}

QJsonObject contextSchema()
{
    return {{u"title"_s, u"Context"_s},
            {u"type"_s, u"object"_s},
            {u"properties"_s,
             QJsonObject {{u"user_id"_s, QJsonObject {{u"type"_s, u"string"_s}}},
                          {u"locale"_s,
                           QJsonObject {{u"type"_s, u"string"_s}, {u"default"_s, u"en-US"_s}}}}}};
}

} // namespace

QStringList GraphCatalog::graphIds()
{
    return {u"agent"_s, u"echo"_s, u"researcher"_s};
}

bool GraphCatalog::contains(const QString &graphId)
{
    return graphIds().contains(graphId);
}

QString GraphCatalog::description(const QString &graphId)
{
    if (graphId == u"agent")
        return u"A tool-calling chat agent"_s;
    if (graphId == u"echo")
        return u"Repeats its input"_s;
    return u"Plans, searches and summarises"_s;
}

QJsonObject GraphCatalog::drawableGraph(const QString &graphId, bool xray)
{
    QJsonArray nodes {node(u"__start__"_s, u"schema"_s)};
    QJsonArray edges;
    if (graphId == u"agent") {
        nodes << node(u"agent"_s) << node(u"tools"_s);
        edges << edge(u"__start__"_s, u"agent"_s) << edge(u"agent"_s, u"tools"_s, true)
              << edge(u"agent"_s, u"__end__"_s, true) << edge(u"tools"_s, u"agent"_s);
    } else if (graphId == u"echo") {
        nodes << node(u"echo"_s);
        edges << edge(u"__start__"_s, u"echo"_s) << edge(u"echo"_s, u"__end__"_s);
    } else {
        nodes << node(u"plan"_s);
        if (xray) {
            nodes << node(u"search:query"_s) << node(u"search:fetch"_s);
            edges << edge(u"plan"_s, u"search:query"_s)
                  << edge(u"search:query"_s, u"search:fetch"_s)
                  << edge(u"search:fetch"_s, u"summarize"_s);
        } else {
            nodes << node(u"search"_s);
            edges << edge(u"plan"_s, u"search"_s) << edge(u"search"_s, u"summarize"_s);
        }
        nodes << node(u"summarize"_s);
        edges.prepend(edge(u"__start__"_s, u"plan"_s));
        edges << edge(u"summarize"_s, u"plan"_s, true) << edge(u"summarize"_s, u"__end__"_s, true);
    }
    nodes << node(u"__end__"_s, u"schema"_s);
    return {{u"nodes"_s, nodes}, {u"edges"_s, edges}};
}

QJsonObject GraphCatalog::schemas(const QString &graphId)
{
    return {{u"graph_id"_s, graphId},
            {u"input_schema"_s, messagesSchema(u"InputState"_s)},
            {u"output_schema"_s, messagesSchema(u"OutputState"_s)},
            {u"state_schema"_s, messagesSchema(u"State"_s)},
            {u"config_schema"_s, configSchema()},
            {u"context_schema"_s, contextSchema()}};
}

} // namespace crondesk::sandbox
