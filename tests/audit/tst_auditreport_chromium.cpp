// The HTML report in a real browser: Debian's headless Chromium renders it to a PNG, which must
// show the report (not a blank page), and the browser must log no console message (a resource it
// refused to fetch, a script, a CSS error would all be one). A page that breaks those rules is
// rendered first, to show that the check catches them.
#include "auditfixture.h"

#include <models/audit/auditreport.h>
#include <models/common/translations.h>

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

struct Rendering
{
    QImage image;
    QStringList consoleLines;
    QString log;
};

} // namespace

class TestAuditReportChromium final : public QObject
{
    Q_OBJECT

private:
    QString m_chromium;
    QTemporaryDir m_dir;

    // Renders `html` as Chromium does, with the flags of docs (no network, no profile).
    Rendering render(const QString &name, const QString &html, const QSize &window)
    {
        Rendering result;
        const QString page = m_dir.filePath(name + u".html"_s);
        const QString png = m_dir.filePath(name + u".png"_s);
        QFile file(page);
        if (!file.open(QIODevice::WriteOnly))
            return result;
        file.write(html.toUtf8());
        file.close();
        QProcess chromium;
        chromium.start(
            m_chromium,
            {u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s, u"--disable-quic"_s,
             u"--no-first-run"_s, u"--disable-background-networking"_s,
             u"--disable-component-update"_s, u"--disable-sync"_s,
             u"--user-data-dir="_s + m_dir.filePath(name + u"-profile"_s), u"--screenshot="_s + png,
             u"--window-size=%1,%2"_s.arg(window.width()).arg(window.height()),
             u"--enable-logging=stderr"_s, u"--v=0"_s, QUrl::fromLocalFile(page).toString()});
        if (!chromium.waitForFinished(180000)) {
            chromium.kill();
            chromium.waitForFinished();
        }
        result.log = QString::fromUtf8(chromium.readAllStandardError());
        for (const QString &line : result.log.split(u'\n')) {
            if (line.contains(u":CONSOLE"_s))
                result.consoleLines.append(line);
        }
        result.image = QImage(png);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // English plural forms ("30 crons audited"), as the app and crondeskctl show them.
        models::installTranslations(*QCoreApplication::instance());
        m_chromium = QStandardPaths::findExecutable(u"chromium"_s);
        if (m_chromium.isEmpty())
            QSKIP("Debian's chromium is not installed (.ci/install-deps installs it): the HTML "
                  "report cannot be checked in a browser here.");
        QVERIFY(m_dir.isValid());
    }

    void check_catchesConsoleErrors()
    {
        // Blocked by the report's own Content-Security-Policy, as anything fetched would be.
        QString html = models::auditReportHtml(audittest::fixtureResult(), {});
        html.replace(u"</main>"_s, u"<img src=\"https://example.com/tracker.png\"></main>"_s);
        const Rendering rendering = render(u"broken"_s, html, {800, 600});
        QVERIFY2(!rendering.image.isNull(), qPrintable(rendering.log));
        QVERIFY2(!rendering.consoleLines.isEmpty(), qPrintable(rendering.log));
        QVERIFY(rendering.consoleLines.join(u'\n').contains(u"example.com/tracker.png"_s));
    }

    void report_rendersWithoutConsoleErrors_andIsNotBlank()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QString html = models::auditReportHtml(
            result, {QDateTime(QDate(2026, 3, 1), QTime(10, 0, 5), QTimeZone::utc()), u"prod"_s});
        const Rendering rendering = render(u"report"_s, html, {1200, 3000});
        QVERIFY2(!rendering.image.isNull(), qPrintable(rendering.log));
        QCOMPARE(rendering.image.size(), QSize(1200, 3000));
        QVERIFY2(rendering.consoleLines.isEmpty(), qPrintable(rendering.consoleLines.join(u'\n')));

        // Not blank: ink on a good part of the page, in many colours, among them the severity
        // colours of the badges and bars and the dark end of the heat map (the CSS and SVG
        // applied, not just text).
        const QImage image = rendering.image.convertToFormat(QImage::Format_RGB32);
        qint64 inked = 0;
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2) {
            const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = line[x] & 0xffffff;
                colours.insert(pixel);
                if (pixel != 0xffffff)
                    ++inked;
            }
        }
        const qint64 sampled = qint64(image.width() / 2) * (image.height() / 2);
        QVERIFY2(inked * 20 > sampled, qPrintable(u"%1 of %2"_s.arg(inked).arg(sampled)));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        for (const QRgb wanted : {QRgb(0xc62828), QRgb(0xef8f00), QRgb(0x1565c0)})
            QVERIFY2(colours.contains(wanted), qPrintable(QString::number(wanted, 16)));
        image.save(m_dir.filePath(u"checked.png"_s));
        if (const QByteArray keep = qgetenv("CRONDESK_REPORT_PNG"); !keep.isEmpty())
            image.save(QString::fromLocal8Bit(keep)); // for docs/screenshots
    }
};

QTEST_MAIN(TestAuditReportChromium)
#include "tst_auditreport_chromium.moc"
