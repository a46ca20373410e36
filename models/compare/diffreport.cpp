#include "diffreport.h"

#include <models/common/safetext.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("DiffReport", text, nullptr, n);
}

QString idOf(const QJsonObject &cron)
{
    return cron.value("cron_id"_L1).toString();
}

QStringList idsOf(const QList<QJsonObject> &crons)
{
    QStringList ids;
    ids.reserve(crons.size());
    for (const QJsonObject &cron : crons)
        ids.append(idOf(cron));
    return ids;
}

// What identifies a cron to a reader: id, assistant and schedule.
QString cronSummary(const QJsonObject &cron)
{
    return tr("%1 (assistant %2, schedule %3)")
        .arg(idOf(cron), cron.value("assistant_id"_L1).toString(),
             cron.value("schedule"_L1).toString());
}

QString sideText(const DiffSide &side)
{
    return side.takenAt.isValid()
        ? tr("%1, taken %2").arg(side.source, side.takenAt.toUTC().toString(Qt::ISODate))
        : side.source;
}

QString attributionAt(const QStringList &list, qsizetype index)
{
    return index < list.size() ? list.at(index) : QString();
}

QString htmlEscaped(const QString &text)
{
    return neutraliseControls(text).toHtmlEscaped();
}

// Markdown table cells: a pipe or a line break would end the cell.
QString markdownCell(const QString &text)
{
    QString cell = neutraliseControls(text);
    cell.replace(u'|', u"\\|"_s);
    cell.replace(u'`', u"'"_s);
    return cell;
}

QString table(const DiffReport &report)
{
    const SnapshotDiff &diff = report.diff;
    QString out;
    out += tr("old: %1").arg(shownLine(sideText(report.oldSide))) + u'\n';
    out += tr("new: %1").arg(shownLine(sideText(report.newSide))) + u"\n\n"_s;
    if (!diff.hasDifferences()) {
        out += tr("No difference: %n cron(s) unchanged.", int(diff.unchanged)) + u'\n';
        return out;
    }
    auto note = [](const QString &text) {
        return text.isEmpty() ? QString() : u"  ["_s + shownLine(text) + u']';
    };
    out += tr("Added: %n cron(s)", int(diff.added.size())) + u'\n';
    for (qsizetype i = 0; i < diff.added.size(); ++i)
        out += u"  + "_s + shownLine(cronSummary(diff.added.at(i)))
            + note(attributionAt(report.attribution.added, i)) + u'\n';
    out += tr("Removed: %n cron(s)", int(diff.removed.size())) + u'\n';
    for (qsizetype i = 0; i < diff.removed.size(); ++i)
        out += u"  - "_s + shownLine(cronSummary(diff.removed.at(i)))
            + note(attributionAt(report.attribution.removed, i)) + u'\n';
    out += tr("Changed: %n cron(s)", int(diff.changed.size())) + u'\n';
    for (qsizetype i = 0; i < diff.changed.size(); ++i) {
        const CronChange &change = diff.changed.at(i);
        const QString ids = change.oldId() == change.newId()
            ? change.oldId()
            : change.oldId() + u" -> "_s + change.newId();
        out += u"  ~ "_s + shownLine(ids) + note(attributionAt(report.attribution.changed, i))
            + u'\n';
        for (const CronFieldChange &field : change.fields)
            out += u"      "_s + shownLine(field.field) + u": "_s
                + shownLine(jsonValueText(field.oldValue), 300) + u" -> "_s
                + shownLine(jsonValueText(field.newValue), 300) + u'\n';
    }
    if (!diff.ambiguous.isEmpty()) {
        out += tr("Ambiguous: %n group(s) of crons that could not be paired one to one",
                  int(diff.ambiguous.size()))
            + u'\n';
        for (const AmbiguousPairing &pairing : diff.ambiguous) {
            const QStringList olds = idsOf(pairing.oldCrons);
            const QStringList news = idsOf(pairing.newCrons);
            out += u"  ? "_s + shownLine(pairing.key) + u'\n';
            out += u"      old: "_s + shownLine(olds.join(u", "_s)) + u'\n';
            out += u"      new: "_s + shownLine(news.join(u", "_s)) + u'\n';
        }
    }
    out += tr("Unchanged: %n cron(s)", int(diff.unchanged)) + u'\n';
    return out;
}

