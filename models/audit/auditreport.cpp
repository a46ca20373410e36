#include "auditreport.h"

#include <models/api/timestamp.h>
#include <models/common/displayformat.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("AuditReport", text);
}

// Counted messages are marked with QT_TRANSLATE_N_NOOP where they are written, so that lupdate
// finds them for the English plural forms (it cannot see through this wrapper).
QString translate(const char *text, int n)
{
    return QCoreApplication::translate("AuditReport", text, nullptr, n);
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString isoUtc(const QDateTime &instant)
{
    return instant.isValid() ? api::formatTimestamp(instant.toUTC()) : QString();
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString number(qint64 value)
{
    return QLocale::c().toString(value);
}

constexpr AuditSeverity severitiesHighFirst[]
    = {AuditSeverity::Error, AuditSeverity::Warning, AuditSeverity::Info};

// The findings of each rule, for rules judged, in rule order.
QList<std::pair<AuditRule, int>> countsByRule(const AuditResult &result)
{
    QList<std::pair<AuditRule, int>> counts;
    for (const AuditRule rule : result.evaluated.rules())
        counts.append({rule, result.countOf(rule)});
    return counts;
}

QList<const AuditFinding *> burstFindings(const AuditResult &result)
{
    QList<const AuditFinding *> bursts;
    for (const AuditFinding &finding : result.findings) {
        if (finding.rule == AuditRule::Burst)
            bursts.append(&finding);
    }
    return bursts;
}

QString evidenceText(const QJsonObject &evidence)
{
    return QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact));
}

// "Sat 21 Nov" for the heat map's rows.
QString dayLabel(const QDateTime &day)
{
    return QLocale::c().toString(day.date(), u"ddd d MMM"_s);
}

QString severityClass(AuditSeverity severity)
{
    return QString(severityId(severity));
}

// --- HTML pieces -------------------------------------------------------------------------------

const char *const reportCss = R"CSS(
:root { --error: #c62828; --warning: #ef8f00; --info: #1565c0; --ink: #1f2933; --muted: #5f6b76;
        --rule: #d9dee3; --paper: #ffffff; --tint: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif;
       color: var(--ink); background: var(--paper); }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta { margin: 0; color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0 4px; }
.card { flex: 1 1 140px; border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px;
        background: var(--tint); }
