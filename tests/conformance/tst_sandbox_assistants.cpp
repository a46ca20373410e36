// Conformance of the sandbox's assistant endpoints: search, count, get, graph and schemas.
#include "httpprobe.h"

#include <tests/sandbox/sandboxserver.h>

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::SandboxServer;

namespace {

const QString kAgentId = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
const QString kEchoId = u"046b5dc7-2108-582c-9c6c-31d556d138f0"_s;

QStringList values(const QJsonArray &array, QLatin1StringView key)
{
    QStringList result;
    for (const QJsonValue &item : array)
        result.append(item.toObject().value(key).toVariant().toString());
    return result;
}

} // namespace

class TestSandboxAssistants final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void search_withoutSeed_listsTheSystemAssistants();
    void search_withFilters_returnsOnlyMatches_data();
    void search_withFilters_returnsOnlyMatches();
    void search_sortBy_ordersEveryField_data();
    void search_sortBy_ordersEveryField();
    void search_paging_andSelect();
    void search_withInvalidBody_is422_data();
    void search_withInvalidBody_is422();
    void count_answersBareInteger_data();
    void count_answersBareInteger();
    void get_byUuidOrGraphName_data();
    void get_byUuidOrGraphName();
    void graph_listsNodesAndEdges_data();
    void graph_listsNodesAndEdges();
    void graph_withUnknownAssistantOrBadXray_fails();
    void schemas_giveInputConfigAndContextSchemas();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxAssistants::initTestCase()
{
    SandboxServer::Options options;
    options.scheduler = false;
    options.seedCount = 5; // adds four named assistants to the three system ones
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

void TestSandboxAssistants::cleanupTestCase()
{
    m_http.reset();
    m_server.reset();
}

void TestSandboxAssistants::search_withoutSeed_listsTheSystemAssistants()
{
    SandboxServer bare(SandboxServer::Options {.scheduler = false});
    QVERIFY(bare.listen() != 0);
    HttpProbe http(bare.baseUrl());
    const ProbeReply reply = http.post(u"/assistants/search"_s, {});
    QCOMPARE(reply.status, 200);
    const QJsonArray assistants = reply.array();
    QCOMPARE(assistants.size(), 3);
    for (const QJsonValue &value : assistants) {
        const QJsonObject assistant = value.toObject();
        const QString graph = assistant.value("graph_id"_L1).toString();
        QCOMPARE(assistant.value("assistant_id"_L1).toString(),
                 SandboxServer::systemAssistantId(graph));
        QCOMPARE(assistant.value("name"_L1).toString(), graph);
        QCOMPARE(assistant.value("metadata"_L1).toObject(),
                 QJsonObject({{u"created_by"_s, u"system"_s}}));
        for (const char *key : {"config", "created_at", "updated_at", "version", "context"})
            QVERIFY2(assistant.contains(QLatin1StringView(key)), key);
    }
    QVERIFY(values(assistants, "assistant_id"_L1).contains(kAgentId));
    QVERIFY(values(assistants, "assistant_id"_L1).contains(kEchoId));
    QCOMPARE(reply.header("x-pagination-total"), QByteArray("3"));
}

void TestSandboxAssistants::search_withFilters_returnsOnlyMatches_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names"); // sorted
    QTest::newRow("graph agent") << QByteArray(R"({"graph_id":"agent"})")
                                 << QStringList {u"Nightly reporter"_s, u"Support triage"_s,
                                                 u"agent"_s};
    QTest::newRow("system only") << QByteArray(R"({"metadata":{"created_by":"system"}})")
                                 << QStringList {u"agent"_s, u"echo"_s, u"researcher"_s};
    QTest::newRow("system agent") << QByteArray(
        R"({"graph_id":"agent","metadata":{"created_by":"system"}})")
                                  << QStringList {u"agent"_s};
    QTest::newRow("name substring, any case")
        << QByteArray(R"({"name":"REP"})") << QStringList {u"Nightly reporter"_s};
    QTest::newRow("name matches several")
        << QByteArray(R"({"name":"e"})")
        << QStringList {u"Echo smoke test"_s, u"Market research"_s, u"Nightly reporter"_s,
                        u"Support triage"_s,  u"agent"_s,           u"echo"_s,
                        u"researcher"_s};
    QTest::newRow("owner alice") << QByteArray(R"({"metadata":{"owner":"alice"}})")
                                 << QStringList {u"Echo smoke test"_s, u"Support triage"_s};
    QTest::newRow("no match") << QByteArray(R"({"graph_id":"nope"})") << QStringList {};
}

