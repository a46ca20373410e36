#pragma once

#include <models/audit/auditengine.h>

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// The audit's outputs, from one AuditResult: the JSON document and JSON Lines / CSV records of
// `crondeskctl audit`, and the report (HTML and Markdown) the app exports and prints. All pure.

// One finding as JSON: rule, severity, cron_id, assistant_id, thread_id (null when none),
// message, evidence, suggestion, acknowledged (and acknowledgement {reason, until} when it is).
QJsonObject auditFindingToJson(const AuditFinding &finding);

// The whole result: generated_at, now, server {url, version}, summary {crons, findings,
// acknowledged, by_severity, by_rule (every rule judged, with 0s)}, not_evaluated [{rule,
// reason}], findings [...].
QJsonObject auditResultToJson(const AuditResult &result, const QDateTime &generatedAt);

// The same as text, with the keys in the documented order (generated_at, now, server, summary,
// not_evaluated, findings; each finding rule, severity, cron_id, ...): what `--format json`
// prints. `auditFindingJsonLine` is one finding as one compact line (`--format jsonl`).
QByteArray auditResultJsonText(const AuditResult &result, const QDateTime &generatedAt);
QByteArray auditFindingJsonLine(const AuditFinding &finding);

// The columns of the CSV output: keys of auditFindingToJson() (nested values as compact JSON).
QStringList auditCsvColumns();

// What else the report shows besides the findings.
struct AuditReportContext
{
    QDateTime generatedAt;
    QString deploymentName; // the profile's name, or the URL
};

// The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched
// (a Content-Security-Policy says so to the browser): summary, findings by severity and by rule,
// the fires-per-hour heat map, bursts, the worst crons, and every finding with its evidence;
// print CSS for paper.
QString auditReportHtml(const AuditResult &result, const AuditReportContext &context);

// The same for QTextDocument (Print and Export as PDF in the app), which understands neither SVG
// nor modern CSS: tables for the charts, and the heat map as the image `heatMapImage` names
// (the caller adds it as a document resource, drawn with QPainter).
QString auditReportDocumentHtml(const AuditResult &result, const AuditReportContext &context,
                                const QString &heatMapImage);

// The report as Markdown, for tickets.
QString auditReportMarkdown(const AuditResult &result, const AuditReportContext &context);

// The heat map's colour for `count` runs in an hour, when the busiest hour has `maximum`:
// "#rrggbb" from pale to dark blue, white for none. Shared by the HTML and the painted image.
QString heatColour(qint64 count, qint64 maximum);

// The rule's severity colour, "#rrggbb".
QString severityColour(AuditSeverity severity);

} // namespace crondesk::models
