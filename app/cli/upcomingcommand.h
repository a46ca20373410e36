#pragma once

#include "croncommands.h"

#include <models/timeline/firetimeline.h>

#include <optional>

namespace crondesk::cli {

// crons upcoming: when the crons that match the filters of crons list fire in a window, one line
// per fire in time order, or with --histogram a count per minute, hour or day (models/timeline).
class CronsUpcomingCommand final : public CronsListCommand
{
    Q_OBJECT

public:
    using CronsListCommand::CronsListCommand;

    // The longest window: a year and a day, so that a leap year fits.
    static constexpr qint64 MaxHours = 366 * 24;

protected:
    QString name() const override { return QStringLiteral("crons upcoming"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    // Reads --from, --to and --hours; fails the command and returns nullopt when one is wrong.
    std::optional<models::TimelineWindow> window();
    void report(const QList<api::Cron> &crons);
    void noteSkipped(const models::FirePlan &plan) const;
    void printFires(const models::FirePlan &plan);
    void printHistogram(const models::FirePlan &plan);

    OutputFormat m_format = OutputFormat::Table;
    models::TimelineWindow m_window;
    std::optional<models::BucketSize> m_histogram;
};

} // namespace crondesk::cli
