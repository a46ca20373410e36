// Windows on a small laptop screen (1024×700, set up by smallscreen.json through the offscreen
// platform's configfile option): each opens no larger than the screen, so its buttons show.
#include <models/api/apiclient.h>
#include <models/editor/croneditorlookups.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <ui/croneditordialog.h>
#include <ui/shortcutsdialog.h>
#include <ui/userguide.h>

#include <QMenuBar>
#include <QScreen>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QString sizeText(QSize size)
{
    return u"%1×%2"_s.arg(size.width()).arg(size.height());
}

// Fails unless `window`, shown, fits in the available part of its screen.
bool fitsOnScreen(QWidget *window, QString *why)
{
    window->show();
    const QSize available = window->screen()->availableGeometry().size();
    *why = u"%1 opens at %2 on a %3 screen"_s.arg(
        QString::fromLatin1(window->metaObject()->className()), sizeText(window->size()),
        sizeText(available));
    return window->width() <= available.width() && window->height() <= available.height();
}

} // namespace

class TestSmallScreen final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QSize screen = QGuiApplication::primaryScreen()->size();
        QVERIFY2(
            screen == QSize(1024, 700),
            qPrintable(u"the test runs on a 1024×700 screen, not %1 (see CMakeLists.txt)"_s.arg(
                sizeText(screen))));
    }

    void cronEditor_fits()
    {
        // No server: the pickers' lookups fail quietly, which does not change the layout.
        api::ApiClient client {api::RequestFactory(QUrl(u"http://127.0.0.1:9"_s))};
        models::CronTableModel model;
        models::CronRepository repository(&client, &model);
        ui::CronEditorDialog dialog(ui::CronEditorDialog::Mode::Create,
                                    repository.newEditorSubmitter({}),
                                    new models::CronEditorLookups(&client));
        QString why;
        QVERIFY2(fitsOnScreen(&dialog, &why), qPrintable(why));
    }

    void userGuide_fits()
    {
        QTemporaryFile guide(u"XXXXXX.md"_s);
        QVERIFY(guide.open());
        guide.write("# Guide\n");
        guide.close();
        ui::UserGuideWindow window(guide.fileName());
        QString why;
        QVERIFY2(fitsOnScreen(&window, &why), qPrintable(why));
    }

    void shortcuts_fit()
    {
        QMenuBar menuBar;
        ui::ShortcutsDialog dialog(&menuBar);
        QString why;
        QVERIFY2(fitsOnScreen(&dialog, &why), qPrintable(why));
    }
};

QTEST_MAIN(TestSmallScreen)
#include "tst_smallscreen.moc"