.card .value { font-size: 26px; font-weight: bold; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.error .value { color: var(--error); } .card.warning .value { color: var(--warning); }
.card.info .value { color: var(--info); }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
.charts figure { margin: 0; flex: 1 1 420px; }
figcaption { font-weight: bold; margin-bottom: 6px; }
svg text { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: var(--tint); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.id { white-space: nowrap; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 11.5px;
         font-weight: bold; color: #fff; white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); } .badge.ack { background: #607d8b; }
.finding { border: 1px solid var(--rule); border-left: 5px solid var(--rule); border-radius: 6px;
           padding: 8px 12px; margin: 8px 0; break-inside: avoid; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); } .finding.acknowledged { opacity: .75; }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.finding .message { margin: 4px 0; }
.finding .suggestion { color: var(--muted); margin: 2px 0; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 4px 0 0;
              font-size: 12.5px; }
.finding dt { color: var(--muted); } .finding dd { margin: 0; overflow-wrap: anywhere; }
.empty { color: var(--muted); font-style: italic; }
.legend { display: flex; gap: 6px; align-items: center; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend span.swatch { display: inline-block; width: 18px; height: 12px; border: 1px solid var(--rule); }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .card, .finding, figure, tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)CSS";

QString barChartSvg(const QList<std::tuple<QString, qint64, QString>> &bars, int width)
{
    // label, value, colour
    constexpr int rowHeight = 24;
    constexpr int labelWidth = 170;
    const int barSpace = width - labelWidth - 60;
    qint64 maximum = 1;
    for (const auto &bar : bars)
        maximum = std::max(maximum, std::get<1>(bar));
    const int height = int(bars.size()) * rowHeight + 8;
    QString svg = u"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%1\" "
                  "height=\"%2\" viewBox=\"0 0 %1 %2\">"_s.arg(width)
                      .arg(height);
    int y = 4;
    for (const auto &[label, value, colour] : bars) {
        const int length = value > 0 ? std::max(2, int(barSpace * value / maximum)) : 0;
        svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"end\" font-size=\"12\">%3</text>"_s
                   .arg(labelWidth - 8)
                   .arg(y + 16)
                   .arg(escaped(label));
        svg += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"16\" rx=\"3\" fill=\"%4\">"
               "<title>%5: %6</title></rect>"_s.arg(labelWidth)
                   .arg(y + 4)
                   .arg(length)
                   .arg(colour, escaped(label), number(value));
        svg += u"<text x=\"%1\" y=\"%2\" font-size=\"12\">%3</text>"_s.arg(labelWidth + length + 6)
                   .arg(y + 16)
                   .arg(number(value));
        y += rowHeight;
    }
    return svg + u"</svg>"_s;
}

QString heatMapSvg(const HourlyFireCounts &fires)
{
    constexpr int cell = 34;
    constexpr int cellHeight = 24;
    constexpr int left = 92;
    constexpr int top = 22;
    const int days = int(fires.perHour.size() / 24);
    const int width = left + 24 * cell + 4;
    const int height = top + days * cellHeight + 4;
    qint64 maximum = 0;
    for (const qint64 count : fires.perHour)
        maximum = std::max(maximum, count);
    QString svg = u"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%1\" "
                  "height=\"%2\" viewBox=\"0 0 %1 %2\">"_s.arg(width)
                      .arg(height);
    // Hours of the day on top, in UTC, from the hour the audit was made in.
    const int firstHour = fires.start.time().hour();
    for (int column = 0; column < 24; ++column) {
        const int hour = (firstHour + column) % 24;
        svg += u"<text x=\"%1\" y=\"15\" text-anchor=\"middle\" font-size=\"11\">%2</text>"_s
                   .arg(left + column * cell + cell / 2)
                   .arg(hour, 2, 10, QChar(u'0'));
    }
    for (int row = 0; row < days; ++row) {
        const QDateTime rowStart = fires.start.addSecs(qint64(row) * 86400);
        svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"end\" font-size=\"11\">%3</text>"_s
                   .arg(left - 8)
                   .arg(top + row * cellHeight + 16)
                   .arg(escaped(dayLabel(rowStart)));
        for (int column = 0; column < 24; ++column) {
            const qint64 count = fires.perHour.at(row * 24 + column);
            const QDateTime hour = rowStart.addSecs(qint64(column) * 3600);
            svg += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\" "
                   "stroke=\"#ffffff\"><title>%6 %7 UTC: %8</title></rect>"_s
                       .arg(left + column * cell)
                       .arg(top + row * cellHeight)
                       .arg(cell)
                       .arg(cellHeight)
                       .arg(heatColour(count, maximum),
                            escaped(QLocale::c().toString(hour.date(), u"ddd d MMM"_s)),
                            hour.toString(u"HH:mm"_s),
                            translate(QT_TRANSLATE_N_NOOP("AuditReport", "%n run(s)"), int(count)));
            if (count > 0 && maximum > 0)
                svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" font-size=\"10\" "
                       "style=\"fill:%3\">%4</text>"_s.arg(left + column * cell + cell / 2)
                           .arg(top + row * cellHeight + 16)
                           .arg(count * 2 > maximum ? u"#ffffff"_s : u"#1f2933"_s)
                           .arg(count >= 10000 ? u"%1k"_s.arg(count / 1000) : number(count));
        }
    }
    return svg + u"</svg>"_s;
}

QString findingEvidenceRows(const QJsonObject &evidence)
{
    QString rows;
    for (auto it = evidence.begin(); it != evidence.end(); ++it) {
        QString value;
        if (it->isString())
            value = it->toString();
        else if (it->isNull())
            value = u"—"_s;
        else if (it->isArray() || it->isObject())
            value = QString::fromUtf8(
                it->isArray() ? QJsonDocument(it->toArray()).toJson(QJsonDocument::Compact)
                              : QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact));
        else if (it->isBool())
            value = it->toBool() ? u"true"_s : u"false"_s;
        else
            value = QString::number(it->toDouble(), 'g', 15);
        rows += u"<dt>%1</dt><dd><code>%2</code></dd>"_s.arg(escaped(it.key()), escaped(value));
    }
    return rows;
}

QString cronCell(const QString &cronId)
{
    return cronId.isEmpty() ? u"<span class=\"empty\">%1</span>"_s.arg(translate("several"))
                            : u"<span class=\"id\">%1</span>"_s.arg(escaped(cronId));
}

QString markdownCell(QString text)
{
    text.replace(u'\\', u"\\\\"_s);
    text.replace(u'|', u"\\|"_s);
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text;
}

QString titleLine(const AuditResult &result, const AuditReportContext &context)
{
    const QString where
        = context.deploymentName.isEmpty() ? result.serverUrl : context.deploymentName;
    return where.isEmpty() ? translate("Cron audit") : translate("Cron audit of %1").arg(where);
}

QString asOfLine(const AuditResult &result, const AuditReportContext &context)
{
    QString line = translate("As of %1 (UTC)").arg(isoUtc(result.now));
    if (!result.serverUrl.isEmpty())
        line += u" · "_s + result.serverUrl;
    if (!result.serverVersion.isEmpty())
        line += u" · "_s + translate("Agent Server %1").arg(result.serverVersion);
    if (context.generatedAt.isValid())
        line += u" · "_s + translate("generated %1").arg(isoUtc(context.generatedAt));
    return line;
}

QString summarySentence(const AuditResult &result)
{
    return translate(QT_TRANSLATE_N_NOOP("AuditReport", "%n cron(s) audited"), result.cronCount)
        + u": "_s
        + translate(QT_TRANSLATE_N_NOOP("AuditReport", "%n finding(s)"),
                    int(result.findings.size()))
        + u" — "_s
        + translate("%1 errors, %2 warnings, %3 notes; %4 acknowledged.")
              .arg(result.count(AuditSeverity::Error))
              .arg(result.count(AuditSeverity::Warning))
              .arg(result.count(AuditSeverity::Info))
              .arg(result.acknowledgedCount());
}

QString ruleListText(const QList<AuditRule> &rules)
{
    QStringList ids;
    for (const AuditRule rule : rules)
        ids.append(QString(ruleId(rule)));
    return ids.join(u", "_s);
}

} // namespace

