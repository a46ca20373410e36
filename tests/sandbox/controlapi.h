#pragma once

#include "httpmessage.h"

namespace crondesk::sandbox {

class Clock;
class FaultInjector;
class RequestLog;
class Router;
class Scheduler;

// The test-only control endpoint under /_sandbox/: fault rules, the clock (when it is a manual
// one), the request log and the scheduler. Nothing like it exists on the real server; it lives
// under a prefix no real route uses.
class ControlApi final
{
public:
    ControlApi(FaultInjector &faults, RequestLog &log, Clock &clock, Scheduler &scheduler);

    void registerRoutes(Router &router);

    static bool isControlPath(const QString &path);

private:
    FaultInjector &m_faults;
    RequestLog &m_log;
    Clock &m_clock;
    Scheduler &m_scheduler;
};

} // namespace crondesk::sandbox
