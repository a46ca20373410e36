// /ok, /info, routing errors, API-key auth, keep-alive, the request log and shutdown.
#include "httpprobe.h"

#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::RecordedRequest;
using crondesk::sandbox::SandboxServer;

namespace {

// Splits complete responses (by content-length) off the front of `buffer`.
QList<QByteArray> takeResponses(QByteArray &buffer)
{
    QList<QByteArray> responses;
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return responses;
        const QByteArray head = buffer.left(headerEnd).toLower();
        qsizetype length = 0;
        const qsizetype at = head.indexOf("content-length: ");
        if (at >= 0)
            length = head.mid(at + 16, head.indexOf("\r\n", at) - at - 16).toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return responses;
        responses.append(buffer.left(headerEnd + 4 + length));
        buffer.remove(0, headerEnd + 4 + length);
    }
}

// Waits (processing events: the server runs in this thread) for `expected` responses.
QList<QByteArray> readResponses(QTcpSocket &socket, int expected)
{
    QByteArray buffer;
    QList<QByteArray> responses;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            buffer += socket.readAll();
            responses += takeResponses(buffer);
            return responses.size() >= expected;
        },
        10000);
    return responses;
}

} // namespace

class TestSandboxMeta final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void ok_answersOkTrue();
    void ok_withInvalidCheckDb_is422();
    void info_reportsVersionFlagsAndHost();
    void unknownPathOrMethod_givesJsonDetail_data();
    void unknownPathOrMethod_givesJsonDetail();
    void apiKey_guardsEveryEndpointButOk_data();
    void apiKey_guardsEveryEndpointButOk();
    void oversizedBody_is413();
    void rawConnection_keepsAliveAcrossRequests();
    void rawConnection_withConnectionClose_isClosedAfterResponse();
    void requestLog_recordsExactlyWhatWasSent();
    void requestLog_skipsControlEndpoint();
    void handleLocally_runsWithoutNetwork();
    void close_makesClientsSeeConnectionFailure();
    void destroy_duringSlowRequest_failsThatRequest();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxMeta::init()
{
    SandboxServer::Options options;
    options.scheduler = false;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

void TestSandboxMeta::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestSandboxMeta::ok_answersOkTrue()
{
    const ProbeReply reply = m_http->get(u"/ok"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.header("content-length"), QByteArray("11"));
    QCOMPARE(m_http->get(u"/ok?check_db=1"_s).status, 200);
}

void TestSandboxMeta::ok_withInvalidCheckDb_is422()
{
    QCOMPARE(m_http->get(u"/ok?check_db=2"_s).status, 422);
}

void TestSandboxMeta::info_reportsVersionFlagsAndHost()
{
    const ProbeReply reply = m_http->get(u"/info"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject info = reply.object();
    QCOMPARE(info.value("version"_L1).toString(), u"0.12.0"_s);
    QVERIFY(info.value("langgraph_py_version"_L1).isString());
    const QJsonObject flags = info.value("flags"_L1).toObject();
    QCOMPARE(flags.value("crons"_L1), QJsonValue(true));
    QCOMPARE(flags.value("assistants"_L1), QJsonValue(true));
    QCOMPARE(info.value("host"_L1).toObject().value("kind"_L1).toString(), u"self-hosted"_s);
    QCOMPARE(info.value("sandbox"_L1).toObject().value("version"_L1).toString(),
             QStringLiteral(CRONDESK_VERSION));
}

void TestSandboxMeta::unknownPathOrMethod_givesJsonDetail_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("unknown path") << QByteArray("GET") << u"/nope"_s << 404 << u"Not Found"_s;
    QTest::newRow("root") << QByteArray("GET") << u"/"_s << 404 << u"Not Found"_s;
    QTest::newRow("crons list is not GET")
        << QByteArray("GET") << u"/runs/crons"_s << 405 << u"Method Not Allowed"_s;
    QTest::newRow("put on a cron")
        << QByteArray("PUT") << u"/runs/crons/0b0c7c9e-3f9f-4a40-8c1a-2f3f0f8f7e61"_s << 405
        << u"Method Not Allowed"_s;
    QTest::newRow("post to ok") << QByteArray("POST") << u"/ok"_s << 405 << u"Method Not Allowed"_s;
    QTest::newRow("GET search is a cron id") << QByteArray("GET") << u"/runs/crons/search"_s << 422
                                             << u"Invalid cron ID: must be a UUID"_s;
}

void TestSandboxMeta::unknownPathOrMethod_givesJsonDetail()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->send(method, path, method == "GET" ? QByteArray() : "{}");
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.object(), QJsonObject({{u"detail"_s, detail}}));
}