QString heatColour(qint64 count, qint64 maximum)
{
    if (count <= 0 || maximum <= 0)
        return u"#f4f6f8"_s;
    // From #dbe9f6 to #0b3c73, by the square root so that a few busy hours do not wash out the
    // rest.
    const double t = std::sqrt(double(count) / double(maximum));
    const auto channel = [t](int from, int to) { return int(from + (to - from) * t + 0.5); };
    return u"#%1%2%3"_s.arg(channel(0xdb, 0x0b), 2, 16, QChar(u'0'))
        .arg(channel(0xe9, 0x3c), 2, 16, QChar(u'0'))
        .arg(channel(0xf6, 0x73), 2, 16, QChar(u'0'));
}

QString severityColour(AuditSeverity severity)
{
    switch (severity) {
    case AuditSeverity::Error:
        return u"#c62828"_s;
    case AuditSeverity::Warning:
        return u"#ef8f00"_s;
    case AuditSeverity::Info:
        return u"#1565c0"_s;
    }
    return u"#000000"_s;
}

QJsonObject auditFindingToJson(const AuditFinding &finding)
{
    QJsonObject object {{"rule"_L1, QString(ruleId(finding.rule))},
                        {"severity"_L1, QString(severityId(finding.severity))},
                        {"cron_id"_L1, nullable(finding.cronId)},
                        {"assistant_id"_L1, nullable(finding.assistantId)},
                        {"thread_id"_L1, nullable(finding.threadId)},
                        {"message"_L1, finding.message},
                        {"evidence"_L1, finding.evidence},
                        {"suggestion"_L1, finding.suggestion},
                        {"acknowledged"_L1, finding.acknowledged}};
    if (finding.acknowledged)
        object.insert("acknowledgement"_L1,
                      QJsonObject {{"reason"_L1, finding.acknowledgementReason},
                                   {"until"_L1, isoUtc(finding.acknowledgedUntil)}});
    return object;
}

QJsonObject auditResultToJson(const AuditResult &result, const QDateTime &generatedAt)
{
    QJsonObject bySeverity;
    for (const AuditSeverity severity : severitiesHighFirst)
        bySeverity.insert(severityId(severity), result.count(severity));
    QJsonObject byRule;
    for (const auto &[rule, count] : countsByRule(result))
        byRule.insert(ruleId(rule), count);
    QJsonArray notEvaluated;
    for (const AuditSkippedRule &skipped : result.notEvaluated)
        notEvaluated.append(QJsonObject {{"rule"_L1, QString(ruleId(skipped.rule))},
                                         {"reason"_L1, skipped.reason}});
    QJsonArray findings;
    for (const AuditFinding &finding : result.findings)
        findings.append(auditFindingToJson(finding));
    return QJsonObject {
        {"generated_at"_L1, isoUtc(generatedAt)},
        {"now"_L1, isoUtc(result.now)},
        {"server"_L1,
         QJsonObject {{"url"_L1, nullable(result.serverUrl)},
                      {"version"_L1, nullable(result.serverVersion)}}},
        {"summary"_L1,
         QJsonObject {{"crons"_L1, result.cronCount},
                      {"findings"_L1, int(result.findings.size())},
                      {"acknowledged"_L1, result.acknowledgedCount()},
                      {"by_severity"_L1, bySeverity},
                      {"by_rule"_L1, byRule}}},
        {"not_evaluated"_L1, notEvaluated},
        {"findings"_L1, findings},
    };
}

namespace {

// JSON text with the members in a given order (QJsonObject sorts its keys): members are written
// here, values by QJsonDocument.
QByteArray valueText(const QJsonValue &value, int indent)
{
    QByteArray text;
    if (value.isObject())
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented).trimmed();
    else if (value.isArray())
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented).trimmed();
    else {
        const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }
    if (indent > 0)
        text.replace("\n", QByteArray("\n" + QByteArray(indent, ' ')));
    return text;
}

QByteArray compactValueText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

using OrderedMembers = QList<std::pair<QLatin1StringView, QJsonValue>>;

QByteArray orderedObject(const OrderedMembers &members, int indent)
{
    if (indent < 0) {
        QByteArray text = "{";
        for (qsizetype i = 0; i < members.size(); ++i) {
            if (i > 0)
                text += ',';
            text += compactValueText(QString(members.at(i).first)) + ':'
                + compactValueText(members.at(i).second);
        }
        return text + '}';
    }
    const QByteArray pad(indent + 4, ' ');
    QByteArray text = "{\n";
    for (qsizetype i = 0; i < members.size(); ++i) {
        text += pad + compactValueText(QString(members.at(i).first)) + ": "
            + valueText(members.at(i).second, indent + 4);
        text += i + 1 < members.size() ? ",\n" : "\n";
    }
    return text + QByteArray(indent, ' ') + '}';
}

