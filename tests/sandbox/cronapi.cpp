#include "cronapi.h"

#include "apiutil.h"
#include "clock.h"
#include "graphcatalog.h"
#include "logging.h"
#include "nextrun.h"
#include "requestschemas.h"
#include "router.h"
#include "store.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>
#include <QUrl>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

HttpResponse invalidCronId()
{
    return HttpResponse::error(422, u"Invalid cron ID: must be a UUID"_s);
}

HttpResponse cronNotFound(const QString &cronId)
{
    return HttpResponse::error(404, u"Cron %1 not found"_s.arg(cronId));
}

// The keys a PATCH replaces inside `payload`, one by one.
const QStringList &payloadPatchKeys()
{
    static const QStringList keys = {u"input"_s,       u"config"_s,           u"context"_s,
                                     u"webhook"_s,     u"interrupt_before"_s, u"interrupt_after"_s,
                                     u"stream_mode"_s, u"stream_subgraphs"_s, u"stream_resumable"_s,
                                     u"durability"_s,  u"on_run_completed"_s, u"schedule"_s,
                                     u"timezone"_s,    u"end_time"_s,         u"enabled"_s};
    return keys;
}

// Parses the filters search and count share; returns an error response for non-UUID ids.
std::optional<HttpResponse> readFilter(const QJsonObject &body, CronFilter *filter)
{
    if (body.contains("assistant_id"_L1)) {
        filter->assistantId = canonicalUuid(body.value("assistant_id"_L1).toString());
        if (filter->assistantId.isNull())
            return HttpResponse::error(422, u"Invalid assistant ID: must be a UUID"_s);
    }
    if (body.contains("thread_id"_L1)) {
        filter->threadId = canonicalUuid(body.value("thread_id"_L1).toString());
        if (filter->threadId.isNull())
            return HttpResponse::error(422, u"Invalid thread ID: must be a UUID"_s);
    }
    if (body.contains("enabled"_L1))
        filter->enabled = body.value("enabled"_L1).toBool();
    filter->metadata = body.value("metadata"_L1).toObject();
    return std::nullopt;
}

} // namespace

CronApi::CronApi(Services services)
    : m_services(services)
{ }

void CronApi::registerRoutes(Router &router)
{
    router.add("POST", u"/runs/crons"_s,
               [this](const ApiRequest &request) { return create(request, QString()); });
    router.add("POST", u"/threads/{thread_id}/runs/crons"_s, [this](const ApiRequest &request) {
        const QString threadId = canonicalUuid(request.pathParameters.at(0));
        if (threadId.isNull())
            return HttpResponse::error(422, u"Invalid thread ID: must be a UUID"_s);
        return create(request, threadId);
    });
    router.add("POST", u"/runs/crons/search"_s,
               [this](const ApiRequest &request) { return search(request); });
    router.add("POST", u"/runs/crons/count"_s,
               [this](const ApiRequest &request) { return count(request); });
    router.add("GET", u"/runs/crons/{cron_id}"_s,
               [this](const ApiRequest &request) { return get(request); });
    router.add("PATCH", u"/runs/crons/{cron_id}"_s,
               [this](const ApiRequest &request) { return patch(request); });
    router.add("DELETE", u"/runs/crons/{cron_id}"_s,
               [this](const ApiRequest &request) { return remove(request); });
}

std::optional<QDateTime> CronApi::nextRunDate(const QJsonObject &cron, const QDateTime &after) const
{
    const QJsonValue timezone = cron.value("timezone"_L1);
    return m_services.nextRun.next(cron.value("schedule"_L1).toString(),
                                   timezone.isString() ? timezone.toString() : QString(), after);
}

