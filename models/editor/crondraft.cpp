#include "crondraft.h"

#include "jsonschemacheck.h"

#include <models/api/assistant.h>
#include <models/api/timestamp.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrl>

#include <chrono>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// One translation context for the whole file, as lupdate sees it.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CronDraft)
};

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return Tr::tr(text, disambiguation, n);
}

constexpr qsizetype MaxWebhookLength = 65536;

// "Not sent". QJsonValue() is null, which the server would read as a value.
const QJsonValue Unset(QJsonValue::Undefined);

// The correlation key a create-with-check puts into metadata; a clone must not copy it, or the
// check after an ambiguous failure would find the original.
constexpr auto CorrelationKey = api::correlationMetadataKey;

const QStringList &streamModeNames()
{
    static const QStringList names
        = {u"values"_s,  u"messages"_s, u"messages-tuple"_s, u"tasks"_s, u"checkpoints"_s,
           u"updates"_s, u"events"_s,   u"debug"_s,          u"custom"_s};
    return names;
}

const QStringList &multitaskNames()
{
    static const QStringList names = {u"reject"_s, u"rollback"_s, u"interrupt"_s, u"enqueue"_s};
    return names;
}

const QStringList &durabilityNames()
{
    static const QStringList names = {u"sync"_s, u"async"_s, u"exit"_s};
    return names;
}

const QStringList &onCompletionNames()
{
    static const QStringList names = {u"delete"_s, u"keep"_s};
    return names;
}

// Metadata keys the server silently drops (api-contract §1).
const QStringList &reservedMetadataKeys()
{
    static const QStringList names = {u"thread_id"_s, u"assistant_id"_s, u"run_id"_s, u"cron_id"_s};
    return names;
}

