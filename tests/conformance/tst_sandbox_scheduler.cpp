// The sandbox's scheduler: due crons fire, record runs, advance, respect pause, end time and
// on_run_completed, and post to loopback webhooks. Time comes from a manual clock.
#include "httpprobe.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>
#include <tests/sandbox/scheduler.h>

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::ManualClock;
using crondesk::sandbox::SandboxServer;

class TestSandboxScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void threadCronEveryMinute_whenClockPassesIt_recordsSuccessfulRun();
    void firing_advancesNextRunDate_withoutBackfilling();
    void statelessCron_threadIsDeletedOrKept_data();
    void statelessCron_threadIsDeletedOrKept();
    void pausedCron_doesNotFire_andFiresOnceWhenResumed();
    void cronPastEndTime_doesNotFire();
    void runMetadata_isCronMetadataOverlaidWithPayloadMetadata();
    void webhook_onLoopback_receivesTheRun();
    void timer_firesDueCronsWithoutAClockJump();
    void timer_firesALargeWaveInBatches();

private:
    QString createThread();
    QJsonObject createCron(const QJsonObject &body, const QString &threadId = {});
    QJsonArray runsOf(const QString &threadId);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxScheduler::init()
{
    m_clock
        = std::make_unique<ManualClock>(QDateTime(QDate(2026, 7, 1), QTime(12, 0, 30), Qt::UTC));
    SandboxServer::Options options;
    options.clock = m_clock.get();
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

void TestSandboxScheduler::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_clock.reset();
}

QString TestSandboxScheduler::createThread()
{
    return m_http->post(u"/threads"_s, {}).object().value("thread_id"_L1).toString();
}

QJsonObject TestSandboxScheduler::createCron(const QJsonObject &body, const QString &threadId)
{
    const ProbeReply reply = m_http->post(
        threadId.isEmpty() ? u"/runs/crons"_s : u"/threads/%1/runs/crons"_s.arg(threadId), body);
    return reply.object();
}

QJsonArray TestSandboxScheduler::runsOf(const QString &threadId)
{
    return m_http->get(u"/threads/%1/runs?limit=100"_s.arg(threadId)).array();
}

void TestSandboxScheduler::threadCronEveryMinute_whenClockPassesIt_recordsSuccessfulRun()
{
    const QString thread = createThread();
    const QJsonObject cron = createCron({{u"assistant_id"_s, u"agent"_s},
                                         {u"schedule"_s, u"* * * * *"_s},
                                         {u"input"_s, QJsonObject {{u"q"_s, u"status?"_s}}}},
                                        thread);
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-07-01T12:01:00+00:00"_s);
    QVERIFY(runsOf(thread).isEmpty());

    QSignalSpy fired(m_server.get(), &SandboxServer::cronFired);
    m_clock->advance(std::chrono::seconds(31)); // 12:01:01
    QTRY_COMPARE(fired.size(), 1);
    QCOMPARE(fired.at(0).at(0).toString(), cron.value("cron_id"_L1).toString());

    const QJsonArray runs = runsOf(thread);
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value("status"_L1).toString(), u"success"_s);
    QCOMPARE(run.value("thread_id"_L1).toString(), thread);
    QCOMPARE(run.value("assistant_id"_L1).toString(), cron.value("assistant_id"_L1).toString());
    QCOMPARE(run.value("created_at"_L1).toString(), u"2026-07-01T12:01:01+00:00"_s);
    QCOMPARE(run.value("kwargs"_L1).toObject().value("input"_L1).toObject(),
             QJsonObject({{u"q"_s, u"status?"_s}}));
    QCOMPARE(fired.at(0).at(2).toString(), run.value("run_id"_L1).toString());
    // The thread shows the activity.
    QCOMPARE(m_http->get(u"/threads/"_s + thread).object().value("updated_at"_L1).toString(),
             u"2026-07-01T12:01:01+00:00"_s);
}

void TestSandboxScheduler::firing_advancesNextRunDate_withoutBackfilling()
{
    const QString thread = createThread();
    const QString cronId
        = createCron({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"*/5 * * * *"_s}}, thread)
              .value("cron_id"_L1)
              .toString();
    // Jump 32 minutes at once: six occurrences passed, one firing.
    m_clock->advance(std::chrono::minutes(32)); // 12:32:30
    QCOMPARE(runsOf(thread).size(), 1);
    const QJsonObject cron = m_http->get(u"/runs/crons/"_s + cronId).object();
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-07-01T12:35:00+00:00"_s);
    // Firing is not an update of the cron.
    QCOMPARE(cron.value("updated_at"_L1), cron.value("created_at"_L1));
    m_clock->advance(std::chrono::minutes(1)); // 12:33:30, not due yet
    QCOMPARE(runsOf(thread).size(), 1);
    m_clock->advance(std::chrono::minutes(2)); // 12:35:30
    QCOMPARE(runsOf(thread).size(), 2);
}

