#pragma once

#include <tests/sandbox/sandboxserver.h>

#include <QStringList>

#include <memory>

namespace crondesk::sandbox {

// The crondesk-sandbox command line, parsed into server options.
struct CommandLine
{
    SandboxServer::Options options;
    quint16 port = 2024; // langgraph dev's default
    std::unique_ptr<ManualClock> fakeClock; // --fake-clock
    bool exitNow = false; // --help or --version was answered
    int exitCode = 0;

    // Parses QCoreApplication's arguments; prints help, version or errors itself.
    static CommandLine parse(const QStringList &arguments);
};

// Makes SIGINT and SIGTERM end the event loop (through a self-pipe: a signal handler may not
// touch Qt), so the database is closed cleanly.
void quitOnTerminationSignals();

} // namespace crondesk::sandbox
