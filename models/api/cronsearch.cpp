#include "cronsearch.h"

#include "jsonlist.h"

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
    // "now" is an internal scheduler column that older SDKs still list; servers from 0.6.35 refuse
    // it with 422, so it is never sent (api-contract §2.6).
    QStringList fields = select;
    fields.removeAll(u"now"_s);
    insertPaging(&body, limit, offset, sortBy, sortOrder, fields);
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
