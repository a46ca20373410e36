// The main window, offscreen, against an in-process sandbox.
#include <models/crontablemodel.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/mainwindow.h>

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
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
