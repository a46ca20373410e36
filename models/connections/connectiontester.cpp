#include "connectiontester.h"

#include <models/api/apiclient.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text, int n = -1)
{
    return QCoreApplication::translate("ConnectionTester", text, nullptr, n);
}

} // namespace

QList<CronFeature> describeCapabilities(const api::ServerCapabilities &capabilities)
{
    if (!capabilities.cronsSupported)
        return {{translate("Cron jobs"), false}};
    return {
        {translate("Cron jobs"), true},
        {translate("Sorting and paging (server 0.2.69)"), capabilities.supportsSortAndPaging},
        {translate("Counting (server 0.2.133)"), capabilities.supportsCount},
        {translate("Keep or delete each run's thread (server 0.5.18)"),
         capabilities.supportsOnRunCompleted},
        {translate("Pause and resume (server 0.7.15)"), capabilities.supportsEnabled},
        {translate("Editing crons in place (server 0.7.21)"), capabilities.supportsPatch},
        {translate("Time zones (server 0.7.69)"), capabilities.supportsTimezone},
        {translate("Metadata filters (server 0.9.0)"), capabilities.supportsMetadataFilter},
        {translate("Reading one cron by id (server 0.10.0)"), capabilities.supportsGetById},
    };
}

QString ConnectionTestResult::summary() const
{
    if (!succeeded)
        return translate("%1 failed: %2").arg(failedStep, error.toString());
    QStringList lines;
    lines.append(serverVersion.isEmpty()
                     ? translate("Connected. The server does not report its version.")
                     : translate("Connected to Agent Server %1.").arg(serverVersion));
    if (cronCount >= 0)
        lines.append(translate("Crons on this deployment: %1.").arg(cronCount));
    const QList<CronFeature> features = describeCapabilities(capabilities);
    for (const CronFeature &feature : features) {
        lines.append((feature.available ? u"✓ "_s : u"✗ "_s) + feature.name
                     + (feature.available ? QString() : translate(" (not available)")));
    }
    return lines.join(u'\n');
}

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{ }

ConnectionTester::~ConnectionTester()
{
    abort();
}

void ConnectionTester::abort()
{
    // Deleting the client aborts its requests; their callbacks are bound to it and never run.
    delete m_client.data();
}

void ConnectionTester::start(const api::RequestFactory &factory)
{
    abort();
    m_client = new api::ApiClient(factory, this);
    m_client->ok()->then(
        m_client.data(), [this](const QJsonObject &) { probe(); },
        [this](const api::ApiError &error) {
            ConnectionTestResult result;
            result.failedStep = u"GET /ok"_s;
            result.error = error;
            finish(result);
        });
}

void ConnectionTester::probe()
{
    api::CapabilityProbe *probe = m_client->probeCapabilities();
    probe->then(
        m_client.data(),
        [this, probe](const api::ServerCapabilities &capabilities) {
            ConnectionTestResult result;
            result.succeeded = true;
            result.capabilities = capabilities;
            result.serverVersion = capabilities.version;
            result.cronCount = probe->cronCount();
            finish(result);
        },
        [this](const api::ApiError &error) {
            ConnectionTestResult result;
            result.failedStep = translate("GET /info and the capability probe");
            result.error = error;
            finish(result);
        });
}

void ConnectionTester::finish(const ConnectionTestResult &result)
{
    if (m_client) {
        m_client->disconnect(this);
        m_client->deleteLater();
        m_client.clear();
    }
    Q_EMIT finished(result);
}

} // namespace crondesk::models
