#include "sandboxprocess.h"

#include <QSignalSpy>
#include <QTest>

namespace crondesk::conformance {

using namespace Qt::StringLiterals;

SandboxProcess::SandboxProcess()
{
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_output += m_process.readAllStandardOutput(); });
}

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

QString SandboxProcess::executable()
{
    return qEnvironmentVariable("CRONDESK_SANDBOX");
}

QUrl SandboxProcess::start(const QStringList &arguments, int timeoutMs)
{
    m_output.clear();
    m_process.start(executable(), arguments);
    const bool listening = QTest::qWaitFor(
        [this] { return m_output.contains('\n') || m_process.state() == QProcess::NotRunning; },
        timeoutMs);
    if (!listening || !m_output.startsWith("listening on "))
        return {};
    const QByteArray line = m_output.left(m_output.indexOf('\n'));
    return QUrl(QString::fromUtf8(line.mid(int(qstrlen("listening on ")))));
}

int SandboxProcess::run(const QStringList &arguments, int timeoutMs)
{
    m_output.clear();
    m_process.start(executable(), arguments);
    if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs))
        return -1;
    m_output += m_process.readAllStandardOutput();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void SandboxProcess::kill()
{
    m_process.kill();
    [[maybe_unused]] const bool stopped
        = QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, 30000);
}

void SandboxProcess::terminate()
{
    m_process.terminate();
    [[maybe_unused]] const bool stopped
        = QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, 30000);
}

QByteArray SandboxProcess::errors()
{
    return m_process.readAllStandardError();
}

} // namespace crondesk::conformance
