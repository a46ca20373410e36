#include "threadapi.h"

#include "apiutil.h"
#include "clock.h"
#include "jsonschema.h"
#include "requestschemas.h"
#include "router.h"
#include "store.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

HttpResponse invalidThreadId()
{
    return HttpResponse::error(422, u"Invalid thread ID: must be a UUID"_s);
}

struct ThreadFilter
{
    QStringList ids; // empty: any
    bool idsGiven = false;
    QJsonObject metadata;
    QJsonObject values;
    QString status;

    bool matches(const QJsonObject &thread) const
    {
        if (idsGiven && !ids.contains(thread.value("thread_id"_L1).toString()))
            return false;
        if (!status.isNull() && thread.value("status"_L1).toString() != status)
            return false;
        return Store::metadataMatches(thread.value("metadata"_L1).toObject(), metadata)
            && Store::metadataMatches(thread.value("values"_L1).toObject(), values);
    }
};

std::optional<HttpResponse> readFilter(const QJsonObject &body, ThreadFilter *filter)
{
    if (body.contains("ids"_L1)) {
        filter->idsGiven = true;
        for (const QString &id : stringList(body.value("ids"_L1))) {
            const QString canonical = canonicalUuid(id);
            if (canonical.isNull())
                return invalidThreadId();
            filter->ids.append(canonical);
        }
    }
    filter->metadata = body.value("metadata"_L1).toObject();
    filter->values = body.value("values"_L1).toObject();
    if (body.contains("status"_L1))
        filter->status = body.value("status"_L1).toString();
    return std::nullopt;
}

// Follows "values.messages[-1].content"-style paths for the search's `extract`.
QJsonValue extractPath(const QJsonObject &thread, const QString &path)
{
    static const QRegularExpression part(uR"(([^.\[\]]+)|\[(-?\d+)\])"_s);
    QJsonValue current = thread;
    auto it = part.globalMatch(path);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength(1) > 0) {
            current = current.toObject().value(match.captured(1));
        } else {
            const QJsonArray array = current.toArray();
            qsizetype index = match.captured(2).toLongLong();
            if (index < 0)
                index += array.size();
            current = index >= 0 && index < array.size() ? array.at(index) : QJsonValue();
        }
        if (current.isUndefined())
            return QJsonValue::Null;
    }
    return current;
}

int compareStrings(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isString() != b.isString())
        return a.isString() ? -1 : 1;
    return a.toString().compare(b.toString());
}

// Reads a query parameter that may be repeated (select=a&select=b, as httpx sends it) or a JSON
// array (select=["a","b"], as the JS SDK sends it).
QStringList queryList(const QUrlQuery &query, const QString &key)
{
    QStringList values;
    for (const QString &value : query.allQueryItemValues(key, QUrl::FullyDecoded)) {
        if (value.startsWith(u'[')) {
            values += stringList(QJsonDocument::fromJson(value.toUtf8()).array());
        } else {
            for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
                values.append(item.trimmed());
        }
    }
    return values;
}

} // namespace

ThreadApi::ThreadApi(Services services)
    : m_services(services)
{ }

void ThreadApi::registerRoutes(Router &router)
{
    router.add("POST", u"/threads"_s,
               [this](const ApiRequest &request) { return create(request); });
    router.add("POST", u"/threads/search"_s,
               [this](const ApiRequest &request) { return search(request); });
    router.add("POST", u"/threads/count"_s,
               [this](const ApiRequest &request) { return count(request); });
    router.add("GET", u"/threads/{thread_id}"_s,
               [this](const ApiRequest &request) { return get(request); });
    router.add("GET", u"/threads/{thread_id}/runs"_s,
               [this](const ApiRequest &request) { return listRuns(request); });
    router.add("GET", u"/threads/{thread_id}/runs/{run_id}"_s,
               [this](const ApiRequest &request) { return getRun(request); });
    router.add("GET", u"/threads/{thread_id}/runs/{run_id}/join"_s,
               [this](const ApiRequest &request) { return joinRun(request); });
}

QJsonObject ThreadApi::newThread(const QString &threadId, const QJsonObject &metadata,
                                 const QDateTime &now)
{
    const QString timestamp = formatTimestamp(now);
    return {{u"thread_id"_s, threadId},       {u"created_at"_s, timestamp},
            {u"updated_at"_s, timestamp},     {u"state_updated_at"_s, timestamp},
            {u"metadata"_s, metadata},        {u"status"_s, u"idle"_s},
            {u"config"_s, QJsonObject {}},    {u"values"_s, QJsonObject {}},
            {u"interrupts"_s, QJsonObject {}}};
}

