#include "croncommands.h"

#include "auditcommand.h"
#include "cliparse.h"
#include "commandline.h"
#include "comparecommands.h"
#include "journalcommands.h"
#include "resourcecommands.h"
#include "runcommand.h"
#include "upcomingcommand.h"

#include <models/api/apiclient.h>
#include <models/api/croncreator.h>
#include <models/api/cronfetcher.h>
#include <models/api/cronupdater.h>
#include <models/api/timestamp.h>
#include <models/bulk/bulkapplier.h>
#include <models/common/jsontext.h>
#include <models/editor/cronmapping.h>
#include <models/editor/cronvalidation.h>
#include <models/inventory/cronexportpipeline.h>
#include <models/inventory/cronexportwriter.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>
#include <models/session/cronrepository.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

QCommandLineOption option(const QString &name, const char *description,
                          const QString &valueName = {})
{
    return valueName.isEmpty() ? QCommandLineOption(name, translate(description))
                               : QCommandLineOption(name, translate(description), valueName);
}

const QStringList &cronSortFields()
{
    static const QStringList fields {u"cron_id"_s,       u"assistant_id"_s, u"thread_id"_s,
                                     u"next_run_date"_s, u"end_time"_s,     u"created_at"_s,
                                     u"updated_at"_s};
    return fields;
}

QList<QCommandLineOption> filterOptions()
{
    return {
        option(u"assistant"_s,
               "Only crons of this assistant (an id, or a graph name for its "
               "system assistant).",
               u"ID|GRAPH"_s),
        option(u"thread"_s, "Only crons bound to this thread.", u"THREAD_ID"_s),
        option(u"enabled"_s, "Only enabled (true) or paused (false) crons.", u"true|false"_s),
        option(u"metadata"_s, "Only crons whose metadata has KEY=VALUE (repeatable; server 0.9+).",
               u"KEY=VALUE"_s),
    };
}

// The fields of a create or update, under the option names of docs/crondeskctl.md.
QList<QCommandLineOption> fieldOptions(bool forCreate)
{
    QList<QCommandLineOption> options {
        option(u"schedule"_s, "Cron expression, e.g. \"0 9 * * 1-5\".", u"EXPR"_s),
        option(u"timezone"_s, "IANA time zone of the schedule (server 0.7.69+; default UTC).",
               u"ZONE"_s),
        option(u"end-time"_s, "Stop firing after this instant (ISO 8601 with offset or Z).",
               u"TIME"_s),
        option(u"input"_s, "Graph input: a JSON object or array, or @FILE.", u"JSON"_s),
        option(u"config"_s, "Run config: a JSON object, or @FILE.", u"JSON"_s),
        option(u"context"_s, "Run context: a JSON object, or @FILE.", u"JSON"_s),
        option(u"metadata"_s,
               forCreate ? "Cron metadata: KEY=VALUE (repeatable) or a JSON object or @FILE."
                         : "Metadata to merge into the cron's: KEY=VALUE (repeatable) or JSON.",
               u"KEY=VALUE|JSON"_s),
        option(u"webhook"_s, "URL called when each run completes.", u"URL"_s),
        option(u"interrupt-before"_s, "Nodes to interrupt before: \"*\" or a,b,c or a JSON array.",
               u"NODES"_s),
        option(u"interrupt-after"_s, "Nodes to interrupt after: \"*\" or a,b,c or a JSON array.",
               u"NODES"_s),
        option(u"on-run-completed"_s,
               "Stateless crons: delete (default) or keep each run's thread.", u"delete|keep"_s),
        option(u"multitask-strategy"_s, "reject, interrupt, rollback or enqueue.", u"STRATEGY"_s),
        option(u"enabled"_s, "Enable (true) or pause (false) the cron.", u"true|false"_s),
        option(u"stream-mode"_s, "Stream mode, or a comma-separated list of them.", u"MODES"_s),
        option(u"stream-subgraphs"_s, "Stream output from subgraphs.", u"true|false"_s),
        option(u"stream-resumable"_s, "Persist stream chunks to resume later.", u"true|false"_s),
        option(u"durability"_s, "sync, async or exit.", u"MODE"_s),
    };
    if (forCreate) {
        options += {
            option(u"assistant"_s, "Assistant id or graph name (required).", u"ID|GRAPH"_s),
            option(u"thread"_s, "Bind the cron to this thread (default: a new thread per run).",
                   u"THREAD_ID"_s),
            option(u"correlation-id"_s,
                   "Resubmit a create whose outcome was unknown: the id it reported. The cron "
                   "is created only if that attempt did not create it.",
                   u"ID"_s),
        };
    } else {
        options.append(option(u"clear-end-time"_s, "Remove the end time."));
    }
    return options;
}

// The field options as the editor's draft, so that the editor's rules (models::validate) judge
// them and the editor's mapping (models::toCronCreate/toCronPatch) sends them: the CLI and the GUI
// cannot disagree about a value. JSON goes into the draft as text, as given, so that its errors
// name the line and column as the editor's do.
struct FieldOptions
{
    models::CronDraft draft;
    QList<models::DraftField> fields; // the options given, in form order
    // --end-time exactly as given. The draft holds it as a wall-clock time in the zone, which a
    // repeated hour (DST) would read as its first occurrence; the request sends this instant.
    std::optional<QDateTime> endTime;

    api::CronCreate toCreate() const
    {
        api::CronCreate create = models::toCronCreate(draft, fields);
        if (endTime)
            create.endTime = endTime;
        return create;
    }
    api::CronPatch toPatch() const
    {
        api::CronPatch patch = models::toCronPatch(draft, fields);
        if (endTime)
            patch.endTime = endTime;
        return patch;
    }
};

// The option that sets `field`: "--end-time", "--assistant", ...
QString optionName(models::DraftField field)
{
    if (field == models::DraftField::Assistant)
        return u"--assistant"_s;
    if (field == models::DraftField::Thread)
        return u"--thread"_s;
    return u"--"_s + models::draftFieldKey(field).replace(u'_', u'-');
}

// The text of a JSON option: as given, or the contents of @FILE without a byte order mark.
std::optional<QString> jsonOptionText(const QString &value, QString *error)
{
    if (!value.startsWith(u'@'))
        return value;
    const std::optional<QByteArray> contents = readOptionFile(value.mid(1), error);
    if (!contents)
        return std::nullopt;
    return QString::fromUtf8(models::withoutByteOrderMark(*contents));
}

