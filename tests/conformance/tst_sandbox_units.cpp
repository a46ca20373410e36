// The sandbox's pure building blocks: ids, timestamps, the request-schema validator, fault
// rules, the command line, the router and the request log.
#include <tests/sandbox/commandline.h>
#include <tests/sandbox/faults.h>
#include <tests/sandbox/jsonschema.h>
#include <tests/sandbox/requestlog.h>
#include <tests/sandbox/requestschemas.h>
#include <tests/sandbox/router.h>
#include <tests/sandbox/timestamps.h>
#include <tests/sandbox/uuids.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::sandbox;

class TestSandboxUnits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void systemAssistantId_isUuid5OfTheGraphName_data();
    void systemAssistantId_isUuid5OfTheGraphName();
    void canonicalUuid_acceptsWhatPythonAccepts_data();
    void canonicalUuid_acceptsWhatPythonAccepts();
    void uuidGenerator_withSeed_isDeterministicVersion4();
    void formatTimestamp_writesPythonIsoformat_data();
    void formatTimestamp_writesPythonIsoformat();
    void parseTimestamp_requiresAnOffset_data();
    void parseTimestamp_requiresAnOffset();
    void jsonSchema_reportsLikeJsonschemaRs_data();
    void jsonSchema_reportsLikeJsonschemaRs();
    void faultRule_roundTripsThroughJson();
    void commandLine_parsesEveryOption();
    void router_decodesSegmentsAndAnswers404And405();
    void requestLog_dropsTheOldestBeyondCapacity();
};

void TestSandboxUnits::systemAssistantId_isUuid5OfTheGraphName_data()
{
    QTest::addColumn<QString>("graph");
    QTest::addColumn<QString>("id");
    // Values from api-contract.md §6.4, verified there against a real server.
    QTest::newRow("agent") << u"agent"_s << u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
    QTest::newRow("echo") << u"echo"_s << u"046b5dc7-2108-582c-9c6c-31d556d138f0"_s;
}

void TestSandboxUnits::systemAssistantId_isUuid5OfTheGraphName()
{
    QFETCH(QString, graph);
    QFETCH(QString, id);
    QCOMPARE(systemAssistantId(graph), id);
}

void TestSandboxUnits::canonicalUuid_acceptsWhatPythonAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // null: rejected
    const QString id = u"550e8400-e29b-41d4-a716-446655440000"_s;
    QTest::newRow("canonical") << id << id;
    QTest::newRow("upper case") << id.toUpper() << id;
    QTest::newRow("braces") << u"{"_s + id + u"}"_s << id;
    QTest::newRow("urn") << u"urn:uuid:"_s + id << id;
    QTest::newRow("no hyphens") << u"550e8400e29b41d4a716446655440000"_s << id;
    QTest::newRow("too short") << u"550e8400-e29b-41d4-a716-44665544000"_s << QString();
    QTest::newRow("not hex") << u"550e8400-e29b-41d4-a716-44665544000g"_s << QString();
    QTest::newRow("word") << u"cron_123"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("path escape") << u"../runs/crons/x"_s << QString();
}

void TestSandboxUnits::canonicalUuid_acceptsWhatPythonAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(canonicalUuid(input), expected);
    QCOMPARE(isUuid(input), !expected.isNull());
}

void TestSandboxUnits::uuidGenerator_withSeed_isDeterministicVersion4()
{
    UuidGenerator a(42);
    UuidGenerator b(42);
    UuidGenerator c(43);
    const QString first = a.next();
    QCOMPARE(b.next(), first);
    QVERIFY(c.next() != first);
    QCOMPARE(canonicalUuid(first), first);
    QCOMPARE(first.at(14), u'4');
    QVERIFY(QStringView(u"89ab").contains(first.at(19)));
}

void TestSandboxUnits::formatTimestamp_writesPythonIsoformat_data()
{
    QTest::addColumn<QDateTime>("instant");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole second") << QDateTime(QDate(2024, 7, 8), QTime(6, 2, 23), Qt::UTC)
                                  << u"2024-07-08T06:02:23+00:00"_s;
    QTest::newRow("milliseconds") << QDateTime(QDate(2024, 7, 8), QTime(6, 2, 23, 73), Qt::UTC)
                                  << u"2024-07-08T06:02:23.073000+00:00"_s;
    QTest::newRow("converted to utc")
        << QDateTime(QDate(2024, 7, 8), QTime(8, 0), Qt::OffsetFromUTC, 7200)
        << u"2024-07-08T06:00:00+00:00"_s;
}

void TestSandboxUnits::formatTimestamp_writesPythonIsoformat()
{
    QFETCH(QDateTime, instant);
    QFETCH(QString, text);
    QCOMPARE(formatTimestamp(instant), text);
    QCOMPARE(parseTimestamp(text), std::optional(instant.toUTC()));
}

