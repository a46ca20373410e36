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

// Creates one cron without ever making two (api-contract §5.3, §8.8), and never claims it was not
// created when that is not known.
//
// The create carries a correlation key in its metadata (correlationMetadataKey, a fresh UUID) and
// is sent exactly once. When its answer is lost or garbled the server may or may not have stored
// the cron, so the creator searches by that key before reporting (checking() says it started):
//  - The answer was lost (timeout, dropped or cut-off connection, a gateway's 504, a 2xx whose
//    body does not decode): the server may still be working on it, so the search is repeated with
//    back-off (after the verification delay, then twice as long each time) until the cron appears
//    or the verification window has passed. Found: Recovered. Never found: Unknown, since a slow
//    server may still commit it.
//  - The server answered with an error (500, 502, 503, ...): it is done with the request, so one
//    search decides. Found (it failed after storing): Recovered. Absent: NotCreated.
//  - Refused (4xx) or never sent (connection refused): NotCreated, without a search.
// A cron is taken as this create's only when it also matches what was sent (schedule, thread,
// metadata, input): a correlation id that belongs to another cron is an error, never a success.
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
        NotCreated, // refused, never sent, or the server answered an error and has no such cron
        Unknown, // the answer was lost and the cron never appeared, or it could not be checked
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

    // How long to wait after a lost answer before the first search (then twice as long before
    // each next one), so that a server still working on the request has stored the cron by then.
    // Default 2 s.
    void setVerificationDelay(std::chrono::milliseconds delay) { m_verificationDelay = delay; }
    // How long after the lost answer the cron may still appear before the outcome is Unknown.
    // Default 30 s.
    void setVerificationWindow(std::chrono::milliseconds window) { m_verificationWindow = window; }
    std::chrono::milliseconds verificationWindow() const { return m_verificationWindow; }
    // Searches made to find out.
    int checks() const { return m_checks; }

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
    // The create's answer was lost or was an error: the server may have stored the cron, and the
    // creator is looking for it. succeeded() or failed() follows once it knows, or gives up.
    void checking();
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();

private:
    enum class Check { BeforeCreating, AfterAmbiguousFailure };
    // True when `cron` carries this create's key and what it sent (not another cron that happens
    // to carry the same key).
    bool isOurs(const Cron &cron) const;
    bool carriesOurKey(const Cron &cron) const;
    void checkAgainLater();
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
    std::chrono::milliseconds m_verificationWindow {30000};
    std::chrono::milliseconds m_waited {0}; // since the lost answer, in the delays scheduled
    std::chrono::milliseconds m_nextDelay {0};
    bool m_answerLost = false; // the server may still be working on the create
    int m_checks = 0;
    QPointer<ApiRequest> m_pending;
    ApiError m_createError;
    Outcome m_outcome = Outcome::Pending;
    Cron m_result;
    ApiError m_error;
};

} // namespace crondesk::api