// Reads the field options into a draft. Returns nullopt with `error` set when an option's text
// cannot be read at all (a missing file, KEY=VALUE without "=", a time without an offset); what
// the values mean is for models::validate (checkFields).
std::optional<FieldOptions> readFields(const QCommandLineParser &parser, bool forCreate,
                                       QString *error)
{
    using models::DraftField;
    FieldOptions options;
    models::CronDraft &draft = options.draft;
    auto text = [&parser](const char *name) -> std::optional<QString> {
        const QString key = QString::fromLatin1(name);
        return parser.isSet(key) ? std::optional<QString>(parser.value(key)) : std::nullopt;
    };
    auto given = [&options](DraftField field) { options.fields.append(field); };
    // Reads option `name`, when given, with `parse` (nullopt and `error` set when the text
    // cannot be read) into `target`; the error names the option.
    auto read = [&](const char *name, DraftField field, auto parse, auto *target) {
        const std::optional<QString> value = text(name);
        if (!value)
            return true;
        auto parsed = parse(*value, error);
        if (!parsed) {
            *error = u"--"_s + QLatin1StringView(name) + u": "_s + *error;
            return false;
        }
        *target = *std::move(parsed);
        given(field);
        return true;
    };
    const auto asText
        = [](const QString &value, QString *) { return std::optional<QString>(value); };
    const auto interruptNodes
        = [](const QString &value, QString *problem) -> std::optional<models::InterruptNodes> {
        const std::optional<QJsonValue> nodes = parseInterrupts(value, problem);
        return nodes ? std::optional(models::InterruptNodes::fromJson(*nodes)) : std::nullopt;
    };
    const auto streamModes
        = [](const QString &value, QString *problem) -> std::optional<QStringList> {
        const std::optional<QJsonValue> modes = parseStreamMode(value, problem);
        if (!modes)
            return std::nullopt;
        const QJsonArray list = modes->isArray() ? modes->toArray() : QJsonArray {*modes};
        QStringList names;
        for (const QJsonValue &mode : list) {
            if (!mode.isString()) {
                *problem = translate("stream modes are names, such as values");
                return std::nullopt;
            }
            names.append(mode.toString());
        }
        return names;
    };

    if (forCreate) {
        draft.assistant = parser.value(u"assistant"_s);
        given(DraftField::Assistant);
        read("thread", DraftField::Thread, asText, &draft.threadId); // text: cannot fail
        if (parser.isSet(u"thread"_s))
            draft.target = models::CronDraft::Target::Thread;
    }
    const QStringList metadata = parser.values(u"metadata"_s);
    const QString onlyMetadata = metadata.size() == 1 ? metadata.first().trimmed() : QString();
    // One JSON object goes in as text, like --input, so its errors read as the editor's.
    const bool metadataAsJson = onlyMetadata.startsWith(u'{') || onlyMetadata.startsWith(u'@');
    const bool readable = read("schedule", DraftField::Schedule, asText, &draft.schedule)
        && read("timezone", DraftField::Timezone, asText, &draft.timezone)
        && read("end-time", DraftField::EndTime, parseInstant, &options.endTime)
        && read("enabled", DraftField::Enabled, parseBool, &draft.enabled)
        && read("input", DraftField::Input, jsonOptionText, &draft.input)
        && read("config", DraftField::Config, jsonOptionText, &draft.config)
        && read("context", DraftField::Context, jsonOptionText, &draft.context)
        && (!metadataAsJson
            || read("metadata", DraftField::Metadata, jsonOptionText, &draft.metadata))
        && read("interrupt-before", DraftField::InterruptBefore, interruptNodes,
                &draft.interruptBefore)
        && read("interrupt-after", DraftField::InterruptAfter, interruptNodes,
                &draft.interruptAfter)
        && read("webhook", DraftField::Webhook, asText, &draft.webhook)
        && read("multitask-strategy", DraftField::MultitaskStrategy, asText,
                &draft.multitaskStrategy)
        && read("on-run-completed", DraftField::OnRunCompleted, asText, &draft.onRunCompleted)
        && read("stream-mode", DraftField::StreamMode, streamModes, &draft.streamModes)
        && read("stream-subgraphs", DraftField::StreamSubgraphs, parseBool, &draft.streamSubgraphs)
        && read("stream-resumable", DraftField::StreamResumable, parseBool, &draft.streamResumable)
        && read("durability", DraftField::Durability, asText, &draft.durability);
    if (!readable)
        return std::nullopt;
    if (!metadata.isEmpty() && !metadataAsJson) {
        const std::optional<QJsonObject> object = parseMetadata(metadata, error);
        if (!object) {
            *error = u"--metadata: "_s + *error;
            return std::nullopt;
        }
        draft.metadata = models::compactJson(*object);
        given(DraftField::Metadata);
    }
    if (options.endTime) {
        // The form's end time is a wall-clock time in the cron's zone (UTC when none is given).
        const std::optional<QTimeZone> zone = schedule::resolveZone(draft.timezone);
        const QDateTime local
            = zone ? options.endTime->toTimeZone(*zone) : options.endTime->toUTC();
        draft.endTime = QDateTime(local.date(), local.time(), Qt::UTC);
    }
    return options;
}

// The editor's rules for the options given, before anything is sent: the server's own 422 says
// only "Invalid cron schedule", the editor's rules name the option, the text and the column.
// Returns the first error as "--option: message" (empty when there is none); the warnings the
// editor would show go to `warnings` the same way.
QString checkFields(const FieldOptions &options, bool forCreate, QStringList *warnings)
{
    using models::DraftField;
    models::ValidationContext context;
    context.mode = forCreate ? models::ValidationContext::Mode::Create
                             : models::ValidationContext::Mode::Edit;
    context.now = QDateTime::currentDateTimeUtc();
    // The choices are the form's lists; a value outside them goes to the server, which judges
    // it (a newer server may know more), as it always has.
    static const QList<DraftField> serverJudges {DraftField::MultitaskStrategy,
                                                 DraftField::OnRunCompleted, DraftField::StreamMode,
                                                 DraftField::Durability};
    for (const DraftField field : options.fields) {
        if (!serverJudges.contains(field))
            context.fields.append(field);
    }
    if (context.fields.isEmpty())
        return {};
    const QList<models::DraftProblem> problems = models::validate(options.draft, context);
    for (const models::DraftProblem &problem : problems) {
        const QString message = optionName(problem.field) + u": "_s + problem.message;
        if (!problem.isError()) {
            warnings->append(message);
            continue;
        }
        if (forCreate && problem.field == DraftField::Metadata
            && problem.message
                == models::correlationKeyProblem(
                    options.draft.jsonValue(DraftField::Metadata).toObject())) {
            return message
                + translate(" To repeat a create whose outcome was unknown, give its "
                            "correlation id with --correlation-id.");
        }
        return message;
    }
    return {};
}

// The field options read and judged by the editor's rules: nullopt with `error` set when they
// cannot be read or break a rule; the editor's warnings go to `warnings`.
std::optional<FieldOptions> checkedFields(const QCommandLineParser &parser, bool forCreate,
                                          QString *error, QStringList *warnings)
{
    std::optional<FieldOptions> options = readFields(parser, forCreate, error);
    if (!options)
        return std::nullopt;
    if (const QString problem = checkFields(*options, forCreate, warnings); !problem.isEmpty()) {
        warnings->clear(); // the error is what counts; nothing is sent
        *error = problem;
        return std::nullopt;
    }
    return options;
}

