#include "cronrepository.h"

#include "crontablemodel.h"
#include "journalrecorder.h"
#include "mutationpolicy.h"

#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::models {

CronRepository::CronRepository(api::ApiClient *client, CronTableModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
{ }

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
            m_probed = true;
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
    // With rows on screen, collect the whole deployment and merge once, so rows that still exist
    // never flicker out; on an empty table show each page as it comes.
    m_mergeAtEnd = m_model->rowCount() > 0;
    m_incoming.clear();
    m_lastError = {};

    api::CronSearchQuery query;
    query.metadata = m_serverMetadata;
    auto *fetcher = new api::CronFetcher(m_client, query, this);
    m_fetcher = fetcher;
    connect(fetcher, &api::CronFetcher::pageArrived, this, [this](const QList<api::Cron> &page) {
        if (m_mergeAtEnd)
            m_incoming.append(page);
        else
            m_model->upsertCrons(page);
    });
    connect(fetcher, &api::CronFetcher::progress, this, &CronRepository::loadProgress);
    connect(fetcher, &api::CronFetcher::succeeded, this, [this, fetcher] {
        if (m_mergeAtEnd)
            m_model->mergeCrons(m_incoming);
        m_incoming.clear();
        m_lastLoaded = QDateTime::currentDateTimeUtc();
        fetcher->deleteLater();
        m_fetcher.clear();
        Q_EMIT loadingChanged(false);
        Q_EMIT loadSucceeded();
    });
    connect(fetcher, &api::CronFetcher::failed, this, [this, fetcher](const api::ApiError &error) {
        m_incoming.clear();
        m_lastError = error;
        fetcher->deleteLater();
        m_fetcher.clear();
        Q_EMIT loadingChanged(false);
        Q_EMIT loadFailed(error);
    });
    Q_EMIT loadingChanged(true);
    loadAssistants();
    countUnfiltered();
    fetcher->start();
}

void CronRepository::cancelLoad()
{
    if (m_fetcher)
        m_fetcher->cancel();
}

void CronRepository::loadAssistants()
{
    m_client->searchAssistants(QJsonObject {{"limit"_L1, 1000}, {"offset"_L1, 0}})
        ->then(
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

void CronRepository::deleteCrons(const QStringList &cronIds)
{
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
                m_model->removeCron(cronId);
                Q_EMIT deleted(cronId);
            },
            [this, cronId](const api::ApiError &error) {
                if (error.kind == api::ApiError::Kind::NotFound) {
                    // Gone already (deleted elsewhere): what the operator wanted; the row must go.
                    m_model->removeCron(cronId);
                    Q_EMIT deleted(cronId);
                    return;
                }
                Q_EMIT deleteFailed(cronId, error);
            });
    }
}

void CronRepository::setCronsEnabled(const QStringList &cronIds, bool enabled)
{
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
            if (api::isNotImplemented(error)) {
                applyServerCron(patched);
                return;
            }
            Q_EMIT updateFailed(patched.cronId, error);
        });
}

void CronRepository::applyServerCron(const api::Cron &cron)
{
    m_model->upsertCrons({cron});
    Q_EMIT updated(cron);
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
