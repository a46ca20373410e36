#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace crondesk::conformance {

// Runs the crondesk-sandbox executable named by $CRONDESK_SANDBOX (set by CTest) and reads the
// address it listens on from its first line of output.
class SandboxProcess final
{
public:
    SandboxProcess();
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    static QString executable();

    // Starts with `arguments` (add "--port", "0" yourself) and waits for "listening on ...".
    // Returns the base URL, or an empty one (see output()) on failure.
    QUrl start(const QStringList &arguments, int timeoutMs = 60000);
    // Runs to completion (for --help, --version, bad arguments); returns the exit code.
    int run(const QStringList &arguments, int timeoutMs = 30000);

    void kill(); // SIGKILL, then waits
    void terminate(); // SIGTERM, then waits
    QProcess &process() { return m_process; }
    QByteArray output() const { return m_output; } // stdout so far
    QByteArray errors(); // stderr so far

private:
    QProcess m_process;
    QByteArray m_output;
};

} // namespace crondesk::conformance
