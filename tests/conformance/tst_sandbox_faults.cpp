// Fault injection, in-process and through the /_sandbox/ control endpoint: every kind of
// misbehaviour a client has to survive.
#include "httpprobe.h"

#include <tests/sandbox/faults.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonParseError>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::FaultRule;
using crondesk::sandbox::SandboxServer;

namespace {

FaultRule rule(const QJsonObject &json)
{
    QString error;
    const auto parsed = FaultRule::fromJson(json, &error);
    if (!parsed)
        qFatal("bad fault rule in test: %s", qPrintable(error));
    return *parsed;
}

bool isJson(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

const QJsonObject kCreate {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}};

} // namespace

class TestSandboxFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void noFaults_byDefault();
    void delay_answersLateButIntact();
    void status_replacesTheAnswer_withoutRunningTheHandler();
    void status_withTextBodyAndHeaders();
    void statusAfter_runsTheHandler_thenAnswersTheStatus();
    void times_limitsHowOftenARuleApplies();
    void matching_byMethodAndPathGlob_data();
    void matching_byMethodAndPathGlob();
    void drop_endsConnectionMidResponse_afterTheHandlerRan();
    void drop_withZeroBytes_sendsNothing();
    void commitDelay_answersNowAndStoresLater_data();
    void commitDelay_answersNowAndStoresLater();
    void truncate_givesConsistentResponseWithBrokenJson();
    void malformed_givesNonJsonBody();
    void contentType_labelsTheRealBodyWrongly();
    void trickle_deliversTheWholeBodySlowly();
    void control_addsListsRemovesAndClearsRules();
    void control_rejectsInvalidRules_data();
    void control_rejectsInvalidRules();
    void control_requestLogRedactsTheApiKey();
    void control_clockIsOnlyControllableWhenManual();
    void control_isAbsentWhenDisabled();
    void control_rawCronPatch_storesWhatTheApiWouldRefuse();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxFaults::init()
{
    m_server = std::make_unique<SandboxServer>(SandboxServer::Options {.scheduler = false});
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

void TestSandboxFaults::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestSandboxFaults::noFaults_byDefault()
{
    QVERIFY(m_server->faults().rules().isEmpty());
    QCOMPARE(m_http->get(u"/ok"_s).status, 200);
}

void TestSandboxFaults::delay_answersLateButIntact()
{
    m_server->addFault(rule({{u"path"_s, u"/runs/crons/count"_s}, {u"delay_ms"_s, 1500}}));
    QNetworkReply *reply = m_http->start("POST", u"/runs/crons/count"_s, "{}");
    // Still pending once the request is known to have arrived.
    QTRY_COMPARE(m_server->requests().size(), 1);
    QVERIFY(!reply->isFinished());
    QTRY_VERIFY(reply->isFinished());
    const ProbeReply answer = HttpProbe::collect(reply);
    reply->deleteLater();
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("0"));
}

void TestSandboxFaults::status_replacesTheAnswer_withoutRunningTheHandler()
{
    m_server->addFault(rule({{u"method"_s, u"POST"_s},
                             {u"path"_s, u"/runs/crons"_s},
                             {u"status"_s, 503},
                             {u"headers"_s, QJsonObject {{u"Retry-After"_s, u"7"_s}}}}));
    const ProbeReply reply = m_http->post(u"/runs/crons"_s, kCreate);
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.object(), QJsonObject({{u"detail"_s, u"Injected fault"_s}}));
    QCOMPARE(reply.header("retry-after"), QByteArray("7"));
    QCOMPARE(m_server->store().cronCount(), 0);
}

void TestSandboxFaults::status_withTextBodyAndHeaders()
{
    m_server->addFault(rule({{u"path"_s, u"/info"_s},
                             {u"status"_s, 429},
                             {u"body"_s, u"Too many requests"_s},
                             {u"content_type"_s, u"text/plain"_s}}));
    const ProbeReply reply = m_http->get(u"/info"_s);
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.body, QByteArray("Too many requests"));
    QCOMPARE(reply.header("content-type"), QByteArray("text/plain"));
}

