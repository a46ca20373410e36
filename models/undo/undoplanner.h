#pragma once

#include <models/api/cron.h>
#include <models/api/cronwrite.h>
#include <models/connections/connectionprofile.h>
#include <models/connections/mutationpolicy.h>
#include <models/journal/changejournal.h>

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::models {

// One field an undo sets back: its wire name ("schedule", "metadata › owner", "webhook"), the
// value on the server now and the value the undo gives it, as display text.
struct UndoFieldChange
{
    QString field;
    QString now;
    QString restored;

    friend bool operator==(const UndoFieldChange &, const UndoFieldChange &) = default;
};

// What undoing one journal entry does, or why it cannot be done.
struct UndoPlan
{
    enum class Step {
        None, // refused
        Patch, // an update, pause or resume undone: PATCH back the fields it changed
        Recreate, // a delete undone: the cron created again from its journaled state, new id
        Delete, // a create undone: the cron it created deleted
    };

    QString entryId; // the entry undone (JournalEntry::effectiveId())
    QString entryAction; // its action: update, pause, resume, delete, create
    QString cronId; // the cron it changed
    Step step = Step::None;
    QString refusal; // why not, a sentence; empty when the plan can be carried out
    // For a refusal because the cron was changed since: one sentence per field,
    // "schedule was changed since: the update set “0 10 * * *”, it is now “0 11 * * *”."
    QStringList conflicts;

    QString journalAction; // "undo", or "restore" for a delete
    MutationKind kind = MutationKind::Update; // what is sent, for the profile's rules
    api::CronPatch patch; // Step::Patch
    api::CronCreate create; // Step::Recreate
    QString threadId; // Step::Recreate of a thread cron
    QList<UndoFieldChange> changes; // what the server will show after the undo
    QStringList notes; // what the undo cannot set back, and what the operator should know
    QJsonValue current; // the cron as it is now (the undo's journal `before`); null when gone

    bool isPossible() const { return step != Step::None; }
    // One sentence saying what happens ("Set 2 fields of cron X back to what they were before
    // the update of 2026-11-21 10:01 UTC."), or the refusal with its conflicts.
    QString summary() const;
    // The whole plan as text: summary, the field changes and the notes, one per line (the CLI's
    // output and the dialog's text for screen readers).
    QString describe() const;
};

// What planUndo needs to know besides the entry.
struct UndoInputs
{
    // The cron as the server has it now; nullopt when it answered "not found".
    std::optional<api::Cron> current;
    // For the restore of a thread cron: whether its thread still exists.
    enum class Thread { Unknown, Exists, Missing };
    Thread thread = Thread::Unknown;
    // The whole journal: a later successful entry that undoes this one makes it undone.
    QList<JournalEntry> journal;
    // The deployment connected to; an entry made elsewhere is refused. Empty: not checked.
    QString url;
    QDateTime now; // for a restored cron's end time; invalid: not checked
};

// The plan for undoing `entry`, pure: an update (or pause, resume) is undone by a PATCH of exactly
// the fields it changed, back to their values before, only if the cron still has the values the
// update set (else refused, field by field); a delete by creating the cron again from the
// journaled `before` (with a new id); a create by deleting the cron, only if it is unchanged.
// Refused: failed entries, runs, undos themselves, entries already undone, entries of another
// deployment, and entries whose before/after the journal did not record in full.
UndoPlan planUndo(const JournalEntry &entry, const UndoInputs &inputs);

// Why `entry` cannot be undone whatever the server has now (a failure, a run, an undo, undone
// already, another deployment, no cron named); empty when the server decides.
QString entryRefusal(const JournalEntry &entry, const UndoInputs &inputs);

// The thread whose existence planUndo needs (a deleted thread cron's), or empty.
QString threadToCheck(const JournalEntry &entry);

// The entry `reference` names: its id, or an unambiguous prefix of at least 4 characters. On
// failure returns nullopt with the reason in `error`.
std::optional<JournalEntry> findJournalEntry(const QList<JournalEntry> &entries,
                                             const QString &reference, QString *error = nullptr);

// The profile's rules for carrying out `plan`: read-only refuses; on a production profile an undo
// always needs the profile's name typed (it changes a cron nobody is editing at the moment).
MutationDecision undoDecision(const std::optional<ConnectionProfile> &profile,
                              const UndoPlan &plan);

// What the outcome of a restore says: "Restored as a new cron NEW; the old id OLD cannot be
// reused."
QString restoredText(const QString &newId, const QString &oldId);

} // namespace crondesk::models
