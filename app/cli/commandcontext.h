#pragma once

#include "output.h"

#include <models/api/apierror.h>
#include <models/api/requestfactory.h>
#include <models/connections/connectionresolver.h>
#include <models/connections/mutationpolicy.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;

namespace crondesk::api {
class ApiClient;
}
namespace crondesk::models {
class CredentialStore;
class JournalRecorder;
} // namespace crondesk::models

namespace crondesk::cli {

// What a command runs with: its arguments and where its output goes.
struct CommandContext
{
    QStringList arguments; // program name first
    QIODevice *out = nullptr;
    QIODevice *err = nullptr;
    QProcessEnvironment environment;
    // Where --profile's API key is read; nullptr: the system keychain.
    models::CredentialStore *credentials = nullptr;
};

// One crondeskctl command ("crons list", ...). Parses its options, does its work asynchronously
// and emits finished() exactly once with the exit code.
class Command : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Command)

public:
    explicit Command(QObject *parent = nullptr);
    ~Command() override;

    void start(const CommandContext &context);
    // The command's own options (without the global ones).
    QList<QCommandLineOption> commandOptions() const { return options(); }
    // The option for --format, for commands that print data.
    static QCommandLineOption formatOption(const QString &fallback = QStringLiteral("table"));

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // The words that name this command, e.g. "crons list", and a one-line summary for --help.
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual QList<QCommandLineOption> options() const { return {}; }
    virtual bool needsConnection() const { return true; }
    // Runs with the parsed command line; must eventually call done().
    virtual void execute() = 0;

    const QCommandLineParser &parser() const { return m_parser; }
    const CommandContext &context() const { return m_context; }
    const api::RequestFactory &requestFactory() const { return m_factory; }
    // The client for --url and friends, made on first use.
    api::ApiClient *client();

    // The connection as resolved from --url, --api-key, --profile and the environment.
    const models::ResolvedConnection &connection() const { return m_connection; }
    // Checks the profile's rules before a mutation of `cronCount` crons: a read-only profile
    // refuses every mutation; on a production profile, deleting or pausing more than one cron
    // needs `confirmation` to be the profile's name. On refusal fails the command with exit code
    // 2 (nothing was sent) and returns false.
    bool mayMutate(models::MutationKind kind, qsizetype cronCount,
                   const QString &confirmation = {});
    // Records each mutation in the change journal (the "before" from cronBefore()).
    models::JournalRecorder *journal() const { return m_journal; }
    // The cron as it is now, for the journal's "before": GET by id, or null when it cannot be
    // read (missing, or a server before 0.10). Calls `then` in any case.
    void cronBefore(const QString &cronId, std::function<void(const QJsonValue &)> then);

    // The positional arguments after the command's own words ("crons get ID" -> ID).
    QStringList positionals() const;
    // The value of --format; on a bad value fails with a usage error and returns nullopt.
    std::optional<OutputFormat> outputFormat(const QString &fallback = QStringLiteral("table"));

    void print(const QString &text) const;
    void printBytes(const QByteArray &bytes) const;
    // "crondeskctl: <message>" on stderr, without finishing: warnings and notes.
    void note(const QString &message) const;
    // "crondeskctl: <message>" on stderr (one line), then done(code).
    void fail(int exitCode, const QString &message);
    void failWith(const api::ApiError &error);
    void done(int exitCode);
    bool isDone() const { return m_finished; }

private:
    void beginConnection();
    bool finishConnection(const models::ConnectionInputs &inputs);

    CommandContext m_context;
    QCommandLineParser m_parser;
    api::RequestFactory m_factory;
    api::ApiClient *m_client = nullptr;
    models::ResolvedConnection m_connection;
    models::CredentialStore *m_credentials = nullptr;
    models::JournalRecorder *m_journal = nullptr;
    bool m_finished = false;
};

// The options every command accepts.
QList<QCommandLineOption> globalOptions();
// Every option name (with dashes) that takes a value, over all commands (defined with the command
// table), so that option values are never mistaken for command words.
QStringList valueOptionNames();
// The first positional words of a command line (skipping the program name, options and their
// values): "crons", "list".
QStringList commandWords(const QStringList &arguments);

// Exit code for an error: 3 when no usable answer came back, 1 when the server refused.
int exitCodeFor(const api::ApiError &error);

// The profiles file and the change journal, unless CRONDESK_PROFILES or CRONDESK_JOURNAL in
// `environment` name other files.
QString profilesFile(const QProcessEnvironment &environment);
QString journalFile(const QProcessEnvironment &environment);

} // namespace crondesk::cli
