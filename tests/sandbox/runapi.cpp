#include "runapi.h"

#include "apiutil.h"
#include "clock.h"
#include "graphcatalog.h"
#include "jsonschema.h"
#include "requestschemas.h"
#include "router.h"
#include "runengine.h"
#include "store.h"
#include "threadapi.h"
#include "uuids.h"

#include <QJsonArray>
#include <QUrl>

#include <chrono>
#include <cmath>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

HttpResponse invalidThreadId()
{
    return HttpResponse::error(422, u"Invalid thread ID: must be a UUID"_s);
}

HttpResponse notOneOf(const QString &value, const QStringList &allowed)
{
    return HttpResponse::error(
        422,
        u"%1 is not one of %2"_s.arg(JsonSchema::show(QJsonValue(value)),
                                     JsonSchema::show(QJsonArray::fromStringList(allowed))));
}

HttpResponse created(const QJsonObject &run)
{
    HttpResponse response = HttpResponse::json(run);
    response.headers.append(
        {QByteArrayLiteral("content-location"),
         u"/threads/%1/runs/%2"_s
             .arg(run.value("thread_id"_L1).toString(), run.value("run_id"_L1).toString())
             .toUtf8()});
    return response;
}

std::chrono::milliseconds delayOf(const QJsonObject &body)
{
    const double seconds = body.value("after_seconds"_L1).toDouble(0);
    return std::chrono::milliseconds(seconds > 0 ? qint64(std::llround(seconds * 1000)) : 0);
}

} // namespace

RunApi::RunApi(Services services, RunEngine &engine)
    : m_services(services)
    , m_engine(engine)
{ }

void RunApi::registerRoutes(Router &router)
{
    router.add("POST", u"/threads/{thread_id}/runs"_s,
               [this](const ApiRequest &request) { return createOnThread(request); });
    router.add("POST", u"/runs"_s,
               [this](const ApiRequest &request) { return createStateless(request); });
    router.add("POST", u"/threads/{thread_id}/runs/{run_id}/cancel"_s,
               [this](const ApiRequest &request) { return cancel(request); });
    router.add("DELETE", u"/threads/{thread_id}/runs/{run_id}"_s,
               [this](const ApiRequest &request) { return remove(request); });
}

std::optional<HttpResponse> RunApi::validateFields(const QJsonObject &body) const
{
    if (body.contains("webhook"_L1)) {
        const QUrl url(body.value("webhook"_L1).toString(), QUrl::StrictMode);
        if (!url.isValid())
            return HttpResponse::error(422, u"Invalid webhook URL"_s);
        if (!url.isRelative() && url.scheme() != u"http" && url.scheme() != u"https")
            return HttpResponse::error(422, u"Webhook must use http or https"_s);
    }
    if (containsNulKey(body.value("config"_L1)) || containsNulKey(body.value("context"_L1)))
        return HttpResponse::error(422, u"Property names must not contain NUL characters"_s);
    return std::nullopt;
}

QJsonObject RunApi::kwargsOf(const QJsonObject &body)
{
    static const QStringList keys = {u"input"_s,
                                     u"command"_s,
                                     u"config"_s,
                                     u"context"_s,
                                     u"webhook"_s,
                                     u"interrupt_before"_s,
                                     u"interrupt_after"_s,
                                     u"stream_mode"_s,
                                     u"stream_subgraphs"_s,
                                     u"stream_resumable"_s,
                                     u"feedback_keys"_s,
                                     u"checkpoint"_s,
                                     u"durability"_s,
                                     u"checkpoint_during"_s};
    QJsonObject kwargs;
    for (const QString &key : keys) {
        if (body.contains(key))
            kwargs.insert(key, body.value(key));
    }
    return kwargs;
}

HttpResponse RunApi::createOnThread(const ApiRequest &request)
{
    const QString threadId = canonicalUuid(request.pathParameters.at(0));
    if (threadId.isNull())
        return invalidThreadId();
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::runCreateStateful(), &body))
        return *error;
    if (auto error = validateFields(body))
        return *error;
    const QString requestedAssistant = body.value("assistant_id"_L1).toString();
    const QString assistantId = resolveAssistantId(m_services.store, requestedAssistant);
    if (assistantId.isNull())
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requestedAssistant));
    stripReservedKeys(body);

    if (!m_services.store.thread(threadId)) {
        if (body.value("if_not_exists"_L1).toString(u"reject"_s) != u"create")
            return HttpResponse::error(404, u"Thread %1 not found"_s.arg(threadId));
        const QJsonObject *assistant = m_services.store.assistant(assistantId);
        const QJsonObject thread = ThreadApi::newThread(
            threadId,
            {{u"graph_id"_s, assistant ? assistant->value("graph_id"_L1) : QJsonValue::Null},
             {u"assistant_id"_s, assistantId}},
            m_services.clock.now());
        if (!m_services.store.putThread(thread))
            return HttpResponse::error(500, u"Failed to store the thread"_s);
    }

    bool rejected = false;
    const QJsonObject run = m_engine.create(
        {threadId, assistantId, body.value("metadata"_L1).toObject(), kwargsOf(body),
         body.value("multitask_strategy"_L1).toString(u"enqueue"_s), delayOf(body), false},
        &rejected);
    if (rejected)
        return HttpResponse::error(409,
                                   u"Thread is already running a task. Wait for it to "
                                   "finish or choose a different multitask strategy."_s);
    if (run.isEmpty())
        return HttpResponse::error(500, u"Failed to store the run"_s);
    return created(run);
}

