#pragma once

#include <models/api/cron.h>
#include <models/api/thread.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace crondesk::models {

// How surely a run was started by a cron, as far as the API lets a client tell. The server copies
// a cron's metadata onto every run it starts (api-contract §6.9) and keeps no cron id on the run,
// so the metadata is all there is.
enum class RunMatch {
    None, // not this cron's run
    Exact, // the run carries the cron's correlation key (crondesk_request_id) with its value
    Metadata, // every key of the cron's run metadata is on the run with the same value
    ThreadOnly, // the cron has no run metadata: any run on its thread may be its own
};

// What a run came to, for display: the statuses of the Run schema read as outcomes.
enum class RunOutcome { Pending, Running, Succeeded, Failed, Interrupted, TimedOut, Unknown };

RunOutcome runOutcome(const QString &status);
// "Succeeded", "Failed", ... (translated).
QString runOutcomeText(RunOutcome outcome);
bool isActive(RunOutcome outcome);
// From creation to the last change, for a run that has ended; nullopt while it is active or
// when a timestamp is missing.
std::optional<qint64> runDurationMs(const api::Run &run);

// The metadata every run of `cron` carries: the cron's metadata overlaid with payload.metadata,
// as the server's scheduler builds it.
QJsonObject runMetadataOf(const api::Cron &cron);

// Whether `run` is one of `cron`'s. A run on another thread never is (for a thread cron).
RunMatch matchRun(const api::Cron &cron, const api::Run &run);

// One cron's runs, told apart from the other runs of its thread.
struct CronRunHistory
{
    // Whether the server can have any history for the cron at all.
    bool available = true;
    // Why not, as a full sentence, when it cannot (stateless crons whose threads are deleted).
    QString unavailableReason;
    // The weakest match among `runs`: ThreadOnly means they could be another cron's.
    RunMatch match = RunMatch::Exact;
    QList<api::Run> runs; // the cron's, newest first
    QList<api::Run> otherRuns; // the rest of its thread's runs, newest first
    // What its newest failed runs ended with (runErrorText()), by run id, where the server said.
    QHash<QString, QString> errors;

    // The newest run, and the newest that succeeded, when there are any.
    std::optional<api::Run> lastRun() const;
    std::optional<api::Run> lastSuccess() const;
};

// The error a run ended with, from the answer of GET .../runs/{run_id}/join
// ({"__error__": {"error": "ValueError", "message": "..."}}): "ValueError: ..."; nullopt when
// the answer carries no error.
std::optional<QString> runErrorText(const QJsonObject &joined);

// Why a cron has no history the server could show, or nullopt when it may have one: a stateless
// cron with on_run_completed "delete" (the default) loses each run with its thread.
std::optional<QString> noHistoryReason(const api::Cron &cron);

// Sorts `runs` (a thread's, or several threads' runs) into `cron`'s and the others. `siblings`
// are the other crons that may have started runs on the same threads: a run that matches one of
// them more surely (its correlation key, or more of its metadata) is theirs, not this cron's, so
// two crons on one thread are told apart even when one's metadata contains the other's.
CronRunHistory historyOf(const api::Cron &cron, const QList<api::Run> &runs,
                         const QList<api::Cron> &siblings = {});

// The threads where a stateless cron with on_run_completed "keep" left its runs: the server
// creates each with metadata {graph_id, assistant_id}, so they are found by the assistant.
api::ThreadSearchQuery historyThreadQuery(const api::Cron &cron, int limit = 20);

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::CronRunHistory)
