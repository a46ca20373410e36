#include "lastruncache.h"

#include <models/api/apiclient.h>
#include <models/runs/runhistory.h>
#include <models/runs/runhistoryloader.h>

namespace crondesk::models {

using namespace Qt::StringLiterals;

LastRunCache::LastRunCache(api::ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

bool LastRunCache::isFresh(const Entry &entry) const
{
    switch (entry.state) {
    case Entry::State::Loading:
    case Entry::State::Unavailable:
        return true;
    case Entry::State::Known:
        return entry.readAt.secsTo(QDateTime::currentDateTimeUtc()) < m_maxAge.count();
    case Entry::State::Unknown:
    case Entry::State::Failed:
        break;
    }
    return false;
}

void LastRunCache::request(const QList<api::Cron> &crons)
{
    QStringList unavailable;
    QHash<QString, qsizetype> jobOf; // key -> index in m_queue, for crons sharing a thread
    for (const api::Cron &cron : crons) {
        if (isFresh(m_entries.value(cron.cronId)))
            continue;
        Entry &entry = m_entries[cron.cronId];
        if (const auto reason = noHistoryReason(cron)) {
            entry.state = Entry::State::Unavailable;
            entry.reason = *reason;
            unavailable.append(cron.cronId);
            continue;
        }
        entry.state = Entry::State::Loading;
        const QString key = cron.isStateless() ? u"cron:"_s + cron.cronId : cron.threadId;
        const auto found = jobOf.constFind(key);
        if (found != jobOf.cend()) {
            m_queue[*found].crons.append(cron);
        } else {
            jobOf.insert(key, m_queue.size());
            m_queue.append({key, {cron}});
        }
    }
    if (!unavailable.isEmpty())
        Q_EMIT changed(unavailable);
    pump();
}

void LastRunCache::pump()
{
    while (!m_queue.isEmpty() && m_running.size() < m_maxConcurrent && m_client) {
        const Job job = m_queue.takeFirst();
        m_running.insert(job.key);
        if (job.key.startsWith(u"cron:")) {
            auto *loader = new RunHistoryLoader(m_client, job.crons.first(), {}, this);
            loader->setRunLimit(std::min(m_runsPerThread, 10));
            loader->setErrorLimit(0); // the columns show outcomes; errors are the details pane's
            connect(loader, &RunHistoryLoader::loaded, this,
                    [this, job](const CronRunHistory &history) {
                        QList<api::Run> runs = history.runs;
                        finish(job, &runs, {});
                    });
            connect(loader, &RunHistoryLoader::failed, this,
                    [this, job](const api::ApiError &error) {
                        finish(job, nullptr, error.toString());
                    });
            loader->start();
            continue;
        }
        m_client->listThreadRuns(job.key, m_runsPerThread, 0)
            ->then(
                this, [this, job](const QList<api::Run> &runs) { finish(job, &runs, {}); },
                [this, job](const api::ApiError &error) {
                    finish(job, nullptr, error.toString());
                });
    }
}

void LastRunCache::finish(const Job &job, const QList<api::Run> *runs, const QString &failure)
{
    m_running.remove(job.key);
    QStringList ids;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const api::Cron &cron : job.crons) {
        Entry entry;
        if (runs) {
            const CronRunHistory history = historyOf(cron, *runs, job.crons);
            entry.state = Entry::State::Known;
            entry.lastRun = history.lastRun();
            entry.lastSuccess = history.lastSuccess();
            entry.readAt = now;
        } else {
            entry.state = Entry::State::Failed;
            entry.reason = failure;
        }
        m_entries.insert(cron.cronId, entry);
        ids.append(cron.cronId);
    }
    Q_EMIT changed(ids);
    pump();
}

} // namespace crondesk::models
