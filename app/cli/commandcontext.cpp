#include "commandcontext.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/common/safetext.h>
#include <models/connections/apikey.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>
#include <models/journal/journalrecorder.h>

#include <QCoreApplication>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

} // namespace

QList<QCommandLineOption> globalOptions()
{
    return {
        QCommandLineOption(u"url"_s, translate("Deployment URL (default: $CRONDESK_URL)."),
                           u"URL"_s),
        QCommandLineOption(u"api-key"_s,
                           translate("API key (default: the profile's key from the keychain, "
                                     "then LANGGRAPH_API_KEY, LANGSMITH_API_KEY, "
                                     "LANGCHAIN_API_KEY)."),
                           u"KEY"_s),
        QCommandLineOption(u"profile"_s,
                           translate("Connection profile of the Cron Desk app: its URL, API key "
                                     "(keychain), headers, trusted certificates and read-only "
                                     "rule. --url and --api-key take precedence."),
                           u"NAME"_s),
        QCommandLineOption(u"header"_s,
                           translate("Extra request header, NAME: VALUE (repeatable), e.g. "
                                     "\"X-Auth-Scheme: langsmith-api-key\"."),
                           u"HEADER"_s),
        QCommandLineOption(u"timeout"_s,
                           translate("Transfer timeout per request, in seconds, from 0.1 to 3600 "
                                     "(default 30)."),
                           u"SECONDS"_s),
        QCommandLineOption({u"h"_s, u"help"_s}, translate("Show this help.")),
    };
}

QStringList commandWords(const QStringList &arguments)
{
    // Options that take a value as the next argument; "--name=value" needs no such knowledge.
    const QStringList valueOptions = valueOptionNames();
    QStringList words;
    for (qsizetype i = 1; i < arguments.size() && words.size() < 2; ++i) {
        const QString &argument = arguments.at(i);
        if (argument == "--"_L1)
            break;
        if (argument.startsWith(u'-') && argument.size() > 1) {
            if (!argument.contains(u'=') && valueOptions.contains(argument))
                ++i;
            continue;
        }
        words.append(argument);
        if (words.size() == 1 && (argument == "info"_L1 || argument == "schedule"_L1))
            break; // one-word commands: what follows is theirs
    }
    return words;
}

int exitCodeFor(const api::ApiError &error)
{
    using Kind = api::ApiError::Kind;
    switch (error.kind) {
    case Kind::None:
        return ExitOk;
    case Kind::Network:
    case Kind::Tls:
    case Kind::Timeout:
    case Kind::Canceled:
    case Kind::BadResponse:
        return ExitNetwork;
    default:
        return ExitRefused;
    }
}

Command::Command(QObject *parent)
    : QObject(parent)
{ }

Command::~Command() = default;

QCommandLineOption Command::formatOption(const QString &fallback)
{
    return QCommandLineOption(
        u"format"_s,
        translate("Output format: table, json, jsonl or csv (default %1).").arg(fallback),
        u"FORMAT"_s, fallback);
}

void Command::start(const CommandContext &context)
{
    m_context = context;
    m_parser.setApplicationDescription(summary());
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOptions(globalOptions());
    m_parser.addOptions(options());
    if (!m_parser.parse(context.arguments)) {
        fail(ExitUsage, m_parser.errorText());
        return;
    }
    if (m_parser.isSet(u"help"_s)) {
        // QCommandLineParser's first line names the program only; name the command too.
        QString help = m_parser.helpText();
        help = u"Usage: crondeskctl %1 [options]"_s.arg(name()) + help.mid(help.indexOf(u'\n'));
        print(help);
        done(ExitOk);
        return;
    }
    if (needsConnection()) {
        beginConnection();
        return;
    }
    execute();
}

QString profilesFile(const QProcessEnvironment &environment)
{
    const QString path = environment.value(u"CRONDESK_PROFILES"_s);
    return path.isEmpty() ? models::ProfileStore::defaultFilePath() : path;
}

