#pragma once

#include <models/api/cron.h>
#include <models/api/runcreate.h>
#include <models/connections/mutationpolicy.h>

#include <QLatin1StringView>
#include <QString>

namespace crondesk::models {

// Marks a run started by hand ("Run now"), so that a cron's history can tell it from firings.
inline constexpr QLatin1StringView runTriggerMetadataKey {"crondesk_trigger"};

// The run "Run now" starts for `cron`: its assistant and the run parameters of its payload, the
// metadata a firing's run carries (so that the run is found in the cron's history) plus
// crondesk_trigger: manual, and for a stateless cron its on_run_completed as on_completion —
// "keep" when `keepThread`, for a caller that must read the outcome after the run ends.
api::RunCreate runNowCreate(const api::Cron &cron, bool keepThread = false);

// What the thread's multitask strategy does to "Run now" while a run is active there, as a full
// sentence ("reject": the server refuses; "interrupt", "rollback": the active run is stopped;
// "enqueue" or unset: the new run waits). For a stateless cron, where its new thread goes.
QString runNowConsequence(const api::Cron &cron);

// The confirmation of "Run now": where, what it runs, and runNowConsequence().
MutationRequest runNowRequest(const api::Cron &cron, const MutationTarget &target);

} // namespace crondesk::models
