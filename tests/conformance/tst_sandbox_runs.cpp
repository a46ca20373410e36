// The sandbox's runs API against the Agent Server runs OpenAPI (openapi-agent-server-runs.json):
// background runs on a thread with each multitask strategy, stateless runs with on_completion,
// cancel, delete, the list's filters, and runs that take time on the sandbox clock, for created
// and scheduler-fired runs alike.
#include "httpprobe.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::ManualClock;
using crondesk::sandbox::SandboxServer;

class TestSandboxRuns final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void threadRun_isPendingThenRunningThenSuccess_onTheClock();
    void threadRun_hasExactlyTheRunFields_andStripsReservedMetadata();
    void threadRun_refusals_data();
    void threadRun_refusals();
    void threadRun_ifNotExistsCreate_createsTheThread();
    void threadRun_afterSeconds_staysPendingUntilThen();
    void multitaskStrategy_onABusyThread_data();
    void multitaskStrategy_onABusyThread();
    void statelessRun_onCompletion_deletesOrKeepsTheThread_data();
    void statelessRun_onCompletion_deletesOrKeepsTheThread();
    void statelessRun_refusals();
    void cancel_interrupt_marksTheRunInterrupted();
    void cancel_rollback_removesTheRun();
    void cancel_ofAFinishedRun_changesNothing();
    void cancel_refusals_data();
    void cancel_refusals();
    void delete_removesTheRun();
    void list_filtersByStatus_andPages();
    void errorRate_one_endsEveryRunInError();
    void errorRate_sameSeed_sameOutcomes();
    void join_ofAFailedRun_answersItsError_asTheServerDoes();
    void schedulerFiredRun_takesTimeToo_withTheCronsMetadata();
    void schedulerFiredRun_rejectCron_skipsWhileItsLastRunIsActive();

private:
    void start(std::chrono::milliseconds duration, double errorRate = 0, int seed = 0);
    QString createThread();
    ProbeReply createRun(const QString &thread, const QJsonObject &extra = {});
    QJsonObject getRun(const QString &thread, const QString &run);
    QString statusOf(const QString &thread, const QString &run);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxRuns::init()
{
    start(10s);
}

void TestSandboxRuns::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_clock.reset();
}

void TestSandboxRuns::start(std::chrono::milliseconds duration, double errorRate, int seed)
{
    cleanup();
    m_clock
        = std::make_unique<ManualClock>(QDateTime(QDate(2026, 7, 1), QTime(12, 0, 30), Qt::UTC));
    SandboxServer::Options options;
    options.clock = m_clock.get();
    options.runDuration = duration;
    options.runErrorRate = errorRate;
    options.seedCount = seed;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

QString TestSandboxRuns::createThread()
{
    return m_http->post(u"/threads"_s, {}).object().value("thread_id"_L1).toString();
}

ProbeReply TestSandboxRuns::createRun(const QString &thread, const QJsonObject &extra)
{
    QJsonObject body = extra;
    if (!body.contains("assistant_id"_L1))
        body.insert(u"assistant_id"_s, u"agent"_s);
    return m_http->post(u"/threads/%1/runs"_s.arg(thread), body);
}

QJsonObject TestSandboxRuns::getRun(const QString &thread, const QString &run)
{
    return m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, run)).object();
}

QString TestSandboxRuns::statusOf(const QString &thread, const QString &run)
{
    return getRun(thread, run).value("status"_L1).toString();
}

