#include "commandline.h"

#include "commandcontext.h"
#include "croncommands.h"
#include "schedulecommand.h"

#include <models/common/translations.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString usageText()
{
    return QCoreApplication::translate(
        "crondeskctl",
        "Usage: crondeskctl [--url URL | --profile NAME] [--api-key KEY] COMMAND [options]\n"
        "\n"
        "Audit and manage the cron jobs of a LangGraph deployment.\n"
        "\n"
        "Commands:\n"
        "  crons list         list crons (filters, --sort, --order, --limit, --all)\n"
        "  crons get ID...    show crons by id\n"
        "  crons count        count crons (--assistant, --thread, --metadata, --enabled)\n"
        "  crons create       create a cron (--assistant, --schedule, ...); never duplicated\n"
        "  crons update ID    change the fields given (--clear-end-time removes the end time)\n"
        "  crons delete ID... delete crons, printing each id deleted\n"
        "  crons run ID       start one run of the cron now (--wait follows it to its end)\n"
        "  crons export       every cron as JSON (or --format), to stdout or --output FILE\n"
        "  crons upcoming     when crons fire (--from, --to or --hours, --histogram)\n"
        "  assistants list    the deployment's assistants\n"
        "  threads list       the deployment's threads\n"
        "  info               server version, flags and supported cron features\n"
        "  snapshot save      save the crons (filters as crons list), assistants and\n"
        "                     capabilities to a snapshot FILE\n"
        "  diff OLD NEW       what differs: each a snapshot file, @PROFILE or a URL (--match,\n"
        "                     --key, --ignore, --format table|json|markdown|html, --output)\n"
        "  audit              findings under an audit policy (--policy, --now, --fail-on, ...);\n"
        "                     exit 4 when one is at or above --fail-on\n"
        "  schedule ...       the schedule engine, offline: next, prev, describe, check, dst\n"
        "  journal list       the change journal with entry ids (--cron, --action, --since,\n"
        "                     --failed, --format)\n"
        "  journal undo ENTRY  undo one journal entry: prints the plan; --yes carries it\n"
        "                      out, --dry-run sends nothing; exit 2 when refused (changed since)\n"
        "\n"
        "Global options:\n"
        "  --url URL          deployment URL (default: the profile's, then $CRONDESK_URL)\n"
        "  --profile NAME     connection profile of the Cron Desk app: URL, API key from the\n"
        "                     keychain, headers, trusted certificates, read-only rule\n"
        "  --api-key KEY      API key (default: the profile's, then LANGGRAPH_API_KEY,\n"
        "                     LANGSMITH_API_KEY, LANGCHAIN_API_KEY)\n"
        "  --header 'N: V'    extra request header, repeatable (e.g. X-Auth-Scheme)\n"
        "  --timeout SECS     transfer timeout per request (default 30)\n"
        "  --format FORMAT    table, json, jsonl or csv\n"
        "  -h, --help         show this help; COMMAND --help for a command's options\n"
        "  -v, --version      show the version\n"
        "\n"
        "Every create, update, pause/resume, delete and run is recorded in the change journal\n"
        "(~/.local/share/crondesk/journal.jsonl, or $CRONDESK_JOURNAL), undo and restore too.\n"
        "\n"
        "Exit codes: 0 ok, 1 the server refused, 2 usage or refused by the profile's rules\n"
        "(read-only; a bulk delete or a run on production without --confirm NAME), nothing sent,\n"
        "3 network, TLS or timeout, 4 a create or update whose answer was lost and whose\n"
        "outcome could not be found out: it may have been applied (look before repeating it);\n"
        "for diff, 4 means the two sides differ; for audit, a finding at or above --fail-on.\n"
        "crons run --wait: 0 the run succeeded, 1 it ended otherwise, 3 it did not end in time.\n");
}

} // namespace

class CommandRunner::Private
{
public:
    QIODevice *out;
    QIODevice *err;
    QProcessEnvironment environment;
    Command *command = nullptr;
    models::CredentialStore *credentials = nullptr;
};

CommandRunner::CommandRunner(QIODevice *out, QIODevice *err, QProcessEnvironment environment,
                             QObject *parent)
    : QObject(parent)
    , d(new Private {out, err, std::move(environment)})
{
    // "exported 1 cron", not "1 cron(s)": the English plural forms come from the catalogue.
    if (auto *app = QCoreApplication::instance())
        models::installTranslations(*app);
}

CommandRunner::~CommandRunner()
{
    delete d;
}

void CommandRunner::setCredentialStore(models::CredentialStore *credentials)
{
    d->credentials = credentials;
}

void CommandRunner::run(const QStringList &arguments)
{
    auto finish = [this](int code) {
        // Queued, so that finished() always comes after run() returns, as for network commands.
        QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(code); });
    };

    // The command words are the first two arguments that are not options or option values.
    const QStringList words = commandWords(arguments);
    if (arguments.contains(u"--version"_s) || arguments.contains(u"-v"_s)) {
        d->out->write(QByteArrayLiteral("crondeskctl " CRONDESK_VERSION "\n"));
        finish(ExitOk);
        return;
    }
    if (words.isEmpty()) {
        const bool askedForHelp = arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s);
        (askedForHelp ? d->out : d->err)->write(usageText().toUtf8());
        finish(askedForHelp ? ExitOk : ExitUsage);
        return;
    }

    if (words.value(0) == "schedule"_L1) {
        // Offline and synchronous: everything after the word "schedule" is the schedule
        // command's own command line.
        const QStringList rest = arguments.mid(arguments.indexOf(u"schedule"_s) + 1);
        QTextStream out(d->out);
        QTextStream err(d->err);
        const int code = runScheduleCommand(rest, out, err, QDateTime::currentDateTimeUtc());
        out.flush();
        err.flush();
        finish(code);
        return;
    }

    Command *command = createCommand(words, this);
    if (!command) {
        d->err->write(
            QCoreApplication::translate("crondeskctl", "crondeskctl: unknown command \"%1\"\n\n")
                .arg(words.join(u' '))
                .toUtf8());
        d->err->write(usageText().toUtf8());
        finish(ExitUsage);
        return;
    }
    d->command = command;
    connect(command, &Command::finished, this, [this](int code) {
        d->command->deleteLater();
        d->command = nullptr;
        Q_EMIT finished(code);
    });
    // Queued like every other outcome: finished() never fires before the caller's event loop runs.
    const CommandContext context {arguments, d->out, d->err, d->environment, d->credentials};
    QTimer::singleShot(0, command, [command, context] { command->start(context); });
}

int runCommandLine(QCoreApplication &app)
{
    QFile out;
    QFile err;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)
        || !err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return ExitUsage;
    CommandRunner runner(&out, &err, QProcessEnvironment::systemEnvironment());
    int exitCode = ExitOk;
    QObject::connect(&runner, &CommandRunner::finished, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    runner.run(QCoreApplication::arguments());
    app.exec();
    return exitCode;
}

} // namespace crondesk::cli
