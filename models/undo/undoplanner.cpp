#include "undoplanner.h"

#include <models/api/timestamp.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("UndoPlanner", text, nullptr, n);
}

// The run parameters a cron keeps in its payload (api-contract §3), which a PATCH can set.
const QList<QLatin1StringView> &runKeys()
{
    static const QList<QLatin1StringView> keys {"input"_L1,
                                                "config"_L1,
                                                "context"_L1,
                                                "webhook"_L1,
                                                "interrupt_before"_L1,
                                                "interrupt_after"_L1,
                                                "multitask_strategy"_L1,
                                                "stream_mode"_L1,
                                                "stream_subgraphs"_L1,
                                                "stream_resumable"_L1,
                                                "durability"_L1};
    return keys;
}

const QList<QLatin1StringView> &topLevelKeys()
{
    static const QList<QLatin1StringView> keys {"schedule"_L1, "timezone"_L1, "end_time"_L1,
                                                "enabled"_L1, "on_run_completed"_L1};
    return keys;
}

QString display(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return tr("not set");
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    }
    return {};
}

// The text ChangeJournal::bounded() puts where a value was too large to record.
bool isNotRecorded(const QJsonValue &value)
{
    return value.isString() && value.toString().startsWith("[not recorded:"_L1);
}

// The first member of `object` (one level deep, and in payload and metadata) that the journal
// did not record, as "payload" or "payload › input"; empty when everything is there.
QString unrecordedMember(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isNotRecorded(it.value()))
            return it.key() + u" ("_s + it.value().toString() + u')';
        if (it.value().isObject()) {
            const QJsonObject inner = it.value().toObject();
            for (auto in = inner.begin(); in != inner.end(); ++in) {
                if (isNotRecorded(in.value()))
                    return it.key() + u" › "_s + in.key() + u" ("_s + in.value().toString() + u')';
            }
        }
    }
    return {};
}

bool isAbsent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined()
        || (value.isString() && value.toString().isEmpty());
}

// Equal as the server means them: instants as instants, empty as absent.
bool sameValue(const QString &key, const QJsonValue &a, const QJsonValue &b)
{
    if (isAbsent(a) || isAbsent(b))
        return isAbsent(a) && isAbsent(b);
    if (key == "end_time"_L1 && a.isString() && b.isString())
        return api::parseTimestamp(a.toString()) == api::parseTimestamp(b.toString());
    return a == b;
}

QString conflictText(const QString &field, const QString &action, const QJsonValue &set,
                     const QJsonValue &now)
{
    return tr("%1 was changed since: the %2 set “%3”, it is now “%4”.")
        .arg(field, action, display(set), display(now));
}

QString stamp(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) + u" UTC"_s;
}

