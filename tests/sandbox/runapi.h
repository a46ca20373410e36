#pragma once

#include "httpmessage.h"
#include "services.h"

#include <QString>

namespace crondesk::sandbox {

class RunEngine;
class Router;

// Creating, cancelling and deleting runs: POST /threads/{thread_id}/runs (background run with a
// multitask strategy), POST /runs (stateless, on a temporary thread), POST
// /threads/{thread_id}/runs/{run_id}/cancel and DELETE /threads/{thread_id}/runs/{run_id}.
// Listing and reading runs live with the threads (ThreadApi).
class RunApi final
{
public:
    RunApi(Services services, RunEngine &engine);

    void registerRoutes(Router &router);

private:
    HttpResponse createOnThread(const ApiRequest &request);
    HttpResponse createStateless(const ApiRequest &request);
    HttpResponse cancel(const ApiRequest &request);
    HttpResponse remove(const ApiRequest &request);

    // The run parameters of a create body, as the run's kwargs keep them.
    static QJsonObject kwargsOf(const QJsonObject &body);
    std::optional<HttpResponse> validateFields(const QJsonObject &body) const;
    // The run on the path, or the 422/404 to answer.
    std::optional<HttpResponse> findRun(const ApiRequest &request, QString *threadId,
                                        QString *runId) const;

    Services m_services;
    RunEngine &m_engine;
};

} // namespace crondesk::sandbox
