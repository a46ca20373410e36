#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/cronfetcher.h>

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace crondesk::api {
class ApiClient;
} // namespace crondesk::api

namespace crondesk::models {

class CronTableModel;

// Owns the calls that keep a CronTableModel in step with one deployment: the first load shows
// rows as pages arrive, a reload merges row by row, deletions remove rows once the server agrees.
class CronRepository final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronRepository)

public:
    CronRepository(api::ApiClient *client, CronTableModel *model, QObject *parent = nullptr);
    ~CronRepository() override;

    api::ApiClient *client() const { return m_client; }
    CronTableModel *model() const { return m_model; }

    bool isLoading() const { return m_fetcher != nullptr; }
    bool hasLoaded() const { return m_lastLoaded.isValid(); }
    QDateTime lastLoaded() const { return m_lastLoaded; }
    const api::ApiError &lastError() const { return m_lastError; }

    void reload();
    void cancelLoad();
    // Deletes each cron; every answer is reported on its own (deleted or deleteFailed).
    void deleteCrons(const QStringList &cronIds);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadProgress(qint64 fetched, qint64 total);
    void loadSucceeded();
    void loadFailed(const crondesk::api::ApiError &error);
    void deleted(const QString &cronId);
    void deleteFailed(const QString &cronId, const crondesk::api::ApiError &error);

private:
    void loadAssistants();

    api::ApiClient *m_client;
    CronTableModel *m_model;
    QPointer<api::CronFetcher> m_fetcher;
    QList<api::Cron> m_incoming;
    bool m_mergeAtEnd = false;
    QDateTime m_lastLoaded;
    api::ApiError m_lastError;
};

} // namespace crondesk::models
