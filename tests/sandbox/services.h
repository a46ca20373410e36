#pragma once

namespace crondesk::sandbox {

class Clock;
class NextRunCalculator;
class Store;
class UuidGenerator;

// What every API handler needs, owned by SandboxServer and handed around by reference.
struct Services
{
    Store &store;
    Clock &clock;
    NextRunCalculator &nextRun;
    UuidGenerator &ids;
};

} // namespace crondesk::sandbox
