#include "apiclient.h"

#include "apinetworkmanager.h"
#include "croncreator.h"
#include "cronupdater.h"
#include "jsonlist.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

std::optional<QJsonObject> decodeObject(int, const QByteArray &body, QString *error)
{
    return parseJsonObject(body, error);
}

std::optional<qint64> decodeCount(int, const QByteArray &body, QString *error)
{
    // The count is a bare JSON integer: "2".
    bool ok = false;
    const qint64 count = body.trimmed().toLongLong(&ok);
    if (!ok || count < 0) {
        *error = u"expected a count (a bare integer), got \"%1\""_s.arg(
            QString::fromUtf8(body.left(80)));
        return std::nullopt;
    }
    return count;
}

std::optional<Empty> decodeEmpty(int, const QByteArray &, QString *)
{
    return Empty {};
}

std::optional<Cron> decodeCron(int, const QByteArray &body, QString *error)
{
    // The list's decoder: a cron reads the same alone as in a page, however deep its payload.
    QString problem;
    std::optional<Cron> cron = cronFromJsonText(body, &problem);
    if (cron)
        return cron;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (!object.contains("cron_id"_L1) && object.contains("run_id"_L1)) {
        // Aegra answers a create with the first run instead of the cron (api-contract §2.1).
        *error = u"the server answered with a run (%1), not the cron"_s.arg(
            object.value("run_id"_L1).toString());
        return std::nullopt;
    }
    *error = problem;
    return std::nullopt;
}

template<typename T, typename Decode>
typename ApiResultRequest<T>::Decoder objectDecoder(Decode decode)
{
    return [decode](int, const QByteArray &body, QString *error) -> std::optional<T> {
        const std::optional<QJsonObject> object = parseJsonObject(body, error);
        if (!object)
            return std::nullopt;
        return decode(*object, error);
    };
}

template<typename T>
struct IsList : std::false_type
{
};
template<typename T>
struct IsList<QList<T>> : std::true_type
{
};

// How much an answer of type T may hold (see AnswerLimits): pages are large, a count is a number.
template<typename T>
constexpr qint64 answerLimit()
{
    if constexpr (std::is_same_v<T, qint64> || std::is_same_v<T, Empty>)
        return AnswerLimits::scalar;
    else if constexpr (std::is_same_v<T, QJsonObject> || std::is_same_v<T, ServerInfo>)
        return AnswerLimits::small;
    else if constexpr (std::is_same_v<T, CronPage> || IsList<T>::value)
        return AnswerLimits::page;
    else
        return AnswerLimits::object;
}

