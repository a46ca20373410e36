#include "metaapi.h"

#include "router.h"

#include <QJsonObject>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

MetaApi::MetaApi(QString serverVersion)
    : m_serverVersion(std::move(serverVersion))
{ }

void MetaApi::registerRoutes(Router &router)
{
    router.add("GET", u"/ok"_s, [](const ApiRequest &request) {
        if (request.query.hasQueryItem(u"check_db"_s)) {
            const QString value = request.query.queryItemValue(u"check_db"_s);
            if (value != u"0" && value != u"1")
                return HttpResponse::error(422, u"'%1' is not one of [0, 1]"_s.arg(value));
        }
        return HttpResponse::json(QJsonObject {{u"ok"_s, true}});
    });
    router.add("GET", u"/info"_s, [this](const ApiRequest &) {
        // The shape of a self-hosted server's answer, plus what the sandbox is.
        return HttpResponse::json(
            QJsonObject {{u"version"_s, m_serverVersion},
                         {u"langgraph_py_version"_s, u"1.0.2"_s},
                         {u"flags"_s,
                          QJsonObject {{u"assistants"_s, true},
                                       {u"crons"_s, true},
                                       {u"langsmith"_s, false},
                                       {u"langsmith_tracing_replicas"_s, true},
                                       {u"langsmith_tracing_session_on_runs"_s, true}}},
                         {u"host"_s,
                          QJsonObject {{u"kind"_s, u"self-hosted"_s},
                                       {u"project_id"_s, QJsonValue::Null},
                                       {u"host_revision_id"_s, QJsonValue::Null},
                                       {u"revision_id"_s, QJsonValue::Null},
                                       {u"tenant_id"_s, QJsonValue::Null}}},
                         {u"sandbox"_s,
                          QJsonObject {{u"name"_s, u"crondesk-sandbox"_s},
                                       {u"version"_s, QStringLiteral(CRONDESK_VERSION)}}}});
    });
}

} // namespace crondesk::sandbox
