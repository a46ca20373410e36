#pragma once

#include <models/api/apierror.h>
#include <models/api/bodybuffers.h>

#include <QByteArray>
#include <QFutureWatcher>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;
class QTimer;

namespace crondesk::api {

// When a request may be sent again after a transient failure (api-contract §5.3).
struct RetryPolicy
{
    int maxAttempts = 1; // 1: never repeat
    std::chrono::milliseconds baseDelay {250}; // doubled per attempt, with jitter
    std::chrono::milliseconds maxDelay {8000};
    bool notFoundOnRetryMeansDone = false; // DELETE: a 404 after a lost answer means it worked
    // A Retry-After up to this long is waited out; a longer one ends the call (RateLimited, with
    // retryAfter set) so the caller can decide, instead of repeating earlier than asked.
    std::chrono::milliseconds maxRetryAfter {30000};

    static RetryPolicy never() { return {}; }
    static RetryPolicy idempotent()
    {
        return {4, std::chrono::milliseconds(250), std::chrono::milliseconds(8000), false};
    }
    static RetryPolicy deletion()
    {
        return {4, std::chrono::milliseconds(250), std::chrono::milliseconds(8000), true};
    }
};

// How much one answer may hold, by kind of endpoint: generous for pages (1,000 crons with large
// payloads), small where the answer is a number or a flag. A server that sends more is stopped.
struct AnswerLimits
{
    static constexpr qint64 scalar = 64 * 1024; // count, ok, delete
    static constexpr qint64 small = 4 * 1024 * 1024; // info
    static constexpr qint64 object = 64 * 1024 * 1024; // one cron, assistant, graph, thread
    static constexpr qint64 page = 256 * 1024 * 1024; // one page of a search
};

// One HTTP call: sends itself on construction, emits succeeded() or failed(), then finished(), and
// deletes itself. Callers connect with a context object, so a requester destroyed mid-flight gets
// no callback. Transient failures are repeated only as the RetryPolicy allows.
class ApiRequest : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiRequest)

public:
    ~ApiRequest() override;

    // Cancels the call; failed() is emitted with Kind::Canceled, unless it had already finished.
    void abort();

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    const HeaderList &responseHeaders() const { return m_responseHeaders; }
    QByteArray responseHeader(QByteArrayView name) const;
    QByteArray verb() const { return m_verb; }
    QUrl url() const { return m_request.url(); }
    int attempts() const { return m_attempts; }

    // The limit on each attempt, from sending to the last byte of the answer (the client's default
    // comes from RequestFactory::transferTimeout()). 0 disables it. Takes effect from the next
    // attempt, so set it right after the call, before control returns to the event loop.
    std::chrono::milliseconds transferTimeout() const { return m_timeout; }
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Decode the answer on a worker thread (QThreadPool) instead of the caller's: for big
    // answers, so that neither the GUI nor the network's own deliveries stall while 1,000 crons
    // are decoded. Signals still come in this object's thread.
    void setDecodeInBackground(bool background) { m_decodeInBackground = background; }
    // The most body bytes an answer may bring: past it (or when the server announces more) the
    // transfer stops and the call fails as Kind::BadResponse, so that a server sending without end
    // cannot make the client hold it. ApiClient sets one per endpoint (AnswerLimits).
    qint64 maxAnswerBytes() const { return m_maxAnswerBytes; }
    void setMaxAnswerBytes(qint64 bytes) { m_maxAnswerBytes = bytes; }
    const RetryPolicy &retryPolicy() const { return m_retry; }
    // Only for calls that are harmless to repeat: a create or an update must keep never().
    void setRetryPolicy(const RetryPolicy &retry) { m_retry = retry; }

Q_SIGNALS:
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();
    // A 2xx answer has arrived in full and is about to be decoded; succeeded() or failed() follows
    // once it is. For pipelining only: nothing about the result is known yet.
    void answered();

protected:
    ApiRequest(QNetworkAccessManager *manager, QNetworkRequest request, QByteArray verb,
               QByteArray body, std::chrono::milliseconds timeout, RetryPolicy retry,
               QObject *parent);

public:
    // Makes the request fail with `error` instead of sending anything: for calls the client can
    // tell are invalid before they leave (e.g. an id that URL normalisation would rewrite).
    // The first such error wins.
    void failBeforeSending(const ApiError &error)
    {
        if (!m_preflightError)
            m_preflightError = error;
    }

