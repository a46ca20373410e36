// The Timeline view in the main window, offscreen, against an in-process sandbox: what the
// heatmap counts follows the table's filters, a click (or Enter) on a cell filters the table to the
// crons that fire then, the strips show the selected crons with their zone's clock changes, and
// the work runs on another thread, newest first.
#include <models/common/translations.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/backgroundrunner.h>
#include <ui/filterbar.h>
#include <ui/firestripwidget.h>
#include <ui/heatmapwidget.h>
#include <ui/mainwindow.h>
#include <ui/timelineview.h>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QToolButton>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

// The index of the heatmap cell that starts at `start`, or -1.
int cellStartingAt(const models::HeatmapGrid &grid, qint64 start)
{
    for (int index = 0; index < grid.cells.size(); ++index) {
        if (grid.cells.at(index).kind == models::HeatmapGrid::CellKind::Counted
            && grid.cells.at(index).start == start)
            return index;
    }
    return -1;
}

} // namespace

class TestTimelineView final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_hourly; // "0 * * * *", UTC: 168 fires a week
    QString m_newYork; // "30 12 * * *" in New York: 7 fires a week, at 16:30 UTC in summer time
    QString m_paused; // "0 * * * *", paused: none

    QString create(const QString &schedule, const QString &timezone, bool enabled = true)
    {
        QJsonObject body {
            {"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, schedule}, {"enabled"_L1, enabled}};
        if (!timezone.isEmpty())
            body.insert("timezone"_L1, timezone);
        return m_server->createCron(body).value("cron_id"_L1).toString();
    }

    ui::TimelineView *timeline() const { return m_window->timelineView(); }

    // The ids of the crons the table shows.
    QSet<QString> shownIds() const
    {
        QSet<QString> ids;
        const QAbstractItemModel *rows = m_window->tableView()->model();
        for (int row = 0; row < rows->rowCount(); ++row)
            ids.insert(rows->index(row, 0).data(models::CronTableModel::CronIdRole).toString());
        return ids;
    }

    // Opens the window on the three crons, shows the Timeline from `now` on `clock` and waits
    // for its first heatmap.
    void openTimeline(const char *now, const QString &clock = {})
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_hourly = create(u"0 * * * *"_s, {});
        m_newYork = create(u"30 12 * * *"_s, u"America/New_York"_s);
        m_paused = create(u"0 * * * *"_s, {}, false);
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        m_window->setDeployment(api::RequestFactory(m_server->baseUrl()), u"no API key"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 3, 10000);
        QSignalSpy updated(timeline(), &ui::TimelineView::heatmapUpdated);
        timeline()->setNow(QDateTime::fromString(QString::fromLatin1(now), Qt::ISODate));
        timeline()->setClockZone(clock);
        m_window->findChild<QAction *>(u"timelineAction"_s)->trigger();
        QVERIFY(m_window->timelineDock()->isVisible());
        QVERIFY(updated.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!timeline()->isComputing(), 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"mainWindow"_s);
        models::installTranslations(*QCoreApplication::instance());
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void heatmap_countsEveryFireOfTheEnabledCronsInView_andFollowsTheFilters()
    {
        openTimeline("2027-04-05T10:20:00Z");
        const models::HeatmapGrid &grid = timeline()->grid();
        // From the start of the hour, 7 days: 168 hourly fires, 7 in New York, none paused.
        QCOMPARE(grid.window.from, at("2027-04-05T10:00:00Z"));
        QCOMPARE(grid.window.to, at("2027-04-12T10:00:00Z"));
        QCOMPARE(grid.total, 175);
        QVERIFY2(timeline()->statusText().contains(u"175 fires"_s),
                 qPrintable(timeline()->statusText()));
        QVERIFY2(timeline()->statusText().contains(u"1 paused"_s),
                 qPrintable(timeline()->statusText()));

        // The search narrows the table to the New York cron: the heatmap counts it alone.
        QSignalSpy updated(timeline(), &ui::TimelineView::heatmapUpdated);
        m_window->findChild<QLineEdit *>(u"filterEdit"_s)->setText(u"America/New_York"_s);
        QTRY_COMPARE_WITH_TIMEOUT(shownIds(), QSet<QString> {m_newYork}, 10000);
        QVERIFY(updated.wait(10000));
        QCOMPARE(timeline()->grid().total, 7);
        // Its peaks are its fire times: 16:30 UTC in summer time.
        QVERIFY(!timeline()->grid().peaks.isEmpty());
        const int peak = timeline()->grid().peaks.first();
        QCOMPARE(timeline()->grid().cells.at(peak).start % 86400, 16 * 3600);
    }

    void refresh_thatBringsANewCron_countsItToo_andHidesTheProgressWhenDone()
    {
        openTimeline("2027-04-05T10:20:00Z");
        auto *progress = m_window->findChild<QProgressBar *>(u"timelineProgress"_s);
        QVERIFY(progress);
        QVERIFY(progress->isHidden());
        QCOMPARE(timeline()->grid().total, 175);
        // Another hourly cron appears on the server; the next refresh brings it into the table
        // and the heatmap counts again, off the GUI thread, while the table stays usable.
        const QString added = create(u"15 * * * *"_s, u"Asia/Kolkata"_s);
        QSignalSpy updated(timeline(), &ui::TimelineView::heatmapUpdated);
        m_window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 4, 10000);
        QVERIFY(updated.wait(10000));
        QCOMPARE(timeline()->grid().total, 175 + 168);
        QVERIFY(progress->isHidden());
        QVERIFY2(timeline()->statusText().contains(u"3 scheduled crons"_s),
                 qPrintable(timeline()->statusText()));
        // The clock choice lists the zones of the crons in view first.
        auto *clock = m_window->findChild<QComboBox *>(u"timelineClock"_s);
        QVERIFY(!added.isEmpty());
        QVERIFY(clock->findData(u"Asia/Kolkata"_s) >= 0);
        QVERIFY(clock->findData(u"Asia/Kolkata"_s) < clock->findData(u"Africa/Abidjan"_s));
    }

    void clickOnACell_filtersTheTableToTheCronsThatFireThen_andShowAllLiftsIt()
    {
        openTimeline("2027-04-05T10:20:00Z");
        ui::HeatmapWidget *heatmap = timeline()->heatmap();
        const int both = cellStartingAt(timeline()->grid(), at("2027-04-05T16:00:00Z"));
        QVERIFY(both >= 0);
        QCOMPARE(timeline()->grid().cells.at(both).count, 2);
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellRect(both).center());
        QTRY_COMPARE_WITH_TIMEOUT(shownIds(), (QSet<QString> {m_hourly, m_newYork}), 5000);
        ui::FilterBar *filters = m_window->filterBar();
        QVERIFY(filters->hasCronIdFilter());
        QVERIFY2(filters->cronIdFilterText().contains(u"2 crons"_s),
                 qPrintable(filters->cronIdFilterText()));

        // The heatmap follows the filtered table; a cell where only the hourly cron fires.
        QTRY_COMPARE_WITH_TIMEOUT(timeline()->grid().total, 175, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!timeline()->isComputing(), 10000);
        const int one = cellStartingAt(timeline()->grid(), at("2027-04-05T17:00:00Z"));
        QVERIFY(one >= 0);
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellRect(one).center());
        QTRY_COMPARE_WITH_TIMEOUT(shownIds(), QSet<QString> {m_hourly}, 5000);

        auto *showAll = m_window->findChild<QToolButton *>(u"cronIdFilterClear"_s);
        QVERIFY(showAll && showAll->isVisible());
        QVERIFY(!showAll->accessibleName().isEmpty());
        showAll->click();
        QTRY_COMPARE_WITH_TIMEOUT(shownIds(), (QSet<QString> {m_hourly, m_newYork, m_paused}),
                                  5000);
        QVERIFY(!filters->hasCronIdFilter());
    }

    void enterOnTheCurrentCell_filtersLikeAClick()
    {
        openTimeline("2027-04-05T10:20:00Z");
        ui::HeatmapWidget *heatmap = timeline()->heatmap();
        QCOMPARE(heatmap->focusPolicy(), Qt::StrongFocus);
        QVERIFY(!heatmap->accessibleName().isEmpty());
        const int start = cellStartingAt(timeline()->grid(), at("2027-04-05T15:00:00Z"));
        QVERIFY(start >= 0);
        heatmap->setCurrentCell(start);
        heatmap->setFocus();
        // One column right: 16:00 UTC, where both enabled crons fire.
        QTest::keyClick(heatmap, Qt::Key_Right);
        QCOMPARE(timeline()->grid().cells.at(heatmap->currentCell()).start,
                 at("2027-04-05T16:00:00Z"));
        QTest::keyClick(heatmap, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shownIds(), (QSet<QString> {m_hourly, m_newYork}), 5000);
    }

    void cellToolTip_saysTheCountAndTheTopCrons()
    {
        openTimeline("2027-04-05T10:20:00Z");
        const int both = cellStartingAt(timeline()->grid(), at("2027-04-05T16:00:00Z"));
        const QString tip = timeline()->cellToolTip(both);
        QVERIFY2(tip.contains(u"2 fires from 2 crons"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"30 12 * * *"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"America/New_York"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"0 * * * *"_s), qPrintable(tip));
        const int quiet = cellStartingAt(timeline()->grid(), at("2027-04-05T17:00:00Z"));
        QVERIFY2(timeline()->cellToolTip(quiet).contains(u"1 fire from 1 cron"_s),
                 qPrintable(timeline()->cellToolTip(quiet)));
    }

    void clockOfBerlin_laysTheDaysOutOnItsClock_andMarksTheSkippedHour()
    {
        // Berlin's clocks go forward on 28 March 2027 at 02:00: that hour is skipped.
        openTimeline("2027-03-25T10:20:00Z", u"Europe/Berlin"_s);
        QCOMPARE(timeline()->clockZone(), u"Europe/Berlin"_s);
        const models::HeatmapGrid &grid = timeline()->grid();
        QCOMPARE(grid.window.from, at("2027-03-25T10:00:00Z")); // 11:00 in Berlin
        QCOMPARE(grid.total, 175);
        int skipped = 0;
        for (const models::HeatmapGrid::Cell &cell : grid.cells)
            skipped += cell.kind == models::HeatmapGrid::CellKind::Skipped ? 1 : 0;
        QCOMPARE(skipped, 1);
        const int row = int(grid.rowDates.indexOf(QDate(2027, 3, 28)));
        QVERIFY(row >= 0);
        QCOMPARE(grid.cells.at(row * grid.columns + 2).kind,
                 models::HeatmapGrid::CellKind::Skipped);
    }

    void strips_showTheSelectedCronsTicks_andTheirZonesClockChanges()
    {
        // New York's clocks go forward on 14 March 2027.
        openTimeline("2027-03-10T00:00:00Z");
        const QAbstractItemModel *rows = m_window->tableView()->model();
        int newYorkRow = -1;
        for (int row = 0; row < rows->rowCount(); ++row) {
            if (rows->index(row, 0).data(models::CronTableModel::CronIdRole) == m_newYork)
                newYorkRow = row;
        }
        m_window->tableView()->selectRow(newYorkRow);
        const auto shownStrips = [this] {
            QStringList ids;
            for (const ui::FireStripWidget::Strip &strip : timeline()->strips()->strips())
                ids.append(strip.cronId);
            return ids;
        };
        QTRY_COMPARE_WITH_TIMEOUT(shownStrips(), QStringList {m_newYork}, 10000);
        const ui::FireStripWidget::Strip &strip = timeline()->strips()->strips().constFirst();
        // 12:30 in New York: 17:30 UTC before the change, 16:30 after.
        const QList<qint64> expected {at("2027-03-10T17:30:00Z"), at("2027-03-11T17:30:00Z"),
                                      at("2027-03-12T17:30:00Z"), at("2027-03-13T17:30:00Z"),
                                      at("2027-03-14T16:30:00Z"), at("2027-03-15T16:30:00Z"),
                                      at("2027-03-16T16:30:00Z")};
        QCOMPARE(strip.instants, expected);
        QCOMPARE(strip.changes.size(), 1);
        QCOMPARE(strip.changes.constFirst().at, at("2027-03-14T07:00:00Z"));
        QVERIFY(strip.problem.isEmpty());

        // The paused one too: a strip that says why it has no ticks.
        m_window->tableView()->selectAll();
        QTRY_COMPARE_WITH_TIMEOUT(timeline()->strips()->strips().size(), 3, 10000);
        bool pausedSaysSo = false;
        for (const ui::FireStripWidget::Strip &each : timeline()->strips()->strips())
            pausedSaysSo |= each.cronId == m_paused && each.instants.isEmpty()
                && each.problem.contains(u"Paused"_s);
        QVERIFY(pausedSaysSo);
    }

    void backgroundRunner_runsOffTheGuiThread_andDeliversOnlyTheNewestResult()
    {
        ui::BackgroundRunner runner;
        std::atomic<bool> firstStarted = false;
        std::atomic<bool> firstStopped = false;
        QThread *ranOn = nullptr;
        QList<int> delivered;
        // The first job runs until it is superseded.
        runner.start([&](const ui::BackgroundRunner::Control &control) {
            firstStarted = true;
            while (!control.isCanceled())
                QThread::yieldCurrentThread();
            firstStopped = true;
            return std::function<void()>([&delivered] { delivered.append(1); });
        });
        QTRY_VERIFY(firstStarted);
        QVERIFY(runner.isBusy());
        QSignalSpy finished(&runner, &ui::BackgroundRunner::finished);
        QSignalSpy progress(&runner, &ui::BackgroundRunner::progressChanged);
        runner.start([&](const ui::BackgroundRunner::Control &control) {
            ranOn = QThread::currentThread();
            control.setProgress(1000);
            return std::function<void()>([&delivered] { delivered.append(2); });
        });
        QVERIFY(finished.wait(10000));
        QVERIFY(firstStopped);
        QCOMPARE(delivered, QList<int> {2});
        // The newest job's progress reached the GUI thread before its result.
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constLast().constFirst().toInt(), 1000);
        QVERIFY(ranOn != nullptr && ranOn != QThread::currentThread());
        QVERIFY(!runner.isBusy());
    }

    void backgroundRunner_destroyedWhileAJobRuns_stopsItAndDeliversNothing()
    {
        std::atomic<bool> started = false;
        bool delivered = false;
        {
            ui::BackgroundRunner runner;
            runner.start([&](const ui::BackgroundRunner::Control &control) {
                started = true;
                while (control.setProgress(1))
                    QThread::yieldCurrentThread();
                return std::function<void()>([&delivered] { delivered = true; });
            });
            QTRY_VERIFY(started);
        }
        QCoreApplication::sendPostedEvents();
        QVERIFY(!delivered);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
