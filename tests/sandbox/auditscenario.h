#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace crondesk::sandbox {

class NextRunCalculator;
class Store;

// `--scenario audit` (docs/sandbox.md, docs/audit.md): a deployment that breaks every audit rule
// on purpose, one cron per problem, each labelled with metadata `audit_case` naming the rule it
// shows ("clean" for the one that breaks none). Deterministic: the same ids every time; times are
// relative to `now`, so that with --fake-clock the data is the same byte for byte.
//
// Stored as a lenient or older server may have left it, without the API's validation: an
// unparsable schedule, a zone that is no IANA name, a next_run_date that is no timestamp, crons of
// an assistant and a thread that no longer exist.
class AuditScenario final
{
public:
    static bool populate(Store &store, const NextRunCalculator &nextRun, const QDateTime &now);

    // The `audit_case` labels, in the order the crons are made ("burst" is on several crons,
    // "duplicate" on the original and its copy).
    static QStringList cases();
    // The named assistant the scenario's crons belong to, and the thread that is gone.
    static QString assistantId();
    static QString missingAssistantId();
    static QString missingThreadId();
    // How many crons share the burst minute: one more than the default policy allows.
    static constexpr int burstSize = 11;
};

} // namespace crondesk::sandbox
