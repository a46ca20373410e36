#include "croncreator.h"

#include "apiclient.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// Metadata keys the server drops from what it stores (api-contract §1).
bool isServerReservedKey(const QString &key)
{
    return key == "thread_id"_L1 || key == "assistant_id"_L1 || key == "run_id"_L1
        || key == "cron_id"_L1;
}

} // namespace

CronCreator::CronCreator(ApiClient *client, CronCreate cron, QString threadId, QObject *parent)
    : CheckedCronWrite(client, parent)
    , m_cron(std::move(cron))
    , m_threadId(std::move(threadId))
{
    const QJsonValue existing
        = m_cron.metadata.value_or(QJsonObject()).value(correlationMetadataKey);
    if (existing.isString() && !existing.toString().isEmpty()) {
        // The caller resubmits a draft that already went out once.
        setCorrelationId(existing.toString());
    } else {
        m_correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    QJsonObject metadata = m_cron.metadata.value_or(QJsonObject());
    metadata.insert(correlationMetadataKey, m_correlationId);
    m_cron.metadata = metadata;
    QMetaObject::invokeMethod(this, &CronCreator::start, Qt::QueuedConnection);
}

CronCreator::~CronCreator() = default;

void CronCreator::setCorrelationId(const QString &id)
{
    if (m_phase != Phase::Idle || id.isEmpty())
        return;
    m_correlationId = id;
    m_repeat = true;
    QJsonObject metadata = m_cron.metadata.value_or(QJsonObject());
    metadata.insert(correlationMetadataKey, m_correlationId);
    m_cron.metadata = metadata;
}

bool CronCreator::wasCreated() const
{
    return m_outcome == Outcome::Created || m_outcome == Outcome::Recovered
        || m_outcome == Outcome::AlreadyExisted;
}

void CronCreator::abort()
{
    if (isFinished())
        return;
    dropPending();
    // Once a create has gone out (now or in an earlier submission), nobody knows whether it
    // arrived.
    fail(canceledByUser(),
         m_phase == Phase::Idle && !m_repeat ? Outcome::NotCreated : Outcome::Unknown);
}

void CronCreator::start()
{
    if (isFinished() || m_phase != Phase::Idle)
        return;
    if (m_repeat)
        check(Check::BeforeCreating);
    else
        sendCreate();
}

void CronCreator::sendCreate()
{
    CronRequest *request = m_threadId.isEmpty() ? client()->createCron(m_cron)
                                                : client()->createThreadCron(m_threadId, m_cron);
    m_phase = Phase::Creating;
    setPending(request);
    request->then(
        this, [this](const Cron &cron) { succeed(cron, Outcome::Created); },
        [this](const ApiError &error) {
            if (!error.isAmbiguous() || error.kind == ApiError::Kind::Canceled) {
                // The server answered and refused, or nothing left: nothing was stored.
                ApiError refused = error;
                if (error.notSent)
                    refused.message += tr(" (the cron was not created: the request never "
                                          "reached the server; it is safe to try again)");
                fail(refused, Outcome::NotCreated);
                return;
            }
            beginChecking(error, [this] { check(Check::AfterAmbiguousFailure); });
        });
}

bool CronCreator::carriesOurKey(const Cron &cron) const
{
    return cron.metadata.value(correlationMetadataKey).toString() == m_correlationId;
}

bool CronCreator::isOurs(const Cron &cron) const
{
    if (!carriesOurKey(cron) || cron.schedule != m_cron.schedule)
        return false;
    if (!m_threadId.isEmpty() && cron.threadId != m_threadId)
        return false;
    const QJsonObject sent = m_cron.metadata.value_or(QJsonObject());
    for (auto it = sent.begin(); it != sent.end(); ++it) {
        if (!isServerReservedKey(it.key()) && cron.metadata.value(it.key()) != it.value())
            return false;
    }
    return !m_cron.input || !cron.payload.contains("input"_L1)
        || cron.payload.value("input"_L1) == *m_cron.input;
}

void CronCreator::check(Check why)
{
    if (isFinished())
        return;
    const ServerCapabilities &capabilities = client()->capabilities();
    CronSearchQuery query;
    // Newest first: the cron, if it exists, is among the most recent.
    query.sortBy = u"created_at"_s;
    query.sortOrder = u"desc"_s;
    if (capabilities.supportsMetadataFilter) {
        query.metadata = QJsonObject {{correlationMetadataKey, m_correlationId}};
        query.limit = 10;
    } else {
        // Before 0.9 the filter is ignored; look through the newest page instead.
        query.limit = 1000;
    }
    if (!m_threadId.isEmpty() && isUuid(m_threadId))
        query.threadId = m_threadId;
    auto *request = client()->searchCrons(query);
    countCheck();
    m_phase = Phase::Checking;
    setPending(request);
    request->then(
        this,
        [this, why](const CronPage &page) {
            const Cron *other = nullptr;
            for (const Cron &cron : page.crons) {
                if (isOurs(cron)) {
                    succeed(cron,
                            why == Check::BeforeCreating ? Outcome::AlreadyExisted
                                                         : Outcome::Recovered);
                    return;
                }
                if (carriesOurKey(cron))
                    other = &cron;
            }
            if (why == Check::BeforeCreating) {
                if (other) {
                    // Never a silent no-op returning someone else's cron.
                    ApiError error;
                    error.kind = ApiError::Kind::Conflict;
                    error.message = tr("Correlation id %1 belongs to another cron (%2, schedule "
                                       "\"%3\"), not to this one: nothing was created. Use a new "
                                       "correlation id.")
                                        .arg(m_correlationId, other->cronId, other->schedule);
                    fail(error, Outcome::NotCreated);
                    return;
                }
                sendCreate();
                return;
            }
            if (lookAgainLater())
                return;
            ApiError error = writeFailure();
            if (answerLost()) {
                const int seconds = secondsWaited();
                error.message += tr(" (the cron may have been created: the server's answer was "
                                    "lost and the cron had not appeared %n second(s) later; to "
                                    "try again safely, resubmit with correlation id %1)",
                                    nullptr, seconds)
                                     .arg(m_correlationId);
                fail(error, Outcome::Unknown);
                return;
            }
            error.message += tr(" (the cron was not created: the server answered with an error "
                                "and has no cron with correlation id %1; it is safe to try again)")
                                 .arg(m_correlationId);
            fail(error, Outcome::NotCreated);
        },
        [this, why](const ApiError &checkError) {
            ApiError error;
            if (why == Check::BeforeCreating) {
                error = checkError;
                error.message += tr(" (nothing was sent: could not check whether an earlier "
                                    "attempt with correlation id %1 created the cron)")
                                     .arg(m_correlationId);
            } else {
                error = writeFailure();
                error.message += tr(" (the cron may have been created, and it could not be "
                                    "checked: %1; to try again safely, resubmit with correlation "
                                    "id %2)")
                                     .arg(checkError.message, m_correlationId);
            }
            fail(error, Outcome::Unknown);
        });
}

void CronCreator::succeed(const Cron &cron, Outcome outcome)
{
    if (isFinished())
        return;
    m_outcome = outcome;
    finishSucceeded(cron);
}

void CronCreator::fail(const ApiError &error, Outcome outcome)
{
    if (isFinished())
        return;
    m_outcome = outcome;
    finishFailed(error);
}

} // namespace crondesk::api