QString journalFile(const QProcessEnvironment &environment)
{
    const QString path = environment.value(u"CRONDESK_JOURNAL"_s);
    return path.isEmpty() ? models::ChangeJournal::defaultFilePath() : path;
}

void Command::beginConnection()
{
    models::ConnectionInputs inputs;
    inputs.urlFlag = m_parser.value(u"url"_s);
    inputs.apiKeyFlag = m_parser.value(u"api-key"_s);
    inputs.environment = m_context.environment;
    inputs.urlVariable = u"CRONDESK_URL"_s;
    const QString profileName = m_parser.value(u"profile"_s);
    if (profileName.isEmpty()) {
        if (finishConnection(inputs))
            execute();
        return;
    }
    const models::ProfileStore store(profilesFile(m_context.environment));
    inputs.profile = store.find(profileName);
    if (!inputs.profile) {
        fail(ExitUsage,
             translate("there is no connection profile called \"%1\" in %2 (profiles "
                       "are made in the Cron Desk app)")
                 .arg(profileName, store.filePath()));
        return;
    }
    m_credentials = m_context.credentials;
    if (!m_credentials)
        m_credentials = new models::CredentialStore(this);
    m_credentials->readKey(inputs.profile->name, this,
                           [this, inputs](const models::CredentialStore::Result &result) {
                               models::ConnectionInputs withKey = inputs;
                               if (!result.error.isEmpty())
                                   note(translate("the keychain is not available (%1): the "
                                                  "profile's API key cannot be read")
                                            .arg(result.error));
                               withKey.profileKey = result.found ? result.key : QString();
                               withKey.profileKeySessionOnly
                                   = result.storage == models::CredentialStore::Storage::Session;
                               if (finishConnection(withKey))
                                   execute();
                           });
}

bool Command::finishConnection(const models::ConnectionInputs &inputs)
{
    m_connection = models::resolveConnection(inputs);
    if (!m_connection.isValid()) {
        using Problem = models::ConnectionProblem;
        if (m_connection.problem == Problem::NoUrl || m_connection.problem == Problem::None) {
            fail(ExitUsage,
                 translate("no deployment given: pass --url URL or --profile NAME, or "
                           "set CRONDESK_URL"));
        } else if (m_connection.problem == Problem::BadUrl) {
            // The resolver's sentence shows the URL with any user name and password hidden.
            const QString source = m_connection.urlSource == models::UrlSource::Profile
                ? translate("the URL of profile \"%1\"").arg(inputs.profile->name)
                : m_connection.urlSource == models::UrlSource::Environment ? u"CRONDESK_URL"_s
                                                                           : u"--url"_s;
            fail(ExitUsage, source + u": "_s + m_connection.error);
        } else {
            fail(ExitUsage, m_connection.error);
        }
        return false;
    }
    m_factory = m_connection.requestFactory();
    QString error;
    const auto headers = parseHeaders(m_parser.values(u"header"_s), &error);
    if (!headers) {
        fail(ExitUsage, error);
        return false;
    }
    // The profile's headers first; --header adds to them (and wins for the same name).
    QList<QPair<QByteArray, QByteArray>> allHeaders = m_factory.extraHeaders();
    for (const auto &header : *headers) {
        allHeaders.removeIf([&header](const auto &existing) {
            return existing.first.compare(header.first, Qt::CaseInsensitive) == 0;
        });
        allHeaders.append(header);
    }
    m_factory.setExtraHeaders(allHeaders);
    if (m_parser.isSet(u"timeout"_s)) {
        const std::optional<double> seconds = parseDecimal(
            m_parser.value(u"timeout"_s), MinTimeoutSeconds, MaxTimeoutSeconds, &error);
        if (!seconds) {
            fail(ExitUsage, u"--timeout: "_s + error);
            return false;
        }
        m_factory.setTransferTimeout(std::chrono::milliseconds(qRound64(*seconds * 1000)));
    }
    if (m_connection.sendsKeyInPlainText()
        && !(m_connection.profile && m_connection.profile->plainHttpAcknowledged))
        note(translate("warning: the API key (%1) is sent unencrypted over plain http to %2")
                 .arg(m_connection.keyNote(), m_connection.url.host()));
    m_journal = new models::JournalRecorder(
        models::ChangeJournal(journalFile(m_context.environment)), u"crondeskctl"_s, this);
    m_journal->setConnection(m_connection);
    connect(m_journal, &models::JournalRecorder::recordFailed, this,
            [this](const QString &message) { note(message); });
    return true;
}