void TestSandboxUnits::parseTimestamp_requiresAnOffset_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: rejected
    const QDateTime noon(QDate(2025, 12, 31), QTime(12, 0), Qt::UTC);
    QTest::newRow("Z") << u"2025-12-31T12:00:00Z"_s << noon;
    QTest::newRow("lower z") << u"2025-12-31t12:00:00z"_s << noon;
    QTest::newRow("+00:00") << u"2025-12-31T12:00:00+00:00"_s << noon;
    QTest::newRow("offset") << u"2025-12-31T14:30:00+02:30"_s << noon;
    QTest::newRow("negative offset") << u"2025-12-31T07:00:00-05:00"_s << noon;
    QTest::newRow("space") << u"2025-12-31 12:00:00Z"_s << noon;
    QTest::newRow("microseconds") << u"2025-12-31T12:00:00.000999Z"_s << noon;
    QTest::newRow("naive") << u"2025-12-31T12:00:00"_s << QDateTime();
    QTest::newRow("date only") << u"2025-12-31"_s << QDateTime();
    QTest::newRow("bad month") << u"2025-13-31T12:00:00Z"_s << QDateTime();
    QTest::newRow("bad offset") << u"2025-12-31T12:00:00+2"_s << QDateTime();
    QTest::newRow("trailing junk") << u"2025-12-31T12:00:00Zjunk"_s << QDateTime();
    QTest::newRow("empty fraction") << u"2025-12-31T12:00:00.Z"_s << QDateTime();
}

void TestSandboxUnits::parseTimestamp_requiresAnOffset()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const auto parsed = parseTimestamp(text);
    QCOMPARE(parsed.has_value(), expected.isValid());
    if (parsed)
        QCOMPARE(*parsed, expected);
}

void TestSandboxUnits::jsonSchema_reportsLikeJsonschemaRs_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message"); // empty: valid
    QTest::newRow("valid search") << QByteArray(R"({"limit":10,"offset":0,"metadata":{"a":1}})")
                                  << QString();
    QTest::newRow("required") << QByteArray(R"({"assistant_id":"agent"})")
                              << u"\"schedule\" is a required property"_s;
    QTest::newRow("type") << QByteArray(R"({"assistant_id":"agent","schedule":true})")
                          << u"true is not of type \"string\""_s;
    QTest::newRow("minimum") << QByteArray(R"({"limit":0})")
                             << u"0 is less than the minimum of 1"_s;
    QTest::newRow("maximum") << QByteArray(R"({"limit":1001})")
                             << u"1001 is greater than the maximum of 1000"_s;
    QTest::newRow("enum") << QByteArray(R"({"sort_order":"up"})")
                          << u"\"up\" is not one of [\"asc\",\"desc\"]"_s;
    QTest::newRow("integer") << QByteArray(R"({"offset":1.5})")
                             << u"1.5 is not of type \"integer\""_s;
    QTest::newRow("array items") << QByteArray(R"({"select":["cron_id",3]})")
                                 << u"3 is not of type \"string\""_s;
    QTest::newRow("anyOf")
        << QByteArray(R"({"assistant_id":"a","schedule":"s","interrupt_after":"x"})")
        << u"\"x\" is not valid under any of the schemas listed in the 'anyOf' keyword"_s;
    QTest::newRow("minLength") << QByteArray(R"({"assistant_id":"a","schedule":"s","webhook":""})")
                               << u"\"\" is shorter than 1 character"_s;
    QTest::newRow("nullable end_time on patch")
        << QByteArray(R"({"end_time":1})") << u"1 is not of types \"null\", \"string\""_s;
}

void TestSandboxUnits::jsonSchema_reportsLikeJsonschemaRs()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const JsonSchema &schema = object.contains("schedule"_L1) || object.contains("assistant_id"_L1)
        ? schemas::cronCreate()
        : (object.contains("end_time"_L1) ? schemas::cronPatch() : schemas::cronSearch());
    const auto problem = schema.validate(object);
    QCOMPARE(problem.value_or(QString()), message);
}

