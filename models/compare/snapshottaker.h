#pragma once

#include <models/api/apierror.h>
#include <models/api/assistant.h>
#include <models/api/cronsearch.h>
#include <models/compare/snapshot.h>

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace crondesk::api {
class ApiClient;
class CronFetcher;
} // namespace crondesk::api

namespace crondesk::models {

// Reads a deployment into a Snapshot: its capabilities (GET /info and the cron probe), every
// assistant, and every cron matching `filter`. Emits succeeded() or failed() once. `secrets`
// (the API key and header values in use) are redacted from the result (redactSecrets()).
class SnapshotTaker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotTaker)

public:
    SnapshotTaker(api::ApiClient *client, api::CronSearchQuery filter, QStringList secrets,
                  QObject *parent = nullptr);
    ~SnapshotTaker() override;

    void start();
    void cancel();

    // More assistants than this are not read: pairing by graph then uses the assistant ids of
    // the rest.
    static constexpr int maxAssistants = 10000;

Q_SIGNALS:
    void succeeded(const crondesk::models::Snapshot &snapshot);
    void failed(const crondesk::api::ApiError &error);

private:
    void readAssistants(int offset);
    void readCrons();

    api::ApiClient *m_client;
    api::CronSearchQuery m_filter;
    QStringList m_secrets;
    api::ServerCapabilities m_capabilities;
    QList<api::Assistant> m_assistants;
    QList<api::Cron> m_crons;
    QPointer<api::CronFetcher> m_fetcher;
    bool m_canceled = false;
};

// The secrets a connection uses, for redactSecrets(): the API key and every extra header value.
QStringList connectionSecrets(const QString &apiKey,
                              const QList<QPair<QByteArray, QByteArray>> &headers);

} // namespace crondesk::models