void TestSandboxScheduler::statelessCron_threadIsDeletedOrKept_data()
{
    QTest::addColumn<QJsonValue>("onRunCompleted");
    QTest::addColumn<int>("threadsAfter");
    QTest::newRow("default is delete") << QJsonValue() << 0;
    QTest::newRow("delete") << QJsonValue(u"delete"_s) << 0;
    QTest::newRow("keep") << QJsonValue(u"keep"_s) << 1;
}

void TestSandboxScheduler::statelessCron_threadIsDeletedOrKept()
{
    QFETCH(QJsonValue, onRunCompleted);
    QFETCH(int, threadsAfter);
    QJsonObject body {{u"assistant_id"_s, u"echo"_s}, {u"schedule"_s, u"* * * * *"_s}};
    if (onRunCompleted.isString())
        body.insert(u"on_run_completed"_s, onRunCompleted);
    const QJsonObject cron = createCron(body);
    QSignalSpy fired(m_server.get(), &SandboxServer::cronFired);
    m_clock->advance(std::chrono::minutes(1));
    QCOMPARE(fired.size(), 1);
    const QString thread = fired.at(0).at(1).toString();
    QVERIFY(!thread.isEmpty());
    QCOMPARE(m_http->post(u"/threads/count"_s, {}).body, QByteArray::number(threadsAfter));
    if (threadsAfter == 1) {
        const QJsonArray runs = runsOf(thread);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).toObject().value("status"_L1).toString(), u"success"_s);
        const QJsonObject metadata
            = m_http->get(u"/threads/"_s + thread).object().value("metadata"_L1).toObject();
        QCOMPARE(metadata.value("assistant_id"_L1).toString(),
                 cron.value("assistant_id"_L1).toString());
        QCOMPARE(metadata.value("graph_id"_L1).toString(), u"echo"_s);
    } else {
        QCOMPARE(m_http->get(u"/threads/"_s + thread).status, 404);
    }
    // The cron itself stays and moves on.
    QCOMPARE(m_http->get(u"/runs/crons/"_s + cron.value("cron_id"_L1).toString())
                 .object()
                 .value("next_run_date"_L1)
                 .toString(),
             u"2026-07-01T12:02:00+00:00"_s);
}

void TestSandboxScheduler::pausedCron_doesNotFire_andFiresOnceWhenResumed()
{
    const QString thread = createThread();
    const QString cronId = createCron({{u"assistant_id"_s, u"agent"_s},
                                       {u"schedule"_s, u"* * * * *"_s},
                                       {u"enabled"_s, false}},
                                      thread)
                               .value("cron_id"_L1)
                               .toString();
    m_clock->advance(std::chrono::minutes(10));
    QVERIFY(runsOf(thread).isEmpty());
    // Paused, its next_run_date was not advanced and now lies in the past.
    QCOMPARE(m_http->get(u"/runs/crons/"_s + cronId).object().value("next_run_date"_L1).toString(),
             u"2026-07-01T12:01:00+00:00"_s);

    // Resuming does not recompute it (the contract leaves this open; the sandbox keeps it stale
    // so clients meet the catch-up case): the next pass fires it once.
    const ProbeReply resumed = m_http->patch(u"/runs/crons/"_s + cronId, {{u"enabled"_s, true}});
    QCOMPARE(resumed.object().value("next_run_date"_L1).toString(), u"2026-07-01T12:01:00+00:00"_s);
    QCOMPARE(m_server->scheduler().tick(), 1);
    QCOMPARE(runsOf(thread).size(), 1);
    QCOMPARE(m_server->scheduler().tick(), 0);
}