void TestSandboxRuns::threadRun_isPendingThenRunningThenSuccess_onTheClock()
{
    const QString thread = createThread();
    const ProbeReply reply = createRun(thread, {{u"input"_s, QJsonObject {{u"q"_s, 1}}}});
    QCOMPARE(reply.status, 200);
    const QJsonObject run = reply.object();
    const QString runId = run.value("run_id"_L1).toString();
    QCOMPARE(run.value("status"_L1).toString(), u"pending"_s);
    QCOMPARE(run.value("created_at"_L1).toString(), u"2026-07-01T12:00:30+00:00"_s);
    QCOMPARE(reply.header("content-location"),
             u"/threads/%1/runs/%2"_s.arg(thread, runId).toUtf8());

    QCOMPARE(statusOf(thread, runId), u"running"_s);
    QCOMPARE(m_http->get(u"/threads/"_s + thread).object().value("status"_L1).toString(),
             u"busy"_s);
    m_clock->advance(9s);
    QCOMPARE(statusOf(thread, runId), u"running"_s);
    m_clock->advance(5s);
    const QJsonObject done = getRun(thread, runId);
    QCOMPARE(done.value("status"_L1).toString(), u"success"_s);
    // It ended when its duration was up, not when someone looked.
    QCOMPARE(done.value("updated_at"_L1).toString(), u"2026-07-01T12:00:40+00:00"_s);
    QCOMPARE(done.value("created_at"_L1).toString(), u"2026-07-01T12:00:30+00:00"_s);
    QCOMPARE(m_http->get(u"/threads/"_s + thread).object().value("status"_L1).toString(),
             u"idle"_s);
}

void TestSandboxRuns::threadRun_hasExactlyTheRunFields_andStripsReservedMetadata()
{
    const QString thread = createThread();
    const QJsonObject run
        = createRun(thread,
                    {{u"metadata"_s,
                      QJsonObject {
                          {u"owner"_s, u"ops"_s}, {u"cron_id"_s, u"x"_s}, {u"run_id"_s, u"y"_s}}},
                     {u"config"_s, QJsonObject {{u"tags"_s, QJsonArray {u"t"_s}}}},
                     {u"webhook"_s, u"/hooks/done"_s}})
              .object();
    QStringList keys = run.keys();
    keys.sort();
    QCOMPARE(keys,
             QStringList({u"assistant_id"_s, u"created_at"_s, u"kwargs"_s, u"metadata"_s,
                          u"multitask_strategy"_s, u"run_id"_s, u"status"_s, u"thread_id"_s,
                          u"updated_at"_s}));
    QCOMPARE(run.value("assistant_id"_L1).toString(), SandboxServer::systemAssistantId(u"agent"_s));
    QCOMPARE(run.value("thread_id"_L1).toString(), thread);
    QCOMPARE(run.value("multitask_strategy"_L1).toString(), u"enqueue"_s); // the default
    QCOMPARE(run.value("metadata"_L1).toObject(), QJsonObject({{u"owner"_s, u"ops"_s}}));
    const QJsonObject kwargs = run.value("kwargs"_L1).toObject();
    QCOMPARE(kwargs.value("webhook"_L1).toString(), u"/hooks/done"_s);
    QCOMPARE(kwargs.value("config"_L1).toObject().value("tags"_L1).toArray(), QJsonArray({u"t"_s}));
}

void TestSandboxRuns::threadRun_refusals_data()
{
    QTest::addColumn<QString>("thread"); // "" for an existing thread
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");

    QTest::newRow("thread id not a UUID") << u"nope"_s << QByteArray(R"({"assistant_id":"agent"})")
                                          << 422 << u"Invalid thread ID: must be a UUID"_s;
    QTest::newRow("unknown thread")
        << u"00000000-0000-4000-8000-000000000001"_s << QByteArray(R"({"assistant_id":"agent"})")
        << 404 << u"Thread 00000000-0000-4000-8000-000000000001 not found"_s;
    QTest::newRow("unknown assistant") << QString() << QByteArray(R"({"assistant_id":"nobody"})")
                                       << 404 << u"Assistant 'nobody' not found"_s;
    QTest::newRow("no assistant") << QString() << QByteArray("{}") << 422
                                  << uR"("assistant_id" is a required property)"_s;
    QTest::newRow("bad strategy") << QString()
                                  << QByteArray(
                                         R"({"assistant_id":"agent","multitask_strategy":"later"})")
                                  << 422 << QString();
    QTest::newRow("bad if_not_exists")
        << QString() << QByteArray(R"({"assistant_id":"agent","if_not_exists":"maybe"})") << 422
        << QString();
    QTest::newRow("metadata not an object")
        << QString() << QByteArray(R"({"assistant_id":"agent","metadata":[]})") << 422 << QString();
    QTest::newRow("malformed JSON")
        << QString() << QByteArray("{") << 422 << u"Invalid JSON in request body"_s;
}