QString markdown(const DiffReport &report)
{
    const SnapshotDiff &diff = report.diff;
    QString out = u"# "_s + tr("Cron differences") + u"\n\n"_s;
    out += u"- "_s + tr("Old: %1").arg(markdownCell(sideText(report.oldSide))) + u'\n';
    out += u"- "_s + tr("New: %1").arg(markdownCell(sideText(report.newSide))) + u'\n';
    out += u"- "_s + tr("Unchanged: %n cron(s)", int(diff.unchanged)) + u"\n\n"_s;
    const bool attributed = !report.attribution.isEmpty();
    auto cronTable = [&](const QString &title, const QList<QJsonObject> &crons,
                         const QStringList &notes) {
        out += u"## "_s + title + u"\n\n"_s;
        if (crons.isEmpty())
            return;
        out += tr("| Cron | Assistant | Thread | Schedule | Time zone |")
            + (attributed ? tr(" Origin |") : QString());
        out += u"\n|---|---|---|---|---|"_s + (attributed ? u"---|"_s : QString()) + u'\n';
        for (qsizetype i = 0; i < crons.size(); ++i) {
            const QJsonObject &cron = crons.at(i);
            out += u"| "_s + markdownCell(idOf(cron)) + u" | "_s
                + markdownCell(cron.value("assistant_id"_L1).toString()) + u" | "_s
                + markdownCell(cron.value("thread_id"_L1).toString()) + u" | "_s
                + markdownCell(cron.value("schedule"_L1).toString()) + u" | "_s
                + markdownCell(cron.value("timezone"_L1).toString()) + u" |"_s
                + (attributed ? u' ' + markdownCell(attributionAt(notes, i)) + u" |"_s : QString())
                + u'\n';
        }
        out += u'\n';
    };
    cronTable(tr("Added (%n)", int(diff.added.size())), diff.added, report.attribution.added);
    cronTable(tr("Removed (%n)", int(diff.removed.size())), diff.removed,
              report.attribution.removed);
    out += u"## "_s + tr("Changed (%n)", int(diff.changed.size())) + u"\n\n"_s;
    for (qsizetype i = 0; i < diff.changed.size(); ++i) {
        const CronChange &change = diff.changed.at(i);
        out += u"### "_s + markdownCell(change.oldId());
        if (change.newId() != change.oldId())
            out += u" → "_s + markdownCell(change.newId());
        out += u"\n\n"_s;
        if (attributed)
            out += markdownCell(attributionAt(report.attribution.changed, i)) + u"\n\n"_s;
        out += tr("| Field | Old | New |") + u"\n|---|---|---|\n"_s;
        for (const CronFieldChange &field : change.fields)
            out += u"| "_s + markdownCell(field.field) + u" | `"_s
                + markdownCell(jsonValueText(field.oldValue)) + u"` | `"_s
                + markdownCell(jsonValueText(field.newValue)) + u"` |\n"_s;
        out += u'\n';
    }
    if (!diff.ambiguous.isEmpty()) {
        out += u"## "_s + tr("Ambiguous (%n)", int(diff.ambiguous.size())) + u"\n\n"_s;
        for (const AmbiguousPairing &pairing : diff.ambiguous) {
            const QStringList olds = idsOf(pairing.oldCrons);
            const QStringList news = idsOf(pairing.newCrons);
            out += u"- "_s + markdownCell(pairing.key) + u": "_s
                + tr("old %1; new %2")
                      .arg(markdownCell(olds.join(u", "_s)), markdownCell(news.join(u", "_s)))
                + u'\n';
        }
        out += u'\n';
    }
    return out;
}

