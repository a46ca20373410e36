#pragma once

#include <models/api/lazyjson.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::api {

// A field the server sent with a value the client cannot use: of the wrong JSON type (a string for
// `payload`, an array for `metadata`), a timestamp that is not one, or an object nested too deeply
// to read. The cron keeps the field empty, and this says what actually arrived.
struct MalformedField
{
    QString field; // the wire name: "next_run_date", "payload", ...
    QString received; // the value as received, compact JSON, cut to maxReceivedLength characters
    QString problem; // what is wrong with it, a short phrase: "not a timestamp"

    static constexpr qsizetype maxReceivedLength = 200;
    friend bool operator==(const MalformedField &, const MalformedField &) = default;
};

// The deepest nesting of `payload` or `metadata` the client reads (QJsonDocument's own limit, which
// is also what the sandbox and the Agent Server accept in a request). A deeper one is kept out of
// the cron and recorded as a MalformedField; the rest of the cron, and of its page, is read.
inline constexpr int maxReadableNesting = 1024;

// A cron job as the Agent Server returns it (api-contract §3). Nullable strings are empty when the
// server sent null or nothing; nullable instants are invalid. The run parameters (input, config,
// context, webhook, interrupts, multitask strategy, stream options) live only in `payload`.
struct Cron
{
    QString cronId;
    QString assistantId;
    QString threadId; // empty: a stateless cron, a new thread per firing
    QString schedule;
    QString timezone; // empty: the server default, UTC
    QString onRunCompleted; // "delete", "keep", or empty (thread crons, old servers)
    QString userId;
    QDateTime endTime;
    QDateTime nextRunDate; // always UTC on the wire
    QDateTime createdAt;
    QDateTime updatedAt;
    // Nested objects read as QJsonObject; from a list they are parsed on first use
    // (LazyJsonObject).
    LazyJsonObject payload;
    LazyJsonObject metadata;
    bool enabled = true; // servers before 0.7.15 cannot pause, so a missing flag means enabled
    // Fields the server sent but that could not be read, by wire name; each of them is empty (or
    // at its default) above. Empty when the server sent nothing wrong.
    QList<MalformedField> malformed;

    bool isStateless() const { return threadId.isEmpty(); }
    // What was wrong with `field` (a wire name), or nullptr when nothing was.
    const MalformedField *malformedField(QStringView field) const;

    // Run parameters read from `payload`, where the server keeps them. A payload that is still
    // text is parsed for the read only and stays text (a table of 100,000 crons keeps them
    // compact); runParameters() reads both at once.
    struct RunParameters
    {
        QString webhook;
        QString multitaskStrategy; // empty: the server's default, enqueue
    };
    RunParameters runParameters() const;
    QString webhook() const { return runParameters().webhook; }
    QString multitaskStrategy() const { return runParameters().multitaskStrategy; }

    friend bool operator==(const Cron &, const Cron &) = default;
};

// How much a cron object must carry to decode: everything a search returns by default, or only the
// id (answers to a search with `select`).
enum class CronDecoding { Full, IdOnly };

// Decodes one cron. Only `cron_id` and `schedule` are required (non-empty strings); every other
// field may be missing or null, and one of the wrong type is treated as missing rather than
// failing the whole page, and recorded in `malformed`. On failure returns nullopt and describes
// the problem in `error`.
std::optional<Cron> cronFromJson(const QJsonObject &object, QString *error = nullptr,
                                 CronDecoding decoding = CronDecoding::Full);

// Decodes a JSON array of crons, as search answers. Fails as a whole when the body is not an
// array or any element is not a decodable cron: a silently shortened page would hide crons.
// Every byte is validated, but `payload` and `metadata` stay text until first read (a 1,000-cron
// page then decodes several times faster than through QJsonDocument).
std::optional<QList<Cron>> cronListFromJson(const QByteArray &body, QString *error = nullptr,
                                            CronDecoding decoding = CronDecoding::Full);
// Decodes an answer that is one cron (create, get, update) with the same decoder, so that a cron
// the list reads is read alike on its own, however deeply its payload nests.
std::optional<Cron> cronFromJsonText(const QByteArray &body, QString *error = nullptr);

// The text MalformedField::received holds for a value given as JSON text: compact, cut short.
QString malformedExcerpt(QByteArrayView json);

// What can be wrong with a field, in MalformedField::problem's words.
enum class MalformedProblem {
    NotText,
    NotTimestamp,
    NotObject,
    NotBoolean,
    TooDeep,
    NumberOutOfRange, // valid JSON, but a number in it is beyond what a double holds
};
QString malformedProblem(MalformedProblem problem);
// Orders a cron's malformed fields by name, as both decoders leave them.
void sortMalformed(QList<MalformedField> *fields);

// The wire form of a cron, with null for empty nullable fields (what the server would send).
QJsonObject cronToJson(const Cron &cron);

} // namespace crondesk::api
