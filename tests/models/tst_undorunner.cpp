// Undo and restore from the change journal, through CronRepository, against the sandbox.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <models/session/undorunner.h>
#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

class TestUndoRunner final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<api::ApiClient> m_someoneElse;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<models::JournalRecorder> m_recorder;
    std::unique_ptr<models::CronRepository> m_repository;

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }
    QList<models::JournalEntry> journal() const
    {
        return models::ChangeJournal(journalPath()).readAll();
    }

    void start()
    {
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_someoneElse = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_recorder = std::make_unique<models::JournalRecorder>(models::ChangeJournal(journalPath()),
                                                               u"crondesk"_s);
        m_recorder->setConnection(QString(), m_server->baseUrl().toString(), QString());
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        m_repository->setJournal(m_recorder.get());
        m_repository->setVerificationTiming(std::chrono::milliseconds(10),
                                            std::chrono::milliseconds(200));
    }

    QString createCron(const QJsonObject &body, const QString &threadId = {})
    {
        return m_server->createCron(body, threadId).value("cron_id"_L1).toString();
    }

    api::Cron serverCron(const QString &cronId)
    {
        auto *request = m_client->getCron(cronId);
        QSignalSpy done(request, &api::ApiRequest::finished);
        done.wait(10000);
        return request->result();
    }

    void reloadAndWait()
    {
        m_repository->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!m_repository->isLoading(), 20000);
    }

    // The next entry the recorder writes.
    models::JournalEntry awaitEntry()
    {
        QSignalSpy recorded(m_recorder.get(), &models::JournalRecorder::recorded);
        if (!recorded.wait(10000))
            return {};
        return recorded.first().first().value<models::JournalEntry>();
    }

    // A runner with the plan for `entry`, prepared.
    models::UndoRunner *prepared(const models::JournalEntry &entry)
    {
        models::UndoRunner *runner = m_repository->newUndoRunner(m_repository.get());
        QSignalSpy planned(runner, &models::UndoRunner::planned);
        runner->prepare(entry, journal());
        planned.wait(10000);
        return runner;
    }

    qsizetype writes() const
    {
        qsizetype count = 0;
        for (const sandbox::RecordedRequest &request : m_server->requests()) {
            if (request.method != "GET" && request.path.startsWith(u"/runs/crons"_s)
                && !request.path.endsWith(u"/search"_s) && !request.path.endsWith(u"/count"_s))
                ++count;
        }
        return count;
    }

    qsizetype undoEntriesFor(const QString &entryId) const
    {
        qsizetype count = 0;
        for (const models::JournalEntry &entry : journal())
            count += entry.undoes == entryId ? 1 : 0;
        return count;
    }

    // An update of `cronId`'s schedule to `schedule` through the session, and its journal entry.
    models::JournalEntry updateSchedule(const QString &cronId, const QString &schedule)
    {
        api::CronPatch patch;
        patch.schedule = schedule;
        m_repository->sendUpdate(cronId, patch, api::cronToJson(serverCron(cronId)));
        return awaitEntry();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void cleanup()
    {
        m_repository.reset();
        m_recorder.reset();
        m_model.reset();
        m_someoneElse.reset();
        m_client.reset();
        m_server.reset();
    }

    void update_thenUndo_restoresTheFieldsItChanged_andIsJournaledOnce()
    {
        start();
        const QString cronId = createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                                       {"schedule"_L1, "0 9 * * *"_L1},
                                                       {"timezone"_L1, "Europe/Berlin"_L1}});
        reloadAndWait();
        const models::JournalEntry update = updateSchedule(cronId, u"0 10 * * *"_s);
        QVERIFY(update.succeeded);
        QVERIFY(!update.id.isEmpty());
        QCOMPARE(serverCron(cronId).schedule, u"0 10 * * *"_s);

        models::UndoRunner *runner = prepared(update);
        QVERIFY2(runner->plan().isPossible(), qPrintable(runner->plan().refusal));
        QCOMPARE(runner->plan().patch.toJson(), (QJsonObject {{"schedule"_L1, "0 9 * * *"_L1}}));
        QSignalSpy succeeded(runner, &models::UndoRunner::succeeded);
        runner->execute();
        QVERIFY(succeeded.wait(10000));

        const api::Cron now = serverCron(cronId);
        QCOMPARE(now.schedule, u"0 9 * * *"_s);
        QCOMPARE(now.timezone, u"Europe/Berlin"_s);
        QCOMPARE(m_model->cronAt(m_model->rowOf(cronId)).schedule, u"0 9 * * *"_s);
        QCOMPARE(undoEntriesFor(update.id), 1);
        const models::JournalEntry undo = journal().last();
        QCOMPARE(undo.action, u"undo"_s);
        QCOMPARE(undo.cronId, cronId);
        QVERIFY(undo.succeeded);
        QCOMPARE(undo.request, QJsonValue(QJsonObject {{"schedule"_L1, "0 9 * * *"_L1}}));

        // Undone once: a second undo of the same entry is refused without a request.
        const qsizetype before = writes();
        models::UndoRunner *again = prepared(update);
        QVERIFY(!again->plan().isPossible());
        QVERIFY(again->plan().refusal.contains(u"already undone"_s));
        QCOMPARE(writes(), before);
    }

    void update_changedBysomeoneElseSince_isRefusedWithTheDiff_andNothingIsSent()
    {
        start();
        const QString cronId = createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 9 * * *"_L1}});
        const models::JournalEntry update = updateSchedule(cronId, u"0 10 * * *"_s);
        api::CronPatch theirs;
        theirs.schedule = u"0 11 * * *"_s;
        QSignalSpy changed(m_someoneElse->updateCron(cronId, theirs), &api::ApiRequest::finished);
        QVERIFY(changed.wait(10000));

        const qsizetype before = writes();
        models::UndoRunner *runner = prepared(update);
        QVERIFY(!runner->plan().isPossible());
        QCOMPARE(runner->plan().conflicts,
                 QStringList {u"schedule was changed since: the update set “0 10 * * *”, it is "
                              "now “0 11 * * *”."_s});
        QSignalSpy refused(runner, &models::UndoRunner::refused);
        runner->execute();
        QCOMPARE(refused.size(), 1);
        QCOMPARE(writes(), before);
        QCOMPARE(serverCron(cronId).schedule, u"0 11 * * *"_s);
        QCOMPARE(undoEntriesFor(update.id), 0);
    }

    void update_changedAfterThePlanWasConfirmed_isRefusedAtExecution()
    {
        start();
        const QString cronId = createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 9 * * *"_L1}});
        const models::JournalEntry update = updateSchedule(cronId, u"0 10 * * *"_s);
        models::UndoRunner *runner = prepared(update);
        QVERIFY(runner->plan().isPossible());
        api::CronPatch theirs;
        theirs.schedule = u"0 11 * * *"_s;
        QSignalSpy changed(m_someoneElse->updateCron(cronId, theirs), &api::ApiRequest::finished);
        QVERIFY(changed.wait(10000));

        const qsizetype before = writes();
        QSignalSpy refused(runner, &models::UndoRunner::refused);
        runner->execute();
        QVERIFY(refused.wait(10000));
        QVERIFY(refused.first().first().toString().contains(u"changed since"_s));
        QCOMPARE(writes(), before);
        QCOMPARE(serverCron(cronId).schedule, u"0 11 * * *"_s);
    }

    void pauseAndResume_areUndone()
    {
        start();
        const QString cronId = createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 9 * * *"_L1}});
        reloadAndWait();
        m_repository->setCronsEnabled({cronId}, false);
        const models::JournalEntry pause = awaitEntry();
        QCOMPARE(pause.action, u"pause"_s);
        QTRY_VERIFY(!m_model->cronAt(m_model->rowOf(cronId)).enabled);

        models::UndoRunner *undoPause = prepared(pause);
        QCOMPARE(undoPause->plan().kind, models::MutationKind::Resume);
        QSignalSpy resumed(undoPause, &models::UndoRunner::succeeded);
        undoPause->execute();
        QVERIFY(resumed.wait(10000));
        QVERIFY(serverCron(cronId).enabled);
        QVERIFY(m_model->cronAt(m_model->rowOf(cronId)).enabled);

        m_repository->setCronsEnabled({cronId}, false);
        QCOMPARE(awaitEntry().action, u"pause"_s);
        QTRY_VERIFY(!m_model->cronAt(m_model->rowOf(cronId)).enabled);
        m_repository->setCronsEnabled({cronId}, true);
        const models::JournalEntry resume = awaitEntry();
        QCOMPARE(resume.action, u"resume"_s);
        QTRY_VERIFY(m_model->cronAt(m_model->rowOf(cronId)).enabled);
        models::UndoRunner *undoResume = prepared(resume);
        QCOMPARE(undoResume->plan().kind, models::MutationKind::Pause);
        QSignalSpy paused(undoResume, &models::UndoRunner::succeeded);
        undoResume->execute();
        QVERIFY(paused.wait(10000));
        QVERIFY(!serverCron(cronId).enabled);
    }

    void delete_thenRestore_recreatesTheSameCronWithANewId_data()
    {
        QTest::addColumn<bool>("onThread");
        QTest::newRow("stateless") << false;
        QTest::newRow("thread") << true;
    }

    void delete_thenRestore_recreatesTheSameCronWithANewId()
    {
        QFETCH(bool, onThread);
        start();
        const QString threadId
            = onThread ? m_server->createThread().value("thread_id"_L1).toString() : QString();
        QJsonObject body {{"assistant_id"_L1, "agent"_L1},
                          {"schedule"_L1, "15 6 * * 1-5"_L1},
                          {"timezone"_L1, "America/New_York"_L1},
                          {"input"_L1, QJsonObject {{"messages"_L1, "hello"_L1}}},
                          {"metadata"_L1, QJsonObject {{"team"_L1, "billing"_L1}}},
                          {"webhook"_L1, "https://hook.example/done"_L1},
                          {"end_time"_L1, "2099-01-01T00:00:00+00:00"_L1},
                          {"enabled"_L1, false}};
        if (!onThread)
            body.insert("on_run_completed"_L1, "keep"_L1);
        const QString oldId = createCron(body, threadId);
        reloadAndWait();
        const api::Cron original = serverCron(oldId);
        m_repository->deleteCrons({oldId});
        const models::JournalEntry deletion = awaitEntry();
        QCOMPARE(deletion.action, u"delete"_s);
        QTRY_COMPARE(m_model->rowOf(oldId), -1);

        models::UndoRunner *runner = prepared(deletion);
        QVERIFY2(runner->plan().isPossible(), qPrintable(runner->plan().refusal));
        QCOMPARE(runner->plan().journalAction, u"restore"_s);
        QSignalSpy succeeded(runner, &models::UndoRunner::succeeded);
        runner->execute();
        QVERIFY(succeeded.wait(10000));

        QVERIFY(runner->resultCron());
        const QString newId = runner->resultCron()->cronId;
        QVERIFY(newId != oldId);
        QCOMPARE(succeeded.first().first().toString(),
                 u"Restored as a new cron %1; the old id %2 cannot be reused."_s.arg(newId, oldId));
        const api::Cron restored = serverCron(newId);
        QCOMPARE(restored.assistantId, original.assistantId);
        QCOMPARE(restored.threadId, original.threadId);
        QCOMPARE(restored.schedule, original.schedule);
        QCOMPARE(restored.timezone, original.timezone);
        QCOMPARE(restored.endTime, original.endTime);
        QCOMPARE(restored.enabled, false);
        QCOMPARE(restored.onRunCompleted, original.onRunCompleted);
        QCOMPARE(restored.metadata.value("team"_L1), QJsonValue(u"billing"_s));
        QCOMPARE(restored.payload.value("input"_L1), original.payload.value("input"_L1));
        QCOMPARE(restored.webhook(), u"https://hook.example/done"_s);
        QVERIFY(m_model->rowOf(newId) >= 0);

        const models::JournalEntry restore = journal().last();
        QCOMPARE(restore.action, u"restore"_s);
        QCOMPARE(restore.undoes, deletion.id);
        QCOMPARE(restore.cronId, newId);
        QCOMPARE(undoEntriesFor(deletion.id), 1);
    }

    void create_isUndoneByDeletingIt()
    {
        start();
        api::CronCreate create;
        create.assistantId = u"agent"_s;
        create.schedule = u"0 9 * * *"_s;
        m_repository->sendCreate(create, QString());
        const models::JournalEntry created = awaitEntry();
        QVERIFY(created.succeeded);
        reloadAndWait();
        models::UndoRunner *runner = prepared(created);
        QVERIFY2(runner->plan().isPossible(), qPrintable(runner->plan().refusal));
        QSignalSpy succeeded(runner, &models::UndoRunner::succeeded);
        runner->execute();
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(m_model->rowOf(created.cronId), -1);
        auto *request = m_client->getCron(created.cronId);
        QSignalSpy failed(request, &api::ApiRequest::failed);
        QVERIFY(failed.wait(10000));
    }

    void readOnlyProfile_refusesTheUndoBeforeSendingAnything()
    {
        start();
        const QString cronId = createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, "0 9 * * *"_L1}});
        const models::JournalEntry update = updateSchedule(cronId, u"0 10 * * *"_s);
        models::ConnectionProfile profile;
        profile.name = u"audit"_s;
        profile.readOnly = true;
        m_repository->setProfile(profile);
        models::UndoRunner *runner = prepared(update);
        QVERIFY(runner->plan().isPossible());
        QVERIFY(runner->decision().isRefused());
        m_server->clearRequests();
        QSignalSpy refused(runner, &models::UndoRunner::refused);
        runner->execute();
        QCOMPARE(refused.size(), 1);
        QVERIFY(refused.first().first().toString().contains(u"read-only"_s));
        QVERIFY(m_server->requests().isEmpty());
        QCOMPARE(undoEntriesFor(update.id), 0);
    }
};

QTEST_GUILESS_MAIN(TestUndoRunner)
#include "tst_undorunner.moc"
