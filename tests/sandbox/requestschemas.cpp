#include "requestschemas.h"

namespace crondesk::sandbox::schemas {

using namespace Qt::StringLiterals;

namespace {

const QStringList streamModes
    = {u"values"_s,  u"messages"_s, u"messages-tuple"_s, u"tasks"_s, u"checkpoints"_s,
       u"updates"_s, u"events"_s,   u"debug"_s,          u"custom"_s};

JsonSchema config()
{
    return JsonSchema::object()
        .property(u"tags"_s, JsonSchema::arrayOf(JsonSchema::string()))
        .property(u"recursion_limit"_s, JsonSchema::integer())
        .property(u"configurable"_s, JsonSchema::object());
}

JsonSchema interrupts()
{
    return JsonSchema::anyOf(
        {JsonSchema::stringEnum({u"*"_s}), JsonSchema::arrayOf(JsonSchema::string())});
}

JsonSchema limit()
{
    return JsonSchema::integer().minimum(1).maximum(1000);
}

JsonSchema offset()
{
    return JsonSchema::integer().minimum(0);
}

// The fields CronCreate, ThreadCronCreate and CronPatch share.
JsonSchema cronFields(bool patch)
{
    JsonSchema schema = JsonSchema::object();
    schema.property(u"schedule"_s, JsonSchema::string())
        .property(u"timezone"_s, JsonSchema::string())
        .property(u"end_time"_s,
                  patch ? JsonSchema(JsonSchema::String | JsonSchema::Null) : JsonSchema::string())
        .property(
            u"input"_s,
            JsonSchema::anyOf({JsonSchema::arrayOf(JsonSchema::object()), JsonSchema::object()}))
        .property(u"metadata"_s, JsonSchema::object())
        .property(u"config"_s, config())
        .property(u"context"_s, JsonSchema::object())
        .property(u"webhook"_s, JsonSchema::string().minLength(1).maxLength(65536))
        .property(u"interrupt_before"_s, interrupts())
        .property(u"interrupt_after"_s, interrupts())
        .property(u"enabled"_s, JsonSchema::boolean())
        .property(u"stream_mode"_s,
                  JsonSchema::anyOf({JsonSchema::arrayOf(JsonSchema::stringEnum(streamModes)),
                                     JsonSchema::stringEnum(streamModes)}))
        .property(u"stream_subgraphs"_s, JsonSchema::boolean())
        .property(u"stream_resumable"_s, JsonSchema::boolean())
        .property(u"durability"_s, JsonSchema::stringEnum({u"sync"_s, u"async"_s, u"exit"_s}));
    return schema;
}

JsonSchema assistantId()
{
    // anyOf(uuid, graph id): both are strings, and formats are not asserted.
    return JsonSchema::string();
}

} // namespace

const QStringList &multitaskStrategies()
{
    static const QStringList values = {u"reject"_s, u"rollback"_s, u"interrupt"_s, u"enqueue"_s};
    return values;
}

const QStringList &cronSortFields()
{
    static const QStringList values
        = {u"cron_id"_s,  u"assistant_id"_s, u"thread_id"_s, u"next_run_date"_s,
           u"end_time"_s, u"created_at"_s,   u"updated_at"_s};
    return values;
}

const QStringList &cronSelectFields()
{
    static const QStringList values
        = {u"cron_id"_s,  u"assistant_id"_s,  u"thread_id"_s,  u"on_run_completed"_s, u"end_time"_s,
           u"schedule"_s, u"timezone"_s,      u"created_at"_s, u"updated_at"_s,       u"user_id"_s,
           u"payload"_s,  u"next_run_date"_s, u"metadata"_s,   u"enabled"_s};
    return values;
}

const QStringList &assistantSortFields()
{
    static const QStringList values
        = {u"assistant_id"_s, u"created_at"_s, u"updated_at"_s, u"name"_s, u"graph_id"_s};
    return values;
}

const QStringList &assistantSelectFields()
{
    static const QStringList values
        = {u"assistant_id"_s, u"graph_id"_s,   u"name"_s,       u"description"_s, u"config"_s,
           u"context"_s,      u"created_at"_s, u"updated_at"_s, u"metadata"_s,    u"version"_s};
    return values;
}

const QStringList &threadSortFields()
{
    static const QStringList values
        = {u"thread_id"_s, u"status"_s, u"created_at"_s, u"updated_at"_s, u"state_updated_at"_s};
    return values;
}

const QStringList &threadSelectFields()
{
    static const QStringList values
        = {u"thread_id"_s, u"created_at"_s, u"updated_at"_s, u"state_updated_at"_s, u"metadata"_s,
           u"config"_s,    u"status"_s,     u"values"_s,     u"interrupts"_s};
    return values;
}

const QStringList &threadStatuses()
{
    static const QStringList values = {u"idle"_s, u"busy"_s, u"interrupted"_s, u"error"_s};
    return values;
}

const QStringList &runStatuses()
{
    static const QStringList values
        = {u"pending"_s, u"running"_s, u"error"_s, u"success"_s, u"timeout"_s, u"interrupted"_s};
    return values;
}

const QStringList &runSelectFields()
{
    static const QStringList values = {u"run_id"_s,
                                       u"thread_id"_s,
                                       u"assistant_id"_s,
                                       u"created_at"_s,
                                       u"updated_at"_s,
                                       u"status"_s,
                                       u"metadata"_s,
                                       u"kwargs"_s,
                                       u"multitask_strategy"_s,
                                       u"langsmith_session_name"_s};
    return values;
}

const JsonSchema &cronCreate()
{
    static const JsonSchema schema = [] {
        JsonSchema s = cronFields(false);
        s.property(u"assistant_id"_s, assistantId())
            .property(u"on_run_completed"_s, JsonSchema::stringEnum({u"delete"_s, u"keep"_s}))
            .required({u"assistant_id"_s, u"schedule"_s});
        return s;
    }();
    return schema;
}

const JsonSchema &threadCronCreate()
{
    static const JsonSchema schema = [] {
        JsonSchema s = cronFields(false);
        s.property(u"assistant_id"_s, assistantId())
            .property(u"multitask_strategy"_s, JsonSchema::stringEnum(multitaskStrategies()))
            .required({u"assistant_id"_s, u"schedule"_s});
        return s;
    }();
    return schema;
}

// The fields RunCreateStateful and RunCreateStateless share.
JsonSchema runFields()
{
    JsonSchema schema = JsonSchema::object();
    schema.property(u"assistant_id"_s, assistantId())
        .property(u"input"_s, JsonSchema()) // any JSON value, null included
        .property(u"command"_s, JsonSchema(JsonSchema::Object | JsonSchema::Null))
        .property(u"metadata"_s, JsonSchema::object())
        .property(u"config"_s, config())
        .property(u"context"_s, JsonSchema::object())
        .property(u"webhook"_s, JsonSchema::string().minLength(1).maxLength(65536))
        .property(u"stream_mode"_s,
                  JsonSchema::anyOf({JsonSchema::arrayOf(JsonSchema::stringEnum(streamModes)),
                                     JsonSchema::stringEnum(streamModes)}))
        .property(u"stream_subgraphs"_s, JsonSchema::boolean())
        .property(u"stream_resumable"_s, JsonSchema::boolean())
        .property(u"feedback_keys"_s, JsonSchema::arrayOf(JsonSchema::string()))
        .property(u"after_seconds"_s, JsonSchema(JsonSchema::Number))
        .property(u"checkpoint_during"_s, JsonSchema::boolean())
        .property(u"durability"_s, JsonSchema::stringEnum({u"sync"_s, u"async"_s, u"exit"_s}))
        .required({u"assistant_id"_s});
    return schema;
}

const JsonSchema &runCreateStateful()
{
    static const JsonSchema schema = [] {
        JsonSchema s = runFields();
        s.property(u"checkpoint"_s, JsonSchema::object())
            .property(u"interrupt_before"_s, interrupts())
            .property(u"interrupt_after"_s, interrupts())
            .property(u"multitask_strategy"_s, JsonSchema::stringEnum(multitaskStrategies()))
            .property(u"if_not_exists"_s, JsonSchema::stringEnum({u"create"_s, u"reject"_s}));
        return s;
    }();
    return schema;
}

const JsonSchema &runCreateStateless()
{
    static const JsonSchema schema = [] {
        JsonSchema s = runFields();
        s.property(u"on_completion"_s, JsonSchema::stringEnum({u"delete"_s, u"keep"_s}));
        return s;
    }();
    return schema;
}

const JsonSchema &cronPatch()
{
    static const JsonSchema schema = [] {
        JsonSchema s = cronFields(true);
        s.property(u"on_run_completed"_s, JsonSchema::stringEnum({u"delete"_s, u"keep"_s}));
        return s;
    }();
    return schema;
}

const JsonSchema &cronSearch()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"assistant_id"_s, JsonSchema::string())
            .property(u"thread_id"_s, JsonSchema::string())
            .property(u"enabled"_s, JsonSchema::boolean())
            .property(u"metadata"_s, JsonSchema::object())
            .property(u"limit"_s, limit())
            .property(u"offset"_s, offset())
            .property(u"sort_by"_s, JsonSchema::stringEnum(cronSortFields()))
            .property(u"sort_order"_s, JsonSchema::stringEnum({u"asc"_s, u"desc"_s}))
            .property(u"select"_s, JsonSchema::arrayOf(JsonSchema::stringEnum(cronSelectFields())));
        return s;
    }();
    return schema;
}