QString stringValue(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

// JSON text for an editor: indented objects and arrays; a stray scalar (which the server would
// have rejected, but a payload written by another client might hold) in its compact form.
QString jsonToText(const QJsonValue &value)
{
    if (value.isObject() || value.isArray())
        return formatJson(value);
    if (value.isUndefined() || value.isNull())
        return {};
    QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return jsonToText(value);
}

QJsonValue parsedOrUndefined(const QString &text)
{
    const JsonText parsed = parseJsonText(text);
    return parsed.isValid && !parsed.isEmpty ? parsed.value : Unset;
}

QTimeZone zoneOf(const QString &name)
{
    return schedule::resolveZone(name).value_or(QTimeZone());
}

const QString &jsonTextOf(const CronDraft &draft, DraftField field)
{
    switch (field) {
    case DraftField::Input:
        return draft.input;
    case DraftField::Config:
        return draft.config;
    case DraftField::Context:
        return draft.context;
    default:
        return draft.metadata;
    }
}

// Collects problems for one draft.
class Validator final
{
public:
    Validator(const CronDraft &draft, const ValidationContext &context)
        : m_draft(draft)
        , m_context(context)
    { }

    QList<DraftProblem> run()
    {
        if (m_context.mode == ValidationContext::Mode::Create)
            checkTarget();
        checkSchedule();
        checkTimezone();
        checkEndTime();
        checkJson();
        checkInterrupts(DraftField::InterruptBefore, m_draft.interruptBefore);
        checkInterrupts(DraftField::InterruptAfter, m_draft.interruptAfter);
        checkWebhook();
        checkChoices();
        checkEditOnly();
        return m_problems;
    }

private:
    bool editing() const { return m_context.mode == ValidationContext::Mode::Edit; }

    void error(DraftField field, const QString &message, TextPosition position = {})
    {
        m_problems.append({field, DraftProblem::Severity::Error, message, position});
    }

    void warning(DraftField field, const QString &message, TextPosition position = {})
    {
        m_problems.append({field, DraftProblem::Severity::Warning, message, position});
    }

    void checkTarget()
    {
        const QString assistant = m_draft.assistant.trimmed();
        if (assistant.isEmpty())
            error(DraftField::Assistant, tr("Choose an assistant, or type a graph name."));
        else if (assistant != m_draft.assistant)
            error(DraftField::Assistant,
                  tr("The assistant has white space around it; the server would not find it."));
        if (!m_draft.isThreadBound() || m_draft.createThread)
            return;
        const QString thread = m_draft.threadId.trimmed();
        if (thread.isEmpty())
            error(DraftField::Thread,
                  tr("Choose a thread, paste a thread id, or choose to create a new thread."));
        else if (!api::isUuid(thread))
            error(DraftField::Thread,
                  tr("\"%1\" is not a thread id: thread ids are UUIDs such as "
                     "1ef3cefa-4c09-6926-96d0-3dc97fd5e39b.")
                      .arg(thread));
    }

    void checkSchedule()
    {
        if (m_draft.schedule.trimmed().isEmpty()) {
            error(DraftField::Schedule, tr("Enter a schedule, or pick a preset."));
            return;
        }
        schedule::ParseError parseError;
        const auto expression = schedule::CronExpression::parse(m_draft.schedule, &parseError);
        if (!expression.isValid()) {
            error(DraftField::Schedule, parseError.message, {1, std::max(1, parseError.column)});
            return;
        }
        if (expression.neverFires()) {
            error(DraftField::Schedule,
                  tr("This schedule never fires: no date matches it (such as 30 February)."));
            return;
        }
        const auto interval = expression.shortestInterval();
        if (interval > std::chrono::seconds(0) && interval < std::chrono::minutes(5)) {
            const qint64 seconds = interval.count();
            const QString every
                = seconds < 60 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60);
            warning(DraftField::Schedule,
                    tr("This runs as often as every %1, that is up to %2 runs a day. Each run "
                       "costs model calls and compute; check that this is intended.")
                        .arg(every)
                        .arg(86400 / seconds));
        }
        const QStringList portability = expression.portabilityWarnings();
        for (const QString &text : portability)
            warning(DraftField::Schedule, text);
    }

    void checkTimezone()
    {
        const QString zone = m_draft.timezone;
        if (zone.isEmpty())
            return;
        if (zone.trimmed() != zone) {
            error(DraftField::Timezone, tr("The time zone has white space around it."));
            return;
        }
        if (!schedule::isValidZoneName(zone))
            error(DraftField::Timezone,
                  tr("\"%1\" is not an IANA time zone name the server accepts (such as "
                     "Europe/Berlin or America/New_York); fixed offsets like UTC+02:00 are not "
                     "accepted.")
                      .arg(zone));
    }

    void checkEndTime()
    {
        if (!m_draft.endTime.isValid())
            return;
        const std::optional<QTimeZone> zone = schedule::resolveZone(m_draft.timezone);
        if (!zone)
            return; // the time zone error says it all
        const QDateTime instant = m_draft.endInstant();
        const QDateTime local = instant.toTimeZone(*zone);
        if (local.time() != m_draft.endTime.time() || local.date() != m_draft.endTime.date()) {
            warning(DraftField::EndTime,
                    tr("%1 does not exist in %2 (the clocks go forward then); the end time "
                       "will be %3.")
                        .arg(m_draft.endTime.toString(u"yyyy-MM-dd HH:mm"_s),
                             m_draft.timezone.isEmpty() ? u"UTC"_s : m_draft.timezone,
                             local.toString(u"yyyy-MM-dd HH:mm"_s)));
        }
        if (m_context.now.isValid() && instant <= m_context.now) {
            warning(DraftField::EndTime,
                    tr("The end time has passed: the cron will not fire any more."));
        }
    }

    void checkJson()
    {
        for (const DraftField field :
             {DraftField::Input, DraftField::Config, DraftField::Context, DraftField::Metadata}) {
            const QString &text = jsonTextOf(m_draft, field);
            const JsonText parsed = parseJsonText(text);
            if (!parsed.isValid) {
                error(field,
                      tr("Not valid JSON at line %1, column %2: %3.")
                          .arg(parsed.position.line)
                          .arg(parsed.position.column)
                          .arg(parsed.message),
                      parsed.position);
                continue;
            }
            if (parsed.isEmpty) {
                if (editing() && m_context.original
                    && !jsonTextOf(*m_context.original, field).trimmed().isEmpty()) {
                    if (field == DraftField::Metadata)
                        warning(field,
                                tr("The server merges metadata into what it has, so emptying it "
                                   "removes nothing; the existing keys stay."));
                    else
                        warning(field,
                                tr("The server cannot remove %1 from a cron; it will be saved "
                                   "as {} instead.")
                                    .arg(draftFieldLabel(field).toLower()));
                }
                continue;
            }
            checkJsonShape(field, text, parsed.value);
        }
    }

    void checkJsonShape(DraftField field, const QString &text, const QJsonValue &value)
    {
        const auto at = [&text](const JsonPath &path) {
            return locateJsonPath(text, path).value_or(TextPosition {1, 1});
        };
        if (field == DraftField::Input) {
            if (value.isArray()) {
                const QJsonArray array = value.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    if (!array.at(i).isObject()) {
                        const TextPosition position = at({i});
                        error(
                            field,
                            tr("Line %1: an input list may hold only objects.").arg(position.line),
                            position);
                        return;
                    }
                }
            }
            schemaWarnings(field, text, value, m_context.inputSchema);
            return;
        }
        if (!value.isObject()) {
            error(field, tr("%1 must be a JSON object ({...}).").arg(draftFieldLabel(field)),
                  {1, 1});
            return;
        }
        const QJsonObject object = value.toObject();
        if (containsNulKey(object)) {
            error(field, tr("Property names must not contain NUL characters."));
            return;
        }
        if (field == DraftField::Config) {
            // The server's own schema for config (api-contract §2.1); a mismatch is a 422.
            const QJsonValue tags = object.value("tags"_L1);
            bool tagsOk = tags.isUndefined() || tags.isArray();
            if (tags.isArray()) {
                const QJsonArray array = tags.toArray();
                for (const QJsonValue &tag : array)
                    tagsOk = tagsOk && tag.isString();
            }
            if (!tagsOk)
                error(field,
                      tr("Line %1: \"tags\" must be a list of strings.").arg(at({u"tags"_s}).line),
                      at({u"tags"_s}));
            const QJsonValue limit = object.value("recursion_limit"_L1);
            if (!limit.isUndefined()
                && (!limit.isDouble() || limit.toDouble() != double(limit.toInteger())))
                error(field,
                      tr("Line %1: \"recursion_limit\" must be a whole number.")
                          .arg(at({u"recursion_limit"_s}).line),
                      at({u"recursion_limit"_s}));
            const QJsonValue configurable = object.value("configurable"_L1);
            if (!configurable.isUndefined() && !configurable.isObject())
                error(field,
                      tr("Line %1: \"configurable\" must be an object.")
                          .arg(at({u"configurable"_s}).line),
                      at({u"configurable"_s}));
            else if (configurable.isObject() && !m_context.configSchema.isEmpty()) {
                const QList<SchemaIssue> issues
                    = checkJsonSchema(configurable, m_context.configSchema);
                for (const SchemaIssue &issue : issues) {
                    JsonPath path {u"configurable"_s};
                    path.append(issue.path);
                    schemaWarning(field, text, path, issue.message);
                }
            }
        } else if (field == DraftField::Context) {
            schemaWarnings(field, text, value, m_context.contextSchema);
        } else if (field == DraftField::Metadata) {
            QJsonObject original;
            if (editing() && m_context.original)
                original = parseJsonText(m_context.original->metadata).value.toObject();
            if (const QString problem = correlationKeyProblem(object, original); !problem.isEmpty())
                error(field, problem, at({QString(CorrelationKey)}));
            for (const QString &key : reservedMetadataKeys()) {
                if (object.contains(key))
                    warning(field,
                            tr("Line %1: the server silently removes the reserved key \"%2\" "
                               "from metadata.")
                                .arg(at({key}).line)
                                .arg(key),
                            at({key}));
            }
        }
    }

    static bool containsNulKey(const QJsonObject &object)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QChar(0)))
                return true;
            if (it.value().isObject() && containsNulKey(it.value().toObject()))
                return true;
        }
        return false;
    }

    void schemaWarnings(DraftField field, const QString &text, const QJsonValue &value,
                        const QJsonObject &schema)
    {
        if (schema.isEmpty())
            return;
        // An input list is a batch of inputs, each of which should match the schema.
        if (field == DraftField::Input && value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QList<SchemaIssue> issues = checkJsonSchema(array.at(i), schema);
                for (const SchemaIssue &issue : issues) {
                    JsonPath path {i};
                    path.append(issue.path);
                    schemaWarning(field, text, path, issue.message);
                }
            }
            return;
        }
        const QList<SchemaIssue> issues = checkJsonSchema(value, schema);
        for (const SchemaIssue &issue : issues)
            schemaWarning(field, text, issue.path, issue.message);
    }

    void schemaWarning(DraftField field, const QString &text, const JsonPath &path,
                       const QString &message)
    {
        const TextPosition position = locateJsonPath(text, path).value_or(TextPosition {1, 1});
        const QString where = formatJsonPath(path);
        warning(
            field,
            where.isEmpty()
                ? tr("Line %1: the assistant's schema says: %2.").arg(position.line).arg(message)
                : tr("Line %1, %2: the assistant's schema says: %3.")
                      .arg(position.line)
                      .arg(where, message),
            position);
    }

    void checkInterrupts(DraftField field, const InterruptNodes &interrupts)
    {
        if (interrupts.mode != InterruptNodes::Mode::Selected)
            return;
        if (interrupts.nodes.isEmpty()) {
            warning(field, tr("No node is selected, so no run will be interrupted."));
            return;
        }
        QStringList unknown;
        for (const QString &node : interrupts.nodes) {
            if (node.trimmed().isEmpty()) {
                error(field, tr("A node name cannot be empty."));
                return;
            }
            if (node == u"*") {
                error(field, tr("\"*\" cannot be mixed with node names; choose \"All nodes\"."));
                return;
            }
            if (!m_context.graphNodes.isEmpty() && !m_context.graphNodes.contains(node))
                unknown.append(node);
        }
        if (!unknown.isEmpty())
            warning(field,
                    tr("Not a node of the assistant's graph: %1. The run will never stop there.")
                        .arg(unknown.join(u", "_s)));
    }

    void checkWebhook()
    {
        const QString webhook = m_draft.webhook;
        if (webhook.isEmpty()) {
            if (editing() && m_context.original && !m_context.original->webhook.isEmpty())
                error(DraftField::Webhook,
                      tr("The server cannot remove a webhook from a cron. Keep it, or clone the "
                         "cron without it and delete this one."));
            return;
        }
        if (webhook.size() > MaxWebhookLength) {
            error(DraftField::Webhook,
                  tr("The webhook URL is longer than the server's limit of "
                     "65536 characters."));
            return;
        }
        const QUrl url(webhook, QUrl::StrictMode);
        if (webhook.trimmed() != webhook || !url.isValid()) {
            error(DraftField::Webhook, tr("\"%1\" is not a valid URL.").arg(webhook.left(200)));
            return;
        }
        const QString scheme = url.scheme().toLower();
        if (scheme != u"https" && scheme != u"http") {
            error(DraftField::Webhook,
                  tr("The webhook must be an http or https URL, such as "
                     "https://example.com/hooks/cron."));
            return;
        }
        if (url.host().isEmpty()) {
            error(DraftField::Webhook, tr("The webhook URL has no host."));
            return;
        }
        if (scheme == u"http")
            warning(DraftField::Webhook,
                    tr("Plain http: each run's result is sent unencrypted, and servers may "
                       "require https."));
        const QString host = url.host().toLower();
        if (host == u"localhost" || host.startsWith(u"127."_s) || host == u"::1")
            warning(DraftField::Webhook,
                    tr("A loopback address means the server itself; servers from 0.10 refuse "
                       "loopback webhooks by default."));
    }

    void checkChoices()
    {
        if (m_draft.isThreadBound() && !m_draft.multitaskStrategy.isEmpty()
            && !multitaskNames().contains(m_draft.multitaskStrategy))
            error(DraftField::MultitaskStrategy,
                  tr("Unknown multitask strategy \"%1\".").arg(m_draft.multitaskStrategy));
        if (!m_draft.isThreadBound() && !m_draft.onRunCompleted.isEmpty()
            && !onCompletionNames().contains(m_draft.onRunCompleted))
            error(DraftField::OnRunCompleted,
                  tr("Unknown choice \"%1\" for completed runs.").arg(m_draft.onRunCompleted));
        if (!m_draft.durability.isEmpty() && !durabilityNames().contains(m_draft.durability))
            error(DraftField::Durability, tr("Unknown durability \"%1\".").arg(m_draft.durability));
        for (const QString &mode : m_draft.streamModes) {
            if (!streamModeNames().contains(mode)) {
                error(DraftField::StreamMode, tr("Unknown stream mode \"%1\".").arg(mode));
                break;
            }
        }
    }

    void checkEditOnly()
    {
        if (!editing() || !m_context.original)
            return;
        const CronDraft &original = *m_context.original;
        if (!original.enabled && m_draft.enabled)
            warning(DraftField::Enabled,
                    tr("If its next run time passed while it was paused, the cron may fire as "
                       "soon as it is enabled."));
        // Metadata is merged: keys taken out of the text stay on the server.
        const QJsonObject before = parsedOrUndefined(original.metadata).toObject();
        const QJsonValue afterValue = parsedOrUndefined(m_draft.metadata);
        if (!afterValue.isObject() && !m_draft.metadata.trimmed().isEmpty())
            return;
        const QJsonObject after = afterValue.toObject();
        QStringList removed;
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!after.contains(it.key()))
                removed.append(it.key());
        }
        if (!removed.isEmpty() && !m_draft.metadata.trimmed().isEmpty())
            warning(DraftField::Metadata,
                    tr("The server merges metadata, so removed keys stay: %1.")
                        .arg(removed.join(u", "_s)));
    }

    const CronDraft &m_draft;
    const ValidationContext &m_context;
    QList<DraftProblem> m_problems;
};

