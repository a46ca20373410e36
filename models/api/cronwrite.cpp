#include "cronwrite.h"

#include "cron.h"
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

// `stored` holds everything `sent` holds: objects key by key (a server may add keys of its
// own, e.g. config.configurable), anything else exactly.
bool containsJson(const QJsonValue &stored, const QJsonValue &sent)
{
    if (!sent.isObject() || !stored.isObject())
        return stored == sent;
    const QJsonObject storedObject = stored.toObject();
    const QJsonObject sentObject = sent.toObject();
    for (auto it = sentObject.begin(); it != sentObject.end(); ++it) {
        if (!containsJson(storedObject.value(it.key()), it.value()))
            return false;
    }
    return true;
}

} // namespace

PatchReflected patchReflected(const CronPatch &patch, const Cron &cron)
{
    int seen = 0;
    bool differs = false;
    auto compare = [&](bool visible, bool equal) {
        if (!visible)
            return;
        ++seen;
        differs = differs || !equal;
    };
    if (patch.schedule)
        compare(true, cron.schedule == *patch.schedule);
    if (patch.timezone)
        compare(!cron.malformedField(u"timezone"), cron.timezone == *patch.timezone);
    if (patch.clearEndTime)
        compare(!cron.malformedField(u"end_time"), !cron.endTime.isValid());
    else if (patch.endTime && patch.endTime->isValid())
        compare(!cron.malformedField(u"end_time"), cron.endTime == *patch.endTime);
    if (patch.enabled)
        compare(!cron.malformedField(u"enabled"), cron.enabled == *patch.enabled);
    // Thread crons keep no on_run_completed: the server ignores it there.
    if (patch.onRunCompleted)
        compare(cron.isStateless(), cron.onRunCompleted == *patch.onRunCompleted);
    if (patch.metadata) {
        for (auto it = patch.metadata->begin(); it != patch.metadata->end(); ++it) {
            // Keys the server drops from metadata (api-contract §1) are never seen.
            const bool dropped = it.key() == "thread_id"_L1 || it.key() == "assistant_id"_L1
                || it.key() == "run_id"_L1 || it.key() == "cron_id"_L1;
            compare(!dropped, cron.metadata.value(it.key()) == it.value());
        }
    }
    // The run parameters, where the server keeps them (not every server echoes each).
    const QJsonObject body = patch.toJson();
    for (const auto key :
         {"input"_L1, "config"_L1, "context"_L1, "webhook"_L1, "interrupt_before"_L1,
          "interrupt_after"_L1, "multitask_strategy"_L1, "stream_mode"_L1, "stream_subgraphs"_L1,
          "stream_resumable"_L1, "durability"_L1}) {
        if (body.contains(key))
            compare(cron.payload.contains(key),
                    containsJson(cron.payload.value(key), body.value(key)));
    }
    if (differs)
        return PatchReflected::No;
    return seen > 0 ? PatchReflected::Yes : PatchReflected::Unknowable;
}

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