QString html(const DiffReport &report)
{
    const SnapshotDiff &diff = report.diff;
    const QString title = tr("Cron differences");
    QString out = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"_s + title
        + u"</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
          "td,th{border:1px solid #aaa;padding:2px 6px;text-align:left;vertical-align:top}"
          "td.old{background:#fdd}td.new{background:#dfd}code{white-space:pre-wrap}</style>"
          "</head><body>\n<h1>"_s
        + title + u"</h1>\n<ul><li>"_s + htmlEscaped(tr("Old: %1").arg(sideText(report.oldSide)))
        + u"</li><li>"_s + htmlEscaped(tr("New: %1").arg(sideText(report.newSide))) + u"</li><li>"_s
        + htmlEscaped(tr("Unchanged: %n cron(s)", int(diff.unchanged))) + u"</li></ul>\n"_s;
    const bool attributed = !report.attribution.isEmpty();
    auto cronTable
        = [&](const QString &heading, const QList<QJsonObject> &crons, const QStringList &notes) {
              out += u"<h2>"_s + htmlEscaped(heading) + u"</h2>\n"_s;
              if (crons.isEmpty())
                  return;
              out += u"<table><tr><th>"_s + htmlEscaped(tr("Cron")) + u"</th><th>"_s
                  + htmlEscaped(tr("Assistant")) + u"</th><th>"_s + htmlEscaped(tr("Thread"))
                  + u"</th><th>"_s + htmlEscaped(tr("Schedule")) + u"</th><th>"_s
                  + htmlEscaped(tr("Time zone")) + u"</th>"_s
                  + (attributed ? u"<th>"_s + htmlEscaped(tr("Origin")) + u"</th>"_s : QString())
                  + u"</tr>\n"_s;
              for (qsizetype i = 0; i < crons.size(); ++i) {
                  const QJsonObject &cron = crons.at(i);
                  out += u"<tr><td>"_s + htmlEscaped(idOf(cron)) + u"</td><td>"_s
                      + htmlEscaped(cron.value("assistant_id"_L1).toString()) + u"</td><td>"_s
                      + htmlEscaped(cron.value("thread_id"_L1).toString()) + u"</td><td>"_s
                      + htmlEscaped(cron.value("schedule"_L1).toString()) + u"</td><td>"_s
                      + htmlEscaped(cron.value("timezone"_L1).toString()) + u"</td>"_s
                      + (attributed ? u"<td>"_s + htmlEscaped(attributionAt(notes, i)) + u"</td>"_s
                                    : QString())
                      + u"</tr>\n"_s;
              }
              out += u"</table>\n"_s;
          };
    cronTable(tr("Added (%n)", int(diff.added.size())), diff.added, report.attribution.added);
    cronTable(tr("Removed (%n)", int(diff.removed.size())), diff.removed,
              report.attribution.removed);
    out += u"<h2>"_s + htmlEscaped(tr("Changed (%n)", int(diff.changed.size()))) + u"</h2>\n"_s;
    for (qsizetype i = 0; i < diff.changed.size(); ++i) {
        const CronChange &change = diff.changed.at(i);
        QString ids = change.oldId();
        if (change.newId() != change.oldId())
            ids += u" → "_s + change.newId();
        out += u"<h3>"_s + htmlEscaped(ids) + u"</h3>\n"_s;
        if (attributed)
            out += u"<p>"_s + htmlEscaped(attributionAt(report.attribution.changed, i))
                + u"</p>\n"_s;
        out += u"<table><tr><th>"_s + htmlEscaped(tr("Field")) + u"</th><th>"_s
            + htmlEscaped(tr("Old")) + u"</th><th>"_s + htmlEscaped(tr("New")) + u"</th></tr>\n"_s;
        for (const CronFieldChange &field : change.fields)
            out += u"<tr><td>"_s + htmlEscaped(field.field) + u"</td><td class=\"old\"><code>"_s
                + htmlEscaped(jsonValueText(field.oldValue))
                + u"</code></td><td class=\"new\"><code>"_s
                + htmlEscaped(jsonValueText(field.newValue)) + u"</code></td></tr>\n"_s;
        out += u"</table>\n"_s;
    }
    if (!diff.ambiguous.isEmpty()) {
        out += u"<h2>"_s + htmlEscaped(tr("Ambiguous (%n)", int(diff.ambiguous.size())))
            + u"</h2>\n<ul>\n"_s;
        for (const AmbiguousPairing &pairing : diff.ambiguous) {
            const QStringList olds = idsOf(pairing.oldCrons);
            const QStringList news = idsOf(pairing.newCrons);
            out += u"<li>"_s
                + htmlEscaped(pairing.key + u": "_s
                              + tr("old %1; new %2").arg(olds.join(u", "_s), news.join(u", "_s)))
                + u"</li>\n"_s;
        }
        out += u"</ul>\n"_s;
    }
    out += u"</body></html>\n"_s;
    return out;
}

} // namespace

