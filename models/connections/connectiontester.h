#pragma once

#include <models/api/apiclient.h>
#include <models/api/apierror.h>
#include <models/api/requestfactory.h>
#include <models/api/serverinfo.h>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace crondesk::models {

// One cron feature and whether the server has it, for the profile dialog's test result.
struct CronFeature
{
    QString name; // "Pause and resume (server 0.7.15)"
    bool available = false;
};

// The cron features a server of these capabilities offers, in changelog order.
QList<CronFeature> describeCapabilities(const api::ServerCapabilities &capabilities);

struct ConnectionTestResult
{
    bool succeeded = false;
    QString failedStep; // "/ok", "/info and the capability probe"; empty on success
    api::ApiError error;
    QString serverVersion; // empty when /info did not say
    api::ServerCapabilities capabilities;
    qint64 cronCount = -1;

    // One paragraph for the dialog: the version and the feature list, or the failure.
    QString summary() const;
};

// "Test connection": GET /ok, then GET /info and the capability probe (ApiClient's
// CapabilityProbe). Reports once through finished(). Each test uses a fresh client, so nothing
// (connections, TLS exceptions) carries over from an earlier test with other settings.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    // Aborts a test still running (which then reports nothing) and starts a new one.
    void start(const api::RequestFactory &factory);
    void abort();
    bool isRunning() const { return m_client != nullptr; }

Q_SIGNALS:
    void finished(const crondesk::models::ConnectionTestResult &result);

private:
    void probe();
    void finish(const ConnectionTestResult &result);

    QPointer<api::ApiClient> m_client;
};

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::ConnectionTestResult)
