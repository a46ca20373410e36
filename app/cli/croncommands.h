#pragma once

#include "commandcontext.h"

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::cli {

// The command named by `words` ("crons", "list"), or nullptr when there is none.
Command *createCommand(const QStringList &words, QObject *parent);

// crons list: every cron of the deployment, in a table, JSON, JSON Lines or CSV.
class CronsListCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    api::ApiClient *m_client = nullptr;
};

} // namespace crondesk::cli
