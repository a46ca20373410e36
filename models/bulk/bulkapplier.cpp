#include "bulkapplier.h"

#include <models/api/apiclient.h>
#include <models/api/cronupdater.h>
#include <models/session/cronrepository.h>

#include <QTimer>

#include <utility>

namespace crondesk::models {

BulkApplier::BulkApplier(CronRepository *repository, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_showTimer(new QTimer(this))
{
    m_showTimer->setSingleShot(true);
    m_showTimer->setInterval(showIntervalMs);
    connect(m_showTimer, &QTimer::timeout, this, &BulkApplier::flushShown);
}

BulkApplier::~BulkApplier() = default;

bool BulkApplier::start(const QList<BulkRow> &rows)
{
    if (m_running)
        return false;
    m_rows.clear();
    for (const BulkRow &row : rows) {
        if (!row.isSkipped())
            m_rows.append(row);
    }
    m_results.clear();
    m_results.reserve(m_rows.size());
    for (const BulkRow &row : std::as_const(m_rows))
        m_results.append({row.cron.cronId, BulkResult::Status::Pending, {}, {}});
    m_next = 0;
    m_answered = 0;
    m_inFlight = 0;
    m_peakInFlight = 0;
    m_canceled = false;
    // The rules for all of them at once, before any is sent: a read-only profile sends nothing.
    m_refusal = m_repository->refusal(MutationKind::Update, m_rows.size());
    if (!m_refusal.isEmpty())
        return false;
    m_running = true;
    Q_EMIT progress(0, m_rows.size());
    pump();
    finishIfDone();
    return true;
}

void BulkApplier::cancel()
{
    if (!m_running || m_canceled)
        return;
    m_canceled = true;
    for (qsizetype i = m_next; i < m_rows.size(); ++i) {
        m_results[i].status = BulkResult::Status::NotSent;
        Q_EMIT rowFinished(i, m_results.at(i));
    }
    m_next = m_rows.size();
    finishIfDone();
}

qsizetype BulkApplier::count(BulkResult::Status status) const
{
    return std::count_if(m_results.begin(), m_results.end(),
                         [status](const BulkResult &result) { return result.status == status; });
}

QStringList BulkApplier::failedIds() const
{
    QStringList ids;
    for (const BulkResult &result : m_results) {
        if (result.isFailure())
            ids.append(result.cronId);
    }
    return ids;
}

void BulkApplier::pump()
{
    while (!m_canceled && m_inFlight < m_maxInFlight && m_next < m_rows.size())
        send(m_next++);
}

void BulkApplier::send(qsizetype index)
{
    const BulkRow &row = m_rows.at(index);
    ++m_inFlight;
    m_peakInFlight = std::max(m_peakInFlight, m_inFlight);
    // The session journals it (before: the cron as planned; after: the server's answer).
    api::CronUpdater *updater
        = m_repository->sendUpdate(row.cron.cronId, row.patch, api::cronToJson(row.cron));
    updater->then(
        this,
        [this, index, updater](const api::Cron &patched) {
            Q_UNUSED(updater)
            // The PATCH answer is the server's word; a fresh read is its state now, which is
            // what the table and the result show.
            if (!m_repository->capabilities().supportsGetById) {
                show(patched);
                finishRow(index, BulkResult::Status::Applied, patched, {});
                return;
            }
            m_repository->client()
                ->getCron(patched.cronId)
                ->then(
                    this,
                    [this, index](const api::Cron &current) {
                        show(current);
                        finishRow(index, BulkResult::Status::Applied, current, {});
                    },
                    [this, index, patched](const api::ApiError &) {
                        // Changed all the same; the answer to the PATCH is the best there is.
                        show(patched);
                        finishRow(index, BulkResult::Status::Applied, patched, {});
                    });
        },
        [this, index, updater](const api::ApiError &error) {
            const BulkResult::Status status
                = updater->outcome() == api::CronUpdater::Outcome::Unknown
                ? BulkResult::Status::Unknown
                : BulkResult::Status::Failed;
            finishRow(index, status, {}, error);
        });
}

void BulkApplier::finishRow(qsizetype index, BulkResult::Status status, const api::Cron &after,
                            const api::ApiError &error)
{
    --m_inFlight;
    ++m_answered;
    BulkResult &result = m_results[index];
    result.status = status;
    result.after = after;
    result.error = error;
    Q_EMIT rowFinished(index, result);
    Q_EMIT progress(m_answered, m_rows.size());
    pump();
    finishIfDone();
}

void BulkApplier::show(const api::Cron &cron)
{
    m_toShow.append(cron);
    if (!m_showTimer->isActive())
        m_showTimer->start();
}

void BulkApplier::flushShown()
{
    m_showTimer->stop();
    m_repository->applyServerCrons(std::exchange(m_toShow, {}));
}

void BulkApplier::finishIfDone()
{
    if (!m_running || m_inFlight > 0 || m_next < m_rows.size())
        return;
    m_running = false;
    flushShown();
    Q_EMIT finished();
}

} // namespace crondesk::models
