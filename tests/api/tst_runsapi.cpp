// The client's runs calls against the sandbox over real HTTP: the exact bodies and queries,
// the decoded Run, errors mapped to kinds (409 for a busy thread), creates sent once, and the
// read-only refusal that sends nothing.
#include <models/api/apiclient.h>
#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using sandbox::ManualClock;
using sandbox::SandboxServer;

namespace {

template<typename Request>
api::ApiError waitFor(Request *request)
{
    QSignalSpy finished(request, &api::ApiRequest::finished);
    api::ApiError error;
    QObject::connect(request, &api::ApiRequest::failed,
                     [&error](const api::ApiError &e) { error = e; });
    if (!finished.wait(20000)) {
        error.kind = Kind::UnexpectedStatus;
        error.message = u"test timed out waiting for the request"_s;
    }
    return error;
}

template<typename T>
T resultOf(api::ApiResultRequest<T> *request)
{
    T value {};
    request->then(
        request, [&value](const T &result) { value = result; }, [](const api::ApiError &) {});
    const api::ApiError error = waitFor(request);
    if (error.isError())
        qWarning("request failed: %s", qPrintable(error.toString()));
    return value;
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TestRunsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock
            = std::make_unique<ManualClock>(QDateTime(QDate(2026, 7, 1), QTime(12, 0, 0), Qt::UTC));
        SandboxServer::Options options;
        options.clock = m_clock.get();
        options.runDuration = 10s;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_thread = m_server->createThread().value("thread_id"_L1).toString();
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        m_clock.reset();
    }

