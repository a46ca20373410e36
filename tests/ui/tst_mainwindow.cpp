// The main window, offscreen, against an in-process sandbox.
#include <models/cronfilterproxymodel.h>
#include <models/crontablemodel.h>
#include <tests/hostile/modes.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/crondetailswidget.h>
#include <ui/filterbar.h>
#include <ui/mainwindow.h>

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ui::MainWindow> m_window;

    void openOn(int crons)
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = crons, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        m_window->setDeployment(api::RequestFactory(m_server->baseUrl()), u"no API key"_s);
    }

    QLabel *label(const char *name) const
    {
        return m_window->findChild<QLabel *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The window keeps its layout in QSettings: never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"mainWindow"_s);
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void load_showsTheSandboxCronsInTheTable()
    {
        openOn(40);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 40, 10000);
        QTRY_VERIFY(table->isVisible());
        QCOMPARE(label("countLabel")->text(), u"40 crons"_s);
        QCOMPARE(table->model()
                     ->headerData(models::CronTableModel::ThreadColumn, Qt::Horizontal)
                     .toString(),
                 u"Thread"_s);
        // Seeded data mixes stateless and thread crons.
        bool sawStateless = false;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, models::CronTableModel::ThreadColumn).data().toString()
                == "stateless"_L1)
                sawStateless = true;
        }
        QVERIFY(sawStateless);
    }

    void filter_narrowsRowsAndTheCountSaysSo()
    {
        openOn(40);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tableView()->model()->rowCount(), 40, 10000);
        auto *filter = m_window->findChild<QLineEdit *>(u"filterEdit"_s);
        QVERIFY(filter);
        QTest::keyClicks(filter, u"stateless"_s);
        QTRY_VERIFY(m_window->proxyModel()->rowCount() < 40);
        QVERIFY(m_window->proxyModel()->rowCount() > 0);
        QTRY_VERIFY(label("countLabel")->text().contains(u" of 40 crons"_s));
    }

    void facets_combineWithTheSearchText()
    {
        openOn(60);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tableView()->model()->rowCount(), 60, 10000);
        auto *state = m_window->findChild<QComboBox *>(u"stateFilter"_s);
        state->setCurrentIndex(state->findText(u"Paused only"_s));
        const int paused = m_window->proxyModel()->rowCount();
        QVERIFY(paused > 0 && paused < 60);
        for (int row = 0; row < paused; ++row) {
            QCOMPARE(m_window->proxyModel()
                         ->index(row, models::CronTableModel::EnabledColumn)
                         .data()
                         .toString(),
                     u"Paused"_s);
        }
        auto *target = m_window->findChild<QComboBox *>(u"targetFilter"_s);
        target->setCurrentIndex(target->findText(u"Thread only"_s));
        QVERIFY(m_window->proxyModel()->rowCount() <= paused);
        QTRY_VERIFY(label("countLabel")->text().endsWith(u" of 60 crons"_s));
        m_window->filterBar()->clear();
        QCOMPARE(m_window->proxyModel()->rowCount(), 60);
    }

    void sort_byClickingTheScheduleHeader_ordersRows()
    {
        openOn(30);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 30, 10000);
        table->sortByColumn(models::CronTableModel::ScheduleColumn, Qt::AscendingOrder);
        for (int row = 1; row < table->model()->rowCount(); ++row) {
            const QString previous = table->model()
                                         ->index(row - 1, models::CronTableModel::ScheduleColumn)
                                         .data()
                                         .toString();
            const QString current = table->model()
                                        ->index(row, models::CronTableModel::ScheduleColumn)
                                        .data()
                                        .toString();
            QVERIFY2(previous <= current, qPrintable(previous + u" > "_s + current));
        }
    }

    void refresh_afterAServerChange_keepsTheSelection()
    {
        openOn(20);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 20, 10000);
        table->selectRow(7);
        const QString selected
            = table->currentIndex().data(models::CronTableModel::CronIdRole).toString();
        const QString other
            = table->model()->index(0, 0).data(models::CronTableModel::CronIdRole).toString();
        QVERIFY(other != selected);
        QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + other).status, 204);
        m_window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 19, 10000);
        QCOMPARE(table->currentIndex().data(models::CronTableModel::CronIdRole).toString(),
                 selected);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(m_window->detailsWidget()->cronId(), selected);
    }

    void details_showTheSelectedCronsPayload()
    {
        openOn(10);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 10, 10000);
        table->selectRow(2);
        const QString id
            = table->currentIndex().data(models::CronTableModel::CronIdRole).toString();
        QCOMPARE(m_window->detailsWidget()->cronId(), id);
        auto *payload = m_window->detailsWidget()->findChild<QPlainTextEdit *>(u"payloadJson"_s);
        QVERIFY(payload->toPlainText().contains(u"\"schedule\""_s)
                || payload->toPlainText().contains(u"\"input\""_s));
    }

    // A cron with fields of the wrong type is listed, flagged, and its details show what the
    // server sent, marked malformed: never a garbage date shown as a date, nor as "none".
    void details_ofACronWithMalformedFields_showWhatArrived()
    {
        hostile::HostileServer server(*hostile::modeResponder(u"wrong-types"_s));
        QVERIFY(server.listen() != 0);
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        m_window->setDeployment(api::RequestFactory(server.baseUrl()), u"no API key"_s);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 4, 10000);
        const int row = m_window->cronModel()->rowOf(hostile::FakeAgentServer::cronId(0));
        QVERIFY(row >= 0);
        QVERIFY(!m_window->cronModel()->cronAt(row).nextRunDate.isValid());
        QVERIFY(m_window->cronModel()->healthAt(row).testFlag(models::HealthFlag::MalformedField));
        table->setCurrentIndex(m_window->proxyModel()->mapFromSource(
            m_window->cronModel()->index(row, models::CronTableModel::ScheduleColumn)));
        ui::CronDetailsWidget *details = m_window->detailsWidget();
        QTRY_COMPARE(details->cronId(), hostile::FakeAgentServer::cronId(0));
        auto *malformed = details->findChild<QLabel *>(u"detailsMalformed"_s);
        QVERIFY(malformed->isVisibleTo(details));
        QVERIFY2(malformed->text().contains(
                     u"next_run_date: not a timestamp — received \"soon, probably\""_s),
                 qPrintable(malformed->text()));
        QString nextRun;
        for (QLabel *field : details->findChildren<QLabel *>()) {
            if (field->text().startsWith(u"malformed — the server sent"_s))
                nextRun = field->text();
        }
        QCOMPARE(nextRun, u"malformed — the server sent \"soon, probably\" (not a timestamp)"_s);
        QVERIFY(details->findChild<QLabel *>(u"detailsHealth"_s)
                    ->text()
                    .contains(u"Malformed next_run_date"_s));

        // The one whose payload was a string: the payload block says so instead of "{}".
        const int other = m_window->cronModel()->rowOf(hostile::FakeAgentServer::cronId(1));
        table->setCurrentIndex(m_window->proxyModel()->mapFromSource(
            m_window->cronModel()->index(other, models::CronTableModel::ScheduleColumn)));
        QTRY_COMPARE(details->cronId(), hostile::FakeAgentServer::cronId(1));
        QCOMPARE(details->findChild<QPlainTextEdit *>(u"payloadJson"_s)->toPlainText(),
                 u"malformed — the server sent \"not an object\" (not an object)"_s);
        m_window.reset();
    }

    void pauseThenResume_patchesEnabledAndShowsTheServersState()
    {
        openOn(12);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 12, 10000);
        // An enabled cron, selected.
        auto *state = m_window->findChild<QComboBox *>(u"stateFilter"_s);
        state->setCurrentIndex(state->findText(u"Enabled only"_s));
        table->selectRow(0);
        const QString id
            = table->currentIndex().data(models::CronTableModel::CronIdRole).toString();
        m_window->filterBar()->clear();
        m_server->clearRequests();

        m_window->setSelectedEnabled(false);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"enableConfirmation"_s)));
        QVERIFY(box->text().startsWith(u"Pause 1 cron"_s));
        box->findChild<QPushButton *>(u"confirmEnableButton"_s)->click();
        const int row = [&] { return m_window->cronModel()->rowOf(id); }();
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->cronModel()->cronAt(m_window->cronModel()->rowOf(id)).enabled, 10000);
        Q_UNUSED(row);
        const auto patches = m_server->requestLog().matching("PATCH", u"/runs/crons/"_s + id);
        QCOMPARE(patches.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(patches.first().body).object(),
                 (QJsonObject {{"enabled"_L1, false}}));
        // Confirmed by re-reading the cron.
        QTRY_COMPARE(m_server->requestLog().matching("GET", u"/runs/crons/"_s + id).size(), 1);

        m_window->setSelectedEnabled(true);
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"enableConfirmation"_s)));
        QVERIFY(box->text().startsWith(u"Resume 1 cron"_s));
        box->findChild<QPushButton *>(u"confirmEnableButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->cronModel()->cronAt(m_window->cronModel()->rowOf(id)).enabled, 10000);
        QCOMPARE(m_server->requestLog().matching("PATCH", u"/runs/crons/"_s + id).size(), 2);
    }

    void resume_ofACronThatMissedItsRun_warnsItFiresImmediately()
    {
        openOn(0);
        const QJsonObject created
            = m_server->createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                                {"schedule"_L1, "0 3 * * *"_L1},
                                                {"enabled"_L1, false}});
        QVERIFY(!created.isEmpty());
        // Pretend it was paused long ago: its next run is in the past.
        api::Cron stale = *api::cronFromJson(created);
        stale.nextRunDate = QDateTime::currentDateTimeUtc().addDays(-2);
        m_window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 1, 10000);
        m_window->cronModel()->upsertCrons({stale});
        m_window->tableView()->selectRow(0);
        m_window->setSelectedEnabled(true);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"enableConfirmation"_s)));
        QVERIFY2(box->informativeText().contains(u"will fire immediately"_s),
                 qPrintable(box->informativeText()));
        box->button(QMessageBox::Cancel)->click();
    }

    void layout_hiddenColumnsAndSortSurviveARestart()
    {
        openOn(15);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 15, 10000);
        table->setColumnHidden(models::CronTableModel::TimezoneColumn, true);
        table->sortByColumn(models::CronTableModel::ScheduleColumn, Qt::DescendingOrder);
        m_window->close(); // saves the layout
        m_window.reset();

        m_window = std::make_unique<ui::MainWindow>();
        table = m_window->tableView();
        QVERIFY(table->isColumnHidden(models::CronTableModel::TimezoneColumn));
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
                 int(models::CronTableModel::ScheduleColumn));
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
        // Leave the user-visible defaults for the other tests.
        QSettings().remove(u"mainWindow"_s);
    }

    void delete_afterConfirmation_removesTheSelectedCron()
    {
        openOn(10);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 10, 10000);
        table->selectRow(0);
        const QString id
            = table->model()->index(0, 0).data(models::CronTableModel::CronIdRole).toString();
        m_window->deleteSelected();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)));
        QVERIFY(box->informativeText().contains(id));
        box->findChild<QPushButton *>(u"confirmDeleteButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 9, 10000);
        QCOMPARE(m_window->cronModel()->rowOf(id), -1);
        QCOMPARE(m_server->requestLog().matching("DELETE", u"/runs/crons/"_s + id).size(), 1);
    }

    void delete_canceled_sendsNothing()
    {
        openOn(3);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10000);
        table->selectRow(0);
        m_window->deleteSelected();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(0);
        QCOMPARE(table->model()->rowCount(), 3);
        for (const auto &request : m_server->requests())
            QVERIFY(request.method != "DELETE");
    }

    void stoppedServer_showsTheErrorStateWithRetry()
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        const QUrl url = m_server->baseUrl();
        m_server->close();
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        m_window->setDeployment(api::RequestFactory(url), u"no API key"_s);
        QTRY_VERIFY_WITH_TIMEOUT(label("stateTitle")->text().startsWith(u"Cannot connect"_s),
                                 15000);
        QVERIFY(label("stateDetail")->text().contains(u"Network error"_s));
        auto *retry = m_window->findChild<QPushButton *>(u"retryButton"_s);
        QVERIFY(retry->isVisible());
    }

    void emptyDeployment_saysThereAreNoCronsYet()
    {
        openOn(0);
        QTRY_COMPARE_WITH_TIMEOUT(label("stateTitle")->text(), u"No crons yet"_s, 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