// What a PATCH sends to bring back the server's default for a field the operator cleared.
QJsonValue clearedValue(DraftField field)
{
    switch (field) {
    case DraftField::Timezone:
        return u"UTC"_s; // the server's "null" and "UTC" mean the same; a PATCH cannot send null
    case DraftField::EndTime:
        return QJsonValue::Null; // the one field PATCH clears with null
    case DraftField::Input:
    case DraftField::Config:
    case DraftField::Context:
        return QJsonObject();
    case DraftField::InterruptBefore:
    case DraftField::InterruptAfter:
        return QJsonArray();
    case DraftField::OnRunCompleted:
        return u"delete"_s;
    case DraftField::StreamMode:
        return QJsonArray {u"values"_s};
    case DraftField::StreamSubgraphs:
    case DraftField::StreamResumable:
        return false;
    case DraftField::Durability:
        return u"async"_s;
    default:
        return Unset;
    }
}

// The fields an edit can change; assistant, thread and multitask strategy are fixed at creation
// (api-contract §2.4: CronPatch has no key for them).
constexpr DraftField PatchableFields[] = {
    DraftField::Schedule,       DraftField::Timezone,        DraftField::EndTime,
    DraftField::Enabled,        DraftField::Input,           DraftField::Config,
    DraftField::Context,        DraftField::Metadata,        DraftField::InterruptBefore,
    DraftField::InterruptAfter, DraftField::Webhook,         DraftField::OnRunCompleted,
    DraftField::StreamMode,     DraftField::StreamSubgraphs, DraftField::StreamResumable,
    DraftField::Durability,
};

