// Planning a bulk edit: per cron the minimal PATCH, the field-level diff, the next run after, or
// why it is skipped. Pure, no network.
#include <models/api/cron.h>
#include <models/bulk/bulkedit.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::BulkEdit;
using models::DraftField;

namespace {

const QDateTime now(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC); // a Monday

api::Cron cron(const QString &id, const QString &schedule, const QJsonObject &extra = {})
{
    QJsonObject object {{"cron_id"_L1, id},
                        {"assistant_id"_L1, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s},
                        {"schedule"_L1, schedule},
                        {"enabled"_L1, true},
                        {"on_run_completed"_L1, u"delete"_s},
                        {"payload"_L1, QJsonObject {}},
                        {"metadata"_L1, QJsonObject {}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        object.insert(it.key(), it.value());
    return *api::cronFromJson(object);
}

QList<DraftField> fieldsOf(const models::BulkRow &row)
{
    QList<DraftField> fields;
    for (const models::FieldChange &change : row.changes)
        fields.append(change.field);
    return fields;
}

} // namespace

class TestBulkEdit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadata_sendsOnlyTheKeysThatChange()
    {
        BulkEdit edit;
        edit.metadata = {{"owner"_L1, "payments"_L1}, {"team"_L1, "billing"_L1}};
        const models::BulkPlan plan = models::planBulkEdit(
            {cron(u"c1"_s, u"0 9 * * *"_s,
                  {{"metadata"_L1,
                    QJsonObject {{"team"_L1, "billing"_L1}, {"crondesk_request_id"_L1, "x"_L1}}}})},
            edit, now);
        QCOMPARE(plan.rows.size(), 1);
        const models::BulkRow &row = plan.rows.first();
        QVERIFY(!row.isSkipped());
        QCOMPARE(row.patch.toJson(),
                 (QJsonObject {{"metadata"_L1, QJsonObject {{"owner"_L1, "payments"_L1}}}}));
        QCOMPARE(row.changes.size(), 1);
        QCOMPARE(row.changes.first().key, u"owner"_s);
    }

    void timezone_keepsTheEndTimeAsTheSameInstant()
    {
        BulkEdit edit;
        edit.timezone = u"Europe/Berlin"_s;
        const models::BulkPlan plan = models::planBulkEdit(
            {cron(u"c1"_s, u"0 9 * * *"_s, {{"end_time"_L1, "2026-06-01T12:00:00+00:00"_L1}})},
            edit, now);
        const models::BulkRow &row = plan.rows.first();
        QVERIFY2(!row.isSkipped(), qPrintable(row.skipReason));
        QCOMPARE(row.patch.toJson(), (QJsonObject {{"timezone"_L1, "Europe/Berlin"_L1}}));
        QCOMPARE(fieldsOf(row), QList<DraftField> {DraftField::Timezone});
        // 09:00 in Berlin (CET) is 08:00 UTC, which is now: the next is tomorrow's.
        QCOMPARE(row.nextRunBefore, QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
        QCOMPARE(row.nextRunAfter, QDateTime(QDate(2026, 3, 3), QTime(8, 0), Qt::UTC));
    }

    void shift_movesTheNextRunByTheShift()
    {
        BulkEdit edit;
        edit.scheduleChange = BulkEdit::Schedule::Shift;
        edit.shiftMinutes = 90;
        const models::BulkPlan plan
            = models::planBulkEdit({cron(u"c1"_s, u"0 9 * * 1-5"_s)}, edit, now);
        const models::BulkRow &row = plan.rows.first();
        QVERIFY2(!row.isSkipped(), qPrintable(row.skipReason));
        QCOMPARE(row.patch.schedule, u"30 10 * * 1-5"_s);
        QCOMPARE(row.nextRunAfter, row.nextRunBefore.addSecs(90 * 60));
    }

    void skips_sayWhy_data()
    {
        QTest::addColumn<api::Cron>("cron");
        QTest::addColumn<BulkEdit>("edit");
        QTest::addColumn<QString>("reason");
        BulkEdit sameWebhook;
        sameWebhook.webhook = u"https://hooks.example/a"_s;
        QTest::newRow("already has the value")
            << cron(u"c1"_s, u"0 9 * * *"_s,
                    {{"payload"_L1, QJsonObject {{"webhook"_L1, "https://hooks.example/a"_L1}}}})
            << sameWebhook << u"It already has these values."_s;
        BulkEdit clearEnd;
        clearEnd.endTimeChange = BulkEdit::EndTime::Clear;
        QTest::newRow("no end time to clear")
            << cron(u"c1"_s, u"0 9 * * *"_s) << clearEnd << u"It already has these values."_s;
        BulkEdit keep;
        keep.onRunCompleted = u"keep"_s;
        QTest::newRow("on run completed on a thread cron")
            << cron(u"c1"_s, u"0 9 * * *"_s,
                    {{"thread_id"_L1, "5c9cfc0e-2c4e-4bfb-a9ad-3e5e3c3c3c3c"_L1}})
            << keep << u"On run completed applies to stateless crons only."_s;
        BulkEdit strategy;
        strategy.multitaskStrategy = u"reject"_s;
        QTest::newRow("multitask strategy on a stateless cron")
            << cron(u"c1"_s, u"0 9 * * *"_s) << strategy
            << u"The multitask strategy applies to thread crons only."_s;
        BulkEdit shift;
        shift.scheduleChange = BulkEdit::Schedule::Shift;
        shift.shiftMinutes = 60;
        QTest::newRow("shift across midnight on a day of month")
            << cron(u"c1"_s, u"30 23 1 * *"_s) << shift
            << u"Shifted by +1 h, this schedule's times would move past midnight, and its days of "
               "the month or months cannot be moved with them (the day after the 31st is in "
               "another month)."_s;
    }
    void skips_sayWhy()
    {
        QFETCH(api::Cron, cron);
        QFETCH(BulkEdit, edit);
        QFETCH(QString, reason);
        const models::BulkPlan plan = models::planBulkEdit({cron}, edit, now);
        QCOMPARE(plan.rows.size(), 1);
        QCOMPARE(plan.rows.first().skipReason, reason);
        QVERIFY(plan.rows.first().patch.isEmpty());
        QCOMPARE(plan.changeCount(), 0);
    }

    void invalidValues_areSkippedWithTheEditorsSentence()
    {
        BulkEdit edit;
        edit.timezone = u"Mars/Olympus"_s;
        const models::BulkPlan plan
            = models::planBulkEdit({cron(u"c1"_s, u"0 9 * * *"_s)}, edit, now);
        const models::BulkRow &row = plan.rows.first();
        QVERIFY(row.isSkipped());
        QVERIFY2(row.skipReason.startsWith(u"Time zone: "_s), qPrintable(row.skipReason));

        BulkEdit schedule;
        schedule.scheduleChange = BulkEdit::Schedule::Replace;
        schedule.schedule = u"61 * * * *"_s;
        const models::BulkPlan bad
            = models::planBulkEdit({cron(u"c1"_s, u"0 9 * * *"_s)}, schedule, now);
        QVERIFY2(bad.rows.first().skipReason.startsWith(u"Schedule: "_s),
                 qPrintable(bad.rows.first().skipReason));
    }

    void pause_hasNoNextRunAfter_andSeveralFieldsComeInFormOrder()
    {
        BulkEdit edit;
        edit.enabled = false;
        edit.endTimeChange = BulkEdit::EndTime::Set;
        edit.endTime = QDateTime(QDate(2026, 12, 31), QTime(23, 0), Qt::UTC);
        edit.scheduleChange = BulkEdit::Schedule::Replace;
        edit.schedule = u"15 6 * * *"_s;
        const models::BulkPlan plan = models::planBulkEdit(
            {cron(u"c1"_s, u"0 9 * * *"_s), cron(u"c2"_s, u"15 6 * * *"_s)}, edit, now);
        QCOMPARE(plan.rows.size(), 2);
        QCOMPARE(plan.changeCount(), 2);
        QCOMPARE(
            fieldsOf(plan.rows.at(0)),
            (QList<DraftField> {DraftField::Schedule, DraftField::EndTime, DraftField::Enabled}));
        QCOMPARE(fieldsOf(plan.rows.at(1)),
                 (QList<DraftField> {DraftField::EndTime, DraftField::Enabled}));
        QVERIFY(plan.rows.at(0).nextRunBefore.isValid());
        QVERIFY(!plan.rows.at(0).nextRunAfter.isValid());
        QCOMPARE(plan.rows.at(0).patch.endTime, edit.endTime);
    }

    void multitaskStrategy_isSentForThreadCrons()
    {
        BulkEdit edit;
        edit.multitaskStrategy = u"reject"_s;
        const models::BulkPlan plan = models::planBulkEdit(
            {cron(u"c1"_s, u"0 9 * * *"_s,
                  {{"thread_id"_L1, "5c9cfc0e-2c4e-4bfb-a9ad-3e5e3c3c3c3c"_L1},
                   {"payload"_L1, QJsonObject {{"multitask_strategy"_L1, "enqueue"_L1}}}})},
            edit, now);
        const models::BulkRow &row = plan.rows.first();
        QVERIFY2(!row.isSkipped(), qPrintable(row.skipReason));
        QCOMPARE(row.patch.multitaskStrategy, u"reject"_s);
        QCOMPARE(fieldsOf(row), QList<DraftField> {DraftField::MultitaskStrategy});
    }
};

QTEST_GUILESS_MAIN(TestBulkEdit)
#include "tst_bulkedit.moc"