HttpResponse RunApi::createStateless(const ApiRequest &request)
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::runCreateStateless(), &body))
        return *error;
    if (auto error = validateFields(body))
        return *error;
    const QString requestedAssistant = body.value("assistant_id"_L1).toString();
    const QString assistantId = resolveAssistantId(m_services.store, requestedAssistant);
    if (assistantId.isNull())
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requestedAssistant));
    stripReservedKeys(body);

    // Each stateless run gets a temporary thread, as the server's scheduler does for a stateless
    // cron; on_completion decides whether it outlives the run.
    const QString threadId = m_services.ids.next();
    const QJsonObject *assistant = m_services.store.assistant(assistantId);
    const QJsonObject thread = ThreadApi::newThread(
        threadId,
        {{u"graph_id"_s, assistant ? assistant->value("graph_id"_L1) : QJsonValue::Null},
         {u"assistant_id"_s, assistantId}},
        m_services.clock.now());
    if (!m_services.store.putThread(thread))
        return HttpResponse::error(500, u"Failed to store the thread"_s);
    const QString onCompletion = body.value("on_completion"_L1).toString(u"delete"_s);
    QJsonObject kwargs = kwargsOf(body);
    kwargs.insert(u"on_completion"_s, onCompletion);
    const QJsonObject run
        = m_engine.create({threadId, assistantId, body.value("metadata"_L1).toObject(), kwargs,
                           u"reject"_s, delayOf(body), onCompletion == u"delete"});
    if (run.isEmpty())
        return HttpResponse::error(500, u"Failed to store the run"_s);
    return created(run);
}

std::optional<HttpResponse> RunApi::findRun(const ApiRequest &request, QString *threadId,
                                            QString *runId) const
{
    *threadId = canonicalUuid(request.pathParameters.at(0));
    if (threadId->isNull())
        return invalidThreadId();
    *runId = canonicalUuid(request.pathParameters.at(1));
    if (runId->isNull())
        return HttpResponse::error(422, u"Invalid run ID: must be a UUID"_s);
    if (!m_services.store.thread(*threadId))
        return HttpResponse::error(404, u"Thread %1 not found"_s.arg(*threadId));
    if (!m_services.store.run(*threadId, *runId))
        return HttpResponse::error(404, u"Run %1 not found"_s.arg(*runId));
    return std::nullopt;
}

HttpResponse RunApi::cancel(const ApiRequest &request)
{
    QString threadId;
    QString runId;
    if (auto error = findRun(request, &threadId, &runId))
        return *error;
    static const QStringList actions = {u"interrupt"_s, u"rollback"_s};
    const QString action = request.query.hasQueryItem(u"action"_s)
        ? request.query.queryItemValue(u"action"_s)
        : u"interrupt"_s;
    if (!actions.contains(action))
        return notOneOf(action, actions);
    if (request.query.hasQueryItem(u"wait"_s)) {
        // Query booleans as the server's parser reads them.
        static const QStringList booleans
            = {u"true"_s, u"false"_s, u"1"_s, u"0"_s, u"yes"_s, u"no"_s, u"on"_s, u"off"_s};
        const QString wait = request.query.queryItemValue(u"wait"_s);
        if (!booleans.contains(wait.toLower()))
            return HttpResponse::error(
                422, u"%1 is not of type \"boolean\""_s.arg(JsonSchema::show(QJsonValue(wait))));
    }
    // Cancelling takes effect at once here, so `wait` has nothing to wait for.
    if (!m_engine.cancel(threadId, runId, action == u"rollback"))
        return HttpResponse::error(500, u"Failed to cancel the run"_s);
    return HttpResponse::json(QJsonObject {});
}

HttpResponse RunApi::remove(const ApiRequest &request)
{
    QString threadId;
    QString runId;
    if (auto error = findRun(request, &threadId, &runId))
        return *error;
    if (!m_engine.remove(threadId, runId))
        return HttpResponse::error(500, u"Failed to delete the run"_s);
    return HttpResponse::json(QJsonObject {});
}

} // namespace crondesk::sandbox