const JsonSchema &cronCount()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"assistant_id"_s, JsonSchema::string())
            .property(u"thread_id"_s, JsonSchema::string())
            .property(u"metadata"_s, JsonSchema::object());
        return s;
    }();
    return schema;
}

const JsonSchema &assistantSearch()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"metadata"_s, JsonSchema::object())
            .property(u"graph_id"_s, JsonSchema::string())
            .property(u"name"_s, JsonSchema::string())
            .property(u"limit"_s, limit())
            .property(u"offset"_s, offset())
            .property(u"sort_by"_s, JsonSchema::stringEnum(assistantSortFields()))
            .property(u"sort_order"_s, JsonSchema::stringEnum({u"asc"_s, u"desc"_s}))
            .property(u"select"_s,
                      JsonSchema::arrayOf(JsonSchema::stringEnum(assistantSelectFields())));
        return s;
    }();
    return schema;
}

const JsonSchema &assistantCount()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"metadata"_s, JsonSchema::object())
            .property(u"graph_id"_s, JsonSchema::string())
            .property(u"name"_s, JsonSchema::string());
        return s;
    }();
    return schema;
}

const JsonSchema &threadCreate()
{
    static const JsonSchema schema = [] {
        JsonSchema ttl = JsonSchema::object();
        ttl.property(u"strategy"_s, JsonSchema::stringEnum({u"delete"_s, u"keep_latest"_s}))
            .property(u"ttl"_s, JsonSchema(JsonSchema::Number));
        JsonSchema superstep = JsonSchema::object();
        superstep.property(u"updates"_s, JsonSchema::arrayOf(JsonSchema::object()))
            .required({u"updates"_s});
        JsonSchema s = JsonSchema::object();
        s.property(u"thread_id"_s, JsonSchema::string())
            .property(u"metadata"_s, JsonSchema::object())
            .property(u"if_exists"_s, JsonSchema::stringEnum({u"raise"_s, u"do_nothing"_s}))
            .property(u"ttl"_s, ttl)
            .property(u"supersteps"_s, JsonSchema::arrayOf(superstep));
        return s;
    }();
    return schema;
}

