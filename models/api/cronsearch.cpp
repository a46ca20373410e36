#include "cronsearch.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crondesk::api {

QJsonObject CronSearchQuery::toJson() const
{
    QJsonObject body;
    if (!assistantId.isEmpty())
        body.insert("assistant_id"_L1, assistantId);
    if (!threadId.isEmpty())
        body.insert("thread_id"_L1, threadId);
    if (enabled.has_value())
        body.insert("enabled"_L1, *enabled);
    if (!metadata.isEmpty())
        body.insert("metadata"_L1, metadata);
    body.insert("limit"_L1, limit);
    body.insert("offset"_L1, offset);
    if (!sortBy.isEmpty())
        body.insert("sort_by"_L1, sortBy);
    if (!sortOrder.isEmpty())
        body.insert("sort_order"_L1, sortOrder);
    if (!select.isEmpty())
        body.insert("select"_L1, QJsonArray::fromStringList(select));
    return body;
}

QJsonObject CronCountQuery::toJson() const
{
    QJsonObject body;
    if (!assistantId.isEmpty())
        body.insert("assistant_id"_L1, assistantId);
    if (!threadId.isEmpty())
        body.insert("thread_id"_L1, threadId);
    if (!metadata.isEmpty())
        body.insert("metadata"_L1, metadata);
    return body;
}

} // namespace crondesk::api
