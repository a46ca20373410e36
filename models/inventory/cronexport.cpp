#include "cronexport.h"

#include "cronexportwriter.h"
#include "crontablemodel.h"

#include <models/api/timestamp.h>
#include <models/common/displayformat.h>
#include <models/common/safetext.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("CronExport", text);
}

// One exported field: its header, its JSON key, its text, and for JSON a typed value when the
// text would lose something.
struct Field
{
    QString header;
    QString key;
    std::function<QString(const CronTableModel &, int row)> text;
    std::function<QJsonValue(const CronTableModel &, int row)> json = {};
};

QString modelText(const CronTableModel &model, int row, int column, int role)
{
    return model.index(row, column).data(role).toString();
}

QStringList healthNames(HealthFlags flags)
{
    QStringList names;
    for (const HealthFlag flag : allHealthFlags()) {
        if (flags & flag)
            names.append(healthFlagName(flag));
    }
    return names;
}

QList<Field> fieldsOf(const CronTableModel &model, const TableView &view)
{
    QList<Field> fields;
    for (const int column : view.columns) {
        const QString name = model.headerData(column, Qt::Horizontal).toString();
        // The model's copy text is the full value: full ids, ISO instants, untruncated text.
        auto copyText = [column](const CronTableModel &model, int row) {
            return modelText(model, row, column, CronTableModel::CopyRole);
        };
        auto displayText = [column](const CronTableModel &model, int row) {
            return modelText(model, row, column, Qt::DisplayRole);
        };
        auto iso = [](const QDateTime &instant) {
            return instant.isValid() ? instant.toUTC().toString(Qt::ISODate) : QString();
        };
        switch (column) {
        case CronTableModel::HealthColumn:
            fields.append({name, u"health"_s,
                           [](const CronTableModel &model, int row) {
                               const QStringList names = healthNames(model.healthAt(row));
                               return names.isEmpty() ? translate("Healthy") : names.join(u", "_s);
                           },
                           [](const CronTableModel &model, int row) {
                               return QJsonValue(
                                   QJsonArray::fromStringList(healthNames(model.healthAt(row))));
                           }});
            break;
        case CronTableModel::CronIdColumn:
            fields.append({name, u"cron_id"_s, copyText});
            break;
        case CronTableModel::AssistantColumn:
            fields.append({name, u"assistant"_s, displayText});
            fields.append({translate("Assistant ID"), u"assistant_id"_s, copyText});
            break;
        case CronTableModel::ThreadColumn:
            fields.append({name, u"thread"_s, displayText});
            fields.append({translate("Thread ID"), u"thread_id"_s, copyText});
            break;
        case CronTableModel::NextRunColumn:
            fields.append(
                {name, u"next_run"_s, [](const CronTableModel &model, int row) {
                     // Without the relative part ("in 3 min"), which a file outlives.
                     const api::Cron &cron = model.cronAt(row);
                     if (model.healthAt(row) & HealthFlag::Ended)
                         return model.index(row, CronTableModel::NextRunColumn).data().toString();
                     return formatInstant(cron.nextRunDate, cron.timezone);
                 }});
            fields.append({translate("Next run (UTC)"), u"next_run_date"_s, copyText});
            break;
        case CronTableModel::EndTimeColumn:
            fields.append({name, u"end_time"_s, copyText});
            break;
        case CronTableModel::CreatedColumn:
            fields.append({name, u"created_at"_s, [iso](const CronTableModel &model, int row) {
                               return iso(model.cronAt(row).createdAt);
                           }});
            break;
        case CronTableModel::UpdatedColumn:
            fields.append({name, u"updated_at"_s, [iso](const CronTableModel &model, int row) {
                               return iso(model.cronAt(row).updatedAt);
                           }});
            break;
        case CronTableModel::EnabledColumn:
            fields.append(
                {name, u"enabled"_s, displayText, [](const CronTableModel &model, int row) {
                     return QJsonValue(model.cronAt(row).enabled);
                 }});
            break;
        case CronTableModel::MetadataColumn:
            fields.append(
                {name, u"metadata"_s, displayText, [](const CronTableModel &model, int row) {
                     return QJsonValue(userMetadata(model.cronAt(row).metadata));
                 }});
            break;
        default: {
            static const QHash<int, QString> keys {
                {CronTableModel::ScheduleColumn, u"schedule"_s},
                {CronTableModel::DescriptionColumn, u"description"_s},
                {CronTableModel::TimezoneColumn, u"timezone"_s},
                {CronTableModel::OnCompletionColumn, u"on_run_completed"_s},
                {CronTableModel::WebhookColumn, u"webhook"_s},
                {CronTableModel::MultitaskColumn, u"multitask_strategy"_s},
                {CronTableModel::UserColumn, u"user_id"_s},
            };
            fields.append({name, keys.value(column, u"column_%1"_s.arg(column)), displayText});
            break;
        }
        }
    }
    return fields;
}

} // namespace

QString withoutControlCharacters(const QString &text)
{
    QString clean = text;
    for (QChar &c : clean) {
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph)
            c = u' ';
    }
    return clean;
}

