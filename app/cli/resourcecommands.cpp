#include "resourcecommands.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

constexpr int pageSize = 1000;
constexpr int defaultThreadLimit = 100;

// Reads --limit/--all: -1 for everything. Returns false with `error` set on a bad value.
bool readLimit(const QCommandLineParser &parser, qint64 fallback, qint64 *limit, QString *error)
{
    *limit = fallback;
    if (parser.isSet(u"all"_s)) {
        *limit = -1;
        return true;
    }
    if (!parser.isSet(u"limit"_s))
        return true;
    const auto value = parseWholeNumber(parser.value(u"limit"_s), 1, MaxLimit, error);
    if (!value) {
        *error = u"--limit: "_s + *error;
        return false;
    }
    *limit = *value;
    return true;
}

bool checkChoice(const QString &value, const QStringList &choices, const char *option,
                 QString *error)
{
    if (value.isEmpty() || choices.contains(value))
        return true;
    *error = translate("unknown --%1 \"%2\" (use %3)")
                 .arg(QLatin1StringView(option), value, choices.join(u", "_s));
    return false;
}

QList<QCommandLineOption> pagingOptions(const char *sortFields, const char *limitHelp)
{
    return {
        Command::formatOption(),
        QCommandLineOption(u"sort"_s, translate("Sort by %1.").arg(QLatin1StringView(sortFields)),
                           u"FIELD"_s),
        QCommandLineOption(u"order"_s, translate("asc (default) or desc."), u"asc|desc"_s),
        QCommandLineOption(u"limit"_s, translate(limitHelp), u"N"_s),
        QCommandLineOption(u"all"_s, translate("Every one (overrides --limit).")),
    };
}

QString yesNo(bool value)
{
    return value ? translate("yes") : translate("no");
}

} // namespace

// --- search lists ---

bool SearchListCommand::readMetadataFilter(QJsonObject *metadata)
{
    if (!parser().isSet(u"metadata"_s))
        return true;
    QString error;
    const auto parsed = parseMetadata(parser().values(u"metadata"_s), &error);
    if (!parsed) {
        fail(ExitUsage, u"--metadata: "_s + error);
        return false;
    }
    *metadata = *parsed;
    return true;
}

bool SearchListCommand::readOrderAndLimit(const QStringList &sortFields, qint64 fallbackLimit,
                                          QString *sortBy, QString *sortOrder, qint64 *limit)
{
    *sortBy = parser().isSet(u"sort"_s) ? parser().value(u"sort"_s) : u"created_at"_s;
    *sortOrder = parser().isSet(u"order"_s) ? parser().value(u"order"_s) : u"asc"_s;
    QString error;
    if (!checkChoice(*sortBy, sortFields, "sort", &error)
        || !checkChoice(*sortOrder, {u"asc"_s, u"desc"_s}, "order", &error)
        || !readLimit(parser(), fallbackLimit, limit, &error)) {
        fail(ExitUsage, error);
        return false;
    }
    return true;
}

template<typename Item, QString Item::*id, typename Query, typename Request>
void SearchListCommand::requestPage(Query query, int offset, PagedItems<Item, id> *items,
                                    Request *(api::ApiClient::*search)(const Query &),
                                    QByteArray (*format)(const QList<Item> &, OutputFormat))
{
    query.offset = offset;
    query.limit = items->nextRequestSize(pageSize);
    (client()->*search)(query)->then(
        this,
        [this, query, offset, items, search, format](const QList<Item> &page) {
            if (items->add(page, query.limit)) {
                requestPage(query, offset + int(page.size()), items, search, format);
                return;
            }
            printBytes(format(items->items(), m_format));
            done(ExitOk);
        },
        [this](const api::ApiError &error) { failWith(error); });
}

// --- assistants list ---

QString AssistantsListCommand::summary() const
{
    return translate("List the deployment's assistants.");
}

