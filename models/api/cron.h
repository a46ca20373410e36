#pragma once

#include <models/api/lazyjson.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::api {

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

    bool isStateless() const { return threadId.isEmpty(); }

    // Run parameters read from `payload`, where the server keeps them.
    QString webhook() const;
    QString multitaskStrategy() const;

    friend bool operator==(const Cron &, const Cron &) = default;
};

// How much a cron object must carry to decode: everything a search returns by default, or only the
// id (answers to a search with `select`).
enum class CronDecoding { Full, IdOnly };

// Decodes one cron. Only `cron_id` and `schedule` are required (non-empty strings); every other
// field may be missing or null, and one of the wrong type is treated as missing rather than
// failing the whole page. On failure returns nullopt and describes the problem in `error`.
std::optional<Cron> cronFromJson(const QJsonObject &object, QString *error = nullptr,
                                 CronDecoding decoding = CronDecoding::Full);

// Decodes a JSON array of crons, as search answers. Fails as a whole when the body is not an
// array or any element is not a decodable cron: a silently shortened page would hide crons.
// Every byte is validated, but `payload` and `metadata` stay text until first read (a 1,000-cron
// page then decodes several times faster than through QJsonDocument).
std::optional<QList<Cron>> cronListFromJson(const QByteArray &body, QString *error = nullptr,
                                            CronDecoding decoding = CronDecoding::Full);

// The wire form of a cron, with null for empty nullable fields (what the server would send).
QJsonObject cronToJson(const Cron &cron);

} // namespace crondesk::api
