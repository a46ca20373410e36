#include "commandline.h"

#include "timestamps.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A LangGraph Agent Server stand-in for Cron Desk's tests, benchmarks and demo: the cron, "
        "assistant and thread APIs on 127.0.0.1, with a scheduler, optional SQLite persistence, "
        "API-key auth, TLS and fault injection. See docs/sandbox.md."_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption port(
        u"port"_s, u"Port on 127.0.0.1 (0 picks a free one). Default 2024."_s, u"N"_s);
    const QCommandLineOption seed(u"seed"_s, u"Create deterministic sample data with N crons."_s,
                                  u"N"_s);
    const QCommandLineOption scenario(
        u"scenario"_s,
        u"Data made to show something on purpose: \"audit\" holds a cron breaking each audit "
        "rule (and turns the scheduler off). See docs/audit.md."_s,
        u"NAME"_s);
    const QCommandLineOption db(u"db"_s, u"Keep everything in this SQLite file across restarts."_s,
                                u"FILE"_s);
    const QCommandLineOption apiKey(
        u"api-key"_s, u"Require this x-api-key on every endpoint but /ok."_s, u"KEY"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s, u"Serve HTTPS with this PEM certificate."_s,
                                     u"FILE"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"The PEM private key for --tls-cert."_s,
                                    u"FILE"_s);
    const QCommandLineOption fault(u"fault"_s,
                                   u"Add a fault rule, as JSON (repeatable), e.g. "
                                   "'{\"path\":\"/runs/crons/search\",\"delay_ms\":500}'."_s,
                                   u"JSON"_s);
    const QCommandLineOption fakeClock(
        u"fake-clock"_s,
        u"Start a manual clock at this RFC 3339 time (\"now\" for the "
        "current time); move it with POST /_sandbox/clock."_s,
        u"TIME"_s);
    const QCommandLineOption noScheduler(u"no-scheduler"_s, u"Never fire crons."_s);
    const QCommandLineOption tick(u"scheduler-interval"_s,
                                  u"Milliseconds between scheduler passes. Default 1000."_s,
                                  u"MS"_s);
    const QCommandLineOption noControl(u"no-control"_s,
                                       u"Disable the /_sandbox/ control endpoint."_s);
    const QCommandLineOption serverVersion(u"server-version"_s,
                                           u"The Agent Server version GET /info reports. "
                                           "Default 0.12.0."_s,
                                           u"VERSION"_s);
    const QCommandLineOption runDuration(
        u"run-duration"_s,
        u"Seconds a run takes on the sandbox clock, from running to its end (default 0)."_s,
        u"SECONDS"_s);
    const QCommandLineOption runErrorRate(
        u"run-error-rate"_s,
        u"Share of runs that end in error, 0 to 1 (default 0); the same --seed gives the same "
        "outcomes."_s,
        u"RATE"_s);
    parser.addOptions({port, seed, scenario, db, apiKey, tlsCert, tlsKey, fault, fakeClock,
                       noScheduler, tick, noControl, serverVersion, runDuration, runErrorRate});

    QTextStream err(stderr);
    const auto fail = [&](const QString &message) {
        err << message << '\n';
        result.exitNow = true;
        result.exitCode = 2;
        return std::move(result);
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        result.exitNow = true;
        return result;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << "crondesk-sandbox " << CRONDESK_VERSION << '\n';
        result.exitNow = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(u"Unexpected argument: %1"_s.arg(parser.positionalArguments().first()));

    bool ok = true;
    if (parser.isSet(port)) {
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(u"--port must be 0..65535"_s);
        result.port = quint16(value);
    }
    if (parser.isSet(seed)) {
        result.options.seedCount = parser.value(seed).toInt(&ok);
        if (!ok || result.options.seedCount < 0)
            return fail(u"--seed must be a non-negative integer"_s);
    }
    if (parser.isSet(scenario)) {
        result.options.scenario = parser.value(scenario);
        if (result.options.scenario != "audit"_L1)
            return fail(u"--scenario: unknown scenario \"%1\" (there is: audit)"_s.arg(
                result.options.scenario));
    }
    if (parser.isSet(tick)) {
        const int value = parser.value(tick).toInt(&ok);
        if (!ok || value <= 0)
            return fail(u"--scheduler-interval must be a positive integer"_s);
        result.options.schedulerInterval = std::chrono::milliseconds(value);
    }
    if (parser.isSet(runDuration)) {
        const double value = parser.value(runDuration).toDouble(&ok);
        if (!ok || value < 0 || value > 86400)
            return fail(u"--run-duration must be a number of seconds from 0 to 86400"_s);
        result.options.runDuration = std::chrono::milliseconds(qint64(value * 1000));
    }
    if (parser.isSet(runErrorRate)) {
        const double value = parser.value(runErrorRate).toDouble(&ok);
        if (!ok || value < 0 || value > 1)
            return fail(u"--run-error-rate must be a number from 0 to 1"_s);
        result.options.runErrorRate = value;
    }
    result.options.databasePath = parser.value(db);
    result.options.apiKey = parser.value(apiKey);
    result.options.tlsCertificatePath = parser.value(tlsCert);
    result.options.tlsKeyPath = parser.value(tlsKey);
    if (result.options.tlsCertificatePath.isEmpty() != result.options.tlsKeyPath.isEmpty())
        return fail(u"--tls-cert and --tls-key go together"_s);
    result.options.scheduler = !parser.isSet(noScheduler);
    result.options.controlEndpoint = !parser.isSet(noControl);
    if (parser.isSet(serverVersion))
        result.options.serverVersion = parser.value(serverVersion);

    for (const QString &spec : parser.values(fault)) {
        const QJsonDocument document = QJsonDocument::fromJson(spec.toUtf8());
        QString error = u"not a JSON object"_s;
        const auto rule
            = document.isObject() ? FaultRule::fromJson(document.object(), &error) : std::nullopt;
        if (!rule)
            return fail(u"--fault %1: %2"_s.arg(spec, error));
        result.options.faults.append(*rule);
    }
    if (parser.isSet(fakeClock)) {
        const QString value = parser.value(fakeClock);
        const auto start = value == u"now" ? std::optional(QDateTime::currentDateTimeUtc())
                                           : parseTimestamp(value);
        if (!start)
            return fail(u"--fake-clock needs an RFC 3339 time with an offset, or \"now\""_s);
        result.fakeClock = std::make_unique<ManualClock>(*start);
        result.options.clock = result.fakeClock.get();
    }
    return result;
}

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

void quitOnTerminationSignals()
{
    if (signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier
        = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(),
                     [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

} // namespace crondesk::sandbox