HttpResponse ThreadApi::create(const ApiRequest &request)
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::threadCreate(), &body))
        return *error;
    QString threadId;
    if (body.contains("thread_id"_L1)) {
        threadId = canonicalUuid(body.value("thread_id"_L1).toString());
        if (threadId.isNull())
            return invalidThreadId();
    } else {
        threadId = m_services.ids.next();
    }
    if (const QJsonObject *existing = m_services.store.thread(threadId)) {
        if (body.value("if_exists"_L1).toString(u"raise"_s) == u"do_nothing")
            return HttpResponse::json(*existing);
        return HttpResponse::error(409, u"Thread %1 already exists"_s.arg(threadId));
    }
    stripReservedKeys(body);
    QJsonObject thread
        = newThread(threadId, body.value("metadata"_L1).toObject(), m_services.clock.now());
    if (body.contains("ttl"_L1))
        thread.insert(u"ttl"_s, body.value("ttl"_L1)); // kept for ?include=ttl
    if (!m_services.store.putThread(thread))
        return HttpResponse::error(500, u"Failed to store the thread"_s);
    thread.remove(u"ttl"_s);
    return HttpResponse::json(thread);
}

HttpResponse ThreadApi::search(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::threadSearch(), &body))
        return *error;
    ThreadFilter filter;
    if (auto error = readFilter(body, &filter))
        return *error;
    const QJsonObject extract = body.value("extract"_L1).toObject();
    for (auto it = extract.begin(); it != extract.end(); ++it) {
        const QString path = it.value().toString();
        static const QStringList roots = {u"values"_s, u"metadata"_s, u"config"_s, u"interrupts"_s};
        const bool rooted = std::any_of(roots.cbegin(), roots.cend(), [&path](const QString &root) {
            return path == root || path.startsWith(root + u'.') || path.startsWith(root + u'[');
        });
        if (!rooted)
            return HttpResponse::error(
                422,
                u"Invalid extract path '%1': must start with values, metadata, config or interrupts"_s
                    .arg(path));
    }
    const qsizetype limit = body.value("limit"_L1).toInteger(10);
    const qsizetype offset = body.value("offset"_L1).toInteger(0);
    const QString sortBy = body.value("sort_by"_L1).toString(u"created_at"_s);
    const bool descending = body.value("sort_order"_L1).toString(u"desc"_s) != u"asc";
    const QStringList select = stringList(body.value("select"_L1));

    QList<const QJsonObject *> matches;
    for (const QJsonObject *thread : m_services.store.threads()) {
        if (filter.matches(*thread))
            matches.append(thread);
    }
    std::sort(matches.begin(), matches.end(), [&](const QJsonObject *a, const QJsonObject *b) {
        int result = compareStrings(a->value(sortBy), b->value(sortBy));
        if (result == 0)
            result
                = a->value("thread_id"_L1).toString().compare(b->value("thread_id"_L1).toString());
        return descending ? result > 0 : result < 0;
    });

    QJsonArray page;
    for (qsizetype i = offset; i < matches.size() && i < offset + limit; ++i) {
        QJsonObject thread = *matches.at(i);
        thread.remove(u"ttl"_s);
        if (!extract.isEmpty()) {
            QJsonObject extracted;
            for (auto it = extract.begin(); it != extract.end(); ++it)
                extracted.insert(it.key(), extractPath(thread, it.value().toString()));
            thread.insert(u"extracted"_s, extracted);
        }
        if (!select.isEmpty())
            thread = project(thread,
                             extract.isEmpty() ? select : select + QStringList {u"extracted"_s});
        page.append(thread);
    }
    HttpResponse response = HttpResponse::json(page);
    response.headers = paginationHeaders(offset, limit, page.size());
    return response;
}

HttpResponse ThreadApi::count(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::threadCount(), &body))
        return *error;
    ThreadFilter filter;
    if (auto error = readFilter(body, &filter))
        return *error;
    const QList<const QJsonObject *> all = m_services.store.threads();
    return HttpResponse::json(
        qint64(std::count_if(all.cbegin(), all.cend(), [&filter](const QJsonObject *thread) {
            return filter.matches(*thread);
        })));
}

HttpResponse ThreadApi::get(const ApiRequest &request) const
{
    const QString threadId = canonicalUuid(request.pathParameters.at(0));
    if (threadId.isNull())
        return invalidThreadId();
    const QJsonObject *thread = m_services.store.thread(threadId);
    if (!thread)
        return HttpResponse::error(404, u"Thread %1 not found"_s.arg(threadId));
    QJsonObject result = *thread;
    const QStringList include = queryList(request.query, u"include"_s);
    if (!include.contains(u"ttl"_s))
        result.remove(u"ttl"_s);
    return HttpResponse::json(result);
}