// The filters of crons list: --assistant, --thread, and the enabled and metadata filters under
// the names given (crons update spells them --where-enabled and --where-metadata, since its
// --enabled and --metadata set values). nullopt with `error` ("--option: why") when one is bad.
std::optional<api::CronSearchQuery> readCronFilter(const QCommandLineParser &parser,
                                                   const QString &enabledName,
                                                   const QString &metadataName, QString *error)
{
    api::CronSearchQuery query;
    if (parser.isSet(u"assistant"_s))
        query.assistantId = assistantFilterId(parser.value(u"assistant"_s));
    query.threadId = parser.value(u"thread"_s);
    if (parser.isSet(enabledName)) {
        const auto enabled = parseBool(parser.value(enabledName), error);
        if (!enabled) {
            *error = u"--"_s + enabledName + u": "_s + *error;
            return std::nullopt;
        }
        query.enabled = *enabled;
    }
    if (parser.isSet(metadataName)) {
        const auto metadata = parseMetadata(parser.values(metadataName), error);
        if (!metadata) {
            *error = u"--"_s + metadataName + u": "_s + *error;
            return std::nullopt;
        }
        query.metadata = *metadata;
    }
    return query;
}

// Orders crons by a search field the way the server would: nulls last ascending, first
// descending; the id breaks ties so the order is total. The field is looked up once, not in
// every comparison.
class CronOrder
{
public:
    CronOrder(const QString &field, bool descending)
        : m_key(keyOf(field))
        , m_descending(descending)
    { }

    bool operator()(const api::Cron &a, const api::Cron &b) const
    {
        int result = compareKeys(a, b);
        if (result == 0)
            result = a.cronId.compare(b.cronId);
        return m_descending ? result > 0 : result < 0;
    }

private:
    enum class Key { CreatedAt, UpdatedAt, NextRunDate, EndTime, CronId, AssistantId, ThreadId };

    static Key keyOf(const QString &field)
    {
        if (field == "updated_at"_L1)
            return Key::UpdatedAt;
        if (field == "next_run_date"_L1)
            return Key::NextRunDate;
        if (field == "end_time"_L1)
            return Key::EndTime;
        if (field == "cron_id"_L1)
            return Key::CronId;
        if (field == "assistant_id"_L1)
            return Key::AssistantId;
        if (field == "thread_id"_L1)
            return Key::ThreadId;
        return Key::CreatedAt;
    }

    int compareKeys(const api::Cron &a, const api::Cron &b) const
    {
        switch (m_key) {
        case Key::CronId:
            return compareText(a.cronId, b.cronId);
        case Key::AssistantId:
            return compareText(a.assistantId, b.assistantId);
        case Key::ThreadId:
            return compareText(a.threadId, b.threadId);
        case Key::UpdatedAt:
            return compareInstants(a.updatedAt, b.updatedAt);
        case Key::NextRunDate:
            return compareInstants(a.nextRunDate, b.nextRunDate);
        case Key::EndTime:
            return compareInstants(a.endTime, b.endTime);
        case Key::CreatedAt:
            break;
        }
        return compareInstants(a.createdAt, b.createdAt);
    }

    static int compareText(const QString &x, const QString &y)
    {
        if (x.isEmpty() != y.isEmpty())
            return x.isEmpty() ? 1 : -1;
        return x.compare(y);
    }

    static int compareInstants(const QDateTime &x, const QDateTime &y)
    {
        if (x.isValid() != y.isValid())
            return x.isValid() ? -1 : 1;
        return x < y ? -1 : (y < x ? 1 : 0);
    }

    Key m_key;
    bool m_descending;
};

void sortCrons(QList<api::Cron> &crons, const QString &field, bool descending)
{
    std::stable_sort(crons.begin(), crons.end(), CronOrder(field, descending));
}

} // namespace

// --- crons list / export ---

QString CronsListCommand::summary() const
{
    return translate("List the crons of the deployment: all of them unless --limit is given.");
}

QList<QCommandLineOption> CronsListCommand::options() const
{
    return filterOptions()
        + QList<QCommandLineOption> {
            formatOption(defaultFormat()),
            option(u"sort"_s,
                   "Sort by cron_id, assistant_id, thread_id, next_run_date, end_time, "
                   "created_at (default) or updated_at.",
                   u"FIELD"_s),
            option(u"order"_s, "asc (default) or desc.", u"asc|desc"_s),
            option(u"limit"_s, "At most N crons (the first N in the chosen order).", u"N"_s),
            option(u"all"_s, "Every cron (the default; overrides --limit)."),
        };
}

std::optional<api::CronSearchQuery> CronsListCommand::filterQuery()
{
    QString error;
    std::optional<api::CronSearchQuery> query
        = readCronFilter(parser(), u"enabled"_s, u"metadata"_s, &error);
    if (!query)
        fail(ExitUsage, error);
    return query;
}

void CronsListCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat(defaultFormat());
    if (!format)
        return;
    std::optional<api::CronSearchQuery> query = filterQuery();
    if (!query)
        return;
    const QString sort = parser().isSet(u"sort"_s) ? parser().value(u"sort"_s) : QString();
    if (!sort.isEmpty() && !cronSortFields().contains(sort)) {
        fail(ExitUsage,
             translate("unknown --sort \"%1\" (use %2)").arg(sort, cronSortFields().join(u", "_s)));
        return;
    }
    const QString order = parser().value(u"order"_s).toLower();
    if (!order.isEmpty() && order != "asc"_L1 && order != "desc"_L1) {
        fail(ExitUsage, translate("--order must be asc or desc"));
        return;
    }
    qint64 limit = -1;
    if (parser().isSet(u"limit"_s) && !parser().isSet(u"all"_s)) {
        QString error;
        const auto value = parseWholeNumber(parser().value(u"limit"_s), 1, MaxLimit, &error);
        if (!value) {
            fail(ExitUsage, u"--limit: "_s + error);
            return;
        }
        limit = *value;
    }

    if (limit > 0 && limit <= api::CronFetcher::pageSize) {
        // One page, ordered by the server.
        query->limit = int(limit);
        query->offset = 0;
        query->sortBy = sort.isEmpty() ? u"created_at"_s : sort;
        query->sortOrder = order.isEmpty() ? u"asc"_s : order;
        client()->searchCrons(*query)->then(
            this, [this, format](const api::CronPage &page) { deliver(page.crons, *format); },
            [this](const api::ApiError &error) { failWith(error); });
        return;
    }
    fetchAll(*query, *format, limit);
}

void CronsListCommand::fetchAll(const api::CronSearchQuery &filter, OutputFormat format,
                                qint64 limit)
{
    const QString sort = parser().isSet(u"sort"_s) ? parser().value(u"sort"_s) : u"created_at"_s;
    const bool descending = parser().value(u"order"_s).toLower() == "desc"_L1;
    // The fetch's own order needs no sort of the whole; a table needs every row for its widths.
    if (sort == "created_at"_L1 && !descending && format != OutputFormat::Table) {
        streamAll(filter, format, limit);
        return;
    }
    auto *fetcher = new api::CronFetcher(client(), filter, this);
    auto crons = std::make_shared<QList<api::Cron>>();
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [crons](const QList<api::Cron> &page) { crons->append(page); });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this,
            [this, crons, format, sort, descending, limit] {
                sortCrons(*crons, sort, descending);
                if (limit > 0 && crons->size() > limit)
                    crons->resize(limit);
                deliver(*crons, format);
            });
    fetcher->start();
}

