// Which runs belong to which cron (models/runs): by the correlation key Cron Desk adds on create,
// by the cron's metadata, or only by the thread; two crons on one thread told apart; failed runs
// read as failed; stateless crons whose threads are deleted have no history, and say why. The
// loader reads the history from the sandbox, whose scheduler copies cron metadata onto runs.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/runs/runhistory.h>
#include <models/runs/runhistoryloader.h>
#include <models/runs/runnow.h>
#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace crondesk;
using models::RunMatch;
using models::RunOutcome;

namespace {

const QString threadA = u"11111111-1111-4111-8111-111111111111"_s;
const QString threadB = u"22222222-2222-4222-8222-222222222222"_s;

api::Cron cron(const QString &id, const QString &thread, const QJsonObject &metadata,
               const QString &onRunCompleted = {})
{
    QJsonObject json {{u"cron_id"_s, id},
                      {u"schedule"_s, u"* * * * *"_s},
                      {u"assistant_id"_s, u"a"_s},
                      {u"metadata"_s, metadata}};
    json.insert(u"thread_id"_s, thread.isEmpty() ? QJsonValue(QJsonValue::Null) : thread);
    if (!onRunCompleted.isEmpty())
        json.insert(u"on_run_completed"_s, onRunCompleted);
    return *api::cronFromJson(json);
}

api::Run run(const QString &id, const QString &thread, const QJsonObject &metadata,
             const QString &status = u"success"_s, int minute = 0)
{
    api::Run run;
    run.runId = id;
    run.threadId = thread;
    run.status = status;
    run.metadata = metadata;
    run.createdAt = QDateTime(QDate(2026, 7, 1), QTime(12, minute, 0), Qt::UTC);
    run.updatedAt = run.createdAt.addSecs(42);
    return run;
}

api::Run run_(const QJsonObject &metadata)
{
    api::Run run;
    run.runId = u"r"_s;
    run.threadId = threadB;
    run.metadata = metadata;
    return run;
}

QJsonObject keyed(const QString &key, const QJsonObject &more = {})
{
    QJsonObject metadata = more;
    metadata.insert(api::correlationMetadataKey, key);
    return metadata;
}

QStringList idsOf(const QList<api::Run> &runs)
{
    QStringList ids;
    for (const api::Run &run : runs)
        ids.append(run.runId);
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(crondesk::models::RunOutcome)

class TestRunHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoCronsOnOneThread_withCorrelationKeys_areToldApart()
    {
        const api::Cron first = cron(u"c1"_s, threadA, keyed(u"k1"_s, {{u"team"_s, u"ops"_s}}));
        const api::Cron second = cron(u"c2"_s, threadA, keyed(u"k2"_s, {{u"team"_s, u"ops"_s}}));
        const QList<api::Run> runs
            = {run(u"r1"_s, threadA, keyed(u"k1"_s, {{u"team"_s, u"ops"_s}}), u"success"_s, 1),
               run(u"r2"_s, threadA, keyed(u"k2"_s, {{u"team"_s, u"ops"_s}}), u"success"_s, 2),
               run(u"r3"_s, threadA, keyed(u"k1"_s, {{u"team"_s, u"ops"_s}}), u"error"_s, 3),
               run(u"r4"_s, threadA, {{u"manual"_s, true}}, u"success"_s, 4)};
        const models::CronRunHistory history = models::historyOf(first, runs, {first, second});
        QCOMPARE(idsOf(history.runs), QStringList({u"r3"_s, u"r1"_s})); // newest first
        QCOMPARE(idsOf(history.otherRuns), QStringList({u"r4"_s, u"r2"_s}));
        QCOMPARE(history.match, RunMatch::Exact);
        QCOMPARE(idsOf(models::historyOf(second, runs, {first, second}).runs),
                 QStringList({u"r2"_s}));
    }

    void twoCronsOnOneThread_oneMetadataContainingTheOther_areToldApart()
    {
        const api::Cron broad = cron(u"c1"_s, threadA, {{u"team"_s, u"ops"_s}});
        const api::Cron narrow
            = cron(u"c2"_s, threadA, {{u"team"_s, u"ops"_s}, {u"job"_s, u"report"_s}});
        const QList<api::Run> runs
            = {run(u"r1"_s, threadA, {{u"team"_s, u"ops"_s}}),
               run(u"r2"_s, threadA, {{u"team"_s, u"ops"_s}, {u"job"_s, u"report"_s}})};
        // Alone, the broad cron's metadata matches both runs ...
        QCOMPARE(models::matchRun(broad, runs.at(1)), RunMatch::Metadata);
        // ... but the narrower sibling claims the run it matches more closely.
        QCOMPARE(idsOf(models::historyOf(broad, runs, {broad, narrow}).runs),
                 QStringList({u"r1"_s}));
        QCOMPARE(idsOf(models::historyOf(narrow, runs, {broad, narrow}).runs),
                 QStringList({u"r2"_s}));
    }

    void runOnAnotherThread_isNeverAThreadCronsRun()
    {
        const api::Cron c = cron(u"c1"_s, threadA, keyed(u"k1"_s));
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadB, keyed(u"k1"_s))), RunMatch::None);
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadA, keyed(u"k1"_s))), RunMatch::Exact);
    }

    void cronWithoutMetadata_matchesItsThreadOnly_butNotAnotherCreatesRuns()
    {
        const api::Cron c = cron(u"c1"_s, threadA, {});
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadA, {{u"x"_s, 1}})), RunMatch::ThreadOnly);
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadA, keyed(u"other"_s))), RunMatch::None);
        QCOMPARE(models::historyOf(c, {run(u"r"_s, threadA, {})}).match, RunMatch::ThreadOnly);
    }

    void payloadMetadata_isPartOfWhatRunsCarry()
    {
        QJsonObject json {{u"cron_id"_s, u"c"_s},
                          {u"schedule"_s, u"* * * * *"_s},
                          {u"thread_id"_s, threadA},
                          {u"metadata"_s, QJsonObject {{u"a"_s, 1}}},
                          {u"payload"_s, QJsonObject {{u"metadata"_s, QJsonObject {{u"b"_s, 2}}}}}};
        const api::Cron c = *api::cronFromJson(json);
        QCOMPARE(models::runMetadataOf(c), QJsonObject({{u"a"_s, 1}, {u"b"_s, 2}}));
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadA, {{u"a"_s, 1}})), RunMatch::None);
        QCOMPARE(models::matchRun(c, run(u"r"_s, threadA, {{u"a"_s, 1}, {u"b"_s, 2}})),
                 RunMatch::Metadata);
    }

    void failedRun_isShownAsFailed()
    {
        const api::Cron c = cron(u"c1"_s, threadA, keyed(u"k"_s));
        const models::CronRunHistory history
            = models::historyOf(c,
                                {run(u"old"_s, threadA, keyed(u"k"_s), u"success"_s, 1),
                                 run(u"new"_s, threadA, keyed(u"k"_s), u"error"_s, 5)});
        QCOMPARE(history.lastRun()->runId, u"new"_s);
        QCOMPARE(models::runOutcome(history.lastRun()->status), RunOutcome::Failed);
        QCOMPARE(models::runOutcomeText(RunOutcome::Failed), u"Failed"_s);
        QCOMPARE(history.lastSuccess()->runId, u"old"_s);
        QCOMPARE(models::runDurationMs(*history.lastRun()), 42000);
    }

    void runOutcome_ofEveryStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<RunOutcome>("outcome");
        QTest::addColumn<bool>("active");
        QTest::newRow("pending") << u"pending"_s << RunOutcome::Pending << true;
        QTest::newRow("running") << u"running"_s << RunOutcome::Running << true;
        QTest::newRow("success") << u"success"_s << RunOutcome::Succeeded << false;
        QTest::newRow("error") << u"error"_s << RunOutcome::Failed << false;
        QTest::newRow("interrupted") << u"interrupted"_s << RunOutcome::Interrupted << false;
        QTest::newRow("timeout") << u"timeout"_s << RunOutcome::TimedOut << false;
        QTest::newRow("unknown") << u"exploded"_s << RunOutcome::Unknown << false;
    }
    void runOutcome_ofEveryStatus()
    {
        QFETCH(QString, status);
        QFETCH(RunOutcome, outcome);
        QFETCH(bool, active);
        QCOMPARE(models::runOutcome(status), outcome);
        QCOMPARE(models::isActive(outcome), active);
        api::Run r = run(u"r"_s, threadA, {}, status);
        QCOMPARE(models::runDurationMs(r).has_value(), !active);
    }

    void statelessCronThatDeletesItsThreads_hasNoHistory_andSaysWhy_data()
    {
        QTest::addColumn<QString>("onRunCompleted");
        QTest::addColumn<bool>("available");
        QTest::newRow("delete") << u"delete"_s << false;
        QTest::newRow("unset (the server's default is delete)") << QString() << false;
        QTest::newRow("keep") << u"keep"_s << true;
    }
    void statelessCronThatDeletesItsThreads_hasNoHistory_andSaysWhy()
    {
        QFETCH(QString, onRunCompleted);
        QFETCH(bool, available);
        const api::Cron c = cron(u"c1"_s, {}, keyed(u"k"_s), onRunCompleted);
        const models::CronRunHistory history
            = models::historyOf(c, {run(u"r"_s, threadB, keyed(u"k"_s))});
        QCOMPARE(history.available, available);
        if (available) {
            QCOMPARE(idsOf(history.runs), QStringList({u"r"_s}));
        } else {
            QVERIFY(history.runs.isEmpty());
            QVERIFY(history.unavailableReason.contains(u"on_run_completed: delete"_s));
            QVERIFY(history.unavailableReason.endsWith(u'.'));
        }
    }

    // --- Run now

    void runNow_confirmation_saysWhatTheThreadsStrategyDoesToAnActiveRun_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reject") << u"reject"_s << u"the server refuses this one"_s;
        QTest::newRow("interrupt") << u"interrupt"_s << u"it is interrupted and this one starts"_s;
        QTest::newRow("rollback") << u"rollback"_s << u"it is stopped and deleted"_s;
        QTest::newRow("enqueue") << u"enqueue"_s << u"this one waits until it has ended"_s;
        QTest::newRow("unset: the server's enqueue") << QString() << u"waits"_s;
    }
    void runNow_confirmation_saysWhatTheThreadsStrategyDoesToAnActiveRun()
    {
        QFETCH(QString, strategy);
        QFETCH(QString, expected);
        QJsonObject json {{u"cron_id"_s, u"c"_s},
                          {u"schedule"_s, u"* * * * *"_s},
                          {u"thread_id"_s, threadA},
                          {u"assistant_id"_s, u"a"_s}};
        if (!strategy.isEmpty())
            json.insert(u"payload"_s, QJsonObject {{u"multitask_strategy"_s, strategy}});
        const api::Cron c = *api::cronFromJson(json);
        models::MutationTarget target;
        target.profileName = u"Acme Prod"_s;
        target.production = true;
        const models::MutationRequest request = models::runNowRequest(c, target);
        QCOMPARE(request.kind, models::MutationKind::Run);
        QVERIFY(request.question.contains(u"Acme Prod"_s));
        QVERIFY2(request.details.join(u' ').contains(expected),
                 qPrintable(request.details.join(u' ')));
        QVERIFY(request.details.join(u' ').contains(threadA));
        QVERIFY(request.warning);
    }

    void runNowCreate_carriesThePayloadAndTheCronsRunMetadata_markedManual()
    {
        QJsonObject json {{u"cron_id"_s, u"c"_s},
                          {u"schedule"_s, u"* * * * *"_s},
                          {u"assistant_id"_s, u"a"_s},
                          {u"on_run_completed"_s, u"delete"_s},
                          {u"metadata"_s, keyed(u"k"_s)},
                          {u"payload"_s,
                           QJsonObject {{u"input"_s, QJsonObject {{u"x"_s, 1}}},
                                        {u"multitask_strategy"_s, u"reject"_s}}}};
        const api::Cron c = *api::cronFromJson(json);
        api::RunCreate run = models::runNowCreate(c);
        QCOMPARE(
            run.toJson(true),
            QJsonObject({{u"assistant_id"_s, u"a"_s},
                         {u"input"_s, QJsonObject {{u"x"_s, 1}}},
                         {u"metadata"_s, keyed(u"k"_s, {{u"crondesk_trigger"_s, u"manual"_s}})},
                         {u"on_completion"_s, u"delete"_s}}));
        QCOMPARE(models::runNowCreate(c, true).onCompletion, u"keep"_s);
        // The started run is found in the cron's history.
        api::Run started = run_(run.metadata.value());
        QCOMPARE(models::matchRun(c, started), RunMatch::Exact);
    }

    // --- the loader, against the sandbox's scheduler

    void loader_threadCron_findsItsOwnRuns_andSeparatesTheSiblings()
    {
        ManualSandbox sandbox;
        const QString thread = sandbox.server->createThread().value("thread_id"_L1).toString();
        const QJsonObject body {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}};
        QJsonObject first = body;
        first.insert(u"metadata"_s, keyed(u"key-1"_s));
        QJsonObject second = body;
        second.insert(u"metadata"_s, keyed(u"key-2"_s));
        const api::Cron one = *api::cronFromJson(sandbox.server->createCron(first, thread));
        const api::Cron two = *api::cronFromJson(sandbox.server->createCron(second, thread));
        sandbox.clock->advance(61s);
        sandbox.clock->advance(60s); // each fired twice

        const models::CronRunHistory history = sandbox.load(one, {one, two});
        QCOMPARE(history.runs.size(), 2);
        QCOMPARE(history.otherRuns.size(), 2);
        for (const api::Run &r : history.runs)
            QCOMPARE(r.metadata.value(api::correlationMetadataKey).toString(), u"key-1"_s);
        QCOMPARE(history.match, RunMatch::Exact);
        QCOMPARE(
            sandbox.server->requestLog().matching("GET", u"/threads/%1/runs"_s.arg(thread)).size(),
            1);
    }

    void loader_failedRun_isReadAsFailed()
    {
        ManualSandbox sandbox(1.0);
        const QString thread = sandbox.server->createThread().value("thread_id"_L1).toString();
        const api::Cron c
            = *api::cronFromJson(sandbox.server->createCron({{u"assistant_id"_s, u"agent"_s},
                                                             {u"schedule"_s, u"* * * * *"_s},
                                                             {u"metadata"_s, keyed(u"k"_s)}},
                                                            thread));
        sandbox.clock->advance(61s);
        const models::CronRunHistory history = sandbox.load(c);
        QCOMPARE(history.runs.size(), 1);
        QCOMPARE(models::runOutcome(history.lastRun()->status), RunOutcome::Failed);
        QVERIFY(!history.lastSuccess());
        // The run's error, as the server's join tells it (the Run object has none).
        const QString error = history.errors.value(history.lastRun()->runId);
        QVERIFY2(error.startsWith(u"SandboxRunError: "_s), qPrintable(error));
    }

    void runErrorText_readsTheErrorOfAJoin_data()
    {
        QTest::addColumn<QJsonObject>("joined");
        QTest::addColumn<QString>("text");
        QTest::newRow("type and message")
            << QJsonObject {{u"__error__"_s,
                             QJsonObject {{u"error"_s, u"ValueError"_s},
                                          {u"message"_s, u"bad input"_s}}}}
            << u"ValueError: bad input"_s;
        QTest::newRow("message only")
            << QJsonObject {{u"__error__"_s, QJsonObject {{u"message"_s, u"bad input"_s}}}}
            << u"bad input"_s;
        QTest::newRow("a string") << QJsonObject {{u"__error__"_s, u"boom"_s}} << u"boom"_s;
        QTest::newRow("thread values, no error")
            << QJsonObject {{u"messages"_s, QJsonArray {}}} << QString();
        QTest::newRow("empty error") << QJsonObject {{u"__error__"_s, QJsonObject {}}} << QString();
    }

    void runErrorText_readsTheErrorOfAJoin()
    {
        QFETCH(QJsonObject, joined);
        QFETCH(QString, text);
        QCOMPARE(models::runErrorText(joined).value_or(QString()), text);
    }

    void loader_statelessKeep_readsTheKeptThreads()
    {
        ManualSandbox sandbox;
        const api::Cron c
            = *api::cronFromJson(sandbox.server->createCron({{u"assistant_id"_s, u"echo"_s},
                                                             {u"schedule"_s, u"* * * * *"_s},
                                                             {u"on_run_completed"_s, u"keep"_s},
                                                             {u"metadata"_s, keyed(u"kept"_s)}}));
        // Another stateless cron of the same assistant, whose runs are not this one's.
        sandbox.server->createCron({{u"assistant_id"_s, u"echo"_s},
                                    {u"schedule"_s, u"* * * * *"_s},
                                    {u"on_run_completed"_s, u"keep"_s},
                                    {u"metadata"_s, keyed(u"other"_s)}});
        sandbox.clock->advance(61s);
        const models::CronRunHistory history = sandbox.load(c);
        QVERIFY(history.available);
        QCOMPARE(history.runs.size(), 1);
        QCOMPARE(history.runs.first().metadata.value(api::correlationMetadataKey).toString(),
                 u"kept"_s);
    }

    void loader_statelessDelete_answersWithoutAskingTheServer()
    {
        ManualSandbox sandbox;
        const api::Cron c = *api::cronFromJson(sandbox.server->createCron(
            {{u"assistant_id"_s, u"echo"_s}, {u"schedule"_s, u"* * * * *"_s}}));
        sandbox.clock->advance(61s);
        sandbox.server->clearRequests();
        const models::CronRunHistory history = sandbox.load(c);
        QVERIFY(!history.available);
        QVERIFY(!history.unavailableReason.isEmpty());
        QVERIFY(sandbox.server->requests().isEmpty());
    }

private:
    struct ManualSandbox
    {
        explicit ManualSandbox(double errorRate = 0)
        {
            clock = std::make_unique<sandbox::ManualClock>(
                QDateTime(QDate(2026, 7, 1), QTime(12, 0, 30), Qt::UTC));
            sandbox::SandboxServer::Options options;
            options.clock = clock.get();
            options.runErrorRate = errorRate;
            server = std::make_unique<sandbox::SandboxServer>(options);
            if (server->listen() == 0)
                qFatal("sandbox did not start");
            client = std::make_unique<api::ApiClient>(api::RequestFactory(server->baseUrl()));
        }

        models::CronRunHistory load(const api::Cron &c, const QList<api::Cron> &siblings = {})
        {
            auto *loader = new models::RunHistoryLoader(client.get(), c, siblings);
            QSignalSpy loaded(loader, &models::RunHistoryLoader::loaded);
            loader->start();
            if (!loaded.wait(10000))
                return {};
            return loaded.at(0).at(0).value<models::CronRunHistory>();
        }

        std::unique_ptr<sandbox::ManualClock> clock;
        std::unique_ptr<sandbox::SandboxServer> server;
        std::unique_ptr<api::ApiClient> client;
    };
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
