#include "cronvalidation.h"

#include "draft_p.h"
#include "jsonschemacheck.h"

#include <models/api/assistant.h>
#include <models/api/cronwrite.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QJsonArray>
#include <QTimeZone>
#include <QUrl>

#include <chrono>

using namespace Qt::StringLiterals;

namespace crondesk::models {

using detail::tr;

namespace {

constexpr qsizetype MaxWebhookLength = 65536;

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
        if (!m_context.fields.isEmpty()) {
            m_problems.removeIf([this](const DraftProblem &problem) {
                return !m_context.fields.contains(problem.field);
            });
        }
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
                  tr("“%1” never fires: no date matches it (such as 30 February).")
                      .arg(m_draft.schedule));
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
                  tr("“%1” is not an IANA time zone name the server accepts (such as "
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
            const QString &text = m_draft.jsonText(field);
            const JsonText parsed = parseJsonText(text);
            if (!parsed.isValid) {
                error(field,
                      tr("The text is not valid JSON at line %1, column %2: %3.")
                          .arg(parsed.position.line)
                          .arg(parsed.position.column)
                          .arg(parsed.message),
                      parsed.position);
                continue;
            }
            if (parsed.isEmpty) {
                if (editing() && m_context.original
                    && !m_context.original->jsonText(field).trimmed().isEmpty()) {
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
            if (!value.isObject() && !value.isArray()) {
                // The server takes an object or a list of them; anything else would not be sent.
                error(field, tr("Input must be a JSON object ({...}) or a list of objects."),
                      {1, 1});
                return;
            }
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
                error(field, problem, at({QString(api::correlationMetadataKey)}));
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
        const QJsonObject before = original.jsonValue(DraftField::Metadata).toObject();
        const QJsonValue afterValue = m_draft.jsonValue(DraftField::Metadata);
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

} // namespace

QString correlationKeyProblem(const QJsonObject &metadata, const QJsonObject &original)
{
    constexpr auto key = api::correlationMetadataKey;
    if (!metadata.contains(key)
        || (original.contains(key) && original.value(key) == metadata.value(key)))
        return {};
    return tr("The metadata key “%1” is reserved: Cron Desk puts it on each cron it creates to "
              "find out, after a lost answer, whether the cron was made. Remove it.")
        .arg(key);
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

} // namespace crondesk::models
