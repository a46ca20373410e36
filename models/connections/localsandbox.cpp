#include "localsandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace crondesk::models {

LocalSandbox::LocalSandbox(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_killTimer(new QTimer(this))
{
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // The sandbox must not outlive the app, however the app ends (SIGTERM, a crash): the kernel
    // sends it SIGTERM when its parent dies.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, m_process, &QProcess::kill);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalSandbox::readOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && !m_stopping)
            Q_EMIT failed(
                tr("Could not start the local sandbox: %1").arg(m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, &LocalSandbox::onFinished);
}

LocalSandbox::~LocalSandbox()
{
    m_process->disconnect(this);
    if (m_process->state() == QProcess::NotRunning)
        return;
    // Nothing waits here (QProcess's destructor would): the application takes the process over,
    // asks it to end as stop() does, kills it after the grace period and reaps it once it is gone.
    QProcess *process = m_process;
    process->setParent(QCoreApplication::instance());
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    if (!m_stopping)
        process->terminate();
    QTimer::singleShot(m_stopGracePeriodMs, process, &QProcess::kill);
}

QString LocalSandbox::findExecutable()
{
    const QString fromEnvironment = qEnvironmentVariable("CRONDESK_SANDBOX");
    if (!fromEnvironment.isEmpty() && QFileInfo(fromEnvironment).isExecutable())
        return fromEnvironment;
    const QString beside
        = QDir(QCoreApplication::applicationDirPath()).filePath(u"crondesk-sandbox"_s);
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(u"crondesk-sandbox"_s);
}

void LocalSandbox::start(int sampleCrons)
{
    const QString program = findExecutable();
    if (program.isEmpty()) {
        Q_EMIT failed(tr("The local sandbox (crondesk-sandbox) is not installed."));
        return;
    }
    m_stopping = false;
    m_buffer.clear();
    m_url.clear();
    m_process->start(program, {u"--port"_s, u"0"_s, u"--seed"_s, QString::number(sampleCrons)});
}

void LocalSandbox::stop()
{
    m_url.clear();
    if (m_process->state() == QProcess::NotRunning) {
        m_stopping = false;
        Q_EMIT stopped();
        return;
    }
    if (m_stopping)
        return; // already asked; the kill timer runs
    m_stopping = true;
    m_process->terminate();
    m_killTimer->start(m_stopGracePeriodMs);
}

void LocalSandbox::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer->stop();
    const bool wasListening = m_url.isValid();
    m_url.clear();
    if (m_stopping) {
        m_stopping = false;
        Q_EMIT stopped();
        return;
    }
    if (!wasListening || status == QProcess::CrashExit || exitCode != 0)
        Q_EMIT failed(tr("The local sandbox stopped (exit code %1).").arg(exitCode));
}

void LocalSandbox::readOutput()
{
    m_buffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline).trimmed();
        m_buffer.remove(0, newline + 1);
        static constexpr QByteArrayView prefix = "listening on ";
        if (!m_url.isValid() && !m_stopping && line.startsWith(prefix)) {
            m_url = QUrl(QString::fromUtf8(line.mid(prefix.size())));
            Q_EMIT started(m_url);
        }
    }
}

} // namespace crondesk::models
