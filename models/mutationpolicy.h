#pragma once

#include <models/connectionprofile.h>

#include <QString>

#include <optional>

namespace crondesk::models {

enum class MutationKind { Create, Update, Pause, Resume, Delete };

// "create", "update", "pause", "resume", "delete": the journal's and crondeskctl's words.
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

} // namespace crondesk::models
