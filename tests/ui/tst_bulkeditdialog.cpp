// The Bulk Edit dialog against the sandbox: form → preview → apply through the gate → results,
// a partial failure with Retry Failures, nothing lost on the way back or after a failure.
#include <models/api/apiclient.h>
#include <models/bulk/bulkapplier.h>
#include <models/bulk/bulkpreviewmodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <tests/sandbox/store.h>
#include <ui/bulkeditdialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using ui::BulkEditDialog;

class TestBulkEditDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<models::CronRepository> m_repository;
    QList<models::MutationRequest> m_asked;

    QList<api::Cron> crons() const
    {
        QList<api::Cron> all;
        for (int row = 0; row < m_model->rowCount(); ++row)
            all.append(m_model->cronAt(row));
        return all;
    }

    std::unique_ptr<BulkEditDialog> dialog(const QList<api::Cron> &selected = {})
    {
        return std::make_unique<BulkEditDialog>(
            m_repository.get(), selected, crons(), models::MutationTarget(),
            [this](const models::MutationRequest &request, std::function<void()> proceed) {
                m_asked.append(request);
                proceed();
            });
    }

    QString stored(const QString &id, const QString &key) const
    {
        const sandbox::CronRecord *record = m_server->store().cron(id);
        return record ? record->json.value(key).toString() : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_asked.clear();
        m_server = std::make_unique<sandbox::SandboxServer>(
            sandbox::SandboxServer::Options {.scheduler = false});
        QVERIFY(m_server->listen() != 0);
        for (const QString &schedule : {u"0 9 * * *"_s, u"30 23 1 * *"_s, u"*/15 * * * *"_s})
            m_server->createCron(
                QJsonObject {{"schedule"_L1, schedule}, {"assistant_id"_L1, u"agent"_s}});
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        QSignalSpy loaded(m_repository.get(), &models::CronRepository::loadSucceeded);
        m_repository->reload();
        QVERIFY(loaded.wait(10000));
    }

    void nothingTicked_saysSo_andStaysOnTheForm()
    {
        auto window = dialog();
        QVERIFY(window->matchingRadio()->isChecked()); // nothing selected
        QVERIFY(!window->selectedRadio()->isEnabled());
        QTest::mouseClick(window->nextButton(), Qt::LeftButton);
        QCOMPARE(window->step(), BulkEditDialog::Step::Changes);
        QCOMPARE(window->problemLabel()->text(), u"Tick at least one field to change."_s);
    }

    void preview_showsEveryCron_thenApplyChangesThemThroughTheGate()
    {
        auto window = dialog();
        window->scheduleBox()->setChecked(true);
        window->shiftSpin()->setValue(40);
        QTest::mouseClick(window->nextButton(), Qt::LeftButton);
        QCOMPARE(window->step(), BulkEditDialog::Step::Preview);
        models::BulkPreviewModel *preview = window->previewModel();
        QCOMPARE(preview->rowCount(), 3);
        QCOMPARE(preview->checkedCount(), 2); // "30 23 1 * *" cannot move past midnight
        QVERIFY(window->summaryLabel()->text().contains(u"1 skipped"_s));
        QVERIFY2(window->applyButton()->text().startsWith(u"&Apply to 2 cron"_s),
                 qPrintable(window->applyButton()->text()));
        QVERIFY(window->previewTable()->isEnabled());

        // Back keeps what was typed.
        QTest::mouseClick(window->backButton(), Qt::LeftButton);
        QCOMPARE(window->shiftSpin()->value(), 40);
        QVERIFY(window->scheduleBox()->isChecked());
        QTest::mouseClick(window->nextButton(), Qt::LeftButton);

        QSignalSpy finished(window->applier(), &models::BulkApplier::finished);
        QTest::mouseClick(window->applyButton(), Qt::LeftButton);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.first().kind, models::MutationKind::Update);
        QCOMPARE(m_asked.first().cronCount, 2);
        QVERIFY(finished.wait(10000));
        QCOMPARE(window->step(), BulkEditDialog::Step::Done);
        QCOMPARE(window->applier()->count(models::BulkResult::Status::Applied), 2);
        QVERIFY(!window->retryButton()->isVisible());
        for (const api::Cron &cron : crons()) {
            const QString schedule = stored(cron.cronId, u"schedule"_s);
            QVERIFY2(schedule == "40 9 * * *"_L1 || schedule == "30 23 1 * *"_L1
                         || schedule == "10-55/15 * * * *"_L1,
                     qPrintable(schedule));
        }
    }

    void partialFailure_listsWhy_andRetryFailuresFinishesTheJob()
    {
        const QList<api::Cron> all = crons();
        sandbox::FaultRule rule;
        rule.method = "PATCH";
        rule.path = u"/runs/crons/"_s + all.at(1).cronId;
        rule.action = sandbox::FaultRule::Action::Status;
        rule.status = 503;
        rule.body = R"({"detail":"Database is read-only during maintenance"})";
        rule.times = 1;
        m_server->addFault(rule);

        auto window = dialog(all);
        QVERIFY(window->selectedRadio()->isChecked());
        window->metadataBox()->setChecked(true);
        window->metadataEdit()->setText(u"owner=payments, tier=gold"_s);
        window->showPreview();
        QCOMPARE(window->previewModel()->checkedCount(), 3);
        QSignalSpy finished(window->applier(), &models::BulkApplier::finished);
        window->apply();
        QVERIFY(finished.wait(20000));
        QCOMPARE(window->applier()->failedIds(), QStringList {all.at(1).cronId});
        const QString state = window->previewModel()
                                  ->index(1, models::BulkPreviewModel::StateColumn)
                                  .data()
                                  .toString();
        QVERIFY2(state.contains(u"read-only during maintenance"_s), qPrintable(state));
        QVERIFY(!window->retryButton()->isHidden());
        QVERIFY(window->summaryLabel()->text().contains(u"1 failed"_s));
        // What was typed is still there.
        QCOMPARE(window->metadataEdit()->text(), u"owner=payments, tier=gold"_s);

        QSignalSpy again(window->applier(), &models::BulkApplier::finished);
        QTest::mouseClick(window->retryButton(), Qt::LeftButton);
        QCOMPARE(m_asked.size(), 2);
        QCOMPARE(m_asked.last().cronCount, 1);
        QVERIFY(again.wait(20000));
        QCOMPARE(window->applier()->count(models::BulkResult::Status::Applied), 1);
        QVERIFY(window->applier()->failedIds().isEmpty());
        QVERIFY(window->retryButton()->isHidden());
        const sandbox::CronRecord *record = m_server->store().cron(all.at(1).cronId);
        QCOMPARE(record->json["metadata"_L1]["tier"_L1].toString(), u"gold"_s);
    }

    void badValues_areSaidInTheForm_data()
    {
        QTest::addColumn<QString>("metadata");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no equals sign") << u"owner"_s << u"Metadata: “owner” is not KEY=VALUE."_s;
        QTest::newRow("the correlation key") << u"crondesk_request_id=x"_s << QString();
    }
    void badValues_areSaidInTheForm()
    {
        QFETCH(QString, metadata);
        QFETCH(QString, problem);
        auto window = dialog();
        window->metadataBox()->setChecked(true);
        window->metadataEdit()->setText(metadata);
        QVERIFY(!window->edit());
        QVERIFY(!window->problemLabel()->isHidden());
        if (!problem.isEmpty())
            QCOMPARE(window->problemLabel()->text(), problem);
        QCOMPARE(window->metadataEdit()->text(), metadata);
    }
};

QTEST_MAIN(TestBulkEditDialog)
#include "tst_bulkeditdialog.moc"
