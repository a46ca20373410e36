#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace crondesk::models {

// Starts the crondesk-sandbox executable on a free loopback port with sample data and reports
// its URL, so the app can be tried on a machine with no deployment. The process lives as long as
// this object.
class LocalSandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalSandbox)

public:
    explicit LocalSandbox(QObject *parent = nullptr);
    ~LocalSandbox() override;

    // $CRONDESK_SANDBOX, then beside the running executable, then PATH. Empty when not installed.
    static QString findExecutable();

    void start(int sampleCrons);
    void stop();
    QUrl url() const { return m_url; }
    bool isRunning() const { return m_url.isValid(); }

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);

private:
    void readOutput();

    QProcess *m_process;
    QByteArray m_buffer;
    QUrl m_url;
};

} // namespace crondesk::models
