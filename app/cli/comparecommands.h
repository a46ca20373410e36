#pragma once

#include "croncommands.h"

#include <models/compare/diffreport.h>
#include <models/compare/snapshot.h>

namespace crondesk::models {
class CredentialStore;
}

namespace crondesk::cli {

// snapshot save FILE: the deployment's crons (filtered as crons list), assistants and
// capabilities as a snapshot file (docs/compare.md).
class SnapshotSaveCommand final : public CronsListCommand
{
    Q_OBJECT

public:
    using CronsListCommand::CronsListCommand;

protected:
    QString name() const override { return QStringLiteral("snapshot save"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;
};

// diff OLD NEW: what differs between two snapshots (files, @PROFILE or deployment URLs read
// live). Exit 0 when nothing differs, 4 when something does.
class DiffCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("diff"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    bool needsConnection() const override { return false; }
    void execute() override;

private:
    struct Side
    {
        QString argument;
        models::DiffSide side;
        std::optional<models::Snapshot> snapshot;
    };
    void readNextLive();
    void readLive(Side *side, const models::ConnectionInputs &inputs);
    void report();

    Side m_sides[2];
    models::DiffOptions m_options;
    bool m_matchGiven = false;
    models::DiffFormat m_format = models::DiffFormat::Table;
    models::CredentialStore *m_credentials = nullptr;
};

} // namespace crondesk::cli
