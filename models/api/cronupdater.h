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
template<typename T>
class ApiResultRequest;

// Changes one cron (PATCH, sent exactly once) and never says the change was not applied when that
// is not known (the update's half of what CronCreator does for creates).
//
// When the answer is lost or is a server error, the cron is read back (GET /runs/crons/{id}) and
// compared with what was asked (api::patchReflected), with the same rules as CronCreator: after a
// lost answer (timeout, dropped or cut-off connection, a gateway's 504, a 2xx that does not
// decode) it is read again with back-off until it shows the change (Recovered) or the verification
// window has passed (Unknown); after a server's own error one read decides (Recovered or
// NotApplied). A refusal, or a request that never left, is NotApplied without a read; a read that
// fails (an older server without GET, the network) leaves it Unknown.
//
// Behaves like an ApiRequest: starts once control returns to the event loop, emits succeeded()
// or failed(), then finished(), and deletes itself.
class CronUpdater final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronUpdater)

public:
    enum class Outcome {
        Pending,
        Applied, // the server answered with the changed cron
        Recovered, // the answer was lost, but the cron read back shows the change
        NotApplied, // refused, never sent, or the server answered an error and the cron is as it
                    // was
        Unknown, // the answer was lost and the cron never showed the change, or could not be read
    };
    Q_ENUM(Outcome)

    CronUpdater(ApiClient *client, QString cronId, CronPatch patch, QObject *parent = nullptr);
    ~CronUpdater() override;

    // The PATCH itself (for the change journal), until it has finished.
    ApiResultRequest<Cron> *patchRequest() const;

    // As for CronCreator: the first read after a lost answer waits this long (default 2 s), each
    // next one twice as long, within the window (default 30 s).
    void setVerificationDelay(std::chrono::milliseconds delay) { m_verificationDelay = delay; }
    void setVerificationWindow(std::chrono::milliseconds window) { m_verificationWindow = window; }
    int checks() const { return m_checks; }

    void abort();

    Outcome outcome() const { return m_outcome; }
    bool isFinished() const { return m_outcome != Outcome::Pending; }
    const Cron &result() const { return m_result; }
    const ApiError &error() const { return m_error; }
    const QString &cronId() const { return m_cronId; }

    template<typename OnSuccess, typename OnFailure>
    CronUpdater *then(const QObject *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &CronUpdater::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        QObject::connect(this, &CronUpdater::failed, context, std::move(onFailure));
        return this;
    }

Q_SIGNALS:
    // The answer was lost or was an error: the change may have been applied, and the updater is
    // reading the cron back to find out.
    void checking();
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();

private:
    void onPatchFailed(const ApiError &error);
    void readBack();
    void readAgainLater();
    void succeed(const Cron &cron, Outcome outcome);
    void fail(const ApiError &error, Outcome outcome);

    ApiClient *m_client;
    QString m_cronId;
    CronPatch m_patch;
    QPointer<ApiRequest> m_pending;
    ApiError m_patchError;
    std::chrono::milliseconds m_verificationDelay {2000};
    std::chrono::milliseconds m_verificationWindow {30000};
    std::chrono::milliseconds m_waited {0};
    std::chrono::milliseconds m_nextDelay {0};
    bool m_answerLost = false;
    int m_checks = 0;
    Outcome m_outcome = Outcome::Pending;
    Cron m_result;
    ApiError m_error;
};

} // namespace crondesk::api
