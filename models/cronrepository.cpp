#include "cronrepository.h"

#include "crontablemodel.h"

#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>

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

void CronRepository::reload()
{
    if (m_fetcher)
        return;
    // With rows on screen, collect the whole deployment and merge once, so rows that still exist
    // never flicker out; on an empty table show each page as it comes.
    m_mergeAtEnd = m_model->rowCount() > 0;
    m_incoming.clear();
    m_lastError = {};

    auto *fetcher = new api::CronFetcher(m_client, api::CronSearchQuery(), this);
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

void CronRepository::deleteCrons(const QStringList &cronIds)
{
    for (const QString &cronId : cronIds) {
        m_client->deleteCron(cronId)->then(
            this,
            [this, cronId](const api::Empty &) {
                m_model->removeCron(cronId);
                Q_EMIT deleted(cronId);
            },
            [this, cronId](const api::ApiError &error) {
                if (error.kind == api::ApiError::Kind::NotFound) {
                    // Someone else deleted it already: the goal is reached, the row must go.
                    m_model->removeCron(cronId);
                    Q_EMIT deleted(cronId);
                    return;
                }
                Q_EMIT deleteFailed(cronId, error);
            });
    }
}

} // namespace crondesk::models
