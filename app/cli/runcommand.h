#pragma once

#include "commandcontext.h"

#include <models/api/cron.h>
#include <models/api/thread.h>

#include <QDeadlineTimer>

namespace crondesk::cli {

// crons run ID [--wait] [--timeout S]: starts one run with the cron's assistant and payload, on
// its thread for a thread cron (the cron's multitask strategy meets the thread's active runs) or
// stateless; the profile's rules apply (read-only refuses, production needs --confirm NAME) and
// the start is journaled as "run". With --wait it follows the run: exit 0 when it succeeds, 1
// when it ends otherwise (error, interrupted, timeout), 3 when it is still going after S seconds.
class CronsRunCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons run"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void startRun(const api::Cron &cron);
    void poll();
    void report(const api::Run &run);

    OutputFormat m_format = OutputFormat::Table;
    QString m_threadId;
    QString m_runId;
    QDeadlineTimer m_deadline;
    int m_pollDelayMs = 200;
    api::Run m_last;
};

} // namespace crondesk::cli