std::optional<DiffFormat> parseDiffFormat(const QString &text)
{
    const QString format = text.toLower();
    if (format == "table"_L1)
        return DiffFormat::Table;
    if (format == "json"_L1)
        return DiffFormat::Json;
    if (format == "markdown"_L1 || format == "md"_L1)
        return DiffFormat::Markdown;
    if (format == "html"_L1)
        return DiffFormat::Html;
    return std::nullopt;
}

QJsonObject diffReportToJson(const DiffReport &report)
{
    const SnapshotDiff &diff = report.diff;
    auto side = [](const DiffSide &s) {
        return QJsonObject {{"source"_L1, s.source},
                            {"taken_at"_L1,
                             s.takenAt.isValid()
                                 ? QJsonValue(s.takenAt.toUTC().toString(Qt::ISODate))
                                 : QJsonValue()}};
    };
    auto crons = [](const QList<QJsonObject> &list) {
        QJsonArray array;
        for (const QJsonObject &cron : list)
            array.append(cron);
        return array;
    };
    QJsonArray changed;
    for (qsizetype i = 0; i < diff.changed.size(); ++i) {
        const CronChange &change = diff.changed.at(i);
        QJsonObject fields;
        for (const CronFieldChange &field : change.fields) {
            QJsonObject values;
            if (!field.oldValue.isUndefined())
                values.insert("old"_L1, field.oldValue);
            if (!field.newValue.isUndefined())
                values.insert("new"_L1, field.newValue);
            fields.insert(field.field, values);
        }
        QJsonObject item {
            {"old_id"_L1, change.oldId()}, {"new_id"_L1, change.newId()}, {"fields"_L1, fields}};
        if (!report.attribution.isEmpty())
            item.insert("attribution"_L1, attributionAt(report.attribution.changed, i));
        changed.append(item);
    }
    QJsonArray ambiguous;
    for (const AmbiguousPairing &pairing : diff.ambiguous) {
        QJsonArray olds;
        QJsonArray news;
        for (const QJsonObject &cron : pairing.oldCrons)
            olds.append(idOf(cron));
        for (const QJsonObject &cron : pairing.newCrons)
            news.append(idOf(cron));
        ambiguous.append(QJsonObject {{"key"_L1, pairing.key}, {"old"_L1, olds}, {"new"_L1, news}});
    }
    QJsonObject root {
        {"old"_L1, side(report.oldSide)},
        {"new"_L1, side(report.newSide)},
        {"added"_L1, crons(diff.added)},
        {"removed"_L1, crons(diff.removed)},
        {"changed"_L1, changed},
        {"ambiguous"_L1, ambiguous},
        {"unchanged"_L1, qint64(diff.unchanged)},
    };
    if (!report.attribution.isEmpty())
        root.insert(
            "attribution"_L1,
            QJsonObject {{"added"_L1, QJsonArray::fromStringList(report.attribution.added)},
                         {"removed"_L1, QJsonArray::fromStringList(report.attribution.removed)}});
    return root;
}

QByteArray renderDiffReport(const DiffReport &report, DiffFormat format)
{
    switch (format) {
    case DiffFormat::Table:
        return table(report).toUtf8();
    case DiffFormat::Json:
        return QJsonDocument(diffReportToJson(report)).toJson(QJsonDocument::Indented);
    case DiffFormat::Markdown:
        return markdown(report).toUtf8();
    case DiffFormat::Html:
        return html(report).toUtf8();
    }
    return {};
}

} // namespace crondesk::models