void TestSandboxRuns::threadRun_refusals()
{
    QFETCH(QString, thread);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, detail);
    if (thread.isEmpty())
        thread = createThread();
    const ProbeReply reply = m_http->send("POST", u"/threads/%1/runs"_s.arg(thread), body);
    QCOMPARE(reply.status, status);
    QVERIFY(reply.object().value("detail"_L1).isString());
    if (!detail.isEmpty())
        QCOMPARE(reply.detail(), detail);
}

void TestSandboxRuns::threadRun_ifNotExistsCreate_createsTheThread()
{
    const QString thread = u"6f1c1a52-7d53-4a3c-9c2e-0d2f5b1e9a01"_s;
    const ProbeReply reply = createRun(thread, {{u"if_not_exists"_s, u"create"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("thread_id"_L1).toString(), thread);
    const ProbeReply created = m_http->get(u"/threads/"_s + thread);
    QCOMPARE(created.status, 200);
    QCOMPARE(created.object().value("metadata"_L1).toObject().value("graph_id"_L1).toString(),
             u"agent"_s);
}

void TestSandboxRuns::threadRun_afterSeconds_staysPendingUntilThen()
{
    const QString thread = createThread();
    const QString run
        = createRun(thread, {{u"after_seconds"_s, 60}}).object().value("run_id"_L1).toString();
    m_clock->advance(59s);
    QCOMPARE(statusOf(thread, run), u"pending"_s);
    m_clock->advance(2s);
    QCOMPARE(statusOf(thread, run), u"running"_s);
    m_clock->advance(10s);
    QCOMPARE(statusOf(thread, run), u"success"_s);
}

void TestSandboxRuns::multitaskStrategy_onABusyThread_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("firstAfter"); // the first run's status; "gone" when removed
    QTest::addColumn<QString>("secondAfter"); // the new run's status right after

    QTest::newRow("reject") << u"reject"_s << 409 << u"running"_s << QString();
    QTest::newRow("interrupt") << u"interrupt"_s << 200 << u"interrupted"_s << u"running"_s;
    QTest::newRow("rollback") << u"rollback"_s << 200 << u"gone"_s << u"running"_s;
    QTest::newRow("enqueue") << u"enqueue"_s << 200 << u"running"_s << u"pending"_s;
}

void TestSandboxRuns::multitaskStrategy_onABusyThread()
{
    QFETCH(QString, strategy);
    QFETCH(int, httpStatus);
    QFETCH(QString, firstAfter);
    QFETCH(QString, secondAfter);

    const QString thread = createThread();
    const QString first = createRun(thread).object().value("run_id"_L1).toString();
    m_clock->advance(3s);
    QCOMPARE(statusOf(thread, first), u"running"_s);

    const ProbeReply reply = createRun(thread, {{u"multitask_strategy"_s, strategy}});
    QCOMPARE(reply.status, httpStatus);
    if (httpStatus == 409) {
        QCOMPARE(reply.detail(),
                 u"Thread is already running a task. Wait for it to finish or "
                 "choose a different multitask strategy."_s);
    } else {
        QCOMPARE(reply.object().value("multitask_strategy"_L1).toString(), strategy);
    }
    if (firstAfter == u"gone") {
        QCOMPARE(m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, first)).status, 404);
    } else {
        QCOMPARE(statusOf(thread, first), firstAfter);
    }
    if (secondAfter.isEmpty())
        return;
    const QString second = reply.object().value("run_id"_L1).toString();
    QCOMPARE(statusOf(thread, second), secondAfter);

    // The new run gets its full duration from the moment it could start.
    m_clock->advance(7s); // the first run's end, when it was left running
    m_clock->advance(9s);
    QCOMPARE(statusOf(thread, second), strategy == u"enqueue" ? u"running"_s : u"success"_s);
    m_clock->advance(1s);
    QCOMPARE(statusOf(thread, second), u"success"_s);
    if (strategy == u"enqueue")
        QCOMPARE(statusOf(thread, first), u"success"_s);
}

