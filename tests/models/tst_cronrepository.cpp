// CronRepository feeding a CronTableModel from the sandbox over loopback.
#include <models/api/apiclient.h>
#include <models/cronrepository.h>
#include <models/crontablemodel.h>
#include <tests/sandbox/sandboxserver.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

class TestCronRepository final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<models::CronRepository> m_repository;

    void start(int crons)
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = crons, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
    }

    void reloadAndWait()
    {
        QSignalSpy done(m_repository.get(), &models::CronRepository::loadingChanged);
        m_repository->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!m_repository->isLoading(), 20000);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_repository.reset();
        m_tester.reset();
        m_model.reset();
        m_client.reset();
        m_server.reset();
    }

    void reload_onEmptyTable_showsRowsPageByPage()
    {
        start(2100);
        int insertions = 0;
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
                [&insertions] { ++insertions; });
        QSignalSpy succeeded(m_repository.get(), &models::CronRepository::loadSucceeded);
        reloadAndWait();
        QCOMPARE(succeeded.size(), 1);
        QCOMPARE(m_model->rowCount(), 2100);
        QCOMPARE(insertions, 3); // one per page of 1000
        QVERIFY(m_repository->lastLoaded().isValid());
    }

    void reload_afterServerChanges_mergesWithoutReset()
    {
        start(30);
        reloadAndWait();
        const QString gone = m_model->cronAt(0).cronId;
        const QString kept = m_model->cronAt(5).cronId;
        QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + gone).status, 204);
        const QJsonObject created = m_server->createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "*/10 * * * *"_L1}});
        QVERIFY(!created.isEmpty());

        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        const QPersistentModelIndex keptIndex = m_model->index(5, 0);
        reloadAndWait();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(m_model->rowCount(), 30);
        QCOMPARE(m_model->rowOf(gone), -1);
        QVERIFY(m_model->rowOf(created.value("cron_id"_L1).toString()) >= 0);
        QCOMPARE(keptIndex.data(models::CronTableModel::CronIdRole).toString(), kept);
    }

    void deleteCrons_removesTheRowsTheServerDeleted()
    {
        start(10);
        reloadAndWait();
        const QStringList ids {m_model->cronAt(1).cronId, m_model->cronAt(2).cronId};
        QSignalSpy deleted(m_repository.get(), &models::CronRepository::deleted);
        m_repository->deleteCrons(ids);
        QTRY_COMPARE(deleted.size(), 2);
        QCOMPARE(m_model->rowCount(), 8);
        QCOMPARE(m_model->rowOf(ids[0]), -1);
    }

    void deleteCrons_whenTheServerFails_reportsWhichCronAndKeepsIt()
    {
        start(5);
        reloadAndWait();
        const QString id = m_model->cronAt(0).cronId;
        sandbox::FaultRule rule;
        rule.method = "DELETE";
        rule.action = sandbox::FaultRule::Action::Status;
        rule.status = 500;
        m_server->addFault(rule);
        QSignalSpy failed(m_repository.get(), &models::CronRepository::deleteFailed);
        m_repository->deleteCrons({id});
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toString(), id);
        QCOMPARE(failed.first().at(1).value<api::ApiError>().kind, api::ApiError::Kind::Server);
        QCOMPARE(m_model->rowOf(id), 0);
    }

    void reload_withServerStopped_reportsANetworkErrorAndKeepsRows()
    {
        start(5);
        reloadAndWait();
        m_server->close();
        QSignalSpy failed(m_repository.get(), &models::CronRepository::loadFailed);
        m_repository->reload();
        QVERIFY(failed.wait(15000));
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, api::ApiError::Kind::Network);
        QCOMPARE(m_model->rowCount(), 5);
    }
};

QTEST_GUILESS_MAIN(TestCronRepository)
#include "tst_cronrepository.moc"
