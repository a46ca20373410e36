#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/api/thread.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::cli {

// What --format selects. Lists of crons share the app's export formats (models/cronexport.h).
enum class OutputFormat { Table, Json, JsonLines, Csv };

std::optional<OutputFormat> parseOutputFormat(const QString &text);

// A fixed-width text table: the first row is the header, columns two spaces apart. Every cell
// goes through models::shownText(): control characters shown as escapes, at most 1,000
// characters, so that server text cannot act on the terminal or forge a row.
QString textTable(const QList<QStringList> &rows);

// One record for a terminal: "label   value" lines, labels aligned; values as in textTable().
QString textRecord(const QList<QPair<QString, QString>> &fields);

// Records as JSON (an array, pretty), JSON Lines, or RFC 4180 CSV with the given columns (the
// CSV header uses the JSON keys; nested values are compact JSON text).
QByteArray jsonRecords(const QList<QJsonObject> &records, OutputFormat format,
                       const QStringList &csvColumns = {});

// The formats for the value types, in every OutputFormat.
QByteArray formatCrons(const QList<api::Cron> &crons, OutputFormat format);
// A single cron: every field, with the run parameters from the payload, for a terminal; the
// wire form otherwise (an object, not a one-element array).
QByteArray formatCron(const api::Cron &cron, OutputFormat format);
QByteArray formatAssistants(const QList<api::Assistant> &assistants, OutputFormat format);
QByteArray formatThreads(const QList<api::Thread> &threads, OutputFormat format);
// A count: the number alone for a terminal or JSON, a "count" record in JSON Lines and CSV.
QByteArray formatCount(qint64 count, OutputFormat format);

// Compact JSON text of any value, for table cells.
QString compactJson(const QJsonValue &value);

} // namespace crondesk::cli
