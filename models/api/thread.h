#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::api {

// A thread as /threads, /threads/search and /threads/{id} return it (api-contract §4.4). Only
// `thread_id` is required; anything else missing or null reads as empty.
struct Thread
{
    QString threadId;
    QString status; // idle, busy, interrupted, error
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime stateUpdatedAt;
    QJsonObject metadata;
    QJsonObject config;
    QJsonObject values;
    QJsonObject interrupts;

    friend bool operator==(const Thread &, const Thread &) = default;
};

// A run of a thread, as GET /threads/{id}/runs lists them (api-contract §4.5).
struct Run
{
    QString runId;
    QString threadId;
    QString assistantId;
    QString status; // pending, running, error, success, timeout, interrupted
    QString multitaskStrategy;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject metadata;
    QJsonObject kwargs;

    friend bool operator==(const Run &, const Run &) = default;
};

// The body of POST /threads/search. Limit and offset are always sent, the rest only when set.
struct ThreadSearchQuery
{
    QStringList ids;
    QJsonObject metadata;
    QJsonObject values;
    QString status;
    int limit = 10; // 1..1000
    int offset = 0;
    QString sortBy; // thread_id, status, created_at, updated_at, state_updated_at
    QString sortOrder; // asc, desc
    QStringList select;

    QJsonObject toJson() const;
};

std::optional<Thread> threadFromJson(const QJsonObject &object, QString *error = nullptr);
std::optional<QList<Thread>> threadListFromJson(const QByteArray &body, QString *error = nullptr);
QJsonObject threadToJson(const Thread &thread);

std::optional<Run> runFromJson(const QJsonObject &object, QString *error = nullptr);
std::optional<QList<Run>> runListFromJson(const QByteArray &body, QString *error = nullptr);
QJsonObject runToJson(const Run &run);

} // namespace crondesk::api
