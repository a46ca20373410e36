#pragma once

#include <models/api/cron.h>

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QStringList>

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

// The stream modes the server knows, in the order the form lists them.
const QStringList &streamModeNames();

// The cron editor's form as the operator filled it in: every field as typed, JSON as text, so
// nothing is lost while it does not yet validate. The dialog reads and writes this, and
// crondeskctl builds one from its options; the rules (cronvalidation.h), the typed requests
// (cronmapping.h) and the before/after diff (crondiff.h) are pure functions of it.
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
    // The text of a JSON field: Input, Config, Context or Metadata (any other field: Metadata).
    const QString &jsonText(DraftField field) const;
    // The parsed value of a JSON field; undefined when its text is blank or not valid JSON.
    QJsonValue jsonValue(DraftField field) const;

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

} // namespace crondesk::models