bool Command::mayMutate(models::MutationKind kind, qsizetype cronCount, const QString &confirmation)
{
    const models::MutationDecision decision
        = models::decideMutation(m_connection.profile, kind, cronCount);
    if (decision.isRefused()) {
        fail(ExitUsage, decision.reason);
        return false;
    }
    if (decision.needsTypedConfirmation()
        && !models::typedConfirmationMatches(confirmation, decision.confirmationPhrase)) {
        fail(ExitUsage,
             decision.reason + u' '
                 + translate("Repeat the profile name to confirm: --confirm \"%1\".")
                       .arg(decision.confirmationPhrase));
        return false;
    }
    return true;
}

void Command::cronBefore(const QString &cronId, std::function<void(const QJsonValue &)> then)
{
    client()->getCron(cronId)->then(
        this, [then](const api::Cron &cron) { then(api::cronToJson(cron)); },
        [then](const api::ApiError &) { then(QJsonValue(QJsonValue::Null)); });
}

api::ApiClient *Command::client()
{
    if (!m_client)
        m_client = new api::ApiClient(m_factory, this);
    return m_client;
}

QStringList Command::positionals() const
{
    const qsizetype words = name().count(u' ') + 1;
    return m_parser.positionalArguments().mid(words);
}

std::optional<OutputFormat> Command::outputFormat(const QString &fallback)
{
    const QString text = m_parser.isSet(u"format"_s) ? m_parser.value(u"format"_s) : fallback;
    const std::optional<OutputFormat> format = parseOutputFormat(text);
    if (!format)
        fail(ExitUsage,
             translate("unknown --format \"%1\" (use table, json, jsonl or csv)").arg(text));
    return format;
}

void Command::print(const QString &text) const
{
    m_context.out->write(text.toUtf8());
}

void Command::printBytes(const QByteArray &bytes) const
{
    m_context.out->write(bytes);
}

void Command::note(const QString &message) const
{
    // Messages carry server text (error details, certificate names): one line, no control
    // character acting on the terminal, and not megabytes of it.
    m_context.err->write((u"crondeskctl: "_s + models::shownLine(message) + u'\n').toUtf8());
}

void Command::fail(int exitCode, const QString &message)
{
    if (m_finished)
        return;
    note(message);
    done(exitCode);
}

void Command::failWith(const api::ApiError &error)
{
    const api::TlsCertificateInfo &certificate = error.certificate;
    if (error.kind == api::ApiError::Kind::Tls && !certificate.isEmpty()) {
        // Enough for the operator to check the certificate; never trusted from here.
        note(translate("certificate: %1; issued by %2; SHA-256 %3")
                 .arg(certificate.subject, certificate.issuer,
                      models::formatFingerprint(certificate.sha256Fingerprint)));
        note(translate("to trust exactly this certificate for a profile, add it in the Cron Desk "
                       "app (Profiles…, Test connection)"));
    }
    QString message = error.toString();
    using Kind = api::ApiError::Kind;
    if (error.kind == Kind::Network || error.kind == Kind::Tls || error.kind == Kind::Timeout) {
        // Scripts often loop over several deployments: say which one could not be reached.
        message += u" ("_s + m_factory.baseUrl().toString(QUrl::RemoveUserInfo) + u')';
    }
    fail(exitCodeFor(error), message);
}

void Command::done(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

} // namespace crondesk::cli
