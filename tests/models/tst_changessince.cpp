// Changes Since in the inventory: the comparison with a snapshot (models::changesSince) and the
// table model's roles that carry its answer to the view.
#include <models/compare/changessince.h>
#include <models/inventory/crontablemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QJsonObject cron(const QString &id, const QString &schedule = u"0 9 * * *"_s,
                 const QJsonObject &metadata = {})
{
    return QJsonObject {{"cron_id"_L1, id},
                        {"assistant_id"_L1, u"agent"_s},
                        {"schedule"_L1, schedule},
                        {"metadata"_L1, metadata},
                        {"payload"_L1, QJsonObject {{"input"_L1, QJsonObject {}}}}};
}

models::Snapshot snapshotOf(const QList<QJsonObject> &crons)
{
    models::Snapshot snapshot;
    snapshot.takenAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    snapshot.crons = models::cronsFromJson(crons);
    return snapshot;
}

using Kind = models::CronChangeSince::Kind;
using ChangeSince = models::CronTableModel::ChangeSince;

} // namespace

class TestChangesSince final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changesSince_addedChangedAndRemovedCrons_areEachReportedOnce()
    {
        const models::Snapshot before
            = snapshotOf({cron(u"keep"_s), cron(u"edit"_s, u"0 9 * * *"_s), cron(u"gone"_s),
                          cron(u"tag"_s, u"0 9 * * *"_s, {{"owner"_L1, u"ops"_s}})});
        const QList<api::Cron> now = models::cronsFromJson(
            {cron(u"keep"_s), cron(u"edit"_s, u"0 10 * * *"_s), cron(u"new"_s),
             cron(u"tag"_s, u"0 9 * * *"_s, {{"owner"_L1, u"marketing"_s}})});

        const models::ChangesSince changes = models::changesSince(before, now);

        QCOMPARE(changes.since, before.takenAt);
        QCOMPARE(changes.added, 1);
        QCOMPARE(changes.changed, 2);
        QCOMPARE(changes.byId.size(), 3);
        QVERIFY(!changes.byId.contains(u"keep"_s));
        QCOMPARE(changes.byId.value(u"new"_s).kind, Kind::Added);
        QCOMPARE(changes.byId.value(u"edit"_s).kind, Kind::Changed);
        QCOMPARE(changes.byId.value(u"edit"_s).fields.size(), 1);
        QCOMPARE(changes.byId.value(u"edit"_s).fields.first().field, u"schedule"_s);
        QCOMPARE(changes.byId.value(u"tag"_s).fields.first().field, u"metadata.owner"_s);
        QCOMPARE(changes.removed.size(), 1);
        QCOMPARE(changes.removed.first().value("cron_id"_L1).toString(), u"gone"_s);
    }

    void changesSince_theSameCrons_reportNothing()
    {
        const QList<QJsonObject> crons {cron(u"a"_s), cron(u"b"_s)};
        const models::ChangesSince changes
            = models::changesSince(snapshotOf(crons), models::cronsFromJson(crons));
        QVERIFY(changes.isEmpty());
        QVERIFY(models::changesSinceSummary(changes).startsWith(u"No changes since"_s));
    }

    void changeSinceText_ofAChangedCron_listsEachFieldBeforeAndAfter()
    {
        const models::ChangesSince changes
            = models::changesSince(snapshotOf({cron(u"edit"_s, u"0 9 * * *"_s)}),
                                   models::cronsFromJson({cron(u"edit"_s, u"0 10 * * *"_s)}));
        const QString text = models::changeSinceText(changes.byId.value(u"edit"_s), changes.since);
        QVERIFY2(text.startsWith(u"Changed since "_s), qPrintable(text));
        QVERIFY2(text.endsWith(u"\nschedule: \"0 9 * * *\" → \"0 10 * * *\""_s), qPrintable(text));
    }

    void summaryAndRemovedText_nameEveryCountAndTheRemovedIds()
    {
        const models::ChangesSince changes
            = models::changesSince(snapshotOf({cron(u"gone-1"_s), cron(u"gone-2"_s)}),
                                   models::cronsFromJson({cron(u"new"_s)}));
        const QString summary = models::changesSinceSummary(changes);
        QVERIFY2(summary.endsWith(u": 1 added, 0 changed, 2 removed."_s), qPrintable(summary));
        const QString removed = models::removedCronsText(changes, 1);
        QVERIFY(removed.contains(u"gone-1"_s));
        QVERIFY(!removed.contains(u"gone-2"_s));
        QVERIFY2(removed.endsWith(u"… and 1 more."_s), qPrintable(removed));
    }

    void setRowChanges_marksTheRowsByRoleInEveryColumn_andClearingUnmarksThem()
    {
        models::CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(models::cronsFromJson({cron(u"a"_s), cron(u"b"_s), cron(u"c"_s)}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setRowChanges({{u"a"_s, {ChangeSince::Added, u"Added since then."_s}},
                             {u"c"_s, {ChangeSince::Changed, u"schedule: 1 → 2"_s}}});

        QCOMPARE(changed.size(), 1);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(models::CronTableModel::ChangeSinceRole));
        auto kindAt = [&model](const QString &id, int column) {
            return ChangeSince(model.index(model.rowOf(id), column)
                                   .data(models::CronTableModel::ChangeSinceRole)
                                   .toInt());
        };
        for (int column = 0; column < model.columnCount(); ++column) {
            QCOMPARE(kindAt(u"a"_s, column), ChangeSince::Added);
            QCOMPARE(kindAt(u"b"_s, column), ChangeSince::None);
            QCOMPARE(kindAt(u"c"_s, column), ChangeSince::Changed);
        }
        const QModelIndex c = model.index(model.rowOf(u"c"_s), 0);
        QCOMPARE(c.data(models::CronTableModel::ChangeSinceTextRole).toString(),
                 u"schedule: 1 → 2"_s);
        QCOMPARE(c.data(Qt::AccessibleDescriptionRole).toString(), u"schedule: 1 → 2"_s);

        // A row that arrives later with a marked id is marked too: marks go by id, not row.
        model.removeCron(u"a"_s);
        model.upsertCrons(models::cronsFromJson({cron(u"a"_s)}));
        QCOMPARE(kindAt(u"a"_s, 1), ChangeSince::Added);

        model.setRowChanges({});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(kindAt(u"c"_s, 1), ChangeSince::None);
        QVERIFY(c.data(models::CronTableModel::ChangeSinceTextRole).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChangesSince)
#include "tst_changessince.moc"
