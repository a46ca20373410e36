#pragma once

#include "httpmessage.h"

namespace crondesk::sandbox {

class Clock;
class FaultInjector;
class RequestLog;
class Router;
class Scheduler;
class Store;

// The test-only control endpoint under /_sandbox/: fault rules, the clock (when it is a manual
// one), the request log, the scheduler, and raw writes to stored crons (data the API would refuse,
// as an older or more lenient server may have left it). Nothing like it exists on the real server;
// it lives under a prefix no real route uses.
class ControlApi final
{
public:
    ControlApi(FaultInjector &faults, RequestLog &log, Clock &clock, Scheduler &scheduler,
               Store &store);

    void registerRoutes(Router &router);

    static bool isControlPath(const QString &path);

private:
    FaultInjector &m_faults;
    RequestLog &m_log;
    Clock &m_clock;
    Scheduler &m_scheduler;
    Store &m_store;
};

} // namespace crondesk::sandbox