QJsonObject changedMetadataKeys(const CronDraft &original, const CronDraft &edited)
{
    const QJsonObject before = parsedOrUndefined(original.metadata).toObject();
    const QJsonObject after = parsedOrUndefined(edited.metadata).toObject();
    QJsonObject changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return changed;
}

std::optional<QString> optionalString(const QJsonObject &body, QLatin1StringView key)
{
    const QJsonValue value = body.value(key);
    return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
}

std::optional<bool> optionalBool(const QJsonObject &body, QLatin1StringView key)
{
    const QJsonValue value = body.value(key);
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

std::optional<QJsonValue> optionalValue(const QJsonObject &body, QLatin1StringView key)
{
    return body.contains(key) ? std::optional<QJsonValue>(body.value(key)) : std::nullopt;
}

std::optional<QJsonObject> optionalObject(const QJsonObject &body, QLatin1StringView key)
{
    const QJsonValue value = body.value(key);
    return value.isObject() ? std::optional<QJsonObject>(value.toObject()) : std::nullopt;
}

// The run parameters CronCreate and CronPatch share, from a body built by createBody() or
// patchBody(), so the value types send exactly what those functions decided.
template<typename Request>
void fillRunFields(Request &request, const QJsonObject &body)
{
    request.input = optionalValue(body, "input"_L1);
    request.metadata = optionalObject(body, "metadata"_L1);
    request.config = optionalObject(body, "config"_L1);
    request.context = optionalObject(body, "context"_L1);
    request.webhook = optionalString(body, "webhook"_L1);
    request.interruptBefore = optionalValue(body, "interrupt_before"_L1);
    request.interruptAfter = optionalValue(body, "interrupt_after"_L1);
    request.onRunCompleted = optionalString(body, "on_run_completed"_L1);
    request.multitaskStrategy = optionalString(body, "multitask_strategy"_L1);
    request.enabled = optionalBool(body, "enabled"_L1);
    request.streamMode = optionalValue(body, "stream_mode"_L1);
    request.streamSubgraphs = optionalBool(body, "stream_subgraphs"_L1);
    request.streamResumable = optionalBool(body, "stream_resumable"_L1);
    request.durability = optionalString(body, "durability"_L1);
    request.timezone = optionalString(body, "timezone"_L1);
}

} // namespace

