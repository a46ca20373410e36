#include "crondraft.h"

#include "draft_p.h"

#include <models/api/cronwrite.h>
#include <models/common/jsontext.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::models {

using detail::tr;

namespace {

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
    return compactJson(value);
}

} // namespace

namespace detail {

// One translation context for the editor's rules, as lupdate sees it.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CronDraft)
};

QString tr(const char *text)
{
    return Tr::tr(text);
}

} // namespace detail

const QStringList &streamModeNames()
{
    static const QStringList names
        = {u"values"_s,  u"messages"_s, u"messages-tuple"_s, u"tasks"_s, u"checkpoints"_s,
           u"updates"_s, u"events"_s,   u"debug"_s,          u"custom"_s};
    return names;
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
        const std::optional<QTimeZone> zone = schedule::resolveZone(cron.timezone);
        const QDateTime local = cron.endTime.toTimeZone(zone.value_or(QTimeZone::utc()));
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
    if (parsed.isValid && parsed.value.toObject().contains(api::correlationMetadataKey)) {
        QJsonObject object = parsed.value.toObject();
        object.remove(api::correlationMetadataKey);
        draft.metadata = object.isEmpty() ? QString() : formatJson(object);
    }
    return draft;
}

const QString &CronDraft::jsonText(DraftField field) const
{
    switch (field) {
    case DraftField::Input:
        return input;
    case DraftField::Config:
        return config;
    case DraftField::Context:
        return context;
    default:
        return metadata;
    }
}

QJsonValue CronDraft::jsonValue(DraftField field) const
{
    const JsonText parsed = parseJsonText(jsonText(field));
    return parsed.isValid && !parsed.isEmpty ? parsed.value : QJsonValue(QJsonValue::Undefined);
}

} // namespace crondesk::models
