// The window appears before the connection starts: crondesk's start-up work waits for the main
// window's first paint (ui::FirstPaintReporter::afterFirstPaint), or for a fallback when the
// window does not paint.
#include <ui/firstpaintreporter.h>

#include <QPainter>
#include <QTest>
#include <QWidget>

using namespace crondesk;

namespace {

// Notes how often it has painted.
class PaintCounter final : public QWidget
{
public:
    int paints = 0;

protected:
    void paintEvent(QPaintEvent *) override
    {
        ++paints;
        QPainter(this).fillRect(rect(), Qt::white);
    }
};

} // namespace

class TestFirstPaintReporter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void afterFirstPaint_shownWindow_runsTheWorkOnceAfterItPainted()
    {
        PaintCounter window;
        int runs = 0;
        int paintsSeen = -1;
        ui::FirstPaintReporter::afterFirstPaint(
            &window,
            [&] {
                ++runs;
                paintsSeen = window.paints;
            },
            60000);
        QCOMPARE(runs, 0);
        window.resize(200, 100);
        window.show();
        QTRY_COMPARE(runs, 1);
        QVERIFY(paintsSeen >= 1);
        window.update();
        QTRY_VERIFY(window.paints >= 2);
        QCOMPARE(runs, 1);
    }

    void afterFirstPaint_windowThatNeverPaints_runsTheWorkAfterTheFallback()
    {
        PaintCounter window; // never shown
        int runs = 0;
        ui::FirstPaintReporter::afterFirstPaint(
            &window, [&] { ++runs; }, 50);
        QCOMPARE(runs, 0);
        QTRY_COMPARE(runs, 1);
    }
};

QTEST_MAIN(TestFirstPaintReporter)
#include "tst_firstpaintreporter.moc"