QList<QCommandLineOption> AssistantsListCommand::options() const
{
    return QList<QCommandLineOption> {
               QCommandLineOption(u"graph"_s, translate("Only assistants of this graph."),
                                  u"GRAPH"_s),
               QCommandLineOption(u"name"_s, translate("Only assistants whose name contains TEXT."),
                                  u"TEXT"_s),
               QCommandLineOption(u"metadata"_s,
                                  translate("Only assistants whose metadata has KEY=VALUE "
                                            "(repeatable)."),
                                  u"KEY=VALUE"_s),
           }
    + pagingOptions("assistant_id, created_at (default), updated_at, name or graph_id",
                    "At most N assistants (default: all).");
}

void AssistantsListCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    m_format = *format;
    m_query.graphId = parser().value(u"graph"_s);
    m_query.name = parser().value(u"name"_s);
    if (!readMetadataFilter(&m_query.metadata)
        || !readOrderAndLimit(
            {u"assistant_id"_s, u"created_at"_s, u"updated_at"_s, u"name"_s, u"graph_id"_s}, -1,
            &m_query.sortBy, &m_query.sortOrder, &m_assistants.limit))
        return;
    requestPage(m_query, 0, &m_assistants, &api::ApiClient::searchAssistants, &formatAssistants);
}

// --- threads list ---

QString ThreadsListCommand::summary() const
{
    return translate("List the deployment's threads (the first 100 unless --limit or --all).");
}

QList<QCommandLineOption> ThreadsListCommand::options() const
{
    return QList<QCommandLineOption> {
               QCommandLineOption(u"metadata"_s,
                                  translate("Only threads whose metadata has KEY=VALUE "
                                            "(repeatable)."),
                                  u"KEY=VALUE"_s),
               QCommandLineOption(u"status"_s,
                                  translate("Only threads in this status: idle, busy, "
                                            "interrupted or error."),
                                  u"STATUS"_s),
           }
    + pagingOptions("thread_id, status, created_at (default), updated_at or "
                    "state_updated_at",
                    "At most N threads (default 100).");
}

void ThreadsListCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    m_format = *format;
    if (!readMetadataFilter(&m_query.metadata))
        return;
    m_query.status = parser().value(u"status"_s);
    QString error;
    if (!checkChoice(m_query.status, {u"idle"_s, u"busy"_s, u"interrupted"_s, u"error"_s}, "status",
                     &error)) {
        fail(ExitUsage, error);
        return;
    }
    if (!readOrderAndLimit(
            {u"thread_id"_s, u"status"_s, u"created_at"_s, u"updated_at"_s, u"state_updated_at"_s},
            defaultThreadLimit, &m_query.sortBy, &m_query.sortOrder, &m_threads.limit))
        return;
    requestPage(m_query, 0, &m_threads, &api::ApiClient::searchThreads, &formatThreads);
}

// --- info ---

QString InfoCommand::summary() const
{
    return translate("Show the server's version, flags and supported cron features.");
}

QList<QCommandLineOption> InfoCommand::options() const
{
    return {formatOption()};
}

void InfoCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    api::CapabilityProbe *probe = client()->probeCapabilities();
    probe->then(
        this,
        [this, probe, format](const api::ServerCapabilities &capabilities) {
            report(capabilities, probe->info(), probe->cronCount(), probe->infoError(),
                   probe->cronProbeError(), *format);
        },
        [this](const api::ApiError &error) { failWith(error); });
}