OrderedMembers findingMembers(const AuditFinding &finding)
{
    const QJsonObject object = auditFindingToJson(finding);
    OrderedMembers members;
    for (const char *key : {"rule", "severity", "cron_id", "assistant_id", "thread_id", "message",
                            "evidence", "suggestion", "acknowledged", "acknowledgement"}) {
        const QLatin1StringView name(key);
        if (object.contains(name))
            members.append({name, object.value(name)});
    }
    return members;
}

} // namespace

QByteArray auditResultJsonText(const AuditResult &result, const QDateTime &generatedAt)
{
    const QJsonObject object = auditResultToJson(result, generatedAt);
    const QJsonObject summary = object.value("summary"_L1).toObject();
    QByteArray findings = "[";
    for (qsizetype i = 0; i < result.findings.size(); ++i) {
        findings += i > 0 ? ",\n        " : "\n        ";
        findings += orderedObject(findingMembers(result.findings.at(i)), 8);
    }
    findings += result.findings.isEmpty() ? "]" : "\n    ]";
    QByteArray text = orderedObject({{"generated_at"_L1, object.value("generated_at"_L1)},
                                     {"now"_L1, object.value("now"_L1)},
                                     {"server"_L1, object.value("server"_L1)},
                                     {"summary"_L1, QJsonValue()}, // placeholder, replaced below
                                     {"not_evaluated"_L1, object.value("not_evaluated"_L1)},
                                     {"findings"_L1, QJsonValue()}},
                                    0);
    const QByteArray summaryText
        = orderedObject({{"crons"_L1, summary.value("crons"_L1)},
                         {"findings"_L1, summary.value("findings"_L1)},
                         {"acknowledged"_L1, summary.value("acknowledged"_L1)},
                         {"by_severity"_L1, summary.value("by_severity"_L1)},
                         {"by_rule"_L1, summary.value("by_rule"_L1)}},
                        4);
    text.replace("\"summary\": null", QByteArray("\"summary\": " + summaryText));
    text.replace("\"findings\": null", QByteArray("\"findings\": " + findings));
    return text + '\n';
}

QByteArray auditFindingJsonLine(const AuditFinding &finding)
{
    return orderedObject(findingMembers(finding), -1) + '\n';
}

QStringList auditCsvColumns()
{
    return {u"rule"_s,    u"severity"_s, u"cron_id"_s,    u"assistant_id"_s, u"thread_id"_s,
            u"message"_s, u"evidence"_s, u"suggestion"_s, u"acknowledged"_s};
}

