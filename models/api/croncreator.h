#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/cronwrite.h>

#include <QObject>
#include <QPointer>

#include <chrono>

namespace crondesk::api {

class ApiClient;
class ApiRequest;

// Creates one cron without ever making two (api-contract §5.3, §8.8).
//
// The create carries a correlation key in its metadata (correlationMetadataKey, a fresh UUID) and
// is sent exactly once. When its answer is lost or garbled (connection dropped, timeout, 5xx, an
// undecodable 2xx) the server may or may not have stored the cron, so the creator searches by that
// key before reporting: found means created (delivered as success), absent means not created
// (delivered as the original error, safe to submit again).
//
// If the check itself fails, outcome() is Unknown. Submitting again is then safe only with the
// same correlation id (setCorrelationId(), or the key left in the metadata): a creator given an
// existing id looks for that cron first and creates it only when it is absent.
//
// Behaves like an ApiRequest: starts once control returns to the event loop, emits succeeded()
// or failed(), then finished(), and deletes itself; then(context, ...) binds the callbacks to a
// context object.
class CronCreator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronCreator)

public:
    enum class Outcome {
        Pending,
        Created, // the server answered with the new cron
        Recovered, // the answer was lost, but the cron exists: the search found it
        AlreadyExisted, // a repeat of an earlier submission that had in fact been stored
        NotCreated, // refused, or the answer was lost and the search proved it absent
        Unknown, // the answer was lost and the check failed too (or aborted mid-flight)
    };
    Q_ENUM(Outcome)

    // An empty threadId makes a stateless cron (POST /runs/crons).
    CronCreator(ApiClient *client, CronCreate cron, QString threadId = {},
                QObject *parent = nullptr);
    ~CronCreator() override;

    // The correlation key's value. Set before the creator starts to repeat an earlier
    // submission whose outcome was Unknown.
    QString correlationId() const { return m_correlationId; }
    void setCorrelationId(const QString &id);

    // How long to wait after a timeout or dropped connection before searching, so that a server
    // still working on the request has stored the cron by then. Default 2 s.
    void setVerificationDelay(std::chrono::milliseconds delay) { m_verificationDelay = delay; }

    void abort();

    Outcome outcome() const { return m_outcome; }
    bool isFinished() const { return m_outcome != Outcome::Pending; }
    // The cron exists: Created, Recovered or AlreadyExisted.
    bool wasCreated() const;
    // Definitely not stored: submitting again cannot duplicate.
    bool isSafeToRetry() const { return m_outcome == Outcome::NotCreated; }
    const Cron &result() const { return m_result; }
    const ApiError &error() const { return m_error; }
    // The body as sent, correlation key included.
    const CronCreate &request() const { return m_cron; }

    // onSuccess(const Cron &) or onFailure(const ApiError &) in `context`, unless it has been
    // destroyed by then. outcome() tells which kind of success or failure it was.
    template<typename OnSuccess, typename OnFailure>
    CronCreator *then(const QObject *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &CronCreator::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        QObject::connect(this, &CronCreator::failed, context, std::move(onFailure));
        return this;
    }

Q_SIGNALS:
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();

private:
    enum class Check { BeforeCreating, AfterAmbiguousFailure };
    enum class Phase { Idle, Checking, Creating };

    void start();
    void sendCreate();
    void check(Check why);
    void succeed(const Cron &cron, Outcome outcome);
    void fail(const ApiError &error, Outcome outcome);

    ApiClient *m_client;
    CronCreate m_cron;
    QString m_threadId;
    QString m_correlationId;
    bool m_repeat = false; // the id came from an earlier submission: look before creating
    Phase m_phase = Phase::Idle;
    std::chrono::milliseconds m_verificationDelay {2000};
    QPointer<ApiRequest> m_pending;
    ApiError m_createError;
    Outcome m_outcome = Outcome::Pending;
    Cron m_result;
    ApiError m_error;
};

} // namespace crondesk::api
