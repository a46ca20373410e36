#pragma once

#include "httpmessage.h"

#include <QString>

namespace crondesk::sandbox {

class Router;

// GET /ok and GET /info.
class MetaApi final
{
public:
    // `serverVersion` is the Agent Server version /info reports (clients gate features on it).
    explicit MetaApi(QString serverVersion);

    void registerRoutes(Router &router);

private:
    QString m_serverVersion;
};

} // namespace crondesk::sandbox