void TestSandboxAssistants::search_withFilters_returnsOnlyMatches()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    const ProbeReply reply = m_http->send("POST", u"/assistants/search"_s, body);
    QCOMPARE(reply.status, 200);
    QStringList actual = values(reply.array(), "name"_L1);
    actual.sort();
    QCOMPARE(actual, names);
}

void TestSandboxAssistants::search_sortBy_ordersEveryField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("order");
    for (const QString &field :
         {u"assistant_id"_s, u"created_at"_s, u"updated_at"_s, u"name"_s, u"graph_id"_s})
        for (const QString &order : {u"asc"_s, u"desc"_s})
            QTest::addRow("%s %s", qPrintable(field), qPrintable(order)) << field << order;
}

void TestSandboxAssistants::search_sortBy_ordersEveryField()
{
    QFETCH(QString, field);
    QFETCH(QString, order);
    const ProbeReply reply
        = m_http->post(u"/assistants/search"_s,
                       {{u"sort_by"_s, field}, {u"sort_order"_s, order}, {u"limit"_s, 100}});
    QCOMPARE(reply.status, 200);
    const QStringList keys = values(reply.array(), QLatin1StringView(field.toLatin1()));
    QCOMPARE(keys.size(), 7);
    QStringList sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    if (order == u"desc")
        std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(keys, sorted);
}

void TestSandboxAssistants::search_paging_andSelect()
{
    ProbeReply reply = m_http->post(u"/assistants/search"_s, {{u"limit"_s, 3}, {u"offset"_s, 0}});
    QCOMPARE(reply.array().size(), 3);
    QCOMPARE(reply.header("x-pagination-next"), QByteArray("3"));
    reply = m_http->post(u"/assistants/search"_s, {{u"limit"_s, 3}, {u"offset"_s, 6}});
    QCOMPARE(reply.array().size(), 1);
    QVERIFY(reply.header("x-pagination-next").isNull());
    QCOMPARE(reply.header("x-pagination-total"), QByteArray("7"));

    reply = m_http->post(u"/assistants/search"_s,
                         {{u"select"_s, QJsonArray {u"assistant_id"_s, u"name"_s}}});
    for (const QJsonValue &value : reply.array())
        QCOMPARE(value.toObject().keys(), QStringList({u"assistant_id"_s, u"name"_s}));
}

void TestSandboxAssistants::search_withInvalidBody_is422_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("limit 0") << QByteArray(R"({"limit":0})");
    QTest::newRow("limit 1001") << QByteArray(R"({"limit":1001})");
    QTest::newRow("negative offset") << QByteArray(R"({"offset":-5})");
    QTest::newRow("unknown sort_by") << QByteArray(R"({"sort_by":"version"})");
    QTest::newRow("unknown sort_order") << QByteArray(R"({"sort_order":"up"})");
    QTest::newRow("unknown select") << QByteArray(R"({"select":["assistant_id","owner"]})");
    QTest::newRow("graph_id as number") << QByteArray(R"({"graph_id":1})");
    QTest::newRow("metadata as string") << QByteArray(R"({"metadata":"x"})");
    QTest::newRow("malformed") << QByteArray("{");
}

void TestSandboxAssistants::search_withInvalidBody_is422()
{
    QFETCH(QByteArray, body);
    const ProbeReply reply = m_http->send("POST", u"/assistants/search"_s, body);
    QCOMPARE(reply.status, 422);
    QVERIFY(!reply.detail().isEmpty());
}

void TestSandboxAssistants::count_answersBareInteger_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("all") << QByteArray("{}") << QByteArray("7");
    QTest::newRow("graph") << QByteArray(R"({"graph_id":"agent"})") << QByteArray("3");
    QTest::newRow("name") << QByteArray(R"({"name":"ECHO"})") << QByteArray("2");
    QTest::newRow("metadata") << QByteArray(R"({"metadata":{"created_by":"system"}})")
                              << QByteArray("3");
}

void TestSandboxAssistants::count_answersBareInteger()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const ProbeReply reply = m_http->send("POST", u"/assistants/count"_s, body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, expected);
}

