#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

class QTimer;

namespace crondesk::models {

// Starts the crondesk-sandbox executable on a free loopback port with sample data and reports
// its URL, so the app can be tried on a machine with no deployment. Nothing here blocks: the
// process starts and stops in the background and signals say when it has.
class LocalSandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalSandbox)

public:
    // How many sample crons the sandbox is seeded with unless the operator says otherwise
    // (crondesk --sandbox-crons).
    static constexpr int defaultSampleCrons = 60;
    // How long stop() lets the process end on SIGTERM before it is killed.
    static constexpr int defaultStopGracePeriodMs = 2000;

    explicit LocalSandbox(QObject *parent = nullptr);
    // Returns at once: a process still running is stopped as by stop(), in the background (the
    // application object then owns it until it has gone).
    ~LocalSandbox() override;

    // $CRONDESK_SANDBOX, then beside the running executable, then PATH. Empty when not installed.
    static QString findExecutable();

    void start(int sampleCrons = defaultSampleCrons);
    // Asks the process to end (SIGTERM) and returns at once; a process that is still there after
    // the grace period is killed. stopped() says when it has gone (at once when none runs);
    // failed() is not emitted for a process that was asked to stop.
    void stop();
    void setStopGracePeriod(int milliseconds) { m_stopGracePeriodMs = milliseconds; }
    QUrl url() const { return m_url; }
    bool isRunning() const { return m_url.isValid(); }
    bool isStopping() const { return m_stopping; }

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);
    void stopped();

private:
    void readOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess *m_process;
    QTimer *m_killTimer;
    QByteArray m_buffer;
    QUrl m_url;
    int m_stopGracePeriodMs = defaultStopGracePeriodMs;
    bool m_stopping = false;
};

} // namespace crondesk::models