api::CronCreate toCronCreate(const CronDraft &draft)
{
    const QJsonObject body = createBody(draft);
    api::CronCreate create;
    create.assistantId = draft.assistant;
    create.schedule = draft.schedule;
    fillRunFields(create, body);
    if (body.contains("end_time"_L1))
        create.endTime = draft.endInstant();
    return create;
}

api::CronPatch toCronPatch(const CronDraft &original, const CronDraft &edited)
{
    const QJsonObject body = patchBody(original, edited);
    api::CronPatch patch;
    patch.schedule = optionalString(body, "schedule"_L1);
    fillRunFields(patch, body);
    const QJsonValue endTime = body.value("end_time"_L1);
    if (endTime.isNull())
        patch.clearEndTime = true;
    else if (endTime.isString())
        patch.endTime = edited.endInstant();
    return patch;
}

QString draftFieldLabel(DraftField field)
{
    switch (field) {
    case DraftField::None:
        return tr("Cron");
    case DraftField::Target:
        return tr("Target");
    case DraftField::Assistant:
        return tr("Assistant");
    case DraftField::Thread:
        return tr("Thread");
    case DraftField::Schedule:
        return tr("Schedule");
    case DraftField::Timezone:
        return tr("Time zone");
    case DraftField::EndTime:
        return tr("End time");
    case DraftField::Enabled:
        return tr("Enabled");
    case DraftField::Input:
        return tr("Input");
    case DraftField::Config:
        return tr("Config");
    case DraftField::Context:
        return tr("Context");
    case DraftField::Metadata:
        return tr("Metadata");
    case DraftField::InterruptBefore:
        return tr("Interrupt before");
    case DraftField::InterruptAfter:
        return tr("Interrupt after");
    case DraftField::Webhook:
        return tr("Webhook");
    case DraftField::MultitaskStrategy:
        return tr("Multitask strategy");
    case DraftField::OnRunCompleted:
        return tr("On run completed");
    case DraftField::StreamMode:
        return tr("Stream modes");
    case DraftField::StreamSubgraphs:
        return tr("Stream subgraphs");
    case DraftField::StreamResumable:
        return tr("Resumable stream");
    case DraftField::Durability:
        return tr("Durability");
    case DraftField::Count:
        break;
    }
    return {};
}

