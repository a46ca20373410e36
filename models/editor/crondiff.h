#pragma once

#include <models/editor/crondraft.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// A field's value as the operator would read it ("UTC (server default)", "all nodes", ...).
QString displayValue(const CronDraft &draft, DraftField field);

// One row of the confirmation before an edit is saved.
struct FieldChange
{
    DraftField field = DraftField::None;
    QString before; // display text
    QString after;
    // Metadata only: the key this row changes. The server merges metadata key by key, so the
    // diff shows it that way, one row per added or changed key.
    QString key = {};

    friend bool operator==(const FieldChange &, const FieldChange &) = default;
};

// The fields an edit changes, in form order, with their display text before and after: read
// from the PATCH itself (toCronPatch), so it lists exactly what is sent. Metadata comes as one
// row per key sent (its JSON value before, or "not set", and after), so a key the edit leaves
// alone, such as the correlation key Cron Desk put there on create, never shows.
QList<FieldChange> diff(const CronDraft &original, const CronDraft &edited);

// Metadata keys the edited text no longer has but the server keeps, because PATCH merges
// metadata and cannot remove a key. Sorted.
QStringList keptMetadataKeys(const CronDraft &original, const CronDraft &edited);

} // namespace crondesk::models
