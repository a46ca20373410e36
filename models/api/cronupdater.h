#pragma once

#include <models/api/checkedcronwrite.h>
#include <models/api/cronwrite.h>

namespace crondesk::api {

template<typename T>
class ApiResultRequest;

// Changes one cron (PATCH, sent exactly once) and never says the change was not applied when that
// is not known (the update's half of what CronCreator does for creates).
//
// When the answer is lost or is a server error, the cron is read back (GET /runs/crons/{id}) and
// compared with what was asked (api::patchReflected), on CheckedCronWrite's schedule: after a lost
// answer it is read again until it shows the change (Recovered) or the verification window has
// passed (Unknown); after a server's own error one read decides (Recovered or NotApplied). A
// refusal, or a request that never left, is NotApplied without a read; a read that fails (an older
// server without GET, the network) leaves it Unknown.
class CronUpdater final : public CheckedCronWrite
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
    const CronPatch &patch() const { return m_patch; }

    void abort();

    Outcome outcome() const { return m_outcome; }
    const QString &cronId() const { return m_cronId; }

private:
    void onPatchFailed(const ApiError &error);
    void readBack();
    void succeed(const Cron &cron, Outcome outcome);
    void fail(const ApiError &error, Outcome outcome, const Cron &seen = {});

    QString m_cronId;
    CronPatch m_patch;
    Outcome m_outcome = Outcome::Pending;
};

} // namespace crondesk::api
