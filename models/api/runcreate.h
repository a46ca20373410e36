#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace crondesk::api {

// The body of POST /threads/{thread_id}/runs (RunCreateStateful) and POST /runs
// (RunCreateStateless), as openapi-agent-server-runs.json names the fields. Only `assistantId` is
// required; every other field is sent only when set, so the server's defaults apply.
struct RunCreate
{
    QString assistantId; // a UUID or a graph name
    QJsonValue input = QJsonValue::Undefined; // any JSON value; undefined: not sent
    std::optional<QJsonObject> metadata;
    std::optional<QJsonObject> config;
    std::optional<QJsonObject> context;
    QString webhook;
    QJsonValue interruptBefore = QJsonValue::Undefined; // "*" or an array of node names
    QJsonValue interruptAfter = QJsonValue::Undefined;
    QString multitaskStrategy; // reject, rollback, interrupt, enqueue (stateful only)
    QString ifNotExists; // create, reject (stateful only)
    QString onCompletion; // delete, keep (stateless only)

    // The stateful body leaves out on_completion, the stateless one the thread-only fields.
    QJsonObject toJson(bool stateless) const;
    // The run a cron would start: its assistant and the run parameters of its payload
    // (input, metadata, config, context, webhook, interrupts, multitask_strategy).
    static RunCreate fromCronPayload(const QString &assistantId, const QJsonObject &payload);
};

// What POST /threads/{thread_id}/runs/{run_id}/cancel does with the run.
enum class CancelAction {
    Interrupt, // the run ends as interrupted
    Rollback, // the run and its checkpoints are removed
};

} // namespace crondesk::api
