#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>

namespace crondesk::api {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The certificate a server presented when TLS verification failed, for the operator to judge
// (and, explicitly, to trust for one profile: RequestFactory::setPinnedCertificates).
struct TlsCertificateInfo
{
    QString subject; // "CN=127.0.0.1, O=Example"
    QString issuer;
    QString sha256Fingerprint; // 64 lower-case hex digits
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList problems; // what was wrong with it, one sentence each

    bool isEmpty() const { return sha256Fingerprint.isEmpty(); }
    friend bool operator==(const TlsCertificateInfo &, const TlsCertificateInfo &) = default;
};

// What went wrong with one API call, in terms an operator can act on.
struct ApiError
{
    enum class Kind {
        None,
        Network, // connection refused or dropped, host not found, ...
        Tls, // certificate or handshake failure
        Timeout, // no complete answer within the transfer timeout
        Canceled, // aborted by the caller
        BadRequest, // 400: the server refused the request as malformed (e.g. an empty PATCH)
        Unauthorized, // 401
        Forbidden, // 403
        NotFound, // 404
        MethodNotAllowed, // 405: usually an older server without this endpoint
        Conflict, // 409
        PayloadTooLarge, // 413
        Validation, // 422: the request broke the server's rules; `field` names the culprit if known
        RateLimited, // 429, with `retryAfter`
        Server, // 5xx
        UnexpectedStatus, // any other non-2xx
        BadResponse, // a 2xx whose body we cannot decode
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString message; // the server's detail, or our description of the failure
    QString field; // for Validation: the request field the detail concerns, when it names one
    QString requestId; // the server's x-request-id, for support tickets
    TlsCertificateInfo certificate; // for Tls: the certificate refused, when there was one
    std::chrono::seconds retryAfter {
        -1}; // for RateLimited and 503: the server's wish, -1 if unsaid
    // The request never left this machine (connection refused, host not found): no server saw
    // it, so it did nothing, whatever the method.
    bool notSent = false;
    // The server has no such endpoint or feature: a 405, a 501, a router's bare "Not Found" (the
    // path is unknown, rather than a resource under it), or a 5xx that says "not implemented"
    // (the JS dev server). Asking again, or asking differently, cannot help.
    bool unsupported = false;
    // For NotFound: what the detail says is missing ("Thread … not found"); None when it names
    // nothing, as a router's "Not Found" does.
    enum class Resource { None, Assistant, Thread, Cron, Run };
    Resource missing = Resource::None;

    bool isError() const { return kind != Kind::None; }
    // True when no usable HTTP answer reached us after the request did reach the server: it may or
    // may not have acted.
    bool isAmbiguous() const;
    // Of the ambiguous failures, those after which the server may still be working on the
    // request: nothing (or nothing usable) came back from it, or a gateway gave up waiting for
    // it. The others are answers from the server itself, which is done with the request.
    bool isAnswerLost() const;
    // A transient failure worth repeating for idempotent calls.
    bool isTransient() const;

    // One line for a status bar, a dialog or stderr: "Not found (404): Cron 'x' not found".
    QString toString() const;
};

// A human-readable name for an error kind ("Validation failed", "Network error", ...).
QString kindName(ApiError::Kind kind);

// Maps an HTTP answer to an error. Returns Kind::None for 2xx. Reads the message from a JSON body's
// `detail` (string or object), `message`, `error` (string or object with message/detail), or else
// the body as plain text, or else the status reason. Keeps x-request-id and Retry-After, and says
// what the answer means beyond its status: `field`, `unsupported` and `missing`. The one place
// where a server's wording is interpreted; callers use those fields, never the message text.
ApiError errorFromHttp(int status, const HeaderList &headers, const QByteArray &body);
// The same, knowing the JSON body that was sent: a validation detail that quotes a value rather
// than naming the field ('"nope" is not one of ["delete","keep"]', as jsonschema_rs writes them)
// is traced back to the top-level field that carried that value.
ApiError errorFromHttp(int status, const HeaderList &headers, const QByteArray &body,
                       const QByteArray &requestBody);

// Maps a transport failure with no usable HTTP answer.
ApiError errorFromNetwork(QNetworkReply::NetworkError code, const QString &errorString);

// The error for a 2xx answer whose body does not decode; `what` says what was wrong with it.
ApiError badResponse(int status, const QString &what, const HeaderList &headers = {});

// What a 404's detail says is missing: "Thread 'x' not found" is a Thread, "Assistant …" or a
// graph is an Assistant, "Cron …" a Cron, "Run …" a Run; anything else None.
ApiError::Resource missingResource(const QString &detail);

// Finds the request field a validation detail names, e.g. "timezone" in "Invalid timezone: 'x'".
QString fieldFromDetail(const QString &detail);
// Finds the top-level field of `requestBody` whose value the detail starts by quoting; empty when
// none or several match.
QString fieldFromQuotedValue(const QString &detail, const QJsonObject &requestBody);

} // namespace crondesk::api

Q_DECLARE_METATYPE(crondesk::api::ApiError)