void TestSandboxUnits::faultRule_roundTripsThroughJson()
{
    QString error;
    const auto rule = FaultRule::fromJson(
        QJsonDocument::fromJson(R"({"method":"post","path":"/runs/crons/*","delay_ms":5,
            "status":503,"body":{"detail":"busy"},"headers":{"Retry-After":"2"},"times":3,
            "commit_delay_ms":250})")
            .object(),
        &error);
    QVERIFY2(rule, qPrintable(error));
    QCOMPARE(rule->action, FaultRule::Action::Status);
    QCOMPARE(rule->method, QByteArray("POST"));
    QCOMPARE(rule->body, QByteArray(R"({"detail":"busy"})"));
    QCOMPARE(rule->headers.size(), 1);
    QCOMPARE(rule->commitDelayMs, 250);
    QVERIFY(rule->matches("POST", u"/runs/crons/search"_s));
    QVERIFY(!rule->matches("GET", u"/runs/crons/search"_s));
    QVERIFY(!rule->matches("POST", u"/threads"_s));
    const auto again = FaultRule::fromJson(rule->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), rule->toJson());

    FaultInjector injector;
    const QString id = injector.add(*rule);
    QVERIFY(injector.take("POST", u"/runs/crons/x"_s));
    QVERIFY(injector.take("POST", u"/runs/crons/x"_s));
    QVERIFY(injector.take("POST", u"/runs/crons/x"_s));
    QVERIFY(!injector.take("POST", u"/runs/crons/x"_s));
    QVERIFY(!injector.remove(id));
}

void TestSandboxUnits::commandLine_parsesEveryOption()
{
    const CommandLine line = CommandLine::parse(
        {u"crondesk-sandbox"_s, u"--port"_s, u"0"_s, u"--seed"_s, u"25"_s, u"--db"_s,
         u"/tmp/x.db"_s, u"--api-key"_s, u"k"_s, u"--fault"_s, uR"({"path":"/ok","delay_ms":10})"_s,
         u"--fake-clock"_s, u"2026-01-02T03:04:05Z"_s, u"--no-scheduler"_s,
         u"--scheduler-interval"_s, u"250"_s, u"--no-control"_s, u"--server-version"_s,
         u"0.9.1"_s});
    QVERIFY(!line.exitNow);
    QCOMPARE(line.port, quint16(0));
    QCOMPARE(line.options.seedCount, 25);
    QCOMPARE(line.options.databasePath, u"/tmp/x.db"_s);
    QCOMPARE(line.options.apiKey, u"k"_s);
    QCOMPARE(line.options.faults.size(), 1);
    QCOMPARE(line.options.faults.at(0).delayMs, 10);
    QVERIFY(line.fakeClock);
    QCOMPARE(line.options.clock, line.fakeClock.get());
    QCOMPARE(line.fakeClock->now(), QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
    QVERIFY(!line.options.scheduler);
    QCOMPARE(line.options.schedulerInterval, std::chrono::milliseconds(250));
    QVERIFY(!line.options.controlEndpoint);
    QCOMPARE(line.options.serverVersion, u"0.9.1"_s);

    const CommandLine defaults = CommandLine::parse({u"crondesk-sandbox"_s});
    QCOMPARE(defaults.port, quint16(2024));
    QCOMPARE(defaults.options.seedCount, 0);
    QVERIFY(defaults.options.scheduler);
    QVERIFY(defaults.options.controlEndpoint);
    QVERIFY(!defaults.options.clock);
}

void TestSandboxUnits::router_decodesSegmentsAndAnswers404And405()
{
    QCOMPARE(Router::segments(u"/runs/crons/a%2Fb"_s),
             QStringList({u"runs"_s, u"crons"_s, u"a/b"_s}));
    Router router;
    QString seen;
    router.add("GET", u"/things/{id}"_s, [&seen](const ApiRequest &request) {
        seen = request.pathParameters.at(0);
        return HttpResponse::json(QJsonObject {{u"ok"_s, true}});
    });
    RecordedRequest request;
    request.method = "GET";
    request.path = u"/things/x%20y"_s;
    QCOMPARE(router.dispatch(request).status, 200);
    QCOMPARE(seen, u"x y"_s);
    request.method = "POST";
    QCOMPARE(router.dispatch(request).status, 405);
    request.path = u"/things"_s;
    QCOMPARE(router.dispatch(request).status, 404);
    request.method = "GET";
    request.path = u"/things/"_s;
    QCOMPARE(router.dispatch(request).status, 404);
}

void TestSandboxUnits::requestLog_dropsTheOldestBeyondCapacity()
{
    RequestLog log(20);
    for (int i = 0; i < 25; ++i) {
        RecordedRequest request;
        request.method = "GET";
        request.path = u"/r/%1"_s.arg(i);
        log.append(request);
    }
    QVERIFY(log.size() <= 20);
    QCOMPARE(log.last().path, u"/r/24"_s);
    QCOMPARE(log.matching("GET", u"/r/0"_s).size(), 0);
    log.setCapacity(0);
    log.clear();
    RecordedRequest request;
    log.append(request);
    QCOMPARE(log.size(), 0);
}

QTEST_GUILESS_MAIN(TestSandboxUnits)
#include "tst_sandbox_units.moc"