QString draftFieldKey(DraftField field)
{
    switch (field) {
    case DraftField::Assistant:
        return u"assistant_id"_s;
    case DraftField::Thread:
        return u"thread_id"_s;
    case DraftField::Schedule:
        return u"schedule"_s;
    case DraftField::Timezone:
        return u"timezone"_s;
    case DraftField::EndTime:
        return u"end_time"_s;
    case DraftField::Enabled:
        return u"enabled"_s;
    case DraftField::Input:
        return u"input"_s;
    case DraftField::Config:
        return u"config"_s;
    case DraftField::Context:
        return u"context"_s;
    case DraftField::Metadata:
        return u"metadata"_s;
    case DraftField::InterruptBefore:
        return u"interrupt_before"_s;
    case DraftField::InterruptAfter:
        return u"interrupt_after"_s;
    case DraftField::Webhook:
        return u"webhook"_s;
    case DraftField::MultitaskStrategy:
        return u"multitask_strategy"_s;
    case DraftField::OnRunCompleted:
        return u"on_run_completed"_s;
    case DraftField::StreamMode:
        return u"stream_mode"_s;
    case DraftField::StreamSubgraphs:
        return u"stream_subgraphs"_s;
    case DraftField::StreamResumable:
        return u"stream_resumable"_s;
    case DraftField::Durability:
        return u"durability"_s;
    case DraftField::None:
    case DraftField::Target:
    case DraftField::Count:
        break;
    }
    return {};
}

DraftField draftFieldFromKey(QStringView key)
{
    if (key.isEmpty())
        return DraftField::None;
    for (int i = int(DraftField::Target); i < int(DraftField::Count); ++i) {
        const auto field = DraftField(i);
        if (draftFieldKey(field) == key)
            return field;
    }
    // Keys inside a field the server may name on its own.
    if (key == u"configurable" || key == u"tags" || key == u"recursion_limit")
        return DraftField::Config;
    if (key == u"assistant" || key == u"graph_id")
        return DraftField::Assistant;
    return DraftField::None;
}

QJsonValue InterruptNodes::toJson() const
{
    switch (mode) {
    case Mode::None:
        break;
    case Mode::All:
        return u"*"_s;
    case Mode::Selected:
        return QJsonArray::fromStringList(nodes);
    }
    return QJsonValue(QJsonValue::Undefined);
}

InterruptNodes InterruptNodes::fromJson(const QJsonValue &value)
{
    InterruptNodes interrupts;
    if (value.isString() && value.toString() == u"*") {
        interrupts.mode = Mode::All;
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        interrupts.mode = Mode::Selected;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &node : array)
            interrupts.nodes.append(node.isString() ? node.toString() : compactJson(node));
    }
    return interrupts;
}

QDateTime CronDraft::endInstant() const
{
    if (!endTime.isValid())
        return {};
    const std::optional<QTimeZone> zone = schedule::resolveZone(timezone);
    if (!zone)
        return {};
    // By the rule fire times follow (docs/schedule-dst.md): the first of a repeated wall time,
    // and a wall time the clocks skip means the instant it would be under the offset before.
    const qint64 wall = QDateTime(endTime.date(), endTime.time(), Qt::UTC).toSecsSinceEpoch();
    const qint64 instant = schedule::ZoneRules::forZone(*zone).instantOfWallTime(wall);
    return QDateTime::fromSecsSinceEpoch(instant, Qt::UTC);
}

CronDraft CronDraft::fromCron(const api::Cron &cron)
{
    const QJsonObject &payload = cron.payload;
    CronDraft draft;
    draft.target = cron.isStateless() ? Target::Stateless : Target::Thread;
    draft.assistant = cron.assistantId.isEmpty() ? stringValue(payload.value("assistant_id"_L1))
                                                 : cron.assistantId;
    draft.threadId = cron.threadId;
    draft.schedule = cron.schedule;
    draft.timezone = cron.timezone;
    if (cron.endTime.isValid()) {
        const QTimeZone zone = zoneOf(cron.timezone);
        const QDateTime local = cron.endTime.toTimeZone(zone.isValid() ? zone : QTimeZone::utc());
        draft.endTime = QDateTime(local.date(), local.time(), Qt::UTC);
    }
    draft.enabled = cron.enabled;
    draft.input = jsonToText(payload.value("input"_L1));
    draft.config = jsonToText(payload.value("config"_L1));
    draft.context = jsonToText(payload.value("context"_L1));
    // The cron's own metadata is what PATCH merges into; the payload copy may lag behind it.
    draft.metadata = !cron.metadata.isEmpty() ? jsonToText(QJsonObject(cron.metadata))
                                              : jsonToText(payload.value("metadata"_L1));
    draft.interruptBefore = InterruptNodes::fromJson(payload.value("interrupt_before"_L1));
    draft.interruptAfter = InterruptNodes::fromJson(payload.value("interrupt_after"_L1));
    draft.webhook = stringValue(payload.value("webhook"_L1));
    if (!cron.isStateless())
        draft.multitaskStrategy = stringValue(payload.value("multitask_strategy"_L1));
    else
        draft.onRunCompleted = !cron.onRunCompleted.isEmpty()
            ? cron.onRunCompleted
            : stringValue(payload.value("on_run_completed"_L1));
    const QJsonValue streamMode = payload.value("stream_mode"_L1);
    if (streamMode.isString()) {
        draft.streamModes = {streamMode.toString()};
    } else if (streamMode.isArray()) {
        const QJsonArray array = streamMode.toArray();
        for (const QJsonValue &mode : array)
            draft.streamModes.append(mode.toString());
    }
    // In the form's order, so reading the form back does not look like an edit.
    std::stable_sort(draft.streamModes.begin(), draft.streamModes.end(),
                     [](const QString &a, const QString &b) {
                         const auto rank = [](const QString &mode) {
                             const qsizetype index = streamModeNames().indexOf(mode);
                             return index < 0 ? streamModeNames().size() : index;
                         };
                         return rank(a) < rank(b);
                     });
    draft.streamSubgraphs = payload.value("stream_subgraphs"_L1).toBool(false);
    draft.streamResumable = payload.value("stream_resumable"_L1).toBool(false);
    draft.durability = stringValue(payload.value("durability"_L1));
    return draft;
}

