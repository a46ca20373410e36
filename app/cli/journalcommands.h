#pragma once

#include "commandcontext.h"

namespace crondesk::models {
class UndoRunner;
}

namespace crondesk::cli {

// journal list [--cron ID] [--action A] [--since DATE] [--failed] [--format F]: the change
// journal, oldest first, with each entry's id (what journal undo takes); the global --profile
// filters by profile here. Reads the file only; needs no connection.
class JournalListCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("journal list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    bool needsConnection() const override { return false; }
    void execute() override;
};

// journal undo ENTRY [--dry-run] [--yes] [--confirm NAME]: prints the plan (models::planUndo) and,
// with --yes, carries it out through models::UndoRunner (the profile's rules, journaled as undo
// or restore). Exit 0 done (or, with --dry-run, the plan can be carried out), 1 the server
// refused, 2 bad input or refused before sending (not undoable, changed since, the profile's
// rules, no --yes), 3 network.
class JournalUndoCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("journal undo"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void onPlanned();

    models::UndoRunner *m_runner = nullptr;
};

} // namespace crondesk::cli
