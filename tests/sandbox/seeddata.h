#pragma once

#include <QDateTime>

namespace crondesk::sandbox {

class NextRunCalculator;
class Store;

// Deterministic sample data: the same count gives the same assistants, threads and crons (ids,
// schedules, metadata, timestamps) on every run; only next_run_date depends on `now`, because it
// must be right for it.
class SeedData final
{
public:
    // The system assistant of every graph in the catalogue, as the server creates them at startup.
    // Leaves existing ones alone.
    static bool ensureSystemAssistants(Store &store);

    // A few named assistants, threads and `cronCount` crons mixing thread-bound and stateless,
    // schedules, IANA time zones and null, metadata, paused ones and end times in the past and
    // future. Does nothing for cronCount <= 0.
    static bool populate(Store &store, const NextRunCalculator &nextRun, int cronCount,
                         const QDateTime &now);

    // The fixed origin of every seeded timestamp.
    static QDateTime base();
};

} // namespace crondesk::sandbox
