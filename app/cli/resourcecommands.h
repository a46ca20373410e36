#pragma once

#include "commandcontext.h"

#include <models/api/assistant.h>
#include <models/api/thread.h>

namespace crondesk::cli {

// assistants list: the deployment's assistants (all unless --limit), to pick ids for crons.
class AssistantsListCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("assistants list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void requestPage(int offset);

    api::AssistantSearchQuery m_query;
    qint64 m_limit = -1;
    OutputFormat m_format = OutputFormat::Table;
    QList<api::Assistant> m_assistants;
    QSet<QString> m_seen;
};

// threads list: the deployment's threads (the first 100 unless --limit or --all), for thread
// crons.
class ThreadsListCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("threads list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void requestPage(int offset);

    api::ThreadSearchQuery m_query;
    qint64 m_limit = -1;
    OutputFormat m_format = OutputFormat::Table;
    QList<api::Thread> m_threads;
    QSet<QString> m_seen;
};

// info: the server's version and flags, and which cron features it supports.
class InfoCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;
};

} // namespace crondesk::cli
