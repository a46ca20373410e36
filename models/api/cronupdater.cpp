#include "cronupdater.h"

#include "apiclient.h"

using namespace Qt::StringLiterals;

namespace crondesk::api {

CronUpdater::CronUpdater(ApiClient *client, QString cronId, CronPatch patch, QObject *parent)
    : CheckedCronWrite(client, parent)
    , m_cronId(std::move(cronId))
    , m_patch(std::move(patch))
{
    // Made now, so that a journal can follow it; it goes out once control returns to the loop.
    CronRequest *request = client->updateCron(m_cronId, m_patch);
    setPending(request);
    request->then(
        this, [this](const Cron &cron) { succeed(cron, Outcome::Applied); },
        [this](const ApiError &error) { onPatchFailed(error); });
}

CronUpdater::~CronUpdater() = default;

ApiResultRequest<Cron> *CronUpdater::patchRequest() const
{
    // Until the first read-back, the pending request is the PATCH.
    return checks() == 0 ? static_cast<CronRequest *>(pending()) : nullptr;
}

void CronUpdater::abort()
{
    if (isFinished())
        return;
    const bool sent = pending() && checks() == 0 ? pending()->attempts() > 0 : true;
    dropPending();
    fail(canceledByUser(), sent ? Outcome::Unknown : Outcome::NotApplied);
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
    beginChecking(error, [this] { readBack(); });
}

void CronUpdater::readBack()
{
    if (isFinished())
        return;
    countCheck();
    CronRequest *request = client()->getCron(m_cronId);
    setPending(request);
    request->then(
        this,
        [this](const Cron &cron) {
            const PatchReflected reflected = patchReflected(m_patch, cron);
            if (reflected == PatchReflected::Yes) {
                succeed(cron, Outcome::Recovered);
                return;
            }
            if (reflected == PatchReflected::No && lookAgainLater())
                return;
            ApiError error = writeFailure();
            if (answerLost() || reflected == PatchReflected::Unknowable) {
                const int seconds = secondsWaited();
                error.message += reflected == PatchReflected::Unknowable
                    ? tr(" (the change may have been applied: the cron read back does not show "
                         "the fields it changes)")
                    : tr(" (the change may have been applied: the server's answer was lost and "
                         "the cron did not show it %n second(s) later; read the cron before "
                         "trying again)",
                         nullptr, seconds);
                fail(error, Outcome::Unknown, cron);
                return;
            }
            error.message += tr(" (the change was not applied: the server answered with an error "
                                "and the cron does not have the new values)");
            fail(error, Outcome::NotApplied, cron);
        },
        [this](const ApiError &readError) {
            ApiError error = writeFailure();
            if (readError.kind == ApiError::Kind::NotFound && !readError.unsupported) {
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
    m_outcome = outcome;
    finishSucceeded(cron);
}

void CronUpdater::fail(const ApiError &error, Outcome outcome, const Cron &seen)
{
    if (isFinished())
        return;
    m_outcome = outcome;
    finishFailed(error, seen);
}

} // namespace crondesk::api