void TestSandboxMeta::apiKey_guardsEveryEndpointButOk_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("key"); // null: no header
    QTest::addColumn<int>("status");
    const QByteArray none;
    const QByteArray right("s3cret-key");
    const QByteArray wrong("s3cret-kez");
    QTest::newRow("ok without key") << QByteArray("GET") << u"/ok"_s << none << 200;
    QTest::newRow("info without key") << QByteArray("GET") << u"/info"_s << none << 401;
    QTest::newRow("info with wrong key") << QByteArray("GET") << u"/info"_s << wrong << 401;
    QTest::newRow("info with empty key")
        << QByteArray("GET") << u"/info"_s << QByteArray("") << 401;
    QTest::newRow("info with key") << QByteArray("GET") << u"/info"_s << right << 200;
    QTest::newRow("search without key")
        << QByteArray("POST") << u"/runs/crons/search"_s << none << 401;
    QTest::newRow("search with key")
        << QByteArray("POST") << u"/runs/crons/search"_s << right << 200;
    QTest::newRow("count with wrong key")
        << QByteArray("POST") << u"/runs/crons/count"_s << wrong << 401;
    QTest::newRow("assistants without key")
        << QByteArray("POST") << u"/assistants/search"_s << none << 401;
    QTest::newRow("unknown path without key") << QByteArray("GET") << u"/nope"_s << none << 401;
    QTest::newRow("control without key")
        << QByteArray("GET") << u"/_sandbox/faults"_s << none << 401;
    QTest::newRow("control with key") << QByteArray("GET") << u"/_sandbox/faults"_s << right << 200;
}

void TestSandboxMeta::apiKey_guardsEveryEndpointButOk()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, key);
    QFETCH(int, status);
    SandboxServer::Options options;
    options.scheduler = false;
    options.apiKey = u"s3cret-key"_s;
    SandboxServer server(options);
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    if (!key.isNull())
        http.setApiKey(key);
    const ProbeReply reply
        = http.send(method, path, method == "POST" ? QByteArray("{}") : QByteArray());
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QVERIFY(!reply.detail().isEmpty());
        QVERIFY(!reply.detail().contains(u"s3cret"_s));
    }
}

void TestSandboxMeta::oversizedBody_is413()
{
    SandboxServer::Options options;
    options.scheduler = false;
    options.maxRequestBodyBytes = 64;
    SandboxServer server(options);
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    const ProbeReply reply = http.send("POST", u"/runs/crons/search"_s, QByteArray(65, ' ') + "{}");
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.detail(), u"Request body too large (limit: 64 bytes)"_s);
    QCOMPARE(http.send("POST", u"/runs/crons/search"_s, "{}").status, 200);
}

