#pragma once

#include <models/api/cron.h>
#include <models/api/cronwrite.h>
#include <models/editor/crondiff.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::models {

// What a bulk edit changes on every cron it touches (docs/bulk-edit.md). Every member left unset
// leaves that field alone. Metadata keys can be added or changed, not removed: PATCH merges
// metadata key by key and has no way to drop one (api-contract §2.4).
struct BulkEdit
{
    enum class EndTime { Keep, Set, Clear };
    enum class Schedule { Keep, Replace, Shift };

    std::optional<bool> enabled;
    std::optional<QString> timezone; // an IANA name; empty: the server default, UTC
    EndTime endTimeChange = EndTime::Keep;
    QDateTime endTime; // Set: the instant (kept as that instant whatever the cron's zone)
    QJsonObject metadata; // keys to add or change
    std::optional<QString> webhook;
    std::optional<QString> onRunCompleted; // stateless crons only: delete or keep
    std::optional<QString> multitaskStrategy; // thread crons only
    Schedule scheduleChange = Schedule::Keep;
    QString schedule; // Replace: the new expression
    int shiftMinutes = 0; // Shift: by this many minutes, later when positive

    // True when it changes nothing at all.
    bool isEmpty() const;

    friend bool operator==(const BulkEdit &, const BulkEdit &) = default;
};

// One cron of a bulk edit: what it sends, what that changes, or why it is left out.
struct BulkRow
{
    api::Cron cron; // as read before the edit
    api::CronPatch patch; // only the fields that change; empty when skipped
    QList<FieldChange> changes; // field-level before and after, in form order
    QDateTime nextRunBefore; // the cron's next fire time before and after the edit, computed
    QDateTime nextRunAfter; // from its schedule, zone and end; invalid: none (or paused)
    QString skipReason; // why it is left out, a full sentence; empty when it is sent
    QStringList warnings; // what the editor would warn about (full sentences)

    bool isSkipped() const { return !skipReason.isEmpty(); }
};

struct BulkPlan
{
    BulkEdit edit;
    QList<BulkRow> rows; // in the order of the crons given

    qsizetype changeCount() const;
    qsizetype skipCount() const { return rows.size() - changeCount(); }
};

// The plan of `edit` over `crons`: for each cron the PATCH with only the fields that change (the
// editor's own mapping, toCronPatch, on the cron's draft and the edited draft), the field-level
// diff, the next run before and after (from `now`), or why it is skipped: nothing changes, the
// schedule cannot be shifted (shiftSchedule says why), a field does not apply to the cron (on
// run completed to thread crons, the multitask strategy to stateless ones) and nothing else
// changes, or the editor's rules refuse the result (models::validate's first error). Pure.
BulkPlan planBulkEdit(const QList<api::Cron> &crons, const BulkEdit &edit, const QDateTime &now);

// The preview as JSON (crondeskctl crons update --dry-run --format json): per cron its id, the
// PATCH body it would send, the field-level changes (field key, metadata key, before and after
// as display text), the next run before and after (RFC 3339 UTC, null for none), or skipped with
// the reason.
QJsonArray bulkPlanToJson(const BulkPlan &plan);

} // namespace crondesk::models
