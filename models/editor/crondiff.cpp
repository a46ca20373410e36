#include "crondiff.h"

#include "cronmapping.h"
#include "draft_p.h"

#include <models/common/jsontext.h>

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::models {

using detail::tr;

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
        const QJsonValue value = draft.jsonValue(field);
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
    const api::CronPatch patch = toCronPatch(original, edited);
    QList<FieldChange> changes;
    for (const DraftField field : patchableFields()) {
        if (!sends(patch, field))
            continue;
        if (field == DraftField::Metadata) {
            // As the server stores it: each key sent replaces that key's value, nothing else.
            const QJsonObject before = original.jsonValue(field).toObject();
            for (auto it = patch.metadata->begin(); it != patch.metadata->end(); ++it) {
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
    const QJsonObject before = original.jsonValue(DraftField::Metadata).toObject();
    const QJsonValue after = edited.jsonValue(DraftField::Metadata);
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
