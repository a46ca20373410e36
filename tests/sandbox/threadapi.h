#pragma once

#include "httpmessage.h"
#include "services.h"

#include <QJsonObject>

namespace crondesk::sandbox {

class Router;

// Threads (create, search, count, get) and the runs recorded on a thread (list, get).
class ThreadApi final
{
public:
    explicit ThreadApi(Services services);

    void registerRoutes(Router &router);

    // A new thread object as POST /threads makes it (also used by the scheduler and the seed).
    static QJsonObject newThread(const QString &threadId, const QJsonObject &metadata,
                                 const QDateTime &now);

private:
    HttpResponse create(const ApiRequest &request);
    HttpResponse search(const ApiRequest &request) const;
    HttpResponse count(const ApiRequest &request) const;
    HttpResponse get(const ApiRequest &request) const;
    HttpResponse listRuns(const ApiRequest &request) const;
    HttpResponse getRun(const ApiRequest &request) const;
    HttpResponse joinRun(const ApiRequest &request) const;

    Services m_services;
};

} // namespace crondesk::sandbox
