#include "cronmapping.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// The fields of a draft that go into a request body besides the assistant (and the thread, which
// goes in the path), in form order.
constexpr DraftField RequestFields[] = {
    DraftField::Schedule,        DraftField::Timezone,   DraftField::EndTime,
    DraftField::Enabled,         DraftField::Input,      DraftField::Config,
    DraftField::Context,         DraftField::Metadata,   DraftField::InterruptBefore,
    DraftField::InterruptAfter,  DraftField::Webhook,    DraftField::MultitaskStrategy,
    DraftField::OnRunCompleted,  DraftField::StreamMode, DraftField::StreamSubgraphs,
    DraftField::StreamResumable, DraftField::Durability,
};

std::optional<QJsonObject> objectOf(const CronDraft &draft, DraftField field)
{
    const QJsonValue value = draft.jsonValue(field);
    return value.isObject() ? std::optional<QJsonObject>(value.toObject()) : std::nullopt;
}

// Whether the draft gives `field` a value of its own, rather than leaving it to the server.
bool hasValue(const CronDraft &draft, DraftField field)
{
    switch (field) {
    case DraftField::Schedule:
    case DraftField::Enabled:
    case DraftField::StreamSubgraphs:
    case DraftField::StreamResumable:
        return true;
    case DraftField::Timezone:
        return !draft.timezone.isEmpty();
    case DraftField::EndTime:
        return draft.endInstant().isValid();
    case DraftField::Input: {
        const QJsonValue input = draft.jsonValue(field);
        return input.isObject() || input.isArray();
    }
    case DraftField::Config:
    case DraftField::Context:
    case DraftField::Metadata:
        return objectOf(draft, field).has_value();
    case DraftField::InterruptBefore:
        return draft.interruptBefore.mode != InterruptNodes::Mode::None;
    case DraftField::InterruptAfter:
        return draft.interruptAfter.mode != InterruptNodes::Mode::None;
    case DraftField::Webhook:
        return !draft.webhook.isEmpty();
    case DraftField::MultitaskStrategy:
        return !draft.multitaskStrategy.isEmpty();
    case DraftField::OnRunCompleted:
        return !draft.onRunCompleted.isEmpty();
    case DraftField::StreamMode:
        return !draft.streamModes.isEmpty();
    case DraftField::Durability:
        return !draft.durability.isEmpty();
    default:
        return false;
    }
}

// Puts the draft's value of `field` on the request (a CronCreate or a CronPatch: the run
// parameters have the same names in both). The field must have a value.
template<typename Request>
void setValue(Request &request, const CronDraft &draft, DraftField field)
{
    switch (field) {
    case DraftField::Schedule:
        request.schedule = draft.schedule;
        break;
    case DraftField::Timezone:
        request.timezone = draft.timezone;
        break;
    case DraftField::EndTime:
        request.endTime = draft.endInstant();
        break;
    case DraftField::Enabled:
        request.enabled = draft.enabled;
        break;
    case DraftField::Input:
        request.input = draft.jsonValue(field);
        break;
    case DraftField::Config:
        request.config = objectOf(draft, field);
        break;
    case DraftField::Context:
        request.context = objectOf(draft, field);
        break;
    case DraftField::Metadata:
        request.metadata = objectOf(draft, field);
        break;
    case DraftField::InterruptBefore:
        request.interruptBefore = draft.interruptBefore.toJson();
        break;
    case DraftField::InterruptAfter:
        request.interruptAfter = draft.interruptAfter.toJson();
        break;
    case DraftField::Webhook:
        request.webhook = draft.webhook;
        break;
    case DraftField::MultitaskStrategy:
        request.multitaskStrategy = draft.multitaskStrategy;
        break;
    case DraftField::OnRunCompleted:
        request.onRunCompleted = draft.onRunCompleted;
        break;
    case DraftField::StreamMode:
        request.streamMode = QJsonArray::fromStringList(draft.streamModes);
        break;
    case DraftField::StreamSubgraphs:
        request.streamSubgraphs = draft.streamSubgraphs;
        break;
    case DraftField::StreamResumable:
        request.streamResumable = draft.streamResumable;
        break;
    case DraftField::Durability:
        request.durability = draft.durability;
        break;
    default:
        break;
    }
}

