#include "mutationpolicy.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("MutationPolicy", text);
}

// With the count, so that each language's translation picks its own plural form; the texts are
// marked with QT_TRANSLATE_N_NOOP so that lupdate finds them (it cannot see through a wrapper).
QString translateCounted(const char *text, qsizetype count)
{
    return QCoreApplication::translate("MutationPolicy", text, nullptr, int(count));
}

// Enough to recognise the crons; the rest is a count.
constexpr qsizetype maxListedCrons = 15;

constexpr std::array<std::pair<MutationKind, QLatin1StringView>, 6> names {{
    {MutationKind::Create, "create"_L1},
    {MutationKind::Update, "update"_L1},
    {MutationKind::Pause, "pause"_L1},
    {MutationKind::Resume, "resume"_L1},
    {MutationKind::Delete, "delete"_L1},
    {MutationKind::Run, "run"_L1},
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
    if (profile->readOnly && kind == MutationKind::Run) {
        decision.verdict = MutationDecision::Verdict::Refused;
        decision.reason
            = QCoreApplication::translate(
                  "MutationPolicy", "Profile “%1” is read-only: no run can be started through it.")
                  .arg(profile->name);
        return decision;
    }
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
    // Starting a job on production by hand is never a side effect of something else: it always
    // takes the profile's name, even for one cron.
    if (profile->isProduction() && kind == MutationKind::Run) {
        decision.verdict = MutationDecision::Verdict::NeedsTypedConfirmation;
        decision.confirmationPhrase = profile->name;
        decision.reason
            = QCoreApplication::translate("MutationPolicy",
                                          "This starts %Ln run(s) on production profile “%1”.",
                                          nullptr, int(cronCount))
                  .arg(profile->name);
        return decision;
    }
    if (profile->isProduction() && bulk
        && (kind == MutationKind::Delete || kind == MutationKind::Pause
            || kind == MutationKind::Update)) {
        decision.verdict = MutationDecision::Verdict::NeedsTypedConfirmation;
        decision.confirmationPhrase = profile->name;
        // A bulk edit (issue 18) changes many crons at once, as a bulk pause does.
        if (kind == MutationKind::Update) {
            decision.reason
                = QCoreApplication::translate("MutationPolicy",
                                              "This changes %Ln crons on production profile “%1”.",
                                              nullptr, int(cronCount))
                      .arg(profile->name);
            return decision;
        }
        decision.reason = kind == MutationKind::Delete
            ? QCoreApplication::translate("MutationPolicy",
                                          "This deletes %Ln crons on production profile “%1”.",
                                          nullptr, int(cronCount))
                  .arg(profile->name)
            : QCoreApplication::translate("MutationPolicy",
                                          "This pauses %Ln crons on production profile “%1”.",
                                          nullptr, int(cronCount))
                  .arg(profile->name);
    }
    return decision;
}

bool typedConfirmationMatches(const QString &typed, const QString &phrase)
{
    return !phrase.isEmpty() && typed.trimmed() == phrase;
}

QString MutationTarget::describe() const
{
    if (!profileName.isEmpty()) {
        return environment.isEmpty() ? translate("profile “%1”").arg(profileName)
                                     : translate("profile “%1” (%2)").arg(profileName, environment);
    }
    if (sandbox)
        return translate("the local sandbox");
    if (url.isEmpty())
        return translate("this deployment");
    return url.toDisplayString();
}

MutationTarget mutationTarget(const std::optional<ConnectionProfile> &profile, const QUrl &url,
                              bool sandbox)
{
    MutationTarget target;
    target.url = url;
    target.sandbox = sandbox;
    if (profile && !sandbox) {
        target.profileName = profile->name;
        target.environment = profile->environment.trimmed();
        target.production = profile->isProduction();
        if (target.url.isEmpty())
            target.url = profile->url;
    }
    return target;
}

QString undoText(MutationKind kind)
{
    switch (kind) {
    case MutationKind::Create:
        return translate("Deleting the cron undoes this; runs it started meanwhile stay.");
    case MutationKind::Update:
        return translate("Editing again undoes this; runs started meanwhile stay.");
    case MutationKind::Pause:
        return translate("Resume undoes a pause.");
    case MutationKind::Resume:
        return translate("Pause undoes a resume; runs started meanwhile stay.");
    case MutationKind::Delete:
        return translate("Deleting cannot be undone: the server keeps nothing of a deleted cron.");
    case MutationKind::Run:
        return translate("A started run cannot be taken back; it can be cancelled while it runs.");
    }
    return {};
}

namespace {

// "• <id>  (<schedule>)" for the first few, then how many more.
QStringList cronLines(const QList<api::Cron> &crons)
{
    QStringList lines;
    for (const api::Cron &cron : crons.mid(0, maxListedCrons)) {
        lines.append(cron.schedule.isEmpty() ? u"• %1"_s.arg(cron.cronId)
                                             : u"• %1  (%2)"_s.arg(cron.cronId, cron.schedule));
    }
    if (crons.size() > maxListedCrons)
        lines.append(translateCounted(QT_TRANSLATE_N_NOOP("MutationPolicy", "… and %Ln more."),
                                      crons.size() - maxListedCrons));
    return lines;
}

} // namespace

MutationRequest deleteRequest(const QList<api::Cron> &crons, const MutationTarget &target)
{
    const auto count = int(crons.size());
    MutationRequest request;
    request.kind = MutationKind::Delete;
    request.cronCount = count;
    request.title = translate("Delete Crons");
    request.question
        = translateCounted(QT_TRANSLATE_N_NOOP("MutationPolicy", "Delete %Ln cron(s) on %1?"),
                           count)
              .arg(target.describe());
    request.details = cronLines(crons);
    request.undo = undoText(MutationKind::Delete);
    request.actionText
        = translateCounted(QT_TRANSLATE_N_NOOP("MutationPolicy", "&Delete %Ln cron(s)"), count);
    request.warning = true;
    return request;
}

MutationRequest enableRequest(const EnablePlan &plan, const MutationTarget &target,
                              const QDateTime &now)
{
    const auto count = int(plan.changing.size());
    MutationRequest request;
    request.kind = plan.enable ? MutationKind::Resume : MutationKind::Pause;
    request.cronCount = count;
    request.title = plan.title();
    request.question = plan.question(target.describe());
    request.details = cronLines(plan.changing) + plan.consequences(now);
    request.undo = undoText(request.kind);
    request.actionText = plan.enable
        ? translateCounted(QT_TRANSLATE_N_NOOP("MutationPolicy", "&Resume %Ln cron(s)"), count)
        : translateCounted(QT_TRANSLATE_N_NOOP("MutationPolicy", "&Pause %Ln cron(s)"), count);
    request.warning = !plan.firesImmediately.isEmpty();
    return request;
}

} // namespace crondesk::models
