#pragma once

#include <models/api/cronwrite.h>
#include <models/editor/crondraft.h>

#include <QList>

namespace crondesk::models {

// A draft onto the API layer's typed requests, field by field, with no JSON body in between: what
// the create or the PATCH sends is decided here and nowhere else.
//
// A field "has a value" unless the draft leaves it to the server: an empty zone, webhook or
// choice, blank JSON, no end time, no interrupt, no stream mode. A create leaves such fields
// out, so that the server applies its default. A PATCH cannot leave out what it wants to change,
// so it sends the server's default instead (a cleared end time as null, a cleared zone as UTC,
// cleared JSON as {}, ...); metadata, which the server merges key by key, cannot be cleared, nor
// can a webhook.

// The fields an edit can change: assistant, thread and multitask strategy are fixed at creation
// (api-contract §2.4: CronPatch has no key for them).
const QList<DraftField> &patchableFields();

// The create request for `draft` as the editor sends it: assistant, schedule and enabled, and
// every other field that has a value and applies to the draft's target (the multitask strategy
// to thread crons, on_run_completed to stateless ones; the stream flags when on).
api::CronCreate toCronCreate(const CronDraft &draft);
// The create request with exactly `fields` of `draft` besides the assistant and the schedule
// (crondeskctl: the options given), each that has a value, whatever the target.
api::CronCreate toCronCreate(const CronDraft &draft, const QList<DraftField> &fields);

// The minimal PATCH that turns `original` into `edited`: only the fields that changed, cleared
// ones as the server's default, metadata as the changed and added keys only. Empty when nothing
// changed.
api::CronPatch toCronPatch(const CronDraft &original, const CronDraft &edited);
// The PATCH that sets exactly `fields` to their values in `draft` (crondeskctl update, a bulk
// edit); fields without a value as the server's default, metadata as given (merged).
api::CronPatch toCronPatch(const CronDraft &draft, const QList<DraftField> &fields);

// Whether the request sends `field`.
bool sends(const api::CronCreate &create, DraftField field);
bool sends(const api::CronPatch &patch, DraftField field);

} // namespace crondesk::models
