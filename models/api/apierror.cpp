#include "apierror.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
std::chrono::seconds parseRetryAfter(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::chrono::seconds(-1);
    bool ok = false;
    const qlonglong seconds = trimmed.toLongLong(&ok);
    if (ok)
        return std::chrono::seconds(std::max<qlonglong>(0, seconds));
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (when.isValid())
        return std::chrono::seconds(
            std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    return std::chrono::seconds(-1);
}

QString messageFromValue(const QJsonValue &value);

// FastAPI-style validation details are arrays of {loc, msg}; others are objects with a message.
QString messageFromObject(const QJsonObject &object)
{
    for (const auto key : {"message"_L1, "detail"_L1, "msg"_L1, "error"_L1}) {
        const QString text = messageFromValue(object.value(key));
        if (!text.isEmpty())
            return text;
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString messageFromValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().trimmed();
    if (value.isObject())
        return messageFromObject(value.toObject());
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &element : value.toArray()) {
            if (element.isObject()) {
                const QJsonObject item = element.toObject();
                QString text = messageFromValue(item.value("msg"_L1));
                if (text.isEmpty())
                    text = messageFromObject(item);
                const QJsonArray loc = item.value("loc"_L1).toArray();
                if (!loc.isEmpty())
                    text = loc.last().toVariant().toString() + u": "_s + text;
                parts.append(text);
            } else {
                parts.append(messageFromValue(element));
            }
        }
        return parts.join("; "_L1);
    }
    return {};
}

// The message of an error body, in the order the Python SDK reads it, plus `detail` first because
// that is what the Agent Server itself sends.
QString messageFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        for (const auto key : {"detail"_L1, "message"_L1, "error"_L1}) {
            const QString text = messageFromValue(object.value(key));
            if (!text.isEmpty())
                return text;
        }
        return {};
    }
    if (document.isArray())
        return messageFromValue(document.array());
    // A bare JSON string (the old ErrorResponse schema) or plain text.
    QByteArray text = body.trimmed();
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"')) {
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + text + "]");
        if (wrapped.isArray())
            return wrapped.array().first().toString();
    }
    if (text.size() > 500)
        text = text.left(500) + "…";
    return QString::fromUtf8(text);
}

ApiError::Kind kindForStatus(int status)
{
    using Kind = ApiError::Kind;
    switch (status) {
    case 400:
        return Kind::BadRequest;
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 405:
        return Kind::MethodNotAllowed;
    case 409:
        return Kind::Conflict;
    case 413:
        return Kind::PayloadTooLarge;
    case 422:
        return Kind::Validation;
    case 429:
        return Kind::RateLimited;
    default:
        break;
    }
    return status >= 500 && status <= 599 ? Kind::Server : Kind::UnexpectedStatus;
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 409:
        return u"Conflict"_s;
    case 413:
        return u"Payload Too Large"_s;
    case 422:
        return u"Unprocessable Entity"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return u"HTTP %1"_s.arg(status);
    }
}

} // namespace

bool ApiError::isAmbiguous() const
{
    if (notSent)
        return false;
    return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::Canceled
        || (kind == Kind::Server && httpStatus != 501) || kind == Kind::BadResponse;
}

bool ApiError::isAnswerLost() const
{
    return isAmbiguous()
        && (kind == Kind::Timeout || kind == Kind::Network || kind == Kind::BadResponse
            || (kind == Kind::Server && httpStatus == 504));
}

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
        return true;
    case Kind::Server:
        return httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    default:
        return false;
    }
}

QString kindName(ApiError::Kind kind)
{
    using Kind = ApiError::Kind;
    switch (kind) {
    case Kind::None:
        return QCoreApplication::translate("ApiError", "No error");
    case Kind::Network:
        return QCoreApplication::translate("ApiError", "Network error");
    case Kind::Tls:
        return QCoreApplication::translate("ApiError", "TLS error");
    case Kind::Timeout:
        return QCoreApplication::translate("ApiError", "Timed out");
    case Kind::Canceled:
        return QCoreApplication::translate("ApiError", "Canceled");
    case Kind::BadRequest:
        return QCoreApplication::translate("ApiError", "Bad request");
    case Kind::Unauthorized:
        return QCoreApplication::translate("ApiError", "Unauthorized");
    case Kind::Forbidden:
        return QCoreApplication::translate("ApiError", "Forbidden");
    case Kind::NotFound:
        return QCoreApplication::translate("ApiError", "Not found");
    case Kind::MethodNotAllowed:
        return QCoreApplication::translate("ApiError", "Not supported by this server");
    case Kind::Conflict:
        return QCoreApplication::translate("ApiError", "Conflict");
    case Kind::PayloadTooLarge:
        return QCoreApplication::translate("ApiError", "Request too large");
    case Kind::Validation:
        return QCoreApplication::translate("ApiError", "Rejected by the server");
    case Kind::RateLimited:
        return QCoreApplication::translate("ApiError", "Rate limited");
    case Kind::Server:
        return QCoreApplication::translate("ApiError", "Server error");
    case Kind::UnexpectedStatus:
        return QCoreApplication::translate("ApiError", "Unexpected answer");
    case Kind::BadResponse:
        return QCoreApplication::translate("ApiError", "Malformed response");
    }
    return {};
}

