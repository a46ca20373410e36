#include "auditrunner.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace crondesk::models {

AuditRunner::AuditRunner(QObject *parent)
    : QObject(parent)
{ }

AuditRunner::~AuditRunner() = default;

void AuditRunner::start(const AuditInput &input, const AuditPolicy &policy,
                        const AuditOptions &options)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    // The result comes back through a watcher owned by the runner: if the runner is gone by
    // then, so is the watcher, and the result is dropped with the promise.
    auto promise = std::make_shared<QPromise<AuditResult>>();
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation || watcher->future().resultCount() == 0)
            return;
        m_running = false;
        Q_EMIT finished(watcher->future().takeResult());
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, input, policy, options] {
        promise->addResult(runAudit(input, policy, options));
        promise->finish();
    });
}

void AuditRunner::cancel()
{
    ++m_generation;
    m_running = false;
}

} // namespace crondesk::models
