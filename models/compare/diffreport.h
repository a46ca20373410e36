#pragma once

#include <models/compare/attribution.h>
#include <models/compare/snapshotdiff.h>

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace crondesk::models {

// One side of a diff as the report names it.
struct DiffSide
{
    QString source; // a file, "@profile" or a URL, as the user gave it (without credentials)
    QDateTime takenAt;
};

struct DiffReport
{
    DiffSide oldSide;
    DiffSide newSide;
    SnapshotDiff diff;
    DiffAttribution attribution; // empty: the journal was not consulted
};

enum class DiffFormat { Table, Json, Markdown, Html };

// "table", "json", "markdown" (or "md"), "html"; nullopt for anything else.
std::optional<DiffFormat> parseDiffFormat(const QString &text);

// {"old": {"source", "taken_at"}, "new": {...}, "added": [cron...], "removed": [cron...],
//  "changed": [{"old_id", "new_id", "fields": {"schedule": {"old", "new"}, ...}, "attribution"}],
//  "ambiguous": [{"key", "old": [id...], "new": [id...]}], "unchanged": N,
//  "attribution": {"added": [text...], "removed": [text...]}}
// A field missing on one side has no "old" (or "new") member; "attribution" only when the journal
// was consulted.
QJsonObject diffReportToJson(const DiffReport &report);

// The report in a format: a terminal table (server text made safe to print), JSON as above,
// Markdown, or a standalone HTML page (every value escaped).
QByteArray renderDiffReport(const DiffReport &report, DiffFormat format);

} // namespace crondesk::models
