#pragma once

#include <models/api/cron.h>
#include <models/connections/connectionprofile.h>
#include <models/connections/enableplan.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace crondesk::models {

// Run: starting one run of a cron now ("Run now"), which changes no cron but acts on the
// deployment like a firing.
enum class MutationKind { Create, Update, Pause, Resume, Delete, Run };

// "create", "update", "pause", "resume", "delete", "run": the journal's and crondeskctl's words.
QString mutationName(MutationKind kind);
std::optional<MutationKind> mutationFromName(QStringView name);

// What may happen to the crons of a deployment, decided before anything is sent.
struct MutationDecision
{
    enum class Verdict {
        Allowed,
        NeedsTypedConfirmation, // the operator must type `confirmationPhrase` first
        Refused, // `reason` says why
    };
    Verdict verdict = Verdict::Allowed;
    QString reason;
    QString confirmationPhrase; // the profile's name, for NeedsTypedConfirmation

    bool isRefused() const { return verdict == Verdict::Refused; }
    bool needsTypedConfirmation() const { return verdict == Verdict::NeedsTypedConfirmation; }
};

// The rules (docs/connections.md): a read-only profile refuses every mutation; on a profile
// labelled production, deleting or pausing more than one cron at once needs the profile's name
// typed. A connection without a profile (a bare --url) has no such restrictions.
MutationDecision decideMutation(const std::optional<ConnectionProfile> &profile, MutationKind kind,
                                qsizetype cronCount);

// Exactly the phrase, ignoring surrounding spaces; case matters.
bool typedConfirmationMatches(const QString &typed, const QString &phrase);

// Where a change goes, as confirmations and reviews name it: the profile and its environment,
// never its URL, which operators do not recognise at a glance. Only a connection without a
// profile (a bare --url) is named by its URL.
struct MutationTarget
{
    QString profileName; // empty: no profile
    QString environment; // the profile's label ("production", "staging", ...)
    bool production = false;
    bool sandbox = false; // the local sandbox Cron Desk started
    QUrl url;

    // «profile “Acme Prod” (production)», «the local sandbox», «https://host» (translated).
    QString describe() const;

    friend bool operator==(const MutationTarget &, const MutationTarget &) = default;
};

MutationTarget mutationTarget(const std::optional<ConnectionProfile> &profile, const QUrl &url,
                              bool sandbox);

// How the change is undone, in one true sentence: delete is the one that cannot be.
QString undoText(MutationKind kind);

// Everything the one confirmation before a change to existing crons says: what happens, to
// which crons, where, and how it is undone. The policy (decideMutation) then says whether the
// same dialog also asks for the profile name.
struct MutationRequest
{
    MutationKind kind = MutationKind::Update;
    qsizetype cronCount = 0;
    QString title; // the window title, "Delete Crons"
    QString question; // what happens where, "Delete 3 crons on profile “Acme Prod” (production)?"
    QStringList details; // the crons concerned and the consequences, one line each
    QString undo; // undoText()
    QString actionText; // the confirm button, "&Delete 3 crons"
    bool warning = false; // a delete, or a resume that fires at once: a warning, not a question
};

// The confirmation of deleting `crons` (listed up to a limit, with their schedules).
MutationRequest deleteRequest(const QList<api::Cron> &crons, const MutationTarget &target);
// The confirmation of pausing or resuming what `plan` changes.
MutationRequest enableRequest(const EnablePlan &plan, const MutationTarget &target,
                              const QDateTime &now);

} // namespace crondesk::models