void TestSandboxScheduler::cronPastEndTime_doesNotFire()
{
    const QString thread = createThread();
    const QString cronId = createCron({{u"assistant_id"_s, u"agent"_s},
                                       {u"schedule"_s, u"* * * * *"_s},
                                       {u"end_time"_s, u"2026-07-01T12:02:00Z"_s}},
                                      thread)
                               .value("cron_id"_L1)
                               .toString();
    m_clock->advance(std::chrono::minutes(1)); // 12:01:30 fires
    QCOMPARE(runsOf(thread).size(), 1);
    m_clock->advance(std::chrono::minutes(1)); // 12:02:30 is past the end
    m_clock->advance(std::chrono::minutes(5));
    QCOMPARE(runsOf(thread).size(), 1);
    // It stays listed, with its (stale) next_run_date, as the server's old implementation did.
    const QJsonObject cron = m_http->get(u"/runs/crons/"_s + cronId).object();
    QCOMPARE(cron.value("enabled"_L1), QJsonValue(true));
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-07-01T12:02:00+00:00"_s);
}

void TestSandboxScheduler::runMetadata_isCronMetadataOverlaidWithPayloadMetadata()
{
    const QString thread = createThread();
    const QString cronId = createCron({{u"assistant_id"_s, u"agent"_s},
                                       {u"schedule"_s, u"* * * * *"_s},
                                       {u"metadata"_s, QJsonObject {{u"owner"_s, u"alice"_s}}}},
                                      thread)
                               .value("cron_id"_L1)
                               .toString();
    m_http->patch(u"/runs/crons/"_s + cronId,
                  {{u"metadata"_s, QJsonObject {{u"team"_s, u"infra"_s}}}});
    m_clock->advance(std::chrono::minutes(1));
    const QJsonObject run = runsOf(thread).at(0).toObject();
    QCOMPARE(run.value("metadata"_L1).toObject(),
             QJsonObject({{u"owner"_s, u"alice"_s}, {u"team"_s, u"infra"_s}}));
}

void TestSandboxScheduler::webhook_onLoopback_receivesTheRun()
{
    SandboxServer receiver(SandboxServer::Options {.scheduler = false});
    QVERIFY(receiver.listen() != 0);
    const QString hook = receiver.baseUrl().toString() + u"/hooks/cron-done"_s;
    const QString thread = createThread();
    createCron(
        {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}, {u"webhook"_s, hook}},
        thread);
    QSignalSpy delivered(&m_server->scheduler(), &crondesk::sandbox::Scheduler::webhookDelivered);
    m_clock->advance(std::chrono::minutes(1));
    QVERIFY(delivered.wait(10000));
    QCOMPARE(delivered.at(0).at(1).toInt(), 404); // the receiver has no such route, but logged it
    const auto posts = receiver.requestLog().matching("POST", u"/hooks/cron-done"_s);
    QCOMPARE(posts.size(), 1);
    const QJsonObject run = QJsonDocument::fromJson(posts.at(0).body).object();
    QCOMPARE(run.value("thread_id"_L1).toString(), thread);
    QCOMPARE(run.value("status"_L1).toString(), u"success"_s);
    QCOMPARE(posts.at(0).header("content-type"), QByteArray("application/json"));
}

void TestSandboxScheduler::timer_firesDueCronsWithoutAClockJump()
{
    const QString thread = createThread();
    createCron({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}}, thread);
    // Move time without telling anyone, as the system clock does: the periodic pass finds it.
    m_server->scheduler().setInterval(std::chrono::milliseconds(20));
    QSignalSpy fired(m_server.get(), &SandboxServer::cronFired);
    const QSignalBlocker silence(m_clock.get());
    m_clock->advance(std::chrono::minutes(1));
    QVERIFY(fired.wait(10000));
    QCOMPARE(runsOf(thread).size(), 1);
}

void TestSandboxScheduler::timer_firesALargeWaveInBatches()
{
    const QString thread = createThread();
    for (int i = 0; i < 600; ++i) {
        QVERIFY(!m_server
                     ->createCron(
                         {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}}, thread)
                     .isEmpty());
    }
    m_server->scheduler().setInterval(std::chrono::milliseconds(20));
    QSignalSpy fired(m_server.get(), &SandboxServer::cronFired);
    const QSignalBlocker silence(m_clock.get());
    m_clock->advance(std::chrono::minutes(1));
    QTRY_COMPARE(fired.size(), 600);
    QCOMPARE(m_http->post(u"/runs/crons/count"_s, {}).body, QByteArray("600"));
    QCOMPARE(m_server->scheduler().tick(), 0);
}

QTEST_GUILESS_MAIN(TestSandboxScheduler)
#include "tst_sandbox_scheduler.moc"
