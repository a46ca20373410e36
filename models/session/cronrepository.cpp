#include "cronrepository.h"

#include <models/api/apiclient.h>
#include <models/api/croncreator.h>
#include <models/api/cronupdater.h>
#include <models/api/cronwrite.h>
#include <models/connections/mutationpolicy.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/croneditorcontroller.h>
#include <models/session/runstarter.h>
#include <models/session/undorunner.h>

#include <QJsonObject>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

namespace crondesk::models {

CronRepository::CronRepository(api::ApiClient *client, CronTableModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_preparer(new CronPagePreparer(
          [this](QList<PreparedPage> pages) { showPreparedPages(std::move(pages)); }, this))
    , m_dueTimer(new QTimer(this))
{
    // Rows appear within a tenth of a second of their page; a load of 100 pages reaches the
    // view in about a dozen steps (BENCHMARKS.md, target 7).
    m_preparer->setHandOverInterval(std::chrono::milliseconds(100));
    connect(m_preparer, &CronPagePreparer::drained, this,
            &CronRepository::concludeLoadWhenPrepared);
    // Often enough that a due row is read again within a poll or two of the server's scheduler;
    // a pass over 100,000 rows costs about a millisecond when nothing is due.
    m_dueTimer->setInterval(std::chrono::seconds(5));
    connect(m_dueTimer, &QTimer::timeout, this, &CronRepository::checkDue);
    // A cleared table (another deployment, another server filter): answers for its rows are moot.
    connect(m_model, &QAbstractItemModel::modelReset, this, &CronRepository::dropRereads);
}

CronRepository::~CronRepository()
{
    delete m_fetcher;
}

void CronRepository::probe()
{
    auto *probe = new api::CapabilityProbe(m_client, this);
    probe->then(
        this,
        [this](const api::ServerCapabilities &capabilities) {
            m_capabilities = capabilities;
            Q_EMIT capabilitiesChanged();
        },
        [](const api::ApiError &) {
            // The load reports why the server cannot be used; keep assuming a current server.
        });
}

void CronRepository::reload()
{
    if (m_fetcher)
        return;
    // With rows on screen, merge page by page and remove what the reload did not find only at
    // its end, so rows that still exist never flicker out and no second copy of the deployment
    // is held; on an empty table show each page as it comes.
    if (m_model->rowCount() > 0)
        m_model->beginMerge();
    m_preparer->clear(); // idle since the last load ended; this undoes its finish()
    m_lastError = {};

    api::CronSearchQuery query;
    query.metadata = m_serverMetadata;
    auto *fetcher = new api::CronFetcher(m_client, query, this);
    m_fetcher = fetcher;
    connect(fetcher, &api::CronFetcher::pageArrived, this, [this](const QList<api::Cron> &page) {
        // Each page's rows are what the server said when this page arrived.
        const QDateTime readAt = currentTime();
        if (!m_model->isMerging()) {
            m_preparer->add(page, readAt);
            return;
        }
        if (m_removedWhileLoading.isEmpty()) {
            m_model->upsertCrons(page, readAt);
            return;
        }
        // Crons deleted while the reload runs stay deleted, whenever their page was read.
        QList<api::Cron> kept = page;
        kept.removeIf(
            [this](const api::Cron &cron) { return m_removedWhileLoading.contains(cron.cronId); });
        m_model->upsertCrons(kept, readAt);
    });
    connect(fetcher, &api::CronFetcher::progress, this, [this](qint64, qint64 total) {
        // The table takes the whole deployment in one array; sized once, it is not copied as it
        // grows (the peak of a load of 100,000 crons).
        if (!m_model->isMerging())
            m_model->reserveRows(total);
    });
    connect(fetcher, &api::CronFetcher::progress, this, &CronRepository::loadProgress);
    connect(fetcher, &api::CronFetcher::succeeded, this, [this] {
        m_model->endMerge(); // nothing to end after a first load
        m_fetchedAt = currentTime();
        m_fetchOutcome = api::ApiError {};
        m_preparer->finish();
        concludeLoadWhenPrepared();
    });
    connect(fetcher, &api::CronFetcher::failed, this, [this](const api::ApiError &error) {
        // The pages already shown or merged stay (each row as the server last said), and no row
        // is removed on the word of an incomplete listing; pages still being prepared are given
        // up with the load: after a cancel the table may be cleared for another deployment at
        // once, and they must not land in it.
        m_model->abandonMerge();
        m_preparer->clear();
        m_fetchOutcome = error;
        concludeLoadWhenPrepared();
    });
    Q_EMIT loadingChanged(true);
    loadAssistants();
    countUnfiltered();
    fetcher->start();
}

void CronRepository::showPreparedPages(QList<PreparedPage> pages)
{
    // A page read before a cron was deleted, but shown after: the deletion stands.
    if (!m_removedWhileLoading.isEmpty()) {
        for (PreparedPage &page : pages) {
            page.crons.removeIf([this](const PreparedCron &prepared) {
                return m_removedWhileLoading.contains(prepared.cron.cronId);
            });
        }
    }
    m_model->upsertPreparedPages(std::move(pages));
}

void CronRepository::removeRow(const QString &cronId)
{
    m_model->removeCron(cronId);
    if (isLoading())
        m_removedWhileLoading.insert(cronId);
}

void CronRepository::concludeLoadWhenPrepared()
{
    if (!m_fetchOutcome || !m_preparer->isIdle())
        return;
    const api::ApiError outcome = *std::exchange(m_fetchOutcome, std::nullopt);
    m_removedWhileLoading.clear();
    if (m_fetcher)
        m_fetcher->deleteLater();
    m_fetcher.clear();
    if (outcome.kind == api::ApiError::Kind::None)
        m_lastLoaded = m_fetchedAt; // when the server's last page arrived, not when it was shown
    else
        m_lastError = outcome;
    Q_EMIT loadingChanged(false);
    if (outcome.kind == api::ApiError::Kind::None)
        Q_EMIT loadSucceeded();
    else
        Q_EMIT loadFailed(outcome);
}

void CronRepository::cancelLoad()
{
    if (!m_fetcher)
        return;
    if (!m_fetcher->isFinished()) {
        m_fetcher->cancel(); // failed() ends the load at once
        return;
    }
    // Every page has been read, but the last ones are still being prepared: give them up too,
    // so that nothing of this load reaches the table after the call.
    api::ApiError canceled;
    canceled.kind = api::ApiError::Kind::Canceled;
    canceled.message = tr("Canceled by the user");
    m_preparer->clear();
    m_fetchOutcome = canceled;
    concludeLoadWhenPrepared();
}

void CronRepository::loadAssistants()
{
    api::AssistantSearchQuery query;
    query.limit = api::AssistantSearchQuery::maxLimit;
    m_client->searchAssistants(query)->then(
        this,
        [this](const QList<api::Assistant> &assistants) { m_model->setAssistants(assistants); },
        [](const api::ApiError &) {
            // Without names the table shows assistant ids, which is still correct.
        });
}

void CronRepository::countUnfiltered()
{
    m_unfilteredTotal = -1;
    if (m_serverMetadata.isEmpty())
        return;
    m_client->countCrons({})->then(
        this, [this](qint64 total) { m_unfilteredTotal = total; }, [](const api::ApiError &) {});
}

QString CronRepository::refusal(MutationKind kind, qsizetype cronCount) const
{
    const MutationDecision decision = decideMutation(m_profile, kind, cronCount);
    return decision.isRefused() ? decision.reason : QString();
}

RunStarter *CronRepository::startRun(const api::Cron &cron, bool keepThread, QObject *parent)
{
    auto *starter = new RunStarter(m_client, m_journal, refusal(MutationKind::Run, 1),
                                   parent ? parent : this);
    connect(starter, &RunStarter::refused, this,
            [this](const QString &reason) { Q_EMIT mutationRefused(MutationKind::Run, reason); });
    starter->start(cron, keepThread);
    return starter;
}

CronSubmitter *CronRepository::newEditorSubmitter(const QJsonValue &before, QObject *parent)
{
    return new CronEditorController(this, before, parent);
}

UndoRunner *CronRepository::newUndoRunner(QObject *parent)
{
    auto *runner
        = new UndoRunner(m_client, m_journal, m_profile, m_client->baseUrl().toString(), parent);
    runner->setVerificationTiming(m_verificationDelay, m_verificationWindow);
    runner->setClock(m_clock);
    connect(runner, &UndoRunner::succeeded, this, [this, runner] {
        if (runner->resultCron()) {
            applyServerCron(*runner->resultCron());
        } else if (runner->plan().step == UndoPlan::Step::Delete) {
            removeRow(runner->plan().cronId);
            Q_EMIT deleted(runner->plan().cronId);
        }
    });
    return runner;
}

api::CronCreator *CronRepository::sendCreate(const api::CronCreate &create, const QString &threadId)
{
    api::CronCreator *creator = m_client->createCronOnce(create, threadId);
    if (m_journal)
        m_journal->trackCreate(creator);
    creator->setVerificationDelay(m_verificationDelay);
    creator->setVerificationWindow(m_verificationWindow);
    return creator;
}

api::CronUpdater *CronRepository::sendUpdate(const QString &cronId, const api::CronPatch &patch,
                                             const QJsonValue &before)
{
    api::CronUpdater *updater = m_client->updateCronChecked(cronId, patch);
    if (m_journal)
        m_journal->track(updater->patchRequest(), MutationKind::Update, cronId, before,
                         patch.toJson());
    updater->setVerificationDelay(m_verificationDelay);
    updater->setVerificationWindow(m_verificationWindow);
    return updater;
}

void CronRepository::deleteCrons(const QStringList &cronIds)
{
    if (const QString reason = refusal(MutationKind::Delete, cronIds.size()); !reason.isEmpty()) {
        Q_EMIT mutationRefused(MutationKind::Delete, reason);
        return;
    }
    for (const QString &cronId : cronIds) {
        const int row = m_model->rowOf(cronId);
        const QJsonValue before
            = row >= 0 ? QJsonValue(api::cronToJson(m_model->cronAt(row))) : QJsonValue();
        auto *request = m_client->deleteCron(cronId);
        if (m_journal)
            m_journal->trackDelete(request, cronId, before);
        request->then(
            this,
            [this, cronId](const api::Empty &) {
                removeRow(cronId);
                Q_EMIT deleted(cronId);
            },
            [this, cronId](const api::ApiError &error) {
                if (error.kind == api::ApiError::Kind::NotFound) {
                    // Gone already (deleted elsewhere): what the operator wanted; the row must go.
                    removeRow(cronId);
                    Q_EMIT deleted(cronId);
                    return;
                }
                Q_EMIT deleteFailed(cronId, error);
            });
    }
}

void CronRepository::setCronsEnabled(const QStringList &cronIds, bool enabled)
{
    const MutationKind kind = enabled ? MutationKind::Resume : MutationKind::Pause;
    if (const QString reason = refusal(kind, cronIds.size()); !reason.isEmpty()) {
        Q_EMIT mutationRefused(kind, reason);
        return;
    }
    for (const QString &cronId : cronIds) {
        api::CronPatch patch;
        patch.enabled = enabled;
        const int row = m_model->rowOf(cronId);
        const QJsonValue before
            = row >= 0 ? QJsonValue(api::cronToJson(m_model->cronAt(row))) : QJsonValue();
        auto *request = m_client->updateCron(cronId, patch);
        if (m_journal)
            m_journal->track(request, enabled ? MutationKind::Resume : MutationKind::Pause, cronId,
                             before, patch.toJson());
        request->then(
            this, [this](const api::Cron &patched) { confirmUpdate(patched); },
            [this, cronId](const api::ApiError &error) { Q_EMIT updateFailed(cronId, error); });
    }
}

void CronRepository::confirmUpdate(const api::Cron &patched)
{
    // The PATCH answer is the server's word; a fresh GET is its state now (another client may
    // have changed it since), and on servers without GET by id the answer is all there is.
    if (!m_capabilities.supportsGetById) {
        applyServerCron(patched);
        return;
    }
    const QString cronId = patched.cronId;
    m_client->getCron(cronId)->then(
        this, [this](const api::Cron &current) { applyServerCron(current); },
        [this, patched](const api::ApiError &error) {
            if (error.unsupported) {
                applyServerCron(patched);
                return;
            }
            Q_EMIT updateFailed(patched.cronId, error);
        });
}

void CronRepository::applyServerCron(const api::Cron &cron)
{
    m_model->upsertCrons({cron}, currentTime());
    Q_EMIT updated(cron);
}

void CronRepository::applyServerCrons(const QList<api::Cron> &crons)
{
    if (crons.isEmpty())
        return;
    m_model->upsertCrons(crons, currentTime());
    for (const api::Cron &cron : crons)
        Q_EMIT updated(cron);
}

void CronRepository::setDueChecksEnabled(bool enabled)
{
    if (enabled)
        m_dueTimer->start();
    else
        m_dueTimer->stop();
}

bool CronRepository::dueChecksEnabled() const
{
    return m_dueTimer->isActive();
}

void CronRepository::setDueCheckInterval(std::chrono::milliseconds interval)
{
    m_dueTimer->setInterval(interval);
}

void CronRepository::checkDue()
{
    if (m_fetcher || m_client->baseUrl().isEmpty())
        return;
    int due = 0;
    const QStringList ids = m_model->cronsToReread(currentTime(), maxTargetedRereads, &due);
    if (due > maxTargetedRereads) {
        // A wave (thousands of crons on "0 * * * *"): a few pages beat thousands of reads.
        reload();
        return;
    }
    for (const QString &id : ids) {
        if (m_rereadPending.contains(id))
            continue;
        m_rereadPending.insert(id);
        m_rereadQueue.append(id);
    }
    pumpRereads();
}

void CronRepository::pumpRereads()
{
    while (m_rereadsInFlight < maxRereadsInFlight && !m_rereadQueue.isEmpty()) {
        if (m_capabilities.supportsGetById)
            rereadById(m_rereadQueue.takeFirst());
        else
            rereadBySearch();
    }
}

void CronRepository::rereadById(const QString &cronId)
{
    ++m_rereadsInFlight;
    m_client->getCron(cronId)->then(
        this,
        [this, cronId](const api::Cron &cron) {
            // Only rows still shown: a cron deleted or filtered away meanwhile stays away.
            if (m_model->rowOf(cronId) >= 0)
                m_model->upsertCrons({cron}, currentTime());
            finishRereads({cronId});
        },
        [this, cronId](const api::ApiError &error) {
            if (error.unsupported) {
                // A server before 0.10: ask again with a search.
                m_capabilities.supportsGetById = false;
                m_rereadQueue.prepend(cronId);
                --m_rereadsInFlight;
                pumpRereads();
                return;
            }
            if (error.kind == api::ApiError::Kind::NotFound) {
                // Deleted elsewhere since the last load.
                removeRow(cronId);
            }
            // Other failures: the row stays due and the next check asks again.
            finishRereads({cronId});
        });
}

void CronRepository::rereadBySearch()
{
    const QString first = m_rereadQueue.takeFirst();
    const int row = m_model->rowOf(first);
    if (row < 0) {
        m_rereadPending.remove(first);
        return;
    }
    const api::Cron &cron = m_model->cronAt(row);
    // As narrow as the search allows: the cron's thread (a thread has few crons), or its
    // assistant's enabled crons soonest first, where one that the server has not moved on comes
    // before every one it has.
    api::CronSearchQuery query;
    query.limit = api::CronFetcher::pageSize;
    const bool byThread = !cron.isStateless();
    if (byThread) {
        query.threadId = cron.threadId;
    } else {
        query.assistantId = cron.assistantId;
        query.enabled = true;
        query.sortBy = u"next_run_date"_s;
        query.sortOrder = u"asc"_s;
    }
    // Every queued cron of the same thread or assistant is answered by the same search.
    QStringList group {first};
    for (qsizetype i = m_rereadQueue.size() - 1; i >= 0; --i) {
        const int other = m_model->rowOf(m_rereadQueue.at(i));
        if (other < 0)
            continue;
        const api::Cron &candidate = m_model->cronAt(other);
        const bool same = byThread
            ? candidate.threadId == cron.threadId
            : candidate.isStateless() && candidate.assistantId == cron.assistantId;
        if (same)
            group.append(m_rereadQueue.takeAt(i));
    }
    ++m_rereadsInFlight;
    m_client->searchCrons(query)->then(
        this,
        [this, group](const api::CronPage &page) {
            const QDateTime readAt = currentTime();
            QList<api::Cron> shown;
            QSet<QString> found;
            for (const api::Cron &cron : page.crons) {
                found.insert(cron.cronId);
                if (m_model->rowOf(cron.cronId) >= 0)
                    shown.append(cron);
            }
            m_model->upsertCrons(shown, readAt);
            // Not in the answer: moved on (or paused, or deleted). Its new state takes a reload.
            for (const QString &id : group) {
                if (!found.contains(id))
                    m_reloadAfterRereads = true;
            }
            finishRereads(group);
        },
        [this, group](const api::ApiError &) { finishRereads(group); });
}

void CronRepository::finishRereads(const QStringList &cronIds)
{
    --m_rereadsInFlight;
    for (const QString &id : cronIds)
        m_rereadPending.remove(id);
    pumpRereads();
    if (m_rereadsInFlight > 0 || !m_rereadQueue.isEmpty())
        return;
    if (m_reloadAfterRereads) {
        m_reloadAfterRereads = false;
        reload();
    }
    Q_EMIT rereadsSettled();
}

void CronRepository::dropRereads()
{
    // Requests in flight finish and are ignored (their rows are gone); nothing new starts.
    for (const QString &id : std::as_const(m_rereadQueue))
        m_rereadPending.remove(id);
    m_rereadQueue.clear();
    m_reloadAfterRereads = false;
}

void CronRepository::fetchThreadRuns(const QString &threadId, int limit)
{
    m_client->listThreadRuns(threadId, limit, 0)
        ->then(
            this,
            [this, threadId](const QList<api::Run> &runs) {
                Q_EMIT threadRunsLoaded(threadId, runs);
            },
            [this, threadId](const api::ApiError &error) {
                Q_EMIT threadRunsFailed(threadId, error);
            });
}

} // namespace crondesk::models