void TestSandboxRuns::statelessRun_onCompletion_deletesOrKeepsTheThread_data()
{
    QTest::addColumn<QJsonValue>("onCompletion"); // undefined: not sent
    QTest::addColumn<bool>("kept");
    QTest::newRow("default") << QJsonValue(QJsonValue::Undefined) << false;
    QTest::newRow("delete") << QJsonValue(u"delete"_s) << false;
    QTest::newRow("keep") << QJsonValue(u"keep"_s) << true;
}

void TestSandboxRuns::statelessRun_onCompletion_deletesOrKeepsTheThread()
{
    QFETCH(QJsonValue, onCompletion);
    QFETCH(bool, kept);
    QJsonObject body {{u"assistant_id"_s, u"echo"_s},
                      {u"metadata"_s, QJsonObject {{u"k"_s, u"v"_s}}}};
    if (!onCompletion.isUndefined())
        body.insert(u"on_completion"_s, onCompletion);
    const ProbeReply reply = m_http->post(u"/runs"_s, body);
    QCOMPARE(reply.status, 200);
    const QJsonObject run = reply.object();
    const QString thread = run.value("thread_id"_L1).toString();
    const QString runId = run.value("run_id"_L1).toString();
    QCOMPARE(run.value("status"_L1).toString(), u"pending"_s);
    QCOMPARE(run.value("metadata"_L1).toObject(), QJsonObject({{u"k"_s, u"v"_s}}));
    QCOMPARE(run.value("kwargs"_L1).toObject().value("on_completion"_L1).toString(),
             kept ? u"keep"_s : u"delete"_s);
    QVERIFY(!reply.header("content-location").isEmpty());
    // The temporary thread exists while the run does.
    QCOMPARE(m_http->get(u"/threads/"_s + thread).status, 200);
    QCOMPARE(statusOf(thread, runId), u"running"_s);

    m_clock->advance(11s);
    QCOMPARE(m_http->get(u"/threads/"_s + thread).status, kept ? 200 : 404);
    if (kept)
        QCOMPARE(statusOf(thread, runId), u"success"_s);
    else
        QCOMPARE(m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, runId)).status, 404);
}

void TestSandboxRuns::statelessRun_refusals()
{
    ProbeReply reply = m_http->post(u"/runs"_s, {{u"assistant_id"_s, u"nobody"_s}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.detail(), u"Assistant 'nobody' not found"_s);
    reply = m_http->post(u"/runs"_s, {{u"assistant_id"_s, u"agent"_s}, {u"on_completion"_s, 1}});
    QCOMPARE(reply.status, 422);
    reply = m_http->post(u"/runs"_s,
                         {{u"assistant_id"_s, u"agent"_s}, {u"on_completion"_s, u"archive"_s}});
    QCOMPARE(reply.status, 422);
    reply = m_http->post(u"/runs"_s, {});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.detail(), uR"("assistant_id" is a required property)"_s);
}

void TestSandboxRuns::cancel_interrupt_marksTheRunInterrupted()
{
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    m_clock->advance(2s);
    const ProbeReply reply = m_http->post(u"/threads/%1/runs/%2/cancel"_s.arg(thread, run), {});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object(), QJsonObject());
    const QJsonObject cancelled = getRun(thread, run);
    QCOMPARE(cancelled.value("status"_L1).toString(), u"interrupted"_s);
    QCOMPARE(cancelled.value("updated_at"_L1).toString(), u"2026-07-01T12:00:32+00:00"_s);
    QCOMPARE(m_http->get(u"/threads/"_s + thread).object().value("status"_L1).toString(),
             u"idle"_s);
    m_clock->advance(20s);
    QCOMPARE(statusOf(thread, run), u"interrupted"_s); // it does not finish later
}

void TestSandboxRuns::cancel_rollback_removesTheRun()
{
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    const ProbeReply reply = m_http->send(
        "POST", u"/threads/%1/runs/%2/cancel?action=rollback&wait=true"_s.arg(thread, run), "");
    QCOMPARE(reply.status, 200);
    QCOMPARE(m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, run)).status, 404);
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).body, QByteArray("[]"));
}

