#include "cronreview.h"

#include "crondiff.h"
#include "cronmapping.h"
#include "schedulesummary.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("CronReview", text);
}

// The options a create sends only when the operator set them; each is listed when it is sent.
constexpr DraftField OptionFields[] = {
    DraftField::InterruptBefore,   DraftField::InterruptAfter,  DraftField::Webhook,
    DraftField::MultitaskStrategy, DraftField::OnRunCompleted,  DraftField::StreamMode,
    DraftField::StreamSubgraphs,   DraftField::StreamResumable, DraftField::Durability,
};

} // namespace

CreateReview reviewCreate(const CronDraft &original, const MutationTarget &target,
                          const QDateTime &now, int runs)
{
    // CronCreator sets the key on every create whatever the text says; it is not part of what
    // the operator creates.
    const CronDraft draft = original.withoutCorrelationKey();
    const api::CronCreate create = toCronCreate(draft);
    CreateReview review;
    review.question = translate("Create this cron on %1?").arg(target.describe());
    review.production = target.production;

    review.where.append({DraftField::None, translate("Deployment"), target.describe()});
    review.where.append(
        {DraftField::Assistant, draftFieldLabel(DraftField::Assistant), draft.assistant});
    QString runsOn;
    if (!draft.isThreadBound())
        runsOn = translate("a new thread for each run (stateless)");
    else if (draft.createThread)
        runsOn = translate("a new thread, created before the cron");
    else
        runsOn = translate("thread %1").arg(draft.threadId);
    review.where.append({DraftField::Target, translate("Runs on"), runsOn});

    const ScheduleSummary summary = summarizeSchedule(draft.schedule, draft.timezone, now, runs);
    review.what.append({DraftField::Schedule, draftFieldLabel(DraftField::Schedule),
                        summary.description.isEmpty()
                            ? draft.schedule
                            : u"%1 — %2"_s.arg(draft.schedule, summary.description)});
    for (const DraftField field : {DraftField::Timezone, DraftField::EndTime})
        review.what.append({field, draftFieldLabel(field), displayValue(draft, field)});
    review.what.append({DraftField::Enabled, translate("State"),
                        draft.enabled ? translate("enabled: fires on its schedule")
                                      : translate("paused: does not fire until resumed")});
    for (const DraftField field :
         {DraftField::Input, DraftField::Config, DraftField::Context, DraftField::Metadata}) {
        if (sends(create, field))
            review.what.append({field, draftFieldLabel(field), displayValue(draft, field)});
    }
    for (const DraftField field : OptionFields) {
        if (sends(create, field))
            review.what.append({field, draftFieldLabel(field), displayValue(draft, field)});
    }

    review.cronZone = draft.timezone.isEmpty() ? u"UTC"_s : draft.timezone;
    const QDateTime end = draft.endInstant();
    if (!draft.enabled) {
        review.notes.append(translate("It is created paused, so it does not fire until it is "
                                      "resumed."));
    } else if (end.isValid() && end <= now) {
        review.notes.append(translate("Its end time has passed, so it will never fire."));
    } else {
        for (const QDateTime &run : summary.nextRuns) {
            if (end.isValid() && run > end)
                break;
            review.firstRuns.append(run);
        }
        if (review.firstRuns.isEmpty())
            review.notes.append(translate("It does not fire before its end time."));
    }
    if (target.production)
        review.notes.append(translate("This is a production deployment: every run the cron "
                                      "starts is real."));
    return review;
}

} // namespace crondesk::models