const JsonSchema &threadSearch()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"ids"_s, JsonSchema::arrayOf(JsonSchema::string()))
            .property(u"metadata"_s, JsonSchema::object())
            .property(u"values"_s, JsonSchema::object())
            .property(u"status"_s, JsonSchema::stringEnum(threadStatuses()))
            .property(u"limit"_s, limit())
            .property(u"offset"_s, offset())
            .property(u"sort_by"_s, JsonSchema::stringEnum(threadSortFields()))
            .property(u"sort_order"_s, JsonSchema::stringEnum({u"asc"_s, u"desc"_s}))
            .property(u"select"_s,
                      JsonSchema::arrayOf(JsonSchema::stringEnum(threadSelectFields())))
            .property(
                u"extract"_s,
                JsonSchema::object().maxProperties(10).additionalProperties(JsonSchema::string()));
        return s;
    }();
    return schema;
}

const JsonSchema &threadCount()
{
    static const JsonSchema schema = [] {
        JsonSchema s = JsonSchema::object();
        s.property(u"metadata"_s, JsonSchema::object())
            .property(u"values"_s, JsonSchema::object())
            .property(u"status"_s, JsonSchema::stringEnum(threadStatuses()));
        return s;
    }();
    return schema;
}

} // namespace crondesk::sandbox::schemas