void CronsListCommand::streamAll(const api::CronSearchQuery &filter, OutputFormat format,
                                 qint64 limit)
{
    if (!openOutput())
        return;
    auto *fetcher = new api::CronFetcher(client(), filter, this);
    // The fetch reads oldest first: the first `limit` are known early.
    if (limit > 0)
        fetcher->setMaxRows(limit);
    using WriterFormat = models::CronExportWriter::Format;
    const WriterFormat writerFormat = format == OutputFormat::Json ? WriterFormat::Json
        : format == OutputFormat::Csv                              ? WriterFormat::Csv
                                                                   : WriterFormat::JsonLines;
    {
        QByteArray head;
        models::CronExportWriter(writerFormat).begin(&head);
        writeOutput(head);
    }
    // Formatting runs on pool threads, beside the fetch; the bytes come back in order.
    auto *pipeline = new models::CronExportPipeline(writerFormat, this);
    connect(pipeline, &models::CronExportPipeline::formatted, this,
            [this](const QByteArray &bytes) { writeOutput(bytes); });
    // Pages arrived with crons that wait for every older cron; the fetcher's own lists, shared
    // rather than copied cron by cron.
    auto held = std::make_shared<QList<QList<api::Cron>>>();
    // Formats the held crons created before `before` (all of them when it is invalid), oldest
    // first.
    auto formatHeld = [held, pipeline, limit](const QDateTime &before) {
        // The crons are put in order by pointer: a cron is a few hundred bytes to move, and a
        // page arrives nearly always in order already.
        std::vector<const api::Cron *> waiting;
        for (const QList<api::Cron> &page : std::as_const(*held)) {
            for (const api::Cron &cron : page)
                waiting.push_back(&cron);
        }
        const CronOrder order(u"created_at"_s, false);
        auto less = [&order](const api::Cron *a, const api::Cron *b) { return order(*a, *b); };
        if (!std::is_sorted(waiting.cbegin(), waiting.cend(), less))
            std::stable_sort(waiting.begin(), waiting.end(), less);
        qsizetype ready = qsizetype(waiting.size());
        if (before.isValid()) {
            ready = std::partition_point(waiting.cbegin(), waiting.cend(),
                                         [&before](const api::Cron *cron) {
                                             return cron->createdAt.isValid()
                                                 && cron->createdAt < before;
                                         })
                - waiting.cbegin();
        }
        if (limit > 0)
            ready = std::min<qsizetype>(ready, limit - pipeline->added());
        if (ready <= 0)
            return;
        // The few left (ties at a page's end) wait in a page of their own.
        QList<api::Cron> rest;
        rest.reserve(qsizetype(waiting.size()) - ready);
        for (size_t i = size_t(ready); i < waiting.size(); ++i)
            rest.append(*waiting[i]);
        waiting.resize(size_t(ready));
        pipeline->add(std::exchange(*held, {}), std::move(waiting));
        if (!rest.isEmpty())
            held->append(std::move(rest));
    };
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [this, held](const QList<api::Cron> &page) {
                noteMalformedOf(page);
                held->append(page);
            });
    connect(fetcher, &api::CronFetcher::deliveredBefore, this, formatHeld);
    connect(fetcher, &api::CronFetcher::failed, this, [this, pipeline](const api::ApiError &error) {
        // What was written stays; nothing more follows the failure.
        pipeline->disconnect(this);
        failWith(error);
    });
    connect(fetcher, &api::CronFetcher::succeeded, this,
            [this, held, pipeline, formatHeld, writerFormat] {
                formatHeld(QDateTime());
                held->clear();
                auto end = [this, pipeline, writerFormat] {
                    QByteArray tail;
                    models::CronExportWriter(writerFormat, pipeline->added()).end(&tail);
                    writeOutput(tail);
                    noteMoreMalformed();
                    if (closeOutput(pipeline->added()))
                        done(ExitOk);
                };
                if (pipeline->isIdle())
                    end();
                else
                    connect(pipeline, &models::CronExportPipeline::drained, this, end,
                            Qt::SingleShotConnection);
            });
    fetcher->start();
}

void CronsListCommand::deliver(const QList<api::Cron> &crons, OutputFormat format)
{
    noteMalformed(crons);
    if (!openOutput())
        return;
    writeOutput(formatCrons(crons, format));
    if (closeOutput(crons.size()))
        done(ExitOk);
}

void CronsListCommand::noteMalformed(const QList<api::Cron> &crons) const
{
    noteMalformedOf(crons);
    noteMoreMalformed();
}

void CronsListCommand::noteMalformedOf(const QList<api::Cron> &crons) const
{
    // The output shows such fields empty; an auditor must see that the server sent something.
    constexpr int maxNotes = 20;
    for (const api::Cron &cron : crons) {
        for (const api::MalformedField &field : cron.malformed) {
            if (m_malformedNoted == maxNotes) {
                ++m_malformedMore;
                continue;
            }
            ++m_malformedNoted;
            note(translate("cron %1: the server sent a malformed %2 (%3: %4); it is shown empty")
                     .arg(cron.cronId, field.field, field.problem, field.received));
        }
    }
}

void CronsListCommand::noteMoreMalformed() const
{
    if (m_malformedMore > 0)
        note(QCoreApplication::translate("crondeskctl", "and %n more malformed field(s)", nullptr,
                                         m_malformedMore));
    m_malformedMore = 0;
}

QString CronsExportCommand::summary() const
{
    return translate("Export every cron (JSON by default) to stdout or a file.");
}

QList<QCommandLineOption> CronsExportCommand::options() const
{
    QList<QCommandLineOption> list = CronsListCommand::options();
    list.append(QCommandLineOption({u"o"_s, u"output"_s},
                                   translate("Write to FILE (replaced atomically) instead of "
                                             "stdout."),
                                   u"FILE"_s));
    return list;
}

bool CronsExportCommand::openOutput()
{
    const QString path = parser().value(u"output"_s);
    if (path.isEmpty() || path == "-"_L1)
        return true;
    // The file is replaced only when the whole listing has been written (closeOutput()).
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(ExitRefused, translate("cannot write %1: %2").arg(path, m_file->errorString()));
        return false;
    }
    return true;
}

void CronsExportCommand::writeOutput(const QByteArray &bytes)
{
    if (!m_file) {
        printBytes(bytes);
        return;
    }
    // A short write shows in commit(), which then fails.
    if (m_file->write(bytes) != bytes.size())
        m_file->cancelWriting();
}

bool CronsExportCommand::closeOutput(qint64 crons)
{
    if (!m_file)
        return true;
    const QString path = m_file->fileName();
    if (!m_file->commit()) {
        fail(ExitRefused, translate("cannot write %1: %2").arg(path, m_file->errorString()));
        return false;
    }
    note(
        QCoreApplication::translate("crondeskctl", "exported %n cron(s) to %1", nullptr, int(crons))
            .arg(path));
    return true;
}