void TestSandboxRuns::cancel_ofAFinishedRun_changesNothing()
{
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    m_clock->advance(11s);
    QCOMPARE(m_http->post(u"/threads/%1/runs/%2/cancel"_s.arg(thread, run), {}).status, 200);
    QCOMPARE(statusOf(thread, run), u"success"_s);
}

void TestSandboxRuns::cancel_refusals_data()
{
    QTest::addColumn<QString>("path"); // %1 thread, %2 run
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("run id not a UUID")
        << u"/threads/%1/runs/nope/cancel"_s << 422 << u"Invalid run ID: must be a UUID"_s;
    QTest::newRow("thread id not a UUID")
        << u"/threads/nope/runs/%2/cancel"_s << 422 << u"Invalid thread ID: must be a UUID"_s;
    QTest::newRow("unknown run")
        << u"/threads/%1/runs/00000000-0000-4000-8000-000000000002/cancel"_s << 404
        << u"Run 00000000-0000-4000-8000-000000000002 not found"_s;
    QTest::newRow("unknown thread")
        << u"/threads/00000000-0000-4000-8000-000000000003/runs/%2/cancel"_s << 404
        << u"Thread 00000000-0000-4000-8000-000000000003 not found"_s;
    QTest::newRow("bad action") << u"/threads/%1/runs/%2/cancel?action=stop"_s << 422
                                << uR"("stop" is not one of ["interrupt","rollback"])"_s;
    QTest::newRow("bad wait") << u"/threads/%1/runs/%2/cancel?wait=perhaps"_s << 422
                              << uR"("perhaps" is not of type "boolean")"_s;
}

void TestSandboxRuns::cancel_refusals()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    const ProbeReply reply = m_http->send("POST", path.arg(thread, run), "");
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.detail(), detail);
    QCOMPARE(statusOf(thread, run), u"running"_s);
}

void TestSandboxRuns::delete_removesTheRun()
{
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    m_clock->advance(11s);
    ProbeReply reply = m_http->del(u"/threads/%1/runs/%2"_s.arg(thread, run));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object(), QJsonObject());
    QCOMPARE(m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, run)).status, 404);
    reply = m_http->del(u"/threads/%1/runs/%2"_s.arg(thread, run));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.detail(), u"Run %1 not found"_s.arg(run));
    QCOMPARE(m_http->del(u"/threads/%1/runs/x"_s.arg(thread)).status, 422);
}

void TestSandboxRuns::list_filtersByStatus_andPages()
{
    const QString thread = createThread();
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        ids.append(createRun(thread).object().value("run_id"_L1).toString());
        m_clock->advance(1s);
    }
    QCOMPARE(m_http->get(u"/threads/%1/runs?status=running"_s.arg(thread)).array().size(), 1);
    const QJsonArray pending
        = m_http->get(u"/threads/%1/runs?status=pending"_s.arg(thread)).array();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).toObject().value("run_id"_L1).toString(), ids.at(2)); // newest first
    const QJsonArray page = m_http->get(u"/threads/%1/runs?limit=1&offset=1"_s.arg(thread)).array();
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.at(0).toObject().value("run_id"_L1).toString(), ids.at(1));
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).array().size(), 3);
    m_clock->advance(30s);
    QCOMPARE(m_http->get(u"/threads/%1/runs?status=success"_s.arg(thread)).array().size(), 3);
    QCOMPARE(m_http->get(u"/threads/%1/runs?status=done"_s.arg(thread)).status, 422);
    QCOMPARE(m_http->get(u"/threads/%1/runs?limit=x"_s.arg(thread)).status, 422);
    QCOMPARE(m_http->get(u"/threads/00000000-0000-4000-8000-000000000004/runs"_s).status, 404);
}

void TestSandboxRuns::errorRate_one_endsEveryRunInError()
{
    start(5s, 1.0);
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    QCOMPARE(statusOf(thread, run), u"running"_s);
    m_clock->advance(5s);
    QCOMPARE(statusOf(thread, run), u"error"_s);
    QCOMPARE(m_http->get(u"/threads/"_s + thread).object().value("status"_L1).toString(),
             u"error"_s);
}

