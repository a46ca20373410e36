// CronRepository feeding a CronTableModel from the sandbox over loopback.
#include <models/api/apiclient.h>
#include <models/editor/crondraft.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <models/session/cronsubmitter.h>
#include <models/session/runstarter.h>
#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

namespace {

QDateTime at(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 3, 1), QTime(hour, minute, second), Qt::UTC);
}

} // namespace

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

    // A sandbox on a manual clock at 10:00 (the scheduler fires only when the test moves it) and
    // a repository whose clock the test sets too: the client's and the server's time apart.
    std::unique_ptr<sandbox::ManualClock> m_serverClock;
    QDateTime m_clientNow;

    void startAt(bool scheduler, const QString &serverVersion = u"0.12.0"_s)
    {
        m_serverClock = std::make_unique<sandbox::ManualClock>(at(10, 0));
        SandboxServer::Options options;
        options.clock = m_serverClock.get();
        options.scheduler = scheduler;
        options.schedulerInterval = std::chrono::hours(1);
        options.serverVersion = serverVersion;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        m_repository->setClock([this] { return m_clientNow; });
        setClientNow(at(10, 0, 1));
    }

    void setClientNow(const QDateTime &now)
    {
        m_clientNow = now;
        m_model->setNow(now);
    }

    QString createCron(const QString &schedule, const QString &threadId = {})
    {
        const QJsonObject cron = m_server->createCron(
            QJsonObject {{"assistant_id"_L1, "agent"_L1}, {"schedule"_L1, schedule}}, threadId);
        return cron.value("cron_id"_L1).toString();
    }

    // Runs one due check and waits until every re-read it started has answered.
    void checkDueAndWait()
    {
        QSignalSpy settled(m_repository.get(), &models::CronRepository::rereadsSettled);
        m_repository->checkDue();
        if (m_repository->rereadsPending() > 0)
            QVERIFY(settled.wait(10000));
    }

    QList<sandbox::RecordedRequest> cronRequests() const
    {
        QList<sandbox::RecordedRequest> requests;
        for (const sandbox::RecordedRequest &request : m_server->requests()) {
            if (request.path.startsWith(u"/runs/crons"_s))
                requests.append(request);
        }
        return requests;
    }

    models::HealthFlags healthOf(const QString &cronId) const
    {
        return m_model->healthAt(m_model->rowOf(cronId));
    }

    // Sends one change of `action` to `cron` through the entry point the app uses for it.
    void mutate(const QString &action, const api::Cron &cron)
    {
        if (action == "pause"_L1 || action == "resume"_L1)
            m_repository->setCronsEnabled({cron.cronId}, action == "resume"_L1);
        else if (action == "run"_L1)
            m_repository->startRun(cron, false); // "Run now" (issue 17)
        else if (action == "delete"_L1)
            m_repository->deleteCrons({cron.cronId});
        else
            submitEditor(
                m_repository->newEditorSubmitter(api::cronToJson(cron), m_repository.get()), action,
                cron);
    }

    static void submitEditor(models::CronSubmitter *submitter, const QString &action,
                             const api::Cron &cron)
    {
        const models::CronDraft original = models::CronDraft::fromCron(cron);
        models::CronDraft edited = original;
        edited.schedule = u"7 7 * * *"_s;
        if (action == "create"_L1)
            submitter->create(edited.withoutCorrelationKey());
        else
            submitter->update(cron.cronId, original, edited);
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
        m_serverClock.reset();
    }

    void reload_stampsRowsWithTheTimeTheirPageArrived()
    {
        startAt(false);
        createCron(u"0 11 * * *"_s);
        setClientNow(at(10, 0, 7));
        reloadAndWait();
        QCOMPARE(m_model->readAt(0), at(10, 0, 7));
        QCOMPARE(m_repository->lastLoaded(), at(10, 0, 7));
    }

    void checkDue_rereadsOnlyTheDueCronById_andOneThatFiredIsHealthy()
    {
        startAt(true);
        const QString later = createCron(u"0 11 * * *"_s);
        const QString due = createCron(u"30 10 * * *"_s);
        reloadAndWait();
        // The server fires it at 10:30:02 and moves it on; the table read it at 10:00:01.
        m_serverClock->setNow(at(10, 30, 2));
        setClientNow(at(10, 30, 3));
        QCOMPARE(healthOf(due), models::HealthFlags(models::HealthFlag::Due));
        m_server->clearRequests();
        // The scheduler gets its poll before anyone asks.
        m_repository->checkDue();
        QCOMPARE(m_repository->rereadsPending(), 0);

        setClientNow(at(10, 30, 6));
        checkDueAndWait();
        const QList<sandbox::RecordedRequest> sent = cronRequests();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().method, QByteArray("GET"));
        QCOMPARE(sent.first().path, u"/runs/crons/"_s + due);
        QCOMPARE(healthOf(due), models::HealthFlags());
        QCOMPARE(m_model->cronAt(m_model->rowOf(due)).nextRunDate,
                 QDateTime(QDate(2026, 3, 2), QTime(10, 30), Qt::UTC));
        QCOMPARE(m_model->readAt(m_model->rowOf(due)), at(10, 30, 6));
        QCOMPARE(m_model->readAt(m_model->rowOf(later)), at(10, 0, 1));
    }

    void checkDue_serverThatHasNotFired_isOverdueOnlyWhenItsOwnAnswerIsPastTheGrace()
    {
        startAt(false);
        const QString due = createCron(u"30 10 * * *"_s);
        reloadAndWait();
        setClientNow(at(10, 30, 6));
        checkDueAndWait();
        // Read 6 s after it was due and not moved on: the scheduler may still be at it.
        QCOMPARE(healthOf(due), models::HealthFlags(models::HealthFlag::Due));
        m_server->clearRequests();
        setClientNow(at(10, 30, 12));
        m_repository->checkDue(); // not again so soon
        QCOMPARE(m_repository->rereadsPending(), 0);
        setClientNow(at(10, 30, 40));
        checkDueAndWait();
        QCOMPARE(cronRequests().size(), 1);
        QCOMPARE(healthOf(due), models::HealthFlags(models::HealthFlag::Overdue));
        QVERIFY(m_model->healthLines(m_model->rowOf(due)).first().contains(u"when read at"_s));
        // Settled: not asked again.
        setClientNow(at(10, 35));
        m_repository->checkDue();
        QCOMPARE(m_repository->rereadsPending(), 0);
    }

    void checkDue_keepsAtMostFourReadsInFlight()
    {
        startAt(false);
        QStringList ids;
        for (int i = 0; i < 10; ++i)
            ids.append(createCron(u"30 10 * * *"_s));
        reloadAndWait();
        sandbox::FaultRule slow;
        slow.method = "GET";
        slow.delayMs = 100;
        m_server->addFault(slow);
        m_server->clearRequests();
        setClientNow(at(10, 30, 6));
        QSignalSpy settled(m_repository.get(), &models::CronRepository::rereadsSettled);
        int mostInFlight = 0;
        connect(m_server.get(), &SandboxServer::requestReceived, this,
                [&] { mostInFlight = std::max(mostInFlight, m_repository->rereadsInFlight()); });
        m_repository->checkDue();
        QCOMPARE(m_repository->rereadsPending(), 10);
        QCOMPARE(m_repository->rereadsInFlight(), models::CronRepository::maxRereadsInFlight);
        QVERIFY(settled.wait(20000));
        QCOMPARE(mostInFlight, models::CronRepository::maxRereadsInFlight);
        QCOMPARE(cronRequests().size(), 10);
        for (const QString &id : std::as_const(ids))
            QCOMPARE(m_server->requestLog().matching("GET", u"/runs/crons/"_s + id).size(), 1);
    }

    void checkDue_manyDue_reloadsOnceInsteadOfReadingEach()
    {
        startAt(false);
        for (int i = 0; i <= models::CronRepository::maxTargetedRereads; ++i)
            createCron(u"30 10 * * *"_s);
        reloadAndWait();
        m_server->clearRequests();
        setClientNow(at(10, 30, 6));
        QSignalSpy succeeded(m_repository.get(), &models::CronRepository::loadSucceeded);
        m_repository->checkDue();
        QVERIFY(m_repository->isLoading());
        QVERIFY(succeeded.wait(20000));
        QCOMPARE(m_repository->rereadsPending(), 0);
        for (const sandbox::RecordedRequest &request : cronRequests())
            QVERIFY2(request.method == "POST", qPrintable(request.path));
        QCOMPARE(m_model->readAt(0), at(10, 30, 6));
    }

    void checkDue_cronDeletedElsewhere_leavesTheTable()
    {
        startAt(false);
        const QString due = createCron(u"30 10 * * *"_s);
        const QString other = createCron(u"0 11 * * *"_s);
        reloadAndWait();
        QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + due).status, 204);
        setClientNow(at(10, 30, 6));
        checkDueAndWait();
        QCOMPARE(m_model->rowOf(due), -1);
        QVERIFY(m_model->rowOf(other) >= 0);
    }

    void checkDue_withoutGetById_searchesOnlyTheCronsThreadOrAssistant()
    {
        startAt(true, u"0.9.0"_s);
        QSignalSpy probed(m_repository.get(), &models::CronRepository::capabilitiesChanged);
        m_repository->probe();
        QVERIFY(probed.wait(10000));
        QVERIFY(!m_repository->capabilities().supportsGetById);
        const QString thread
            = m_server->createThread({{u"name"_s, u"T"_s}}).value("thread_id"_L1).toString();
        const QString threadCron = createCron(u"30 10 * * *"_s, thread);
        const QString stateless = createCron(u"30 10 * * *"_s);
        createCron(u"0 11 * * *"_s);
        reloadAndWait();
        m_serverClock->setNow(at(10, 30, 2)); // fires both
        m_server->clearRequests();
        setClientNow(at(10, 30, 6));
        checkDueAndWait();

        const QList<sandbox::RecordedRequest> sent = cronRequests();
        QCOMPARE(sent.size(), 2);
        QJsonObject byThread;
        QJsonObject byAssistant;
        for (const sandbox::RecordedRequest &request : sent) {
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.path, u"/runs/crons/search"_s);
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            (body.contains("thread_id"_L1) ? byThread : byAssistant) = body;
        }
        QCOMPARE(byThread.value("thread_id"_L1).toString(), thread);
        QVERIFY(!byThread.contains("assistant_id"_L1));
        QCOMPARE(byAssistant.value("assistant_id"_L1).toString(),
                 m_model->cronAt(m_model->rowOf(stateless)).assistantId);
        QCOMPARE(byAssistant.value("enabled"_L1), QJsonValue(true));
        QCOMPARE(byAssistant.value("sort_by"_L1).toString(), u"next_run_date"_s);
        QCOMPARE(byAssistant.value("sort_order"_L1).toString(), u"asc"_s);
        QCOMPARE(healthOf(threadCron), models::HealthFlags());
        QCOMPARE(healthOf(stateless), models::HealthFlags());

        // Gone from its thread: only a reload can say what became of it, and one does.
        QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + threadCron).status, 204);
        m_serverClock->setNow(QDateTime(QDate(2026, 3, 2), QTime(10, 30, 2), Qt::UTC));
        setClientNow(QDateTime(QDate(2026, 3, 2), QTime(10, 30, 6), Qt::UTC));
        QSignalSpy loaded(m_repository.get(), &models::CronRepository::loadSucceeded);
        checkDueAndWait();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->rowOf(threadCron), -1);
    }

    void reload_onEmptyTable_showsRowsPageByPage()
    {
        start(2100);
        // The pages come a good while apart (the first at once, the next after 0.4 s, the last
        // after 0.8 s), so each is shown on its own; pages ready together would be shown together.
        for (const int delayMs : {0, 400, 800}) {
            sandbox::FaultRule slow;
            slow.method = "POST";
            slow.path = u"/runs/crons/search"_s;
            slow.delayMs = delayMs;
            slow.times = 1;
            m_server->addFault(slow);
        }
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

    void reload_onEmptyTable_hasEveryRowInWhenItSaysItSucceeded()
    {
        // The pages are prepared off the GUI thread; the load ends only once the last is shown.
        start(2100);
        int rowsAtSuccess = -1;
        bool loadingAtSuccess = true;
        connect(m_repository.get(), &models::CronRepository::loadSucceeded, this, [&] {
            rowsAtSuccess = m_model->rowCount();
            loadingAtSuccess = m_repository->isLoading();
        });
        reloadAndWait();
        QCOMPARE(rowsAtSuccess, 2100);
        QVERIFY(!loadingAtSuccess);
        QCOMPARE(m_model->webhookAt(0), m_model->cronAt(0).webhook());
    }

    void cancelLoad_withPagesStillBeingPrepared_endsTheLoadAndLeavesNothingBehind()
    {
        // What switching deployments does: cancel, clear the table, load the other one. Pages
        // of the first load that were read but not yet shown must not land in the cleared table.
        start(5000);
        QSignalSpy failed(m_repository.get(), &models::CronRepository::loadFailed);
        // The first page is shown at once; the ones read within the next 100 ms wait. Canceled
        // as the second page is read (waiting for it from here instead, a fast machine had read
        // and shown every page before the wait saw the second).
        bool canceled = false;
        connect(m_repository.get(), &models::CronRepository::loadProgress, this,
                [&](qint64 fetched, qint64 total) {
                    if (!canceled && fetched >= 2000 && fetched < total) {
                        canceled = true;
                        m_repository->cancelLoad();
                    }
                });
        m_repository->reload();
        QTRY_VERIFY_WITH_TIMEOUT(canceled, 20000);
        QVERIFY(!m_repository->isLoading());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, api::ApiError::Kind::Canceled);
        m_model->clear();
        QTest::qWait(400);
        QCOMPARE(m_model->rowCount(), 0);

        // And the next load runs (it is not refused as "already loading") and is complete.
        reloadAndWait();
        QCOMPARE(m_model->rowCount(), 5000);
    }

    void deleteCrons_duringAFirstLoad_theCronDoesNotComeBackWithALaterPage()
    {
        start(3000);
        // A cron of the second page (sorted oldest first, as the fetch reads them).
        const sandbox::HttpResponse second = m_server->handleLocally(
            "POST", u"/runs/crons/search"_s,
            QJsonObject {{"limit"_L1, 1}, {"offset"_L1, 1500}, {"sort_by"_L1, "created_at"_L1}});
        QCOMPARE(second.status, 200);
        const QString doomed = QJsonDocument::fromJson(second.body)
                                   .array()
                                   .at(0)
                                   .toObject()
                                   .value("cron_id"_L1)
                                   .toString();
        QVERIFY(!doomed.isEmpty());
        // Deleted as soon as the first rows are shown: its page has most likely been read by
        // then but is shown later.
        QSignalSpy deleted(m_repository.get(), &models::CronRepository::deleted);
        bool asked = false;
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, [&] {
            if (!asked) {
                asked = true;
                m_repository->deleteCrons({doomed});
            }
        });
        reloadAndWait();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 1, 10000);
        QCOMPARE(m_model->rowOf(doomed), -1);
        QCOMPARE(m_model->rowCount(), 2999);
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

    // The id of the cron at `offset` in the order a fetch reads them (oldest first).
    QString cronIdAtOffset(int offset) const
    {
        const sandbox::HttpResponse page
            = m_server->handleLocally("POST", u"/runs/crons/search"_s,
                                      QJsonObject {{"limit"_L1, 1},
                                                   {"offset"_L1, offset},
                                                   {"sort_by"_L1, "created_at"_L1},
                                                   {"sort_order"_L1, "asc"_L1}});
        return QJsonDocument::fromJson(page.body)
            .array()
            .at(0)
            .toObject()
            .value("cron_id"_L1)
            .toString();
    }

    // After a first load of 2,100 crons: one of the first page paused on the server, one of the
    // last page deleted there. Returns {paused, deleted}.
    std::pair<QString, QString> changeTheFirstAndLastPagesOnTheServer()
    {
        // An enabled one among the oldest (the seed pauses some).
        QString paused;
        const sandbox::HttpResponse oldest = m_server->handleLocally(
            "POST", u"/runs/crons/search"_s,
            QJsonObject {
                {"limit"_L1, 100}, {"sort_by"_L1, "created_at"_L1}, {"sort_order"_L1, "asc"_L1}});
        for (const QJsonValue &cron : QJsonDocument::fromJson(oldest.body).array()) {
            if (cron["enabled"_L1].toBool()) {
                paused = cron["cron_id"_L1].toString();
                break;
            }
        }
        const QString deleted = cronIdAtOffset(2050);
        if (paused.isEmpty() || deleted.isEmpty())
            return {};
        const int patched = m_server
                                ->handleLocally("PATCH", u"/runs/crons/"_s + paused,
                                                QJsonObject {{"enabled"_L1, false}})
                                .status;
        const int removed = m_server->handleLocally("DELETE", u"/runs/crons/"_s + deleted).status;
        if (patched != 200 || removed != 204)
            return {};
        return {paused, deleted};
    }

    // The next fetch's first page request is answered as usual, every later one by `later`.
    void answerLaterPagesWith(sandbox::FaultRule later)
    {
        sandbox::FaultRule first;
        first.method = "POST";
        first.path = u"/runs/crons/search"_s;
        first.times = 1;
        m_server->addFault(first);
        later.method = first.method;
        later.path = first.path;
        later.times = -1;
        m_server->addFault(later);
    }

    void reload_ontoRows_mergesEachPageAsItIsRead_andRemovesOnlyAtTheEnd()
    {
        // A refresh holds the page at hand, not a second copy of the deployment: each page
        // updates its rows when it is read; rows the listing does not find go at its end.
        start(2100);
        reloadAndWait();
        QCOMPARE(m_model->rowCount(), 2100);
        const auto [paused, deleted] = changeTheFirstAndLastPagesOnTheServer();
        QVERIFY(!paused.isEmpty());
        QVERIFY(m_model->cronAt(m_model->rowOf(paused)).enabled);
        // The first page at once, the others well after it.
        sandbox::FaultRule later;
        later.delayMs = 500;
        answerLaterPagesWith(later);

        bool sawAPartialListing = false;
        bool pausedShownEarly = false;
        bool deletedStillShown = false;
        connect(m_repository.get(), &models::CronRepository::loadProgress, this,
                [&](qint64 fetched, qint64 total) {
                    if (sawAPartialListing || fetched == 0 || fetched >= total)
                        return;
                    sawAPartialListing = true;
                    pausedShownEarly = !m_model->cronAt(m_model->rowOf(paused)).enabled;
                    deletedStillShown = m_model->rowOf(deleted) >= 0;
                });
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        reloadAndWait();
        QVERIFY(sawAPartialListing);
        QVERIFY(pausedShownEarly);
        QVERIFY(deletedStillShown);
        QCOMPARE(m_model->rowOf(deleted), -1);
        QCOMPARE(m_model->rowCount(), 2099);
        QCOMPARE(reset.size(), 0);
    }

    void reload_ontoRows_failingHalfWay_removesNothing_andKeepsWhatItRead()
    {
        start(2100);
        reloadAndWait();
        const auto [paused, deleted] = changeTheFirstAndLastPagesOnTheServer();
        QVERIFY(!paused.isEmpty());
        sandbox::FaultRule refused;
        refused.action = sandbox::FaultRule::Action::Status;
        refused.status = 400;
        refused.delayMs = 1000; // after the first page has been read and merged
        answerLaterPagesWith(refused);

        QSignalSpy failed(m_repository.get(), &models::CronRepository::loadFailed);
        m_repository->reload();
        QVERIFY(failed.wait(15000));
        QTRY_VERIFY(!m_repository->isLoading());
        // An incomplete listing is no evidence that a row is gone ...
        QCOMPARE(m_model->rowCount(), 2100);
        QVERIFY(m_model->rowOf(deleted) >= 0);
        // ... but the page it did read is the server's word on those rows.
        QVERIFY(!m_model->cronAt(m_model->rowOf(paused)).enabled);

        // The next reload, complete, is a merge of its own.
        m_server->clearFaults();
        reloadAndWait();
        QCOMPARE(m_model->rowOf(deleted), -1);
        QCOMPARE(m_model->rowCount(), 2099);
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

    // The one write path: every kind of change goes through the session, which journals it
    // once (the editor's create and update through the submitter it hands out; pause, resume
    // and delete from the table's actions) and shows the server's version in the table.
    void everyEntryPoint_journalsItsMutationExactlyOnce_data()
    {
        QTest::addColumn<QString>("action");
        for (const char *action : {"create", "update", "pause", "resume", "delete", "run"})
            QTest::newRow(action) << QString::fromLatin1(action);
    }
    void everyEntryPoint_journalsItsMutationExactlyOnce()
    {
        QFETCH(QString, action);
        start(3);
        reloadAndWait();
        QTemporaryDir dir;
        models::JournalRecorder journal(models::ChangeJournal(dir.filePath(u"journal.jsonl"_s)),
                                        u"crondesk"_s);
        m_repository->setJournal(&journal);
        QSignalSpy recorded(&journal, &models::JournalRecorder::recorded);
        const api::Cron cron = m_model->cronAt(0);
        mutate(action, cron);
        QVERIFY(recorded.wait(10000));
        // A second entry would follow the same answer at once.
        QVERIFY(!recorded.wait(300));
        const QList<models::JournalEntry> entries = journal.journal().readAll();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, action);
        QVERIFY(entries.first().succeeded);
        if (action != "create"_L1)
            QCOMPARE(entries.first().cronId, cron.cronId);
    }

    // A read-only profile refuses at the one place every change passes, before anything is
    // sent, whichever entry point asked.
    void readOnlyProfile_refusesEveryMutationBeforeSending_data()
    {
        everyEntryPoint_journalsItsMutationExactlyOnce_data();
    }
    void readOnlyProfile_refusesEveryMutationBeforeSending()
    {
        QFETCH(QString, action);
        start(3);
        reloadAndWait();
        models::ConnectionProfile profile;
        profile.name = u"Audit"_s;
        profile.readOnly = true;
        m_repository->setProfile(profile);
        const qsizetype before = m_server->requestLog().entries().size();
        QSignalSpy refused(m_repository.get(), &models::CronRepository::mutationRefused);
        const api::Cron cron = m_model->cronAt(0);
        QString message;
        if (action == "create"_L1 || action == "update"_L1) {
            models::CronSubmitter *submitter
                = m_repository->newEditorSubmitter({}, m_repository.get());
            QSignalSpy failed(submitter, &models::CronSubmitter::failed);
            submitEditor(submitter, action, cron);
            QCOMPARE(failed.size(), 1);
            message = failed.first().first().value<models::SubmitFailure>().message;
        } else {
            mutate(action, cron);
            if (refused.isEmpty()) // a run starter answers once control is back in the loop
                QVERIFY(refused.wait(5000));
            QCOMPARE(refused.size(), 1);
            message = refused.first().at(1).toString();
        }
        QVERIFY2(message.contains(u"read-only"_s), qPrintable(message));
        QCOMPARE(m_server->requestLog().entries().size(), before);
        QCOMPARE(m_model->cronAt(0), cron);
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