void TestSandboxFaults::statusAfter_runsTheHandler_thenAnswersTheStatus()
{
    m_server->addFault(rule({{u"method"_s, u"POST"_s},
                             {u"path"_s, u"/runs/crons"_s},
                             {u"action"_s, u"status_after"_s},
                             {u"status"_s, 500},
                             {u"times"_s, 1}}));
    const ProbeReply failed = m_http->post(u"/runs/crons"_s, kCreate);
    QCOMPARE(failed.status, 500);
    QCOMPARE(failed.object(), QJsonObject({{u"detail"_s, u"Injected fault"_s}}));
    // The cron was stored all the same, and the rule is used up.
    QCOMPARE(m_server->store().cronCount(), 1);
    const ProbeReply next = m_http->post(u"/runs/crons"_s, kCreate);
    QCOMPARE(next.status, 200);
    QCOMPARE(m_server->store().cronCount(), 2);
}

void TestSandboxFaults::times_limitsHowOftenARuleApplies()
{
    m_server->addFault(rule({{u"path"_s, u"/ok"_s}, {u"status"_s, 500}, {u"times"_s, 2}}));
    QCOMPARE(m_http->get(u"/ok"_s).status, 500);
    QCOMPARE(m_http->get(u"/ok"_s).status, 500);
    QCOMPARE(m_http->get(u"/ok"_s).status, 200);
    QVERIFY(m_server->faults().rules().isEmpty());
}

void TestSandboxFaults::matching_byMethodAndPathGlob_data()
{
    QTest::addColumn<QJsonObject>("fault");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("hit");
    const QString cron = u"/runs/crons/0b0c7c9e-3f9f-4a40-8c1a-2f3f0f8f7e61"_s;
    QTest::newRow("any method, exact path")
        << QJsonObject {{u"path"_s, u"/ok"_s}, {u"status"_s, 418}} << QByteArray("GET") << u"/ok"_s
        << true;
    QTest::newRow("exact path, other path")
        << QJsonObject {{u"path"_s, u"/ok"_s}, {u"status"_s, 418}} << QByteArray("GET")
        << u"/info"_s << false;
    QTest::newRow("glob on ids") << QJsonObject {{u"path"_s, u"/runs/crons/*"_s},
                                                 {u"status"_s, 418}}
                                 << QByteArray("DELETE") << cron << true;
    QTest::newRow("method must match") << QJsonObject {{u"method"_s, u"patch"_s},
                                                       {u"path"_s, u"/runs/crons/*"_s},
                                                       {u"status"_s, 418}}
                                       << QByteArray("DELETE") << cron << false;
    QTest::newRow("method any case") << QJsonObject {{u"method"_s, u"delete"_s},
                                                     {u"path"_s, u"/runs/crons/*"_s},
                                                     {u"status"_s, 418}}
                                     << QByteArray("DELETE") << cron << true;
    QTest::newRow("no path matches all")
        << QJsonObject {{u"status"_s, 418}} << QByteArray("GET") << u"/info"_s << true;
}

void TestSandboxFaults::matching_byMethodAndPathGlob()
{
    QFETCH(QJsonObject, fault);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, hit);
    m_server->addFault(rule(fault));
    const ProbeReply reply = m_http->send(method, path);
    QCOMPARE(reply.status == 418, hit);
}

void TestSandboxFaults::drop_endsConnectionMidResponse_afterTheHandlerRan()
{
    m_server->addFault(rule({{u"path"_s, u"/runs/crons"_s}, {u"action"_s, u"drop"_s}}));
    const ProbeReply reply = m_http->post(u"/runs/crons"_s, kCreate);
    QVERIFY(reply.finished);
    QVERIFY(reply.error != QNetworkReply::NoError);
    // The server acted before the connection died: the ambiguous case a client must handle.
    QCOMPARE(m_server->store().cronCount(), 1);
}

void TestSandboxFaults::drop_withZeroBytes_sendsNothing()
{
    m_server->addFault(
        rule({{u"path"_s, u"/info"_s}, {u"action"_s, u"drop"_s}, {u"after_bytes"_s, 0}}));
    const ProbeReply reply = m_http->get(u"/info"_s);
    QCOMPARE(reply.status, 0);
    QVERIFY(reply.error != QNetworkReply::NoError);
}

void TestSandboxFaults::commitDelay_answersNowAndStoresLater_data()
{
    QTest::addColumn<QJsonObject>("fault");
    QTest::addColumn<int>("status");
    QTest::newRow("dropped connection")
        << QJsonObject {{u"action"_s, u"drop"_s}, {u"commit_delay_ms"_s, 400}} << 0;
    QTest::newRow("gateway timeout")
        << QJsonObject {{u"status"_s, 504}, {u"commit_delay_ms"_s, 400}} << 504;
}

