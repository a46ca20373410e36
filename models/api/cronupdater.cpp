#include "cronupdater.h"

#include "apiclient.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

using namespace Qt::StringLiterals;

namespace crondesk::api {

CronUpdater::CronUpdater(ApiClient *client, QString cronId, CronPatch patch, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cronId(std::move(cronId))
    , m_patch(std::move(patch))
{
    // Made now, so that a journal can follow it; it goes out once control returns to the loop.
    CronRequest *request = m_client->updateCron(m_cronId, m_patch);
    m_pending = request;
    request->then(
        this, [this](const Cron &cron) { succeed(cron, Outcome::Applied); },
        [this](const ApiError &error) { onPatchFailed(error); });
}

CronUpdater::~CronUpdater()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
}

ApiResultRequest<Cron> *CronUpdater::patchRequest() const
{
    // Until the first read-back, the pending request is the PATCH.
    return m_checks == 0 ? static_cast<CronRequest *>(m_pending.data()) : nullptr;
}

void CronUpdater::abort()
{
    if (isFinished())
        return;
    const bool sent = m_pending && m_checks == 0 ? m_pending->attempts() > 0 : true;
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
    ApiError error;
    error.kind = ApiError::Kind::Canceled;
    error.message = tr("Canceled by the user");
    fail(error, sent ? Outcome::Unknown : Outcome::NotApplied);
}

void CronUpdater::onPatchFailed(const ApiError &error)
{
    if (!error.isAmbiguous() || error.kind == ApiError::Kind::Canceled) {
        ApiError refused = error;
        if (error.notSent)
            refused.message += tr(" (nothing was changed: the request never reached the server)");
        fail(refused, Outcome::NotApplied);
        return;
    }
    m_patchError = error;
    m_answerLost = error.isAnswerLost();
    m_waited = std::chrono::milliseconds(0);
    m_nextDelay = m_verificationDelay;
    qCInfo(lcApi) << "update failed ambiguously:" << error.toString() << "- reading the cron back";
    Q_EMIT checking();
    if (m_answerLost)
        readAgainLater();
    else
        QTimer::singleShot(0, this, &CronUpdater::readBack);
}

void CronUpdater::readAgainLater()
{
    using namespace std::chrono;
    const milliseconds left = m_verificationWindow - m_waited;
    const milliseconds delay = std::clamp(m_nextDelay, milliseconds(0), std::max(left, 0ms));
    m_waited += delay;
    m_nextDelay = std::max(m_nextDelay * 2, milliseconds(100));
    QTimer::singleShot(delay, this, &CronUpdater::readBack);
}

void CronUpdater::readBack()
{
    if (isFinished())
        return;
    ++m_checks;
    CronRequest *request = m_client->getCron(m_cronId);
    m_pending = request;
    request->then(
        this,
        [this](const Cron &cron) {
            const PatchReflected reflected = patchReflected(m_patch, cron);
            if (reflected == PatchReflected::Yes) {
                succeed(cron, Outcome::Recovered);
                return;
            }
            if (m_answerLost && m_waited < m_verificationWindow
                && reflected == PatchReflected::No) {
                readAgainLater();
                return;
            }
            ApiError error = m_patchError;
            if (m_answerLost || reflected == PatchReflected::Unknowable) {
                const int seconds = int((m_waited.count() + 999) / 1000);
                error.message += reflected == PatchReflected::Unknowable
                    ? tr(" (the change may have been applied: the cron read back does not show "
                         "the fields it changes)")
                    : tr(" (the change may have been applied: the server's answer was lost and "
                         "the cron did not show it %n second(s) later; read the cron before "
                         "trying again)",
                         nullptr, seconds);
                m_result = cron;
                fail(error, Outcome::Unknown);
                return;
            }
            error.message += tr(" (the change was not applied: the server answered with an error "
                                "and the cron does not have the new values)");
            m_result = cron;
            fail(error, Outcome::NotApplied);
        },
        [this](const ApiError &readError) {
            ApiError error = m_patchError;
            if (readError.kind == ApiError::Kind::NotFound && !isNotImplemented(readError)) {
                error.message += tr(" (the cron no longer exists)");
                fail(error, Outcome::NotApplied);
                return;
            }
            error.message += tr(" (the change may have been applied, and the cron could not be "
                                "read back to find out: %1)")
                                 .arg(readError.message);
            fail(error, Outcome::Unknown);
        });
}

void CronUpdater::succeed(const Cron &cron, Outcome outcome)
{
    if (isFinished())
        return;
    m_pending.clear();
    m_outcome = outcome;
    m_result = cron;
    Q_EMIT succeeded();
    Q_EMIT finished();
    deleteLater();
}

void CronUpdater::fail(const ApiError &error, Outcome outcome)
{
    if (isFinished())
        return;
    m_pending.clear();
    m_outcome = outcome;
    m_error = error;
    Q_EMIT failed(m_error);
    Q_EMIT finished();
    deleteLater();
}

} // namespace crondesk::api
