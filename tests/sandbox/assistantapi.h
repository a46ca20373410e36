#pragma once

#include "httpmessage.h"
#include "services.h"

namespace crondesk::sandbox {

class Router;

// Assistants: search, count, get, and each assistant's graph and schemas.
class AssistantApi final
{
public:
    explicit AssistantApi(Services services);

    void registerRoutes(Router &router);

private:
    HttpResponse search(const ApiRequest &request) const;
    HttpResponse count(const ApiRequest &request) const;
    HttpResponse get(const ApiRequest &request) const;
    HttpResponse graph(const ApiRequest &request) const;
    HttpResponse schemas(const ApiRequest &request) const;

    // The stored assistant for a path parameter that is a UUID or a graph name, or nullptr.
    const QJsonObject *find(const QString &idOrGraph) const;

    Services m_services;
};

} // namespace crondesk::sandbox
