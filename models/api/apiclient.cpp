#include "apiclient.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

std::optional<QJsonObject> decodeObject(int, const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = u"expected a JSON object"_s;
        return std::nullopt;
    }
    return document.object();
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

} // namespace

ApiClient::ApiClient(QObject *parent)
    : ApiClient(RequestFactory(), parent)
{ }

ApiClient::ApiClient(const RequestFactory &factory, QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
    , m_factory(factory)
{ }

ApiClient::~ApiClient() = default;

template<typename T>
ApiResultRequest<T> *ApiClient::send(const QByteArray &verb, const QStringList &path,
                                     const QJsonObject *body, RetryPolicy retry,
                                     typename ApiResultRequest<T>::Decoder decoder)
{
    QByteArray payload;
    if (body)
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    auto *request
        = new ApiResultRequest<T>(m_manager, m_factory.createRequest(path), verb, payload,
                                  m_factory.transferTimeout(), retry, std::move(decoder), this);
    for (const QString &segment : path) {
        if (!RequestFactory::isSafePathSegment(segment)) {
            // QUrl turns %2E back into '.', so "." and ".." cannot be sent as ids; no server id
            // looks like that, and sending them would address a different resource.
            ApiError error;
            error.kind = ApiError::Kind::Validation;
            error.message = tr("\"%1\" is not a valid id").arg(segment);
            request->failBeforeSending(error);
        }
    }
    return request;
}

JsonObjectRequest *ApiClient::ok()
{
    return send<QJsonObject>("GET", {u"ok"_s}, nullptr, RetryPolicy::idempotent(), decodeObject);
}

JsonObjectRequest *ApiClient::info()
{
    return send<QJsonObject>("GET", {u"info"_s}, nullptr, RetryPolicy::idempotent(), decodeObject);
}

AssistantListRequest *ApiClient::searchAssistants(const QJsonObject &body)
{
    return send<QList<Assistant>>("POST", {u"assistants"_s, u"search"_s}, &body,
                                  RetryPolicy::idempotent(),
                                  [](int, const QByteArray &bytes, QString *error) {
                                      return assistantListFromJson(bytes, error);
                                  });
}

CronPageRequest *ApiClient::searchCrons(const CronSearchQuery &query)
{
    const QJsonObject body = query.toJson();
    const int offset = query.offset;
    const int limit = query.limit;
    auto decoder
        = [offset, limit](int, const QByteArray &bytes, QString *error) -> std::optional<CronPage> {
        std::optional<QList<Cron>> crons = cronListFromJson(bytes, error);
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

EmptyRequest *ApiClient::deleteCron(const QString &cronId)
{
    return send<Empty>("DELETE", {u"runs"_s, u"crons"_s, cronId}, nullptr, RetryPolicy::deletion(),
                       decodeEmpty);
}

} // namespace crondesk::api