// --- crons get ---

QString CronsGetCommand::summary() const
{
    return translate("Show the crons with the given ids.");
}

QList<QCommandLineOption> CronsGetCommand::options() const
{
    return {formatOption()};
}

void CronsGetCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    m_format = *format;
    m_ids = positionals();
    if (m_ids.isEmpty()) {
        fail(ExitUsage, translate("crons get needs at least one cron id"));
        return;
    }
    getNext();
}

void CronsGetCommand::getNext()
{
    if (m_next >= m_ids.size()) {
        finishWithResults();
        return;
    }
    const QString id = m_ids.at(m_next);
    client()->getCron(id)->then(
        this,
        [this](const api::Cron &cron) {
            m_found.append(cron);
            ++m_next;
            getNext();
        },
        [this, id](const api::ApiError &error) {
            if (error.unsupported) {
                // A server before 0.10 has no GET by id: find the rest in a search instead.
                searchForTheRest();
                return;
            }
            if (exitCodeFor(error) == ExitNetwork) {
                failWith(error);
                return;
            }
            note(id + u": "_s + error.toString());
            if (m_exitCode == 0)
                m_exitCode = exitCodeFor(error);
            ++m_next;
            getNext();
        });
}

void CronsGetCommand::searchForTheRest()
{
    auto wanted = std::make_shared<QSet<QString>>();
    for (qsizetype i = m_next; i < m_ids.size(); ++i)
        wanted->insert(m_ids.at(i));
    auto *fetcher = new api::CronFetcher(client(), {}, this);
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [this, wanted](const QList<api::Cron> &page) {
                for (const api::Cron &cron : page) {
                    if (wanted->contains(cron.cronId))
                        m_found.append(cron);
                }
            });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this, [this] {
        QSet<QString> found;
        for (const api::Cron &cron : std::as_const(m_found))
            found.insert(cron.cronId);
        for (qsizetype i = m_next; i < m_ids.size(); ++i) {
            if (!found.contains(m_ids.at(i))) {
                note(translate("%1: no such cron").arg(m_ids.at(i)));
                m_exitCode = ExitRefused;
            }
        }
        m_next = m_ids.size();
        finishWithResults();
    });
    fetcher->start();
}

void CronsGetCommand::finishWithResults()
{
    if (m_ids.size() == 1 && m_found.size() == 1)
        printBytes(formatCron(m_found.first(), m_format));
    else if (!m_found.isEmpty() || m_format != OutputFormat::Table)
        printBytes(formatCrons(m_found, m_format));
    done(m_exitCode);
}

// --- crons count ---

QString CronsCountCommand::summary() const
{
    return translate("Count the crons that match the filters.");
}

QList<QCommandLineOption> CronsCountCommand::options() const
{
    return filterOptions() + QList<QCommandLineOption> {formatOption()};
}

void CronsCountCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    api::CronSearchQuery query;
    if (parser().isSet(u"assistant"_s))
        query.assistantId = assistantFilterId(parser().value(u"assistant"_s));
    query.threadId = parser().value(u"thread"_s);
    QString error;
    if (parser().isSet(u"metadata"_s)) {
        const auto metadata = parseMetadata(parser().values(u"metadata"_s), &error);
        if (!metadata) {
            fail(ExitUsage, u"--metadata: "_s + error);
            return;
        }
        query.metadata = *metadata;
    }
    auto print = [this, format](qint64 count) {
        printBytes(formatCount(count, *format));
        done(ExitOk);
    };
    if (parser().isSet(u"enabled"_s)) {
        const auto enabled = parseBool(parser().value(u"enabled"_s), &error);
        if (!enabled) {
            fail(ExitUsage, u"--enabled: "_s + error);
            return;
        }
        // POST /runs/crons/count has no `enabled` filter: count the ids of a filtered search.
        query.enabled = *enabled;
        query.select = QStringList {u"cron_id"_s};
        auto *fetcher = new api::CronFetcher(client(), query, this);
        connect(fetcher, &api::CronFetcher::failed, this,
                [this](const api::ApiError &error) { failWith(error); });
        connect(fetcher, &api::CronFetcher::succeeded, this,
                [fetcher, print] { print(fetcher->fetchedCount()); });
        fetcher->start();
        return;
    }
    api::CronCountQuery count;
    count.assistantId = query.assistantId;
    count.threadId = query.threadId;
    count.metadata = query.metadata;
    client()->countCrons(count)->then(this, print,
                                      [this](const api::ApiError &error) { failWith(error); });
}

// --- crons create ---

QString CronsCreateCommand::summary() const
{
    return translate("Create a cron (sent exactly once; never duplicated on a lost answer).");
}

QList<QCommandLineOption> CronsCreateCommand::options() const
{
    return fieldOptions(true) + QList<QCommandLineOption> {formatOption()};
}

void CronsCreateCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    if (!parser().isSet(u"assistant"_s) || !parser().isSet(u"schedule"_s)) {
        fail(ExitUsage, translate("crons create needs --assistant and --schedule"));
        return;
    }
    QString error;
    QStringList warnings;
    const std::optional<FieldOptions> fields = checkedFields(parser(), true, &error, &warnings);
    for (const QString &warning : std::as_const(warnings))
        note(warning);
    if (!fields) {
        fail(ExitUsage, error);
        return;
    }
    api::CronCreate cron = fields->toCreate();
    if (!mayMutate(models::MutationKind::Create, 1))
        return;
    const QString threadId = parser().value(u"thread"_s);
    api::CronCreator *creator = client()->createCronOnce(cron, threadId);
    // After a lost answer, the cron may still appear for as long as the server had to answer,
    // and as long again: twice --timeout.
    const std::chrono::milliseconds timeout = client()->requestFactory().transferTimeout();
    creator->setVerificationWindow(2 * timeout);
    creator->setVerificationDelay(
        std::min<std::chrono::milliseconds>(std::chrono::seconds(2), timeout / 4));
    if (parser().isSet(u"correlation-id"_s))
        creator->setCorrelationId(parser().value(u"correlation-id"_s));
    journal()->trackCreate(creator);
    // A wait of up to the verification window follows: say why.
    connect(creator, &api::CronCreator::checking, this, [this] {
        note(translate("no usable answer to the create; checking whether the server made the "
                       "cron…"));
    });
    creator->then(
        this,
        [this, creator, format](const api::Cron &created) {
            if (creator->outcome() == api::CronCreator::Outcome::Recovered)
                note(translate("the server's answer was lost, but the cron was created"));
            else if (creator->outcome() == api::CronCreator::Outcome::AlreadyExisted)
                note(translate("an earlier attempt had created this cron; nothing new was "
                               "created"));
            printBytes(formatCron(created, *format));
            done(ExitOk);
        },
        [this, creator](const api::ApiError &error) {
            if (creator->outcome() != api::CronCreator::Outcome::Unknown) {
                // Not created: refused (1), or never sent / no answer but proved absent (3).
                failWith(error);
                return;
            }
            // Unknown: the operator must look before trying again, whatever the error was.
            const QString id = creator->correlationId();
            note(error.toString());
            note(translate("the cron may have been created. Look for it with \"crondeskctl "
                           "crons list --metadata %1=%2\", or repeat this command with "
                           "\"--correlation-id %2\", which creates it only if it is absent")
                     .arg(QString(api::correlationMetadataKey), id));
            done(ExitUnknown);
        });
}

