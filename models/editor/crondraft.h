#pragma once

#include <models/api/cron.h>
#include <models/api/cronwrite.h>
#include <models/common/jsontext.h>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::models {

// The fields of the cron editor, in form order. Problems, diff rows and server errors name one.
enum class DraftField {
    None, // the draft as a whole, or a server error that names no field
    Target,
    Assistant,
    Thread,
    Schedule,
    Timezone,
    EndTime,
    Enabled,
    Input,
    Config,
    Context,
    Metadata,
    InterruptBefore,
    InterruptAfter,
    Webhook,
    MultitaskStrategy,
    OnRunCompleted,
    StreamMode,
    StreamSubgraphs,
    StreamResumable,
    Durability,
    Count
};

// "Schedule", "Interrupt before", ... (translated).
QString draftFieldLabel(DraftField field);
// The request key: "schedule", "interrupt_before", ...; empty for None.
QString draftFieldKey(DraftField field);
// The field a server error names ("end_time", "assistant_id", "config", "stream_mode", ...);
// None when it names none the editor has.
DraftField draftFieldFromKey(QStringView key);

// What to interrupt a run at: nothing, every node ("*"), or the named nodes.
struct InterruptNodes
{
    enum class Mode { None, All, Selected };

    Mode mode = Mode::None;
    QStringList nodes; // for Selected

    // "*", ["a", "b"], or undefined for None.
    QJsonValue toJson() const;
    // Reads "*" or an array of strings; anything else (null, missing, []) is None.
    static InterruptNodes fromJson(const QJsonValue &value);

    friend bool operator==(const InterruptNodes &, const InterruptNodes &) = default;
};

// The cron editor's form as the operator filled it in: every field as typed, JSON as text, so
// nothing is lost while it does not yet validate. The dialog reads and writes this; the rules
// (validate), the request bodies and the before/after diff are pure functions of it.
struct CronDraft
{
    enum class Target { Stateless, Thread };

    Target target = Target::Stateless;
    QString assistant; // an assistant id (UUID) or a graph name
    QString threadId; // thread crons
    bool createThread = false; // thread crons: start a new thread when saving

    QString schedule;
    QString timezone; // IANA name; empty: the server default, UTC
    // The end as a wall-clock date and time read in `timezone` (only date() and time() count;
    // the time spec is ignored). Invalid: no end.
    QDateTime endTime;
    bool enabled = true;

    // JSON text; blank means "not set".
    QString input;
    QString config;
    QString context;
    QString metadata;

    InterruptNodes interruptBefore;
    InterruptNodes interruptAfter;
    QString webhook;
    QString multitaskStrategy; // thread crons; empty: the server default (enqueue)
    QString onRunCompleted; // stateless crons; empty: the server default (delete)
    QStringList streamModes; // empty: the server default (values)
    bool streamSubgraphs = false;
    bool streamResumable = false;
    QString durability; // empty: the server default (async)

    bool isThreadBound() const { return target == Target::Thread; }

    // The end time as an instant in UTC; invalid when there is none or the zone is unknown.
    QDateTime endInstant() const;

    // The form for editing `cron`, with the run parameters read from its payload where the
    // server keeps them (api-contract §3.2) and its end time shown in its own zone.
    static CronDraft fromCron(const api::Cron &cron);
    // The form for a new cron made from `cron`: the same, minus what identifies the original
    // (a correlation key the client put into its metadata).
    static CronDraft cloneOf(const api::Cron &cron);
    // The same draft without the correlation key Cron Desk puts into the metadata of every cron
    // it creates (api::correlationMetadataKey). It is Cron Desk's bookkeeping, set on every
    // create whatever the text says and kept by the server through every edit (PATCH merges
    // metadata), so the editor, its review and its diff leave it out.
    CronDraft withoutCorrelationKey() const;

    friend bool operator==(const CronDraft &, const CronDraft &) = default;
};

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
};

// Why `metadata` may not be sent as it is, in a sentence, or empty: the correlation key
// (api::correlationMetadataKey) is Cron Desk's own, and a value typed by a user would make a new
// create look like an earlier one. `original` is the cron's metadata when editing (the key it
// already carries may stay as it is). Shared by the editor (validate) and crondeskctl.
QString correlationKeyProblem(const QJsonObject &metadata, const QJsonObject &original = {});

// The editor's form rules. Errors block submitting; warnings (cost, portability, schema
// mismatches, DST, plain-http webhooks, ...) are shown and do not.
QList<DraftProblem> validate(const CronDraft &draft, const ValidationContext &context = {});
bool hasErrors(const QList<DraftProblem> &problems);

// The value a draft sends for `field` on create, as JSON; undefined when the field is unset (so
// the server applies its default) or does not apply to the draft's target. Requires a draft
// whose JSON fields parse.
QJsonValue wireValue(const CronDraft &draft, DraftField field);

// The create body for `draft` (without the thread id, which goes in the path).
QJsonObject createBody(const CronDraft &draft);

// The PATCH body that turns `original` into `edited`: only the fields that changed. A cleared
// end time is sent as null; a cleared optional field as the server's default; metadata, which
// the server merges, as the changed and added keys only. Empty when nothing changed.
QJsonObject patchBody(const CronDraft &original, const CronDraft &edited);

// The create request for `draft` (createBody() as the API layer's value type).
api::CronCreate toCronCreate(const CronDraft &draft);
// The minimal PATCH from `original` to `edited` (patchBody() as the API layer's value type).
api::CronPatch toCronPatch(const CronDraft &original, const CronDraft &edited);

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

// The fields an edit changes, in form order, with their display text before and after: exactly
// what patchBody() sends. Metadata comes as one row per key sent (its JSON value before, or "not
// set", and after), so a key the edit leaves alone, such as the correlation key Cron Desk put
// there on create, never shows.
QList<FieldChange> diff(const CronDraft &original, const CronDraft &edited);

// Metadata keys the edited text no longer has but the server keeps, because PATCH merges
// metadata and cannot remove a key. Sorted.
QStringList keptMetadataKeys(const CronDraft &original, const CronDraft &edited);

// A field's value as the operator would read it ("UTC (server default)", "all nodes", ...).
QString displayValue(const CronDraft &draft, DraftField field);

} // namespace crondesk::models
