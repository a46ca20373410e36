#pragma once

#include "httpmessage.h"
#include "services.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace crondesk::sandbox {

class Router;

// The cron endpoints: create (stateless and thread-bound), get, patch, delete, search and count,
// with the server's validation, defaults and error texts.
class CronApi final
{
public:
    explicit CronApi(Services services);

    void registerRoutes(Router &router);

    // Resolves a graph name to its system assistant or checks that an assistant UUID exists;
    // null when neither (the server's 404 "Assistant '<x>' not found").

    // next_run_date for a cron object's schedule and timezone, strictly after `after`.
    std::optional<QDateTime> nextRunDate(const QJsonObject &cron, const QDateTime &after) const;

private:
    HttpResponse create(const ApiRequest &request, const QString &threadId);
    HttpResponse get(const ApiRequest &request) const;
    HttpResponse patch(const ApiRequest &request);
    HttpResponse remove(const ApiRequest &request);
    HttpResponse search(const ApiRequest &request) const;
    HttpResponse count(const ApiRequest &request) const;

    // Shared checks of create and patch: timezone, schedule, end_time, webhook, NUL keys.
    std::optional<HttpResponse> validateFields(const QJsonObject &body) const;

    Services m_services;
};

} // namespace crondesk::sandbox