HttpResponse ThreadApi::listRuns(const ApiRequest &request) const
{
    const QString threadId = canonicalUuid(request.pathParameters.at(0));
    if (threadId.isNull())
        return invalidThreadId();

    qsizetype limit = 10;
    qsizetype offset = 0;
    for (const auto &[key, target] :
         {std::pair {u"limit"_s, &limit}, std::pair {u"offset"_s, &offset}}) {
        if (!request.query.hasQueryItem(key))
            continue;
        bool ok = false;
        const QString text = request.query.queryItemValue(key);
        *target = text.toLongLong(&ok);
        if (!ok)
            return HttpResponse::error(
                422, u"%1 is not of type \"integer\""_s.arg(JsonSchema::show(QJsonValue(text))));
    }
    QString status;
    if (request.query.hasQueryItem(u"status"_s)) {
        status = request.query.queryItemValue(u"status"_s);
        if (!schemas::runStatuses().contains(status))
            return HttpResponse::error(
                422,
                u"%1 is not one of %2"_s.arg(
                    JsonSchema::show(QJsonValue(status)),
                    JsonSchema::show(QJsonArray::fromStringList(schemas::runStatuses()))));
    }
    const QStringList select = queryList(request.query, u"select"_s);
    for (const QString &field : select) {
        if (!schemas::runSelectFields().contains(field))
            return HttpResponse::error(422, u"Invalid select columns: ['%1']"_s.arg(field));
    }
    if (!m_services.store.thread(threadId))
        return HttpResponse::error(404, u"Thread %1 not found"_s.arg(threadId));

    QList<QJsonObject> runs = m_services.store.runs(threadId);
    // Newest first; among equal times the later recorded first. The server's timestamps compare
    // correctly as strings ("...:00+00:00" < "...:00.5+00:00").
    std::reverse(runs.begin(), runs.end());
    std::stable_sort(runs.begin(), runs.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value("created_at"_L1).toString() > b.value("created_at"_L1).toString();
    });
    QJsonArray page;
    qsizetype skipped = 0;
    for (const QJsonObject &run : std::as_const(runs)) {
        if (!status.isNull() && run.value("status"_L1).toString() != status)
            continue;
        if (skipped++ < offset)
            continue;
        if (page.size() >= limit)
            break;
        page.append(select.isEmpty() ? run : project(run, select));
    }
    return HttpResponse::json(page);
}

HttpResponse ThreadApi::getRun(const ApiRequest &request) const
{
    const QString threadId = canonicalUuid(request.pathParameters.at(0));
    if (threadId.isNull())
        return invalidThreadId();
    const QString runId = canonicalUuid(request.pathParameters.at(1));
    if (runId.isNull())
        return HttpResponse::error(422, u"Invalid run ID: must be a UUID"_s);
    if (!m_services.store.thread(threadId))
        return HttpResponse::error(404, u"Thread %1 not found"_s.arg(threadId));
    const QList<QJsonObject> runs = m_services.store.runs(threadId);
    for (const QJsonObject &run : runs) {
        if (run.value("run_id"_L1).toString() == runId)
            return HttpResponse::json(run);
    }
    return HttpResponse::error(404, u"Run %1 not found"_s.arg(runId));
}

HttpResponse ThreadApi::joinRun(const ApiRequest &request) const
{
    // Found as GET /threads/{thread_id}/runs/{run_id} finds it (same 404s and 422s).
    HttpResponse found = getRun(request);
    if (found.status != 200)
        return found;
    const QJsonObject run = QJsonDocument::fromJson(found.body).object();
    const QString status = run.value("status"_L1).toString();
    // As the server's join: a run that ended in error answers with the error the graph raised,
    // under "__error__"; any other answers with the thread's values. The Run object itself has
    // no error field (openapi-agent-server-runs.json). Nothing is executed here, so the error is
    // the sandbox's own. Unlike the server, a join of an active run does not wait for its end:
    // it answers with the values at once.
    if (status == u"error")
        return HttpResponse::json(QJsonObject {
            {u"__error__"_s,
             QJsonObject {{u"error"_s, u"SandboxRunError"_s},
                          {u"message"_s,
                           u"The sandbox made run %1 fail (--run-error-rate or sample data)."_s.arg(
                               run.value("run_id"_L1).toString())}}}});
    if (status == u"timeout")
        return HttpResponse::json(
            QJsonObject {{u"__error__"_s,
                          QJsonObject {{u"error"_s, u"TimeoutError"_s},
                                       {u"message"_s, u"The run timed out."_s}}}});
    const QJsonObject *thread = m_services.store.thread(run.value("thread_id"_L1).toString());
    return HttpResponse::json(thread ? thread->value("values"_L1).toObject() : QJsonObject {});
}

} // namespace crondesk::sandbox
