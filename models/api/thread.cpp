#include "thread.h"

#include "jsonlist.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crondesk::api {

QJsonObject ThreadSearchQuery::toJson() const
{
    QJsonObject body;
    if (!ids.isEmpty())
        body.insert("ids"_L1, QJsonArray::fromStringList(ids));
    if (!metadata.isEmpty())
        body.insert("metadata"_L1, metadata);
    if (!values.isEmpty())
        body.insert("values"_L1, values);
    if (!status.isEmpty())
        body.insert("status"_L1, status);
    insertPaging(&body, limit, offset, sortBy, sortOrder, select);
    return body;
}

std::optional<Thread> threadFromJson(const QJsonObject &object, QString *error)
{
    Thread thread;
    thread.threadId = stringOrEmpty(object.value("thread_id"_L1));
    if (thread.threadId.isEmpty()) {
        if (error)
            *error = u"a thread without a \"thread_id\" string"_s;
        return std::nullopt;
    }
    thread.status = stringOrEmpty(object.value("status"_L1));
    thread.createdAt = instantOrInvalid(object.value("created_at"_L1));
    thread.updatedAt = instantOrInvalid(object.value("updated_at"_L1));
    thread.stateUpdatedAt = instantOrInvalid(object.value("state_updated_at"_L1));
    thread.metadata = object.value("metadata"_L1).toObject();
    thread.config = object.value("config"_L1).toObject();
    thread.values = object.value("values"_L1).toObject();
    thread.interrupts = object.value("interrupts"_L1).toObject();
    return thread;
}

std::optional<QList<Thread>> threadListFromJson(const QByteArray &body, QString *error)
{
    return listFromJson<Thread>(body, "threads", threadFromJson, error);
}

QJsonObject threadToJson(const Thread &thread)
{
    return QJsonObject {
        {"thread_id"_L1, thread.threadId},
        {"status"_L1, thread.status},
        {"created_at"_L1, nullableInstant(thread.createdAt)},
        {"updated_at"_L1, nullableInstant(thread.updatedAt)},
        {"state_updated_at"_L1, nullableInstant(thread.stateUpdatedAt)},
        {"metadata"_L1, thread.metadata},
        {"config"_L1, thread.config},
        {"values"_L1, thread.values},
        {"interrupts"_L1, thread.interrupts},
    };
}

QJsonObject runToJson(const Run &run)
{
    return QJsonObject {
        {"run_id"_L1, run.runId},
        {"thread_id"_L1, run.threadId},
        {"assistant_id"_L1, run.assistantId},
        {"created_at"_L1, nullableInstant(run.createdAt)},
        {"updated_at"_L1, nullableInstant(run.updatedAt)},
        {"status"_L1, run.status},
        {"metadata"_L1, run.metadata},
        {"kwargs"_L1, run.kwargs},
        {"multitask_strategy"_L1, run.multitaskStrategy},
    };
}

std::optional<Run> runFromJson(const QJsonObject &object, QString *error)
{
    Run run;
    run.runId = stringOrEmpty(object.value("run_id"_L1));
    if (run.runId.isEmpty()) {
        if (error)
            *error = u"a run without a \"run_id\" string"_s;
        return std::nullopt;
    }
    run.threadId = stringOrEmpty(object.value("thread_id"_L1));
    run.assistantId = stringOrEmpty(object.value("assistant_id"_L1));
    run.status = stringOrEmpty(object.value("status"_L1));
    run.multitaskStrategy = stringOrEmpty(object.value("multitask_strategy"_L1));
    run.createdAt = instantOrInvalid(object.value("created_at"_L1));
    run.updatedAt = instantOrInvalid(object.value("updated_at"_L1));
    run.metadata = object.value("metadata"_L1).toObject();
    run.kwargs = object.value("kwargs"_L1).toObject();
    return run;
}

std::optional<QList<Run>> runListFromJson(const QByteArray &body, QString *error)
{
    return listFromJson<Run>(body, "runs", runFromJson, error);
}

} // namespace crondesk::api