std::optional<HttpResponse> CronApi::validateFields(const QJsonObject &body) const
{
    if (body.contains("timezone"_L1)) {
        const QString timezone = body.value("timezone"_L1).toString();
        if (!m_services.nextRun.isValidTimeZone(timezone))
            return HttpResponse::error(
                422,
                u"Invalid timezone: '%1'. Use IANA timezone format (e.g. 'America/New_York')."_s
                    .arg(timezone));
    }
    if (body.contains("schedule"_L1)
        && !m_services.nextRun.isValidSchedule(body.value("schedule"_L1).toString()))
        return HttpResponse::error(422, u"Invalid cron schedule"_s);
    const QJsonValue endTime = body.value("end_time"_L1);
    if (endTime.isString() && !parseTimestamp(endTime.toString()))
        return HttpResponse::error(422,
                                   u"%1 is not a \"date-time\""_s.arg(JsonSchema::show(endTime)));
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

HttpResponse CronApi::create(const ApiRequest &request, const QString &threadId)
{
    const bool threadBound = !threadId.isNull();
    QJsonObject body;
    if (auto error = readJsonBody(
            request, threadBound ? schemas::threadCronCreate() : schemas::cronCreate(), &body))
        return *error;
    if (auto error = validateFields(body))
        return *error;

    const QString requestedAssistant = body.value("assistant_id"_L1).toString();
    const QString assistantId = resolveAssistantId(m_services.store, requestedAssistant);
    if (assistantId.isNull())
        return HttpResponse::error(404, u"Assistant '%1' not found"_s.arg(requestedAssistant));
    if (threadBound && !m_services.store.thread(threadId))
        return HttpResponse::error(404, u"Thread %1 not found"_s.arg(threadId));

    const QDateTime now = m_services.clock.now();
    stripReservedKeys(body);

    // The payload is the create body after resolution: what each firing's run is made from.
    QJsonObject payload = body;
    payload.insert(u"assistant_id"_s, assistantId);
    if (!payload.contains("config"_L1))
        payload.insert(u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {}}});
    if (threadBound && !payload.contains("multitask_strategy"_L1))
        payload.insert(u"multitask_strategy"_s, u"enqueue"_s);
    if (body.value("end_time"_L1).isString())
        payload.insert(u"end_time"_s,
                       formatTimestamp(*parseTimestamp(body.value("end_time"_L1).toString())));

    QJsonObject cron;
    cron.insert(u"cron_id"_s, m_services.ids.next());
    cron.insert(u"assistant_id"_s, assistantId);
    cron.insert(u"thread_id"_s, threadBound ? QJsonValue(threadId) : QJsonValue(QJsonValue::Null));
    cron.insert(u"on_run_completed"_s,
                threadBound ? QJsonValue(QJsonValue::Null)
                            : body.value("on_run_completed"_L1).toString(u"delete"_s));
    const QJsonValue endTime = body.value("end_time"_L1);
    cron.insert(u"end_time"_s,
                endTime.isString()
                    ? QJsonValue(formatTimestamp(*parseTimestamp(endTime.toString())))
                    : QJsonValue(QJsonValue::Null));
    cron.insert(u"schedule"_s, body.value("schedule"_L1).toString());
    cron.insert(u"timezone"_s,
                body.value("timezone"_L1).isString() ? body.value("timezone"_L1)
                                                     : QJsonValue(QJsonValue::Null));
    cron.insert(u"created_at"_s, formatTimestamp(now));
    cron.insert(u"updated_at"_s, formatTimestamp(now));
    cron.insert(u"user_id"_s, QJsonValue::Null);
    cron.insert(u"payload"_s, payload);
    const auto next = nextRunDate(cron, now);
    cron.insert(u"next_run_date"_s, next ? QJsonValue(formatTimestamp(*next)) : QJsonValue::Null);
    cron.insert(u"metadata"_s, body.value("metadata"_L1).toObject());
    cron.insert(u"enabled"_s, body.value("enabled"_L1).toBool(true));

    if (!m_services.store.putCron(cron))
        return HttpResponse::error(500, u"Failed to store the cron"_s);
    return HttpResponse::json(cron);
}

HttpResponse CronApi::get(const ApiRequest &request) const
{
    const QString cronId = canonicalUuid(request.pathParameters.at(0));
    if (cronId.isNull())
        return invalidCronId();
    const CronRecord *cron = m_services.store.cron(cronId);
    if (!cron)
        return cronNotFound(cronId);
    return HttpResponse::rawJson(cron->compactJson());
}

