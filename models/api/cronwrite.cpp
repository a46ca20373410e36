#include "cronwrite.h"

#include "timestamp.h"

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

template<typename T>
void insertIfSet(QJsonObject &body, QLatin1StringView key, const std::optional<T> &value)
{
    if (value)
        body.insert(key, QJsonValue(*value));
}

void insertIfSet(QJsonObject &body, QLatin1StringView key, const std::optional<QJsonValue> &value)
{
    // An undefined QJsonValue is the JSON form of "not given"; it must not turn into null.
    if (value && !value->isUndefined())
        body.insert(key, *value);
}

void insertIfSet(QJsonObject &body, QLatin1StringView key, const std::optional<QDateTime> &value)
{
    if (value && value->isValid())
        body.insert(key, formatTimestamp(*value));
}

// The run parameters CronCreate and CronPatch share, under their wire names.
template<typename Body>
void insertRunFields(QJsonObject &json, const Body &body)
{
    insertIfSet(json, "input"_L1, body.input);
    insertIfSet(json, "metadata"_L1, body.metadata);
    insertIfSet(json, "config"_L1, body.config);
    insertIfSet(json, "context"_L1, body.context);
    insertIfSet(json, "webhook"_L1, body.webhook);
    insertIfSet(json, "interrupt_before"_L1, body.interruptBefore);
    insertIfSet(json, "interrupt_after"_L1, body.interruptAfter);
    insertIfSet(json, "on_run_completed"_L1, body.onRunCompleted);
    insertIfSet(json, "multitask_strategy"_L1, body.multitaskStrategy);
    insertIfSet(json, "enabled"_L1, body.enabled);
    insertIfSet(json, "stream_mode"_L1, body.streamMode);
    insertIfSet(json, "stream_subgraphs"_L1, body.streamSubgraphs);
    insertIfSet(json, "stream_resumable"_L1, body.streamResumable);
    insertIfSet(json, "durability"_L1, body.durability);
}

} // namespace

QJsonObject CronCreate::toJson() const
{
    QJsonObject json;
    json.insert("assistant_id"_L1, assistantId);
    json.insert("schedule"_L1, schedule);
    insertIfSet(json, "timezone"_L1, timezone);
    insertIfSet(json, "end_time"_L1, endTime);
    insertRunFields(json, *this);
    return json;
}

QJsonObject CronPatch::toJson() const
{
    QJsonObject json;
    insertIfSet(json, "schedule"_L1, schedule);
    insertIfSet(json, "timezone"_L1, timezone);
    if (clearEndTime)
        json.insert("end_time"_L1, QJsonValue(QJsonValue::Null));
    else
        insertIfSet(json, "end_time"_L1, endTime);
    insertRunFields(json, *this);
    return json;
}

} // namespace crondesk::api