void TestSandboxFaults::commitDelay_answersNowAndStoresLater()
{
    QFETCH(QJsonObject, fault);
    QFETCH(int, status);
    fault.insert(u"path"_s, u"/runs/crons"_s);
    m_server->addFault(rule(fault));
    const ProbeReply reply = m_http->post(u"/runs/crons"_s, kCreate);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, status);
    // A slow commit: nothing yet when the answer (or the dropped connection) came, then the
    // cron. (Qt's own client sends a POST again when the connection drops unanswered: each copy
    // is committed late.)
    QCOMPARE(m_server->store().cronCount(), 0);
    const qsizetype posts = m_server->requestLog().matching("POST", u"/runs/crons"_s).size();
    QVERIFY(posts >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->store().cronCount(), posts, 5000);
}

void TestSandboxFaults::truncate_givesConsistentResponseWithBrokenJson()
{
    m_server->addFault(rule({{u"path"_s, u"/info"_s}, {u"action"_s, u"truncate"_s}}));
    const ProbeReply reply = m_http->get(u"/info"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.header("content-length").toLongLong(), reply.body.size());
    QVERIFY(reply.body.startsWith('{'));
    QVERIFY(!isJson(reply.body));
}

void TestSandboxFaults::malformed_givesNonJsonBody()
{
    m_server->addFault(rule({{u"path"_s, u"/runs/crons/search"_s}, {u"action"_s, u"malformed"_s}}));
    const ProbeReply reply = m_http->post(u"/runs/crons/search"_s, {});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QVERIFY(!reply.body.isEmpty());
    QVERIFY(!isJson(reply.body));
}

void TestSandboxFaults::contentType_labelsTheRealBodyWrongly()
{
    m_server->addFault(rule({{u"path"_s, u"/ok"_s}, {u"action"_s, u"content_type"_s}}));
    const ProbeReply reply = m_http->get(u"/ok"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(reply.body, QByteArray(R"({"ok":true})"));
}

void TestSandboxFaults::trickle_deliversTheWholeBodySlowly()
{
    m_server->addFault(rule({{u"path"_s, u"/info"_s},
                             {u"action"_s, u"trickle"_s},
                             {u"chunk_bytes"_s, 32},
                             {u"interval_ms"_s, 5}}));
    QNetworkReply *reply = m_http->start("GET", u"/info"_s);
    qint64 progressEvents = 0;
    connect(reply, &QNetworkReply::readyRead, this, [&progressEvents] { ++progressEvents; });
    QTRY_VERIFY(reply->isFinished());
    const ProbeReply answer = HttpProbe::collect(reply);
    reply->deleteLater();
    QCOMPARE(answer.status, 200);
    QVERIFY(isJson(answer.body));
    QCOMPARE(answer.object().value("version"_L1).toString(), u"0.12.0"_s);
    QVERIFY(progressEvents > 1);
}

void TestSandboxFaults::control_addsListsRemovesAndClearsRules()
{
    ProbeReply reply
        = m_http->post(u"/_sandbox/faults"_s, {{u"path"_s, u"/info"_s}, {u"status"_s, 502}});
    QCOMPARE(reply.status, 200);
    const QString id = reply.object().value("id"_L1).toString();
    QVERIFY(!id.isEmpty());
    m_http->post(u"/_sandbox/faults"_s, {{u"path"_s, u"/ok"_s}, {u"delay_ms"_s, 1}});

    reply = m_http->get(u"/_sandbox/faults"_s);
    QCOMPARE(reply.array().size(), 2);
    QCOMPARE(reply.array().at(0).toObject().value("action"_L1).toString(), u"status"_s);
    QCOMPARE(m_http->get(u"/info"_s).status, 502);
    // The control endpoint is never itself subject to faults.
    QCOMPARE(m_http->del(u"/_sandbox/faults/"_s + id).status, 204);
    QCOMPARE(m_http->del(u"/_sandbox/faults/"_s + id).status, 404);
    QCOMPARE(m_http->get(u"/info"_s).status, 200);
    QCOMPARE(m_http->del(u"/_sandbox/faults"_s).status, 204);
    QCOMPARE(m_http->get(u"/_sandbox/faults"_s).body, QByteArray("[]"));
}

void TestSandboxFaults::control_rejectsInvalidRules_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("nope");
    QTest::newRow("unknown key") << QByteArray(R"({"pth":"/ok"})");
    QTest::newRow("unknown action") << QByteArray(R"({"action":"explode"})");
    QTest::newRow("negative delay") << QByteArray(R"({"delay_ms":-1})");
    QTest::newRow("status out of range") << QByteArray(R"({"status":700})");
    QTest::newRow("zero chunk") << QByteArray(R"({"action":"trickle","chunk_bytes":0})");
}

