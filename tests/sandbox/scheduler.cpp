#include "scheduler.h"

#include "clock.h"
#include "logging.h"
#include "nextrun.h"
#include "runengine.h"
#include "store.h"
#include "threadapi.h"
#include "timestamps.h"
#include "uuids.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

// Only this machine: the sandbox must never call out to the internet because a test or a demo
// cron carries a real webhook URL.
bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

Scheduler::Scheduler(Services services, RunEngine &runs, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_runs(runs)
{
    m_runs.setFinishedHandler([this](const QJsonObject &run) {
        const QString webhook = run.value("kwargs"_L1).toObject().value("webhook"_L1).toString();
        if (!webhook.isEmpty())
            postWebhook(webhook, run);
    });
    m_timer.setInterval(std::chrono::seconds(1));
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::pass);
}

Scheduler::~Scheduler() = default;

void Scheduler::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void Scheduler::start()
{
    m_timer.start();
}

void Scheduler::stop()
{
    m_timer.stop();
}

void Scheduler::pass()
{
    constexpr int batch = 250;
    if (tick(batch) == batch)
        QTimer::singleShot(0, this, &Scheduler::pass);
}

int Scheduler::tick(int limit)
{
    const QDateTime now = m_services.clock.now();
    m_runs.settle();
    QStringList due = m_services.store.dueCronIds(now.toMSecsSinceEpoch());
    if (limit >= 0 && due.size() > limit)
        due.resize(limit);
    if (due.isEmpty())
        return 0;

    struct Fired
    {
        QString cronId;
        QString threadId;
        QString runId;
    };
    QList<Fired> fired;
    // One transaction for the whole tick: a large seed can have thousands due at once.
    m_services.store.beginBatch();
    for (const QString &cronId : due) {
        const CronRecord *cron = m_services.store.cron(cronId);
        if (!cron)
            continue;
        const QJsonObject run = fire(*cron, now);
        if (run.isEmpty())
            continue;
        fired.append(
            {cronId, run.value("thread_id"_L1).toString(), run.value("run_id"_L1).toString()});
    }
    // Runs that take no time end at the moment they were fired.
    m_runs.settle();
    if (!m_services.store.commitBatch())
        qCCritical(lcSandbox) << "Scheduler could not commit its tick";

    for (const Fired &entry : std::as_const(fired)) {
        qCDebug(lcSandbox) << "Fired cron" << entry.cronId << "run" << entry.runId;
        Q_EMIT cronFired(entry.cronId, entry.threadId, entry.runId);
    }
    return int(fired.size());
}

QJsonObject Scheduler::fire(const CronRecord &cron, const QDateTime &now)
{
    Store &store = m_services.store;
    const QJsonObject cronJson = cron.json; // copy: the record is replaced below
    const QJsonObject payload = cronJson.value("payload"_L1).toObject();
    const QString timestamp = formatTimestamp(now);
    const bool stateless = cron.threadId.isNull();

    // Run metadata is the cron's metadata overlaid with the payload's (server 0.7.30+).
    QJsonObject metadata = cronJson.value("metadata"_L1).toObject();
    const QJsonObject payloadMetadata = payload.value("metadata"_L1).toObject();
    for (auto it = payloadMetadata.begin(); it != payloadMetadata.end(); ++it)
        metadata.insert(it.key(), it.value());

    QString threadId = cron.threadId;
    if (stateless) {
        threadId = m_services.ids.next();
        const QJsonObject *assistant = store.assistant(cron.assistantId);
        const QJsonObject thread = ThreadApi::newThread(
            threadId,
            {{u"graph_id"_s, assistant ? assistant->value("graph_id"_L1) : QJsonValue::Null},
             {u"assistant_id"_s, cron.assistantId}},
            now);
        if (!store.putThread(thread))
            return {};
    }

    QJsonObject kwargs;
    static const QStringList kwargKeys
        = {u"input"_s,       u"config"_s,           u"context"_s,
           u"webhook"_s,     u"interrupt_before"_s, u"interrupt_after"_s,
           u"stream_mode"_s, u"stream_subgraphs"_s, u"stream_resumable"_s,
           u"durability"_s};
    for (const QString &key : kwargKeys) {
        if (payload.contains(key))
            kwargs.insert(key, payload.value(key));
    }
    if (stateless) {
        kwargs.insert(u"on_completion"_s,
                      cronJson.value("on_run_completed"_L1).toString(u"delete"_s));
    }

    const QString strategy
        = payload.value("multitask_strategy"_L1).toString(stateless ? u"reject"_s : u"enqueue"_s);
    bool rejected = false;
    const QJsonObject run = m_runs.create(
        {threadId, cron.assistantId, metadata, kwargs, strategy, std::chrono::milliseconds(0),
         stateless && cronJson.value("on_run_completed"_L1).toString(u"delete"_s) == u"delete"},
        &rejected);
    if (rejected)
        qCDebug(lcSandbox) << "Cron" << cron.cronId << "skipped: its thread is busy (reject)";
    else if (run.isEmpty())
        return {};

    if (const QJsonObject *thread = run.isEmpty() ? nullptr : store.thread(threadId)) {
        QJsonObject updated = *thread;
        updated.insert(u"updated_at"_s, timestamp);
        updated.insert(u"state_updated_at"_s, timestamp);
        QJsonObject values = updated.value("values"_L1).toObject();
        values.insert(u"last_run_id"_s, run.value("run_id"_L1));
        updated.insert(u"values"_s, values);
        store.putThread(updated);
    }

    // The next occurrence after the moment of firing: missed ones are not back-filled.
    QJsonObject advanced = cronJson;
    const QJsonValue timezone = cronJson.value("timezone"_L1);
    const auto next
        = m_services.nextRun.next(cronJson.value("schedule"_L1).toString(),
                                  timezone.isString() ? timezone.toString() : QString(), now);
    advanced.insert(u"next_run_date"_s,
                    next ? QJsonValue(formatTimestamp(*next)) : QJsonValue::Null);
    if (!store.putCron(advanced))
        return {};
    return run; // empty when rejected: the occurrence passed without a run
}

void Scheduler::postWebhook(const QString &webhook, const QJsonObject &run)
{
    QUrl url(webhook);
    if (url.isRelative())
        url = m_baseUrl.resolved(url);
    if (!isLoopback(url)) {
        qCInfo(lcSandbox) << "Not delivering a webhook to a non-loopback host" << url.host();
        return;
    }
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply
        = m_network->post(request, QJsonDocument(run).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && status == 0)
            qCInfo(lcSandbox) << "Webhook delivery failed:" << reply->errorString();
        Q_EMIT webhookDelivered(url, status);
    });
}

} // namespace crondesk::sandbox