protected:
    // Decodes a 2xx answer into the typed result; returns a description of the problem when the
    // body is not what the endpoint promises (which then fails as Kind::BadResponse).
    virtual QString decode(int status, const QByteArray &body) = 0;
    // Starts decoding off this thread and calls decoded() in this thread when done. The default
    // decodes synchronously.
    virtual void decodeInBackground(int status, const QByteArray &body);
    // The end of a decode started by decodeInBackground(): an empty problem means success.
    void decoded(const QString &problem);

private:
    void send();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();
    void onDownloadProgress(qint64 received, qint64 total);
    void concludeAttempt(ApiError error);
    void finishWith(const ApiError &error);
    std::chrono::milliseconds retryDelay(const ApiError &error) const;

    QNetworkAccessManager *m_manager;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_body;
    std::chrono::milliseconds m_timeout;
    RetryPolicy m_retry;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timer;
    int m_attempts = 0;
    int m_httpStatus = 0;
    HeaderList m_responseHeaders;
    ApiError m_error;
    TlsCertificateInfo m_refusedCertificate; // of this attempt, from sslErrors
    std::optional<ApiError> m_preflightError;
    bool m_finished = false;
    bool m_decodeInBackground = false;
    bool m_decoding = false;
    bool m_timedOut = false;
    qint64 m_maxAnswerBytes = AnswerLimits::object;
    qint64 m_oversize = -1; // the size that went past the limit, when one did
    bool m_aborted = false;
};

// A request whose success carries a value of type T, decoded by a function of the endpoint.
template<typename T>
class ApiResultRequest final : public ApiRequest
{
public:
    using Decoder
        = std::function<std::optional<T>(int status, const QByteArray &body, QString *error)>;

    ApiResultRequest(QNetworkAccessManager *manager, QNetworkRequest request, QByteArray verb,
                     QByteArray body, std::chrono::milliseconds timeout, RetryPolicy retry,
                     Decoder decoder, QObject *parent)
        : ApiRequest(manager, std::move(request), std::move(verb), std::move(body), timeout, retry,
                     parent)
        , m_decoder(std::move(decoder))
    { }

    const T &result() const { return m_result; }
    // Moves the result out, for a receiver of succeeded() that is its only user.
    T takeResult() { return std::exchange(m_result, T {}); }

    // Calls onSuccess(const T &) or onFailure(const ApiError &) in `context`'s thread, unless
    // `context` has been destroyed by then.
    template<typename OnSuccess, typename OnFailure>
    ApiResultRequest *then(const QObject *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &ApiRequest::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        QObject::connect(this, &ApiRequest::failed, context, std::move(onFailure));
        return this;
    }

protected:
    void decodeInBackground(int status, const QByteArray &body) override
    {
        struct Outcome
        {
            std::optional<T> value;
            QString problem;
        };
        // The decoder is a pure function of the bytes, so it may run anywhere; the result comes
        // back through a watcher owned by this request, which drops it if the request is gone.
        auto promise = std::make_shared<QPromise<Outcome>>();
        auto *watcher = new QFutureWatcher<Outcome>(this);
        QObject::connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            // Once only, and only with a result: a test run aborted once in takeResult() (Qt's
            // "isValid()" assertion) on a future that had none left; a decode that ends without
            // a result is an undecodable answer, never a crash.
            QObject::disconnect(watcher, nullptr, this, nullptr);
            watcher->deleteLater();
            QFuture<Outcome> future = watcher->future();
            if (!future.isValid() || future.resultCount() == 0) {
                decoded(QStringLiteral("undecodable response"));
                return;
            }
            Outcome outcome = future.takeResult();
            if (outcome.value)
                m_result = std::move(*outcome.value);
            decoded(outcome.value                   ? QString()
                        : outcome.problem.isEmpty() ? QStringLiteral("undecodable response")
                                                    : outcome.problem);
        });
        watcher->setFuture(promise->future());
        promise->start();
        QThreadPool::globalInstance()->start(
            [promise, decoder = m_decoder, status, body = QByteArray(body)]() mutable {
                Outcome outcome;
                outcome.value = decoder(status, body, &outcome.problem);
                // Its array serves the next answer, unless the result still points into it.
                BodyBuffers::giveBack(std::move(body));
                promise->addResult(std::move(outcome));
                promise->finish();
            });
    }

    QString decode(int status, const QByteArray &body) override
    {
        QString problem;
        std::optional<T> value = m_decoder(status, body, &problem);
        if (!value)
            return problem.isEmpty() ? QStringLiteral("undecodable response") : problem;
        m_result = std::move(*value);
        return {};
    }

private:
    Decoder m_decoder;
    T m_result {};
};

// For endpoints that answer with nothing of interest (DELETE: 204, or 200 {}).
struct Empty
{
};

} // namespace crondesk::api
