#include "runnow.h"

#include <models/runs/runhistory.h>

#include <QCoreApplication>

namespace crondesk::models {

using namespace Qt::StringLiterals;

namespace {

class RunNowText
{
    Q_DECLARE_TR_FUNCTIONS(RunNow)

public:
    static QString consequence(const QString &strategy)
    {
        if (strategy == u"reject")
            return tr("If a run is already active on the thread, the server refuses this one "
                      "(multitask strategy “reject”).");
        if (strategy == u"interrupt")
            return tr("If a run is already active on the thread, it is interrupted and this one "
                      "starts (multitask strategy “interrupt”).");
        if (strategy == u"rollback")
            return tr("If a run is already active on the thread, it is stopped and deleted, and "
                      "this one starts (multitask strategy “rollback”).");
        return tr("If a run is already active on the thread, this one waits until it has ended "
                  "(multitask strategy “enqueue”).");
    }
    static QString stateless(bool keep)
    {
        return keep ? tr("It runs on a new thread of its own, which is kept afterwards.")
                    : tr("It runs on a new thread of its own, deleted when the run ends.");
    }
};

} // namespace

api::RunCreate runNowCreate(const api::Cron &cron, bool keepThread)
{
    api::RunCreate run = api::RunCreate::fromCronPayload(cron.assistantId, cron.payload.object());
    QJsonObject metadata = runMetadataOf(cron);
    metadata.insert(runTriggerMetadataKey, u"manual"_s);
    run.metadata = metadata;
    if (cron.isStateless()) {
        run.multitaskStrategy.clear();
        run.onCompletion = keepThread || cron.onRunCompleted == u"keep" ? u"keep"_s : u"delete"_s;
    }
    return run;
}

QString runNowConsequence(const api::Cron &cron)
{
    if (cron.isStateless())
        return RunNowText::stateless(cron.onRunCompleted == u"keep");
    return RunNowText::consequence(cron.multitaskStrategy());
}

MutationRequest runNowRequest(const api::Cron &cron, const MutationTarget &target)
{
    MutationRequest request;
    request.kind = MutationKind::Run;
    request.cronCount = 1;
    request.title = QCoreApplication::translate("RunNow", "Run Now");
    request.question = QCoreApplication::translate("RunNow", "Start one run of cron %1 now on %2?")
                           .arg(cron.cronId, target.describe());
    const QString what = cron.isStateless()
        ? QCoreApplication::translate("RunNow", "Assistant %1, stateless.").arg(cron.assistantId)
        : QCoreApplication::translate("RunNow", "Assistant %1, on thread %2.")
              .arg(cron.assistantId, cron.threadId);
    request.details = {what, runNowConsequence(cron)};
    request.undo = undoText(MutationKind::Run);
    request.actionText = QCoreApplication::translate("RunNow", "&Run Now");
    request.warning = target.production;
    return request;
}

} // namespace crondesk::models
