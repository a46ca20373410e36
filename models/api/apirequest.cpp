#include "apirequest.h"

#include <models/api/apinetworkmanager.h>
#include <models/api/logging.h>
#include <models/api/requestfactory.h>

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// Transport failures happen below HTTP: even a status already received (e.g. a connection dropped
// mid-body, or a body whose framing broke) does not make the answer usable. The other codes only
// restate the HTTP status (Qt's content 2xx and server 4xx ranges), which is read on its own.
bool isTransportError(QNetworkReply::NetworkError code)
{
    const bool fromStatus
        = (code >= QNetworkReply::ContentAccessDenied && code < QNetworkReply::ProtocolUnknownError)
        || code >= QNetworkReply::InternalServerError;
    return code != QNetworkReply::NoError && !fromStatus;
}

QString byteSize(qint64 bytes)
{
    if (bytes < 1024)
        return ApiRequest::tr("%n byte(s)", nullptr, int(bytes));
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double size = double(bytes) / 1024;
    int unit = 0;
    while (size >= 1024 && unit < 5) {
        size /= 1024;
        ++unit;
    }
    return u"%1 %2"_s.arg(size, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

// A request body that can be read exactly once. Qt's own HTTP stack silently sends a request
// again when a connection closes before any answer arrives (its keep-alive recovery), even a
// POST or PATCH. For a create that means a duplicate cron. A sequential, unbuffered body cannot
// be rewound, so Qt reports ContentReSendError instead, and only the RetryPolicy decides about
// repeating. (ApiNetworkManager's own exchange never resends a body anyway; this keeps the rule
// for any request that reaches Qt's.)
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(QByteArray bytes, QObject *parent)
        : QIODevice(parent)
        , m_bytes(std::move(bytes))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_bytes.size() - m_position; }
    bool atEnd() const override { return m_position >= m_bytes.size(); }
    // The whole point: a body that was sent once cannot be sent again.
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_bytes.size() - m_position);
        if (count <= 0)
            return -1;
        std::memcpy(data, m_bytes.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_position = 0;
};

// "CN=127.0.0.1, O=Example": every attribute of a certificate's subject or issuer.
QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    QStringList parts;
    const QList<QByteArray> attributes
        = issuer ? certificate.issuerInfoAttributes() : certificate.subjectInfoAttributes();
    for (const QByteArray &attribute : attributes) {
        const QStringList values
            = issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
        for (const QString &value : values)
            parts.append(QString::fromLatin1(attribute) + u'=' + value);
    }
    return parts.join(", "_L1);
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

} // namespace

ApiRequest::ApiRequest(QNetworkAccessManager *manager, QNetworkRequest request, QByteArray verb,
                       QByteArray body, std::chrono::milliseconds timeout, RetryPolicy retry,
                       QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(std::move(request))
    , m_verb(std::move(verb))
    , m_body(std::move(body))
    , m_timeout(timeout)
    , m_retry(retry)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ApiRequest::onTimeout);
    if (!m_body.isEmpty())
        m_request.setHeader(QNetworkRequest::ContentTypeHeader,
                            QByteArrayLiteral("application/json"));
    // Queued, so that the creator can connect to our signals before anything can happen.
    QMetaObject::invokeMethod(this, &ApiRequest::send, Qt::QueuedConnection);
}

