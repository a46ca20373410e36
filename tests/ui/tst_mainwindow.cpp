// The main window, offscreen, against an in-process sandbox.
#include <models/api/cronwrite.h>
#include <models/common/translations.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/changejournal.h>
#include <models/session/cronrepository.h>
#include <tests/hostile/modes.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/aboutdialog.h>
#include <ui/connectioncontroller.h>
#include <ui/crondetailswidget.h>
#include <ui/croneditordialog.h>
#include <ui/desktopapp.h>
#include <ui/filterbar.h>
#include <ui/firstrundialog.h>
#include <ui/mainwindow.h>
#include <ui/shortcutsdialog.h>
#include <ui/userguide.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QWidgetAction>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

namespace {

// Marks every text that Qt translates with a count, as a language with other plural rules
// would see it: "{n=40}". A count shown with .arg() instead never reaches a translation with
// its number, so no language could choose its plural form for it.
class PluralProbe final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(context);
        Q_UNUSED(disambiguation);
        if (n < 0)
            return {};
        // Keep the other placeholders so that .arg() still has something to fill.
        QString text = u"{n=%1}"_s.arg(n);
        const QString original = QString::fromUtf8(source);
        for (const QString &marker : {u"%1"_s, u"%2"_s}) {
            if (original.contains(marker))
                text += u' ' + marker;
        }
        return text;
    }
    bool isEmpty() const override { return false; }
};

// The "&x" mnemonics of the entries of a menu, by letter.
QMultiHash<QChar, QString> mnemonics(const QList<QAction *> &actions)
{
    QMultiHash<QChar, QString> letters;
    static const QRegularExpression mnemonic(u"&([^&])"_s);
    for (const QAction *action : actions) {
        const QRegularExpressionMatch match = mnemonic.match(action->text());
        if (match.hasMatch() && action->isVisible())
            letters.insert(match.captured(1).at(0).toLower(), action->text());
    }
    return letters;
}

