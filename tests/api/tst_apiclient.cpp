// The API client against the project's sandbox server over real HTTP on 127.0.0.1: every endpoint,
// the exact bodies of api-contract §7, every error kind through fault injection, the retry rules,
// abort, a requester destroyed mid-flight, and path encoding.
#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <tests/sandbox/sandboxserver.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using sandbox::FaultRule;
using sandbox::SandboxServer;

Q_DECLARE_METATYPE(crondesk::api::ApiError::Kind)

namespace {

// Runs a request to completion and returns its error (Kind::None on success).
template<typename Request>
api::ApiError waitFor(Request *request, int timeoutMs = 20000)
{
    QSignalSpy finished(request, &api::ApiRequest::finished);
    api::ApiError error;
    QObject::connect(request, &api::ApiRequest::failed,
                     [&error](const api::ApiError &e) { error = e; });
    if (!finished.wait(timeoutMs)) {
        error.kind = Kind::UnexpectedStatus;
        error.message = u"test timed out waiting for the request"_s;
    }
    return error;
}

// Runs a request to completion and returns its result; fails the test on an error.
template<typename T>
T resultOf(api::ApiResultRequest<T> *request, int timeoutMs = 20000)
{
    T value {};
    request->then(
        request, [&value](const T &result) { value = result; }, [](const api::ApiError &) {});
    const api::ApiError error = waitFor(request, timeoutMs);
    if (error.isError())
        qWarning("request failed: %s", qPrintable(error.toString()));
    return value;
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// JSON fixtures written with single quotes, to keep them readable without escapes.
QJsonObject object(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}

QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QString dataFile(const char *name)
{
    return QStringLiteral(QT_TESTCASE_SOURCEDIR "/data/") + QLatin1StringView(name);
}

api::CronCreate cronCreate(const QString &schedule, const QString &assistant)
{
    api::CronCreate cron;
    cron.schedule = schedule;
    cron.assistantId = assistant;
    return cron;
}

FaultRule fault(const QByteArray &method, const QString &path)
{
    FaultRule rule;
    rule.method = method;
    rule.path = path;
    return rule;
}

FaultRule statusFault(const QByteArray &method, const QString &path, int status, int times = -1,
                      const QByteArray &body = {})
{
    FaultRule rule = fault(method, path);
    rule.action = FaultRule::Action::Status;
    rule.status = status;
    rule.times = times;
    rule.body = body;
    return rule;
}

} // namespace

class TestApiClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;

    void startServer(SandboxServer::Options options)
    {
        options.scheduler = false;
        m_client.reset();
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY2(m_server->listen() != 0, qPrintable(m_server->errorString()));
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }

    void setTimeout(std::chrono::milliseconds timeout)
    {
        api::RequestFactory factory = m_client->requestFactory();
        factory.setTransferTimeout(timeout);
        m_client->setRequestFactory(factory);
    }

    QList<sandbox::RecordedRequest> sent(const QByteArray &method, const QString &path) const
    {
        return m_server->requestLog().matching(method, path);
    }

    QString anyCronId(bool threadBound = false)
    {
        const QJsonObject body {{"schedule"_L1, u"0 9 * * *"_s}, {"assistant_id"_L1, u"agent"_s}};
        const QString threadId
            = threadBound ? m_server->createThread().value("thread_id"_L1).toString() : QString();
        return m_server->createCron(body, threadId).value("cron_id"_L1).toString();
    }

private Q_SLOTS:
    void init() { startServer({.seedCount = 25}); }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // --- Meta ---

    void ok_answersOk()
    {
        const QJsonObject answer = resultOf(m_client->ok());
        QCOMPARE(answer.value("ok"_L1), QJsonValue(true));
        QCOMPARE(m_server->lastRequest().method, QByteArray("GET"));
        QCOMPARE(m_server->lastRequest().path, u"/ok"_s);
    }

    void info_readsVersionAndFlags()
    {
        startServer({.seedCount = 0, .serverVersion = u"0.9.3"_s});
        const api::ServerInfo info = resultOf(m_client->info());
        QCOMPARE(info.version, u"0.9.3"_s);
        QVERIFY(info.flag("crons"_L1));
        QCOMPARE(info.hostKind(), u"self-hosted"_s);
    }

    void probe_derivesCapabilitiesFromTheVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("patch");
        QTest::addColumn<bool>("metadataFilter");
        QTest::addColumn<bool>("getById");
        QTest::newRow("0.7.20") << u"0.7.20"_s << false << false << false;
        QTest::newRow("0.9.0rc1") << u"0.9.0rc1"_s << true << true << false;
        QTest::newRow("0.12.0") << u"0.12.0"_s << true << true << true;
    }
    void probe_derivesCapabilitiesFromTheVersion()
    {
        QFETCH(QString, version);
        startServer({.seedCount = 3, .serverVersion = version});
        api::CapabilityProbe *probe = m_client->probeCapabilities();
        QSignalSpy finished(probe, &api::CapabilityProbe::finished);
        QSignalSpy succeeded(probe, &api::CapabilityProbe::succeeded);
        QVERIFY(finished.wait(10000));
        QCOMPARE(succeeded.size(), 1);
        const api::ServerCapabilities &capabilities = m_client->capabilities();
        QCOMPARE(capabilities.version, version);
        QVERIFY(capabilities.cronsSupported);
        QTEST(capabilities.supportsPatch, "patch");
        QTEST(capabilities.supportsMetadataFilter, "metadataFilter");
        QTEST(capabilities.supportsGetById, "getById");
    }

    void probe_cronRoutesNotImplemented_meansNoCrons()
    {
        // The JS dev server: /info says nothing useful, every cron route answers 500.
        m_server->addFault(statusFault("", u"/runs/crons*"_s, 500, -1, "Not implemented"));
        m_server->addFault(
            statusFault("GET", u"/info"_s, 404, -1, quoted("{'detail':'Not Found'}")));
        api::CapabilityProbe *probe = m_client->probeCapabilities();
        QSignalSpy succeeded(probe, &api::CapabilityProbe::succeeded);
        QVERIFY(succeeded.wait(10000));
        QVERIFY(!m_client->capabilities().versionKnown);
        QVERIFY(!m_client->capabilities().cronsSupported);
    }

    void probe_unauthorized_fails()
    {
        startServer({.seedCount = 1, .apiKey = u"k"_s});
        api::CapabilityProbe *probe = m_client->probeCapabilities();
        QSignalSpy failed(probe, &api::CapabilityProbe::failed);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, Kind::Unauthorized);
    }

    // --- Cron create, get, update ---

    void createCron_sendsExactlyTheContractBodyAndReturnsTheCron()
    {
        // §7.1, with a graph name (§7.11) since the sandbox knows no "asst_456".
        auto *request = m_client->createCron(cronCreate(u"0 12 * * *"_s, u"agent"_s));
        const api::Cron cron = resultOf(request);
        const auto posts = sent("POST", u"/runs/crons"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(jsonOf(posts.first().body),
                 object("{'schedule':'0 12 * * *','assistant_id':'agent'}"));
        QCOMPARE(posts.first().header("content-type"), QByteArray("application/json"));
        QVERIFY(api::isUuid(cron.cronId));
        QCOMPARE(cron.assistantId, api::systemAssistantId(u"agent"_s));
        QCOMPARE(cron.schedule, u"0 12 * * *"_s);
        QVERIFY(cron.isStateless());
        QVERIFY(cron.enabled);
        QVERIFY(!cron.endTime.isValid());
    }

    void createCron_integrationExample_isSentFieldForField()
    {
        // §7.11.
        api::CronCreate create = cronCreate(u"0 0 1 1 *"_s, u"agent"_s);
        create.input = object("{'messages':[],'value':'init','items':[]}");
        create.metadata = object("{'suite':'integration','label':'crons-async'}");
        const api::Cron cron = resultOf(m_client->createCron(create));
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'schedule':'0 0 1 1 *','assistant_id':'agent',"
                        "'input':{'messages':[],'value':'init','items':[]},"
                        "'metadata':{'suite':'integration','label':'crons-async'}}"));
        QCOMPARE(cron.metadata, object("{'suite':'integration','label':'crons-async'}"));
        QCOMPARE(cron.payload.value("input"_L1).toObject(),
                 object("{'messages':[],'value':'init','items':[]}"));
    }

    void createCron_enabledAndEndTime_areSentAsTheSdkDoes_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::newRow("enabled") << true;
        QTest::newRow("disabled") << false;
    }
    void createCron_enabledAndEndTime_areSentAsTheSdkDoes()
    {
        // §7.2 and §7.4.
        QFETCH(bool, enabled);
        api::CronCreate create = cronCreate(u"0 12 * * *"_s, u"agent"_s);
        create.enabled = enabled;
        create.endTime = QDateTime(QDate(2035, 6, 15), QTime(12, 0), Qt::UTC);
        const api::Cron cron = resultOf(m_client->createCron(create));
        QJsonObject expected = object("{'schedule':'0 12 * * *','assistant_id':'agent',"
                                      "'end_time':'2035-06-15T12:00:00+00:00'}");
        expected.insert(u"enabled"_s, enabled);
        QCOMPARE(jsonOf(m_server->lastRequest().body), expected);
        QCOMPARE(cron.enabled, enabled);
        QCOMPARE(cron.endTime, QDateTime(QDate(2035, 6, 15), QTime(12, 0), Qt::UTC));
    }

    void createThreadCron_postsToTheThreadPathWithoutOnRunCompleted()
    {
        // §7.3; thread crons have no on_run_completed, so it is not sent even when set.
        const QString threadId = m_server->createThread().value("thread_id"_L1).toString();
        api::CronCreate create = cronCreate(u"0 0 * * *"_s, u"agent"_s);
        create.onRunCompleted = u"keep"_s;
        const api::Cron cron = resultOf(m_client->createThreadCron(threadId, create));
        const auto posts = sent("POST", u"/threads/"_s + threadId + u"/runs/crons"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(jsonOf(posts.first().body),
                 object("{'schedule':'0 0 * * *','assistant_id':'agent'}"));
        QCOMPARE(cron.threadId, threadId);
        QVERIFY(!cron.isStateless());
    }

    void createCron_refusals_areTypedWithTheFieldNamed_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("assistant");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("field");
        QTest::newRow("bad timezone") << object("{'timezone':'Mars/Base'}") << u"agent"_s
                                      << Kind::Validation << u"timezone"_s;
        QTest::newRow("unknown assistant")
            << QJsonObject() << u"nope"_s << Kind::NotFound << u"assistant_id"_s;
        QTest::newRow("bad enum value") << object("{'on_run_completed':'sometimes'}") << u"agent"_s
                                        << Kind::Validation << u"on_run_completed"_s;
        QTest::newRow("bad schedule") << object("{'schedule':'61 * * * *'}") << u"agent"_s
                                      << Kind::Validation << u"schedule"_s;
    }
    void createCron_refusals_areTypedWithTheFieldNamed()
    {
        QFETCH(QJsonObject, extra);
        QFETCH(QString, assistant);
        api::CronCreate create
            = cronCreate(extra.value("schedule"_L1).toString(u"0 8 * * *"_s), assistant);
        if (extra.contains("timezone"_L1))
            create.timezone = extra.value("timezone"_L1).toString();
        if (extra.contains("on_run_completed"_L1))
            create.onRunCompleted = extra.value("on_run_completed"_L1).toString();
        const api::ApiError error = waitFor(m_client->createCron(create));
        QTEST(error.kind, "kind");
        QTEST(error.field, "field");
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
    }

    void getCron_returnsTheCron()
    {
        const QString cronId = anyCronId();
        const api::Cron cron = resultOf(m_client->getCron(cronId));
        QCOMPARE(cron.cronId, cronId);
        QCOMPARE(cron.schedule, u"0 9 * * *"_s);
        QCOMPARE(m_server->lastRequest().method, QByteArray("GET"));
        QVERIFY(m_server->lastRequest().body.isEmpty());
    }

    void getCron_unknownId_isNotFoundAndNotRetried()
    {
        const api::ApiError error
            = waitFor(m_client->getCron(u"00000000-0000-4000-8000-000000000000"_s));
        QCOMPARE(error.kind, Kind::NotFound);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void updateCron_sendsOnlyTheChangedFields()
    {
        // §7.5: exactly schedule and enabled: false.
        const QString cronId = anyCronId();
        api::CronPatch patch;
        patch.schedule = u"0 10 * * *"_s;
        patch.enabled = false;
        const api::Cron cron = resultOf(m_client->updateCron(cronId, patch));
        const auto patches = sent("PATCH", u"/runs/crons/"_s + cronId);
        QCOMPARE(patches.size(), 1);
        QCOMPARE(jsonOf(patches.first().body), object("{'schedule':'0 10 * * *','enabled':false}"));
        QCOMPARE(cron.schedule, u"0 10 * * *"_s);
        QVERIFY(!cron.enabled);
    }

    void updateCron_clearEndTime_sendsNullAndClearsIt()
    {
        // §7.6 then §7.7.
        const QString cronId = anyCronId();
        api::CronPatch set;
        set.schedule = u"0 10 * * *"_s;
        set.endTime = QDateTime(QDate(2035, 12, 31), QTime(23, 59, 59), Qt::UTC);
        set.enabled = true;
        QVERIFY(resultOf(m_client->updateCron(cronId, set)).endTime.isValid());
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'schedule':'0 10 * * *','end_time':'2035-12-31T23:59:59+00:00',"
                        "'enabled':true}"));

        api::CronPatch clear;
        clear.clearEndTime = true;
        const api::Cron cleared = resultOf(m_client->updateCron(cronId, clear));
        QCOMPARE(m_server->lastRequest().body, QByteArray("{\"end_time\":null}"));
        QVERIFY(!cleared.endTime.isValid());
    }

    void updateCron_onlyEnabled_sendsNoSchedule_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::newRow("enable") << true;
        QTest::newRow("disable") << false;
    }
    void updateCron_onlyEnabled_sendsNoSchedule()
    {
        // §7.8.
        QFETCH(bool, enabled);
        const QString cronId = anyCronId();
        api::CronPatch patch;
        patch.enabled = enabled;
        QCOMPARE(resultOf(m_client->updateCron(cronId, patch)).enabled, enabled);
        QJsonObject expected;
        expected.insert(u"enabled"_s, enabled);
        QCOMPARE(jsonOf(m_server->lastRequest().body), expected);
    }

    void updateCron_metadata_isMergedByTheServer()
    {
        const QJsonObject created = m_server->createCron(
            object("{'schedule':'0 9 * * *','assistant_id':'agent','metadata':{'a':'1'}}"));
        api::CronPatch patch;
        patch.metadata = object("{'b':'2'}");
        const api::Cron cron
            = resultOf(m_client->updateCron(created.value("cron_id"_L1).toString(), patch));
        QCOMPARE(cron.metadata, object("{'a':'1','b':'2'}"));
    }

    void updateCron_emptyPatch_failsWithoutSending()
    {
        const api::ApiError error = waitFor(m_client->updateCron(anyCronId(), api::CronPatch()));
        QCOMPARE(error.kind, Kind::BadRequest);
        QCOMPARE(error.httpStatus, 0);
        QVERIFY(sent("PATCH", u"/runs/crons/*"_s).isEmpty());
        QVERIFY(m_server->requests().isEmpty());
    }

    // --- Search, count, delete ---

    void search_firstPage_returnsLimitCronsAndANextOffset()
    {
        const api::CronPage page = resultOf(m_client->searchCrons({}));
        QCOMPARE(page.crons.size(), 10);
        QCOMPARE(page.nextOffset, std::optional<int>(10));
        for (const api::Cron &cron : page.crons) {
            QVERIFY(api::isUuid(cron.cronId));
            QVERIFY(!cron.schedule.isEmpty());
            QVERIFY(cron.nextRunDate.isValid());
        }
    }

    void search_defaultQuery_sendsExactlyTheSdkBody()
    {
        // api-contract §7.9: with no filters the body is {"limit":10,"offset":0}.
        QCOMPARE(waitFor(m_client->searchCrons({})).kind, Kind::None);
        const auto posts = sent("POST", u"/runs/crons/search"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(jsonOf(posts.first().body), (QJsonObject {{"limit"_L1, 10}, {"offset"_L1, 0}}));
        QCOMPARE(posts.first().header("content-type"), QByteArray("application/json"));
    }

    void search_withMetadataAndDisabledFilter_sendsThemAndFalseIsNotDropped()
    {
        api::CronSearchQuery query;
        query.metadata = QJsonObject {{"owner"_L1, "alice"_L1}};
        query.enabled = false;
        QCOMPARE(waitFor(m_client->searchCrons(query)).kind, Kind::None);
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'limit':10,'offset':0,'enabled':false,'metadata':{'owner':'alice'}}"));
    }

    void search_jsSdkExample_isSentExactlyAndTheGraphNameIsRefused()
    {
        // §7.12: the body field for field; the sandbox, like a 0.8 server, wants a UUID.
        api::CronSearchQuery query;
        query.assistantId = u"asst_123"_s;
        query.metadata = object("{'owner':'alice'}");
        const api::ApiError error = waitFor(m_client->searchCrons(query));
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'assistant_id':'asst_123','metadata':{'owner':'alice'},'limit':10,"
                        "'offset':0}"));
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(error.field, u"assistant_id"_s);
    }

    void search_metadataFilter_findsOnlyMatchingCrons()
    {
        m_server->createCron(
            object("{'schedule':'0 9 * * *','assistant_id':'agent','metadata':{'team':'x9'}}"));
        api::CronSearchQuery query;
        query.metadata = object("{'team':'x9'}");
        const api::CronPage page = resultOf(m_client->searchCrons(query));
        QCOMPARE(page.crons.size(), 1);
        QCOMPARE(page.crons.first().metadata.value("team"_L1).toString(), u"x9"_s);
        QVERIFY(!page.nextOffset);
    }

    void search_neverSendsSelectNow()
    {
        api::CronSearchQuery query;
        query.select = QStringList {u"cron_id"_s, u"now"_s, u"enabled"_s};
        const api::CronPage page = resultOf(m_client->searchCrons(query));
        QCOMPARE(jsonOf(m_server->lastRequest().body).value("select"_L1).toArray(),
                 (QJsonArray {u"cron_id"_s, u"enabled"_s}));
        QCOMPARE(page.crons.size(), 10); // rows with only the selected fields still decode
        QVERIFY(page.crons.first().schedule.isEmpty());
    }

    void count_answersTheBareInteger()
    {
        QCOMPARE(resultOf(m_client->countCrons({})), 25);
        QCOMPARE(jsonOf(m_server->lastRequest().body), QJsonObject());
    }

    void count_withMetadata_sendsExactlyTheSdkBody()
    {
        // §7.10 and §7.12.
        api::CronCountQuery query;
        query.metadata = object("{'team':'infra'}");
        QCOMPARE(resultOf(m_client->countCrons(query)), 0);
        QCOMPARE(jsonOf(m_server->lastRequest().body), object("{'metadata':{'team':'infra'}}"));
        query.assistantId = api::systemAssistantId(u"agent"_s);
        resultOf(m_client->countCrons(query));
        QJsonObject expected = object("{'metadata':{'team':'infra'}}");
        expected.insert(u"assistant_id"_s, api::systemAssistantId(u"agent"_s));
        QCOMPARE(jsonOf(m_server->lastRequest().body), expected);
    }

    void delete_existingCron_succeedsAndTheCronIsGone()
    {
        const QString cronId = anyCronId();
        QCOMPARE(waitFor(m_client->deleteCron(cronId)).kind, Kind::None);
        const auto deletes = sent("DELETE", u"/runs/crons/"_s + cronId);
        QCOMPARE(deletes.size(), 1);
        QVERIFY(deletes.first().body.isEmpty());
        QCOMPARE(resultOf(m_client->countCrons({})), 25);
        QCOMPARE(waitFor(m_client->getCron(cronId)).kind, Kind::NotFound);
    }

    void delete_unknownId_givesATypedNotFound()
    {
        const api::ApiError error
            = waitFor(m_client->deleteCron(u"00000000-0000-4000-8000-000000000000"_s));
        QCOMPARE(error.kind, Kind::NotFound);
        QCOMPARE(error.httpStatus, 404);
        QVERIFY(!error.message.isEmpty());
    }

    void delete_nonUuidId_isRejectedWithTheFieldNamed()
    {
        const api::ApiError error = waitFor(m_client->deleteCron(u"not-a-uuid"_s));
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(error.message, u"Invalid cron ID: must be a UUID"_s);
        QCOMPARE(error.field, u"cron_id"_s);
    }

    // --- Assistants ---

    void searchAssistants_byGraph_sendsTheQueryAndDecodes()
    {
        api::AssistantSearchQuery query;
        query.graphId = u"agent"_s;
        query.limit = 50;
        const QList<api::Assistant> assistants = resultOf(m_client->searchAssistants(query));
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'graph_id':'agent','limit':50,'offset':0}"));
        QVERIFY(!assistants.isEmpty());
        for (const api::Assistant &assistant : assistants)
            QCOMPARE(assistant.graphId, u"agent"_s);
        const bool hasSystem
            = std::any_of(assistants.cbegin(), assistants.cend(), [](const api::Assistant &a) {
                  return a.isSystem() && a.assistantId == api::systemAssistantId(u"agent"_s);
              });
        QVERIFY(hasSystem);
    }

    void getAssistant_byId_returnsIt()
    {
        const QString id = api::systemAssistantId(u"echo"_s);
        const api::Assistant assistant = resultOf(m_client->getAssistant(id));
        QCOMPARE(assistant.assistantId, id);
        QCOMPARE(assistant.graphId, u"echo"_s);
        QCOMPARE(m_server->lastRequest().path, u"/assistants/"_s + id);
    }

    void getAssistantGraph_listsInterruptibleNodes_data()
    {
        QTest::addColumn<bool>("xray");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("plain") << false << QStringList {u"plan"_s, u"search"_s, u"summarize"_s}
                               << QByteArray("xray=false");
        QTest::newRow("xray") << true
                              << QStringList {u"plan"_s, u"search:query"_s, u"search:fetch"_s,
                                              u"summarize"_s}
                              << QByteArray("xray=true");
    }
    void getAssistantGraph_listsInterruptibleNodes()
    {
        QFETCH(bool, xray);
        const QString graphId = u"researcher"_s; // the sandbox's graph with a subgraph
        const api::AssistantGraph graph = resultOf(m_client->getAssistantGraph(graphId, xray));
        QTEST(graph.interruptibleNodeIds(), "nodes");
        QCOMPARE(graph.nodeIds(true).first(), u"__start__"_s);
        QCOMPARE(graph.nodeIds(true).last(), u"__end__"_s);
        QVERIFY(!graph.edges.isEmpty());
        QVERIFY(
            std::any_of(graph.edges.cbegin(), graph.edges.cend(),
                        [](const api::AssistantGraph::Edge &edge) { return edge.conditional; }));
        QTEST(m_server->lastRequest().query, "query");
    }

    void getAssistantSchemas_readsEverySchema()
    {
        const api::AssistantSchemas schemas = resultOf(m_client->getAssistantSchemas(u"agent"_s));
        QCOMPARE(schemas.graphId, u"agent"_s);
        QCOMPARE(schemas.inputSchema.value("type"_L1).toString(), u"object"_s);
        QVERIFY(!schemas.outputSchema.isEmpty());
        QVERIFY(!schemas.stateSchema.isEmpty());
        QVERIFY(!schemas.configSchema.isEmpty());
        QVERIFY(!schemas.contextSchema.isEmpty());
    }

    void getAssistant_unknown_isNotFound()
    {
        QCOMPARE(waitFor(m_client->getAssistant(u"00000000-0000-4000-8000-000000000000"_s)).kind,
                 Kind::NotFound);
    }

    // --- Threads ---

    void createThread_thenGetAndSearchIt()
    {
        const api::Thread thread = resultOf(m_client->createThread(object("{'purpose':'t1'}")));
        QCOMPARE(jsonOf(m_server->lastRequest().body), object("{'metadata':{'purpose':'t1'}}"));
        QVERIFY(api::isUuid(thread.threadId));
        QCOMPARE(thread.status, u"idle"_s);
        QCOMPARE(resultOf(m_client->getThread(thread.threadId)).threadId, thread.threadId);

        api::ThreadSearchQuery query;
        query.metadata = object("{'purpose':'t1'}");
        query.status = u"idle"_s;
        const QList<api::Thread> found = resultOf(m_client->searchThreads(query));
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'metadata':{'purpose':'t1'},'status':'idle','limit':10,'offset':0}"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().metadata, object("{'purpose':'t1'}"));
    }

    void createThread_isNotRetried()
    {
        m_server->addFault(statusFault("POST", u"/threads"_s, 503));
        QCOMPARE(waitFor(m_client->createThread()).kind, Kind::Server);
        QCOMPARE(sent("POST", u"/threads"_s).size(), 1);
    }

    void listThreadRuns_returnsTheRunsOfASeededThreadCron()
    {
        startServer({.seedCount = 60});
        // Seeded thread crons come with past runs; find a thread that has some.
        api::ThreadSearchQuery query;
        query.limit = 100;
        QList<api::Run> runs;
        QString threadId;
        for (const api::Thread &thread : resultOf(m_client->searchThreads(query))) {
            runs = resultOf(m_client->listThreadRuns(thread.threadId, 5, 0));
            if (!runs.isEmpty()) {
                threadId = thread.threadId;
                break;
            }
        }
        QVERIFY(!runs.isEmpty());
        QCOMPARE(m_server->lastRequest().query, QByteArray("limit=5&offset=0"));
        QVERIFY(runs.size() <= 5);
        for (const api::Run &run : std::as_const(runs)) {
            QCOMPARE(run.threadId, threadId);
            QVERIFY(api::isUuid(run.runId));
            QVERIFY(!run.status.isEmpty());
        }
    }

    void getThread_unknown_isNotFound()
    {
        QCOMPARE(waitFor(m_client->getThread(u"00000000-0000-4000-8000-000000000000"_s)).kind,
                 Kind::NotFound);
    }

    // --- Path encoding ---

    void pathIds_neverEscapeTheirSegment_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<QString>("path");
        QTest::newRow("delete cron") << 0 << u"/runs/crons/..%2Fruns%2Fcrons%2Fx"_s;
        QTest::newRow("get cron") << 1 << u"/runs/crons/..%2Fruns%2Fcrons%2Fx"_s;
        QTest::newRow("patch cron") << 2 << u"/runs/crons/..%2Fruns%2Fcrons%2Fx"_s;
        QTest::newRow("thread cron") << 3 << u"/threads/..%2Fruns%2Fcrons%2Fx/runs/crons"_s;
        QTest::newRow("assistant graph") << 4 << u"/assistants/..%2Fruns%2Fcrons%2Fx/graph"_s;
        QTest::newRow("thread runs") << 5 << u"/threads/..%2Fruns%2Fcrons%2Fx/runs"_s;
    }
    void pathIds_neverEscapeTheirSegment()
    {
        QFETCH(int, call);
        const QString id = u"../runs/crons/x"_s;
        api::CronPatch patch;
        patch.enabled = true;
        api::ApiRequest *request = nullptr;
        switch (call) {
        case 0:
            request = m_client->deleteCron(id);
            break;
        case 1:
            request = m_client->getCron(id);
            break;
        case 2:
            request = m_client->updateCron(id, patch);
            break;
        case 3:
            request = m_client->createThreadCron(id, cronCreate(u"0 * * * *"_s, u"agent"_s));
            break;
        case 4:
            request = m_client->getAssistantGraph(id);
            break;
        default:
            request = m_client->listThreadRuns(id);
        }
        const api::ApiError error = waitFor(request);
        QVERIFY(error.kind == Kind::Validation || error.kind == Kind::NotFound);
        QTEST(m_server->lastRequest().path, "path");
    }

    void dotDotId_isRefusedWithoutSendingAnything()
    {
        const api::ApiError error = waitFor(m_client->deleteCron(u".."_s));
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(error.httpStatus, 0);
        QVERIFY(m_server->requests().isEmpty());
    }

    // --- Headers ---

    void apiKey_isSentInXApiKeyAndRequiredWhenTheServerHasOne()
    {
        startServer({.seedCount = 3, .apiKey = u"s3cret"_s});
        QCOMPARE(waitFor(m_client->searchCrons({})).kind, Kind::Unauthorized);
        api::RequestFactory factory(m_server->baseUrl());
        factory.setApiKey(u"s3cret"_s);
        m_client->setRequestFactory(factory);
        QCOMPARE(waitFor(m_client->searchCrons({})).kind, Kind::None);
        QCOMPARE(m_server->lastRequest().header("x-api-key"), QByteArray("s3cret"));
        QCOMPARE(m_server->lastRequest().header("user-agent"),
                 QByteArray("crondesk/" CRONDESK_VERSION));
    }

    void extraHeaders_areSentButCannotReplaceTheKey()
    {
        api::RequestFactory factory(m_server->baseUrl());
        factory.setApiKey(u"real"_s);
        factory.setExtraHeaders({{"X-Auth-Scheme", "langsmith-api-key"}, {"X-Api-Key", "fake"}});
        m_client->setRequestFactory(factory);
        QCOMPARE(waitFor(m_client->ok()).kind, Kind::None);
        QCOMPARE(m_server->lastRequest().header("x-auth-scheme"), QByteArray("langsmith-api-key"));
        QCOMPARE(m_server->lastRequest().header("x-api-key"), QByteArray("real"));
    }

    // --- Every error kind ---

    void stoppedServer_givesATypedNetworkError()
    {
        m_server->close();
        auto *request = m_client->searchCrons({});
        request->setRetryPolicy({2, std::chrono::milliseconds(10), std::chrono::milliseconds(20)});
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::Network);
        QCOMPARE(error.httpStatus, 0);
    }

    void tls_untrustedCertificate_isATlsErrorAndTrustingItWorks()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt was built without TLS support");
        startServer({.seedCount = 2,
                     .tlsCertificatePath = dataFile("api-test-cert.pem"),
                     .tlsKeyPath = dataFile("api-test-key.pem")});
        QCOMPARE(m_server->baseUrl().scheme(), u"https"_s);
        const api::ApiError error = waitFor(m_client->countCrons({}));
        QCOMPARE(error.kind, Kind::Tls);

        api::RequestFactory factory = m_client->requestFactory();
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(dataFile("api-test-cert.pem")));
        factory.setSslConfiguration(configuration);
        m_client->setRequestFactory(factory);
        QCOMPARE(resultOf(m_client->countCrons({})), 2);
    }

    void httpRefusals_mapToTheirKinds_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("400") << 400 << Kind::BadRequest;
        QTest::newRow("401") << 401 << Kind::Unauthorized;
        QTest::newRow("403") << 403 << Kind::Forbidden;
        QTest::newRow("404") << 404 << Kind::NotFound;
        QTest::newRow("409") << 409 << Kind::Conflict;
        QTest::newRow("422") << 422 << Kind::Validation;
        QTest::newRow("500") << 500 << Kind::Server;
    }
    void httpRefusals_mapToTheirKinds()
    {
        QFETCH(int, status);
        FaultRule rule = statusFault("POST", u"/runs/crons/search"_s, status, -1,
                                     quoted("{'detail':'injected detail'}"));
        rule.headers = {{"x-request-id", "req-42"}};
        m_server->addFault(rule);
        const api::ApiError error = waitFor(m_client->searchCrons({}));
        QTEST(error.kind, "kind");
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.message, u"injected detail"_s);
        QCOMPARE(error.requestId, u"req-42"_s);
        // None of these is worth repeating, not even the 500 of a search.
        QCOMPARE(sent("POST", u"/runs/crons/search"_s).size(), 1);
    }

    void malformedSuccessBody_isABadResponseNotAnEmptyList_data()
    {
        QTest::addColumn<int>("action");
        QTest::newRow("truncated JSON") << int(FaultRule::Action::Truncate);
        QTest::newRow("malformed JSON") << int(FaultRule::Action::Malformed);
        QTest::newRow("wrong content type") << int(FaultRule::Action::WrongContentType);
    }
    void malformedSuccessBody_isABadResponseNotAnEmptyList()
    {
        QFETCH(int, action);
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.action = FaultRule::Action(action);
        m_server->addFault(rule);
        const api::ApiError error = waitFor(m_client->searchCrons({}));
        QCOMPARE(error.kind, Kind::BadResponse);
        QCOMPARE(error.httpStatus, 200);
    }

    void slowServer_pastTheTransferTimeout_givesATimeoutAfterRetries()
    {
        FaultRule rule = fault("POST", u"/runs/crons/count"_s);
        rule.delayMs = 3000;
        m_server->addFault(rule);
        setTimeout(std::chrono::milliseconds(150));
        auto *request = m_client->countCrons({});
        int attempts = 0;
        connect(request, &api::ApiRequest::finished, this,
                [&attempts, request] { attempts = request->attempts(); });
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::Timeout);
        QCOMPARE(attempts, api::RetryPolicy::idempotent().maxAttempts); // a count is safe to repeat
    }

    void perRequestTimeout_overridesTheClientDefault()
    {
        FaultRule rule = fault("GET", u"/ok"_s);
        rule.delayMs = 2000;
        m_server->addFault(rule);
        auto *request = m_client->ok();
        QCOMPARE(request->transferTimeout(), std::chrono::milliseconds(30000));
        request->setTransferTimeout(std::chrono::milliseconds(100));
        request->setRetryPolicy(api::RetryPolicy::never());
        QCOMPARE(waitFor(request).kind, Kind::Timeout);
    }

    // --- Retries ---

    void search_transientFailure_isRetriedAndSucceeds_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("status");
        QTest::newRow("502") << int(FaultRule::Action::Status) << 502;
        QTest::newRow("503") << int(FaultRule::Action::Status) << 503;
        QTest::newRow("504") << int(FaultRule::Action::Status) << 504;
        QTest::newRow("dropped connection") << int(FaultRule::Action::Drop) << 0;
    }
    void search_transientFailure_isRetriedAndSucceeds()
    {
        QFETCH(int, action);
        QFETCH(int, status);
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.action = FaultRule::Action(action);
        rule.status = status;
        rule.afterBytes = 0;
        rule.times = 2;
        m_server->addFault(rule);
        auto *request = m_client->searchCrons({});
        int attempts = 0;
        connect(request, &api::ApiRequest::finished, this,
                [&attempts, request] { attempts = request->attempts(); });
        const api::CronPage page = resultOf(request);
        QCOMPARE(page.crons.size(), 10);
        // Two failures, then the answer: our own repeats only (Qt may not resend a POST).
        QCOMPARE(attempts, 3);
        QCOMPARE(sent("POST", u"/runs/crons/search"_s).size(), 3);
    }

    void rateLimited_retryAfterIsHonouredBeforeTheRepeat()
    {
        FaultRule rule
            = statusFault("POST", u"/runs/crons/count"_s, 429, 1, QByteArray("Too many requests"));
        rule.contentType = "text/plain";
        rule.headers = {{"Retry-After", "1"}};
        m_server->addFault(rule);
        QCOMPARE(resultOf(m_client->countCrons({})), 25);
        const auto counts = sent("POST", u"/runs/crons/count"_s);
        QCOMPARE(counts.size(), 2);
        // The repeat waited for the second the server asked for (a lower bound, not a speed).
        QVERIFY2(
            counts.at(0).receivedAt.msecsTo(counts.at(1).receivedAt) >= 950,
            qPrintable(QString::number(counts.at(0).receivedAt.msecsTo(counts.at(1).receivedAt))));
    }

    void rateLimited_exhaustingRetries_reportsRetryAfter()
    {
        FaultRule rule = statusFault("GET", u"/ok"_s, 429, -1, quoted("{'detail':'slow down'}"));
        rule.headers = {{"Retry-After", "0"}};
        m_server->addFault(rule);
        const api::ApiError error = waitFor(m_client->ok());
        QCOMPARE(error.kind, Kind::RateLimited);
        QCOMPARE(error.retryAfter, std::chrono::seconds(0));
        QCOMPARE(error.message, u"slow down"_s);
        QCOMPARE(sent("GET", u"/ok"_s).size(), api::RetryPolicy::idempotent().maxAttempts);
    }

    void rateLimited_longerThanARetryMayWait_endsTheCallWithRetryAfter()
    {
        FaultRule rule = statusFault("GET", u"/ok"_s, 429, -1, quoted("{'detail':'later'}"));
        rule.headers = {{"Retry-After", "120"}};
        m_server->addFault(rule);
        const api::ApiError error = waitFor(m_client->ok());
        QCOMPARE(error.kind, Kind::RateLimited);
        QCOMPARE(error.retryAfter, std::chrono::seconds(120));
        QCOMPARE(sent("GET", u"/ok"_s).size(), 1); // not repeated two minutes too early
    }

    void createAndUpdate_areNeverRepeated_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("create, 503")
            << QByteArray("POST") << int(FaultRule::Action::Status) << 503 << Kind::Server;
        QTest::newRow("create, 429")
            << QByteArray("POST") << int(FaultRule::Action::Status) << 429 << Kind::RateLimited;
        QTest::newRow("create, dropped after storing")
            << QByteArray("POST") << int(FaultRule::Action::Drop) << 0 << Kind::Network;
        QTest::newRow("create, truncated after storing")
            << QByteArray("POST") << int(FaultRule::Action::Truncate) << 0 << Kind::BadResponse;
        QTest::newRow("update, 503")
            << QByteArray("PATCH") << int(FaultRule::Action::Status) << 503 << Kind::Server;
        QTest::newRow("update, dropped")
            << QByteArray("PATCH") << int(FaultRule::Action::Drop) << 0 << Kind::Network;
    }
    void createAndUpdate_areNeverRepeated()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, action);
        QFETCH(int, status);
        const QString cronId = anyCronId();
        // Warm a keep-alive connection first: a request lost on a reused connection is the case
        // an HTTP stack is most tempted to resend.
        QCOMPARE(waitFor(m_client->ok()).kind, Kind::None);
        const QString path = method == "POST" ? u"/runs/crons"_s : u"/runs/crons/"_s + cronId;
        FaultRule rule = fault(method, path);
        rule.action = FaultRule::Action(action);
        rule.status = status;
        rule.afterBytes = 0;
        rule.headers = {{"Retry-After", "0"}};
        m_server->addFault(rule);
        m_server->clearRequests();
        const qint64 before = resultOf(m_client->countCrons({}));

        api::ApiRequest *request = nullptr;
        if (method == "POST") {
            request = m_client->createCron(cronCreate(u"0 7 * * *"_s, u"agent"_s));
        } else {
            api::CronPatch patch;
            patch.schedule = u"0 11 * * *"_s;
            request = m_client->updateCron(cronId, patch);
        }
        const api::ApiError error = waitFor(request);
        QTEST(error.kind, "kind");
        QCOMPARE(sent(method, path).size(), 1);
        m_server->clearFaults();
        const qint64 after = resultOf(m_client->countCrons({}));
        if (method == "POST" && action != int(FaultRule::Action::Status))
            QCOMPARE(after, before + 1); // stored once, answer lost: exactly one cron
        else
            QCOMPARE(after, before);
    }

    void delete_retriedAfterALostAnswer_treatsTheSecond404AsDone()
    {
        // The first DELETE runs and its answer is lost; the repeat finds nothing to delete.
        const QString cronId = anyCronId();
        FaultRule rule = fault("DELETE", u"/runs/crons/"_s + cronId);
        rule.action = FaultRule::Action::Drop;
        rule.afterBytes = 0;
        rule.times = 1;
        m_server->addFault(rule);
        QCOMPARE(waitFor(m_client->deleteCron(cronId)).kind, Kind::None);
        QCOMPARE(sent("DELETE", u"/runs/crons/"_s + cronId).size(), 2);
        QCOMPARE(waitFor(m_client->getCron(cronId)).kind, Kind::NotFound);
    }

    void delete_503_isRetried()
    {
        const QString cronId = anyCronId();
        m_server->addFault(statusFault("DELETE", u"/runs/crons/"_s + cronId, 503, 1));
        QCOMPARE(waitFor(m_client->deleteCron(cronId)).kind, Kind::None);
        QCOMPARE(sent("DELETE", u"/runs/crons/"_s + cronId).size(), 2);
    }

    // --- Abort and lifetime ---

    void abort_inFlight_givesCanceledAndNoRetry()
    {
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.delayMs = 2000;
        m_server->addFault(rule);
        auto *request = m_client->searchCrons({});
        QSignalSpy failed(request, &api::ApiRequest::failed);
        QSignalSpy succeeded(request, &api::ApiRequest::succeeded);
        connect(m_server.get(), &SandboxServer::requestReceived, request,
                [request] { request->abort(); });
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(succeeded.size(), 0);
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, Kind::Canceled);
        QCOMPARE(sent("POST", u"/runs/crons/search"_s).size(), 1);
    }

    void abort_beforeSending_sendsNothing()
    {
        auto *request = m_client->searchCrons({});
        QSignalSpy failed(request, &api::ApiRequest::failed);
        request->abort();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, Kind::Canceled);
        // A later request goes out after the aborted one would have: only it reaches the server.
        QCOMPARE(waitFor(m_client->ok()).kind, Kind::None);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->lastRequest().path, u"/ok"_s);
    }

    void backgroundDecoding_deliversTheSameResultInTheRequestsThread()
    {
        startServer({.seedCount = 1500});
        api::CronSearchQuery query;
        query.limit = 1000;
        const api::CronPage inline_ = resultOf(m_client->searchCrons(query));
        auto *request = m_client->searchCrons(query);
        request->setDecodeInBackground(true);
        QSignalSpy answered(request, &api::ApiRequest::answered);
        QThread *deliveredIn = nullptr;
        connect(request, &api::ApiRequest::succeeded, this,
                [&deliveredIn] { deliveredIn = QThread::currentThread(); });
        const api::CronPage background = resultOf(request);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(deliveredIn, QThread::currentThread());
        QCOMPARE(background.crons.size(), 1000);
        QCOMPARE(background.crons, inline_.crons);
        QCOMPARE(background.nextOffset, inline_.nextOffset);
    }

    void backgroundDecoding_ofAGarbledPage_isABadResponse()
    {
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.action = FaultRule::Action::Truncate;
        m_server->addFault(rule);
        auto *request = m_client->searchCrons({});
        request->setDecodeInBackground(true);
        QCOMPARE(waitFor(request).kind, Kind::BadResponse);
    }

    void abort_whileDecodingInBackground_givesOnlyCanceled()
    {
        startServer({.seedCount = 1000});
        api::CronSearchQuery query;
        query.limit = 1000;
        auto *request = m_client->searchCrons(query);
        request->setDecodeInBackground(true);
        QSignalSpy failed(request, &api::ApiRequest::failed);
        QSignalSpy succeeded(request, &api::ApiRequest::succeeded);
        connect(request, &api::ApiRequest::answered, request, [request] { request->abort(); });
        QSignalSpy finished(request, &api::ApiRequest::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(succeeded.size(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, Kind::Canceled);
    }

    void destroyedRequester_getsNoCallback()
    {
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.delayMs = 300;
        m_server->addFault(rule);
        auto *requester = new QObject;
        bool called = false;
        auto *request = m_client->searchCrons({});
        request->then(
            requester, [&called](const api::CronPage &) { called = true; },
            [&called](const api::ApiError &) { called = true; });
        QSignalSpy finished(request, &api::ApiRequest::finished);
        connect(m_server.get(), &SandboxServer::requestReceived, requester,
                [requester] { requester->deleteLater(); });
        QVERIFY(finished.wait(5000));
        QVERIFY(!called);
    }

    void destroyedClient_takesItsRequestsWithItSilently()
    {
        FaultRule rule = fault("POST", u"/runs/crons/search"_s);
        rule.delayMs = 300;
        m_server->addFault(rule);
        bool called = false;
        auto *request = m_client->searchCrons({});
        request->then(
            this, [&called](const api::CronPage &) { called = true; },
            [&called](const api::ApiError &) { called = true; });
        QSignalSpy destroyed(request, &QObject::destroyed);
        QSignalSpy received(m_server.get(), &SandboxServer::requestReceived);
        QVERIFY(received.wait(5000));
        m_client.reset();
        // Gone with the client, so no answer can reach a callback any more.
        QCOMPARE(destroyed.size(), 1);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
