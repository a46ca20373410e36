// The journal view's Undo…/Restore…: enabled for undoable entries with a session, the plan in an
// UndoDialog (field by field, or the refusal with its diff), the typed name on production, and
// the undo carried out through the session against the sandbox.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalmodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/journalview.h>
#include <ui/undodialog.h>

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

class TestJournalView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<models::JournalRecorder> m_recorder;
    std::unique_ptr<models::CronRepository> m_repository;
    std::unique_ptr<ui::JournalView> m_view;
    QString m_cronId;

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }

    api::Cron serverCron()
    {
        auto *request = m_client->getCron(m_cronId);
        QSignalSpy done(request, &api::ApiRequest::finished);
        done.wait(10000);
        return request->result();
    }

    void patchSchedule(const QString &schedule, bool journaled)
    {
        api::CronPatch patch;
        patch.schedule = schedule;
        if (journaled) {
            QSignalSpy recorded(m_recorder.get(), &models::JournalRecorder::recorded);
            m_repository->sendUpdate(m_cronId, patch, api::cronToJson(serverCron()));
            QVERIFY(recorded.wait(10000));
        } else {
            QSignalSpy done(m_client->updateCron(m_cronId, patch), &api::ApiRequest::finished);
            QVERIFY(done.wait(10000));
        }
    }

    // The session, a cron whose schedule an update changed from "0 9 * * *" to "0 10 * * *",
    // and the journal window with the update selected.
    void start(const std::optional<models::ConnectionProfile> &profile = std::nullopt)
    {
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_recorder = std::make_unique<models::JournalRecorder>(models::ChangeJournal(journalPath()),
                                                               u"crondesk"_s);
        m_recorder->setConnection(QString(), m_server->baseUrl().toString(), QString());
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        m_repository->setJournal(m_recorder.get());
        m_repository->setProfile(profile);
        m_cronId = m_server
                       ->createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                                 {"schedule"_L1, "0 9 * * *"_L1}})
                       .value("cron_id"_L1)
                       .toString();
        patchSchedule(u"0 10 * * *"_s, true);
        m_view = std::make_unique<ui::JournalView>(models::ChangeJournal(journalPath()));
        m_view->setUndoSession(m_repository.get(), u"the local sandbox"_s);
        // As ConnectionController wires the window: entries recorded now appear at once.
        connect(m_recorder.get(), &models::JournalRecorder::recorded, m_view.get(),
                &ui::JournalView::addEntry);
        m_view->show();
        m_view->tableView()->setCurrentIndex(m_view->tableView()->model()->index(0, 0));
    }

    ui::UndoDialog *openUndo()
    {
        m_view->undoAction()->trigger();
        ui::UndoDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = m_view->findChild<ui::UndoDialog *>()) != nullptr); }();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void cleanup()
    {
        m_view.reset();
        m_repository.reset();
        m_recorder.reset();
        m_model.reset();
        m_client.reset();
        m_server.reset();
    }

    void undo_isDisabledWithoutASession_andForAFailedEntry()
    {
        models::JournalEntry failed;
        failed.time = QDateTime::currentDateTimeUtc();
        failed.action = u"update"_s;
        failed.cronId = u"c1"_s;
        QVERIFY(models::ChangeJournal(journalPath()).append(failed));
        ui::JournalView view {models::ChangeJournal(journalPath())};
        view.tableView()->setCurrentIndex(view.tableView()->model()->index(0, 0));
        QVERIFY(!view.undoAction()->isEnabled());
        QVERIFY(!view.undoButton()->isEnabled());
        QCOMPARE(view.undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
        QVERIFY(!view.undoButton()->accessibleName().isEmpty());
        QVERIFY(view.tableView()->actions().contains(view.undoAction())); // the context menu
        QFile::remove(journalPath());
    }

    void undo_showsThePlanFieldByField_andCarriesItOutThroughTheSession()
    {
        start();
        QVERIFY(m_view->undoButton()->isEnabled());
        QCOMPARE(m_view->undoButton()->text(), u"&Undo…"_s);
        ui::UndoDialog *dialog = openUndo();
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(dialog->table()->item(0, 0)->text(), u"schedule"_s);
        QCOMPARE(dialog->table()->item(0, 1)->text(), u"0 10 * * *"_s);
        QCOMPARE(dialog->table()->item(0, 2)->text(), u"0 9 * * *"_s);
        QVERIFY(dialog->confirmButton());
        QVERIFY(!dialog->confirmButton()->isDefault()); // Enter cancels
        QVERIFY(!dialog->phraseEdit());
        dialog->confirmButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(serverCron().schedule, u"0 9 * * *"_s, 10000);
        QTRY_VERIFY(m_view->findChild<QMessageBox *>(u"undoOutcome"_s));
        // The undo is in the journal window too, and it names what it undid.
        QTRY_COMPARE(m_view->model()->rowCount(), 2);
        QCOMPARE(m_view->model()->entries().last().action, u"undo"_s);
        QCOMPARE(m_view->model()->entries().last().undoes, m_view->model()->entries().first().id);
    }

    void undo_ofACronChangedSince_showsTheDiff_andOffersOnlyClose()
    {
        start();
        patchSchedule(u"0 11 * * *"_s, false);
        ui::UndoDialog *dialog = openUndo();
        QVERIFY(dialog);
        QVERIFY(!dialog->confirmButton());
        QCOMPARE(dialog->windowTitle(), u"Undo Not Possible"_s);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(dialog->table()->item(0, 0)->text(),
                 u"schedule was changed since: the update set “0 10 * * *”, it is now "
                 "“0 11 * * *”."_s);
        QVERIFY(dialog->summaryLabel()->text().contains(u"was changed since this update"_s));
    }

    void undo_onProduction_needsTheProfileNameTyped()
    {
        models::ConnectionProfile production;
        production.name = u"Acme Prod"_s;
        production.environment = u"production"_s;
        start(production);
        ui::UndoDialog *dialog = openUndo();
        QVERIFY(dialog);
        QVERIFY(dialog->phraseEdit());
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTest::keyClicks(dialog->phraseEdit(), u"Acme"_s);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTest::keyClicks(dialog->phraseEdit(), u" Prod"_s);
        QVERIFY(dialog->confirmButton()->isEnabled());
    }
};

QTEST_MAIN(TestJournalView)
#include "tst_journalview.moc"
