#pragma once

#include <models/common/jsontext.h>
#include <models/editor/crondraft.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::models {

// One thing wrong with, or worth knowing about, a draft.
struct DraftProblem
{
    enum class Severity { Error, Warning };

    DraftField field = DraftField::None;
    Severity severity = Severity::Error;
    QString message; // a complete, translated sentence
    TextPosition position; // in the field's text, where it applies (JSON, schedule); else 0/0

    bool isError() const { return severity == Severity::Error; }
    friend bool operator==(const DraftProblem &, const DraftProblem &) = default;
};

// What validate() may know beyond the draft itself. All optional.
struct ValidationContext
{
    enum class Mode { Create, Edit };

    Mode mode = Mode::Create;
    std::optional<CronDraft> original; // Edit: the cron as the server has it
    QDateTime now; // for end-time checks; invalid: they are skipped
    // From the assistant's /schemas; empty: unknown. config_schema describes
    // config.configurable.
    QJsonObject inputSchema;
    QJsonObject configSchema;
    QJsonObject contextSchema;
    QStringList graphNodes; // node names of the assistant's graph; empty: unknown
    // The fields to check, when only some of the draft counts (crondeskctl's options, a bulk
    // edit): problems of the others are not reported. Empty: every field.
    QList<DraftField> fields;
};

// Why `metadata` may not be sent as it is, in a sentence, or empty: the correlation key
// (api::correlationMetadataKey) is Cron Desk's own, and a value typed by a user would make a new
// create look like an earlier one. `original` is the cron's metadata when editing (the key it
// already carries may stay as it is).
QString correlationKeyProblem(const QJsonObject &metadata, const QJsonObject &original = {});

// The editor's form rules, which crondeskctl applies to its options too, so that the two never
// disagree. Errors block submitting; warnings (cost, portability, schema mismatches, DST,
// plain-http webhooks, an end time that has passed, ...) are shown and do not.
QList<DraftProblem> validate(const CronDraft &draft, const ValidationContext &context = {});
bool hasErrors(const QList<DraftProblem> &problems);

} // namespace crondesk::models