// --- crons update ---

QString CronsUpdateCommand::summary() const
{
    return translate("Change the given fields of a cron (server 0.7.21+).");
}

QList<QCommandLineOption> CronsUpdateCommand::options() const
{
    return fieldOptions(false)
        + QList<QCommandLineOption> {
            formatOption(),
            // Bulk (docs/crondeskctl.md, "Bulk update").
            option(u"assistant"_s,
                   "Bulk: the crons of this assistant (an id, or a graph name for its system "
                   "assistant).",
                   u"ID|GRAPH"_s),
            option(u"thread"_s, "Bulk: the crons bound to this thread.", u"THREAD_ID"_s),
            option(u"where-enabled"_s, "Bulk: only enabled (true) or paused (false) crons.",
                   u"true|false"_s),
            option(u"where-metadata"_s,
                   "Bulk: only crons whose metadata has KEY=VALUE (repeatable; server 0.9+).",
                   u"KEY=VALUE"_s),
            option(u"all-matching"_s,
                   "Change every cron that matches, when more than one does (without it, "
                   "more than one match is refused)."),
            option(u"dry-run"_s, "Print the preview (what each cron would get) and send nothing."),
            option(u"shift"_s, "Move the schedule's fire times: +30m, -1h, +1h30m.", u"SHIFT"_s),
            option(u"metadata-set"_s, "Add or change a metadata key (repeatable).", u"KEY=VALUE"_s),
            option(u"confirm"_s,
                   "The profile's name, required to change more than one cron through a "
                   "profile labelled production.",
                   u"PROFILE"_s),
        };
}

bool CronsUpdateCommand::isBulk() const
{
    static const QStringList bulkOnly {u"assistant"_s,      u"thread"_s,       u"where-enabled"_s,
                                       u"where-metadata"_s, u"all-matching"_s, u"dry-run"_s,
                                       u"shift"_s,          u"metadata-set"_s};
    if (positionals().size() != 1)
        return true;
    return std::any_of(bulkOnly.begin(), bulkOnly.end(),
                       [this](const QString &name) { return parser().isSet(name); });
}

void CronsUpdateCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    if (isBulk()) {
        executeBulk(*format);
        return;
    }
    const QStringList ids = positionals();
    if (ids.size() != 1) {
        fail(ExitUsage, translate("crons update needs exactly one cron id"));
        return;
    }
    QString error;
    QStringList warnings;
    const std::optional<FieldOptions> fields = checkedFields(parser(), false, &error, &warnings);
    for (const QString &warning : std::as_const(warnings))
        note(warning);
    if (!fields) {
        fail(ExitUsage, error);
        return;
    }
    api::CronPatch patch = fields->toPatch();
    patch.clearEndTime = parser().isSet(u"clear-end-time"_s);
    if (patch.clearEndTime && patch.endTime) {
        fail(ExitUsage, translate("--end-time and --clear-end-time contradict each other"));
        return;
    }
    if (patch.isEmpty()) {
        fail(ExitUsage, translate("nothing to change: give at least one field option"));
        return;
    }
    // A change of `enabled` alone is a pause or a resume, in the rules and in the journal.
    const QJsonObject body = patch.toJson();
    const models::MutationKind kind = body.size() == 1 && patch.enabled
        ? (*patch.enabled ? models::MutationKind::Resume : models::MutationKind::Pause)
        : models::MutationKind::Update;
    if (!mayMutate(kind, 1))
        return;
    const QString id = ids.first();
    cronBefore(id, [this, id, patch, body, kind, format](const QJsonValue &before) {
        // Sent once; after a lost answer the cron is read back to tell whether it changed.
        api::CronUpdater *updater = client()->updateCronChecked(id, patch);
        const std::chrono::milliseconds timeout = client()->requestFactory().transferTimeout();
        updater->setVerificationWindow(2 * timeout);
        updater->setVerificationDelay(
            std::min<std::chrono::milliseconds>(std::chrono::seconds(2), timeout / 4));
        if (api::CronRequest *request = updater->patchRequest())
            journal()->track(request, kind, id, before, body);
        connect(updater, &api::CronUpdater::checking, this, [this] {
            note(translate("no usable answer to the update; reading the cron back to find out "
                           "whether it changed…"));
        });
        updater->then(
            this,
            [this, updater, format](const api::Cron &cron) {
                if (updater->outcome() == api::CronUpdater::Outcome::Recovered)
                    note(translate("the server's answer was lost, but the change is in place"));
                printBytes(formatCron(cron, *format));
                done(ExitOk);
            },
            [this, updater, id](const api::ApiError &error) {
                if (error.unsupported) {
                    fail(ExitRefused,
                         error.toString()
                             + translate(" (this server cannot update crons; PATCH needs server "
                                         "0.7.21 or later)"));
                    return;
                }
                if (updater->outcome() == api::CronUpdater::Outcome::Unknown) {
                    note(error.toString());
                    note(translate("the change may have been applied: look with \"crondeskctl "
                                   "crons get %1\" before repeating it")
                             .arg(id));
                    done(ExitUnknown);
                    return;
                }
                failWith(error);
            });
    });
}

// --- crons update, many crons (issue 18) ---