QString auditReportHtml(const AuditResult &result, const AuditReportContext &context)
{
    QString html;
    html.reserve(64 * 1024 + result.findings.size() * 1200);
    const QString title = titleLine(result, context);
    html += u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            // Self-contained by construction, and the browser holds it to that: nothing may be
            // fetched and no script may run.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"_s;
    html += u"<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n<main>\n"_s.arg(
        escaped(title), QString::fromUtf8(reportCss));
    html += u"<h1>%1</h1>\n<p class=\"meta\">%2</p>\n"_s.arg(escaped(title),
                                                             escaped(asOfLine(result, context)));

    // Summary.
    html += u"<section id=\"summary\">\n<h2>%1</h2>\n<p>%2</p>\n<div class=\"cards\">\n"_s.arg(
        translate("Summary"), escaped(summarySentence(result)));
    const auto card = [&html](const QString &cls, qint64 value, const QString &label) {
        html += u"<div class=\"card %1\"><div class=\"value\">%2</div><div class=\"label\">%3"
                "</div></div>\n"_s.arg(cls, number(value), escaped(label));
    };
    card(QString(), result.cronCount, translate("Crons"));
    card(QString(), result.findings.size(), translate("Findings"));
    card(u"error"_s, result.count(AuditSeverity::Error), translate("Errors"));
    card(u"warning"_s, result.count(AuditSeverity::Warning), translate("Warnings"));
    card(u"info"_s, result.count(AuditSeverity::Info), translate("Notes"));
    card(QString(), result.acknowledgedCount(), translate("Acknowledged"));
    html += u"</div>\n</section>\n"_s;

    // By severity and by rule.
    html += u"<section id=\"charts\">\n<h2>%1</h2>\n<div class=\"charts\">\n"_s.arg(
        translate("Findings by severity and by rule"));
    QList<std::tuple<QString, qint64, QString>> severityBars;
    for (const AuditSeverity severity : severitiesHighFirst)
        severityBars.append(
            {severityTitle(severity), result.count(severity), severityColour(severity)});
    html += u"<figure><figcaption>%1</figcaption>%2</figure>\n"_s.arg(
        translate("By severity"), barChartSvg(severityBars, 460));
    QList<std::tuple<QString, qint64, QString>> ruleBars;
    QList<std::pair<AuditRule, int>> byRule = countsByRule(result);
    std::stable_sort(byRule.begin(), byRule.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    for (const auto &[rule, count] : byRule) {
        if (count > 0)
            ruleBars.append(
                {QString(ruleId(rule)), count, severityColour(result.severityOf(rule))});
    }
    html += u"<figure><figcaption>%1</figcaption>%2</figure>\n"_s.arg(
        translate("By rule"),
        ruleBars.isEmpty() ? u"<p class=\"empty\">%1</p>"_s.arg(translate("No findings."))
                           : barChartSvg(ruleBars, 560));
    html += u"</div>\n<table>\n<tr><th>%1</th><th>%2</th><th class=\"num\">%3</th><th>%4</th>"
            "</tr>\n"_s.arg(translate("Rule"), translate("Severity"), translate("Findings"),
                            translate("What it checks"));
    for (const auto &[rule, count] : countsByRule(result)) {
        const AuditSeverity severity = result.severityOf(rule);
        html += u"<tr><td><code>%1</code></td><td><span class=\"badge %2\">%3</span></td>"
                "<td class=\"num\">%4</td><td>%5</td></tr>\n"_s.arg(
                    QString(ruleId(rule)), severityClass(severity), severityTitle(severity),
                    number(count), escaped(ruleExplanation(rule)));
    }
    html += u"</table>\n</section>\n"_s;

    // Heat map.
    html += u"<section id=\"heatmap\">\n<h2>%1</h2>\n"_s.arg(
        translate(QT_TRANSLATE_N_NOOP("AuditReport", "Runs per hour, next %n day(s) (UTC)"),
                  result.horizonDays));
    if (result.fires.perHour.isEmpty()) {
        html += u"<p class=\"empty\">%1</p>\n"_s.arg(translate("Not computed."));
    } else {
        const qint64 busiest
            = *std::max_element(result.fires.perHour.cbegin(), result.fires.perHour.cend());
        html += u"<p>%1</p>\n"_s.arg(
            escaped(translate(QT_TRANSLATE_N_NOOP("AuditReport",
                                                  "%n run(s) in all; the busiest hour has %1."),
                              int(std::min<qint64>(result.fires.total, INT_MAX)))
                        .arg(number(busiest))));
        html += heatMapSvg(result.fires);
        html += u"<div class=\"legend\">%1 <span class=\"swatch\" style=\"background:%2\"></span>"
                "<span class=\"swatch\" style=\"background:%3\"></span>"
                "<span class=\"swatch\" style=\"background:%4\"></span> %5</div>\n"_s.arg(
                    translate("fewer"), heatColour(1, 16), heatColour(4, 16), heatColour(16, 16),
                    translate("more runs"));
    }
    html += u"</section>\n"_s;

    // Bursts.
    const QList<const AuditFinding *> bursts = burstFindings(result);
    html += u"<section id=\"bursts\">\n<h2>%1</h2>\n"_s.arg(translate("Bursts"));
    if (bursts.isEmpty()) {
        html += u"<p class=\"empty\">%1</p>\n"_s.arg(
            result.evaluated.has(AuditRule::Burst)
                ? translate("No minute has more crons than the policy allows.")
                : translate("The burst rule was not applied."));
    } else {
        html += u"<table>\n<tr><th>%1</th><th class=\"num\">%2</th><th class=\"num\">%3</th>"
                "<th>%4</th></tr>\n"_s.arg(translate("First minute (UTC)"), translate("Crons"),
                                           translate("Times"), translate("Crons in it"));
        for (const AuditFinding *burst : bursts) {
            QStringList ids;
            for (const QJsonValue &id : burst->evidence.value("cron_ids"_L1).toArray())
                ids.append(u"<span class=\"id\">%1</span>"_s.arg(escaped(id.toString())));
            const qint64 total = burst->evidence.value("cron_count"_L1).toInteger();
            QString list = ids.mid(0, 12).join(u", "_s);
            if (total > 12)
                list += escaped(
                    translate(QT_TRANSLATE_N_NOOP("AuditReport", " and %n more"), int(total - 12)));
            html += u"<tr><td>%1</td><td class=\"num\">%2</td><td class=\"num\">%3</td>"
                    "<td>%4</td></tr>\n"_s.arg(
                        escaped(burst->evidence.value("minute"_L1).toString()),
                        number(burst->evidence.value("crons_in_minute"_L1).toInteger()),
                        number(burst->evidence.value("occurrences"_L1).toInteger()), list);
        }
        html += u"</table>\n"_s;
    }
    html += u"</section>\n"_s;

    // Worst crons.
    const QList<AuditCronScore> worst = worstCrons(result, 10);
    html += u"<section id=\"worst\">\n<h2>%1</h2>\n"_s.arg(translate("The worst crons"));
    if (worst.isEmpty()) {
        html += u"<p class=\"empty\">%1</p>\n"_s.arg(
            translate("No cron has a finding that is not acknowledged."));
    } else {
        html += u"<table>\n<tr><th>%1</th><th>%2</th><th class=\"num\">%3</th>"
                "<th class=\"num\">%4</th><th class=\"num\">%5</th><th>%6</th></tr>\n"_s.arg(
                    translate("Cron"), translate("Assistant"), translate("Errors"),
                    translate("Warnings"), translate("Notes"), translate("Rules"));
        for (const AuditCronScore &score : worst) {
            html += u"<tr><td>%1</td><td><span class=\"id\">%2</span></td><td class=\"num\">%3"
                    "</td><td class=\"num\">%4</td><td class=\"num\">%5</td><td><code>%6</code>"
                    "</td></tr>\n"_s.arg(cronCell(score.cronId), escaped(score.assistantId))
                        .arg(score.errors)
                        .arg(score.warnings)
                        .arg(score.infos)
                        .arg(escaped(ruleListText(score.rules.rules())));
        }
        html += u"</table>\n"_s;
    }
    html += u"</section>\n"_s;

    // Every finding.
    html += u"<section id=\"findings\">\n<h2>%1</h2>\n"_s.arg(translate("Every finding"));
    if (result.findings.isEmpty())
        html += u"<p class=\"empty\">%1</p>\n"_s.arg(translate("No findings."));
    for (const AuditSeverity severity : severitiesHighFirst) {
        const int count = result.count(severity);
        if (count == 0)
            continue;
        html += u"<h3>%1 (%2)</h3>\n"_s.arg(severityTitle(severity)).arg(count);
        for (const AuditFinding &finding : result.findings) {
            if (finding.severity != severity)
                continue;
            html += u"<article class=\"finding %1%2\">\n<div class=\"head\"><span class=\"badge "
                    "%1\">%3</span> <code>%4</code> %5"_s.arg(
                        severityClass(severity),
                        finding.acknowledged ? u" acknowledged"_s : QString(),
                        severityTitle(severity), QString(ruleId(finding.rule)),
                        cronCell(finding.cronId));
            if (finding.acknowledged)
                html += u" <span class=\"badge ack\">%1</span>"_s.arg(escaped(
                    translate("Acknowledged until %1").arg(isoUtc(finding.acknowledgedUntil))));
            html += u"</div>\n<p class=\"message\">%1</p>\n"_s.arg(escaped(finding.message));
            if (finding.acknowledged)
                html += u"<p class=\"suggestion\">%1</p>\n"_s.arg(
                    escaped(translate("Acknowledged: %1").arg(finding.acknowledgementReason)));
            html += u"<p class=\"suggestion\">%1</p>\n"_s.arg(
                escaped(translate("Suggestion: %1").arg(finding.suggestion)));
            QString evidence = findingEvidenceRows(finding.evidence);
            if (!finding.assistantId.isEmpty())
                evidence.prepend(u"<dt>assistant_id</dt><dd><code>%1</code></dd>"_s.arg(
                    escaped(finding.assistantId)));
            html += u"<dl>%1</dl>\n</article>\n"_s.arg(evidence);
        }
    }
    html += u"</section>\n"_s;

    // What was not judged.
    html
        += u"<section id=\"not-evaluated\">\n<h2>%1</h2>\n<ul>\n"_s.arg(translate("Not evaluated"));
    for (const AuditSkippedRule &skipped : result.notEvaluated)
        html += u"<li><code>%1</code>: %2</li>\n"_s.arg(QString(ruleId(skipped.rule)),
                                                        escaped(skipped.reason));
    const QList<AuditRule> disabled = result.disabled.rules();
    if (!disabled.isEmpty())
        html += u"<li>%1 <code>%2</code></li>\n"_s.arg(
            translate("Turned off by the policy or left out of this audit:"),
            escaped(ruleListText(disabled)));
    if (result.notEvaluated.isEmpty() && disabled.isEmpty())
        html += u"<li>%1</li>\n"_s.arg(translate("Every rule was evaluated."));
    html += u"</ul>\n</section>\n"_s;
    html += u"<footer>%1</footer>\n</main>\n</body>\n</html>\n"_s.arg(
        escaped(translate("Cron Desk %1 · rules and policy: docs/audit.md")
                    .arg(QStringLiteral(CRONDESK_VERSION))));
    return html;
}

QString auditReportDocumentHtml(const AuditResult &result, const AuditReportContext &context,
                                const QString &heatMapImage)
{
    // QTextDocument's subset: tables with widths and background colours, no flex, no SVG.
    QString html;
    const QString title = titleLine(result, context);
    html += u"<html><head><style>"
            "body { font-family: 'DejaVu Sans'; font-size: 9pt; color: #1f2933; }"
            "h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 14px; }"
            "h3 { font-size: 11pt; } td, th { padding: 3px 5px; } th { background: #f4f6f8; }"
            ".muted { color: #5f6b76; } .id { font-family: 'DejaVu Sans Mono'; font-size: 7.5pt; "
            "white-space: nowrap; } code { font-family: 'DejaVu Sans Mono'; }"
            "</style></head><body>"_s;
    html += u"<h1>%1</h1><p class=\"muted\">%2</p>"_s.arg(escaped(title),
                                                          escaped(asOfLine(result, context)));
    html += u"<h2>%1</h2><p>%2</p>"_s.arg(translate("Summary"), escaped(summarySentence(result)));

    html += u"<h2>%1</h2><table cellspacing=\"0\" width=\"100%\">"_s.arg(
        translate("Findings by severity and by rule"));
    qint64 maximum = 1;
    for (const auto &[rule, count] : countsByRule(result))
        maximum = std::max<qint64>(maximum, count);
    for (const AuditSeverity severity : severitiesHighFirst)
        maximum = std::max<qint64>(maximum, result.count(severity));
    const auto bar = [&](const QString &label, qint64 value, const QString &colour) {
        const int percent = value > 0 ? std::max(1, int(70 * value / maximum)) : 0;
        QString row = u"<tr><td width=\"25%\">%1</td><td width=\"75%\"><table cellspacing=\"0\" "
                      "cellpadding=\"0\" width=\"100%\"><tr>"_s.arg(escaped(label));
        if (percent > 0)
            row += u"<td width=\"%1%\" bgcolor=\"%2\">&nbsp;</td>"_s.arg(percent).arg(colour);
        row += u"<td>&nbsp;%1</td></tr></table></td></tr>"_s.arg(number(value));
        return row;
    };
    for (const AuditSeverity severity : severitiesHighFirst)
        html += bar(severityTitle(severity), result.count(severity), severityColour(severity));
    for (const auto &[rule, count] : countsByRule(result)) {
        if (count > 0)
            html += bar(QString(ruleId(rule)), count, severityColour(result.severityOf(rule)));
    }
    html += u"</table>"_s;

    html += u"<h2>%1</h2>"_s.arg(
        translate(QT_TRANSLATE_N_NOOP("AuditReport", "Runs per hour, next %n day(s) (UTC)"),
                  result.horizonDays));
    if (!result.fires.perHour.isEmpty())
        html += u"<p><img src=\"%1\" width=\"600\"></p>"_s.arg(heatMapImage.toHtmlEscaped());

    const QList<const AuditFinding *> bursts = burstFindings(result);
    html += u"<h2>%1</h2>"_s.arg(translate("Bursts"));
    if (bursts.isEmpty())
        html += u"<p class=\"muted\">%1</p>"_s.arg(translate("None."));
    for (const AuditFinding *burst : bursts)
        html += u"<p>%1</p>"_s.arg(escaped(burst->message));

    const QList<AuditCronScore> worst = worstCrons(result, 10);
    html += u"<h2>%1</h2><table cellspacing=\"0\" border=\"0\" width=\"100%\"><tr>"
            "<th align=\"left\" width=\"45%\">%2</th><th width=\"20%\">%3</th>"
            "<th align=\"left\">%4</th></tr>"_s.arg(translate("The worst crons"), translate("Cron"),
                                                    translate("Errors / warnings / notes"),
                                                    translate("Rules"));
    for (const AuditCronScore &score : worst)
        html += u"<tr><td><span class=\"id\">%1</span></td><td align=\"center\">%2 / %3 / %4"
                "</td><td>%5</td></tr>"_s.arg(escaped(score.cronId))
                    .arg(score.errors)
                    .arg(score.warnings)
                    .arg(score.infos)
                    .arg(escaped(ruleListText(score.rules.rules())));
    html += u"</table>"_s;

    html += u"<h2>%1</h2>"_s.arg(translate("Every finding"));
    for (const AuditFinding &finding : result.findings) {
        html += u"<table cellspacing=\"0\" width=\"100%\" style=\"margin-top: 6px\"><tr>"
                "<td width=\"6\" bgcolor=\"%1\"></td><td><b>%2</b> <code>%3</code> "_s.arg(
                    severityColour(finding.severity), severityTitle(finding.severity),
                    QString(ruleId(finding.rule)));
        if (!finding.cronId.isEmpty())
            html += u"<span class=\"id\">%1</span>"_s.arg(escaped(finding.cronId));
        if (finding.acknowledged)
            html += u" <i>%1</i>"_s.arg(escaped(
                translate("acknowledged until %1: %2")
                    .arg(isoUtc(finding.acknowledgedUntil), finding.acknowledgementReason)));
        html += u"<br>%1<br><span class=\"muted\">%2</span><br><code>%3</code></td></tr></table>"_s
                    .arg(escaped(finding.message),
                         escaped(translate("Suggestion: %1").arg(finding.suggestion)),
                         escaped(evidenceText(finding.evidence)));
    }
    html += u"<h2>%1</h2><ul>"_s.arg(translate("Not evaluated"));
    for (const AuditSkippedRule &skipped : result.notEvaluated)
        html += u"<li><code>%1</code>: %2</li>"_s.arg(QString(ruleId(skipped.rule)),
                                                      escaped(skipped.reason));
    if (!result.disabled.isEmpty())
        html += u"<li>%1 <code>%2</code></li>"_s.arg(
            translate("Turned off by the policy or left out of this audit:"),
            escaped(ruleListText(result.disabled.rules())));
    html += u"</ul></body></html>"_s;
    return html;
}

QString auditReportMarkdown(const AuditResult &result, const AuditReportContext &context)
{
    QString md;
    md += u"# "_s + titleLine(result, context) + u"\n\n"_s;
    md += asOfLine(result, context) + u"\n\n"_s;
    md += u"## "_s + translate("Summary") + u"\n\n"_s + summarySentence(result) + u"\n\n"_s;
    md += u"| %1 | %2 |\n|---|---:|\n"_s.arg(translate("Severity"), translate("Findings"));
    for (const AuditSeverity severity : severitiesHighFirst)
        md += u"| %1 | %2 |\n"_s.arg(severityTitle(severity)).arg(result.count(severity));
    md += u"\n| %1 | %2 | %3 |\n|---|---|---:|\n"_s.arg(translate("Rule"), translate("Severity"),
                                                        translate("Findings"));
    for (const auto &[rule, count] : countsByRule(result))
        md += u"| `%1` | %2 | %3 |\n"_s
                  .arg(QString(ruleId(rule)), severityTitle(result.severityOf(rule)))
                  .arg(count);

    md += u"\n## "_s
        + translate(QT_TRANSLATE_N_NOOP("AuditReport", "Runs per hour, next %n day(s) (UTC)"),
                    result.horizonDays)
        + u"\n\n"_s;
    if (!result.fires.perHour.isEmpty()) {
        md += u"| %1 | %2 | %3 |\n|---|---:|---|\n"_s.arg(translate("Day"), translate("Runs"),
                                                          translate("Busiest hour"));
        for (qsizetype day = 0; day * 24 < result.fires.perHour.size(); ++day) {
            qint64 total = 0;
            qint64 busiest = -1;
            int busiestHour = 0;
            for (int hour = 0; hour < 24; ++hour) {
                const qint64 count = result.fires.perHour.at(day * 24 + hour);
                total += count;
                if (count > busiest) {
                    busiest = count;
                    busiestHour = hour;
                }
            }
            const QDateTime start = result.fires.start.addSecs(day * 86400);
            md += u"| %1 | %2 | %3 (%4) |\n"_s.arg(
                dayLabel(start), number(total),
                start.addSecs(busiestHour * 3600).toString(u"HH:00"_s), number(busiest));
        }
    }

    const QList<const AuditFinding *> bursts = burstFindings(result);
    md += u"\n## "_s + translate("Bursts") + u"\n\n"_s;
    if (bursts.isEmpty())
        md += translate("None.") + u"\n"_s;
    for (const AuditFinding *burst : bursts)
        md += u"- "_s + markdownCell(burst->message) + u"\n"_s;

    md += u"\n## "_s + translate("The worst crons") + u"\n\n"_s;
    const QList<AuditCronScore> worst = worstCrons(result, 10);
    if (worst.isEmpty()) {
        md += translate("None.") + u"\n"_s;
    } else {
        md += u"| %1 | %2 | %3 | %4 | %5 |\n|---|---:|---:|---:|---|\n"_s.arg(
            translate("Cron"), translate("Errors"), translate("Warnings"), translate("Notes"),
            translate("Rules"));
        for (const AuditCronScore &score : worst)
            md += u"| `%1` | %2 | %3 | %4 | %5 |\n"_s.arg(score.cronId)
                      .arg(score.errors)
                      .arg(score.warnings)
                      .arg(score.infos)
                      .arg(ruleListText(score.rules.rules()));
    }

    md += u"\n## "_s + translate("Every finding") + u"\n"_s;
    for (const AuditSeverity severity : severitiesHighFirst) {
        if (result.count(severity) == 0)
            continue;
        md += u"\n### %1 (%2)\n\n"_s.arg(severityTitle(severity)).arg(result.count(severity));
        for (const AuditFinding &finding : result.findings) {
            if (finding.severity != severity)
                continue;
            md += u"- **`%1`** %2 — %3"_s.arg(QString(ruleId(finding.rule)),
                                              finding.cronId.isEmpty()
                                                  ? translate("(several crons)")
                                                  : u"`%1`"_s.arg(finding.cronId),
                                              markdownCell(finding.message));
            if (finding.acknowledged)
                md += u" _"_s
                    + markdownCell(translate("Acknowledged until %1: %2")
                                       .arg(isoUtc(finding.acknowledgedUntil),
                                            finding.acknowledgementReason))
                    + u"_"_s;
            md += u"\n  - "_s + translate("Suggestion: %1").arg(markdownCell(finding.suggestion));
            md += u"\n  - "_s + translate("Evidence:") + u" `"_s + evidenceText(finding.evidence)
                + u"`\n"_s;
        }
    }
    md += u"\n## "_s + translate("Not evaluated") + u"\n\n"_s;
    for (const AuditSkippedRule &skipped : result.notEvaluated)
        md += u"- `%1`: %2\n"_s.arg(QString(ruleId(skipped.rule)), skipped.reason);
    if (!result.disabled.isEmpty())
        md += u"- %1 `%2`\n"_s.arg(translate("Turned off by the policy or left out of this audit:"),
                                   ruleListText(result.disabled.rules()));
    if (result.notEvaluated.isEmpty() && result.disabled.isEmpty())
        md += translate("Every rule was evaluated.") + u"\n"_s;
    return md;
}

} // namespace crondesk::models
