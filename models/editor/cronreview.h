#pragma once

#include <models/connections/mutationpolicy.h>
#include <models/editor/crondraft.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// One line of the review: a label and the value as the operator reads it.
struct ReviewRow
{
    DraftField field = DraftField::None; // None for rows that are not a form field
    QString label;
    QString value;

    friend bool operator==(const ReviewRow &, const ReviewRow &) = default;
};

// The last step before a cron is created: what will be created, where, and when it first fires.
// Built from the draft alone, so it shows exactly what the create sends (the correlation key
// Cron Desk adds to the metadata for its own bookkeeping is left out, as it is of the diff).
struct CreateReview
{
    QString question; // "Create this cron on profile “Acme Prod” (production)?"
    bool production = false; // the deployment is labelled production
    QList<ReviewRow> where; // deployment, assistant, thread or stateless
    QList<ReviewRow> what; // schedule, zone, end, state, payload, the options that are set
    QString cronZone; // the zone the schedule is read in: the IANA name, or "UTC"
    QList<QDateTime> firstRuns; // UTC; empty when it will not fire (paused, ended, never)
    QStringList notes; // complete sentences: why it will not fire, what else to know
};

// The review of creating `draft` on `target`, as of `now`, with up to `runs` first fire times
// (before the end time). Requires a draft that validates.
CreateReview reviewCreate(const CronDraft &draft, const MutationTarget &target,
                          const QDateTime &now, int runs = 3);

} // namespace crondesk::models
