// The Audit view, offscreen: findings grouped by rule with counts, the filters, a finding
// selecting its crons in the table, Acknowledge… saved in the profile's policy, the report
// exported by suffix, and the audit running off the GUI thread.
#include <models/audit/auditfindingsmodel.h>
#include <models/audit/auditpolicystore.h>
#include <models/audit/auditrunner.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <tests/audit/auditfixture.h>
#include <ui/auditacknowledgedialog.h>
#include <ui/auditview.h>
#include <ui/mainwindow.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::AuditFindingsModel;

namespace {

// A main window holding the fixture's crons as read at the fixture's instant, not connected.
std::unique_ptr<ui::MainWindow> windowWithFixture()
{
    auto window = std::make_unique<ui::MainWindow>();
    models::CronTableModel *model = window->cronModel();
    model->setNow(audittest::fixtureNow());
    QList<api::Cron> crons;
    for (const models::AuditCron &cron : audittest::fixtureInput().crons)
        crons.append(cron.cron);
    model->upsertCrons(crons, audittest::fixtureNow());
    return window;
}

// Runs the view's audit and waits for it.
bool audit(ui::AuditView *view)
{
    QSignalSpy finished(view, &ui::AuditView::finished);
    view->runAudit();
    return finished.wait(20000);
}

QModelIndex findingOf(const ui::AuditView *view, models::AuditRule rule)
{
    const QAbstractItemModel *model = view->treeView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex group = model->index(row, 0);
        if (group.data(AuditFindingsModel::RuleRole).toInt() == int(rule))
            return model->index(0, 0, group);
    }
    return {};
}

} // namespace

