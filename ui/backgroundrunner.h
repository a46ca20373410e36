#pragma once

#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace crondesk::ui {

// Runs one computation at a time on a thread of its own, newest first: starting a job cancels the
// one before it (it notices at its next progress report and stops), and only the newest job's
// result reaches the GUI thread. Jobs take copies of what they read, so the GUI thread never
// waits for them (QtConcurrent is not linked; a QThread and queued calls do the same here).
class BackgroundRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundRunner)

public:
    // What a job sees while it runs: whether it has been superseded, and a way to say how far it
    // got (0..1000). Called on the worker thread.
    class Control final
    {
    public:
        bool isCanceled() const;
        // Reports progress; returns false once the job is superseded, so it can stop.
        bool setProgress(int thousandths) const;

    private:
        friend class BackgroundRunner;
        Control(BackgroundRunner *runner, quint64 generation)
            : m_runner(runner)
            , m_generation(generation)
        { }
        BackgroundRunner *m_runner;
        quint64 m_generation;
    };
    // Runs on the worker thread; returns what to do with the result on the GUI thread (called
    // only when no newer job has started since), or an empty function when it was canceled.
    using Job = std::function<std::function<void()>(const Control &control)>;

    explicit BackgroundRunner(QObject *parent = nullptr);
    // Cancels the running job and waits for it to notice (a progress report away).
    ~BackgroundRunner() override;

    // Cancels the job before, if any, and queues `job`.
    void start(Job job);
    // Cancels the running job; its result is dropped.
    void cancel();
    // A job was started and its result has not been delivered (or it was not canceled) yet.
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // The current job's progress (0..1000), on the GUI thread.
    void progressChanged(int thousandths);
    // The current job's result has been handed over.
    void finished();

private:
    // Emitted on the worker thread, delivered queued; stale reports are dropped on arrival.
    Q_SIGNAL void progressReported(quint64 generation, int thousandths);

    QThread *m_thread;
    QObject *m_worker; // lives on m_thread: queued calls to it run there
    std::atomic<quint64> m_generation {0};
    bool m_busy = false;
};

} // namespace crondesk::ui