CronDraft CronDraft::cloneOf(const api::Cron &cron)
{
    return fromCron(cron).withoutCorrelationKey();
}

CronDraft CronDraft::withoutCorrelationKey() const
{
    CronDraft draft = *this;
    const JsonText parsed = parseJsonText(draft.metadata);
    if (parsed.isValid && parsed.value.toObject().contains(CorrelationKey)) {
        QJsonObject object = parsed.value.toObject();
        object.remove(CorrelationKey);
        draft.metadata = object.isEmpty() ? QString() : formatJson(object);
    }
    return draft;
}

QString correlationKeyProblem(const QJsonObject &metadata, const QJsonObject &original)
{
    if (!metadata.contains(CorrelationKey)
        || (original.contains(CorrelationKey)
            && original.value(CorrelationKey) == metadata.value(CorrelationKey)))
        return {};
    return QCoreApplication::translate(
               "CronDraft",
               "The metadata key “%1” is reserved: Cron Desk puts it on each cron it creates to "
               "find out, after a lost answer, whether the cron was made. Remove it.")
        .arg(CorrelationKey);
}

QList<DraftProblem> validate(const CronDraft &draft, const ValidationContext &context)
{
    return Validator(draft, context).run();
}

bool hasErrors(const QList<DraftProblem> &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const DraftProblem &problem) { return problem.isError(); });
}

QJsonValue wireValue(const CronDraft &draft, DraftField field)
{
    switch (field) {
    case DraftField::Assistant:
        return draft.assistant;
    case DraftField::Schedule:
        return draft.schedule;
    case DraftField::Timezone:
        return draft.timezone.isEmpty() ? Unset : QJsonValue(draft.timezone);
    case DraftField::EndTime: {
        const QDateTime instant = draft.endInstant();
        return instant.isValid() ? QJsonValue(api::formatTimestamp(instant)) : Unset;
    }
    case DraftField::Enabled:
        return draft.enabled;
    case DraftField::Input:
    case DraftField::Config:
    case DraftField::Context:
    case DraftField::Metadata:
        return parsedOrUndefined(jsonTextOf(draft, field));
    case DraftField::InterruptBefore:
        return draft.interruptBefore.toJson();
    case DraftField::InterruptAfter:
        return draft.interruptAfter.toJson();
    case DraftField::Webhook:
        return draft.webhook.isEmpty() ? Unset : QJsonValue(draft.webhook);
    case DraftField::MultitaskStrategy:
        return draft.isThreadBound() && !draft.multitaskStrategy.isEmpty()
            ? QJsonValue(draft.multitaskStrategy)
            : Unset;
    case DraftField::OnRunCompleted:
        return !draft.isThreadBound() && !draft.onRunCompleted.isEmpty()
            ? QJsonValue(draft.onRunCompleted)
            : Unset;
    case DraftField::StreamMode:
        return draft.streamModes.isEmpty()
            ? Unset
            : QJsonValue(QJsonArray::fromStringList(draft.streamModes));
    case DraftField::StreamSubgraphs:
        return draft.streamSubgraphs ? QJsonValue(true) : Unset;
    case DraftField::StreamResumable:
        return draft.streamResumable ? QJsonValue(true) : Unset;
    case DraftField::Durability:
        return draft.durability.isEmpty() ? Unset : QJsonValue(draft.durability);
    case DraftField::None:
    case DraftField::Target:
    case DraftField::Thread:
    case DraftField::Count:
        break;
    }
    return Unset;
}

QJsonObject createBody(const CronDraft &draft)
{
    QJsonObject body;
    for (int i = int(DraftField::Target); i < int(DraftField::Count); ++i) {
        const auto field = DraftField(i);
        const QJsonValue value = wireValue(draft, field);
        if (!value.isUndefined())
            body.insert(draftFieldKey(field), value);
    }
    return body;
}

