#pragma once

#include <models/api/cron.h>

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace crondesk::models {

// Formats for handing crons to other tools. The same functions serve the app's Export and
// crondeskctl, so a file from either looks the same.

// A JSON array of crons in the server's own wire form.
QByteArray cronsToJson(const QList<api::Cron> &crons);
// One compact JSON object per line.
QByteArray cronsToJsonLines(const QList<api::Cron> &crons);
// RFC 4180 CSV with a header row; metadata and payload as compact JSON text.
QByteArray cronsToCsv(const QList<api::Cron> &crons);
// A fixed-width text table for terminals.
QString cronsToTable(const QList<api::Cron> &crons);

// Quotes a CSV field when it has to be (comma, quote, newline, or leading/trailing space).
QString csvField(const QString &text);

} // namespace crondesk::models