QString normalUrl(QString url)
{
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

UndoPlan refused(UndoPlan plan, const QString &reason)
{
    plan.step = UndoPlan::Step::None;
    plan.refusal = reason;
    return plan;
}

// Sets one field of `patch` from its wire name and value (the value it had before).
void setPatchField(api::CronPatch &patch, const QString &key, const QJsonValue &value)
{
    if (key == "schedule"_L1)
        patch.schedule = value.toString();
    else if (key == "timezone"_L1)
        patch.timezone = value.toString();
    else if (key == "end_time"_L1) {
        if (isAbsent(value))
            patch.clearEndTime = true;
        else
            patch.endTime = api::parseTimestamp(value.toString());
    } else if (key == "enabled"_L1)
        patch.enabled = value.toBool();
    else if (key == "on_run_completed"_L1)
        patch.onRunCompleted = value.toString();
    else if (key == "input"_L1)
        patch.input = value;
    else if (key == "config"_L1)
        patch.config = value.toObject();
    else if (key == "context"_L1)
        patch.context = value.toObject();
    else if (key == "webhook"_L1)
        patch.webhook = value.toString();
    else if (key == "interrupt_before"_L1)
        patch.interruptBefore = value;
    else if (key == "interrupt_after"_L1)
        patch.interruptAfter = value;
    else if (key == "multitask_strategy"_L1)
        patch.multitaskStrategy = value.toString();
    else if (key == "stream_mode"_L1)
        patch.streamMode = value;
    else if (key == "stream_subgraphs"_L1)
        patch.streamSubgraphs = value.toBool();
    else if (key == "stream_resumable"_L1)
        patch.streamResumable = value.toBool();
    else if (key == "durability"_L1)
        patch.durability = value.toString();
}

// Whether a PATCH can give `key` the value `before` (no field can be sent as null but end_time,
// and a timezone of "not set" is the server's default, UTC).
bool canSetBack(const QString &key, const QJsonValue &before)
{
    if (!isAbsent(before))
        return true;
    return key == "end_time"_L1 || key == "timezone"_L1;
}

UndoPlan planRevert(UndoPlan plan, const JournalEntry &entry, const UndoInputs &inputs)
{
    if (!inputs.current)
        return refused(plan,
                       tr("Cron %1 no longer exists, so this %2 cannot be undone.")
                           .arg(entry.cronId, entry.action));
    if (!entry.request.isObject() || entry.request.toObject().isEmpty())
        return refused(plan,
                       tr("The journal did not record what this %1 sent, so it cannot be "
                          "undone.")
                           .arg(entry.action));
    if (!entry.before.isObject())
        return refused(plan,
                       isNotRecorded(entry.before)
                           ? tr("The journal did not record the cron as it was before this %1 "
                                "(%2), so it cannot be undone.")
                                 .arg(entry.action, entry.before.toString())
                           : tr("The journal did not record the cron as it was before this %1, "
                                "so it cannot be undone.")
                                 .arg(entry.action));
    const QJsonObject request = entry.request.toObject();
    const QJsonObject before = entry.before.toObject();
    const QJsonObject after = entry.after.toObject();
    const QJsonObject now = api::cronToJson(*inputs.current);
    const QJsonObject beforePayload = before.value("payload"_L1).toObject();
    const QJsonObject afterPayload = after.value("payload"_L1).toObject();
    const QJsonObject nowPayload = now.value("payload"_L1).toObject();
    plan.current = now;

    api::CronPatch patch;
    for (auto it = request.begin(); it != request.end(); ++it) {
        const QString key = it.key();
        if (key == "metadata"_L1) {
            const QJsonValue beforeMetadata = before.value("metadata"_L1);
            if (isNotRecorded(beforeMetadata) || isNotRecorded(it.value()))
                return refused(plan,
                               tr("The journal did not record the metadata of this %1 (%2), "
                                  "so it cannot be undone.")
                                   .arg(entry.action,
                                        isNotRecorded(beforeMetadata) ? beforeMetadata.toString()
                                                                      : it.value().toString()));
            const QJsonObject sent = it.value().toObject();
            const QJsonObject was = beforeMetadata.toObject();
            const QJsonObject set = after.value("metadata"_L1).toObject();
            const QJsonObject is = now.value("metadata"_L1).toObject();
            for (auto m = sent.begin(); m != sent.end(); ++m) {
                const QString field = u"metadata › "_s + m.key();
                const QJsonValue setValue = set.contains(m.key()) ? set.value(m.key()) : m.value();
                if (!sameValue(m.key(), setValue, is.value(m.key())))
                    plan.conflicts.append(
                        conflictText(field, entry.action, setValue, is.value(m.key())));
                if (!was.contains(m.key())) {
                    plan.notes.append(
                        tr("The metadata key “%1” stays: the %2 added it, and the server merges "
                           "metadata, so no change can remove a key.")
                            .arg(m.key(), entry.action));
                    continue;
                }
                if (sameValue(m.key(), was.value(m.key()), setValue))
                    continue;
                QJsonObject metadata = patch.metadata.value_or(QJsonObject());
                metadata.insert(m.key(), was.value(m.key()));
                patch.metadata = metadata;
                plan.changes.append(
                    {field, display(is.value(m.key())), display(was.value(m.key()))});
            }
            continue;
        }
        const bool topLevel = topLevelKeys().contains(key);
        const bool runKey = runKeys().contains(key);
        if (!topLevel && !runKey)
            return refused(
                plan,
                tr("This %1 changed “%2”, which an undo cannot set back.").arg(entry.action, key));
        const QJsonObject &wasIn = topLevel ? before : beforePayload;
        const QJsonObject &setIn = topLevel ? after : afterPayload;
        const QJsonObject &isIn = topLevel ? now : nowPayload;
        if (isNotRecorded(wasIn.value(key)) || isNotRecorded(it.value())
            || (runKey && isNotRecorded(before.value("payload"_L1))))
            return refused(plan,
                           tr("The journal did not record “%1” for this %2, so it cannot "
                              "be undone.")
                               .arg(key, entry.action));
        const QJsonValue setValue = setIn.contains(key) ? setIn.value(key) : it.value();
        const QJsonValue isValue = isIn.value(key);
        // A server that does not echo a run parameter in the payload shows neither what was set
        // nor what is there now: it cannot be checked, only said.
        if (runKey && !setIn.contains(key) && !isIn.contains(key)) {
            plan.notes.append(tr("Whether “%1” was changed since cannot be checked: the server "
                                 "does not show it.")
                                  .arg(key));
        } else if (!sameValue(key, setValue, isValue)) {
            plan.conflicts.append(conflictText(key, entry.action, setValue, isValue));
        }
        const QJsonValue wasValue = wasIn.value(key);
        if (!canSetBack(key, wasValue)) {
            plan.notes.append(tr("“%1” stays “%2”: it was not set before the %3, and a change "
                                 "cannot unset it.")
                                  .arg(key, display(setValue), entry.action));
            continue;
        }
        if (key == "timezone"_L1 && isAbsent(wasValue)) {
            setPatchField(patch, key, u"UTC"_s);
            plan.notes.append(tr("The timezone was not set before (the server's default, UTC); "
                                 "the undo sets it to UTC."));
            plan.changes.append({key, display(isValue), u"UTC"_s});
            continue;
        }
        setPatchField(patch, key, wasValue);
        plan.changes.append({key, display(isValue), display(wasValue)});
    }
    if (!plan.conflicts.isEmpty())
        return refused(plan,
                       tr("Cron %1 was changed since this %2; undoing it would overwrite "
                          "those changes.")
                           .arg(entry.cronId, entry.action));
    if (patch.isEmpty())
        return refused(plan, tr("Nothing of this %1 can be set back.").arg(entry.action));
    plan.patch = patch;
    plan.step = UndoPlan::Step::Patch;
    plan.journalAction = u"undo"_s;
    const bool enabledOnly = patch.enabled && patch.toJson().size() == 1;
    plan.kind = enabledOnly ? (*patch.enabled ? MutationKind::Resume : MutationKind::Pause)
                            : MutationKind::Update;
    return plan;
}

UndoPlan planRestore(UndoPlan plan, const JournalEntry &entry, const UndoInputs &inputs)
{
    if (!entry.before.isObject())
        return refused(plan,
                       isNotRecorded(entry.before)
                           ? tr("The journal did not record the deleted cron (%1), so it cannot "
                                "be restored.")
                                 .arg(entry.before.toString())
                           : tr("The journal did not record the deleted cron, so it cannot be "
                                "restored."));
    const QJsonObject before = entry.before.toObject();
    if (const QString member = unrecordedMember(before); !member.isEmpty())
        return refused(plan,
                       tr("The journal did not record all of the deleted cron: %1 is "
                          "missing, so it cannot be restored.")
                           .arg(member));
    if (inputs.current)
        return refused(
            plan, tr("Cron %1 still exists, so there is nothing to restore.").arg(entry.cronId));
    QString error;
    const std::optional<api::Cron> cron = api::cronFromJson(before, &error);
    if (!cron)
        return refused(plan, tr("The deleted cron in the journal cannot be read: %1").arg(error));
    if (!cron->isStateless()) {
        if (inputs.thread == UndoInputs::Thread::Missing)
            return refused(plan,
                           tr("The cron ran on thread %1, which no longer exists, so it "
                              "cannot be restored.")
                               .arg(cron->threadId));
        if (inputs.thread == UndoInputs::Thread::Unknown)
            return refused(plan,
                           tr("Whether thread %1 still exists could not be checked, so the "
                              "cron is not restored.")
                               .arg(cron->threadId));
    }
    if (cron->endTime.isValid() && inputs.now.isValid() && cron->endTime <= inputs.now)
        return refused(plan,
                       tr("The cron's end time (%1) has passed, so it would never run "
                          "again; it is not restored.")
                           .arg(stamp(cron->endTime)));

    api::CronCreate create;
    create.assistantId = cron->assistantId;
    create.schedule = cron->schedule;
    plan.changes.append({u"assistant_id"_s, tr("not set"), cron->assistantId});
    plan.changes.append({u"schedule"_s, tr("not set"), cron->schedule});
    if (!cron->timezone.isEmpty()) {
        create.timezone = cron->timezone;
        plan.changes.append({u"timezone"_s, tr("not set"), cron->timezone});
    }
    if (cron->endTime.isValid()) {
        create.endTime = cron->endTime;
        plan.changes.append({u"end_time"_s, tr("not set"), api::formatTimestamp(cron->endTime)});
    }
    if (!cron->isStateless()) {
        plan.threadId = cron->threadId;
        plan.changes.append({u"thread_id"_s, tr("not set"), cron->threadId});
    } else if (!cron->onRunCompleted.isEmpty()) {
        create.onRunCompleted = cron->onRunCompleted;
        plan.changes.append({u"on_run_completed"_s, tr("not set"), cron->onRunCompleted});
    }
    QJsonObject metadata = cron->metadata.object();
    // The create brings its own correlation key; the deleted cron's would name another request.
    metadata.remove(api::correlationMetadataKey);
    if (!metadata.isEmpty()) {
        create.metadata = metadata;
        plan.changes.append({u"metadata"_s, tr("not set"), display(metadata)});
    }
    const QJsonObject payload = cron->payload.object();
    api::CronPatch runFields; // the run parameters, read with the PATCH's setter
    for (const QLatin1StringView key : runKeys()) {
        if (!payload.contains(key) || isAbsent(payload.value(key)))
            continue;
        setPatchField(runFields, QString(key), payload.value(key));
        plan.changes.append({QString(key), tr("not set"), display(payload.value(key))});
    }
    create.input = runFields.input;
    create.config = runFields.config;
    create.context = runFields.context;
    create.webhook = runFields.webhook;
    create.interruptBefore = runFields.interruptBefore;
    create.interruptAfter = runFields.interruptAfter;
    create.multitaskStrategy = runFields.multitaskStrategy;
    create.streamMode = runFields.streamMode;
    create.streamSubgraphs = runFields.streamSubgraphs;
    create.streamResumable = runFields.streamResumable;
    create.durability = runFields.durability;
    if (!cron->enabled) {
        create.enabled = false;
        plan.changes.append({u"enabled"_s, tr("not set"), u"false"_s});
    }
    plan.notes.append(tr("The cron is created again with a new id; the old id %1 cannot be "
                         "reused.")
                          .arg(entry.cronId));
    plan.create = create;
    plan.step = UndoPlan::Step::Recreate;
    plan.journalAction = u"restore"_s;
    plan.kind = MutationKind::Create;
    plan.current = QJsonValue(QJsonValue::Null);
    return plan;
}

UndoPlan planDeleteCreated(UndoPlan plan, const JournalEntry &entry, const UndoInputs &inputs)
{
    if (!inputs.current)
        return refused(
            plan, tr("Cron %1 no longer exists, so there is nothing to undo.").arg(entry.cronId));
    if (!entry.after.isObject())
        return refused(plan,
                       tr("The journal did not record the cron this create made, so "
                          "whether it was changed since cannot be checked."));
    const QJsonObject after = entry.after.toObject();
    if (const QString member = unrecordedMember(after); !member.isEmpty())
        return refused(plan,
                       tr("The journal did not record all of the cron this create made "
                          "(%1 is missing), so whether it was changed since cannot be "
                          "checked.")
                           .arg(member));
    const QJsonObject now = api::cronToJson(*inputs.current);
    plan.current = now;
    for (const QLatin1StringView key :
         {"assistant_id"_L1, "thread_id"_L1, "schedule"_L1, "timezone"_L1, "end_time"_L1,
          "enabled"_L1, "on_run_completed"_L1, "metadata"_L1, "payload"_L1}) {
        if (!sameValue(QString(key), after.value(key), now.value(key)))
            plan.conflicts.append(
                conflictText(QString(key), entry.action, after.value(key), now.value(key)));
    }
    if (!plan.conflicts.isEmpty())
        return refused(
            plan,
            tr("Cron %1 was changed since it was created; it is not deleted.").arg(entry.cronId));
    plan.changes.append({u"cron_id"_s, entry.cronId, tr("deleted")});
    plan.notes.append(tr("A deleted cron can be restored from the journal, but with a new id."));
    plan.step = UndoPlan::Step::Delete;
    plan.journalAction = u"undo"_s;
    plan.kind = MutationKind::Delete;
    return plan;
}

} // namespace