    void createThreadRun_sendsOnlyWhatIsSet_andDecodesTheRun()
    {
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        create.input = QJsonObject {{u"q"_s, 1}};
        create.metadata = QJsonObject {{u"crondesk_request_id"_s, u"k"_s}};
        create.multitaskStrategy = u"interrupt"_s;
        create.onCompletion = u"keep"_s; // stateless only: not sent on a thread
        const api::Run run = resultOf(m_client->createThreadRun(m_thread, create));
        QCOMPARE(m_server->lastRequest().path, u"/threads/%1/runs"_s.arg(m_thread));
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 QJsonObject({{u"assistant_id"_s, u"agent"_s},
                              {u"input"_s, QJsonObject {{u"q"_s, 1}}},
                              {u"metadata"_s, QJsonObject {{u"crondesk_request_id"_s, u"k"_s}}},
                              {u"multitask_strategy"_s, u"interrupt"_s}}));
        QCOMPARE(run.threadId, m_thread);
        QCOMPARE(run.status, u"pending"_s);
        QCOMPARE(run.multitaskStrategy, u"interrupt"_s);
        QCOMPARE(run.metadata.value("crondesk_request_id"_L1).toString(), u"k"_s);
        QCOMPARE(run.createdAt, QDateTime(QDate(2026, 7, 1), QTime(12, 0, 0), Qt::UTC));
    }

    void getThreadRun_followsTheRunToItsEnd()
    {
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        const api::Run run = resultOf(m_client->createThreadRun(m_thread, create));
        QCOMPARE(resultOf(m_client->getThreadRun(m_thread, run.runId)).status, u"running"_s);
        m_clock->advance(10s);
        const api::Run done = resultOf(m_client->getThreadRun(m_thread, run.runId));
        QCOMPARE(done.status, u"success"_s);
        QCOMPARE(done.updatedAt, run.createdAt.addSecs(10));
    }

    void createThreadRun_rejectOnABusyThread_isConflict_andSentOnce()
    {
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        resultOf(m_client->createThreadRun(m_thread, create));
        create.multitaskStrategy = u"reject"_s;
        const api::ApiError error = waitFor(m_client->createThreadRun(m_thread, create));
        QCOMPARE(error.kind, Kind::Conflict);
        QVERIFY(error.message.contains(u"already running"_s));
        QCOMPARE(
            m_server->requestLog().matching("POST", u"/threads/%1/runs"_s.arg(m_thread)).size(), 2);
    }

    void createStatelessRun_sendsOnCompletion_notTheThreadFields()
    {
        api::RunCreate create;
        create.assistantId = u"echo"_s;
        create.onCompletion = u"keep"_s;
        create.multitaskStrategy = u"enqueue"_s; // thread only: not sent
        create.ifNotExists = u"create"_s; // thread only: not sent
        const api::Run run = resultOf(m_client->createStatelessRun(create));
        QCOMPARE(m_server->lastRequest().path, u"/runs"_s);
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 QJsonObject({{u"assistant_id"_s, u"echo"_s}, {u"on_completion"_s, u"keep"_s}}));
        QVERIFY(!run.threadId.isEmpty());
        QVERIFY(run.threadId != m_thread);
    }

    void cancelThreadRun_sendsActionAndWait_andInterrupts()
    {
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        const api::Run run = resultOf(m_client->createThreadRun(m_thread, create));
        QCOMPARE(waitFor(m_client->cancelThreadRun(m_thread, run.runId)).kind, Kind::None);
        QCOMPARE(m_server->lastRequest().query, QByteArray("wait=false&action=interrupt"));
        QCOMPARE(resultOf(m_client->getThreadRun(m_thread, run.runId)).status, u"interrupted"_s);
        QCOMPARE(
            waitFor(m_client->cancelThreadRun(m_thread, u"00000000-0000-4000-8000-000000000009"_s,
                                              api::CancelAction::Rollback, true))
                .kind,
            Kind::NotFound);
        QCOMPARE(m_server->lastRequest().query, QByteArray("wait=true&action=rollback"));
    }

    void listThreadRuns_withStatus_filters()
    {
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        resultOf(m_client->createThreadRun(m_thread, create));
        resultOf(m_client->createThreadRun(m_thread, create)); // queued behind the first
        const QList<api::Run> pending
            = resultOf(m_client->listThreadRuns(m_thread, u"pending"_s, 10, 0));
        QCOMPARE(m_server->lastRequest().query, QByteArray("status=pending&limit=10&offset=0"));
        QCOMPARE(pending.size(), 1);
        QCOMPARE(resultOf(m_client->listThreadRuns(m_thread, 10, 0)).size(), 2);
    }

    void readOnlyClient_refusesEveryRunWrite_withoutSending()
    {
        api::RequestFactory factory(m_server->baseUrl());
        factory.setReadOnly(true, u"Read-only profile."_s);
        m_client->setRequestFactory(factory);
        m_server->clearRequests();
        api::RunCreate create;
        create.assistantId = u"agent"_s;
        QCOMPARE(waitFor(m_client->createThreadRun(m_thread, create)).kind, Kind::Forbidden);
        QCOMPARE(waitFor(m_client->createStatelessRun(create)).kind, Kind::Forbidden);
        QCOMPARE(
            waitFor(m_client->cancelThreadRun(m_thread, u"00000000-0000-4000-8000-000000000009"_s))
                .kind,
            Kind::Forbidden);
        QVERIFY(m_server->requests().isEmpty());
        // Reading stays allowed.
        QCOMPARE(waitFor(m_client->listThreadRuns(m_thread)).kind, Kind::None);
    }

    void fromCronPayload_takesTheRunParameters()
    {
        const QJsonObject payload {{u"input"_s, QJsonObject {{u"a"_s, 1}}},
                                   {u"metadata"_s, QJsonObject {{u"m"_s, 2}}},
                                   {u"config"_s, QJsonObject {{u"tags"_s, QJsonArray {u"x"_s}}}},
                                   {u"webhook"_s, u"https://h/x"_s},
                                   {u"multitask_strategy"_s, u"reject"_s},
                                   {u"schedule"_s, u"* * * * *"_s},
                                   {u"timezone"_s, u"UTC"_s}};
        const api::RunCreate run = api::RunCreate::fromCronPayload(u"a-id"_s, payload);
        QJsonObject expected = payload;
        expected.remove(u"schedule"_s);
        expected.remove(u"timezone"_s);
        expected.insert(u"assistant_id"_s, u"a-id"_s);
        QCOMPARE(run.toJson(false), expected);
        expected.remove(u"multitask_strategy"_s);
        QCOMPARE(run.toJson(true), expected);
    }

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    QString m_thread;
};

QTEST_GUILESS_MAIN(TestRunsApi)
#include "tst_runsapi.moc"
