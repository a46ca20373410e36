// The report on paper: Export as PDF and Print lay out the same report; pdftotext (Debian's
// poppler-utils) must find every finding's cron id in the PDF, and the heat map is drawn.
#include <tests/audit/auditfixture.h>
#include <ui/auditreportdocument.h>

#include <QFile>
#include <QPrinter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace crondesk;

class TestAuditReportPdf final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The text of a PDF, as pdftotext reads it (the layout kept, so that an id broken across
    // two lines would show as broken).
    QString pdfText(const QString &path)
    {
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty())
            return {};
        QProcess process;
        process.start(pdftotext, {u"-layout"_s, path, u"-"_s});
        if (!process.waitForFinished(60000))
            return {};
        return QString::fromUtf8(process.readAllStandardOutput());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void heatMap_isDrawnInTheReportsColours()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QImage image = ui::auditHeatMapImage(result.fires, 1);
        QVERIFY(!image.isNull());
        QCOMPARE(image.height(), 16 + 7 * 16 + 2);
        // The busiest hour in the darkest colour.
        qint64 maximum = 0;
        for (const qint64 count : result.fires.perHour)
            maximum = std::max(maximum, count);
        bool darkest = false;
        for (int y = 0; y < image.height() && !darkest; ++y) {
            for (int x = 0; x < image.width() && !darkest; ++x)
                darkest = (image.pixel(x, y) & 0xffffff) == 0x0b3c73;
        }
        QVERIFY(darkest);
    }

    void pdf_holdsEveryFindingsCronId()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QString path = m_dir.filePath(u"audit.pdf"_s);
        QString error;
        QVERIFY2(ui::writeAuditReportPdf(result, {QDateTime(), u"prod"_s}, path, &error),
                 qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(!QFile::exists(path + u".part"_s));
        if (const QByteArray keep = qgetenv("CRONDESK_REPORT_PDF"); !keep.isEmpty())
            QFile::copy(path, QString::fromLocal8Bit(keep)); // to look at
        if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
            QSKIP("pdftotext (Debian's poppler-utils, installed by .ci/install-deps) is missing: "
                  "the PDF's text cannot be checked here.");
        const QString text = pdfText(path);
        QVERIFY2(text.contains(u"Cron audit of prod"_s), qPrintable(text.left(400)));
        int ids = 0;
        for (const models::AuditFinding &finding : result.findings) {
            if (finding.cronId.isEmpty())
                continue;
            QVERIFY2(text.contains(finding.cronId), qPrintable(finding.cronId));
            ++ids;
        }
        QVERIFY(ids > 15);
        for (const char *heading : {"Summary", "Runs per hour", "Bursts", "The worst crons",
                                    "Every finding", "Not evaluated"})
            QVERIFY2(text.contains(QLatin1StringView(heading)), heading);
    }

    void print_laysOutTheSameReport()
    {
        // Print… goes through QPrinter; to a PDF file here, as the print dialog's "Print to
        // File" would.
        const models::AuditResult result = audittest::fixtureResult();
        const QString path = m_dir.filePath(u"printed.pdf"_s);
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(path);
        ui::printAuditReport(result, {}, &printer);
        QVERIFY(QFileInfo(path).size() > 1000);
        const std::unique_ptr<QTextDocument> document = ui::auditReportDocument(result, {});
        QVERIFY(document->toPlainText().contains(result.findings.first().cronId));
        if (!QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
            QVERIFY(pdfText(path).contains(result.findings.last().cronId));
    }
};

QTEST_MAIN(TestAuditReportPdf)
#include "tst_auditreportpdf.moc"
