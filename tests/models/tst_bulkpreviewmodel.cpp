// The bulk edit's preview model: ticks, skipped rows without a box, results in the state column.
#include <models/api/cron.h>
#include <models/bulk/bulkpreviewmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::BulkPreviewModel;

namespace {

api::Cron cron(const QString &id, const QString &schedule)
{
    return *api::cronFromJson(QJsonObject {{"cron_id"_L1, id},
                                           {"assistant_id"_L1, u"agent"_s},
                                           {"schedule"_L1, schedule},
                                           {"enabled"_L1, true}});
}

models::BulkPlan shiftPlan()
{
    models::BulkEdit edit;
    edit.scheduleChange = models::BulkEdit::Schedule::Shift;
    edit.shiftMinutes = 60;
    return models::planBulkEdit({cron(u"a"_s, u"0 9 * * *"_s), cron(u"b"_s, u"30 23 1 * *"_s),
                                 cron(u"c"_s, u"0 10 * * 1"_s)},
                                edit, QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC));
}

} // namespace

class TestBulkPreviewModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_showTheChangesAndWhySkipped_andOnlyChangingRowsHaveABox()
    {
        BulkPreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(shiftPlan());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.checkedCount(), 2);
        QCOMPARE(model.index(0, BulkPreviewModel::ChangesColumn).data().toString(),
                 u"Schedule: 0 9 * * * → 0 10 * * *"_s);
        QCOMPARE(model.index(0, BulkPreviewModel::CronColumn).data(Qt::CheckStateRole),
                 QVariant(Qt::Checked));
        QVERIFY(!model.index(1, BulkPreviewModel::CronColumn).data(Qt::CheckStateRole).isValid());
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsUserCheckable));
        QVERIFY(model.index(1, BulkPreviewModel::StateColumn)
                    .data()
                    .toString()
                    .startsWith(u"Skipped: Shifted by +1 h"_s));
        QCOMPARE(model.index(0, BulkPreviewModel::StateColumn).data().toString(),
                 u"Will change."_s);
    }

    void nextRun_isShownInTheZoneTheCronHasAfterTheEdit()
    {
        models::BulkEdit edit;
        edit.timezone = u"Europe/Berlin"_s;
        BulkPreviewModel model;
        model.setPlan(models::planBulkEdit({cron(u"a"_s, u"0 9 * * *"_s)}, edit,
                                           QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC)));
        QCOMPARE(model.index(0, BulkPreviewModel::NextRunColumn).data().toString(),
                 u"2026-03-03 09:00 CET"_s);
    }

    void untickedRows_areNotSent_andSkippedOnesCannotBeTicked()
    {
        BulkPreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(shiftPlan());
        QSignalSpy counted(&model, &BulkPreviewModel::checkedCountChanged);
        QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(counted.last().first().value<qsizetype>(), 1);
        const QList<models::BulkRow> rows = model.checkedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().cron.cronId, u"c"_s);
        QCOMPARE(model.index(0, BulkPreviewModel::StateColumn).data().toString(), u"Left out."_s);
        model.setAllChecked(true);
        QCOMPARE(model.checkedCount(), 2);
    }

    void results_showInTheStateColumn()
    {
        BulkPreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(shiftPlan());
        models::BulkResult failed {u"c"_s, models::BulkResult::Status::Failed, {}, {}};
        failed.error.kind = api::ApiError::Kind::Validation;
        failed.error.httpStatus = 422;
        failed.error.message = u"Cron is locked by a change freeze"_s;
        model.setResult(failed);
        model.setResult({u"a"_s, models::BulkResult::Status::Applied, {}, {}});
        QCOMPARE(model.index(0, BulkPreviewModel::StateColumn).data().toString(), u"Applied."_s);
        const QString state = model.index(2, BulkPreviewModel::StateColumn).data().toString();
        QVERIFY2(state.startsWith(u"Failed: "_s) && state.contains(u"change freeze"_s),
                 qPrintable(state));
    }

    void confirmation_namesTheCountTheFieldsAndTheTarget()
    {
        const models::BulkPlan plan = shiftPlan();
        models::MutationTarget target;
        target.profileName = u"Acme Prod"_s;
        target.environment = u"production"_s;
        target.production = true;
        BulkPreviewModel model;
        model.setPlan(plan);
        const models::MutationRequest request
            = models::bulkEditRequest(model.checkedRows(), target);
        QCOMPARE(request.kind, models::MutationKind::Update);
        QCOMPARE(request.cronCount, 2);
        QVERIFY2(request.question.contains(u"Acme Prod"_s), qPrintable(request.question));
        QVERIFY(request.details.first().contains(u"Schedule"_s));
    }
};

QTEST_GUILESS_MAIN(TestBulkPreviewModel)
#include "tst_bulkpreviewmodel.moc"
