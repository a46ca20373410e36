// View ▸ Changes Since… against an in-process sandbox: a snapshot, then crons added, deleted and
// patched on the server; after a refresh exactly those rows are marked and the removed one is
// counted.
#include <models/compare/snapshot.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/changejournal.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/changessincecontroller.h>
#include <ui/mainwindow.h>
#include <ui/snapshotcontroller.h>

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using ChangeSince = models::CronTableModel::ChangeSince;

class TestChangesSince final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::SnapshotController *m_snapshots = nullptr;
    ui::ChangesSinceController *m_changes = nullptr;

    void open(int crons)
    {
        m_server = std::make_unique<sandbox::SandboxServer>(
            sandbox::SandboxServer::Options {.seedCount = crons, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_window = std::make_unique<ui::MainWindow>();
        m_snapshots = new ui::SnapshotController(
            m_window.get(), models::ChangeJournal(m_dir.filePath(u"journal.jsonl"_s)),
            m_dir.filePath(u"auto"_s));
        m_changes = new ui::ChangesSinceController(m_window.get(), m_snapshots);
        m_window->show();
        QSignalSpy loaded(m_window->repository(), &models::CronRepository::loadSucceeded);
        m_window->setDeployment(api::RequestFactory(m_server->baseUrl()), u"no API key"_s);
        QVERIFY(loaded.wait());
    }

    // The snapshot of what is loaded now, as a file.
    QString saveSnapshot(const QString &name)
    {
        const std::optional<models::Snapshot> snapshot = m_snapshots->currentSnapshot();
        if (!snapshot)
            return {};
        const QString path = m_dir.filePath(name);
        return models::writeSnapshot(*snapshot, path) ? path : QString();
    }

    QHash<QString, ChangeSince> marks() const
    {
        QHash<QString, ChangeSince> marks;
        const models::CronTableModel *model = m_window->cronModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, models::CronTableModel::ScheduleColumn);
            marks.insert(model->cronAt(row).cronId,
                         ChangeSince(index.data(models::CronTableModel::ChangeSinceRole).toInt()));
        }
        return marks;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"mainWindow"_s);
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void chooseAction_isInTheViewMenuWithAShortcut()
    {
        open(1);
        const auto *view = m_window->menuBar()->findChild<QMenu *>(u"viewMenu"_s);
        QVERIFY(view);
        QVERIFY(view->actions().contains(m_changes->chooseAction()));
        QVERIFY(view->actions().contains(m_changes->onlyChangedAction()));
        QCOMPARE(m_changes->chooseAction()->shortcut(), QKeySequence(u"Ctrl+Shift+D"_s));
        QVERIFY(!m_changes->onlyChangedAction()->isEnabled());
        QVERIFY(!m_changes->banner()->isVisibleTo(m_window.get()));
    }

    void changesSince_afterAddDeleteAndPatch_marksExactlyThoseRowsAfterRefresh()
    {
        open(6);
        const QString path = saveSnapshot(u"before.json"_s);
        QVERIFY(!path.isEmpty());
        const QStringList ids = marks().keys();
        QCOMPARE(ids.size(), 6);
        const QString deleted = ids.at(0);
        const QString patched = ids.at(1);
        QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + deleted).status, 204);
        QCOMPARE(m_server
                     ->handleLocally("PATCH", u"/runs/crons/"_s + patched,
                                     {{u"schedule"_s, u"17 5 * * *"_s}})
                     .status,
                 200);
        const QString added = m_server
                                  ->createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                                            {"schedule"_L1, "0 4 * * *"_L1}})
                                  .value("cron_id"_L1)
                                  .toString();
        QVERIFY(!added.isEmpty());

        QSignalSpy computed(m_changes, &ui::ChangesSinceController::computed);
        m_changes->showChangesSince(path);
        QVERIFY(computed.wait());
        // Nothing read since the snapshot: nothing to mark yet.
        QVERIFY(m_changes->changes()->isEmpty());
        for (const ChangeSince mark : marks())
            QCOMPARE(mark, ChangeSince::None);

        QSignalSpy loaded(m_window->repository(), &models::CronRepository::loadSucceeded);
        m_window->refresh();
        QVERIFY(loaded.wait());
        QTRY_COMPARE(computed.size(), 2);

        const QHash<QString, ChangeSince> now = marks();
        QCOMPARE(now.size(), 6);
        QVERIFY(!now.contains(deleted));
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            const ChangeSince expected = it.key() == added ? ChangeSince::Added
                : it.key() == patched                      ? ChangeSince::Changed
                                                           : ChangeSince::None;
            QCOMPARE(it.value(), expected);
        }
        const models::CronTableModel *model = m_window->cronModel();
        const QString text = model->index(model->rowOf(patched), 0)
                                 .data(models::CronTableModel::ChangeSinceTextRole)
                                 .toString();
        QVERIFY2(text.endsWith(u"→ \"17 5 * * *\""_s), qPrintable(text));
        QCOMPARE(m_changes->changes()->byId.value(patched).fields.size(), 1);
        QCOMPARE(m_changes->changes()->removed.size(), 1);
        QCOMPARE(m_changes->changes()->removed.first().value("cron_id"_L1).toString(), deleted);
        QVERIFY(m_changes->banner()->isVisibleTo(m_window.get()));
        const QString summary = m_changes->summaryLabel()->text();
        QVERIFY2(summary.endsWith(u": 1 added, 1 changed, 1 removed."_s), qPrintable(summary));
        QVERIFY(m_changes->summaryLabel()->toolTip().contains(deleted));

        // Only the marked rows, then all of them again.
        QVERIFY(m_changes->onlyChangedAction()->isEnabled());
        m_changes->onlyChangedAction()->trigger();
        QCOMPARE(m_window->proxyModel()->rowCount(), 2);
        m_changes->onlyChangedAction()->trigger();
        QCOMPARE(m_window->proxyModel()->rowCount(), 6);

        m_changes->clearAction()->trigger();
        QVERIFY(!m_changes->isActive());
        for (const ChangeSince mark : marks())
            QCOMPARE(mark, ChangeSince::None);
        QVERIFY(!m_changes->banner()->isVisibleTo(m_window.get()));
    }

    void changesSince_aCorruptSnapshot_saysSoAndStaysOff()
    {
        open(2);
        const QString path = m_dir.filePath(u"corrupt.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"crondesk-snapshot\", ");
        file.close();
        QSignalSpy failed(m_changes, &ui::ChangesSinceController::failed);
        m_changes->showChangesSince(path);
        QVERIFY(failed.wait());
        QVERIFY(failed.first().first().toString().contains(path));
        QVERIFY(!m_changes->isActive());
        QVERIFY(!m_changes->banner()->isVisibleTo(m_window.get()));
    }
};

QTEST_MAIN(TestChangesSince)
#include "tst_changessince.moc"
