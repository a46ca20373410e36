#include "cronpagepreparer.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <utility>

namespace crondesk::models {

CronPagePreparer::CronPagePreparer(Sink sink, QObject *parent)
    : QObject(parent)
    , m_sink(std::move(sink))
    , m_intervalTimer(new QTimer(this))
{
    m_intervalTimer->setSingleShot(true);
    connect(m_intervalTimer, &QTimer::timeout, this, &CronPagePreparer::handOverIfDue);
}

CronPagePreparer::~CronPagePreparer() = default;

void CronPagePreparer::add(QList<api::Cron> crons, const QDateTime &readAt)
{
    const quint64 generation = m_generation;
    const int sequence = m_nextSequence++;
    // The result comes back through a watcher owned by this object: if it is gone by then, so
    // is the watcher, and the result is dropped with the promise.
    auto promise = std::make_shared<QPromise<QList<PreparedCron>>>();
    auto *watcher = new QFutureWatcher<QList<PreparedCron>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, sequence, readAt] {
                watcher->deleteLater();
                QFuture<QList<PreparedCron>> future = watcher->future();
                PreparedPage page;
                page.readAt = readAt;
                if (future.resultCount() > 0)
                    page.crons = future.takeResult();
                onPrepared(generation, sequence, std::move(page));
            });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, crons = std::move(crons)]() mutable {
        promise->addResult(prepareCrons(std::move(crons)));
        promise->finish();
    });
}

void CronPagePreparer::finish()
{
    m_finishing = true;
    handOverIfDue();
}

void CronPagePreparer::clear()
{
    ++m_generation;
    m_waiting.clear();
    m_ready.clear();
    m_nextReady = m_nextSequence;
    m_finishing = false;
    m_intervalTimer->stop();
}

void CronPagePreparer::onPrepared(quint64 generation, int sequence, PreparedPage page)
{
    if (generation != m_generation)
        return;
    m_waiting.insert(sequence, std::move(page));
    while (!m_waiting.isEmpty() && m_waiting.firstKey() == m_nextReady)
        m_ready.append(m_waiting.take(m_nextReady++));
    handOverIfDue();
}

void CronPagePreparer::handOverIfDue()
{
    if (m_ready.isEmpty() || (m_intervalTimer->isActive() && !m_finishing))
        return;
    if (m_interval.count() > 0)
        m_intervalTimer->start(m_interval);
    const quint64 generation = m_generation;
    m_sink(std::exchange(m_ready, {}));
    // The sink may have cleared this (a load given up meanwhile); then it is not drained.
    if (generation == m_generation && isIdle())
        Q_EMIT drained();
}

} // namespace crondesk::models
