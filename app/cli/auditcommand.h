#pragma once

#include "croncommands.h"

#include <models/audit/auditengine.h>
#include <models/audit/auditpolicy.h>

#include <QDateTime>

#include <optional>

namespace crondesk::cli {

// audit: every cron (or those the filters of crons list select) judged by the audit's rules
// under a policy (docs/audit.md); findings as a table, JSON, JSON Lines, CSV, Markdown or the
// HTML report. Exit 0 when no unacknowledged finding is at or above --fail-on, 4 when one is;
// 1, 2 and 3 as for every command.
class AuditCommand final : public CronsListCommand
{
    Q_OBJECT

public:
    using CronsListCommand::CronsListCommand;

    enum class Format { Table, Json, JsonLines, Csv, Markdown, Html };
    static std::optional<Format> parseFormat(const QString &text);

protected:
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    bool readOptions();
    bool readPolicy();
    void readCrons(const api::CronSearchQuery &filter);
    void readServerState();
    void readLastRuns();
    void finish();
    QByteArray render(const models::AuditResult &result) const;

    models::AuditPolicy m_policy;
    models::AuditOptions m_options;
    std::optional<QDateTime> m_now; // --now
    Format m_format = Format::Table;
    models::AuditSeverity m_minSeverity = models::AuditSeverity::Info;
    std::optional<models::AuditSeverity> m_failOn = models::AuditSeverity::Error; // nullopt: never
    models::AuditInput m_input;
};

} // namespace crondesk::cli