void CronsUpdateCommand::executeBulk(OutputFormat format)
{
    using models::DraftField;
    const QStringList ids = positionals();
    const bool filtered = parser().isSet(u"assistant"_s) || parser().isSet(u"thread"_s)
        || parser().isSet(u"where-enabled"_s) || parser().isSet(u"where-metadata"_s);
    if (!ids.isEmpty() && filtered) {
        fail(ExitUsage, translate("give cron ids or filters, not both"));
        return;
    }
    // Without an id, a filter or --all-matching, the command names no cron: never a bulk
    // update of everything by accident.
    if (ids.isEmpty() && !filtered && !parser().isSet(u"all-matching"_s)
        && !parser().isSet(u"dry-run"_s)) {
        fail(ExitUsage,
             translate("crons update needs exactly one cron id, or filters "
                       "(--assistant, --thread, --where-enabled, --where-metadata) "
                       "or --all-matching to change several crons"));
        return;
    }
    QString error;
    const std::optional<api::CronSearchQuery> query
        = readCronFilter(parser(), u"where-enabled"_s, u"where-metadata"_s, &error);
    if (!query) {
        fail(ExitUsage, error);
        return;
    }
    QStringList warnings;
    const std::optional<FieldOptions> fields = checkedFields(parser(), false, &error, &warnings);
    for (const QString &warning : std::as_const(warnings))
        note(warning);
    if (!fields) {
        fail(ExitUsage, error);
        return;
    }
    static const QList<DraftField> bulkFields {
        DraftField::Schedule,       DraftField::Timezone,         DraftField::EndTime,
        DraftField::Enabled,        DraftField::Metadata,         DraftField::Webhook,
        DraftField::OnRunCompleted, DraftField::MultitaskStrategy};
    for (const DraftField field : fields->fields) {
        if (!bulkFields.contains(field)) {
            fail(ExitUsage,
                 translate("%1 is not part of a bulk update; give one cron id to "
                           "change it")
                     .arg(optionName(field)));
            return;
        }
    }

    models::BulkEdit edit;
    const models::CronDraft &draft = fields->draft;
    if (fields->fields.contains(DraftField::Enabled))
        edit.enabled = draft.enabled;
    if (fields->fields.contains(DraftField::Timezone))
        edit.timezone = draft.timezone;
    if (fields->endTime) {
        edit.endTimeChange = models::BulkEdit::EndTime::Set;
        edit.endTime = *fields->endTime;
    }
    if (parser().isSet(u"clear-end-time"_s)) {
        if (fields->endTime) {
            fail(ExitUsage, translate("--end-time and --clear-end-time contradict each other"));
            return;
        }
        edit.endTimeChange = models::BulkEdit::EndTime::Clear;
    }
    if (fields->fields.contains(DraftField::Metadata))
        edit.metadata = draft.jsonValue(DraftField::Metadata).toObject();
    if (parser().isSet(u"metadata-set"_s)) {
        const auto metadata = parseMetadata(parser().values(u"metadata-set"_s), &error);
        if (!metadata) {
            fail(ExitUsage, u"--metadata-set: "_s + error);
            return;
        }
        if (const QString problem = models::correlationKeyProblem(*metadata); !problem.isEmpty()) {
            fail(ExitUsage, u"--metadata-set: "_s + problem);
            return;
        }
        for (auto it = metadata->begin(); it != metadata->end(); ++it)
            edit.metadata.insert(it.key(), it.value());
    }
    if (fields->fields.contains(DraftField::Webhook))
        edit.webhook = draft.webhook;
    if (fields->fields.contains(DraftField::OnRunCompleted))
        edit.onRunCompleted = draft.onRunCompleted;
    if (fields->fields.contains(DraftField::MultitaskStrategy))
        edit.multitaskStrategy = draft.multitaskStrategy;
    if (fields->fields.contains(DraftField::Schedule)) {
        edit.scheduleChange = models::BulkEdit::Schedule::Replace;
        edit.schedule = draft.schedule;
    }
    if (parser().isSet(u"shift"_s)) {
        if (edit.scheduleChange == models::BulkEdit::Schedule::Replace) {
            fail(ExitUsage, translate("--schedule and --shift contradict each other"));
            return;
        }
        const std::optional<int> minutes = parseShift(parser().value(u"shift"_s), &error);
        if (!minutes) {
            fail(ExitUsage, u"--shift: "_s + error);
            return;
        }
        edit.scheduleChange = models::BulkEdit::Schedule::Shift;
        edit.shiftMinutes = *minutes;
    }
    if (edit.isEmpty()) {
        fail(ExitUsage, translate("nothing to change: give at least one field option"));
        return;
    }

    fetchSelection(ids, *query, [this, edit, format](const QList<api::Cron> &crons) {
        const bool dryRun = parser().isSet(u"dry-run"_s);
        if (crons.isEmpty()) {
            note(translate("no cron matches; nothing was changed"));
            done(ExitOk);
            return;
        }
        if (crons.size() > 1 && !dryRun && !parser().isSet(u"all-matching"_s)) {
            fail(ExitUsage,
                 QCoreApplication::translate("crondeskctl",
                                             "%n cron(s) match; give --all-matching to change "
                                             "all of them, or --dry-run to see what would change",
                                             nullptr, int(crons.size())));
            return;
        }
        const models::BulkPlan plan
            = models::planBulkEdit(crons, edit, QDateTime::currentDateTimeUtc());
        // One counted message per statement: lupdate does not follow a counted translate()
        // inside a longer expression.
        const QString toChange = QCoreApplication::translate("crondeskctl", "%n cron(s) to change",
                                                             nullptr, int(plan.changeCount()));
        const QString skipped = QCoreApplication::translate("crondeskctl", "%n skipped", nullptr,
                                                            int(plan.skipCount()));
        note(toChange + u", "_s + skipped);
        if (dryRun) {
            if (format == OutputFormat::Table) {
                QList<QStringList> rows {{translate("CRON_ID"), translate("CHANGE"),
                                          translate("BEFORE"), translate("AFTER"),
                                          translate("NEXT_RUN")}};
                const auto instant = [](const QDateTime &time) {
                    return time.isValid() ? api::formatTimestamp(time) : u"-"_s;
                };
                for (const models::BulkRow &row : plan.rows) {
                    if (row.isSkipped()) {
                        rows.append({row.cron.cronId,
                                     translate("skipped"),
                                     row.skipReason,
                                     {},
                                     instant(row.nextRunBefore)});
                        continue;
                    }
                    bool first = true;
                    for (const models::FieldChange &change : row.changes) {
                        const QString field = change.key.isEmpty()
                            ? models::draftFieldKey(change.field)
                            : models::draftFieldKey(change.field) + u'.' + change.key;
                        rows.append({first ? row.cron.cronId : QString(), field, change.before,
                                     change.after, first ? instant(row.nextRunAfter) : QString()});
                        first = false;
                    }
                }
                print(textTable(rows));
            } else {
                QList<QJsonObject> records;
                for (const QJsonValue &row : models::bulkPlanToJson(plan))
                    records.append(row.toObject());
                printBytes(jsonRecords(records, format));
            }
            done(ExitOk);
            return;
        }
        if (plan.changeCount() == 0) {
            note(translate("every matching cron already has these values; nothing was sent"));
            done(ExitOk);
            return;
        }
        if (!mayMutate(models::MutationKind::Update, plan.changeCount(),
                       parser().value(u"confirm"_s)))
            return;
        applyPlan(plan, format);
    });
}

void CronsUpdateCommand::fetchSelection(const QStringList &ids, const api::CronSearchQuery &query,
                                        std::function<void(const QList<api::Cron> &)> then)
{
    auto crons = std::make_shared<QList<api::Cron>>();
    if (!ids.isEmpty()) {
        // A few ids, one read each, in the order given.
        // The step holds itself only weakly (a strong capture of its own pointer is a cycle that
        // never frees); the read in flight holds it strongly until the next step runs.
        auto next = std::make_shared<std::function<void(qsizetype)>>();
        *next = [this, ids, crons, then, step = std::weak_ptr(next)](qsizetype index) {
            if (index == ids.size()) {
                then(*crons);
                return;
            }
            const auto self = step.lock();
            client()
                ->getCron(ids.at(index))
                ->then(
                    this,
                    [crons, self, index](const api::Cron &cron) {
                        crons->append(cron);
                        (*self)(index + 1);
                    },
                    [this, ids, index](const api::ApiError &error) {
                        note(ids.at(index) + u": "_s + error.toString());
                        failWith(error);
                    });
        };
        (*next)(0);
        return;
    }
    auto *fetcher = new api::CronFetcher(client(), query, this);
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [crons](const QList<api::Cron> &page) { crons->append(page); });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this, [crons, then] { then(*crons); });
    fetcher->start();
}

