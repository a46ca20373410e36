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
    // "now" is an internal scheduler column that older SDKs still list; servers from 0.6.35 refuse
    // it with 422, so it is never sent (api-contract §2.6).
    QStringList fields = select;
    fields.removeAll(u"now"_s);
    if (!fields.isEmpty())
        body.insert("select"_L1, QJsonArray::fromStringList(fields));
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
