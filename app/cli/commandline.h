#pragma once

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

class QCoreApplication;
class QIODevice;

namespace crondesk::models {
class CredentialStore;
}

namespace crondesk::cli {

// crondeskctl's exit codes, documented in --help and relied on by scripts.
enum ExitCode : int {
    ExitOk = 0,
    ExitRefused = 1, // the server answered and refused (4xx/5xx), or a check found a problem
    ExitUsage = 2, // bad command line or input
    ExitNetwork = 3, // no usable answer: connection, TLS, timeout, malformed response
    // a create or update whose answer was lost and whose outcome could not be found out: it may
    // have been applied
    ExitUnknown = 4,
    // diff: the two sides differ (a create or update never runs in the same command)
    ExitDifferences = 4,
};

// One crondeskctl invocation. Runs asynchronously on the caller's event loop and reports its exit
// code through finished(); output goes to the devices given, so tests can capture it.
class CommandRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandRunner)

public:
    CommandRunner(QIODevice *out, QIODevice *err, QProcessEnvironment environment,
                  QObject *parent = nullptr);
    ~CommandRunner() override;

    // Where --profile's API key is read (not owned); by default the system keychain.
    void setCredentialStore(models::CredentialStore *credentials);
    // `arguments` as the program received them, program name first.
    void run(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitCode);

private:
    class Private;
    Private *d;
};

// main() of crondeskctl: runs the command for the process's arguments on stdout and stderr.
int runCommandLine(QCoreApplication &app);

} // namespace crondesk::cli
