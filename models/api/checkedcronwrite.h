#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>

namespace crondesk::api {

class ApiClient;
class ApiRequest;

// What CronCreator and CronUpdater share: one write to one cron, sent exactly once, and after an
// answer that may have been lost a look at the server to find out what happened, on the same
// schedule. After a lost answer (timeout, dropped or cut-off connection, a gateway's 504, a 2xx
// whose body does not decode) the server may still be working on the write, so the look is
// repeated with back-off: after the verification delay, then twice as long each time, until the
// verification window has passed. After the server's own error (500, 502, 503, ...) it is done
// with the request, and one look decides.
//
// Behaves like an ApiRequest: starts once control returns to the event loop, emits succeeded()
// or failed(), then finished(), and deletes itself; then(context, ...) binds the callbacks to a
// context object. The subclass says which kind of success or failure it was (its outcome()).
class CheckedCronWrite : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckedCronWrite)

public:
    ~CheckedCronWrite() override;

    // How long to wait after a lost answer before the first look (then twice as long before each
    // next one), so that a server still working on the request is done by then. Default 2 s.
    void setVerificationDelay(std::chrono::milliseconds delay) { m_verificationDelay = delay; }
    // How long after the lost answer the change may still appear before the outcome is unknown.
    // Default 30 s.
    void setVerificationWindow(std::chrono::milliseconds window) { m_verificationWindow = window; }
    std::chrono::milliseconds verificationWindow() const { return m_verificationWindow; }
    // Looks made to find out.
    int checks() const { return m_checks; }

    bool isFinished() const { return m_finished; }
    // The cron as the server has it: after a success, and after a failure whose look found it.
    const Cron &result() const { return m_result; }
    const ApiError &error() const { return m_error; }

    // onSuccess(const Cron &) or onFailure(const ApiError &) in `context`, unless it has been
    // destroyed by then.
    template<typename OnSuccess, typename OnFailure>
    CheckedCronWrite *then(const QObject *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &CheckedCronWrite::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        QObject::connect(this, &CheckedCronWrite::failed, context, std::move(onFailure));
        return this;
    }

Q_SIGNALS:
    // The write's answer was lost or was an error: it may have been done, and the server is being
    // asked. succeeded() or failed() follows once that is known, or given up.
    void checking();
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();

protected:
    CheckedCronWrite(ApiClient *client, QObject *parent);

    ApiClient *client() const { return m_client; }
    // The call in flight, aborted (and no longer heard) if the write is aborted or destroyed.
    void setPending(ApiRequest *request) { m_pending = request; }
    ApiRequest *pending() const { return m_pending.data(); }
    // Stops listening to the call in flight and aborts it.
    void dropPending();
    static ApiError canceledByUser();

    // After an ambiguous failure of the write: keeps it (writeFailure()), emits checking(), and
    // calls `look` once it is time to ask the server.
    void beginChecking(const ApiError &failure, std::function<void()> look);
    // After a look that did not find the change: schedules the next one and returns true while a
    // lost answer's window is still open; false when there is no point in looking again.
    bool lookAgainLater();
    void countCheck() { ++m_checks; }
    const ApiError &writeFailure() const { return m_writeFailure; }
    bool answerLost() const { return m_answerLost; }
    // Since the lost answer, in whole seconds (rounded up), for messages.
    int secondsWaited() const;

    // The end, once: stores the result or the error, emits, and deletes itself later.
    void finishSucceeded(const Cron &cron);
    void finishFailed(const ApiError &error, const Cron &seen = {});

private:
    void scheduleLook();

    ApiClient *m_client;
    QPointer<ApiRequest> m_pending;
    std::function<void()> m_look;
    ApiError m_writeFailure;
    std::chrono::milliseconds m_verificationDelay {2000};
    std::chrono::milliseconds m_verificationWindow {30000};
    std::chrono::milliseconds m_waited {0}; // since the lost answer, in the delays scheduled
    std::chrono::milliseconds m_nextDelay {0};
    bool m_answerLost = false; // the server may still be working on the write
    int m_checks = 0;
    bool m_finished = false;
    Cron m_result;
    ApiError m_error;
};

} // namespace crondesk::api