// Brings back the server's default for a field the PATCH clears. False when PATCH cannot: a
// webhook cannot be removed, metadata is merged, the multitask strategy is fixed.
bool setCleared(api::CronPatch &patch, DraftField field)
{
    switch (field) {
    case DraftField::Timezone:
        // The server's "null" and "UTC" mean the same; a PATCH cannot send null.
        patch.timezone = u"UTC"_s;
        return true;
    case DraftField::EndTime:
        patch.clearEndTime = true; // the one field PATCH clears with null
        return true;
    case DraftField::Input:
        patch.input = QJsonObject();
        return true;
    case DraftField::Config:
        patch.config = QJsonObject();
        return true;
    case DraftField::Context:
        patch.context = QJsonObject();
        return true;
    case DraftField::InterruptBefore:
        patch.interruptBefore = QJsonArray();
        return true;
    case DraftField::InterruptAfter:
        patch.interruptAfter = QJsonArray();
        return true;
    case DraftField::OnRunCompleted:
        patch.onRunCompleted = u"delete"_s;
        return true;
    case DraftField::StreamMode:
        patch.streamMode = QJsonArray {u"values"_s};
        return true;
    case DraftField::Durability:
        patch.durability = u"async"_s;
        return true;
    default:
        return false;
    }
}

void setOrClear(api::CronPatch &patch, const CronDraft &draft, DraftField field)
{
    if (hasValue(draft, field))
        setValue(patch, draft, field);
    else
        setCleared(patch, field);
}

// Whether `field` holds the same value in both drafts, as the server would store it: compared
// as each would be sent (JSON by value, so reformatting is no change; the end time by its
// instant), once both have a value or both leave it to the server.
bool sameValue(const CronDraft &a, const CronDraft &b, DraftField field)
{
    return hasValue(a, field) == hasValue(b, field)
        && toCronPatch(a, QList<DraftField> {field}) == toCronPatch(b, QList<DraftField> {field});
}

// The metadata keys `edited` adds or changes: all a merging PATCH needs to send.
QJsonObject changedMetadataKeys(const CronDraft &original, const CronDraft &edited)
{
    const QJsonObject before = original.jsonValue(DraftField::Metadata).toObject();
    const QJsonObject after = edited.jsonValue(DraftField::Metadata).toObject();
    QJsonObject changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return changed;
}

} // namespace

const QList<DraftField> &patchableFields()
{
    static const QList<DraftField> fields = {
        DraftField::Schedule,       DraftField::Timezone,        DraftField::EndTime,
        DraftField::Enabled,        DraftField::Input,           DraftField::Config,
        DraftField::Context,        DraftField::Metadata,        DraftField::InterruptBefore,
        DraftField::InterruptAfter, DraftField::Webhook,         DraftField::OnRunCompleted,
        DraftField::StreamMode,     DraftField::StreamSubgraphs, DraftField::StreamResumable,
        DraftField::Durability,
    };
    return fields;
}

api::CronCreate toCronCreate(const CronDraft &draft)
{
    QList<DraftField> fields;
    for (const DraftField field : RequestFields) {
        if (field == DraftField::MultitaskStrategy && !draft.isThreadBound())
            continue;
        if (field == DraftField::OnRunCompleted && draft.isThreadBound())
            continue;
        // Off is the server's default for the stream flags: only "on" is said.
        if ((field == DraftField::StreamSubgraphs && !draft.streamSubgraphs)
            || (field == DraftField::StreamResumable && !draft.streamResumable))
            continue;
        fields.append(field);
    }
    return toCronCreate(draft, fields);
}

api::CronCreate toCronCreate(const CronDraft &draft, const QList<DraftField> &fields)
{
    api::CronCreate create;
    create.assistantId = draft.assistant;
    create.schedule = draft.schedule;
    for (const DraftField field : fields) {
        if (hasValue(draft, field))
            setValue(create, draft, field);
    }
    return create;
}

api::CronPatch toCronPatch(const CronDraft &original, const CronDraft &edited)
{
    api::CronPatch patch;
    for (const DraftField field : patchableFields()) {
        if (field == DraftField::OnRunCompleted && edited.isThreadBound())
            continue;
        if (sameValue(original, edited, field))
            continue;
        if (field == DraftField::Metadata) {
            const QJsonObject changed = changedMetadataKeys(original, edited);
            if (!changed.isEmpty())
                patch.metadata = changed;
            continue;
        }
        setOrClear(patch, edited, field);
    }
    return patch;
}

api::CronPatch toCronPatch(const CronDraft &draft, const QList<DraftField> &fields)
{
    api::CronPatch patch;
    for (const DraftField field : fields)
        setOrClear(patch, draft, field);
    return patch;
}

// Read from the body itself (the value types send exactly what is set), so that the review and
// the diff can never list a field the request leaves out, or miss one it carries.
bool sends(const api::CronCreate &create, DraftField field)
{
    return field != DraftField::None && create.toJson().contains(draftFieldKey(field));
}

bool sends(const api::CronPatch &patch, DraftField field)
{
    return field != DraftField::None && patch.toJson().contains(draftFieldKey(field));
}

} // namespace crondesk::models
