#pragma once

// crondeskctl run in-process for the tests: arguments in; exit code, standard output and
// standard error out. The command gets only the environment given (none of the test's own), so a
// developer's CRONDESK_URL or API key cannot leak into a test.
#include <app/cli/commandline.h>

#include <QBuffer>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStringList>

namespace crondesk::clitest {

struct Outcome
{
    int exitCode = -1; // -1: the command did not finish within the time given
    QByteArray out;
    QByteArray err;
};

// Runs `crondeskctl arguments...`; `credentials`, when given, stands in for the keychain.
inline Outcome runCrondeskctl(const QStringList &arguments,
                              const QProcessEnvironment &environment = {},
                              models::CredentialStore *credentials = nullptr, int timeoutMs = 60000)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    cli::CommandRunner runner(&out, &err, environment);
    if (credentials)
        runner.setCredentialStore(credentials);
    QSignalSpy finished(&runner, &cli::CommandRunner::finished);
    runner.run(QStringList {QStringLiteral("crondeskctl")} + arguments);
    Outcome outcome;
    if (finished.wait(timeoutMs))
        outcome.exitCode = finished.first().first().toInt();
    outcome.out = out.data();
    outcome.err = err.data();
    return outcome;
}

} // namespace crondesk::clitest
