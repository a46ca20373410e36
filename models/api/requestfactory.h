#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <optional>

namespace crondesk::api {

// Builds QNetworkRequests for one deployment: base URL, API key and common headers, the role Qt
// 6.7's QNetworkRequestFactory plays. A value type, cheap to copy.
class RequestFactory final
{
public:
    RequestFactory() = default;
    explicit RequestFactory(QUrl baseUrl);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }

    // The key travels only in `x-api-key`; an empty key sends no header at all. A key that is not
    // a valid header value (a line break, any control character) is never sent: see
    // headerProblem().
    void setApiKey(const QString &apiKey) { m_apiKey = apiKey; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    // Extra headers sent with every request, e.g. X-Auth-Scheme for Fleet deployments. A header
    // named x-api-key is ignored: the key has its own setter, so it cannot leak in twice. Headers
    // whose name or value is not valid (see isValidHeaderName/Value) are kept here, so that
    // headerProblem() can name them, but createRequest() never sends them.
    void setExtraHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    QList<QPair<QByteArray, QByteArray>> extraHeaders() const { return m_extraHeaders; }

    // Why the key or an extra header cannot be sent, as a sentence that never contains the key or
    // the header's value; empty when all can. ApiClient refuses to send anything while there is a
    // problem: a request without the header would go out under another identity.
    QString headerProblem() const;

    // RFC 9110 §5.1: a field name is a token, one or more of A–Z a–z 0–9 !#$%&'*+-.^_`|~.
    static bool isValidHeaderName(QByteArrayView name);
    // RFC 9110 §5.5: a field value is visible ASCII, spaces and tabs, and bytes from 0x80 up (UTF-8
    // text). No CR, LF, NUL, other control characters or DEL: they end the header or smuggle
    // another one in ("X-A: b\r\nx-api-key: ..."). Leading or trailing white space is allowed here
    // (it is trimmed on the wire anyway).
    static bool isValidHeaderValue(QByteArrayView value);

    // TLS settings for https deployments, e.g. a private CA; unset uses the system's.
    void setSslConfiguration(const QSslConfiguration &configuration)
    {
        m_sslConfiguration = configuration;
    }

    // SHA-256 fingerprints (64 hex digits) of certificates the operator chose to trust for this
    // deployment despite TLS errors (a self-signed certificate, a private CA). A request then
    // ignores its TLS errors only when the server's certificate is exactly one of these; any
    // other certificate still fails as ApiError::Kind::Tls. Never a blanket ignore.
    void setPinnedCertificates(const QStringList &sha256Fingerprints);
    QStringList pinnedCertificates() const { return m_pinnedCertificates; }
    // The request attribute that carries the pins to ApiRequest (a QStringList).
    static constexpr auto PinnedCertificatesAttribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 1);

    // A read-only connection (a profile marked read-only): ApiClient refuses every call that
    // changes the deployment (creating, updating or deleting crons, creating threads) before
    // anything is sent, with ApiError::Kind::Forbidden and `reason` as the message.
    void setReadOnly(bool readOnly, const QString &reason = {})
    {
        m_readOnly = readOnly;
        m_readOnlyReason = reason;
    }
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }

    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }

    // The URL of base + path segments, each percent-encoded as exactly one segment.
    QUrl url(const QStringList &pathSegments, const QUrlQuery &query = {}) const;
    QNetworkRequest createRequest(const QStringList &pathSegments,
                                  const QUrlQuery &query = {}) const;

    // One path segment, encoded so that nothing in it can change the path: '/' becomes %2F, and
    // "." and ".." become %2E and %2E%2E (as the Python SDK encodes them; QUrl will decode those
    // again, which is why ApiClient refuses such ids, see isSafePathSegment).
    static QByteArray encodePathSegment(const QString &segment);
    // False for segments no URL can carry unchanged: empty, ".", "..". (QUrl decodes %2E.)
    static bool isSafePathSegment(const QString &segment);

    static QByteArray userAgent();

private:
    QUrl m_baseUrl;
    QString m_apiKey;
    QList<QPair<QByteArray, QByteArray>> m_extraHeaders;
    std::chrono::milliseconds m_transferTimeout {30000};
    // Optional, not a default QSslConfiguration: constructing one loads the TLS library and the
    // system's certificates (a tenth of the app's start-up), which a plain-http connection never
    // needs.
    std::optional<QSslConfiguration> m_sslConfiguration;
    QStringList m_pinnedCertificates;
    QString m_readOnlyReason;
    bool m_readOnly = false;
};

} // namespace crondesk::api