ApiError invalidId(const QString &segment)
{
    ApiError error;
    error.kind = ApiError::Kind::Validation;
    error.message = ApiClient::tr("\"%1\" is not a valid id").arg(segment);
    return error;
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : ApiClient(RequestFactory(), parent)
{ }

ApiClient::ApiClient(const RequestFactory &factory, QObject *parent)
    : QObject(parent)
    , m_manager(new ApiNetworkManager(this))
    , m_factory(factory)
{ }

ApiClient::~ApiClient() = default;

QNetworkAccessManager *ApiClient::networkAccessManager() const
{
    return m_manager;
}

void ApiClient::setRequestFactory(const RequestFactory &factory)
{
    m_factory = factory;
    m_manager->dropIdleConnections();
}

template<typename T>
ApiResultRequest<T> *ApiClient::send(const QByteArray &verb, const QStringList &path,
                                     const QJsonObject *body, RetryPolicy retry,
                                     typename ApiResultRequest<T>::Decoder decoder,
                                     const QUrlQuery &query)
{
    QByteArray payload;
    if (body)
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    auto *request
        = new ApiResultRequest<T>(m_manager, m_factory.createRequest(path, query), verb, payload,
                                  m_factory.transferTimeout(), retry, std::move(decoder), this);
    request->setMaxAnswerBytes(answerLimit<T>());
    if (const QString problem = m_factory.headerProblem(); !problem.isEmpty()) {
        // createRequest() left the bad header out; sending without it would be a different request
        // (another identity, another auth scheme) from the one asked for.
        ApiError error;
        error.kind = ApiError::Kind::BadRequest;
        error.message = problem;
        request->failBeforeSending(error);
        return request;
    }
    for (const QString &segment : path) {
        if (!RequestFactory::isSafePathSegment(segment)) {
            // QUrl turns %2E back into '.', so "." and ".." cannot be sent as ids; no server id
            // looks like that, and sending them would address a different resource.
            request->failBeforeSending(invalidId(segment));
            break;
        }
    }
    return request;
}

CapabilityProbe *ApiClient::probeCapabilities()
{
    auto *probe = new CapabilityProbe(this, this);
    connect(probe, &CapabilityProbe::succeeded, this,
            [this, probe] { m_capabilities = probe->capabilities(); });
    return probe;
}

JsonObjectRequest *ApiClient::ok()
{
    return send<QJsonObject>("GET", {u"ok"_s}, nullptr, RetryPolicy::idempotent(), decodeObject);
}

ServerInfoRequest *ApiClient::info()
{
    return send<ServerInfo>("GET", {u"info"_s}, nullptr, RetryPolicy::idempotent(),
                            objectDecoder<ServerInfo>(serverInfoFromJson));
}

void ApiClient::refuseIfReadOnly(ApiRequest *request) const
{
    if (!m_factory.isReadOnly())
        return;
    ApiError error;
    error.kind = ApiError::Kind::Forbidden;
    error.message = m_factory.readOnlyReason().isEmpty()
        ? tr("This connection is read-only: nothing was changed")
        : m_factory.readOnlyReason();
    request->failBeforeSending(error);
}

CronRequest *ApiClient::postCron(const QStringList &path, const QJsonObject &body)
{
    // Never repeated: a second POST after a lost answer could make a second cron.
    auto *request = send<Cron>("POST", path, &body, RetryPolicy::never(), decodeCron);
    refuseIfReadOnly(request);
    return request;
}

CronRequest *ApiClient::createCron(const CronCreate &cron)
{
    return postCron({u"runs"_s, u"crons"_s}, cron.toJson());
}

CronRequest *ApiClient::createThreadCron(const QString &threadId, const CronCreate &cron)
{
    QJsonObject body = cron.toJson();
    body.remove("on_run_completed"_L1);
    return postCron({u"threads"_s, threadId, u"runs"_s, u"crons"_s}, body);
}

CronCreator *ApiClient::createCronOnce(const CronCreate &cron, const QString &threadId)
{
    return new CronCreator(this, cron, threadId, this);
}

CronRequest *ApiClient::getCron(const QString &cronId)
{
    return send<Cron>("GET", {u"runs"_s, u"crons"_s, cronId}, nullptr, RetryPolicy::idempotent(),
                      decodeCron);
}

CronRequest *ApiClient::updateCron(const QString &cronId, const CronPatch &patch)
{
    const QJsonObject body = patch.toJson();
    // Never repeated: PATCH merges metadata, and a repeat could undo someone else's change.
    auto *request = send<Cron>("PATCH", {u"runs"_s, u"crons"_s, cronId}, &body,
                               RetryPolicy::never(), decodeCron);
    refuseIfReadOnly(request);
    if (body.isEmpty()) {
        ApiError error;
        error.kind = ApiError::Kind::BadRequest;
        error.message = tr("Nothing to change");
        request->failBeforeSending(error);
    }
    return request;
}

CronUpdater *ApiClient::updateCronChecked(const QString &cronId, const CronPatch &patch)
{
    return new CronUpdater(this, cronId, patch, this);
}

EmptyRequest *ApiClient::deleteCron(const QString &cronId)
{
    auto *request = send<Empty>("DELETE", {u"runs"_s, u"crons"_s, cronId}, nullptr,
                                RetryPolicy::deletion(), decodeEmpty);
    refuseIfReadOnly(request);
    return request;
}

CronPageRequest *ApiClient::searchCrons(const CronSearchQuery &query)
{
    const QJsonObject body = query.toJson();
    const int offset = query.offset;
    const int limit = query.limit;
    // With `select`, rows may lack the schedule; only the id is then required.
    const bool partialRows = !query.select.isEmpty();
    auto decoder = [offset, limit, partialRows](int, const QByteArray &bytes,
                                                QString *error) -> std::optional<CronPage> {
        std::optional<QList<Cron>> crons = cronListFromJson(
            bytes, error, partialRows ? CronDecoding::IdOnly : CronDecoding::Full);
        if (!crons)
            return std::nullopt;
        CronPage page;
        page.offset = offset;
        if (crons->size() >= limit)
            page.nextOffset = offset + int(crons->size());
        page.crons = std::move(*crons);
        return page;
    };
    return send<CronPage>("POST", {u"runs"_s, u"crons"_s, u"search"_s}, &body,
                          RetryPolicy::idempotent(), decoder);
}

CountRequest *ApiClient::countCrons(const CronCountQuery &query)
{
    const QJsonObject body = query.toJson();
    return send<qint64>("POST", {u"runs"_s, u"crons"_s, u"count"_s}, &body,
                        RetryPolicy::idempotent(), decodeCount);
}

AssistantListRequest *ApiClient::searchAssistants(const AssistantSearchQuery &query)
{
    const QJsonObject body = query.toJson();
    return send<QList<Assistant>>("POST", {u"assistants"_s, u"search"_s}, &body,
                                  RetryPolicy::idempotent(),
                                  [](int, const QByteArray &bytes, QString *error) {
                                      return assistantListFromJson(bytes, error);
                                  });
}

AssistantRequest *ApiClient::getAssistant(const QString &assistantId)
{
    return send<Assistant>("GET", {u"assistants"_s, assistantId}, nullptr,
                           RetryPolicy::idempotent(),
                           objectDecoder<Assistant>([](const QJsonObject &object, QString *error) {
                               return assistantFromJson(object, error);
                           }));
}

AssistantGraphRequest *ApiClient::getAssistantGraph(const QString &assistantIdOrGraph, bool xray)
{
    QUrlQuery query;
    query.addQueryItem(u"xray"_s, xray ? u"true"_s : u"false"_s);
    return send<AssistantGraph>(
        "GET", {u"assistants"_s, assistantIdOrGraph, u"graph"_s}, nullptr,
        RetryPolicy::idempotent(),
        objectDecoder<AssistantGraph>([](const QJsonObject &object, QString *error) {
            return assistantGraphFromJson(object, error);
        }),
        query);
}

AssistantSchemasRequest *ApiClient::getAssistantSchemas(const QString &assistantId)
{
    return send<AssistantSchemas>(
        "GET", {u"assistants"_s, assistantId, u"schemas"_s}, nullptr, RetryPolicy::idempotent(),
        objectDecoder<AssistantSchemas>([](const QJsonObject &object, QString *error) {
            return assistantSchemasFromJson(object, error);
        }));
}

ThreadRequest *ApiClient::createThread(const QJsonObject &metadata)
{
    QJsonObject body;
    if (!metadata.isEmpty())
        body.insert("metadata"_L1, metadata);
    // Not repeated: without a thread_id of ours a repeat would make a second thread.
    auto *request
        = send<Thread>("POST", {u"threads"_s}, &body, RetryPolicy::never(),
                       objectDecoder<Thread>([](const QJsonObject &object, QString *error) {
                           return threadFromJson(object, error);
                       }));
    refuseIfReadOnly(request);
    return request;
}

ThreadListRequest *ApiClient::searchThreads(const ThreadSearchQuery &query)
{
    const QJsonObject body = query.toJson();
    return send<QList<Thread>>("POST", {u"threads"_s, u"search"_s}, &body,
                               RetryPolicy::idempotent(),
                               [](int, const QByteArray &bytes, QString *error) {
                                   return threadListFromJson(bytes, error);
                               });
}

ThreadRequest *ApiClient::getThread(const QString &threadId)
{
    return send<Thread>("GET", {u"threads"_s, threadId}, nullptr, RetryPolicy::idempotent(),
                        objectDecoder<Thread>([](const QJsonObject &object, QString *error) {
                            return threadFromJson(object, error);
                        }));
}

RunListRequest *ApiClient::listThreadRuns(const QString &threadId, int limit, int offset)
{
    return listThreadRuns(threadId, QString(), limit, offset);
}

RunListRequest *ApiClient::listThreadRuns(const QString &threadId, const QString &status, int limit,
                                          int offset)
{
    QUrlQuery query;
    if (!status.isEmpty())
        query.addQueryItem(u"status"_s, status);
    query.addQueryItem(u"limit"_s, QString::number(limit));
    query.addQueryItem(u"offset"_s, QString::number(offset));
    return send<QList<Run>>(
        "GET", {u"threads"_s, threadId, u"runs"_s}, nullptr, RetryPolicy::idempotent(),
        [](int, const QByteArray &bytes, QString *error) { return runListFromJson(bytes, error); },
        query);
}

namespace {

std::optional<Run> decodeRun(int, const QByteArray &body, QString *error)
{
    const std::optional<QJsonObject> object = parseJsonObject(body, error);
    if (!object)
        return std::nullopt;
    return runFromJson(*object, error);
}

} // namespace

RunRequest *ApiClient::getThreadRun(const QString &threadId, const QString &runId)
{
    return send<Run>("GET", {u"threads"_s, threadId, u"runs"_s, runId}, nullptr,
                     RetryPolicy::idempotent(), decodeRun);
}

JsonObjectRequest *ApiClient::joinThreadRun(const QString &threadId, const QString &runId)
{
    return send<QJsonObject>("GET", {u"threads"_s, threadId, u"runs"_s, runId, u"join"_s}, nullptr,
                             RetryPolicy::idempotent(), decodeObject);
}

RunRequest *ApiClient::postRun(const QStringList &path, const QJsonObject &body)
{
    // Never repeated: a second POST after a lost answer could start a second run.
    auto *request = send<Run>("POST", path, &body, RetryPolicy::never(), decodeRun);
    refuseIfReadOnly(request);
    return request;
}

RunRequest *ApiClient::createThreadRun(const QString &threadId, const RunCreate &run)
{
    return postRun({u"threads"_s, threadId, u"runs"_s}, run.toJson(false));
}

RunRequest *ApiClient::createStatelessRun(const RunCreate &run)
{
    return postRun({u"runs"_s}, run.toJson(true));
}

EmptyRequest *ApiClient::cancelThreadRun(const QString &threadId, const QString &runId,
                                         CancelAction action, bool wait)
{
    QUrlQuery query;
    query.addQueryItem(u"wait"_s, wait ? u"true"_s : u"false"_s);
    query.addQueryItem(u"action"_s,
                       action == CancelAction::Rollback ? u"rollback"_s : u"interrupt"_s);
    auto *request = send<Empty>("POST", {u"threads"_s, threadId, u"runs"_s, runId, u"cancel"_s},
                                nullptr, RetryPolicy::idempotent(), decodeEmpty, query);
    refuseIfReadOnly(request);
    return request;
}

} // namespace crondesk::api