QJsonObject patchBody(const CronDraft &original, const CronDraft &edited)
{
    QJsonObject body;
    for (const DraftField field : PatchableFields) {
        if (field == DraftField::OnRunCompleted && edited.isThreadBound())
            continue;
        const QJsonValue before = wireValue(original, field);
        const QJsonValue after = wireValue(edited, field);
        if (before == after)
            continue;
        if (field == DraftField::Metadata) {
            const QJsonObject changed = changedMetadataKeys(original, edited);
            if (!changed.isEmpty())
                body.insert(draftFieldKey(field), changed);
            continue;
        }
        if (field == DraftField::Webhook && after.isUndefined())
            continue; // cannot be removed; validate() says so
        body.insert(draftFieldKey(field), after.isUndefined() ? clearedValue(field) : after);
    }
    return body;
}

QString displayValue(const CronDraft &draft, DraftField field)
{
    const auto orDefault = [](const QString &value, const QString &fallback) {
        return value.isEmpty() ? fallback : value;
    };
    const auto interrupts = [](const InterruptNodes &nodes) {
        switch (nodes.mode) {
        case InterruptNodes::Mode::None:
            break;
        case InterruptNodes::Mode::All:
            return tr("all nodes (*)");
        case InterruptNodes::Mode::Selected:
            return nodes.nodes.isEmpty() ? tr("none") : nodes.nodes.join(u", "_s);
        }
        return tr("none");
    };
    switch (field) {
    case DraftField::Target:
        return draft.isThreadBound() ? tr("thread") : tr("stateless (a new thread per run)");
    case DraftField::Assistant:
        return draft.assistant;
    case DraftField::Thread:
        return draft.createThread ? tr("a new thread") : draft.threadId;
    case DraftField::Schedule:
        return draft.schedule;
    case DraftField::Timezone:
        return orDefault(draft.timezone, tr("UTC (server default)"));
    case DraftField::EndTime:
        return draft.endTime.isValid() ? draft.endTime.toString(u"yyyy-MM-dd HH:mm"_s) + u' '
                + orDefault(draft.timezone, u"UTC"_s)
                                       : tr("none");
    case DraftField::Enabled:
        return draft.enabled ? tr("enabled") : tr("paused");
    case DraftField::Input:
    case DraftField::Config:
    case DraftField::Context:
    case DraftField::Metadata: {
        const QJsonValue value = parsedOrUndefined(jsonTextOf(draft, field));
        return value.isUndefined() ? tr("none") : compactJson(value);
    }
    case DraftField::InterruptBefore:
        return interrupts(draft.interruptBefore);
    case DraftField::InterruptAfter:
        return interrupts(draft.interruptAfter);
    case DraftField::Webhook:
        return orDefault(draft.webhook, tr("none"));
    case DraftField::MultitaskStrategy:
        return orDefault(draft.multitaskStrategy, tr("server default (enqueue)"));
    case DraftField::OnRunCompleted:
        return orDefault(draft.onRunCompleted, tr("server default (delete)"));
    case DraftField::StreamMode:
        return draft.streamModes.isEmpty() ? tr("server default (values)")
                                           : draft.streamModes.join(u", "_s);
    case DraftField::StreamSubgraphs:
        return draft.streamSubgraphs ? tr("yes") : tr("no");
    case DraftField::StreamResumable:
        return draft.streamResumable ? tr("yes") : tr("no");
    case DraftField::Durability:
        return orDefault(draft.durability, tr("server default (async)"));
    case DraftField::None:
    case DraftField::Count:
        break;
    }
    return {};
}

QList<FieldChange> diff(const CronDraft &original, const CronDraft &edited)
{
    const QJsonObject body = patchBody(original, edited);
    QList<FieldChange> changes;
    for (const DraftField field : PatchableFields) {
        const QString key = draftFieldKey(field);
        if (!body.contains(key))
            continue;
        if (field == DraftField::Metadata) {
            // As the server stores it: each key sent replaces that key's value, nothing else.
            const QJsonObject before = parsedOrUndefined(original.metadata).toObject();
            const QJsonObject sent = body.value(key).toObject();
            for (auto it = sent.begin(); it != sent.end(); ++it) {
                const QJsonValue old = before.value(it.key());
                changes.append({field, old.isUndefined() ? tr("not set") : compactJson(old),
                                compactJson(it.value()), it.key()});
            }
            continue;
        }
        changes.append({field, displayValue(original, field), displayValue(edited, field)});
    }
    return changes;
}

QStringList keptMetadataKeys(const CronDraft &original, const CronDraft &edited)
{
    const QJsonObject before = parsedOrUndefined(original.metadata).toObject();
    const QJsonValue after = parsedOrUndefined(edited.metadata);
    // Text that does not parse sends nothing at all; validate() blocks it anyway.
    if (!after.isObject() && !edited.metadata.trimmed().isEmpty())
        return {};
    QStringList kept;
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.toObject().contains(it.key()))
            kept.append(it.key());
    }
    return kept; // QJsonObject iterates in key order
}

} // namespace crondesk::models
