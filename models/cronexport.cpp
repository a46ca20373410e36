#include "cronexport.h"

#include "displayformat.h"
#include "safetext.h"

#include <models/api/timestamp.h>

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QByteArray cronsToJson(const QList<api::Cron> &crons)
{
    QJsonArray array;
    for (const api::Cron &cron : crons)
        array.append(api::cronToJson(cron));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray cronsToJsonLines(const QList<api::Cron> &crons)
{
    QByteArray out;
    for (const api::Cron &cron : crons)
        out += QJsonDocument(api::cronToJson(cron)).toJson(QJsonDocument::Compact) + '\n';
    return out;
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
    QString out
        = u"cron_id,assistant_id,thread_id,schedule,timezone,next_run_date,enabled,end_time,"
          "on_run_completed,created_at,updated_at,user_id,metadata,payload\r\n"_s;
    for (const api::Cron &cron : crons) {
        const QStringList fields {
            cron.cronId,
            cron.assistantId,
            cron.threadId,
            cron.schedule,
            cron.timezone,
            api::formatTimestamp(cron.nextRunDate),
            cron.enabled ? u"true"_s : u"false"_s,
            api::formatTimestamp(cron.endTime),
            cron.onRunCompleted,
            api::formatTimestamp(cron.createdAt),
            api::formatTimestamp(cron.updatedAt),
            cron.userId,
            compactJson(cron.metadata),
            compactJson(cron.payload),
        };
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted.append(csvField(field));
        out += quoted.join(u',') + u"\r\n"_s;
    }
    return out.toUtf8();
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
