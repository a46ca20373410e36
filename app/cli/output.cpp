#include "output.h"

#include <models/api/timestamp.h>
#include <models/common/safetext.h>
#include <models/inventory/cronexport.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

QString minutes(const QDateTime &instant)
{
    return instant.isValid() ? instant.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? u"-"_s : text;
}

QString cellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    default:
        return compactJson(value);
    }
}

} // namespace

std::optional<OutputFormat> parseOutputFormat(const QString &text)
{
    if (text == "table"_L1)
        return OutputFormat::Table;
    if (text == "json"_L1)
        return OutputFormat::Json;
    if (text == "jsonl"_L1)
        return OutputFormat::JsonLines;
    if (text == "csv"_L1)
        return OutputFormat::Csv;
    return std::nullopt;
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: serialise inside an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString textTable(const QList<QStringList> &source)
{
    // Cells hold server text: one line each, nothing that acts on the terminal, bounded.
    QList<QStringList> rows;
    rows.reserve(source.size());
    for (const QStringList &row : source) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells.append(models::shownText(cell));
        rows.append(cells);
    }
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        if (widths.size() < row.size())
            widths.resize(row.size(), 0);
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        out += line + u'\n';
    }
    return out;
}

QString textRecord(const QList<QPair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &[label, value] : fields)
        width = std::max(width, label.size());
    QString out;
    for (const auto &[label, value] : fields)
        out += models::shownText(label).leftJustified(width + 2) + models::shownText(value) + u'\n';
    return out;
}

QByteArray jsonRecords(const QList<QJsonObject> &records, OutputFormat format,
                       const QStringList &csvColumns)
{
    switch (format) {
    case OutputFormat::Json: {
        QJsonArray array;
        for (const QJsonObject &record : records)
            array.append(record);
        return QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    case OutputFormat::JsonLines: {
        QByteArray out;
        for (const QJsonObject &record : records)
            out += QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
        return out;
    }
    case OutputFormat::Csv: {
        QString out = csvColumns.join(u',') + u"\r\n"_s;
        for (const QJsonObject &record : records) {
            QStringList fields;
            fields.reserve(csvColumns.size());
            for (const QString &column : csvColumns)
                fields.append(models::csvField(cellText(record.value(column))));
            out += fields.join(u',') + u"\r\n"_s;
        }
        return out.toUtf8();
    }
    case OutputFormat::Table:
        break;
    }
    return {};
}

QByteArray formatCount(qint64 count, OutputFormat format)
{
    if (format == OutputFormat::JsonLines || format == OutputFormat::Csv)
        return jsonRecords({QJsonObject {{u"count"_s, count}}}, format, {u"count"_s});
    return QByteArray::number(count) + '\n';
}

QByteArray formatCrons(const QList<api::Cron> &crons, OutputFormat format)
{
    switch (format) {
    case OutputFormat::Json:
        return models::cronsToJson(crons);
    case OutputFormat::JsonLines:
        return models::cronsToJsonLines(crons);
    case OutputFormat::Csv:
        return models::cronsToCsv(crons);
    case OutputFormat::Table:
        break;
    }
    return models::cronsToTable(crons).toUtf8(); // neutralises its cells like textTable()
}

QByteArray formatCron(const api::Cron &cron, OutputFormat format)
{
    switch (format) {
    case OutputFormat::Json:
        return QJsonDocument(api::cronToJson(cron)).toJson(QJsonDocument::Indented);
    case OutputFormat::JsonLines:
    case OutputFormat::Csv:
        return formatCrons({cron}, format);
    case OutputFormat::Table:
        break;
    }
    QList<QPair<QString, QString>> fields {
        {translate("Cron ID"), cron.cronId},
        {translate("Assistant"), cron.assistantId},
        {translate("Thread"), cron.isStateless() ? translate("stateless") : cron.threadId},
        {translate("Schedule"), cron.schedule},
        {translate("Time zone"), cron.timezone.isEmpty() ? u"UTC"_s : cron.timezone},
        {translate("Enabled"), cron.enabled ? translate("yes") : translate("paused")},
        {translate("Next run (UTC)"), minutes(cron.nextRunDate)},
        {translate("End time (UTC)"), minutes(cron.endTime)},
        {translate("On run completed"), orDash(cron.onRunCompleted)},
        {translate("Created (UTC)"), minutes(cron.createdAt)},
        {translate("Updated (UTC)"), minutes(cron.updatedAt)},
        {translate("User"), orDash(cron.userId)},
        {translate("Metadata"), compactJson(cron.metadata)},
    };
    // The run parameters live in the payload (api-contract §3.2).
    static const QStringList runFields {u"input"_s,
                                        u"config"_s,
                                        u"context"_s,
                                        u"webhook"_s,
                                        u"interrupt_before"_s,
                                        u"interrupt_after"_s,
                                        u"multitask_strategy"_s,
                                        u"stream_mode"_s,
                                        u"stream_subgraphs"_s,
                                        u"stream_resumable"_s,
                                        u"durability"_s};
    for (const QString &key : runFields) {
        if (cron.payload.contains(key))
            fields.append({key, cellText(cron.payload.value(key))});
    }
    return textRecord(fields).toUtf8();
}

QByteArray formatAssistants(const QList<api::Assistant> &assistants, OutputFormat format)
{
    if (format == OutputFormat::Table) {
        QList<QStringList> rows {{translate("ASSISTANT ID"), translate("GRAPH"), translate("NAME"),
                                  translate("VERSION"), translate("SYSTEM"),
                                  translate("UPDATED (UTC)")}};
        for (const api::Assistant &assistant : assistants)
            rows.append({assistant.assistantId, assistant.graphId, orDash(assistant.name),
                         QString::number(assistant.version),
                         assistant.isSystem() ? translate("yes") : translate("no"),
                         minutes(assistant.updatedAt)});
        return textTable(rows).toUtf8();
    }
    QList<QJsonObject> records;
    records.reserve(assistants.size());
    for (const api::Assistant &assistant : assistants)
        records.append(api::assistantToJson(assistant));
    return jsonRecords(records, format,
                       {u"assistant_id"_s, u"graph_id"_s, u"name"_s, u"description"_s, u"version"_s,
                        u"created_at"_s, u"updated_at"_s, u"metadata"_s, u"config"_s,
                        u"context"_s});
}

QByteArray formatThreads(const QList<api::Thread> &threads, OutputFormat format)
{
    if (format == OutputFormat::Table) {
        QList<QStringList> rows {{translate("THREAD ID"), translate("STATUS"),
                                  translate("CREATED (UTC)"), translate("UPDATED (UTC)"),
                                  translate("METADATA")}};
        for (const api::Thread &thread : threads)
            rows.append({thread.threadId, orDash(thread.status), minutes(thread.createdAt),
                         minutes(thread.updatedAt), compactJson(thread.metadata)});
        return textTable(rows).toUtf8();
    }
    QList<QJsonObject> records;
    records.reserve(threads.size());
    for (const api::Thread &thread : threads)
        records.append(api::threadToJson(thread));
    return jsonRecords(records, format,
                       {u"thread_id"_s, u"status"_s, u"created_at"_s, u"updated_at"_s,
                        u"state_updated_at"_s, u"metadata"_s});
}

} // namespace crondesk::cli
