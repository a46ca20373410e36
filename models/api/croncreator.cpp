#include "croncreator.h"

#include "apiclient.h"

#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

using namespace Qt::StringLiterals;

namespace crondesk::api {

CronCreator::CronCreator(ApiClient *client, CronCreate cron, QString threadId, QObject *parent)
    : QObject(parent)
    , m_client(client)
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

CronCreator::~CronCreator()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
}

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
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
    ApiError error;
    error.kind = ApiError::Kind::Canceled;
    error.message = tr("Canceled by the user");
    // Once a create has gone out (now or in an earlier submission), nobody knows whether it
    // arrived.
    fail(error, m_phase == Phase::Idle && !m_repeat ? Outcome::NotCreated : Outcome::Unknown);
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
    CronRequest *request = m_threadId.isEmpty() ? m_client->createCron(m_cron)
                                                : m_client->createThreadCron(m_threadId, m_cron);
    m_phase = Phase::Creating;
    m_pending = request;
    request->then(
        this, [this](const Cron &cron) { succeed(cron, Outcome::Created); },
        [this](const ApiError &error) {
            if (!error.isAmbiguous() || error.kind == ApiError::Kind::Canceled) {
                // The server answered and refused, or nothing left: nothing was stored.
                fail(error, Outcome::NotCreated);
                return;
            }
            m_createError = error;
            const bool answerLost
                = error.kind == ApiError::Kind::Timeout || error.kind == ApiError::Kind::Network;
            qCInfo(lcApi) << "create failed ambiguously:" << error.toString()
                          << "- checking whether the cron exists";
            // A server that has not answered may still be working on the request; one that
            // answered 5xx or garbled 2xx is done with it.
            QTimer::singleShot(answerLost ? m_verificationDelay : std::chrono::milliseconds(0),
                               this, [this] { check(Check::AfterAmbiguousFailure); });
        });
}

void CronCreator::check(Check why)
{
    if (isFinished())
        return;
    const ServerCapabilities &capabilities = m_client->capabilities();
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
    auto *request = m_client->searchCrons(query);
    m_phase = Phase::Checking;
    m_pending = request;
    request->then(
        this,
        [this, why](const CronPage &page) {
            for (const Cron &cron : page.crons) {
                if (cron.metadata.value(correlationMetadataKey).toString() == m_correlationId) {
                    succeed(cron,
                            why == Check::BeforeCreating ? Outcome::AlreadyExisted
                                                         : Outcome::Recovered);
                    return;
                }
            }
            if (why == Check::BeforeCreating) {
                sendCreate();
                return;
            }
            ApiError error = m_createError;
            error.message += tr(" (the cron was not created; it is safe to try again)");
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
                error = m_createError;
                error.message += tr(" (could not check whether the cron was created: %1; to "
                                    "try again safely, resubmit with correlation id %2)")
                                     .arg(checkError.message, m_correlationId);
            }
            fail(error, Outcome::Unknown);
        });
}

void CronCreator::succeed(const Cron &cron, Outcome outcome)
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

void CronCreator::fail(const ApiError &error, Outcome outcome)
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