QString UndoPlan::summary() const
{
    if (!isPossible())
        return refusal;
    switch (step) {
    case Step::Patch:
        return tr("Set what the %1 changed on cron %2 back to what it was before.")
            .arg(entryAction, cronId);
    case Step::Recreate:
        return tr("Restore the deleted cron %1 by creating it again from the journal, with a new "
                  "id.")
            .arg(cronId);
    case Step::Delete:
        return tr("Delete cron %1, which the create made.").arg(cronId);
    case Step::None:
        break;
    }
    return {};
}

QString UndoPlan::describe() const
{
    QStringList lines {summary()};
    for (const QString &conflict : conflicts)
        lines.append(u"  "_s + conflict);
    if (isPossible()) {
        for (const UndoFieldChange &change : changes)
            lines.append(tr("  %1: “%2” → “%3”").arg(change.field, change.now, change.restored));
    }
    for (const QString &note : notes)
        lines.append(tr("Note: %1").arg(note));
    return lines.join(u'\n');
}

QString entryRefusal(const JournalEntry &entry, const UndoInputs &inputs)
{
    const QString id = entry.effectiveId();
    if (entry.action == "undo"_L1 || entry.action == "restore"_L1)
        return tr("An undo cannot itself be undone; change the cron again instead.");
    if (entry.action == "run"_L1)
        return tr("A run cannot be undone.");
    if (!entry.succeeded)
        return tr("This %1 failed, so there is nothing to undo.").arg(entry.action);
    for (const JournalEntry &later : inputs.journal) {
        if (later.succeeded && later.undoes == id)
            return tr("This %1 was already undone (entry %2, %3).")
                .arg(entry.action, later.effectiveId(), stamp(later.time));
    }
    if (!inputs.url.isEmpty() && normalUrl(entry.url) != normalUrl(inputs.url))
        return tr("This %1 was made on %2; connect to that deployment to undo it.")
            .arg(entry.action, entry.url);
    if (entry.cronId.isEmpty())
        return tr("The journal does not say which cron this %1 changed.").arg(entry.action);
    return {};
}

