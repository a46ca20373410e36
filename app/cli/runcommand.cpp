#include "runcommand.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/api/timestamp.h>
#include <models/journal/journalrecorder.h>
#include <models/runs/runhistory.h>
#include <models/session/runstarter.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace crondesk::cli {

using namespace Qt::StringLiterals;

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

// How long --wait follows a run when --timeout is not given.
constexpr int defaultWaitSeconds = 600;

} // namespace

QString CronsRunCommand::summary() const
{
    return translate("Start one run of a cron now, with its assistant and payload.");
}

QList<QCommandLineOption> CronsRunCommand::options() const
{
    return {formatOption(),
            QCommandLineOption(u"wait"_s,
                               translate("Follow the run to its end: exit 0 when it "
                                         "succeeds, 1 when it fails, 3 when --timeout "
                                         "passes first (default 600 seconds).")),
            QCommandLineOption(u"confirm"_s,
                               translate("The profile's name, required to start a run through a "
                                         "profile labelled production."),
                               u"PROFILE"_s)};
}

void CronsRunCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    m_format = *format;
    const QStringList ids = positionals();
    if (ids.size() != 1) {
        fail(ExitUsage, translate("crons run needs exactly one cron id"));
        return;
    }
    if (!mayMutate(models::MutationKind::Run, 1, parser().value(u"confirm"_s)))
        return;
    int waitSeconds = defaultWaitSeconds;
    if (parser().isSet(u"timeout"_s))
        waitSeconds = std::max(1, int(parser().value(u"timeout"_s).toDouble()));
    m_deadline = QDeadlineTimer(std::chrono::seconds(waitSeconds));
    client()
        ->getCron(ids.first())
        ->then(
            this, [this](const api::Cron &cron) { startRun(cron); },
            [this](const api::ApiError &error) { failWith(error); });
}

void CronsRunCommand::startRun(const api::Cron &cron)
{
    const bool wait = parser().isSet(u"wait"_s);
    // A deleted thread takes the run's outcome with it, so --wait keeps this one.
    const bool keepThread = wait && cron.isStateless() && cron.onRunCompleted != u"keep";
    if (keepThread)
        note(translate("--wait keeps this run's thread (on_completion: keep) so that its "
                       "outcome can be read"));
    // The one write path of a run: the start is journaled there exactly once. The profile's
    // rules were applied (mayMutate, with the production confirmation) before the cron was read.
    auto *starter = new models::RunStarter(client(), journal(), QString(), this);
    connect(starter, &models::RunStarter::started, this, [this, wait](const api::Run &started) {
        m_threadId = started.threadId;
        m_runId = started.runId;
        m_last = started;
        if (!wait) {
            report(started);
            done(ExitOk);
            return;
        }
        note(translate("started run %1; waiting for it to end…").arg(started.runId));
        poll();
    });
    connect(starter, &models::RunStarter::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    starter->start(cron, keepThread);
}

void CronsRunCommand::poll()
{
    if (m_deadline.hasExpired()) {
        report(m_last);
        fail(ExitNetwork,
             translate("the run %1 is still %2 after the --timeout; it goes on on "
                       "the server")
                 .arg(m_runId, m_last.status));
        return;
    }
    client()
        ->getThreadRun(m_threadId, m_runId)
        ->then(
            this,
            [this](const api::Run &run) {
                m_last = run;
                const models::RunOutcome outcome = models::runOutcome(run.status);
                if (models::isActive(outcome)) {
                    const int delay = int(std::min<qint64>(
                        m_pollDelayMs, std::max<qint64>(1, m_deadline.remainingTime())));
                    m_pollDelayMs = std::min(2000, m_pollDelayMs * 3 / 2);
                    QTimer::singleShot(delay, this, &CronsRunCommand::poll);
                    return;
                }
                report(run);
                done(outcome == models::RunOutcome::Succeeded ? ExitOk : ExitRefused);
            },
            [this](const api::ApiError &error) { failWith(error); });
}

void CronsRunCommand::report(const api::Run &run)
{
    if (m_format != OutputFormat::Table) {
        QByteArray bytes = QJsonDocument(api::runToJson(run)).toJson(QJsonDocument::Compact);
        bytes.append('\n');
        printBytes(bytes);
        return;
    }
    QString line = u"%1  thread %2  %3"_s.arg(
        run.runId, run.threadId, models::runOutcomeText(models::runOutcome(run.status)).toLower());
    if (const auto duration = models::runDurationMs(run))
        line += u"  "_s + translate("after %1 s").arg(double(*duration) / 1000.0, 0, 'f', 1);
    print(line + u'\n');
}

} // namespace crondesk::cli
