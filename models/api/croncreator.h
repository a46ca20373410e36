#pragma once

#include <models/api/checkedcronwrite.h>
#include <models/api/cronwrite.h>

namespace crondesk::api {

// Creates one cron without ever making two (api-contract §5.3, §8.8), and never claims it was not
// created when that is not known.
//
// The create carries a correlation key in its metadata (correlationMetadataKey, a fresh UUID) and
// is sent exactly once. When its answer is lost or garbled the server may or may not have stored
// the cron, so the creator searches by that key before reporting, on CheckedCronWrite's schedule:
//  - The answer was lost: the search is repeated until the cron appears or the verification
//    window has passed. Found: Recovered. Never found: Unknown, since a slow server may still
//    commit it.
//  - The server answered with an error (500, 502, 503, ...): one search decides. Found (it failed
//    after storing): Recovered. Absent: NotCreated.
//  - Refused (4xx) or never sent (connection refused): NotCreated, without a search.
// A cron is taken as this create's only when it also matches what was sent (schedule, thread,
// metadata, input): a correlation id that belongs to another cron is an error, never a success.
//
// If the check itself fails, outcome() is Unknown. Submitting again is then safe only with the
// same correlation id (setCorrelationId(), or the key left in the metadata): a creator given an
// existing id looks for that cron first and creates it only when it is absent.
class CronCreator final : public CheckedCronWrite
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

    void abort();

    Outcome outcome() const { return m_outcome; }
    // The cron exists: Created, Recovered or AlreadyExisted.
    bool wasCreated() const;
    // Definitely not stored: submitting again cannot duplicate.
    bool isSafeToRetry() const { return m_outcome == Outcome::NotCreated; }
    // The body as sent, correlation key included.
    const CronCreate &request() const { return m_cron; }

private:
    enum class Check { BeforeCreating, AfterAmbiguousFailure };
    enum class Phase { Idle, Checking, Creating };

    // True when `cron` carries this create's key and what it sent (not another cron that happens
    // to carry the same key).
    bool isOurs(const Cron &cron) const;
    bool carriesOurKey(const Cron &cron) const;
    void start();
    void sendCreate();
    void check(Check why);
    void succeed(const Cron &cron, Outcome outcome);
    void fail(const ApiError &error, Outcome outcome);

    CronCreate m_cron;
    QString m_threadId;
    QString m_correlationId;
    bool m_repeat = false; // the id came from an earlier submission: look before creating
    Phase m_phase = Phase::Idle;
    Outcome m_outcome = Outcome::Pending;
};

} // namespace crondesk::api
