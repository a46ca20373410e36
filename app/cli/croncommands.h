#pragma once

#include "commandcontext.h"

#include <models/api/cron.h>
#include <models/api/cronsearch.h>
#include <models/bulk/bulkedit.h>

#include <QSaveFile>

#include <functional>
#include <memory>

namespace crondesk::cli {

// The command named by `words` ("crons", "list"), or nullptr when there is none.
Command *createCommand(const QStringList &words, QObject *parent);
// The commands crondeskctl knows, as "crons list", ..., for the help text.
QStringList commandNames();

// crons list: every cron of the deployment (or the first --limit), filtered and sorted.
class CronsListCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

    // Parses the filter options into a search query; fails the command and returns nullopt when
    // one is invalid.
    std::optional<api::CronSearchQuery> filterQuery();
    virtual QString defaultFormat() const { return QStringLiteral("table"); }
    void deliver(const QList<api::Cron> &crons, OutputFormat format);
    // One line on stderr per field the server sent malformed (at most 20, then how many more).
    void noteMalformed(const QList<api::Cron> &crons) const;
    // The same a page at a time: the lines, then, once at the end, how many more.
    void noteMalformedOf(const QList<api::Cron> &crons) const;
    void noteMoreMalformed() const;

    // Where the listing goes: stdout unless a subclass says otherwise. openOutput() fails the
    // command and returns false when it cannot be opened; closeOutput() makes what was written
    // final (false, with the command failed, when it cannot), after writeOutput() calls.
    virtual bool openOutput() { return true; }
    virtual void writeOutput(const QByteArray &bytes) { printBytes(bytes); }
    virtual bool closeOutput(qint64 crons)
    {
        Q_UNUSED(crons);
        return true;
    }

private:
    void fetchAll(const api::CronSearchQuery &filter, OutputFormat format, qint64 limit);
    // crons list --all in the fetch's own order (created_at ascending): each page's crons are
    // written as soon as every older cron is known, so memory does not grow with the listing.
    void streamAll(const api::CronSearchQuery &filter, OutputFormat format, qint64 limit);

    mutable int m_malformedNoted = 0;
    mutable int m_malformedMore = 0;
};

// crons export: crons list with every cron and JSON by default, to stdout or --output FILE.
class CronsExportCommand final : public CronsListCommand
{
    Q_OBJECT

public:
    using CronsListCommand::CronsListCommand;

protected:
    QString name() const override { return QStringLiteral("crons export"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    QString defaultFormat() const override { return QStringLiteral("json"); }
    bool openOutput() override;
    void writeOutput(const QByteArray &bytes) override;
    bool closeOutput(qint64 crons) override;

private:
    std::unique_ptr<QSaveFile> m_file; // with --output FILE
};

// crons get ID...: the crons with these ids (GET by id; on servers before 0.10, a search).
class CronsGetCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons get"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void getNext();
    void searchForTheRest();
    void finishWithResults();

    QStringList m_ids;
    qsizetype m_next = 0;
    QList<api::Cron> m_found;
    OutputFormat m_format = OutputFormat::Table;
    int m_exitCode = 0;
};

// crons count: how many crons match the filters.
class CronsCountCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons count"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;
};

// crons create: one cron, sent exactly once (see api::CronCreator).
class CronsCreateCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons create"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;
};

// crons update ID: changes only the fields given.
class CronsUpdateCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons update"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    // Many crons at once (issue 18): the crons matching the filters (or the ids given), a plan
    // with per-cron before/after (printed by --dry-run), then models::BulkApplier.
    bool isBulk() const;
    void executeBulk(OutputFormat format);
    void fetchSelection(const QStringList &ids, const api::CronSearchQuery &query,
                        std::function<void(const QList<api::Cron> &)> then);
    void applyPlan(const models::BulkPlan &plan, OutputFormat format);
};

// crons delete ID...: deletes each; the ids deleted are printed one per line.
class CronsDeleteCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("crons delete"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void deleteNext();
    void deleteOne(const QString &id, const QJsonValue &before);

    QStringList m_ids;
    qsizetype m_next = 0;
    int m_exitCode = 0;
};

} // namespace crondesk::cli