QString ApiError::toString() const
{
    QString text = kindName(kind);
    if (httpStatus > 0)
        text += u" ("_s + QString::number(httpStatus) + u')';
    if (!message.isEmpty())
        text += u": "_s + message;
    if (kind == Kind::RateLimited && retryAfter.count() >= 0)
        text += QCoreApplication::translate("ApiError", " (retry after %n s)", nullptr,
                                            int(retryAfter.count()));
    if (!requestId.isEmpty())
        text += QCoreApplication::translate("ApiError", " [request %1]").arg(requestId);
    return text;
}

ApiError::Resource missingResource(const QString &detail)
{
    using Resource = ApiError::Resource;
    if (detail.startsWith("Thread"_L1, Qt::CaseInsensitive))
        return Resource::Thread;
    if (detail.startsWith("Assistant"_L1, Qt::CaseInsensitive)
        || detail.contains("graph"_L1, Qt::CaseInsensitive))
        return Resource::Assistant;
    if (detail.startsWith("Cron"_L1, Qt::CaseInsensitive))
        return Resource::Cron;
    if (detail.startsWith("Run"_L1, Qt::CaseInsensitive))
        return Resource::Run;
    return Resource::None;
}

QString fieldFromDetail(const QString &detail)
{
    // Details the server is known to write, most specific first (api-contract §6.11, §7.16).
    static const std::array<std::pair<QLatin1StringView, QLatin1StringView>, 9> known {{
        {"Invalid timezone"_L1, "timezone"_L1},
        {"Invalid cron schedule"_L1, "schedule"_L1},
        {"Invalid cron ID"_L1, "cron_id"_L1},
        {"Invalid thread ID"_L1, "thread_id"_L1},
        {"Invalid assistant ID"_L1, "assistant_id"_L1},
        {"Assistant '"_L1, "assistant_id"_L1},
        {"Thread '"_L1, "thread_id"_L1},
        {"Webhook"_L1, "webhook"_L1},
        {"Invalid select columns"_L1, "select"_L1},
    }};
    for (const auto &[prefix, field] : known) {
        if (detail.startsWith(prefix, Qt::CaseInsensitive))
            return field;
    }
    // jsonschema_rs: '"x" is a required property', or '... at /end_time' / 'at "webhook"'.
    static const QRegularExpression required(
        uR"re("([A-Za-z_][A-Za-z0-9_]*)" is a required property)re"_s);
    if (const auto match = required.match(detail); match.hasMatch())
        return match.captured(1);
    static const QRegularExpression pointer(
        uR"re((?:at|path|instance_path)\W*/([A-Za-z_][A-Za-z0-9_]*))re"_s);
    if (const auto match = pointer.match(detail); match.hasMatch())
        return match.captured(1);
    static const QRegularExpression schedule(uR"re(\b(schedule|cron expression)\b)re"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    if (schedule.match(detail).hasMatch())
        return u"schedule"_s;
    return {};
}

QString fieldFromQuotedValue(const QString &detail, const QJsonObject &requestBody)
{
    if (detail.isEmpty() || requestBody.isEmpty())
        return {};
    // jsonschema_rs starts with the offending instance as JSON: a string in double quotes, a
    // number, true/false/null, an array or an object (long ones cut short).
    QString found;
    for (auto it = requestBody.begin(); it != requestBody.end(); ++it) {
        const QJsonValue value = it.value();
        QString rendered;
        if (value.isObject() || value.isArray()) {
            continue; // rendered with spacing we cannot reproduce reliably
        } else if (value.isString()) {
            rendered = QString::fromUtf8(
                QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
        } else if (value.isBool()) {
            rendered = value.toBool() ? u"true"_s : u"false"_s;
        } else if (value.isDouble()) {
            rendered = QString::number(value.toDouble(), 'g', 17);
        } else {
            continue;
        }
        if (detail.startsWith(rendered + u' ')) {
            if (!found.isEmpty())
                return {}; // two fields carry that value: do not guess
            found = it.key();
        }
    }
    return found;
}

namespace {

// Structured error bodies sometimes say which field is wrong: FastAPI's [{"loc": [...]}], or a
// `param`/`field` key (OpenAI-style bodies, which the Python SDK reads).
QString fieldFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    QJsonValue detail = object.value("detail"_L1);
    if (detail.isArray() && !detail.toArray().isEmpty())
        detail = detail.toArray().first();
    if (detail.isObject()) {
        const QJsonArray loc = detail.toObject().value("loc"_L1).toArray();
        for (qsizetype i = loc.size() - 1; i >= 0; --i) {
            if (loc.at(i).isString() && loc.at(i).toString() != "body"_L1)
                return loc.at(i).toString();
        }
        for (const auto key : {"field"_L1, "param"_L1}) {
            if (detail.toObject().value(key).isString())
                return detail.toObject().value(key).toString();
        }
    }
    for (const auto key : {"param"_L1, "field"_L1}) {
        if (object.value(key).isString())
            return object.value(key).toString();
    }
    return {};
}

} // namespace

ApiError errorFromHttp(int status, const HeaderList &headers, const QByteArray &body,
                       const QByteArray &requestBody)
{
    ApiError error = errorFromHttp(status, headers, body);
    if (error.field.isEmpty()
        && (error.kind == ApiError::Kind::Validation || error.kind == ApiError::Kind::BadRequest))
        error.field
            = fieldFromQuotedValue(error.message, QJsonDocument::fromJson(requestBody).object());
    return error;
}

ApiError errorFromHttp(int status, const HeaderList &headers, const QByteArray &body)
{
    if (status >= 200 && status <= 299)
        return {};
    ApiError error;
    error.kind = kindForStatus(status);
    error.httpStatus = status;
    error.message = messageFromBody(body);
    if (status >= 300 && status <= 399) {
        // The client follows no redirect (a key must not go to another host, a POST must not
        // turn into a GET); where it points is what the user needs to fix the URL. A redirect's
        // body is a page for browsers, not a detail.
        QString location = QString::fromUtf8(headerValue(headers, "location")).trimmed();
        if (location.size() > 200)
            location = location.left(200) + u'…';
        error.message = location.isEmpty()
            ? QCoreApplication::translate(
                "ApiError",
                "The server redirects without saying where to; redirects are not "
                "followed.")
            : QCoreApplication::translate("ApiError",
                                          "The server redirects to %1; redirects are not "
                                          "followed: if that is the deployment, use its URL.")
                  .arg(location);
    }
    if (error.message.isEmpty())
        error.message = reasonPhrase(status);
    error.requestId = QString::fromLatin1(headerValue(headers, "x-request-id"));
    error.retryAfter = parseRetryAfter(headerValue(headers, "retry-after"));
    if (error.kind == ApiError::Kind::Validation || error.kind == ApiError::Kind::BadRequest
        || error.kind == ApiError::Kind::NotFound) {
        error.field = fieldFromBody(body);
        if (error.field.isEmpty())
            error.field = fieldFromDetail(error.message);
    }
    switch (error.kind) {
    case ApiError::Kind::MethodNotAllowed:
        error.unsupported = true;
        break;
    case ApiError::Kind::NotFound:
        // The router's answer for a path it does not know; a missing cron says which one.
        error.unsupported = error.message.compare("Not Found"_L1, Qt::CaseInsensitive) == 0;
        error.missing = missingResource(error.message);
        break;
    case ApiError::Kind::Server:
    case ApiError::Kind::UnexpectedStatus:
        error.unsupported
            = status == 501 || error.message.contains("not implemented"_L1, Qt::CaseInsensitive);
        break;
    default:
        break;
    }
    return error;
}

ApiError errorFromNetwork(QNetworkReply::NetworkError code, const QString &errorString)
{
    ApiError error;
    switch (code) {
    case QNetworkReply::NoError:
        return error;
    case QNetworkReply::OperationCanceledError:
        error.kind = ApiError::Kind::Canceled;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ApiError::Kind::Timeout;
        break;
    case QNetworkReply::ContentReSendError:
        // The connection closed before an answer, and the request was not sent again.
        error.kind = ApiError::Kind::Network;
        error.message = QCoreApplication::translate(
            "ApiError", "The connection closed before the server answered");
        return error;
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = ApiError::Kind::Tls;
        break;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        // No connection was made, so nothing was sent.
        error.kind = ApiError::Kind::Network;
        error.notSent = true;
        break;
    default:
        error.kind = ApiError::Kind::Network;
        break;
    }
    error.message = errorString;
    return error;
}

ApiError badResponse(int status, const QString &what, const HeaderList &headers)
{
    ApiError error;
    error.kind = ApiError::Kind::BadResponse;
    error.httpStatus = status;
    error.message = what;
    error.requestId = QString::fromLatin1(headerValue(headers, "x-request-id"));
    return error;
}

} // namespace crondesk::api
