#pragma once

#include <models/api/apirequest.h>
#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/api/cronsearch.h>
#include <models/api/requestfactory.h>

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace crondesk::api {

using CronPageRequest = ApiResultRequest<CronPage>;
using CountRequest = ApiResultRequest<qint64>;
using EmptyRequest = ApiResultRequest<Empty>;
using JsonObjectRequest = ApiResultRequest<QJsonObject>;
using AssistantListRequest = ApiResultRequest<QList<Assistant>>;

// The typed face of one Agent Server deployment. Each call returns a request object that sends
// itself, delivers its result through signals and deletes itself (see ApiRequest).
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    explicit ApiClient(QObject *parent = nullptr);
    ApiClient(const RequestFactory &factory, QObject *parent = nullptr);
    ~ApiClient() override;

    const RequestFactory &requestFactory() const { return m_factory; }
    void setRequestFactory(const RequestFactory &factory) { m_factory = factory; }
    QUrl baseUrl() const { return m_factory.baseUrl(); }

    QNetworkAccessManager *networkAccessManager() const { return m_manager; }

    // GET /ok and GET /info (version, flags).
    JsonObjectRequest *ok();
    JsonObjectRequest *info();

    // POST /assistants/search: one page of assistants (at most 1000).
    AssistantListRequest *searchAssistants(const QJsonObject &body);

    // POST /runs/crons/search: one page.
    CronPageRequest *searchCrons(const CronSearchQuery &query);
    // POST /runs/crons/count: a bare integer.
    CountRequest *countCrons(const CronCountQuery &query);
    // DELETE /runs/crons/{cron_id}: 204 (or 200). A 404 on a retry after a lost answer is success.
    EmptyRequest *deleteCron(const QString &cronId);

private:
    template<typename T>
    ApiResultRequest<T> *send(const QByteArray &verb, const QStringList &path,
                              const QJsonObject *body, RetryPolicy retry,
                              typename ApiResultRequest<T>::Decoder decoder);

    QNetworkAccessManager *m_manager;
    RequestFactory m_factory;
};

} // namespace crondesk::api