ApiRequest::~ApiRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray ApiRequest::responseHeader(QByteArrayView name) const
{
    for (const auto &[key, value] : m_responseHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiRequest::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    m_decoding = false; // a background decode still running is ignored when it ends
    if (m_reply) {
        m_reply->abort(); // finishes synchronously through onReplyFinished
    } else {
        ApiError error;
        error.kind = ApiError::Kind::Canceled;
        error.message = tr("Canceled by the user");
        finishWith(error);
    }
}

void ApiRequest::send()
{
    if (m_finished || m_aborted)
        return;
    if (m_preflightError) {
        finishWith(*m_preflightError);
        return;
    }
    ++m_attempts;
    m_timedOut = false;
    m_httpStatus = 0;
    m_responseHeaders.clear();
    if (m_verb == "GET") {
        // Harmless to repeat, so Qt's own resend on a closed keep-alive connection may stay.
        m_reply = m_manager->get(m_request);
    } else {
        // Everything else goes out exactly once per attempt (see OneShotBody), DELETE included:
        // its "404 on a repeat means done" rule only works if we know when it was repeated.
        QNetworkRequest request = m_request;
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
        auto *body = new OneShotBody(m_body, nullptr);
        m_reply = m_manager->sendCustomRequest(request, m_verb, body);
        body->setParent(m_reply);
    }
    m_oversize = -1;
    connect(m_reply, &QNetworkReply::downloadProgress, this, &ApiRequest::onDownloadProgress);
    connect(m_reply, &QNetworkReply::finished, this, &ApiRequest::onReplyFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, &ApiRequest::onSslErrors);
    m_refusedCertificate = {};
    if (m_timeout.count() > 0)
        m_timer->start(m_timeout);
    qCDebug(lcApi) << m_verb << m_request.url().path() << "attempt" << m_attempts;
}

void ApiRequest::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_reply)
        return;
    QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    const QString fingerprint
        = QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex());
    const QStringList pins
        = m_request.attribute(RequestFactory::PinnedCertificatesAttribute).toStringList();
    if (!peer.isNull() && pins.contains(fingerprint)) {
        // The operator trusts exactly this certificate for this deployment: only its errors
        // are ignored, nothing else.
        qCDebug(lcApi) << "TLS errors ignored for the pinned certificate" << fingerprint;
        m_reply->ignoreSslErrors(errors);
        return;
    }
    m_refusedCertificate = {};
    if (!peer.isNull()) {
        m_refusedCertificate.subject = distinguishedName(peer, false);
        m_refusedCertificate.issuer = distinguishedName(peer, true);
        m_refusedCertificate.sha256Fingerprint = fingerprint;
        m_refusedCertificate.notBefore = peer.effectiveDate();
        m_refusedCertificate.notAfter = peer.expiryDate();
    }
    for (const QSslError &error : errors)
        m_refusedCertificate.problems.append(error.errorString());
}

void ApiRequest::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void ApiRequest::onDownloadProgress(qint64 received, qint64 total)
{
    if (!m_reply || m_maxAnswerBytes <= 0 || m_oversize >= 0)
        return;
    const qint64 size = std::max(received, total);
    if (size <= m_maxAnswerBytes)
        return;
    // Stop reading now: the rest is never held.
    m_oversize = size;
    m_reply->abort();
}

