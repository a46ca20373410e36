#include "runhistory.h"

#include <models/api/cronwrite.h>

#include <QCoreApplication>

#include <algorithm>

namespace crondesk::models {

using namespace Qt::StringLiterals;

namespace {

class RunHistoryText
{
    Q_DECLARE_TR_FUNCTIONS(RunHistory)

public:
    static QString outcome(RunOutcome outcome)
    {
        switch (outcome) {
        case RunOutcome::Pending:
            return tr("Pending");
        case RunOutcome::Running:
            return tr("Running");
        case RunOutcome::Succeeded:
            return tr("Succeeded");
        case RunOutcome::Failed:
            return tr("Failed");
        case RunOutcome::Interrupted:
            return tr("Interrupted");
        case RunOutcome::TimedOut:
            return tr("Timed out");
        case RunOutcome::Unknown:
            break;
        }
        return tr("Unknown");
    }

    static QString deletedThreads()
    {
        return tr("This stateless cron deletes each run's thread when the run ends "
                  "(on_run_completed: delete), so the server keeps no history of its runs.");
    }
};

// How strongly a match counts when two crons claim the same run.
int strength(const api::Cron &cron, RunMatch match)
{
    switch (match) {
    case RunMatch::Exact:
        return 1000000;
    case RunMatch::Metadata:
        return 1 + int(runMetadataOf(cron).size());
    case RunMatch::ThreadOnly:
        return 1;
    case RunMatch::None:
        break;
    }
    return 0;
}

bool newerFirst(const api::Run &a, const api::Run &b)
{
    return a.createdAt > b.createdAt;
}

} // namespace

RunOutcome runOutcome(const QString &status)
{
    if (status == u"pending")
        return RunOutcome::Pending;
    if (status == u"running")
        return RunOutcome::Running;
    if (status == u"success")
        return RunOutcome::Succeeded;
    if (status == u"error")
        return RunOutcome::Failed;
    if (status == u"interrupted")
        return RunOutcome::Interrupted;
    if (status == u"timeout")
        return RunOutcome::TimedOut;
    return RunOutcome::Unknown;
}

QString runOutcomeText(RunOutcome outcome)
{
    return RunHistoryText::outcome(outcome);
}

bool isActive(RunOutcome outcome)
{
    return outcome == RunOutcome::Pending || outcome == RunOutcome::Running;
}

std::optional<qint64> runDurationMs(const api::Run &run)
{
    if (isActive(runOutcome(run.status)) || !run.createdAt.isValid() || !run.updatedAt.isValid())
        return std::nullopt;
    return std::max<qint64>(0, run.createdAt.msecsTo(run.updatedAt));
}

QJsonObject runMetadataOf(const api::Cron &cron)
{
    QJsonObject metadata = cron.metadata.object();
    const QJsonObject payloadMetadata = cron.payload.object().value("metadata"_L1).toObject();
    for (auto it = payloadMetadata.begin(); it != payloadMetadata.end(); ++it)
        metadata.insert(it.key(), it.value());
    return metadata;
}

RunMatch matchRun(const api::Cron &cron, const api::Run &run)
{
    if (!cron.isStateless() && run.threadId != cron.threadId)
        return RunMatch::None;
    const QJsonObject expected = runMetadataOf(cron);
    const QJsonValue key = expected.value(api::correlationMetadataKey);
    if (key.isString() && !key.toString().isEmpty())
        return run.metadata.value(api::correlationMetadataKey) == key ? RunMatch::Exact
                                                                      : RunMatch::None;
    // A run that carries another create's correlation key was started by that cron.
    if (run.metadata.contains(api::correlationMetadataKey))
        return RunMatch::None;
    if (expected.isEmpty())
        return cron.isStateless() ? RunMatch::None : RunMatch::ThreadOnly;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (run.metadata.value(it.key()) != it.value())
            return RunMatch::None;
    }
    return RunMatch::Metadata;
}

std::optional<api::Run> CronRunHistory::lastRun() const
{
    if (runs.isEmpty())
        return std::nullopt;
    return runs.first();
}

std::optional<api::Run> CronRunHistory::lastSuccess() const
{
    const auto it = std::find_if(runs.cbegin(), runs.cend(), [](const api::Run &run) {
        return runOutcome(run.status) == RunOutcome::Succeeded;
    });
    if (it == runs.cend())
        return std::nullopt;
    return *it;
}

std::optional<QString> runErrorText(const QJsonObject &joined)
{
    const QJsonValue error = joined.value("__error__"_L1);
    if (error.isString() && !error.toString().isEmpty())
        return error.toString();
    if (!error.isObject())
        return std::nullopt;
    const QString type = error["error"_L1].toString();
    const QString message = error["message"_L1].toString();
    if (type.isEmpty() && message.isEmpty())
        return std::nullopt;
    if (type.isEmpty() || message.isEmpty())
        return type.isEmpty() ? message : type;
    return type + u": "_s + message;
}

std::optional<QString> noHistoryReason(const api::Cron &cron)
{
    if (cron.isStateless() && cron.onRunCompleted != u"keep")
        return RunHistoryText::deletedThreads();
    return std::nullopt;
}

CronRunHistory historyOf(const api::Cron &cron, const QList<api::Run> &runs,
                         const QList<api::Cron> &siblings)
{
    CronRunHistory history;
    if (const auto reason = noHistoryReason(cron)) {
        history.available = false;
        history.unavailableReason = *reason;
        return history;
    }
    for (const api::Run &run : runs) {
        const RunMatch match = matchRun(cron, run);
        bool mine = match != RunMatch::None;
        if (mine) {
            const int own = strength(cron, match);
            for (const api::Cron &sibling : siblings) {
                if (sibling.cronId == cron.cronId)
                    continue;
                if (strength(sibling, matchRun(sibling, run)) > own) {
                    mine = false;
                    break;
                }
            }
        }
        if (mine) {
            history.runs.append(run);
            if (int(match) > int(history.match))
                history.match = match;
        } else {
            history.otherRuns.append(run);
        }
    }
    std::stable_sort(history.runs.begin(), history.runs.end(), newerFirst);
    std::stable_sort(history.otherRuns.begin(), history.otherRuns.end(), newerFirst);
    return history;
}

api::ThreadSearchQuery historyThreadQuery(const api::Cron &cron, int limit)
{
    api::ThreadSearchQuery query;
    query.metadata = QJsonObject {{u"assistant_id"_s, cron.assistantId}};
    query.limit = limit;
    query.sortBy = u"created_at"_s;
    query.sortOrder = u"desc"_s;
    return query;
}

} // namespace crondesk::models
