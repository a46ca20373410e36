#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/cronsearch.h>

#include <QObject>
#include <QPointer>

namespace crondesk::api {

class ApiClient;
class ApiRequest;

// Reads every cron that matches a query, page by page, delivering each page as it arrives so a
// view can show the first rows at once. Pages are requested in creation order, oldest first, so
// crons created while paging land on later pages instead of shifting earlier ones.
class CronFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronFetcher)

public:
    CronFetcher(ApiClient *client, CronSearchQuery filter, QObject *parent = nullptr);
    ~CronFetcher() override;

    void start();
    void cancel();

    static constexpr int pageSize = 1000; // the server's maximum `limit`

    qint64 fetchedCount() const { return m_fetched; }
    qint64 expectedTotal() const { return m_total; } // -1 until /count answers

Q_SIGNALS:
    void pageArrived(const QList<crondesk::api::Cron> &crons);
    void progress(qint64 fetched, qint64 total);
    void succeeded();
    void failed(const crondesk::api::ApiError &error);

private:
    void requestPage(int offset);
    void finish(const ApiError &error);

    ApiClient *m_client;
    CronSearchQuery m_filter;
    QPointer<ApiRequest> m_pending;
    QPointer<ApiRequest> m_countRequest;
    qint64 m_fetched = 0;
    qint64 m_total = -1;
    bool m_done = false;
};

} // namespace crondesk::api
