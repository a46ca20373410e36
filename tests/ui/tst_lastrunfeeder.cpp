// The inventory's Last run columns against the sandbox: only the rows on screen are read (the
// sandbox counts the requests), scrolling reads the next screen, hidden columns read nothing, and
// a run that ended in error shows as failed with the last-run-failed health flag.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/runs/lastruncache.h>
#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/lastrundelegate.h>
#include <ui/lastrunfeeder.h>

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace crondesk;
using models::CronTableModel;
using Kind = models::CronLastRunState::Kind;

class TestLastRunFeeder final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::ManualClock> m_clock;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<CronTableModel> m_model;
    std::unique_ptr<models::CronFilterProxyModel> m_proxy;
    std::unique_ptr<QTableView> m_view;
    std::unique_ptr<models::LastRunCache> m_cache;
    std::unique_ptr<ui::LastRunFeeder> m_feeder;

    // `count` thread crons, each on its own thread, that have each run once.
    void start(int count, double errorRate = 0)
    {
        m_clock = std::make_unique<sandbox::ManualClock>(
            QDateTime(QDate(2026, 7, 1), QTime(12, 0, 30), Qt::UTC));
        sandbox::SandboxServer::Options options;
        options.clock = m_clock.get();
        options.runErrorRate = errorRate;
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        QList<api::Cron> crons;
        for (int i = 0; i < count; ++i) {
            const QString thread = m_server->createThread().value("thread_id"_L1).toString();
            const QJsonObject body {
                {u"assistant_id"_s, u"agent"_s},
                {u"schedule"_s, u"* * * * *"_s},
                {u"metadata"_s, QJsonObject {{api::correlationMetadataKey, QString::number(i)}}}};
            crons.append(*api::cronFromJson(m_server->createCron(body, thread)));
        }
        m_clock->advance(61s); // each has fired once, at 12:01
        m_server->clearRequests();

        m_model = std::make_unique<CronTableModel>();
        m_model->upsertCrons(crons);
        m_proxy = std::make_unique<models::CronFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_view = std::make_unique<QTableView>();
        m_view->setModel(m_proxy.get());
        m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        m_view->verticalHeader()->setDefaultSectionSize(20);
        m_view->resize(900, 10 * 20 + m_view->horizontalHeader()->sizeHint().height() + 4);
        m_cache = std::make_unique<models::LastRunCache>(m_client.get());
        m_feeder = std::make_unique<ui::LastRunFeeder>(m_cache.get(), m_model.get(), m_view.get());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    qsizetype runReads() const
    {
        qsizetype count = 0;
        for (const auto &request : m_server->requests()) {
            if (request.method == "GET" && request.path.endsWith("/runs"_L1))
                ++count;
        }
        return count;
    }

    int rowsOnScreen() const
    {
        const int first = m_view->rowAt(0);
        const int last = m_view->rowAt(m_view->viewport()->height() - 1);
        return (last < 0 ? m_proxy->rowCount() - 1 : last) - first + 1;
    }

    Kind kindAt(int proxyRow) const
    {
        const QModelIndex source = m_proxy->mapToSource(m_proxy->index(proxyRow, 0));
        return m_model->lastRunState(m_model->cronAt(source.row()).cronId).kind;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_feeder.reset();
        m_cache.reset();
        m_view.reset();
        m_proxy.reset();
        m_model.reset();
        m_client.reset();
        m_server.reset();
        m_clock.reset();
    }

    void onlyTheRowsOnScreen_areRead_andScrollingReadsTheNextScreen()
    {
        start(60);
        const int onScreen = rowsOnScreen();
        QVERIFY2(onScreen > 0 && onScreen < 20, qPrintable(QString::number(onScreen)));
        QTRY_COMPARE(kindAt(onScreen - 1), Kind::Known);
        QTRY_COMPARE(kindAt(0), Kind::Known);
        QCOMPARE(runReads(), qsizetype(onScreen));
        QCOMPARE(kindAt(onScreen), Kind::NotLoaded);
        QCOMPARE(m_proxy->index(onScreen, CronTableModel::LastRunColumn).data().toString(), u"…"_s);

        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
        QTRY_COMPARE(kindAt(m_proxy->rowCount() - 1), Kind::Known);
        QTRY_COMPARE(runReads(), qsizetype(onScreen + rowsOnScreen()));
        QCOMPARE(kindAt(30), Kind::NotLoaded); // between the two screens: never shown, never read

        // Scrolling back costs nothing: the first screen is cached.
        m_view->verticalScrollBar()->setValue(0);
        QTest::qWait(2 * int(ui::LastRunFeeder::settleDelay.count()));
        QCOMPARE(runReads(), qsizetype(onScreen + rowsOnScreen()));
    }

    void withBothColumnsHidden_nothingIsRead()
    {
        start(20);
        m_view->hideColumn(CronTableModel::LastRunColumn);
        m_view->hideColumn(CronTableModel::LastSuccessColumn);
        m_cache->clear();
        m_model->clear();
        QTest::qWait(2 * int(ui::LastRunFeeder::settleDelay.count()));
        m_server->clearRequests();
        m_feeder->refreshNow();
        QTest::qWait(2 * int(ui::LastRunFeeder::settleDelay.count()));
        QCOMPARE(runReads(), 0);
    }

    void aRunThatEndedInError_showsAsFailed_withTheHealthFlag()
    {
        start(3, 1.0);
        QTRY_COMPARE(kindAt(0), Kind::Known);
        const QModelIndex cell = m_proxy->index(0, CronTableModel::LastRunColumn);
        QVERIFY2(cell.data().toString().startsWith(u"Failed · "_s),
                 qPrintable(cell.data().toString()));
        QCOMPARE(cell.data(CronTableModel::LastRunStatusRole).toString(), u"error"_s);
        QCOMPARE(ui::LastRunDelegate::levelOf(u"error"), ui::HealthLevel::Problem);
        QCOMPARE(m_proxy->index(0, CronTableModel::LastSuccessColumn).data().toString(), u"none"_s);
        const QModelIndex source = m_proxy->mapToSource(cell);
        QVERIFY(m_model->healthAt(source.row()) & models::HealthFlag::LastRunFailed);
    }

    void statelessCronThatDeletesItsThreads_saysWhyInTheTooltip_withoutARead()
    {
        start(0);
        const api::Cron stateless = *api::cronFromJson(m_server->createCron(
            {{u"assistant_id"_s, u"echo"_s}, {u"schedule"_s, u"* * * * *"_s}}));
        m_server->clearRequests();
        m_model->upsertCrons({stateless});
        QTRY_COMPARE(kindAt(0), Kind::Unavailable);
        QVERIFY(m_proxy->index(0, CronTableModel::LastRunColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"deletes each run's thread"_s));
        QCOMPARE(runReads(), 0);
    }
};

QTEST_MAIN(TestLastRunFeeder)
#include "tst_lastrunfeeder.moc"
