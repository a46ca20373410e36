#pragma once

#include <models/audit/auditengine.h>
#include <models/audit/auditreport.h>

#include <QImage>

#include <memory>

class QPagedPaintDevice;
class QTextDocument;

namespace crondesk::ui {

// The audit report on paper: Print… and Export as PDF in the Audit view. The same report as the
// HTML file (models::auditReportDocumentHtml, the subset QTextDocument lays out), with the
// fires-per-hour heat map drawn with QPainter, since QTextDocument does not render SVG.

// The heat map as an image, `scale` device pixels per point (2 for print).
QImage auditHeatMapImage(const models::HourlyFireCounts &fires, qreal scale = 2);

// The report as a document, ready to print on any paged device.
std::unique_ptr<QTextDocument> auditReportDocument(const models::AuditResult &result,
                                                   const models::AuditReportContext &context);

// Lays the report out on `device` (a QPrinter, a QPdfWriter) page by page.
void printAuditReport(const models::AuditResult &result, const models::AuditReportContext &context,
                      QPagedPaintDevice *device);

// The report as a PDF file (A4). Returns false and says why in `error`.
bool writeAuditReportPdf(const models::AuditResult &result,
                         const models::AuditReportContext &context, const QString &path,
                         QString *error = nullptr);

} // namespace crondesk::ui