class TestAuditView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void audit_runsOffTheGuiThread_andGroupsFindingsByRule()
    {
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        QSignalSpy finished(view, &ui::AuditView::finished);
        view->runAudit();
        // Nothing is judged on the GUI thread: the call returns with the audit under way.
        QVERIFY(view->isRunning());
        QVERIFY(!view->findingsModel()->hasResult());
        QVERIFY(view->statusLabel()->text().startsWith(u"Auditing 30 cron"_s));
        QVERIFY(finished.wait(20000));
        QVERIFY(!view->isRunning());

        const models::AuditFindingsModel *model = view->findingsModel();
        const models::AuditResult &result = model->result();
        QCOMPARE(result.cronCount, 30);
        // One row per rule that found something, most serious first, each with its findings.
        int rules = 0;
        int previousSeverity = int(models::AuditSeverity::Error);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex group = model->index(row, 0);
            const auto rule = models::AuditRule(group.data(AuditFindingsModel::RuleRole).toInt());
            QVERIFY(group.data(AuditFindingsModel::IsRuleRole).toBool());
            QCOMPARE(model->rowCount(group), result.countOf(rule));
            QCOMPARE(group.siblingAtColumn(AuditFindingsModel::CountColumn).data().toInt(),
                     result.countOf(rule));
            const int severity = group.data(AuditFindingsModel::SeverityRole).toInt();
            QVERIFY(severity <= previousSeverity);
            previousSeverity = severity;
            for (int child = 0; child < model->rowCount(group); ++child)
                QCOMPARE(model->index(child, 0, group).data(AuditFindingsModel::RuleRole).toInt(),
                         int(rule));
            ++rules;
        }
        QSet<int> found;
        for (const models::AuditFinding &finding : result.findings)
            found.insert(int(finding.rule));
        QCOMPARE(rules, found.size());
        // Not connected: the server-state rules are not judged, and the view says so.
        QVERIFY(!found.contains(int(models::AuditRule::OrphanAssistant)));
        QVERIFY(view->statusLabel()->text().contains(u"Not evaluated: "_s));
        QVERIFY(view->statusLabel()->text().contains(u"orphan-assistant"_s));
        QCOMPARE(view->treeView()->model(), view->filterModel());
    }

    void runner_deliversOnTheOwnersThread()
    {
        models::AuditRunner runner;
        QThread *delivered = nullptr;
        connect(&runner, &models::AuditRunner::finished, this,
                [&delivered] { delivered = QThread::currentThread(); });
        QSignalSpy finished(&runner, &models::AuditRunner::finished);
        runner.start(audittest::fixtureInput(), audittest::fixturePolicy());
        QVERIFY(finished.wait(20000));
        QCOMPARE(delivered, QThread::currentThread());
        // A run superseded by a newer one is dropped: one result, the newer one's.
        finished.clear();
        models::AuditInput empty = audittest::fixtureInput();
        empty.crons.clear();
        runner.start(audittest::fixtureInput(), {});
        runner.start(empty, {});
        QVERIFY(finished.wait(20000));
        // Both runs are done by now; a late result of the first would be among the posted events.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<models::AuditResult>().cronCount, 0);
    }

    void filters_data()
    {
        QTest::addColumn<int>("severity"); // combo index
        QTest::addColumn<QString>("rule"); // empty: all
        QTest::addColumn<int>("acknowledged"); // combo index
        QTest::addColumn<int>("findings");
        QTest::addColumn<int>("rules");

        // Not connected, so without the two orphan rules: 16 findings, one per rule.
        QTest::newRow("everything") << 0 << QString() << 0 << 16 << 16;
        QTest::newRow("errors") << 1 << QString() << 0 << 4 << 4;
        QTest::newRow("notes") << 3 << QString() << 0 << 3 << 3;
        QTest::newRow("burst") << 0 << u"(burst)"_s << 0 << 1 << 1;
        QTest::newRow("burst, but errors") << 1 << u"(burst)"_s << 0 << 0 << 0;
        QTest::newRow("acknowledged") << 0 << QString() << 2 << 1 << 1;
        QTest::newRow("not acknowledged") << 0 << QString() << 1 << 15 << 15;
        QTest::newRow("paused, not acknowledged") << 0 << u"(paused)"_s << 1 << 0 << 0;
    }

    void filters()
    {
        QFETCH(int, severity);
        QFETCH(QString, rule);
        QFETCH(int, acknowledged);
        QFETCH(int, findings);
        QFETCH(int, rules);
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        // The fixture's policy: owner required, no-end-time on, the paused cron acknowledged.
        QTemporaryDir dir;
        const models::AuditPolicyStore store(dir.path());
        QVERIFY(store.save(u"prod"_s, audittest::fixturePolicy()));
        view->setPolicyProfile(u"prod"_s, dir.path());
        QVERIFY(audit(view));
        QCOMPARE(view->filterModel()->visibleFindingCount(), 16);

        view->severityFilter()->setCurrentIndex(severity);
        if (!rule.isEmpty())
            view->ruleFilter()->setCurrentIndex(
                view->ruleFilter()->findText(rule, Qt::MatchContains));
        view->acknowledgedFilter()->setCurrentIndex(acknowledged);
        const QAbstractItemModel *shown = view->treeView()->model();
        QCOMPARE(view->filterModel()->visibleFindingCount(), findings);
        QCOMPARE(shown->rowCount(), rules);
        // A rule row counts what the filters let through.
        int counted = 0;
        for (int row = 0; row < shown->rowCount(); ++row)
            counted += shown->index(row, AuditFindingsModel::CountColumn).data().toInt();
        QCOMPARE(counted, findings);
        if (findings != 16)
            QVERIFY(view->statusLabel()->text().contains(u"The filters show"_s));
    }

    void selectingAFinding_selectsItsCronInTheTable()
    {
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        QVERIFY(audit(view));
        const QModelIndex overdue = findingOf(view, models::AuditRule::Overdue);
        QVERIFY(overdue.isValid());
        const QString cronId = overdue.data(AuditFindingsModel::CronIdRole).toString();
        QVERIFY(!cronId.isEmpty());
        view->treeView()->setCurrentIndex(overdue);
        const QModelIndexList selected = window->tableView()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(models::CronTableModel::CronIdRole).toString(), cronId);
        QVERIFY(view->findChild<QLabel *>(u"auditFindingDetails"_s)
                    ->text()
                    .contains(u"Suggestion: "_s));

        // A burst names several crons: all of them are selected.
        const QModelIndex burst = findingOf(view, models::AuditRule::Burst);
        view->treeView()->setCurrentIndex(burst);
        QCOMPARE(window->tableView()->selectionModel()->selectedRows().size(), 12);
    }

    void acknowledge_isSavedInTheProfilesPolicy_andMarksTheFinding()
    {
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        QTemporaryDir dir;
        view->setPolicyProfile(u"prod"_s, dir.path());
        QVERIFY(audit(view));
        const QModelIndex overdue = findingOf(view, models::AuditRule::Overdue);
        const QString cronId = overdue.data(AuditFindingsModel::CronIdRole).toString();
        view->treeView()->setCurrentIndex(overdue);
        auto *button = view->findChild<QPushButton *>(u"acknowledgeButton"_s);
        QVERIFY(button->isEnabled());
        button->click();
        auto *dialog = view->findChild<ui::AuditAcknowledgeDialog *>();
        QVERIFY(dialog);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        // No reason, no acknowledgement.
        QVERIFY(!ok->isEnabled());
        QCOMPARE(dialog->untilEdit()->minimumDate(), QDate(2026, 3, 2));
        QTest::keyClicks(dialog->reasonEdit(), u"Migrating the scheduler this week."_s);
        QVERIFY(ok->isEnabled());
        dialog->untilEdit()->setDate(QDate(2026, 3, 8));
        QSignalSpy finished(view, &ui::AuditView::finished);
        ok->click();
        QVERIFY(finished.wait(20000));

        // Saved in the profile's policy file...
        const models::AuditPolicyReading saved
            = models::AuditPolicyStore(dir.path()).load(u"prod"_s);
        QVERIFY(saved.policy);
        QCOMPARE(saved.policy->acknowledgements.size(), 1);
        const models::AuditAcknowledgement &acknowledgement
            = saved.policy->acknowledgements.first();
        QCOMPARE(acknowledgement.rule, models::AuditRule::Overdue);
        QCOMPARE(acknowledgement.cronId, cronId);
        QCOMPARE(acknowledgement.reason, u"Migrating the scheduler this week."_s);
        QCOMPARE(acknowledgement.until,
                 QDateTime(QDate(2026, 3, 9), QTime(0, 0), QTimeZone::utc()));
        // ...and the finding is still listed, acknowledged, and stays the current one.
        const QModelIndex again = view->treeView()->currentIndex();
        QCOMPARE(again.data(AuditFindingsModel::CronIdRole).toString(), cronId);
        QVERIFY(again.data(AuditFindingsModel::AcknowledgedRole).toBool());
        QCOMPARE(view->findingsModel()->result().acknowledgedCount(), 1);
        QVERIFY(!button->isEnabled());
    }

    void exportReport_writesTheFormatItsSuffixNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("html") << u"audit.html"_s << QByteArray("<!DOCTYPE html>");
        QTest::newRow("markdown") << u"audit.md"_s << QByteArray("# Cron audit");
        QTest::newRow("pdf") << u"audit.pdf"_s << QByteArray("%PDF-");
    }

    void exportReport_writesTheFormatItsSuffixNames()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        QString error;
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        // Nothing to report before an audit.
        QVERIFY(!view->exportReport(path, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(audit(view));
        QVERIFY2(view->exportReport(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith(start));
    }

    void controls_areNamedAndReachableByKeyboard()
    {
        const auto window = windowWithFixture();
        ui::AuditView *view = window->auditView();
        const QList<QWidget *> controls {view->severityFilter(),
                                         view->ruleFilter(),
                                         view->acknowledgedFilter(),
                                         view->findChild<QPushButton *>(u"auditAgainButton"_s),
                                         view->findChild<QPushButton *>(u"acknowledgeButton"_s),
                                         view->findChild<QPushButton *>(u"exportReportButton"_s),
                                         view->findChild<QPushButton *>(u"printReportButton"_s),
                                         view->findChild<QToolButton *>(u"auditPolicyButton"_s),
                                         view->treeView()};
        for (QWidget *control : controls) {
            QVERIFY(control);
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
            QVERIFY2(control->focusPolicy() & Qt::TabFocus, qPrintable(control->objectName()));
        }
        // Tab walks the controls in reading order.
        for (qsizetype i = 0; i + 1 < controls.size(); ++i) {
            QWidget *next = controls.at(i)->nextInFocusChain();
            while (!(next->focusPolicy() & Qt::TabFocus))
                next = next->nextInFocusChain();
            QCOMPARE(next, controls.at(i + 1));
        }
        // View > Audit shows the dock, Ctrl+Shift+A.
        auto *toggle = window->findChild<QAction *>(u"auditPaneAction"_s);
        QVERIFY(toggle);
        QCOMPARE(toggle->shortcut(), QKeySequence(u"Ctrl+Shift+A"_s));
        QVERIFY(!window->auditDock()->isVisibleTo(window.get()));
    }
};

QTEST_MAIN(TestAuditView)
#include "tst_auditview.moc"
