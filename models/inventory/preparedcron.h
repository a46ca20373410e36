#pragma once

#include <models/api/cron.h>

#include <QDateTime>
#include <QList>

#include <optional>

namespace crondesk::models {

// A cron with what the inventory reads from its payload, read once: the table sorts, filters
// and shows the run parameters of every row, and parsing 100,000 payloads for them was a third
// of what inserting a load's rows cost. Prepared on a worker thread while a load streams in
// (CronPagePreparer), then moved into the table's rows.
struct PreparedCron
{
    api::Cron cron;
    // Unset: not read yet. The table then reads it only if the cron becomes a row or changes
    // one, not for the unchanged crons of a refresh.
    std::optional<api::Cron::RunParameters> run;
};

// Prepared crons as one answer of the server delivered them, and when that answer arrived.
struct PreparedPage
{
    QList<PreparedCron> crons;
    QDateTime readAt;
};

// Pure, so it may run on any thread; the crons are moved, not copied.
QList<PreparedCron> prepareCrons(QList<api::Cron> crons);

} // namespace crondesk::models
