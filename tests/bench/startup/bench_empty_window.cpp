// The reference for the cold-start target (issue 19, target 4): an empty Qt Widgets main window,
// built with the same compiler, flags and Qt as crondesk, reporting its first paint through the
// same FirstPaintReporter (set CRONDESK_REPORT_FIRST_PAINT=1). tests/bench/startup/run.py runs
// both binaries alike.
//
// With --text the window shows one line of text, nothing else: what any window with a word in it
// pays at its first paint and an empty one does not (fontconfig reading its configuration, a
// font loaded, glyphs shaped and rasterised), to tell that part of crondesk's start from its own.
#include <ui/firstpaintreporter.h>

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QScreen>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    if (QCoreApplication::arguments().contains(QStringLiteral("--text")))
        window.setCentralWidget(new QLabel(QStringLiteral("Loading crons...")));
    // The size crondesk opens at without saved geometry (MainWindow::restoreLayout()).
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        window.resize(screen->availableGeometry().size() * 0.92);
    crondesk::ui::FirstPaintReporter::watchIfRequested(&window);
    window.show();
    return app.exec();
}
