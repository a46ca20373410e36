#include "cronexportpipeline.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace crondesk::models {

namespace {

// What a cron takes in the export formats, about: enough to write a batch without regrowing.
constexpr qsizetype bytesPerCron = 1100;

} // namespace

CronExportPipeline::CronExportPipeline(Format format, QObject *parent)
    : QObject(parent)
    , m_format(format)
{ }

CronExportPipeline::~CronExportPipeline() = default;

void CronExportPipeline::add(QList<QList<api::Cron>> pages, std::vector<const api::Cron *> crons)
{
    const int sequence = m_nextSequence++;
    const qint64 before = m_added;
    m_added += qint64(crons.size());
    // The bytes come back through a watcher owned by this object: if it is gone by then, so is
    // the watcher, and the bytes are dropped with the promise.
    auto promise = std::make_shared<QPromise<QByteArray>>();
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, sequence] {
        watcher->deleteLater();
        QFuture<QByteArray> future = watcher->future();
        onFormatted(sequence, future.resultCount() > 0 ? future.takeResult() : QByteArray());
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start(
        [promise, format = m_format, before, pages = std::move(pages), crons = std::move(crons)] {
            Q_UNUSED(pages); // keeps the crons alive
            // The separators of the JSON array depend on how many crons came before.
            CronExportWriter writer(format, before);
            QByteArray bytes;
            bytes.reserve(qsizetype(crons.size()) * bytesPerCron);
            for (const api::Cron *cron : crons)
                writer.write(*cron, &bytes);
            promise->addResult(std::move(bytes));
            promise->finish();
        });
}

void CronExportPipeline::onFormatted(int sequence, QByteArray bytes)
{
    m_waiting.insert(sequence, std::move(bytes));
    const QPointer<CronExportPipeline> self(this);
    while (!m_waiting.isEmpty() && m_waiting.firstKey() == m_nextHandOver) {
        const QByteArray next = m_waiting.take(m_nextHandOver++);
        Q_EMIT formatted(next);
        if (!self)
            return; // a receiver deleted it
    }
    if (isIdle())
        Q_EMIT drained();
}

} // namespace crondesk::models
