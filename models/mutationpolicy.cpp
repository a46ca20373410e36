#include "mutationpolicy.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr std::array<std::pair<MutationKind, QLatin1StringView>, 5> names {{
    {MutationKind::Create, "create"_L1},
    {MutationKind::Update, "update"_L1},
    {MutationKind::Pause, "pause"_L1},
    {MutationKind::Resume, "resume"_L1},
    {MutationKind::Delete, "delete"_L1},
}};

} // namespace

QString mutationName(MutationKind kind)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == kind)
            return QString(name);
    }
    return {};
}

std::optional<MutationKind> mutationFromName(QStringView name)
{
    for (const auto &[kind, candidate] : names) {
        if (name == candidate)
            return kind;
    }
    return std::nullopt;
}

MutationDecision decideMutation(const std::optional<ConnectionProfile> &profile, MutationKind kind,
                                qsizetype cronCount)
{
    MutationDecision decision;
    if (!profile)
        return decision;
    if (profile->readOnly) {
        decision.verdict = MutationDecision::Verdict::Refused;
        decision.reason = QCoreApplication::translate(
                              "MutationPolicy",
                              "Profile “%1” is read-only: crons cannot be created, changed, "
                              "paused, resumed or deleted through it.")
                              .arg(profile->name);
        return decision;
    }
    const bool bulk = cronCount > 1;
    if (profile->isProduction() && bulk
        && (kind == MutationKind::Delete || kind == MutationKind::Pause)) {
        decision.verdict = MutationDecision::Verdict::NeedsTypedConfirmation;
        decision.confirmationPhrase = profile->name;
        decision.reason = kind == MutationKind::Delete
            ? QCoreApplication::translate("MutationPolicy",
                                          "This deletes %n crons on production profile “%1”.",
                                          nullptr, int(cronCount))
                  .arg(profile->name)
            : QCoreApplication::translate("MutationPolicy",
                                          "This pauses %n crons on production profile “%1”.",
                                          nullptr, int(cronCount))
                  .arg(profile->name);
    }
    return decision;
}

bool typedConfirmationMatches(const QString &typed, const QString &phrase)
{
    return !phrase.isEmpty() && typed.trimmed() == phrase;
}

} // namespace crondesk::models