void TestSandboxRuns::join_ofAFailedRun_answersItsError_asTheServerDoes()
{
    start(5s, 1.0);
    const QString thread = createThread();
    const QString run = createRun(thread).object().value("run_id"_L1).toString();
    m_clock->advance(5s);
    // The Run object has no error field; the join of an errored run carries it under __error__.
    QVERIFY(!getRun(thread, run).contains("error"_L1));
    const ProbeReply joined = m_http->get(u"/threads/%1/runs/%2/join"_s.arg(thread, run));
    QCOMPARE(joined.status, 200);
    const QJsonObject error = joined.object().value("__error__"_L1).toObject();
    QCOMPARE(error.value("error"_L1).toString(), u"SandboxRunError"_s);
    QVERIFY(error.value("message"_L1).toString().contains(run));

    // A successful run's join answers with the thread's values, without an error.
    start(5s, 0.0);
    const QString other = createThread();
    const QString ok = createRun(other).object().value("run_id"_L1).toString();
    m_clock->advance(5s);
    const ProbeReply values = m_http->get(u"/threads/%1/runs/%2/join"_s.arg(other, ok));
    QCOMPARE(values.status, 200);
    QVERIFY(!values.object().contains("__error__"_L1));
    QCOMPARE(m_http->get(u"/threads/%1/runs/%2/join"_s.arg(other, createThread())).status, 404);
}

void TestSandboxRuns::errorRate_sameSeed_sameOutcomes()
{
    const auto outcomes = [this](int seed) {
        start(0ms, 0.5, seed);
        QStringList result;
        for (int i = 0; i < 16; ++i) {
            const QJsonObject run
                = m_http
                      ->post(u"/runs"_s,
                             {{u"assistant_id"_s, u"agent"_s}, {u"on_completion"_s, u"keep"_s}})
                      .object();
            result.append(
                statusOf(run.value("thread_id"_L1).toString(), run.value("run_id"_L1).toString()));
        }
        return result;
    };
    const QStringList first = outcomes(7);
    QVERIFY(first.contains(u"success"_s));
    QVERIFY(first.contains(u"error"_s));
    QCOMPARE(outcomes(7), first);
    QVERIFY(outcomes(8) != first);
}

void TestSandboxRuns::schedulerFiredRun_takesTimeToo_withTheCronsMetadata()
{
    const QString thread = createThread();
    const QJsonObject cron
        = m_http
              ->post(u"/threads/%1/runs/crons"_s.arg(thread),
                     {{u"assistant_id"_s, u"agent"_s},
                      {u"schedule"_s, u"* * * * *"_s},
                      {u"metadata"_s, QJsonObject {{u"crondesk_cron_tag"_s, u"tag-1"_s}}}})
              .object();
    QVERIFY(!cron.isEmpty());
    m_clock->advance(31s); // 12:01:01, the cron fires
    QJsonArray runs = m_http->get(u"/threads/%1/runs"_s.arg(thread)).array();
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value("status"_L1).toString(), u"running"_s);
    QCOMPARE(run.value("metadata"_L1).toObject().value("crondesk_cron_tag"_L1).toString(),
             u"tag-1"_s);
    QCOMPARE(run.value("multitask_strategy"_L1).toString(), u"enqueue"_s);
    m_clock->advance(10s);
    QCOMPARE(statusOf(thread, run.value("run_id"_L1).toString()), u"success"_s);
}

void TestSandboxRuns::schedulerFiredRun_rejectCron_skipsWhileItsLastRunIsActive()
{
    start(90s);
    const QString thread = createThread();
    m_http->post(u"/threads/%1/runs/crons"_s.arg(thread),
                 {{u"assistant_id"_s, u"agent"_s},
                  {u"schedule"_s, u"* * * * *"_s},
                  {u"multitask_strategy"_s, u"reject"_s}});
    m_clock->advance(31s); // 12:01:01: fires, runs until 12:02:31
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).array().size(), 1);
    m_clock->advance(60s); // 12:02:01: busy, the occurrence passes without a run
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).array().size(), 1);
    m_clock->advance(60s); // 12:03:01: idle again, fires
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).array().size(), 2);
}

QTEST_GUILESS_MAIN(TestSandboxRuns)
#include "tst_sandbox_runs.moc"
