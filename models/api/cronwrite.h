#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace crondesk::api {

// The body of POST /runs/crons and POST /threads/{thread_id}/runs/crons (api-contract §2.1, §2.2).
// Like the SDKs, toJson() sends only what was set: an unset optional never reaches the wire, a set
// `enabled = false` does (§7.4), and nothing is ever sent as null.
struct CronCreate
{
    QString assistantId; // an assistant UUID or a graph name (the server resolves graph names)
    QString schedule;
    std::optional<QString> timezone; // IANA name; unset means the server's default, UTC
    std::optional<QDateTime> endTime; // sent as an aware UTC timestamp ("...+00:00")
    std::optional<QJsonValue> input; // an object or an array of objects
    std::optional<QJsonObject> metadata;
    std::optional<QJsonObject> config;
    std::optional<QJsonObject> context;
    std::optional<QString> webhook;
    std::optional<QJsonValue> interruptBefore; // "*" or an array of node names
    std::optional<QJsonValue> interruptAfter; // "*" or an array of node names
    std::optional<QString> onRunCompleted; // "delete" or "keep"; stateless crons only
    std::optional<QString> multitaskStrategy; // reject, interrupt, rollback, enqueue
    std::optional<bool> enabled;
    std::optional<QJsonValue> streamMode; // a mode name or an array of them
    std::optional<bool> streamSubgraphs;
    std::optional<bool> streamResumable;
    std::optional<QString> durability; // sync, async, exit

    // The stateless-cron body. For a thread cron ApiClient drops `on_run_completed`, which
    // ThreadCronCreate does not declare and the server ignores.
    QJsonObject toJson() const;

    friend bool operator==(const CronCreate &, const CronCreate &) = default;
};

// The body of PATCH /runs/crons/{cron_id} (api-contract §2.4): only the fields to change.
// `end_time: null` is sent only when clearEndTime is set, which wins over endTime; metadata is
// merged into the cron's by the server, every other field replaces its value.
struct CronPatch
{
    std::optional<QString> schedule;
    std::optional<QString> timezone;
    std::optional<QDateTime> endTime;
    bool clearEndTime = false;
    std::optional<QJsonValue> input;
    std::optional<QJsonObject> metadata;
    std::optional<QJsonObject> config;
    std::optional<QJsonObject> context;
    std::optional<QString> webhook;
    std::optional<QJsonValue> interruptBefore;
    std::optional<QJsonValue> interruptAfter;
    std::optional<QString> onRunCompleted;
    // Not declared by CronPatch in the OpenAPI; sent when set, but servers may ignore it.
    std::optional<QString> multitaskStrategy;
    std::optional<bool> enabled;
    std::optional<QJsonValue> streamMode;
    std::optional<bool> streamSubgraphs;
    std::optional<bool> streamResumable;
    std::optional<QString> durability;

    QJsonObject toJson() const;
    // True when there is nothing to send: the server answers an empty PATCH with 400.
    bool isEmpty() const { return toJson().isEmpty(); }

    friend bool operator==(const CronPatch &, const CronPatch &) = default;
};

struct Cron;

// Whether a cron as read back shows the values a PATCH asked for: Yes when every field that can be
// seen matches (metadata: each key sent; the run parameters: where the payload carries them), No
// when one does not, Unknowable when none of them can be seen on the cron.
enum class PatchReflected { Yes, No, Unknowable };
PatchReflected patchReflected(const CronPatch &patch, const Cron &cron);

// The metadata key CronCreator puts on every cron it creates, so that after an ambiguous failure
// a metadata search tells whether the cron exists. Not one of the server's reserved keys.
inline constexpr QLatin1StringView correlationMetadataKey {"crondesk_request_id"};

} // namespace crondesk::api
