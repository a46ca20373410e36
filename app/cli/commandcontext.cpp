#include "commandcontext.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/apikey.h>

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
        QCommandLineOption(
            u"api-key"_s,
            translate(
                "API key (default: LANGGRAPH_API_KEY, LANGSMITH_API_KEY, LANGCHAIN_API_KEY)."),
            u"KEY"_s),
        QCommandLineOption(u"header"_s,
                           translate("Extra request header, NAME: VALUE (repeatable), e.g. "
                                     "\"X-Auth-Scheme: langsmith-api-key\"."),
                           u"HEADER"_s),
        QCommandLineOption(u"timeout"_s,
                           translate("Transfer timeout per request, in seconds (default 30)."),
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
    if (needsConnection() && !parseConnection())
        return;
    execute();
}

bool Command::parseConnection()
{
    QString urlText = m_parser.value(u"url"_s);
    if (urlText.isEmpty())
        urlText = m_context.environment.value(u"CRONDESK_URL"_s);
    if (urlText.isEmpty()) {
        fail(ExitUsage, translate("no deployment given: pass --url URL or set CRONDESK_URL"));
        return false;
    }
    const QUrl url(urlText, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        || url.host().isEmpty()) {
        fail(ExitUsage, translate("--url \"%1\" is not an http or https URL").arg(urlText));
        return false;
    }
    m_factory = api::RequestFactory(url);
    const models::ResolvedApiKey key = models::resolveApiKey(
        m_parser.value(u"api-key"_s), models::ApiKeySource::CommandLine, m_context.environment);
    m_factory.setApiKey(key.key);
    QString error;
    const auto headers = parseHeaders(m_parser.values(u"header"_s), &error);
    if (!headers) {
        fail(ExitUsage, error);
        return false;
    }
    m_factory.setExtraHeaders(*headers);
    if (m_parser.isSet(u"timeout"_s)) {
        bool ok = false;
        const double seconds = m_parser.value(u"timeout"_s).toDouble(&ok);
        if (!ok || seconds <= 0) {
            fail(ExitUsage, translate("--timeout must be a positive number of seconds"));
            return false;
        }
        m_factory.setTransferTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
    }
    return true;
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
    QString line = message;
    line.replace(u'\n', u' ');
    m_context.err->write((u"crondeskctl: "_s + line + u'\n').toUtf8());
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
    fail(exitCodeFor(error), error.toString());
}

void Command::done(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

} // namespace crondesk::cli
