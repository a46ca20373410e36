#pragma once

#include "services.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace crondesk::sandbox {

struct CronRecord;

// Fires due crons like the server's scheduler loop: each firing records a successful run on the
// cron's thread (or on a fresh thread for a stateless cron, deleted afterwards unless
// on_run_completed is "keep"), moves next_run_date to the next occurrence after now (no
// back-filling), skips paused crons and those past their end time, and posts the run to the
// cron's webhook if it points at this machine.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(Services services, QObject *parent = nullptr);
    ~Scheduler() override;

    void setInterval(std::chrono::milliseconds interval);
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // Relative webhooks ("/hooks/x") resolve against the sandbox's own address, as on the server.
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }

    // Fires the crons due now, at most `limit` of them (-1: all); returns how many fired.
    int tick(int limit = -1);

Q_SIGNALS:
    void cronFired(const QString &cronId, const QString &threadId, const QString &runId);
    void webhookDelivered(const QUrl &url, int httpStatus);

private:
    // The periodic pass: fires in batches, yielding to the event loop in between, so a large
    // seed's top-of-the-hour wave does not stall requests for seconds.
    void pass();
    // Records one firing; returns the run, or an empty object when the store refused it.
    QJsonObject fire(const CronRecord &cron, const QDateTime &now);
    void postWebhook(const QString &webhook, const QJsonObject &run);

    Services m_services;
    QTimer m_timer;
    QUrl m_baseUrl;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace crondesk::sandbox