void TestSandboxAssistants::get_byUuidOrGraphName_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("graph");
    QTest::newRow("system uuid") << kAgentId << 200 << u"agent"_s;
    QTest::newRow("graph name") << u"echo"_s << 200 << u"echo"_s;
    QTest::newRow("unknown uuid") << u"00000000-0000-4000-8000-000000000000"_s << 404 << QString();
    QTest::newRow("neither") << u"nope"_s << 404 << QString();
}

void TestSandboxAssistants::get_byUuidOrGraphName()
{
    QFETCH(QString, id);
    QFETCH(int, status);
    QFETCH(QString, graph);
    const ProbeReply reply = m_http->get(u"/assistants/"_s + id);
    QCOMPARE(reply.status, status);
    if (status == 200)
        QCOMPARE(reply.object().value("graph_id"_L1).toString(), graph);
    else
        QVERIFY(reply.detail().contains(u"not found"_s));
}

void TestSandboxAssistants::graph_listsNodesAndEdges_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("nodes"); // without __start__/__end__
    QTest::newRow("agent by uuid") << kAgentId << QString() << QStringList {u"agent"_s, u"tools"_s};
    QTest::newRow("agent by graph name")
        << u"agent"_s << u"?xray=false"_s << QStringList {u"agent"_s, u"tools"_s};
    QTest::newRow("researcher") << SandboxServer::systemAssistantId(u"researcher"_s) << QString()
                                << QStringList {u"plan"_s, u"search"_s, u"summarize"_s};
    QTest::newRow("researcher xray")
        << u"researcher"_s << u"?xray=true"_s
        << QStringList {u"plan"_s, u"search:fetch"_s, u"search:query"_s, u"summarize"_s};
    QTest::newRow("researcher xray depth")
        << u"researcher"_s << u"?xray=1"_s
        << QStringList {u"plan"_s, u"search:fetch"_s, u"search:query"_s, u"summarize"_s};
}

void TestSandboxAssistants::graph_listsNodesAndEdges()
{
    QFETCH(QString, id);
    QFETCH(QString, query);
    QFETCH(QStringList, nodes);
    const ProbeReply reply = m_http->get(u"/assistants/%1/graph%2"_s.arg(id, query));
    QCOMPARE(reply.status, 200);
    const QJsonObject graph = reply.object();
    QStringList ids = values(graph.value("nodes"_L1).toArray(), "id"_L1);
    QVERIFY(ids.removeAll(u"__start__"_s) == 1);
    QVERIFY(ids.removeAll(u"__end__"_s) == 1);
    ids.sort();
    QCOMPARE(ids, nodes);
    const QJsonArray edges = graph.value("edges"_L1).toArray();
    QVERIFY(!edges.isEmpty());
    const QStringList allIds = values(graph.value("nodes"_L1).toArray(), "id"_L1);
    for (const QJsonValue &edge : edges) {
        QVERIFY(allIds.contains(edge.toObject().value("source"_L1).toString()));
        QVERIFY(allIds.contains(edge.toObject().value("target"_L1).toString()));
    }
}

void TestSandboxAssistants::graph_withUnknownAssistantOrBadXray_fails()
{
    QCOMPARE(m_http->get(u"/assistants/nope/graph"_s).status, 404);
    QCOMPARE(m_http->get(u"/assistants/agent/graph?xray=banana"_s).status, 422);
}

void TestSandboxAssistants::schemas_giveInputConfigAndContextSchemas()
{
    const ProbeReply reply = m_http->get(u"/assistants/%1/schemas"_s.arg(kAgentId));
    QCOMPARE(reply.status, 200);
    const QJsonObject schemas = reply.object();
    QCOMPARE(schemas.value("graph_id"_L1).toString(), u"agent"_s);
    for (const char *key :
         {"input_schema", "output_schema", "state_schema", "config_schema", "context_schema"}) {
        const QJsonObject schema = schemas.value(QLatin1StringView(key)).toObject();
        QCOMPARE(schema.value("type"_L1).toString(), u"object"_s);
        QVERIFY(schema.value("properties"_L1).isObject());
    }
    QCOMPARE(m_http->get(u"/assistants/nope/schemas"_s).status, 404);
}

QTEST_GUILESS_MAIN(TestSandboxAssistants)
#include "tst_sandbox_assistants.moc"
