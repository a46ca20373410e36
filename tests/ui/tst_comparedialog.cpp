// The Compare dialog: two snapshot files compared off the GUI thread, sections with counts,
// field-level before and after, the filter, both sides of the selected cron, export.
#include <models/compare/snapshot.h>
#include <ui/comparedialog.h>

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QJsonObject cron(const QString &id, const QString &schedule)
{
    return QJsonObject {{"cron_id"_L1, id},
                        {"assistant_id"_L1, u"a"_s},
                        {"schedule"_L1, schedule},
                        {"metadata"_L1, QJsonObject {{"name"_L1, id}}}};
}

} // namespace

class TestCompareDialog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_before;
    QString m_after;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        models::Snapshot before;
        before.takenAt = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
        before.crons = models::cronsFromJson({cron(u"keep"_s, u"0 1 * * *"_s),
                                              cron(u"edit"_s, u"0 2 * * *"_s),
                                              cron(u"gone"_s, u"0 3 * * *"_s)});
        models::Snapshot after = before;
        after.takenAt = before.takenAt.addDays(1);
        after.crons = models::cronsFromJson({cron(u"keep"_s, u"0 1 * * *"_s),
                                             cron(u"edit"_s, u"0 5 * * *"_s),
                                             cron(u"new"_s, u"0 4 * * *"_s)});
        m_before = m_dir.filePath(u"before.json"_s);
        m_after = m_dir.filePath(u"after.json"_s);
        QVERIFY(models::writeSnapshot(before, m_before));
        QVERIFY(models::writeSnapshot(after, m_after));
    }

    void compare_twoSnapshotFiles_showsEachSectionWithItsCount()
    {
        ui::CompareDialog dialog([] { return std::optional<models::Snapshot>(); }, {},
                                 models::ChangeJournal(m_dir.filePath(u"journal.jsonl"_s)));
        dialog.addSnapshotFile(m_before, true);
        dialog.addSnapshotFile(m_after, false);
        QSignalSpy compared(&dialog, &ui::CompareDialog::compared);
        dialog.compare();
        QVERIFY(compared.wait());
        const QStandardItemModel *model = dialog.resultModel();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->item(0)->text(), u"Added (1)"_s);
        QCOMPARE(model->item(0)->child(0)->text(), u"new"_s);
        QCOMPARE(model->item(1)->text(), u"Removed (1)"_s);
        QCOMPARE(model->item(2)->text(), u"Changed (1)"_s);
        const QStandardItem *edit = model->item(2)->child(0);
        QCOMPARE(edit->text(), u"edit"_s);
        QCOMPARE(edit->child(0, 0)->text(), u"schedule"_s);
        QCOMPARE(edit->child(0, 1)->text(), u"\"0 2 * * *\""_s);
        QCOMPARE(edit->child(0, 2)->text(), u"\"0 5 * * *\""_s);
        QVERIFY(dialog.summaryLabel()->text().contains(u"1 removed, 1 changed, 1 unchanged"_s));

        // Filtering keeps the sections that hold a match.
        dialog.filterEdit()->setText(u"0 5"_s);
        QTreeView *view = dialog.resultView();
        QCOMPARE(view->model()->rowCount(), 1);

        // The selected cron's two sides.
        const QModelIndex changed = view->model()->index(0, 0);
        view->setCurrentIndex(view->model()->index(0, 0, changed));
        QString before;
        QString after;
        for (const QPlainTextEdit *edit : dialog.findChildren<QPlainTextEdit *>()) {
            if (edit->accessibleName() == "The selected cron before"_L1)
                before = edit->toPlainText();
            else if (edit->accessibleName() == "The selected cron after"_L1)
                after = edit->toPlainText();
        }
        QVERIFY(before.contains(u"0 2 * * *"_s));
        QVERIFY(after.contains(u"0 5 * * *"_s));
    }

    void exportTo_followsTheSuffix_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("marker");
        QTest::newRow("markdown") << u"md"_s << QByteArray("## Changed (1)");
        QTest::newRow("html") << u"html"_s << QByteArray("<h2>Changed (1)</h2>");
        QTest::newRow("json") << u"json"_s << QByteArray("\"old_id\"");
    }

    void exportTo_followsTheSuffix()
    {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, marker);
        ui::CompareDialog dialog([] { return std::optional<models::Snapshot>(); }, {},
                                 models::ChangeJournal(m_dir.filePath(u"journal.jsonl"_s)));
        dialog.addSnapshotFile(m_before, true);
        dialog.addSnapshotFile(m_after, false);
        QSignalSpy compared(&dialog, &ui::CompareDialog::compared);
        dialog.compare();
        QVERIFY(compared.wait());
        const QString path = m_dir.filePath(u"report."_s + suffix);
        QVERIFY(dialog.exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains(marker));
    }

    void compare_withThisConnectionBeforeItLoaded_saysSo()
    {
        ui::CompareDialog dialog([] { return std::optional<models::Snapshot>(); }, {},
                                 models::ChangeJournal(m_dir.filePath(u"journal.jsonl"_s)));
        dialog.addSnapshotFile(m_before, true);
        dialog.afterCombo()->setCurrentIndex(0); // this connection now
        dialog.compare();
        QTRY_COMPARE(dialog.summaryLabel()->text(), u"This connection has not finished loading."_s);
        QVERIFY(!dialog.report());
    }
};

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
