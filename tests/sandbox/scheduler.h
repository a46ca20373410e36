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
class RunEngine;

// Fires due crons like the server's scheduler loop: each firing creates a run through the run
// engine on the cron's thread, with the cron's multitask strategy (or on a fresh thread for a
// stateless cron, deleted after the run unless on_run_completed is "keep"), moves next_run_date
// to the next occurrence after now (no back-filling), skips paused crons and those past their end
// time. When a run ends, it is posted to its webhook if that points at this machine.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    Scheduler(Services services, RunEngine &runs, QObject *parent = nullptr);
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
    // Records one firing; returns the run, or an empty object when the store refused it or the
    // thread's strategy rejected it (a `reject` cron whose previous run is still going).
    QJsonObject fire(const CronRecord &cron, const QDateTime &now);
    void postWebhook(const QString &webhook, const QJsonObject &run);

    Services m_services;
    RunEngine &m_runs;
    QTimer m_timer;
    QUrl m_baseUrl;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace crondesk::sandbox
