#include <ui/actionicons.h>

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QTest>

using namespace Qt::StringLiterals;

class TestResources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applicationIcon_resolvesFromTheCompiledResources()
    {
        QFile icon(u":/icons/crondesk.svg"_s);
        QVERIFY(icon.open(QIODevice::ReadOnly));
        QVERIFY(icon.readAll().contains("<svg"));
        QVERIFY(!QIcon(u":/icons/crondesk.svg"_s).isNull());
    }

    void actionIcons_withoutAnIconTheme_comeFromTheBundledSvgs()
    {
        QIcon::setThemeName(u"crondesk-test-no-such-theme"_s);
        QStringList bundled;
        QDirIterator it(u":/icons/actions"_s);
        while (it.hasNext())
            bundled.append(QFileInfo(it.next()).completeBaseName());
        bundled.sort();
        // Every freedesktop name the actions ask for (ui/mainwindow.cpp) has a fallback.
        for (const QString &name :
             {u"view-refresh"_s, u"process-stop"_s, u"document-new"_s, u"document-edit"_s,
              u"edit-copy"_s, u"media-playback-pause"_s, u"media-playback-start"_s,
              u"edit-delete"_s, u"document-save-as"_s, u"document-print"_s, u"application-exit"_s,
              u"edit-find"_s, u"edit-clear-all"_s, u"help-contents"_s,
              u"preferences-desktop-keyboard"_s, u"help-about"_s, u"view-split-left-right"_s}) {
            QVERIFY2(bundled.contains(name), qPrintable(name));
            // Drawn, not just found: something other than transparent pixels.
            const QImage image = crondesk::ui::actionIcon(name).pixmap(24, 24).toImage();
            QVERIFY2(!image.isNull(), qPrintable(name));
            bool drawn = false;
            for (int y = 0; y < image.height() && !drawn; ++y) {
                for (int x = 0; x < image.width() && !drawn; ++x)
                    drawn = qAlpha(image.pixel(x, y)) > 0;
            }
            QVERIFY2(drawn, qPrintable(name));
        }
    }

    void englishPluralForms_areCompiledIn()
    {
        QFile catalogue(u":/i18n/crondesk_en.qm"_s);
        QVERIFY(catalogue.open(QIODevice::ReadOnly));
        QVERIFY(catalogue.size() > 0);
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
