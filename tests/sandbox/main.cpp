// crondesk-sandbox: a LangGraph Agent Server stand-in on 127.0.0.1 (see docs/sandbox.md).
#include <tests/sandbox/commandline.h>
#include <tests/sandbox/httpfrontend.h>
#include <tests/sandbox/sandboxserver.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crondesk-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRONDESK_VERSION));
    // Per-firing debug lines would flood a terminal with a large seed; QT_LOGGING_RULES
    // turns them back on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("crondesk.sandbox.debug=false"));

    auto commandLine = crondesk::sandbox::CommandLine::parse(QCoreApplication::arguments());
    if (commandLine.exitNow)
        return commandLine.exitCode;

    // Idle connections must not run the process out of file descriptors; the front end also
    // caps connections below this limit.
    crondesk::sandbox::HttpFrontend::raiseFileDescriptorLimit();
    crondesk::sandbox::SandboxServer server(commandLine.options);
    if (server.listen(commandLine.port) == 0) {
        QTextStream(stderr) << "crondesk-sandbox: " << server.errorString() << '\n';
        return 1;
    }
    // Tests and scripts read the port from this line, so it goes out at once.
    QTextStream out(stdout);
    out << "listening on " << server.baseUrl().toString() << Qt::endl;

    crondesk::sandbox::quitOnTerminationSignals();
    return QCoreApplication::exec();
}
