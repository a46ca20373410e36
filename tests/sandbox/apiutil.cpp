#include "apiutil.h"

#include "graphcatalog.h"
#include "jsonschema.h"
#include "logging.h"
#include "store.h"
#include "uuids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

const QStringList &reservedMetadataKeys()
{
    static const QStringList keys = {u"thread_id"_s, u"assistant_id"_s, u"run_id"_s, u"cron_id"_s};
    return keys;
}

const QStringList &reservedConfigurableKeys()
{
    static const QStringList keys = {u"langgraph_auth_user"_s,        u"langgraph_auth_user_id"_s,
                                     u"langgraph_auth_permissions"_s, u"langgraph_request_id"_s,
                                     u"__langsmith_project__"_s,      u"__langsmith_example_id__"_s,
                                     u"__request_start_time_ms__"_s,  u"__after_seconds__"_s,
                                     u"__otel_traceparent__"_s,       u"__otel_tracestate__"_s,
                                     u"__dd_trace_headers__"_s,       u"__pregel_node_finished"_s};
    return keys;
}

void stripKeys(QJsonObject &object, const QStringList &keys, QLatin1StringView where)
{
    for (const QString &key : keys) {
        if (object.contains(key)) {
            qCDebug(lcSandbox) << "Stripping reserved key" << key << "from" << where;
            object.remove(key);
        }
    }
}

} // namespace

std::optional<HttpResponse> readJsonBody(const ApiRequest &request, const JsonSchema &schema,
                                         QJsonObject *out)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.raw.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || document.isNull())
        return HttpResponse::error(422, u"Invalid JSON in request body"_s);
    const QJsonValue value
        = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    if (auto problem = schema.validate(value))
        return HttpResponse::error(422, *problem);
    *out = document.object();
    return std::nullopt;
}

void stripReservedKeys(QJsonObject &body)
{
    if (body.value("metadata"_L1).isObject()) {
        QJsonObject metadata = body.value("metadata"_L1).toObject();
        stripKeys(metadata, reservedMetadataKeys(), "metadata"_L1);
        body.insert(u"metadata"_s, metadata);
    }
    if (body.value("config"_L1).isObject()) {
        QJsonObject config = body.value("config"_L1).toObject();
        if (config.value("metadata"_L1).isObject()) {
            QJsonObject metadata = config.value("metadata"_L1).toObject();
            stripKeys(metadata, reservedMetadataKeys(), "config.metadata"_L1);
            config.insert(u"metadata"_s, metadata);
        }
        QJsonObject configurable = config.value("configurable"_L1).toObject();
        stripKeys(configurable, reservedConfigurableKeys(), "config.configurable"_L1);
        config.insert(u"configurable"_s, configurable);
        body.insert(u"config"_s, config);
    }
    if (body.value("context"_L1).isObject()) {
        QJsonObject context = body.value("context"_L1).toObject();
        stripKeys(context, reservedConfigurableKeys(), "context"_L1);
        body.insert(u"context"_s, context);
    }
}

bool containsNulKey(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QChar(0)) || containsNulKey(it.value()))
                return true;
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &item) { return containsNulKey(item); });
    }
    return false;
}

HeaderList paginationHeaders(qsizetype offset, qsizetype limit, qsizetype returned)
{
    if (returned == limit) {
        return {{QByteArrayLiteral("X-Pagination-Next"), QByteArray::number(offset + limit)},
                {QByteArrayLiteral("X-Pagination-Total"), QByteArray::number(offset + limit + 1)}};
    }
    return {{QByteArrayLiteral("X-Pagination-Total"), QByteArray::number(offset + returned)}};
}

QJsonObject project(const QJsonObject &object, const QStringList &fields)
{
    QJsonObject result;
    for (const QString &field : fields) {
        const auto it = object.constFind(field);
        if (it != object.constEnd())
            result.insert(field, *it);
    }
    return result;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const auto &item : array)
        result.append(item.toString());
    return result;
}

QString resolveAssistantId(const Store &store, const QString &value)
{
    if (GraphCatalog::contains(value))
        return systemAssistantId(value);
    QString id = canonicalUuid(value);
    if (id.isNull() || !store.assistant(id))
        return {};
    return id;
}

} // namespace crondesk::sandbox