void TestSandboxFaults::control_rejectsInvalidRules()
{
    QFETCH(QByteArray, body);
    QCOMPARE(m_http->send("POST", u"/_sandbox/faults"_s, body).status, 422);
    QVERIFY(m_server->faults().rules().isEmpty());
}

void TestSandboxFaults::control_requestLogRedactsTheApiKey()
{
    SandboxServer::Options options;
    options.scheduler = false;
    options.apiKey = u"top-secret"_s;
    SandboxServer server(options);
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    http.setApiKey("top-secret");
    http.post(u"/runs/crons/count"_s, {{u"metadata"_s, QJsonObject {{u"a"_s, 1}}}});
    const ProbeReply reply = http.get(u"/_sandbox/requests"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.body.contains("top-secret"));
    const QJsonObject entry = reply.array().at(0).toObject();
    QCOMPARE(entry.value("method"_L1).toString(), u"POST"_s);
    QCOMPARE(entry.value("path"_L1).toString(), u"/runs/crons/count"_s);
    QCOMPARE(entry.value("body"_L1).toString(), uR"({"metadata":{"a":1}})"_s);
    QCOMPARE(entry.value("headers"_L1).toObject().value("x-api-key"_L1).toString(),
             u"<redacted>"_s);
    // In process, the raw key is there for client tests to assert on.
    QCOMPARE(server.lastRequest().header("x-api-key"), QByteArray("top-secret"));
    QCOMPARE(http.del(u"/_sandbox/requests"_s).status, 204);
    QVERIFY(server.requests().isEmpty());
}

void TestSandboxFaults::control_clockIsOnlyControllableWhenManual()
{
    QCOMPARE(m_http->get(u"/_sandbox/clock"_s).object().value("manual"_L1), QJsonValue(false));
    QCOMPARE(m_http->post(u"/_sandbox/clock"_s, {{u"advance_seconds"_s, 60}}).status, 409);
    QCOMPARE(m_http->post(u"/_sandbox/scheduler/tick"_s, {}).object(),
             QJsonObject({{u"fired"_s, 0}}));
}

void TestSandboxFaults::control_isAbsentWhenDisabled()
{
    SandboxServer server(SandboxServer::Options {.scheduler = false, .controlEndpoint = false});
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    QCOMPARE(http.get(u"/_sandbox/faults"_s).status, 404);
}

void TestSandboxFaults::control_rawCronPatch_storesWhatTheApiWouldRefuse()
{
    const QJsonObject created = m_http->post(u"/runs/crons"_s, kCreate).object();
    const QString id = created.value("cron_id"_L1).toString();
    // The API refuses the zone...
    QCOMPARE(m_http->send("PATCH", u"/runs/crons/"_s + id, R"({"timezone":"Berl"})").status, 422);
    // ...the control endpoint stores it as given, as a lenient server might have.
    const ProbeReply raw
        = m_http->send("PATCH", u"/_sandbox/crons/"_s + id, R"({"timezone":"Berl"})");
    QCOMPARE(raw.status, 200);
    QJsonObject expected = created;
    expected.insert(u"timezone"_s, u"Berl"_s);
    QCOMPARE(raw.object(), expected);
    QCOMPARE(m_http->get(u"/runs/crons/"_s + id).object(), expected);
    QVERIFY(m_server->requests().constLast().path != u"/_sandbox/crons/"_s + id);

    QCOMPARE(m_http->send("PATCH", u"/_sandbox/crons/"_s + id, R"({"cron_id":"x"})").status, 422);
    QCOMPARE(m_http->send("PATCH", u"/_sandbox/crons/"_s + id, "[]").status, 422);
    QCOMPARE(m_http
                 ->send("PATCH", u"/_sandbox/crons/0f3e0c3a-27a7-4c36-9c1b-6b1f2a8e4d10"_s,
                        R"({"timezone":"Berl"})")
                 .status,
             404);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