void CronsUpdateCommand::applyPlan(const models::BulkPlan &plan, OutputFormat format)
{
    // The session's write path, as the app uses it: journaled, a few PATCHes in flight, each
    // change read back. The table it feeds is only this command's.
    auto *model = new models::CronTableModel(this);
    auto *repository = new models::CronRepository(client(), model, this);
    repository->setJournal(journal());
    repository->setProfile(connection().profile);
    const std::chrono::milliseconds timeout = client()->requestFactory().transferTimeout();
    repository->setVerificationTiming(
        std::min<std::chrono::milliseconds>(std::chrono::seconds(2), timeout / 4), 2 * timeout);
    auto *applier = new models::BulkApplier(repository, this);
    connect(applier, &models::BulkApplier::finished, this, [this, applier, format] {
        QList<QStringList> rows {{translate("CRON_ID"), translate("RESULT"), translate("DETAIL")}};
        QList<QJsonObject> records;
        int exitCode = ExitOk;
        for (const models::BulkResult &result : applier->results()) {
            QString word;
            switch (result.status) {
            case models::BulkResult::Status::Applied:
                word = u"applied"_s;
                break;
            case models::BulkResult::Status::Failed:
                word = u"failed"_s;
                exitCode = std::max(exitCode, exitCodeFor(result.error));
                break;
            case models::BulkResult::Status::Unknown:
                word = u"unknown"_s;
                exitCode = ExitUnknown;
                break;
            case models::BulkResult::Status::NotSent:
            case models::BulkResult::Status::Pending:
                word = u"not-sent"_s;
                break;
            }
            const QString detail = result.isFailure() ? result.error.toString() : QString();
            rows.append({result.cronId, word, detail});
            QJsonObject record {{"cron_id"_L1, result.cronId}, {"result"_L1, word}};
            if (!detail.isEmpty())
                record.insert("error"_L1, detail);
            records.append(record);
        }
        if (format == OutputFormat::Table)
            print(textTable(rows));
        else
            printBytes(jsonRecords(records, format));
        const qsizetype failed = applier->failedIds().size();
        const int applied = int(applier->count(models::BulkResult::Status::Applied));
        QString summary
            = QCoreApplication::translate("crondeskctl", "%n cron(s) changed", nullptr, applied);
        if (failed > 0) {
            const QString failures = QCoreApplication::translate(
                "crondeskctl",
                "%n failed (repeat the command to retry them: the others already have the values)",
                nullptr, int(failed));
            summary += u", "_s + failures;
        }
        note(summary);
        done(exitCode);
    });
    if (!applier->start(plan.rows))
        fail(ExitUsage, applier->refusal());
}

// --- crons delete ---

QString CronsDeleteCommand::summary() const
{
    return translate("Delete the crons with the given ids, printing each id deleted.");
}

QList<QCommandLineOption> CronsDeleteCommand::options() const
{
    return {option(u"missing-ok"_s, "A cron that does not exist counts as deleted."),
            option(u"confirm"_s,
                   "The profile's name, required to delete more than one cron through a "
                   "profile labelled production.",
                   u"PROFILE"_s)};
}

void CronsDeleteCommand::execute()
{
    m_ids = positionals();
    if (m_ids.isEmpty()) {
        fail(ExitUsage, translate("crons delete needs at least one cron id"));
        return;
    }
    if (!mayMutate(models::MutationKind::Delete, m_ids.size(), parser().value(u"confirm"_s)))
        return;
    deleteNext();
}

void CronsDeleteCommand::deleteNext()
{
    if (m_next >= m_ids.size()) {
        done(m_exitCode);
        return;
    }
    const QString id = m_ids.at(m_next++);
    cronBefore(id, [this, id](const QJsonValue &before) { deleteOne(id, before); });
}

void CronsDeleteCommand::deleteOne(const QString &id, const QJsonValue &before)
{
    auto *request = client()->deleteCron(id);
    journal()->trackDelete(request, id, before);
    request->then(
        this,
        [this, id](const api::Empty &) {
            print(id + u'\n');
            deleteNext();
        },
        [this, id](const api::ApiError &error) {
            if (error.kind == api::ApiError::Kind::NotFound && parser().isSet(u"missing-ok"_s)) {
                print(id + u'\n');
            } else {
                note(id + u": "_s + error.toString());
                if (m_exitCode == 0)
                    m_exitCode = exitCodeFor(error);
            }
            deleteNext();
        });
}

// --- The command table ---

namespace {

struct CommandEntry
{
    const char *words;
    Command *(*make)(QObject *parent);
};

template<typename T>
Command *make(QObject *parent)
{
    return new T(parent);
}

const QList<CommandEntry> &commandTable()
{
    static const QList<CommandEntry> table {
        {"crons list", make<CronsListCommand>},
        {"crons get", make<CronsGetCommand>},
        {"crons count", make<CronsCountCommand>},
        {"crons create", make<CronsCreateCommand>},
        {"crons update", make<CronsUpdateCommand>},
        {"crons delete", make<CronsDeleteCommand>},
        {"crons run", make<CronsRunCommand>},
        {"crons export", make<CronsExportCommand>},
        {"crons upcoming", make<CronsUpcomingCommand>},
        {"assistants list", make<AssistantsListCommand>},
        {"threads list", make<ThreadsListCommand>},
        {"info", make<InfoCommand>},
        {"snapshot save", make<SnapshotSaveCommand>},
        {"diff", make<DiffCommand>},
        {"audit", make<AuditCommand>},
        {"journal list", make<JournalListCommand>},
        {"journal undo", make<JournalUndoCommand>},
    };
    return table;
}

} // namespace

Command *createCommand(const QStringList &words, QObject *parent)
{
    for (const CommandEntry &entry : commandTable()) {
        const QStringList entryWords = QString::fromLatin1(entry.words).split(u' ');
        if (words.mid(0, entryWords.size()) == entryWords)
            return entry.make(parent);
    }
    return nullptr;
}

QStringList commandNames()
{
    QStringList names;
    for (const CommandEntry &entry : commandTable())
        names.append(QString::fromLatin1(entry.words));
    return names;
}

QStringList valueOptionNames()
{
    static const QStringList names = [] {
        QStringList result;
        QList<QCommandLineOption> all = globalOptions();
        // Every command's options, from a throwaway instance of each.
        QObject scratch;
        for (const CommandEntry &entry : commandTable())
            all += entry.make(&scratch)->commandOptions();
        for (const QCommandLineOption &option : std::as_const(all)) {
            if (option.valueName().isEmpty())
                continue;
            for (const QString &name : option.names())
                result.append((name.size() == 1 ? u"-"_s : u"--"_s) + name);
        }
        result.removeDuplicates();
        return result;
    }();
    return names;
}

} // namespace crondesk::cli