QString duplicateMnemonics(const QString &where, const QList<QAction *> &actions)
{
    const QMultiHash<QChar, QString> letters = mnemonics(actions);
    QStringList problems;
    for (const QChar letter : letters.uniqueKeys()) {
        if (letters.count(letter) > 1)
            problems.append(u"%1: “%2” in %3"_s.arg(
                where, QString(letter), QStringList(letters.values(letter)).join(u", "_s)));
    }
    return problems.join(u"; "_s);
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
    QTemporaryDir m_dir;
    ui::ConnectionController *m_controller = nullptr;

    // The connection tool bar and menu, driven by a controller with profiles in a temporary
    // file, as the app has them.
    void attachConnection()
    {
        auto *credentials = new models::CredentialStore(u"crondesk-test"_s);
        credentials->setKeychainEnabled(false);
        m_controller = new ui::ConnectionController(
            models::ProfileStore(m_dir.filePath(u"profiles.conf"_s)), credentials,
            models::ChangeJournal(m_dir.filePath(u"journal.jsonl"_s)), m_window.get(),
            m_window.get());
        credentials->setParent(m_controller);
        ui::attachConnectionUi(m_window.get(), m_controller);
        ui::connectMainWindow(m_window.get(), m_controller);
    }

    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    // Selects these rows of the table (view rows), as Ctrl+click would.
    void selectRows(const QList<int> &rows)
    {
        QItemSelection selection;
        for (const int row : rows) {
            const QModelIndex index = m_window->tableView()->model()->index(row, 0);
            selection.select(index, index);
        }
        m_window->tableView()->selectionModel()->select(
            selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (!rows.isEmpty())
            m_window->tableView()->selectionModel()->setCurrentIndex(
                m_window->tableView()->model()->index(rows.last(), 0),
                QItemSelectionModel::NoUpdate);
    }

    // View rows of enabled (or paused) crons.
    QList<int> rowsWhereEnabled(bool enabled) const
    {
        QList<int> rows;
        const QAbstractItemModel *model = m_window->tableView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const int source = m_window->proxyModel()->mapToSource(model->index(row, 0)).row();
            if (m_window->cronModel()->cronAt(source).enabled == enabled)
                rows.append(row);
        }
        return rows;
    }

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
        QVERIFY(m_dir.isValid());
        // As the app does: "%n cron(s)" reads "1 cron" and "40 crons".
        models::installTranslations(*QCoreApplication::instance());
    }

    void cleanup()
    {
        m_controller = nullptr;
        m_window.reset();
        m_server.reset();
        QFile::remove(m_dir.filePath(u"profiles.conf"_s));
        QSettings().remove(u"mainWindow"_s);
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

        // The field's clear button, shown once something is typed, empties it.
        QVERIFY(filter->isClearButtonEnabled());
        const auto *clearAction = filter->findChild<QAction *>(u"_q_qlineeditclearaction"_s);
        QVERIFY(clearAction);
        QToolButton *clearButton = nullptr;
        for (QToolButton *button : filter->findChildren<QToolButton *>()) {
            if (button->defaultAction() == clearAction)
                clearButton = button;
        }
        QVERIFY(clearButton);
        QTRY_VERIFY(clearButton->isVisible());
        clearButton->click();
        QVERIFY(filter->text().isEmpty());
        QTRY_COMPARE(m_window->proxyModel()->rowCount(), 40);
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

    void confirmations_nameTheProfileAndSayTrulyHowTheyAreUndone_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("boxName");
        QTest::addColumn<QString>("question");
        QTest::addColumn<QString>("undo");
        QTest::newRow("delete") << u"delete"_s << u"deleteConfirmation"_s << u"Delete 2 "_s
                                << u"Deleting cannot be undone"_s;
        QTest::newRow("pause") << u"pause"_s << u"enableConfirmation"_s << u"Pause 2 crons"_s
                               << u"Resume undoes a pause."_s;
    }
    void confirmations_nameTheProfileAndSayTrulyHowTheyAreUndone()
    {
        QFETCH(QString, action);
        QFETCH(QString, boxName);
        QFETCH(QString, question);
        QFETCH(QString, undo);
        openOn(0);
        for (int i = 0; i < 2; ++i)
            m_server->createCron(
                QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 3 * * *"_L1}});
        models::ConnectionProfile profile;
        profile.name = u"Acme Staging"_s;
        profile.environment = u"staging"_s;
        m_window->setMutationTarget(models::mutationTarget(profile, m_server->baseUrl(), false));
        m_window->refresh();
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
        table->selectAll();
        if (action == u"delete")
            m_window->deleteSelected();
        else
            m_window->setSelectedEnabled(false);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(boxName)));
        QVERIFY2(box->text().startsWith(question), qPrintable(box->text()));
        QVERIFY2(box->text().contains(u"profile “Acme Staging” (staging)"_s),
                 qPrintable(box->text()));
        const QString all = box->text() + box->informativeText();
        QVERIFY2(!all.contains(m_server->baseUrl().host()), qPrintable(all));
        QVERIFY2(box->informativeText().contains(undo), qPrintable(box->informativeText()));
        if (action == u"pause")
            QVERIFY(!all.contains(u"cannot be undone"_s));
        // Only one question: cancelling it sends nothing and asks nothing more.
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QCOMPARE(m_window->findChildren<QMessageBox *>().size(), 0);
        for (const auto &request : m_server->requests())
            QVERIFY(request.method != "DELETE" && request.method != "PATCH");
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

    // Table badge and tooltip, details pane, health filter and the cell an export or a copy
    // writes give one answer, before and after the clock moves.
    void health_tableDetailsFilterAndExportCell_alwaysAgree()
    {
        openOn(0);
        const auto create = [this](const char *schedule) {
            return m_server
                ->createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                          {"schedule"_L1, QString::fromLatin1(schedule)}})
                .value("cron_id"_L1)
                .toString();
        };
        const QString fine = create("0 9 * * *");
        const QString stuck = create("*/15 * * * *");
        const QString badZone = create("0 9 * * *");
        // What a server may have left behind: a run an hour overdue, a zone that is no zone.
        const auto ago = [](int seconds) {
            return QDateTime::currentDateTimeUtc().addSecs(-seconds).toString(
                u"yyyy-MM-ddTHH:mm:00+00:00"_s);
        };
        QCOMPARE(m_server
                     ->handleLocally("PATCH", u"/_sandbox/crons/"_s + stuck,
                                     {{u"next_run_date"_s, ago(3600)},
                                      {u"created_at"_s, ago(7200)},
                                      {u"updated_at"_s, ago(7200)}})
                     .status,
                 200);
        QCOMPARE(m_server
                     ->handleLocally("PATCH", u"/_sandbox/crons/"_s + badZone,
                                     {{u"timezone"_s, u"Berl"_s}})
                     .status,
                 200);
        m_window->refresh();
        models::CronTableModel *model = m_window->cronModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000);
        QVERIFY(model->healthAt(model->rowOf(stuck)).testFlag(models::HealthFlag::Overdue));
        QCOMPARE(model->healthAt(model->rowOf(badZone)),
                 models::HealthFlags(models::HealthFlag::InvalidTimezone));
        QVERIFY(!(model->healthAt(model->rowOf(fine)) & models::problemFlags()));

        QTableView *table = m_window->tableView();
        auto *details = m_window->detailsWidget()->findChild<QLabel *>(u"detailsHealth"_s);
        auto *healthFilter = m_window->findChild<QComboBox *>(u"healthFilter"_s);
        const auto checkAgreement = [&] {
            m_window->filterBar()->clear();
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                table->selectRow(row);
                const int source = m_window->proxyModel()->mapToSource(table->currentIndex()).row();
                const QModelIndex cell
                    = table->model()->index(row, models::CronTableModel::HealthColumn);
                const QString words = model->healthLines(source).join(u'\n');
                QCOMPARE(details->text(), words);
                QCOMPARE(cell.data(Qt::ToolTipRole).toString(), words);
                QCOMPARE(cell.data().toString(), model->healthSummary(source));
                QCOMPARE(cell.data(models::CronTableModel::HealthRole).toInt(),
                         int(model->healthAt(source)));
            }
            for (int item = 1; item < healthFilter->count(); ++item) {
                healthFilter->setCurrentIndex(item);
                const auto wanted = models::HealthFlags(healthFilter->itemData(item).toInt());
                QSet<QString> shown;
                for (int row = 0; row < m_window->proxyModel()->rowCount(); ++row)
                    shown.insert(m_window->proxyModel()
                                     ->index(row, 0)
                                     .data(models::CronTableModel::CronIdRole)
                                     .toString());
                for (int row = 0; row < model->rowCount(); ++row)
                    QCOMPARE(shown.contains(model->cronAt(row).cronId),
                             bool(model->healthAt(row) & wanted));
            }
            m_window->filterBar()->clear();
        };
        checkAgreement();
        // The clock moves on (the window's tick): still one answer everywhere.
        model->setNow(QDateTime::currentDateTimeUtc().addSecs(20 * 60));
        checkAgreement();
        QVERIFY(model->healthAt(model->rowOf(stuck)).testFlag(models::HealthFlag::Overdue));
    }

    void autoRefresh_isOnByDefaultAndTheStatusBarSaysSo()
    {
        openOn(5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 5, 10000);
        QVERIFY(m_window->repository()->dueChecksEnabled());
        QTRY_VERIFY(
            label("freshnessLabel")->text().startsWith(u"Auto-refresh every 1 min · read"_s));
    }

    void emptyDeployment_saysThereAreNoCronsYet()
    {
        openOn(0);
        QTRY_COMPARE_WITH_TIMEOUT(label("stateTitle")->text(), u"No crons yet"_s, 10000);
    }

    // --- State that matches what is shown ------------------------------------------------------

    void filter_thatHidesTheSelectedCron_clearsTheDetailsAndDisablesTheActions()
    {
        openOn(20);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 20, 10000);
        QTRY_VERIFY(action("newAction")->isEnabled());
        const QList<int> enabled = rowsWhereEnabled(true);
        QVERIFY(!enabled.isEmpty());
        table->selectRow(enabled.first());
        const QString id
            = table->currentIndex().data(models::CronTableModel::CronIdRole).toString();
        QCOMPARE(m_window->detailsWidget()->cronId(), id);
        QVERIFY(action("editAction")->isEnabled());

        auto *state = m_window->findChild<QComboBox *>(u"stateFilter"_s);
        state->setCurrentIndex(state->findText(u"Paused only"_s));
        QVERIFY(m_window->proxyModel()->rowCount() > 0);

        QCOMPARE(m_window->detailsWidget()->cronId(), QString());
        for (const char *name : {"editAction", "cloneAction", "pauseAction", "resumeAction",
                                 "deleteAction", "copyIdAction"})
            QVERIFY2(!action(name)->isEnabled(), name);
    }

    void runNow_onAThreadCron_saysWhatTheStrategyDoes_startsOneRun_andShowsTheOutcome()
    {
        openOn(20);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 20, 10000);
        int row = -1;
        api::Cron cron;
        for (int r = 0; r < table->model()->rowCount() && row < 0; ++r) {
            const int source
                = m_window->proxyModel()->mapToSource(table->model()->index(r, 0)).row();
            if (!m_window->cronModel()->cronAt(source).isStateless()) {
                row = r;
                cron = m_window->cronModel()->cronAt(source);
            }
        }
        QVERIFY(row >= 0);
        table->selectRow(row);
        QTRY_VERIFY(action("runNowAction")->isEnabled());

        models::MutationRequest asked;
        m_window->setMutationGate(
            [&asked](const models::MutationRequest &request, std::function<void()> proceed) {
                asked = request;
                proceed();
            });
        m_server->clearRequests();
        action("runNowAction")->trigger();
        QCOMPARE(asked.kind, models::MutationKind::Run);
        QVERIFY2(asked.details.join(u' ').contains(u"multitask strategy"_s),
                 qPrintable(asked.details.join(u' ')));
        QTRY_COMPARE(m_server->requestLog()
                         .matching("POST", u"/threads/%1/runs"_s.arg(cron.threadId))
                         .size(),
                     1);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->statusBar()->currentMessage().endsWith(u"ended: succeeded."_s), 10000);
    }

    void runNow_isDisabledReadOnly_andForSeveralCrons()
    {
        openOn(20);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tableView()->model()->rowCount(), 20, 10000);
        selectRows({0});
        QTRY_VERIFY(action("runNowAction")->isEnabled());
        selectRows({0, 1});
        QVERIFY(!action("runNowAction")->isEnabled());
        selectRows({0});
        m_window->setReadOnly(true);
        QVERIFY(!action("runNowAction")->isEnabled());
    }

    void actions_followOneRuleForTheSelectedRows_data()
    {
        QTest::addColumn<int>("enabledRows");
        QTest::addColumn<int>("pausedRows");
        QTest::addColumn<bool>("readOnly");
        // Edit, Clone, Pause, Resume, Delete.
        QTest::addColumn<QList<bool>>("expected");
        QTest::newRow("none") << 0 << 0 << false << QList<bool> {false, false, false, false, false};
        QTest::newRow("one enabled")
            << 1 << 0 << false << QList<bool> {true, true, true, false, true};
        QTest::newRow("one paused")
            << 0 << 1 << false << QList<bool> {true, true, false, true, true};
        QTest::newRow("two enabled")
            << 2 << 0 << false << QList<bool> {false, false, true, false, true};
        QTest::newRow("enabled and paused")
            << 1 << 1 << false << QList<bool> {false, false, true, true, true};
        QTest::newRow("read-only")
            << 1 << 1 << true << QList<bool> {false, false, false, false, false};
        QTest::newRow("read-only, one")
            << 1 << 0 << true << QList<bool> {false, false, false, false, false};
    }
    void actions_followOneRuleForTheSelectedRows()
    {
        QFETCH(int, enabledRows);
        QFETCH(int, pausedRows);
        QFETCH(bool, readOnly);
        QFETCH(QList<bool>, expected);
        openOn(30);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tableView()->model()->rowCount(), 30, 10000);
        QTRY_VERIFY(m_window->repository()->capabilities().supportsEnabled);
        m_window->setReadOnly(readOnly);
        const QList<int> enabled = rowsWhereEnabled(true);
        const QList<int> paused = rowsWhereEnabled(false);
        QVERIFY(enabled.size() >= 2 && !paused.isEmpty());
        selectRows(enabled.mid(0, enabledRows) + paused.mid(0, pausedRows));
        const char *names[]
            = {"editAction", "cloneAction", "pauseAction", "resumeAction", "deleteAction"};
        for (int i = 0; i < 5; ++i)
            QVERIFY2(action(names[i])->isEnabled() == expected.at(i), names[i]);
        QVERIFY(action("newAction")->isEnabled() == !readOnly);
    }

    void metadataFilter_appliesAsYouType_andSaysWhatIsApplied()
    {
        openOn(30);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 30, 10000);
        QTRY_VERIFY(m_window->repository()->capabilities().supportsMetadataFilter);
        QLineEdit *field = m_window->filterBar()->metadataEdit();
        QTest::keyClicks(field, u"team=platform, critical=true"_s); // no Enter
        QTRY_COMPARE(m_window->repository()->serverMetadataFilter(),
                     (QJsonObject {{"team"_L1, "platform"_L1}, {"critical"_L1, true}}));
        QCOMPARE(m_window->filterBar()->metadataStatus(),
                 u"Only crons with metadata critical = true, team = \"platform\"."_s);
        QVERIFY(!m_window->filterBar()->metadataHasError());
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->repository()->isLoading() && m_window->cronModel()->rowCount() > 0, 10000);
        for (const api::Cron &cron : m_window->cronModel()->crons()) {
            QCOMPARE(cron.metadata.value("team"_L1).toString(), u"platform"_s);
            QCOMPARE(cron.metadata.value("critical"_L1), QJsonValue(true));
        }
    }

    void metadataFilter_invalidEntry_saysWhyAndClearsTheOldFilter()
    {
        openOn(30);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 30, 10000);
        QLineEdit *field = m_window->filterBar()->metadataEdit();
        QTest::keyClicks(field, u"team=infra"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY(!m_window->repository()->serverMetadataFilter().isEmpty()
                    || !m_window->proxyModel()->cronFilter().metadata.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->repository()->isLoading(), 10000);

        field->selectAll();
        QTest::keyClicks(field, u"team"_s);
        QTRY_VERIFY(m_window->filterBar()->metadataHasError());
        QCOMPARE(m_window->filterBar()->metadataStatus(),
                 u"Not a metadata filter, so none is applied: “team” is not key=value, such as "
                 "team=infra."_s);
        QCOMPARE(field->accessibleDescription(), m_window->filterBar()->metadataStatus());
        QTRY_VERIFY(m_window->repository()->serverMetadataFilter().isEmpty());
        QVERIFY(m_window->proxyModel()->cronFilter().metadata.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 30, 10000);
    }

    void filter_thatMatchesNothing_saysSoAndOffersToClearFilters()
    {
        openOn(10);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tableView()->model()->rowCount(), 10, 10000);
        auto *noMatches = m_window->findChild<QWidget *>(u"noMatches"_s);
        QVERIFY(noMatches && !noMatches->isVisible());
        QTest::keyClicks(m_window->filterBar()->searchEdit(), u"no-such-cron-anywhere"_s);
        QTRY_VERIFY(noMatches->isVisible());
        QVERIFY(!m_window->tableView()->isVisible());
        QCOMPARE(label("noMatchesTitle")->text(), u"No crons match the filters."_s);
        QCOMPARE(label("noMatchesDetail")->text(), u"The filters hide all 10 loaded crons."_s);
        m_window->findChild<QPushButton *>(u"noMatchesClearButton"_s)->click();
        QCOMPARE(m_window->proxyModel()->rowCount(), 10);
        QVERIFY(m_window->filterBar()->searchEdit()->text().isEmpty());
        QVERIFY(!noMatches->isVisible());
        QVERIFY(m_window->tableView()->isVisible());
    }

    void notConnected_pointsAtTheConnectionMenu()
    {
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        attachConnection();
        m_controller->start({});
        // No profiles: the first-run choice. Closed without choosing:
        ui::FirstRunDialog *firstRun = nullptr;
        QTRY_VERIFY((firstRun = m_window->findChild<ui::FirstRunDialog *>()));
        QTRY_VERIFY(firstRun->isVisible());
        firstRun->reject();
        QTRY_COMPARE(label("stateTitle")->text(), u"Not connected"_s);
        const QString detail = label("stateDetail")->text();
        QVERIFY2(detail.contains(u"Connection menu"_s), qPrintable(detail));
        QVERIFY2(!detail.contains(u"--url"_s), qPrintable(detail));
        QVERIFY(!label("stateTitle")->text().contains(u"Please wait"_s));
        // The way out, one click away: the Connection menu's own actions.
        QStringList buttons;
        for (const QPushButton *button :
             m_window->findChildren<QPushButton *>(u"stateActionButton"_s))
            buttons.append(button->text());
        QCOMPARE(buttons, (QStringList {u"&Profiles…"_s, u"Try the &Local Sandbox"_s}));
    }

    void banner_afterAFailedRefresh_clearsWithTheNextSuccessfulRead()
    {
        openOn(10);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 10, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->repository()->isLoading(), 10000);
        sandbox::FaultRule fault;
        fault.path = u"/runs/crons/search"_s;
        fault.action = sandbox::FaultRule::Action::Status;
        fault.status = 503;
        m_server->addFault(fault);
        m_window->refresh();
        QLabel *banner = label("errorBanner");
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QVERIFY(label("freshnessLabel")->text().contains(u"stale"_s));
        // A sentence, though the server's text it quotes has no full stop.
        QVERIFY2(banner->text().endsWith(u'.'), qPrintable(banner->text()));

        m_server->clearFaults();
        m_window->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        QVERIFY(!label("freshnessLabel")->text().contains(u"stale"_s));

        // Failed again, then another deployment: the banner spoke of the one before.
        m_server->addFault(fault);
        m_window->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        SandboxServer other(SandboxServer::Options {.seedCount = 3, .scheduler = false});
        QVERIFY(other.listen() != 0);
        m_window->setDeployment(api::RequestFactory(other.baseUrl()), u"no API key"_s);
        QVERIFY(!banner->isVisible());
        QVERIFY(!label("freshnessLabel")->text().contains(u"stale"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 3, 10000);
    }

    void details_leaveOutTheCorrelationKeyOfCreates()
    {
        openOn(0);
        QJsonObject body {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 3 * * *"_L1}};
        body.insert("metadata"_L1,
                    QJsonObject {{"team"_L1, "infra"_L1},
                                 {QString(api::correlationMetadataKey), u"k-1"_s}});
        QVERIFY(!m_server->createCron(body).isEmpty());
        m_window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 1, 10000);
        m_window->tableView()->selectRow(0);
        QStringList shown;
        for (const QLabel *text : m_window->detailsWidget()->findChildren<QLabel *>())
            shown.append(text->text());
        QVERIFY(shown.contains(u"team=infra"_s));
        QVERIFY2(!shown.join(u'\n').contains(QString(api::correlationMetadataKey)),
                 qPrintable(shown.join(u'\n')));
    }

    // --- An ordinary desktop app ---------------------------------------------------------------

    void helpMenu_offersTheUserGuideShortcutsAndAbout()
    {
        m_window = std::make_unique<ui::MainWindow>();
        attachConnection();
        const QList<QAction *> menus = m_window->menuBar()->actions();
        QCOMPARE(menus.last()->text(), u"&Help"_s); // after Connection, last as usual
        QStringList entries;
        for (const QAction *entry : menus.last()->menu()->actions()) {
            if (!entry->isSeparator())
                entries.append(entry->text());
        }
        QCOMPARE(entries,
                 (QStringList {u"&User Guide"_s, u"&Keyboard Shortcuts"_s, u"&About Cron Desk"_s}));
        QCOMPARE(action("userGuideAction")->shortcut(), QKeySequence(Qt::Key_F1));
    }

    void about_namesTheVersionsOfTheAppQtAndServer()
    {
        openOn(1);
        m_window->setConnectionName(u"acme"_s, u"production"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->repository()->capabilities().version, u"0.12.0"_s,
                                  10000);
        action("aboutAction")->trigger();
        ui::AboutDialog *about = nullptr;
        QTRY_VERIFY((about = m_window->findChild<ui::AboutDialog *>()));
        QCOMPARE(about->versionText(),
                 u"Cron Desk %1.\nQt %2.\nServer: “acme”, Agent Server 0.12.0."_s.arg(
                     QStringLiteral(CRONDESK_VERSION), QString::fromLatin1(qVersion())));
    }

    void shortcutsDialog_listsEveryShortcutOfTheMenus()
    {
        m_window = std::make_unique<ui::MainWindow>();
        attachConnection();
        action("shortcutsAction")->trigger();
        ui::ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ui::ShortcutsDialog *>()));
        QStringList listed;
        for (const ui::ShortcutsDialog::Entry &entry : dialog->entries())
            listed.append(entry.command + u" = "_s + entry.keys);
        QVERIFY2(listed.contains(u"Refresh = F5 or Ctrl+R"_s), qPrintable(listed.join(u'\n')));
        QVERIFY(listed.contains(u"Print = Ctrl+P"_s));
        QVERIFY(listed.contains(u"Change Journal = Ctrl+Shift+J"_s));
        QVERIFY(listed.contains(u"User Guide = F1"_s));
        QVERIFY(listed.contains(u"Open the cron = Enter or double-click"_s));
        // Every shortcut of every menu is there.
        int withShortcut = 0;
        for (const QAction *top : m_window->menuBar()->actions()) {
            for (const QAction *entry : top->menu()->actions())
                withShortcut += entry->shortcuts().isEmpty() ? 0 : 1;
        }
        QCOMPARE(dialog->entries().size(), withShortcut + 3);
    }

    void userGuide_isFoundBesideTheProgram_inTheBuildTreeAndInThePackage()
    {
        // The build tree: CTest's CRONDESK_SANDBOX is build/bin/crondesk-sandbox, beside
        // crondesk.
        const QString buildBin = QFileInfo(qEnvironmentVariable("CRONDESK_SANDBOX")).absolutePath();
        const QString built = ui::findUserGuide(buildBin);
        QVERIFY2(!built.isEmpty(), qPrintable(buildBin));
        QFile guide(built);
        QVERIFY(guide.open(QIODevice::ReadOnly));
        QVERIFY(guide.readAll().startsWith("# Cron Desk user guide"));

        // The package layout: /usr/bin/crondesk and /usr/share/doc/crondesk/user-guide.md.
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(u"usr/bin"_s));
        QCOMPARE(ui::findUserGuide(root.filePath(u"usr/bin"_s)), QString());
        QVERIFY(QDir(root.path()).mkpath(u"usr/share/doc/crondesk"_s));
        QVERIFY(QFile::copy(built, root.filePath(u"usr/share/doc/crondesk/user-guide.md"_s)));
        QCOMPARE(ui::findUserGuide(root.filePath(u"usr/bin"_s)),
                 QFileInfo(root.filePath(u"usr/share/doc/crondesk/user-guide.md"_s))
                     .canonicalFilePath());

        ui::UserGuideWindow window(built);
        QVERIFY(window.browser()->toPlainText().startsWith(u"Cron Desk user guide"_s));
        QCOMPARE(ui::onlineUserGuide().scheme(), u"https"_s);
    }

    void windowTitle_showsTheProfileNameAndEnvironment()
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 2, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        models::ConnectionProfile acme;
        acme.name = u"acme"_s;
        acme.url = m_server->baseUrl();
        acme.environment = u"production"_s;
        QVERIFY(models::ProfileStore(m_dir.filePath(u"profiles.conf"_s)).save({acme}));
        m_window = std::make_unique<ui::MainWindow>();
        m_window->show();
        attachConnection();
        ui::ConnectionController::StartOptions options;
        options.profile = u"acme"_s;
        m_controller->start(options);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 2, 10000);
        QCOMPARE(m_window->windowTitle(), u"acme (production)"_s);
        QCOMPARE(m_window->deploymentName(), u"“acme”"_s);
    }

    void toolBar_at1024PixelsWide_hasIconsAndNoOverflow()
    {
        // No icon theme at all: the bundled icons stand in.
        const QString theme = QIcon::themeName();
        QIcon::setThemeName(u"crondesk-test-no-such-theme"_s);
        openOn(5);
        attachConnection();
        m_window->resize(1024, 700);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 5, 10000);
        QCOMPARE(m_window->width(), 1024);
        const QList<QToolBar *> toolBars = m_window->findChildren<QToolBar *>();
        QCOMPARE(toolBars.size(), 2);
        for (QToolBar *toolBar : toolBars) {
            auto *extension = toolBar->findChild<QToolButton *>(u"qt_toolbar_ext_button"_s);
            QVERIFY2(!extension || !extension->isVisible(), qPrintable(toolBar->objectName()));
            for (QAction *entry : toolBar->actions()) {
                if (entry->isSeparator() || qobject_cast<QWidgetAction *>(entry))
                    continue;
                QVERIFY2(!entry->icon().pixmap(20, 20).isNull(), qPrintable(entry->text()));
                QVERIFY2(toolBar->widgetForAction(entry)->isVisible(), qPrintable(entry->text()));
            }
        }
        QIcon::setThemeName(theme);
    }

    void detailsPane_afterASmallWindowIsMaximised_comesBack()
    {
        openOn(5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 5, 10000);
        auto *dock = m_window->findChild<QDockWidget *>(u"detailsDock"_s);
        m_window->resize(500, 400); // as small as the window lets itself be
        QTRY_VERIFY(m_window->width() < 1000);
        QVERIFY(dock->isVisible());
        QVERIFY(dock->width() >= m_window->detailsWidget()->minimumWidth());
        m_window->resize(1600, 1000);
        QTRY_COMPARE(m_window->width(), 1600);
        QVERIFY(dock->isVisible());
        QVERIFY2(dock->width() >= 300, qPrintable(QString::number(dock->width())));
        QVERIFY(m_window->detailsWidget()->isVisible());
    }

    void filterCombosAndSchedules_at1024PixelsWide_showTheirFullText()
    {
        openOn(30);
        m_window->resize(1024, 700);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 30, 10000);
        QCOMPARE(m_window->width(), 1024);
        for (const char *name : {"stateFilter", "targetFilter", "webhookFilter", "healthFilter"}) {
            auto *combo = m_window->findChild<QComboBox *>(QString::fromLatin1(name));
            // What a combo needs to show its longest choice in full.
            QComboBox reference;
            reference.setSizeAdjustPolicy(QComboBox::AdjustToContents);
            for (int i = 0; i < combo->count(); ++i)
                reference.addItem(combo->itemText(i));
            QVERIFY2(combo->width() >= reference.sizeHint().width(),
                     qPrintable(u"%1: %2 < %3"_s.arg(QString::fromLatin1(name))
                                    .arg(combo->width())
                                    .arg(reference.sizeHint().width())));
        }
        // Every schedule of the sample reads whole ("*/30 9-17 * * mon-fri", not "*/30 9-17 * *
        // …").
        QTableView *table = m_window->tableView();
        QVERIFY(static_cast<QAbstractItemView *>(table)->sizeHintForColumn(
                    models::CronTableModel::ScheduleColumn)
                <= table->columnWidth(models::CronTableModel::ScheduleColumn));
        // Assistant names and zones are the deployment's: a long one may be cut in the field,
        // never in the list.
        for (const char *name : {"assistantFilter", "timezoneFilter"}) {
            auto *combo = m_window->findChild<QComboBox *>(QString::fromLatin1(name));
            QVERIFY(combo->count() > 2);
            QVERIFY(combo->view()->minimumWidth() >= combo->view()->sizeHintForColumn(0));
        }
    }

    void doubleClickOrEnterOnARow_opensTheEditorInEditMode_data()
    {
        QTest::addColumn<bool>("doubleClick");
        QTest::newRow("double-click") << true;
        QTest::newRow("Enter") << false;
    }
    void doubleClickOrEnterOnARow_opensTheEditorInEditMode()
    {
        QFETCH(bool, doubleClick);
        openOn(5);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 5, 10000);
        QTRY_VERIFY(action("newAction")->isEnabled());
        table->selectRow(1);
        const QString id
            = table->currentIndex().data(models::CronTableModel::CronIdRole).toString();
        if (doubleClick) {
            const QRect cell = table->visualRect(table->model()->index(1, 2));
            // A double-click starts with a click, as the view expects it.
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        } else {
            table->setFocus();
            QTest::keyClick(table, Qt::Key_Return);
        }
        ui::CronEditorDialog *editor = nullptr;
        QTRY_VERIFY((editor = m_window->findChild<ui::CronEditorDialog *>()));
        QCOMPARE(editor->mode(), ui::CronEditorDialog::Mode::Edit);
        QVERIFY(editor->isVisible());
        QCOMPARE(m_window->detailsWidget()->cronId(), id); // the row that was opened
        editor->reject();
    }

    void doubleClickOnARow_ofAReadOnlyConnection_showsTheDetailsInstead()
    {
        openOn(5);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 5, 10000);
        m_window->setReadOnly(true, u"Profile “acme” is read-only."_s);
        auto *dock = m_window->findChild<QDockWidget *>(u"detailsDock"_s);
        dock->hide();
        table->selectRow(0);
        const QRect cell = table->visualRect(table->model()->index(0, 2));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_VERIFY(dock->isVisible());
        QVERIFY(!m_window->findChild<ui::CronEditorDialog *>());
        QCOMPARE(m_window->detailsWidget()->cronId(),
                 table->currentIndex().data(models::CronTableModel::CronIdRole).toString());
    }

    void copy_withSeveralRowsSelected_putsTabSeparatedRowsWithAHeader()
    {
        openOn(6);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 6, 10000);
        selectRows({0, 2, 3});
        action("copyAction")->trigger();
        const QStringList lines = QApplication::clipboard()->text().split(u'\n');
        QCOMPARE(lines.size(), 5); // header, three rows, empty after the last line break
        const QStringList header = lines.first().split(u'\t');
        QCOMPARE(header.mid(0, 5),
                 (QStringList {u"Health"_s, u"Cron ID"_s, u"Assistant"_s, u"Assistant ID"_s,
                               u"Thread"_s}));
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(lines[i].split(u'\t').size(), header.size());
        // In the table's order, full ids.
        QCOMPARE(lines[1].split(u'\t').at(1),
                 table->model()->index(0, 0).data(models::CronTableModel::CronIdRole).toString());
        QCOMPARE(lines[3].split(u'\t').at(1),
                 table->model()->index(3, 0).data(models::CronTableModel::CronIdRole).toString());

        // One row: the current cell's full value, as before.
        selectRows({1});
        table->setCurrentIndex(table->model()->index(1, models::CronTableModel::CronIdColumn));
        action("copyAction")->trigger();
        QCOMPARE(QApplication::clipboard()->text(),
                 table->model()->index(1, 0).data(models::CronTableModel::CronIdRole).toString());
    }

    void shortcuts_followDesktopConventionsAndNeverClash()
    {
        m_window = std::make_unique<ui::MainWindow>();
        attachConnection();
        QCOMPARE(action("refreshAction")->shortcuts(),
                 (QList<QKeySequence> {QKeySequence(Qt::Key_F5), QKeySequence(u"Ctrl+R"_s)}));
        QCOMPARE(action("printAction")->shortcut(), QKeySequence(u"Ctrl+P"_s));
        QCOMPARE(action("userGuideAction")->shortcut(), QKeySequence(Qt::Key_F1));
        QCOMPARE(action("copyAction")->shortcut(), QKeySequence(u"Ctrl+C"_s));
        QHash<QKeySequence, QString> owners;
        for (const QAction *entry : m_window->findChildren<QAction *>()) {
            for (const QKeySequence &key : entry->shortcuts()) {
                QVERIFY2(!owners.contains(key) || owners.value(key) == entry->text(),
                         qPrintable(key.toString() + u": "_s + owners.value(key) + u", "_s
                                    + entry->text()));
                owners.insert(key, entry->text());
            }
        }
    }

    void menus_haveNoTwoEntriesWithTheSameMnemonic()
    {
        m_window = std::make_unique<ui::MainWindow>();
        attachConnection();
        QStringList problems;
        auto check = [&problems](const QString &where, const QList<QAction *> &actions) {
            const QString duplicates = duplicateMnemonics(where, actions);
            if (!duplicates.isEmpty())
                problems.append(duplicates);
        };
        check(u"menu bar"_s, m_window->menuBar()->actions());
        std::function<void(const QMenu *)> walk = [&](const QMenu *menu) {
            Q_EMIT const_cast<QMenu *>(menu)->aboutToShow(); // builds Columns on demand
            check(menu->title(), menu->actions());
            for (const QAction *entry : menu->actions()) {
                if (entry->menu())
                    walk(entry->menu());
            }
        };
        int menus = 0;
        for (const QAction *top : m_window->menuBar()->actions()) {
            walk(top->menu());
            ++menus;
        }
        QCOMPARE(menus, 5); // File, Crons, View, Connection, Help
        check(u"table context menu"_s, m_window->tableView()->actions());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void export_writesTheVisibleColumnsInViewOrder()
    {
        openOn(8);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 8, 10000);
        QHeaderView *header = table->horizontalHeader();
        for (int column = 0; column < models::CronTableModel::ColumnCount; ++column)
            table->setColumnHidden(column, true);
        for (const int column :
             {models::CronTableModel::ScheduleColumn, models::CronTableModel::AssistantColumn,
              models::CronTableModel::HealthColumn})
            table->setColumnHidden(column, false);
        // Schedule dragged in front of Health.
        header->moveSection(header->visualIndex(models::CronTableModel::ScheduleColumn), 0);
        QTest::keyClicks(m_window->filterBar()->searchEdit(), u"stateless"_s);
        QTRY_VERIFY(m_window->proxyModel()->rowCount() < 8);
        const int shown = m_window->proxyModel()->rowCount();

        QTemporaryDir dir;
        QString error;
        QVERIFY(m_window->exportVisibleRows(dir.filePath(u"crons.csv"_s), &error));
        QFile csv(dir.filePath(u"crons.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(u"\r\n"_s);
        QCOMPARE(lines.first(), u"Schedule,Health,Assistant,Assistant ID"_s);
        QCOMPARE(lines.size(), shown + 2);
        QCOMPARE(m_window->statusBar()->currentMessage(),
                 u"Exported %1 crons to %2."_s.arg(shown).arg(dir.filePath(u"crons.csv"_s)));

        QVERIFY(m_window->exportVisibleRows(dir.filePath(u"crons.json"_s), &error));
        QFile json(dir.filePath(u"crons.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(rows.size(), shown);
        QCOMPARE(rows.first().toObject().keys(),
                 (QStringList {u"assistant"_s, u"assistant_id"_s, u"health"_s, u"schedule"_s}));
    }

    void print_rendersTheVisibleRowsAndColumnsOfTheTable()
    {
        openOn(7);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 7, 10000);
        m_window->setConnectionName(u"acme"_s, u"production"_s);
        table->setColumnHidden(models::CronTableModel::DescriptionColumn, true);
        QTest::keyClicks(m_window->filterBar()->searchEdit(), u"stateless"_s);
        QTRY_VERIFY(m_window->proxyModel()->rowCount() < 7);
        const QString html = m_window->printableHtml();
        QVERIFY(html.contains(u"<h3>Crons of “acme”, "_s));
        QVERIFY(html.contains(u"<th>Schedule</th>"_s));
        QVERIFY(!html.contains(u"<th>Description</th>"_s));
        QCOMPARE(html.count(u"<tr>"_s), m_window->proxyModel()->rowCount() + 1);
        QVERIFY(action("printAction")->isEnabled());
    }

    void counts_reachTheTranslationWithTheirNumber()
    {
        openOn(12);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->cronModel()->rowCount(), 12, 10000);
        QCOMPARE(label("countLabel")->text(), u"12 crons"_s);
        PluralProbe probe;
        QCoreApplication::installTranslator(&probe);
        const auto removeProbe
            = qScopeGuard([&probe] { QCoreApplication::removeTranslator(&probe); });
        m_window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(label("countLabel")->text(), u"{n=12}"_s, 10000);
        QTest::keyClicks(m_window->filterBar()->searchEdit(), u"stateless"_s);
        QTRY_VERIFY(m_window->proxyModel()->rowCount() < 12);
        const int shown = m_window->proxyModel()->rowCount();
        QTRY_COMPARE(label("countLabel")->text(), u"{n=12} %1"_s.arg(shown));
        selectRows({0, 1});
        action("copyAction")->trigger();
        QCOMPARE(m_window->statusBar()->currentMessage(), u"{n=2}"_s);
        action("copyIdAction")->trigger();
        QCOMPARE(m_window->statusBar()->currentMessage(), u"{n=2}"_s);
    }

    void countLabel_forOneCron_isSingular()
    {
        openOn(1);
        QTRY_COMPARE_WITH_TIMEOUT(label("countLabel")->text(), u"1 cron"_s, 10000);
    }

    void confirmations_nameTheProfileNotTheUrl()
    {
        openOn(6);
        QTableView *table = m_window->tableView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 6, 10000);
        m_window->setConnectionName(u"acme"_s, u"production"_s);
        const QString url = m_server->baseUrl().toDisplayString();
        selectRows({0, 1});
        m_window->deleteSelected();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)));
        QCOMPARE(box->text(), u"Delete 2 crons on profile “acme” (production)?"_s);
        QVERIFY(box->informativeText().contains(u"cannot be undone"_s));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s));

        selectRows(rowsWhereEnabled(true).mid(0, 1));
        m_window->setSelectedEnabled(false);
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"enableConfirmation"_s)));
        QCOMPARE(box->text(), u"Pause 1 cron on profile “acme” (production)?"_s);
        QVERIFY(!box->text().contains(url));
        box->button(QMessageBox::Cancel)->click();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