UndoPlan planUndo(const JournalEntry &entry, const UndoInputs &inputs)
{
    UndoPlan plan;
    plan.entryId = entry.effectiveId();
    plan.entryAction = entry.action;
    plan.cronId = entry.cronId;
    plan.current = inputs.current ? QJsonValue(api::cronToJson(*inputs.current))
                                  : QJsonValue(QJsonValue::Null);
    if (const QString reason = entryRefusal(entry, inputs); !reason.isEmpty())
        return refused(plan, reason);
    if (entry.action == "update"_L1 || entry.action == "pause"_L1 || entry.action == "resume"_L1)
        return planRevert(plan, entry, inputs);
    if (entry.action == "delete"_L1)
        return planRestore(plan, entry, inputs);
    if (entry.action == "create"_L1)
        return planDeleteCreated(plan, entry, inputs);
    return refused(plan, tr("A %1 cannot be undone.").arg(entry.action));
}

QString threadToCheck(const JournalEntry &entry)
{
    if (entry.action != "delete"_L1 || !entry.before.isObject())
        return {};
    return entry.before.toObject().value("thread_id"_L1).toString();
}

std::optional<JournalEntry> findJournalEntry(const QList<JournalEntry> &entries,
                                             const QString &reference, QString *error)
{
    const QString wanted = reference.trimmed().toLower();
    if (wanted.size() < 4) {
        if (error)
            *error = tr("An entry id has at least 4 characters; “%1” is too short.").arg(reference);
        return std::nullopt;
    }
    QList<const JournalEntry *> matches;
    for (const JournalEntry &entry : entries) {
        const QString id = entry.effectiveId();
        if (id == wanted)
            return entry;
        if (id.startsWith(wanted))
            matches.append(&entry);
    }
    if (matches.size() == 1)
        return *matches.first();
    if (error)
        *error = matches.isEmpty()
            ? tr("No journal entry has the id “%1”.").arg(reference)
            : tr("%n journal entries have ids starting with “%1”; give more of the id.",
                 int(matches.size()))
                  .arg(reference);
    return std::nullopt;
}

MutationDecision undoDecision(const std::optional<ConnectionProfile> &profile, const UndoPlan &plan)
{
    MutationDecision decision = decideMutation(profile, plan.kind, 1);
    if (decision.isRefused() || !profile || !profile->isProduction())
        return decision;
    decision.verdict = MutationDecision::Verdict::NeedsTypedConfirmation;
    decision.confirmationPhrase = profile->name;
    decision.reason = plan.step == UndoPlan::Step::Recreate
        ? tr("This restores a cron on production profile “%1”.").arg(profile->name)
        : tr("This undoes a change on production profile “%1”.").arg(profile->name);
    return decision;
}

QString restoredText(const QString &newId, const QString &oldId)
{
    return tr("Restored as a new cron %1; the old id %2 cannot be reused.").arg(newId, oldId);
}

} // namespace crondesk::models
