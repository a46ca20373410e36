#pragma once

#include <models/api/cron.h>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::api {

// The body of POST /runs/crons/search (api-contract §2.6). Like the SDKs, limit and offset are
// always sent; the filters only when set, `enabled: false` included.
struct CronSearchQuery
{
    QString assistantId; // a UUID: the server rejects graph names here
    QString threadId;
    std::optional<bool> enabled;
    QJsonObject metadata; // exact match per key
    int limit = 10; // 1..1000
    int offset = 0;
    QString
        sortBy; // cron_id, assistant_id, thread_id, next_run_date, end_time, created_at, updated_at
    QString sortOrder; // asc or desc
    QStringList select; // "now" is never sent

    QJsonObject toJson() const;
};

// The body of POST /runs/crons/count: the same filters, without `enabled`, limit or paging.
struct CronCountQuery
{
    QString assistantId;
    QString threadId;
    QJsonObject metadata;

    QJsonObject toJson() const;
};

// One page of search results, with where the next page starts when the server says there is one.
struct CronPage
{
    QList<Cron> crons;
    int offset = 0;
    std::optional<int> nextOffset;
};

} // namespace crondesk::api
