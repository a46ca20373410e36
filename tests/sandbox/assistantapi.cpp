#include "assistantapi.h"

#include "apiutil.h"
#include "graphcatalog.h"
#include "requestschemas.h"
#include "router.h"
#include "store.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>

#include <algorithm>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

struct AssistantFilter
{
    QJsonObject metadata;
    QString graphId;
    QString name;

    bool matches(const QJsonObject &assistant) const
    {
        if (!graphId.isNull() && assistant.value("graph_id"_L1).toString() != graphId)
            return false;
        if (!name.isNull()
            && !assistant.value("name"_L1).toString().contains(name, Qt::CaseInsensitive))
            return false;
        return Store::metadataMatches(assistant.value("metadata"_L1).toObject(), metadata);
    }
};

AssistantFilter readFilter(const QJsonObject &body)
{
    AssistantFilter filter;
    filter.metadata = body.value("metadata"_L1).toObject();
    if (body.contains("graph_id"_L1))
        filter.graphId = body.value("graph_id"_L1).toString();
    if (body.contains("name"_L1))
        filter.name = body.value("name"_L1).toString();
    return filter;
}

QJsonValue sortKey(const QJsonObject &assistant, const QString &field)
{
    return assistant.value(field);
}

int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isString() && b.isString()) {
        // Timestamps in one format compare correctly as strings.
        return a.toString().compare(b.toString());
    }
    if (a.isNull() != b.isNull())
        return a.isNull() ? 1 : -1;
    return 0;
}

} // namespace

AssistantApi::AssistantApi(Services services)
    : m_services(services)
{ }

void AssistantApi::registerRoutes(Router &router)
{
    router.add("POST", u"/assistants/search"_s,
               [this](const ApiRequest &request) { return search(request); });
    router.add("POST", u"/assistants/count"_s,
               [this](const ApiRequest &request) { return count(request); });
    router.add("GET", u"/assistants/{assistant_id}"_s,
               [this](const ApiRequest &request) { return get(request); });
    router.add("GET", u"/assistants/{assistant_id}/graph"_s,
               [this](const ApiRequest &request) { return graph(request); });
    router.add("GET", u"/assistants/{assistant_id}/schemas"_s,
               [this](const ApiRequest &request) { return schemas(request); });
}

const QJsonObject *AssistantApi::find(const QString &idOrGraph) const
{
    if (GraphCatalog::contains(idOrGraph))
        return m_services.store.assistant(systemAssistantId(idOrGraph));
    const QString id = canonicalUuid(idOrGraph);
    return id.isNull() ? nullptr : m_services.store.assistant(id);
}

HttpResponse AssistantApi::search(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::assistantSearch(), &body))
        return *error;
    const AssistantFilter filter = readFilter(body);
    const qsizetype limit = body.value("limit"_L1).toInteger(10);
    const qsizetype offset = body.value("offset"_L1).toInteger(0);
    const QString sortBy = body.value("sort_by"_L1).toString(u"created_at"_s);
    const bool descending = body.value("sort_order"_L1).toString(u"desc"_s) != u"asc";
    const QStringList select = stringList(body.value("select"_L1));

    QList<const QJsonObject *> matches;
    for (const QJsonObject *assistant : m_services.store.assistants()) {
        if (filter.matches(*assistant))
            matches.append(assistant);
    }
    std::sort(matches.begin(), matches.end(), [&](const QJsonObject *a, const QJsonObject *b) {
        int result = compareValues(sortKey(*a, sortBy), sortKey(*b, sortBy));
        if (result == 0)
            result = a->value("assistant_id"_L1)
                         .toString()
                         .compare(b->value("assistant_id"_L1).toString());
        return descending ? result > 0 : result < 0;
    });

    QJsonArray page;
    for (qsizetype i = offset; i < matches.size() && i < offset + limit; ++i)
        page.append(select.isEmpty() ? *matches.at(i) : project(*matches.at(i), select));
    HttpResponse response = HttpResponse::json(page);
    response.headers = paginationHeaders(offset, limit, page.size());
    return response;
}

HttpResponse AssistantApi::count(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::assistantCount(), &body))
        return *error;
    const AssistantFilter filter = readFilter(body);
    const QList<const QJsonObject *> all = m_services.store.assistants();
    return HttpResponse::json(
        qint64(std::count_if(all.cbegin(), all.cend(), [&filter](const QJsonObject *assistant) {
            return filter.matches(*assistant);
        })));
}

HttpResponse AssistantApi::get(const ApiRequest &request) const
{
    const QString requested = request.pathParameters.at(0);
    const QJsonObject *assistant = find(requested);
    if (!assistant)
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requested));
    return HttpResponse::json(*assistant);
}

HttpResponse AssistantApi::graph(const ApiRequest &request) const
{
    const QString requested = request.pathParameters.at(0);
    bool xray = false;
    if (request.query.hasQueryItem(u"xray"_s)) {
        const QString value = request.query.queryItemValue(u"xray"_s).toLower();
        bool isInteger = false;
        const int depth = value.toInt(&isInteger);
        if (value == u"true" || value == u"1")
            xray = true;
        else if (isInteger)
            xray = depth > 0;
        else if (value != u"false" && value != u"0")
            return HttpResponse::error(422, u"Invalid xray value: '%1'"_s.arg(value));
    }
    const QJsonObject *assistant = find(requested);
    if (!assistant)
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requested));
    return HttpResponse::json(
        GraphCatalog::drawableGraph(assistant->value("graph_id"_L1).toString(), xray));
}

HttpResponse AssistantApi::schemas(const ApiRequest &request) const
{
    const QString requested = request.pathParameters.at(0);
    const QJsonObject *assistant = find(requested);
    if (!assistant)
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requested));
    return HttpResponse::json(GraphCatalog::schemas(assistant->value("graph_id"_L1).toString()));
}

} // namespace crondesk::sandbox