void ApiRequest::onReplyFinished()
{
    m_timer->stop();
    QNetworkReply *reply = m_reply.data();
    m_reply.clear();
    if (!reply)
        return;
    reply->deleteLater();

    const QNetworkReply::NetworkError code = reply->error();
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_responseHeaders = reply->rawHeaderPairs();
    const QByteArray body = reply->isOpen() ? takeReplyBody(reply) : QByteArray();

    ApiError error;
    if (m_timedOut) {
        error.kind = ApiError::Kind::Timeout;
        error.message = tr("No complete answer within %n second(s)", nullptr,
                           int((m_timeout.count() + 999) / 1000));
    } else if (m_oversize >= 0) {
        error = badResponse(m_httpStatus,
                            tr("The answer is larger than the %1 this request accepts (at least "
                               "%2); it was not read further")
                                .arg(byteSize(m_maxAnswerBytes), byteSize(m_oversize)),
                            m_responseHeaders);
    } else if (m_aborted) {
        error.kind = ApiError::Kind::Canceled;
        error.message = tr("Canceled by the user");
    } else if (isTransportError(code) || m_httpStatus == 0) {
        error = errorFromNetwork(code, reply->errorString());
        if (error.kind == ApiError::Kind::Tls) {
            error.certificate = m_refusedCertificate;
            if (!m_refusedCertificate.problems.isEmpty())
                error.message = m_refusedCertificate.problems.join(u' ');
        }
        if (error.kind == ApiError::Kind::None)
            error
                = badResponse(m_httpStatus, tr("The answer has no HTTP status"), m_responseHeaders);
    } else if (m_httpStatus < 200 || m_httpStatus > 299) {
        error = errorFromHttp(m_httpStatus, m_responseHeaders, body, m_body);
    } else {
        const QByteArray contentType
            = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (!body.isEmpty() && !isJsonContentType(contentType)) {
            error = badResponse(m_httpStatus,
                                tr("Expected JSON but the server sent \"%1\"")
                                    .arg(QString::fromLatin1(
                                        contentType.isEmpty() ? "no content type" : contentType)),
                                m_responseHeaders);
        } else {
            // The connection is free before the (possibly long) decode: a pager can send its
            // next request now and keep the server busy meanwhile.
            Q_EMIT answered();
            if (m_decodeInBackground && !m_finished) {
                m_decoding = true;
                decodeInBackground(m_httpStatus, body);
                return;
            }
            if (const QString problem = decode(m_httpStatus, body); !problem.isEmpty())
                error = badResponse(m_httpStatus, problem, m_responseHeaders);
        }
    }
    concludeAttempt(error);
}

void ApiRequest::decodeInBackground(int status, const QByteArray &body)
{
    // Subclasses that can decode off this thread override this; the default decodes here.
    decoded(decode(status, body));
}

void ApiRequest::decoded(const QString &problem)
{
    if (!m_decoding || m_finished)
        return; // aborted while decoding
    m_decoding = false;
    concludeAttempt(problem.isEmpty() ? ApiError()
                                      : badResponse(m_httpStatus, problem, m_responseHeaders));
}

void ApiRequest::concludeAttempt(ApiError error)
{
    if (error.isError() && m_retry.notFoundOnRetryMeansDone && m_attempts > 1
        && error.kind == ApiError::Kind::NotFound) {
        // An earlier attempt reached the server and did the work; only its answer was lost.
        if (decode(204, {}).isEmpty())
            error = {};
    }

    // A server asking for a longer pause than a retry may wait gets its answer now, with the
    // Retry-After in the error, rather than a repeat that comes too early.
    const bool waitTooLong = error.retryAfter.count() >= 0
        && std::chrono::duration_cast<std::chrono::milliseconds>(error.retryAfter)
            > m_retry.maxRetryAfter;
    if (error.isError() && error.isTransient() && m_attempts < m_retry.maxAttempts && !m_aborted
        && !waitTooLong) {
        const auto delay = retryDelay(error);
        qCInfo(lcApi) << m_verb << m_request.url().path() << "failed with" << error.toString()
                      << "- retrying in" << delay.count() << "ms";
        QTimer::singleShot(delay, this, &ApiRequest::send);
        return;
    }
    finishWith(error);
}

std::chrono::milliseconds ApiRequest::retryDelay(const ApiError &error) const
{
    using namespace std::chrono;
    if (error.retryAfter.count() >= 0)
        return duration_cast<milliseconds>(error.retryAfter); // never earlier than asked
    const milliseconds exponential
        = std::min(m_retry.baseDelay * (1 << std::min(m_attempts - 1, 10)), m_retry.maxDelay);
    // Full jitter between half and all of the exponential step keeps clients from moving in
    // lockstep.
    const auto half = exponential.count() / 2;
    return milliseconds(half + QRandomGenerator::global()->bounded(qint64(half) + 1));
}

void ApiRequest::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError()) {
        qCInfo(lcApi) << m_verb << m_request.url().path() << "failed:" << error.toString();
        Q_EMIT failed(m_error);
    } else {
        Q_EMIT succeeded();
    }
    Q_EMIT finished();
    deleteLater();
}

} // namespace crondesk::api