QStringList tableViewHeaders(const CronTableModel &model, const TableView &view)
{
    QStringList headers;
    for (const Field &field : fieldsOf(model, view))
        headers.append(field.header);
    return headers;
}

QStringList tableViewKeys(const CronTableModel &model, const TableView &view)
{
    QStringList keys;
    for (const Field &field : fieldsOf(model, view))
        keys.append(field.key);
    return keys;
}

QByteArray tableViewToCsv(const CronTableModel &model, const TableView &view)
{
    const QList<Field> fields = fieldsOf(model, view);
    auto line = [](const QStringList &values) -> QString {
        QStringList quoted;
        quoted.reserve(values.size());
        for (const QString &value : values)
            quoted.append(csvField(value));
        return quoted.join(u',') + u"\r\n"_s;
    };
    QString out = line(tableViewHeaders(model, view));
    for (const int row : view.rows) {
        QStringList values;
        values.reserve(fields.size());
        for (const Field &field : fields)
            values.append(field.text(model, row));
        out += line(values);
    }
    return out.toUtf8();
}

QByteArray tableViewToJson(const CronTableModel &model, const TableView &view)
{
    const QList<Field> fields = fieldsOf(model, view);
    QJsonArray array;
    for (const int row : view.rows) {
        QJsonObject object;
        for (const Field &field : fields)
            object.insert(field.key,
                          field.json ? field.json(model, row) : QJsonValue(field.text(model, row)));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString tableViewToTsv(const CronTableModel &model, const TableView &view)
{
    const QList<Field> fields = fieldsOf(model, view);
    auto line = [](QStringList values) -> QString {
        for (QString &value : values)
            value = withoutControlCharacters(value);
        return values.join(u'\t') + u'\n';
    };
    QString out = line(tableViewHeaders(model, view));
    for (const int row : view.rows) {
        QStringList values;
        values.reserve(fields.size());
        for (const Field &field : fields)
            values.append(field.text(model, row));
        out += line(values);
    }
    return out;
}

QString tableViewToHtml(const CronTableModel &model, const TableView &view, const QString &title)
{
    const QList<Field> fields = fieldsOf(model, view);
    QString html = u"<html><head><meta charset=\"utf-8\"><title>%1</title></head><body>"
                   "<h3>%1</h3><table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
                   "<thead><tr>"_s.arg(title.toHtmlEscaped());
    for (const Field &field : fields)
        html += u"<th>"_s + field.header.toHtmlEscaped() + u"</th>"_s;
    html += u"</tr></thead><tbody>"_s;
    for (const int row : view.rows) {
        html += u"<tr>"_s;
        for (const Field &field : fields)
            html += u"<td>"_s + field.text(model, row).toHtmlEscaped() + u"</td>"_s;
        html += u"</tr>"_s;
    }
    return html + u"</tbody></table></body></html>"_s;
}

namespace {

QByteArray writeCrons(const QList<api::Cron> &crons, CronExportWriter::Format format)
{
    CronExportWriter writer(format);
    QByteArray out;
    out.reserve(crons.size() * 1024 + 256);
    writer.begin(&out);
    writer.write(crons, &out);
    writer.end(&out);
    return out;
}

} // namespace

QByteArray cronsToJson(const QList<api::Cron> &crons)
{
    return writeCrons(crons, CronExportWriter::Format::Json);
}

QByteArray cronsToJsonLines(const QList<api::Cron> &crons)
{
    return writeCrons(crons, CronExportWriter::Format::JsonLines);
}

QString csvField(const QString &text)
{
    const bool needsQuotes = text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r') || text.startsWith(u' ') || text.endsWith(u' ');
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QByteArray cronsToCsv(const QList<api::Cron> &crons)
{
    return writeCrons(crons, CronExportWriter::Format::Csv);
}

QString cronsToTable(const QList<api::Cron> &crons)
{
    const QStringList header {u"CRON ID"_s,  u"ASSISTANT"_s,     u"THREAD"_s,
                              u"SCHEDULE"_s, u"TIMEZONE"_s,      u"NEXT RUN (UTC)"_s,
                              u"ENABLED"_s,  u"END TIME (UTC)"_s};
    QList<QStringList> rows {header};
    for (const api::Cron &cron : crons) {
        rows.append(
            {cron.cronId, cron.assistantId, cron.isStateless() ? u"stateless"_s : cron.threadId,
             cron.schedule, cron.timezone.isEmpty() ? u"UTC"_s : cron.timezone,
             cron.nextRunDate.isValid() ? cron.nextRunDate.toUTC().toString(u"yyyy-MM-dd HH:mm"_s)
                                        : u"-"_s,
             cron.enabled ? u"yes"_s : u"paused"_s,
             cron.endTime.isValid() ? cron.endTime.toUTC().toString(u"yyyy-MM-dd HH:mm"_s)
                                    : u"-"_s});
    }
    // For a terminal: server text may carry escape sequences, carriage returns or newlines that
    // would rewrite the screen or forge rows (models/safetext.h).
    for (QStringList &row : rows) {
        for (QString &cell : row)
            cell = shownText(cell);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        }
        out += line + u'\n';
    }
    return out;
}

} // namespace crondesk::models