HttpResponse CronApi::patch(const ApiRequest &request)
{
    const QString cronId = canonicalUuid(request.pathParameters.at(0));
    if (cronId.isNull())
        return invalidCronId();
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::cronPatch(), &body))
        return *error;
    if (body.isEmpty())
        return HttpResponse::error(400, u"Request body cannot be empty"_s);
    if (auto error = validateFields(body))
        return *error;
    const CronRecord *existing = m_services.store.cron(cronId);
    if (!existing)
        return cronNotFound(cronId);

    stripReservedKeys(body);
    const QDateTime now = m_services.clock.now();
    QJsonObject cron = existing->json;
    QJsonObject payload = cron.value("payload"_L1).toObject();
    const bool threadBound = cron.value("thread_id"_L1).isString();

    // assistant_id and thread_id are not patchable: the server ignores them, and so do we.
    if (body.contains("assistant_id"_L1) || body.contains("thread_id"_L1))
        qCDebug(lcSandbox) << "Ignoring non-patchable assistant_id/thread_id in PATCH" << cronId;

    for (const QString &key : payloadPatchKeys()) {
        if (body.contains(key))
            payload.insert(key, body.value(key));
    }
    if (body.contains("schedule"_L1))
        cron.insert(u"schedule"_s, body.value("schedule"_L1));
    if (body.contains("timezone"_L1))
        cron.insert(u"timezone"_s, body.value("timezone"_L1));
    if (body.contains("end_time"_L1)) {
        // null clears the end time; omitting the key leaves it alone.
        const QJsonValue endTime = body.value("end_time"_L1);
        const QJsonValue stored = endTime.isString()
            ? QJsonValue(formatTimestamp(*parseTimestamp(endTime.toString())))
            : QJsonValue(QJsonValue::Null);
        cron.insert(u"end_time"_s, stored);
        payload.insert(u"end_time"_s, stored);
    }
    if (body.contains("enabled"_L1))
        cron.insert(u"enabled"_s, body.value("enabled"_L1));
    if (body.contains("on_run_completed"_L1) && !threadBound)
        cron.insert(u"on_run_completed"_s, body.value("on_run_completed"_L1));
    if (body.contains("metadata"_L1)) {
        // Merged, not replaced (server 0.7.30+).
        QJsonObject metadata = cron.value("metadata"_L1).toObject();
        QJsonObject payloadMetadata = payload.value("metadata"_L1).toObject();
        const QJsonObject update = body.value("metadata"_L1).toObject();
        for (auto it = update.begin(); it != update.end(); ++it) {
            metadata.insert(it.key(), it.value());
            payloadMetadata.insert(it.key(), it.value());
        }
        cron.insert(u"metadata"_s, metadata);
        payload.insert(u"metadata"_s, payloadMetadata);
    }
    if (body.contains("schedule"_L1) || body.contains("timezone"_L1)) {
        const auto next = nextRunDate(cron, now);
        cron.insert(u"next_run_date"_s,
                    next ? QJsonValue(formatTimestamp(*next)) : QJsonValue::Null);
    }
    cron.insert(u"payload"_s, payload);
    cron.insert(u"updated_at"_s, formatTimestamp(now));

    if (!m_services.store.putCron(cron))
        return HttpResponse::error(500, u"Failed to store the cron"_s);
    return HttpResponse::json(cron);
}

HttpResponse CronApi::remove(const ApiRequest &request)
{
    const QString cronId = canonicalUuid(request.pathParameters.at(0));
    if (cronId.isNull())
        return invalidCronId();
    if (!m_services.store.cron(cronId))
        return cronNotFound(cronId);
    if (!m_services.store.removeCron(cronId))
        return HttpResponse::error(500, u"Failed to delete the cron"_s);
    return HttpResponse::noContent();
}

HttpResponse CronApi::search(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::cronSearch(), &body))
        return *error;
    CronFilter filter;
    if (auto error = readFilter(body, &filter))
        return *error;
    const qsizetype limit = body.value("limit"_L1).toInteger(10);
    const qsizetype offset = body.value("offset"_L1).toInteger(0);
    const SortOrder order {body.value("sort_by"_L1).toString(u"created_at"_s),
                           body.value("sort_order"_L1).toString(u"desc"_s) != u"asc"};
    const QStringList select = stringList(body.value("select"_L1));

    const QList<const CronRecord *> page
        = m_services.store.searchCrons(filter, order, offset, limit);
    QByteArray json;
    if (select.isEmpty()) {
        qsizetype size = 2;
        for (const CronRecord *cron : page)
            size += cron->compactJson().size() + 1;
        json.reserve(size);
        json += '[';
        for (qsizetype i = 0; i < page.size(); ++i) {
            if (i > 0)
                json += ',';
            json += page.at(i)->compactJson();
        }
        json += ']';
    } else {
        QJsonArray array;
        for (const CronRecord *cron : page)
            array.append(project(cron->json, select));
        json = HttpResponse::json(array).body;
    }
    HttpResponse response = HttpResponse::rawJson(std::move(json));
    response.headers = paginationHeaders(offset, limit, page.size());
    return response;
}

HttpResponse CronApi::count(const ApiRequest &request) const
{
    QJsonObject body;
    if (auto error = readJsonBody(request, schemas::cronCount(), &body))
        return *error;
    CronFilter filter;
    if (auto error = readFilter(body, &filter))
        return *error;
    filter.enabled.reset(); // count has no enabled filter; the server ignores the key
    return HttpResponse::json(qint64(m_services.store.countCrons(filter)));
}

} // namespace crondesk::sandbox
