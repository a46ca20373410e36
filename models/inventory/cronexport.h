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

class CronTableModel;

// What the operator sees, handed on as it is seen: the table's visible columns in the view's
// order and its visible rows in the view's order. Values are the table's display values (the
// assistant's name, the health flags in words, the schedule described) with the raw ids beside
// them (full cron, assistant and thread ids) and instants in ISO 8601 UTC, so a spreadsheet can
// both read and join them. The app's Export, Copy and Print all go through this.
struct TableView
{
    QList<int> columns; // CronTableModel::Column values, in view order
    QList<int> rows; // rows of the model, in view order
};

// The header texts of the exported fields (more than one per column where a raw id stands
// beside the display value), and the stable keys JSON uses for them.
QStringList tableViewHeaders(const CronTableModel &model, const TableView &view);
QStringList tableViewKeys(const CronTableModel &model, const TableView &view);
// RFC 4180 CSV with the header row.
QByteArray tableViewToCsv(const CronTableModel &model, const TableView &view);
// A JSON array of objects keyed by tableViewKeys(): health as an array of flag names, enabled as
// a boolean, metadata as an object, everything else as the text the CSV has.
QByteArray tableViewToJson(const CronTableModel &model, const TableView &view);
// Tab-separated lines with a header line, for the clipboard. Tabs, line breaks and other control
// characters inside a value become spaces, so every value stays in its cell when pasted.
QString tableViewToTsv(const CronTableModel &model, const TableView &view);
// An HTML document with `title` and a table of the display values, for printing.
QString tableViewToHtml(const CronTableModel &model, const TableView &view, const QString &title);

// `text` with every control character (tab, line breaks, escape, ...) replaced by a space.
QString withoutControlCharacters(const QString &text);

} // namespace crondesk::models
