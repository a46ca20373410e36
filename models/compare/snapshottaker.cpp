#include "snapshottaker.h"

#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <models/api/serverinfo.h>

namespace crondesk::models {

namespace {

constexpr int assistantPage = 1000;

} // namespace

SnapshotTaker::SnapshotTaker(api::ApiClient *client, api::CronSearchQuery filter,
                             QStringList secrets, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_filter(std::move(filter))
    , m_secrets(std::move(secrets))
{ }

SnapshotTaker::~SnapshotTaker() = default;

void SnapshotTaker::start()
{
    auto *probe = new api::CapabilityProbe(m_client, this);
    probe->then(
        this,
        [this](const api::ServerCapabilities &capabilities) {
            if (m_canceled)
                return;
            m_capabilities = capabilities;
            m_client->setCapabilities(capabilities);
            readAssistants(0);
        },
        [this](const api::ApiError &error) {
            if (!m_canceled)
                Q_EMIT failed(error);
        });
}

void SnapshotTaker::cancel()
{
    m_canceled = true;
    if (m_fetcher)
        m_fetcher->cancel();
}

void SnapshotTaker::readAssistants(int offset)
{
    api::AssistantSearchQuery query;
    query.limit = assistantPage;
    query.offset = offset;
    query.sortBy = QStringLiteral("assistant_id");
    query.sortOrder = QStringLiteral("asc");
    m_client->searchAssistants(query)->then(
        this,
        [this, offset](const QList<api::Assistant> &page) {
            if (m_canceled)
                return;
            m_assistants += page;
            if (page.size() == assistantPage && m_assistants.size() < maxAssistants)
                readAssistants(offset + assistantPage);
            else
                readCrons();
        },
        [this](const api::ApiError &error) {
            // Assistants only help pairing across deployments; a snapshot without them is still
            // the crons. A server that cannot be reached fails the cron read just after.
            Q_UNUSED(error)
            if (!m_canceled)
                readCrons();
        });
}

void SnapshotTaker::readCrons()
{
    m_fetcher = new api::CronFetcher(m_client, m_filter, this);
    connect(m_fetcher, &api::CronFetcher::pageArrived, this,
            [this](const QList<api::Cron> &page) { m_crons += page; });
    connect(m_fetcher, &api::CronFetcher::failed, this, [this](const api::ApiError &error) {
        if (!m_canceled)
            Q_EMIT failed(error);
    });
    connect(m_fetcher, &api::CronFetcher::succeeded, this, [this] {
        if (m_canceled)
            return;
        Snapshot snapshot = makeSnapshot(m_client->requestFactory().baseUrl(), m_capabilities,
                                         m_assistants, m_crons, QDateTime::currentDateTimeUtc());
        Q_EMIT succeeded(redactSecrets(std::move(snapshot), m_secrets));
    });
    m_fetcher->start();
}

QStringList connectionSecrets(const QString &apiKey,
                              const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QStringList secrets;
    if (!apiKey.isEmpty())
        secrets.append(apiKey);
    for (const auto &header : headers)
        if (!header.second.isEmpty())
            secrets.append(QString::fromUtf8(header.second));
    return secrets;
}

} // namespace crondesk::models
