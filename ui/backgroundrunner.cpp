#include "backgroundrunner.h"

#include <QThread>

namespace crondesk::ui {

bool BackgroundRunner::Control::isCanceled() const
{
    return m_runner->m_generation.load() != m_generation;
}

bool BackgroundRunner::Control::setProgress(int thousandths) const
{
    if (isCanceled())
        return false;
    Q_EMIT m_runner->progressReported(m_generation, thousandths);
    return true;
}

BackgroundRunner::BackgroundRunner(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new QObject)
{
    m_thread->setObjectName(QStringLiteral("BackgroundRunner"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Queued: the worker thread reports, the GUI thread shows only what is still current.
    connect(
        this, &BackgroundRunner::progressReported, this,
        [this](quint64 generation, int thousandths) {
            if (generation == m_generation.load())
                Q_EMIT progressChanged(thousandths);
        },
        Qt::QueuedConnection);
    m_thread->start(QThread::LowPriority);
}

BackgroundRunner::~BackgroundRunner()
{
    cancel();
    m_thread->quit();
    m_thread->wait();
}

void BackgroundRunner::start(Job job)
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    QMetaObject::invokeMethod(
        m_worker,
        [this, generation, job = std::move(job)] {
            const Control control(this, generation);
            // Superseded before it began: the next job is already queued behind it.
            if (control.isCanceled())
                return;
            std::function<void()> deliver = job(control);
            if (!deliver || control.isCanceled())
                return;
            QMetaObject::invokeMethod(
                this,
                [this, generation, deliver = std::move(deliver)] {
                    if (generation != m_generation.load())
                        return;
                    m_busy = false;
                    deliver();
                    Q_EMIT finished();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void BackgroundRunner::cancel()
{
    ++m_generation;
    m_busy = false;
}

} // namespace crondesk::ui