void TestSandboxMeta::rawConnection_keepsAliveAcrossRequests()
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(u"127.0.0.1"_s, m_server->port());
    QVERIFY(connected.wait(5000));
    const QByteArray body = R"({"metadata":{}})";
    for (int round = 0; round < 3; ++round) {
        // One request at a time on the same connection, as QNetworkAccessManager, curl and
        // Node's fetch use it (none of them pipelines by default).
        socket.write("GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const QList<QByteArray> responses = readResponses(socket, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY(responses.at(0).startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(responses.at(0).endsWith(R"({"ok":true})"));
        socket.write("POST /runs/crons/count HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                     "application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const QList<QByteArray> second = readResponses(socket, 1);
        QCOMPARE(second.size(), 1);
        QVERIFY(second.at(0).endsWith("\r\n\r\n0"));
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void TestSandboxMeta::rawConnection_withConnectionClose_isClosedAfterResponse()
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(u"127.0.0.1"_s, m_server->port());
    QVERIFY(connected.wait(5000));
    socket.write("GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const QList<QByteArray> responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QVERIFY(responses.at(0).contains("connection: close\r\n"));
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestSandboxMeta::requestLog_recordsExactlyWhatWasSent()
{
    QSignalSpy received(m_server.get(), &SandboxServer::requestReceived);
    const QByteArray body = R"({"limit":10,"offset":0,"metadata":{"owner":"alice"}})";
    m_http->setApiKey("k");
    m_http->send("POST", u"/runs/crons/search?x=1"_s, body);
    m_http->send("DELETE", u"/runs/crons/0b0c7c9e-3f9f-4a40-8c1a-2f3f0f8f7e61"_s);
    QCOMPARE(received.size(), 2);
    const QList<RecordedRequest> log = m_server->requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).method, QByteArray("POST"));
    QCOMPARE(log.at(0).path, u"/runs/crons/search"_s);
    QCOMPARE(log.at(0).query, QByteArray("x=1"));
    QCOMPARE(log.at(0).body, body);
    QCOMPARE(log.at(0).header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(log.at(0).header("X-API-KEY"), QByteArray("k"));
    QCOMPARE(log.at(1).method, QByteArray("DELETE"));
    QVERIFY(log.at(1).body.isEmpty());
    QCOMPARE(m_server->lastRequest().method, QByteArray("DELETE"));
    QCOMPARE(m_server->requestLog().matching("POST", u"/runs/crons/search"_s).size(), 1);
    m_server->clearRequests();
    QVERIFY(m_server->requests().isEmpty());
}

void TestSandboxMeta::requestLog_skipsControlEndpoint()
{
    m_http->get(u"/_sandbox/requests"_s);
    m_http->get(u"/ok"_s);
    const ProbeReply reply = m_http->get(u"/_sandbox/requests"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), 1);
    QCOMPARE(reply.array().at(0).toObject().value("path"_L1).toString(), u"/ok"_s);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestSandboxMeta::handleLocally_runsWithoutNetwork()
{
    const QJsonObject thread = m_server->createThread({{u"purpose"_s, u"test"_s}});
    QVERIFY(thread.contains("thread_id"_L1));
    const QJsonObject cron
        = m_server->createCron({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}},
                               thread.value("thread_id"_L1).toString());
    QCOMPARE(cron.value("thread_id"_L1), thread.value("thread_id"_L1));
    QCOMPARE(m_server->store().cronCount(), 1);
    QVERIFY(m_server->requests().isEmpty());
    QCOMPARE(m_server->handleLocally("POST", u"/runs/crons"_s, {}).status, 422);
    QCOMPARE(SandboxServer::systemAssistantId(u"agent"_s),
             u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s);
}

void TestSandboxMeta::close_makesClientsSeeConnectionFailure()
{
    QCOMPARE(m_http->get(u"/ok"_s).status, 200); // leaves a kept-alive connection open
    const quint16 port = m_server->port();
    m_server->close();
    QVERIFY(!m_server->isListening());
    const ProbeReply reply = m_http->get(u"/ok"_s);
    QCOMPARE(reply.status, 0);
    QVERIFY(reply.error != QNetworkReply::NoError);
    // And it can listen again (on a new port), keeping its data.
    QVERIFY(m_server->listen() != 0);
    QVERIFY(m_server->port() != 0);
    Q_UNUSED(port)
    m_http->setBaseUrl(m_server->baseUrl());
    QCOMPARE(m_http->get(u"/ok"_s).status, 200);
}

void TestSandboxMeta::destroy_duringSlowRequest_failsThatRequest()
{
    crondesk::sandbox::FaultRule slow;
    slow.path = u"/info"_s;
    slow.delayMs = 60000;
    m_server->addFault(slow);
    QNetworkReply *reply = m_http->start("GET", u"/info"_s);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE(m_server->requests().size(), 1);
    m_server.reset();
    QVERIFY(finished.wait(10000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestSandboxMeta)
#include "tst_sandbox_meta.moc"
