#include "auditreportdocument.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

const QString heatMapName = u"crondesk-audit:heatmap.png"_s;

} // namespace

QImage auditHeatMapImage(const models::HourlyFireCounts &fires, qreal scale)
{
    constexpr int cellWidth = 24;
    constexpr int cellHeight = 16;
    constexpr int left = 70;
    constexpr int top = 16;
    const int days = int(fires.perHour.size() / 24);
    const QSize size(left + 24 * cellWidth + 2, top + days * cellHeight + 2);
    QImage image(size * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    image.setDevicePixelRatio(scale);
    qint64 maximum = 0;
    for (const qint64 count : fires.perHour)
        maximum = std::max(maximum, count);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(9);
    painter.setFont(font);
    const int firstHour = fires.start.time().hour();
    painter.setPen(QColor(0x1f, 0x29, 0x33));
    for (int column = 0; column < 24; ++column)
        painter.drawText(QRect(left + column * cellWidth, 0, cellWidth, top - 2), Qt::AlignCenter,
                         u"%1"_s.arg((firstHour + column) % 24, 2, 10, QChar(u'0')));
    for (int row = 0; row < days; ++row) {
        const QDateTime day = fires.start.addSecs(qint64(row) * 86400);
        painter.setPen(QColor(0x1f, 0x29, 0x33));
        painter.drawText(QRect(0, top + row * cellHeight, left - 6, cellHeight),
                         Qt::AlignRight | Qt::AlignVCenter,
                         QLocale::c().toString(day.date(), u"ddd d MMM"_s));
        for (int column = 0; column < 24; ++column) {
            const qint64 count = fires.perHour.at(row * 24 + column);
            const QRect cell(left + column * cellWidth, top + row * cellHeight, cellWidth,
                             cellHeight);
            painter.fillRect(cell, QColor(models::heatColour(count, maximum)));
            painter.setPen(Qt::white);
            painter.drawRect(cell);
            if (count > 0) {
                painter.setPen(count * 2 > maximum ? Qt::white : QColor(0x1f, 0x29, 0x33));
                painter.drawText(cell, Qt::AlignCenter,
                                 count >= 1000 ? u"%1k"_s.arg(count / 1000)
                                               : QString::number(count));
            }
        }
    }
    return image;
}

std::unique_ptr<QTextDocument> auditReportDocument(const models::AuditResult &result,
                                                   const models::AuditReportContext &context)
{
    auto document = std::make_unique<QTextDocument>();
    QFont font(u"DejaVu Sans"_s);
    font.setPointSizeF(9);
    // No ligatures: "fi" stays two letters, so that the PDF's text can be searched and copied.
    font.setStyleStrategy(QFont::PreferNoShaping);
    document->setDefaultFont(font);
    if (!result.fires.perHour.isEmpty())
        document->addResource(QTextDocument::ImageResource, QUrl(heatMapName),
                              auditHeatMapImage(result.fires));
    document->setHtml(models::auditReportDocumentHtml(result, context, heatMapName));
    return document;
}

void printAuditReport(const models::AuditResult &result, const models::AuditReportContext &context,
                      QPagedPaintDevice *device)
{
    const std::unique_ptr<QTextDocument> document = auditReportDocument(result, context);
    document->print(device);
}

bool writeAuditReportPdf(const models::AuditResult &result,
                         const models::AuditReportContext &context, const QString &path,
                         QString *error)
{
    // Written beside the target and renamed, so a failed export never leaves half a file.
    const QString partial = path + u".part"_s;
    {
        QPdfWriter writer(partial);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(14, 14, 14, 14), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(QCoreApplication::translate("AuditReport", "Cron audit"));
        writer.setCreator(u"Cron Desk " CRONDESK_VERSION ""_s);
        printAuditReport(result, context, &writer);
    }
    if (!QFileInfo(partial).isFile() || QFileInfo(partial).size() == 0) {
        QFile::remove(partial);
        if (error)
            *error = QCoreApplication::translate("AuditReport", "Cannot write %1.").arg(path);
        return false;
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        if (error)
            *error = QCoreApplication::translate("AuditReport", "Cannot write %1.").arg(path);
        return false;
    }
    return true;
}

} // namespace crondesk::ui