void InfoCommand::report(const api::ServerCapabilities &capabilities,
                         const std::optional<api::ServerInfo> &info, qint64 cronCount,
                         const api::ApiError &infoError, const api::ApiError &cronError,
                         OutputFormat format)
{
    // What a probe did not find out is unknown, never assumed: the version landmarks only count
    // when the server said its version, and crons only when the cron route answered.
    const bool versionKnown = capabilities.versionKnown;
    const bool cronsKnown = capabilities.cronsKnown;
    struct Feature
    {
        const char *key;
        const char *label;
        bool value;
        bool known;
    };
    const Feature features[] = {
        {"crons", QT_TRANSLATE_NOOP("crondeskctl", "Crons"), capabilities.cronsSupported,
         cronsKnown},
        {"count", QT_TRANSLATE_NOOP("crondeskctl", "Count"), capabilities.supportsCount,
         cronsKnown || versionKnown},
        {"enabled", QT_TRANSLATE_NOOP("crondeskctl", "Pause (enabled)"),
         capabilities.supportsEnabled, versionKnown},
        {"patch", QT_TRANSLATE_NOOP("crondeskctl", "Update (PATCH)"), capabilities.supportsPatch,
         versionKnown},
        {"timezone", QT_TRANSLATE_NOOP("crondeskctl", "Time zones"), capabilities.supportsTimezone,
         versionKnown},
        {"metadata_filter", QT_TRANSLATE_NOOP("crondeskctl", "Metadata filters"),
         capabilities.supportsMetadataFilter, versionKnown},
        {"get_by_id", QT_TRANSLATE_NOOP("crondeskctl", "Get by id"), capabilities.supportsGetById,
         versionKnown},
    };
    const QString url = requestFactory().baseUrl().toString(QUrl::RemoveUserInfo);

    if (format != OutputFormat::Table) {
        QJsonObject featureObject;
        for (const Feature &feature : features)
            featureObject.insert(QLatin1StringView(feature.key),
                                 feature.known ? QJsonValue(feature.value)
                                               : QJsonValue(QJsonValue::Null));
        QJsonObject record {
            {u"url"_s, url},
            {u"version"_s,
             versionKnown ? QJsonValue(capabilities.version) : QJsonValue(QJsonValue::Null)},
            {u"features"_s, featureObject},
            {u"cron_count"_s,
             cronCount >= 0 ? QJsonValue(cronCount) : QJsonValue(QJsonValue::Null)},
            {u"info"_s, info ? QJsonValue(info->raw) : QJsonValue(QJsonValue::Null)},
        };
        QJsonObject errors;
        if (infoError.isError())
            errors.insert(u"info"_s, infoError.toString());
        if (cronError.isError())
            errors.insert(u"crons"_s, cronError.toString());
        if (!errors.isEmpty())
            record.insert(u"errors"_s, errors);
        if (format == OutputFormat::Json) {
            printBytes(QJsonDocument(record).toJson(QJsonDocument::Indented));
        } else if (format == OutputFormat::JsonLines) {
            printBytes(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
        } else {
            record.remove(u"info"_s);
            printBytes(jsonRecords({record}, OutputFormat::Csv,
                                   {u"url"_s, u"version"_s, u"cron_count"_s, u"features"_s}));
        }
    } else {
        QList<QPair<QString, QString>> fields {
            {translate("URL"), url},
            {translate("Server version"),
             versionKnown ? capabilities.version : translate("unknown")},
        };
        if (info && !info->langgraphPyVersion.isEmpty())
            fields.append({translate("LangGraph (Python)"), info->langgraphPyVersion});
        if (info && !info->langgraphJsVersion.isEmpty())
            fields.append({translate("LangGraph (JS)"), info->langgraphJsVersion});
        if (info && !info->hostKind().isEmpty())
            fields.append({translate("Host"), info->hostKind()});
        if (info && !info->flags.isEmpty()) {
            QStringList flags;
            for (auto it = info->flags.begin(); it != info->flags.end(); ++it)
                flags.append(it.key() + u'=' + compactJson(it.value()));
            fields.append({translate("Flags"), flags.join(u' ')});
        }
        fields.append({translate("Cron count"),
                       cronCount >= 0 ? QString::number(cronCount) : translate("unknown")});
        for (const Feature &feature : features) {
            QString value = translate("unknown");
            if (feature.known && QByteArrayView(feature.key) == "crons")
                value = feature.value ? translate("supported") : translate("not supported");
            else if (feature.known)
                value = yesNo(feature.value);
            fields.append({translate(feature.label), value});
        }
        print(textRecord(fields));
    }

    // The answer above is printed either way; the exit code and stderr say it is incomplete.
    if (infoError.isError())
        note(translate("GET /info failed (%1): the server's version, and the features that "
                       "depend on it, are unknown")
                 .arg(infoError.toString()));
    if (cronError.isError())
        note(translate("the cron probe (POST /runs/crons/count) failed (%1): whether this server "
                       "has crons is unknown")
                 .arg(cronError.toString()));
    const api::ApiError &first = infoError.isError() ? infoError : cronError;
    done(first.isError() ? exitCodeFor(first) : int(ExitOk));
}

} // namespace crondesk::cli
