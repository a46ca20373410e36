// Conformance of the sandbox's cron endpoints with api-contract.md and the 0.12.0 OpenAPI.
#include "httpprobe.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::conformance::toJson;
using crondesk::sandbox::ManualClock;
using crondesk::sandbox::SandboxServer;

namespace {

const QString kAgentId = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s; // uuid5 of "agent"
const QString kEchoId = u"046b5dc7-2108-582c-9c6c-31d556d138f0"_s; // uuid5 of "echo"

QDateTime utc(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

bool isCanonicalUuid(const QString &text)
{
    static const QRegularExpression pattern(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    return pattern.match(text).hasMatch();
}

bool isServerTimestamp(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00$"_s);
    return pattern.match(text).hasMatch();
}

} // namespace

class TestSandboxCrons final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createStateless_returnsCronWithServerDefaults();
    void createStateless_withGraphNameOrUuid_storesResolvedAssistantId_data();
    void createStateless_withGraphNameOrUuid_storesResolvedAssistantId();
    void create_nextRunDate_isFirstOccurrenceAfterNowInUtc_data();
    void create_nextRunDate_isFirstOccurrenceAfterNowInUtc();
    void create_withInvalidBody_isRejectedLikeTheServer_data();
    void create_withInvalidBody_isRejectedLikeTheServer();
    void create_stripsReservedMetadataKeys();
    void create_keepsUnknownKeysInPayload();
    void create_withEndTimeAndDisabled_storesThem();
    void createForThread_defaultsEnqueueAndNullOnRunCompleted();
    void createForThread_withBadThread_isRejected_data();
    void createForThread_withBadThread_isRejected();
    void createForThread_rejectsUnknownMultitaskStrategy();

    void get_returnsTheStoredCron();
    void get_withUnknownOrInvalidId_fails_data();
    void get_withUnknownOrInvalidId_fails();

    void patch_withEmptyBody_is400();
    void patch_withUnknownOrInvalidId_fails_data();
    void patch_withUnknownOrInvalidId_fails();
    void patch_mergesMetadata();
    void patch_endTimeNull_clearsIt_andOmittedKeepsIt();
    void patch_schedule_recomputesNextRunDate_andBumpsUpdatedAt();
    void patch_enabledFalse_pausesWithoutTouchingOtherFields();
    void patch_doesNotChangeAssistantOrThread();
    void patch_replacesPayloadKeys();
    void patch_withInvalidValues_is422_data();
    void patch_withInvalidValues_is422();
    void timezone_thatIsNotAnIanaName_isRefusedOnCreateAndPatch_data();
    void timezone_thatIsNotAnIanaName_isRefusedOnCreateAndPatch();
    void timezone_backwardLinkName_isAcceptedLikeZoneinfo();

    void delete_returns204WithoutBody_thenGone();
    void delete_withUnknownOrInvalidId_fails_data();
    void delete_withUnknownOrInvalidId_fails();

    void search_withoutFilters_returnsNewestFirstTen();
    void search_metadataValueOfManyCrons_findsExactlyTheLiveOnes();
    void search_withFilters_returnsOnlyMatches_data();
    void search_withFilters_returnsOnlyMatches();
    void search_sortBy_ordersEveryField_data();
    void search_sortBy_ordersEveryField();
    void search_paging_setsPaginationHeaders_data();
    void search_paging_setsPaginationHeaders();
    void search_withSelect_returnsOnlySelectedFields();
    void search_withInvalidBody_is422_data();
    void search_withInvalidBody_is422();

    void count_answersBareInteger_data();
    void count_answersBareInteger();
    void count_withNonUuidFilter_is422();

private:
    // Six crons with distinct creation times (a minute apart) and a mix of every filter field.
    void createSearchFixture();
    QJsonObject create(const QJsonObject &body, const QString &threadId = {});

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
    QString m_threadA;
    QString m_threadB;
};

void TestSandboxCrons::init()
{
    m_clock = std::make_unique<ManualClock>(utc(2026, 3, 1, 10, 0));
    SandboxServer::Options options;
    options.clock = m_clock.get();
    options.scheduler = false;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
    m_threadA = m_server->createThread({{u"name"_s, u"A"_s}}).value("thread_id"_L1).toString();
    m_threadB = m_server->createThread({{u"name"_s, u"B"_s}}).value("thread_id"_L1).toString();
    QVERIFY(!m_threadA.isEmpty() && !m_threadB.isEmpty());
}

void TestSandboxCrons::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_clock.reset();
}

QJsonObject TestSandboxCrons::create(const QJsonObject &body, const QString &threadId)
{
    const ProbeReply reply = m_http->post(
        threadId.isEmpty() ? u"/runs/crons"_s : u"/threads/%1/runs/crons"_s.arg(threadId), body);
    if (reply.status != 200)
        qWarning() << "create failed" << reply.status << reply.body;
    return reply.object();
}

void TestSandboxCrons::createStateless_returnsCronWithServerDefaults()
{
    const ProbeReply reply = m_http->post(
        u"/runs/crons"_s, {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    const QJsonObject cron = reply.object();
    QVERIFY(isCanonicalUuid(cron.value("cron_id"_L1).toString()));
    QCOMPARE(cron.value("assistant_id"_L1).toString(), kAgentId);
    QVERIFY(cron.value("thread_id"_L1).isNull());
    QCOMPARE(cron.value("on_run_completed"_L1).toString(), u"delete"_s);
    QVERIFY(cron.value("end_time"_L1).isNull());
    QCOMPARE(cron.value("schedule"_L1).toString(), u"0 8 * * *"_s);
    QVERIFY(cron.value("timezone"_L1).isNull());
    QVERIFY(cron.value("user_id"_L1).isNull());
    QCOMPARE(cron.value("enabled"_L1), QJsonValue(true));
    QCOMPARE(cron.value("metadata"_L1).toObject(), QJsonObject());
    QVERIFY(isServerTimestamp(cron.value("created_at"_L1).toString()));
    QCOMPARE(cron.value("created_at"_L1).toString(), u"2026-03-01T10:00:00+00:00"_s);
    QCOMPARE(cron.value("updated_at"_L1), cron.value("created_at"_L1));
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-03-02T08:00:00+00:00"_s);
    const QJsonObject payload = cron.value("payload"_L1).toObject();
    QCOMPARE(payload.value("assistant_id"_L1).toString(), kAgentId);
    QCOMPARE(payload.value("schedule"_L1).toString(), u"0 8 * * *"_s);
    QCOMPARE(payload.value("config"_L1).toObject(),
             QJsonObject({{u"configurable"_s, QJsonObject()}}));
    // Every key of the server's Cron object is present.
    const QStringList keys
        = {u"cron_id"_s,  u"assistant_id"_s,  u"thread_id"_s,  u"on_run_completed"_s, u"end_time"_s,
           u"schedule"_s, u"timezone"_s,      u"created_at"_s, u"updated_at"_s,       u"user_id"_s,
           u"payload"_s,  u"next_run_date"_s, u"metadata"_s,   u"enabled"_s};
    QCOMPARE(cron.keys().size(), keys.size());
    for (const QString &key : keys)
        QVERIFY2(cron.contains(key), qPrintable(key));
}

void TestSandboxCrons::createStateless_withGraphNameOrUuid_storesResolvedAssistantId_data()
{
    QTest::addColumn<QString>("assistant");
    QTest::addColumn<QString>("expected");
    QTest::newRow("graph name agent") << u"agent"_s << kAgentId;
    QTest::newRow("graph name echo") << u"echo"_s << kEchoId;
    QTest::newRow("system assistant uuid") << kEchoId << kEchoId;
    QTest::newRow("upper-case uuid") << kEchoId.toUpper() << kEchoId;
}

void TestSandboxCrons::createStateless_withGraphNameOrUuid_storesResolvedAssistantId()
{
    QFETCH(QString, assistant);
    QFETCH(QString, expected);
    const QJsonObject cron = create({{u"assistant_id"_s, assistant}, {u"schedule"_s, u"@daily"_s}});
    QCOMPARE(cron.value("assistant_id"_L1).toString(), expected);
    QCOMPARE(cron.value("payload"_L1).toObject().value("assistant_id"_L1).toString(), expected);
}

void TestSandboxCrons::create_nextRunDate_isFirstOccurrenceAfterNowInUtc_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QJsonValue>("timezone");
    QTest::addColumn<QString>("expected");
    // now = 2026-03-01T10:00:00Z, a Sunday
    QTest::newRow("daily 08:00 utc, tomorrow")
        << u"0 8 * * *"_s << QJsonValue() << u"2026-03-02T08:00:00+00:00"_s;
    QTest::newRow("daily 12:00 utc, today")
        << u"0 12 * * *"_s << QJsonValue() << u"2026-03-01T12:00:00+00:00"_s;
    QTest::newRow("explicit UTC") << u"30 10 * * *"_s << QJsonValue(u"UTC"_s)
                                  << u"2026-03-01T10:30:00+00:00"_s;
    QTest::newRow("new york 08:00 is 13:00Z in winter")
        << u"0 8 * * *"_s << QJsonValue(u"America/New_York"_s) << u"2026-03-01T13:00:00+00:00"_s;
    QTest::newRow("tokyo 08:00 is 23:00Z the day before")
        << u"0 8 * * *"_s << QJsonValue(u"Asia/Tokyo"_s) << u"2026-03-01T23:00:00+00:00"_s;
    QTest::newRow("kolkata half-hour offset")
        << u"0 18 * * *"_s << QJsonValue(u"Asia/Kolkata"_s) << u"2026-03-01T12:30:00+00:00"_s;
    QTest::newRow("every 15 minutes")
        << u"*/15 * * * *"_s << QJsonValue() << u"2026-03-01T10:15:00+00:00"_s;
    QTest::newRow("weekdays") << u"30 9 * * 1-5"_s << QJsonValue()
                              << u"2026-03-02T09:30:00+00:00"_s;
    QTest::newRow("macro monthly")
        << u"@monthly"_s << QJsonValue() << u"2026-04-01T00:00:00+00:00"_s;
    QTest::newRow("names") << u"0 6 * jan-jun sat"_s << QJsonValue()
                           << u"2026-03-07T06:00:00+00:00"_s;
}

void TestSandboxCrons::create_nextRunDate_isFirstOccurrenceAfterNowInUtc()
{
    QFETCH(QString, schedule);
    QFETCH(QJsonValue, timezone);
    QFETCH(QString, expected);
    QJsonObject body {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, schedule}};
    if (timezone.isString())
        body.insert(u"timezone"_s, timezone);
    const QJsonObject cron = create(body);
    QCOMPARE(cron.value("next_run_date"_L1).toString(), expected);
    QCOMPARE(cron.value("timezone"_L1),
             timezone.isString() ? timezone : QJsonValue(QJsonValue::Null));
}

void TestSandboxCrons::create_withInvalidBody_isRejectedLikeTheServer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail"); // a fragment of it

    QTest::newRow("malformed json")
        << QByteArray("{\"assistant_id\": ") << 422 << u"Invalid JSON in request body"_s;
    QTest::newRow("empty body") << QByteArray("") << 422 << u"Invalid JSON in request body"_s;
    QTest::newRow("array body") << QByteArray("[]") << 422 << u"is not of type \"object\""_s;
    QTest::newRow("missing assistant_id") << QByteArray(R"({"schedule":"0 8 * * *"})") << 422
                                          << u"\"assistant_id\" is a required property"_s;
    QTest::newRow("missing schedule") << QByteArray(R"({"assistant_id":"agent"})") << 422
                                      << u"\"schedule\" is a required property"_s;
    QTest::newRow("schedule not a string") << QByteArray(R"({"assistant_id":"agent","schedule":5})")
                                           << 422 << u"5 is not of type \"string\""_s;
    QTest::newRow("invalid schedule")
        << QByteArray(R"({"assistant_id":"agent","schedule":"61 * * * *"})") << 422
        << u"Invalid cron schedule"_s;
    QTest::newRow("schedule with too few fields")
        << QByteArray(R"({"assistant_id":"agent","schedule":"* * *"})") << 422
        << u"Invalid cron schedule"_s;
    QTest::newRow("invalid timezone")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","timezone":"Mars/Base"})")
        << 422
        << u"Invalid timezone: 'Mars/Base'. Use IANA timezone format (e.g. 'America/New_York')."_s;
    QTest::newRow("offset timezone")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","timezone":"UTC+02:00"})")
        << 422 << u"Invalid timezone"_s;
    QTest::newRow("timezone not a string")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","timezone":1})") << 422
        << u"is not of type \"string\""_s;
    QTest::newRow("enabled as string")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","enabled":"yes"})") << 422
        << u"\"yes\" is not of type \"boolean\""_s;
    QTest::newRow("unknown on_run_completed") << QByteArray(
        R"({"assistant_id":"agent","schedule":"0 8 * * *","on_run_completed":"sometimes"})")
                                              << 422 << u"is not one of [\"delete\",\"keep\"]"_s;
    QTest::newRow("unknown durability") << QByteArray(
        R"({"assistant_id":"agent","schedule":"0 8 * * *","durability":"eventually"})")
                                        << 422 << u"is not one of"_s;
    QTest::newRow("unknown stream_mode")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","stream_mode":"video"})")
        << 422 << u"anyOf"_s;
    QTest::newRow("input as string")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","input":"hi"})") << 422
        << u"anyOf"_s;
    QTest::newRow("interrupt_before not star") << QByteArray(
        R"({"assistant_id":"agent","schedule":"0 8 * * *","interrupt_before":"tools"})")
                                               << 422 << u"anyOf"_s;
    QTest::newRow("recursion_limit as string") << QByteArray(
        R"({"assistant_id":"agent","schedule":"0 8 * * *","config":{"recursion_limit":"10"}})")
                                               << 422 << u"is not of type \"integer\""_s;
    QTest::newRow("metadata as array")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","metadata":[]})") << 422
        << u"is not of type \"object\""_s;
    QTest::newRow("empty webhook")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","webhook":""})") << 422
        << u"is shorter than 1 character"_s;
    QTest::newRow("naive end_time") << QByteArray(
        R"({"assistant_id":"agent","schedule":"0 8 * * *","end_time":"2030-01-01T00:00:00"})")
                                    << 422 << u"is not a \"date-time\""_s;
    QTest::newRow("garbage end_time")
        << QByteArray(R"({"assistant_id":"agent","schedule":"0 8 * * *","end_time":"tomorrow"})")
        << 422 << u"is not a \"date-time\""_s;
    QTest::newRow("unknown graph name")
        << QByteArray(R"({"assistant_id":"nope","schedule":"0 8 * * *"})") << 404
        << u"Assistant 'nope' not found"_s;
    QTest::newRow("unknown assistant uuid") << QByteArray(
        R"({"assistant_id":"00000000-0000-4000-8000-000000000000","schedule":"0 8 * * *"})")
                                            << 404 << u"not found"_s;
}

void TestSandboxCrons::create_withInvalidBody_isRejectedLikeTheServer()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->send("POST", u"/runs/crons"_s, body);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
    QCOMPARE(m_server->store().cronCount(), 0);
}

void TestSandboxCrons::create_stripsReservedMetadataKeys()
{
    const QJsonObject cron = create(
        {{u"assistant_id"_s, u"agent"_s},
         {u"schedule"_s, u"0 8 * * *"_s},
         {u"metadata"_s,
          QJsonObject {{u"owner"_s, u"alice"_s},
                       {u"cron_id"_s, u"x"_s},
                       {u"thread_id"_s, u"y"_s},
                       {u"run_id"_s, u"z"_s},
                       {u"assistant_id"_s, u"w"_s}}},
         {u"config"_s,
          QJsonObject {{u"configurable"_s,
                        QJsonObject {{u"langgraph_auth_user"_s, 1}, {u"model"_s, u"m"_s}}}}}});
    QCOMPARE(cron.value("metadata"_L1).toObject(), QJsonObject({{u"owner"_s, u"alice"_s}}));
    const QJsonObject payload = cron.value("payload"_L1).toObject();
    QCOMPARE(payload.value("metadata"_L1).toObject(), QJsonObject({{u"owner"_s, u"alice"_s}}));
    QCOMPARE(payload.value("config"_L1).toObject().value("configurable"_L1).toObject(),
             QJsonObject({{u"model"_s, u"m"_s}}));
}

void TestSandboxCrons::create_keepsUnknownKeysInPayload()
{
    const QJsonObject cron = create({{u"assistant_id"_s, u"agent"_s},
                                     {u"schedule"_s, u"0 8 * * *"_s},
                                     {u"multitask_strategy"_s, u"interrupt"_s},
                                     {u"checkpoint_during"_s, true},
                                     {u"input"_s, QJsonObject {{u"messages"_s, QJsonArray()}}},
                                     {u"stream_mode"_s, QJsonArray {u"values"_s, u"updates"_s}}});
    const QJsonObject payload = cron.value("payload"_L1).toObject();
    QCOMPARE(payload.value("multitask_strategy"_L1).toString(), u"interrupt"_s);
    QCOMPARE(payload.value("checkpoint_during"_L1), QJsonValue(true));
    QCOMPARE(payload.value("input"_L1).toObject(), QJsonObject({{u"messages"_s, QJsonArray()}}));
    QCOMPARE(payload.value("stream_mode"_L1).toArray().size(), 2);
    QVERIFY(!cron.contains("input"_L1)); // run parameters live only under payload
}

void TestSandboxCrons::create_withEndTimeAndDisabled_storesThem()
{
    const QJsonObject cron = create({{u"assistant_id"_s, u"agent"_s},
                                     {u"schedule"_s, u"0 8 * * *"_s},
                                     {u"end_time"_s, u"2026-12-31T23:59:59Z"_s},
                                     {u"enabled"_s, false},
                                     {u"on_run_completed"_s, u"keep"_s}});
    QCOMPARE(cron.value("end_time"_L1).toString(), u"2026-12-31T23:59:59+00:00"_s);
    QCOMPARE(cron.value("enabled"_L1), QJsonValue(false));
    QCOMPARE(cron.value("on_run_completed"_L1).toString(), u"keep"_s);

    const QJsonObject offset = create({{u"assistant_id"_s, u"agent"_s},
                                       {u"schedule"_s, u"0 8 * * *"_s},
                                       {u"end_time"_s, u"2027-01-01T01:30:00.250+02:00"_s}});
    QCOMPARE(offset.value("end_time"_L1).toString(), u"2026-12-31T23:30:00.250000+00:00"_s);
}

void TestSandboxCrons::createForThread_defaultsEnqueueAndNullOnRunCompleted()
{
    const QJsonObject cron = create({{u"assistant_id"_s, u"agent"_s},
                                     {u"schedule"_s, u"0 0 * * *"_s},
                                     {u"on_run_completed"_s, u"keep"_s}}, // the JS SDK sends it
                                    m_threadA);
    QCOMPARE(cron.value("thread_id"_L1).toString(), m_threadA);
    QVERIFY(cron.value("on_run_completed"_L1).isNull());
    QCOMPARE(cron.value("payload"_L1).toObject().value("multitask_strategy"_L1).toString(),
             u"enqueue"_s);
    QCOMPARE(cron.value("enabled"_L1), QJsonValue(true));
}

void TestSandboxCrons::createForThread_withBadThread_isRejected_data()
{
    QTest::addColumn<QString>("threadId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not a uuid") << u"thread_123"_s << 422 << u"Invalid thread ID: must be a UUID"_s;
    QTest::newRow("unknown thread")
        << u"9b3d0f0e-6b39-4a43-9b1e-bd3f7a1f0c11"_s << 404 << u"not found"_s;
}

void TestSandboxCrons::createForThread_withBadThread_isRejected()
{
    QFETCH(QString, threadId);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply
        = m_http->post(u"/threads/%1/runs/crons"_s.arg(threadId),
                       {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 0 * * *"_s}});
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
}

void TestSandboxCrons::createForThread_rejectsUnknownMultitaskStrategy()
{
    const ProbeReply reply = m_http->post(u"/threads/%1/runs/crons"_s.arg(m_threadA),
                                          {{u"assistant_id"_s, u"agent"_s},
                                           {u"schedule"_s, u"0 0 * * *"_s},
                                           {u"multitask_strategy"_s, u"queue"_s}});
    QCOMPARE(reply.status, 422);
    QVERIFY(reply.detail().contains(u"is not one of"_s));
}

void TestSandboxCrons::get_returnsTheStoredCron()
{
    const QJsonObject created
        = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    const QString id = created.value("cron_id"_L1).toString();
    const ProbeReply reply = m_http->get(u"/runs/crons/"_s + id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object(), created);
    QCOMPARE(m_http->get(u"/runs/crons/"_s + id.toUpper()).object(), created);
}

void TestSandboxCrons::get_withUnknownOrInvalidId_fails_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("unknown") << u"0b0c7c9e-3f9f-4a40-8c1a-2f3f0f8f7e61"_s << 404 << u"not found"_s;
    QTest::newRow("not a uuid") << u"cron_123"_s << 422 << u"Invalid cron ID: must be a UUID"_s;
    QTest::newRow("encoded slash") << u"a%2Fb"_s << 422 << u"Invalid cron ID: must be a UUID"_s;
}

void TestSandboxCrons::get_withUnknownOrInvalidId_fails()
{
    QFETCH(QString, id);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->get(u"/runs/crons/"_s + id);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
}

void TestSandboxCrons::patch_withEmptyBody_is400()
{
    const QString id = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}})
                           .value("cron_id"_L1)
                           .toString();
    const ProbeReply reply = m_http->send("PATCH", u"/runs/crons/"_s + id, "{}");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object(), QJsonObject({{u"detail"_s, u"Request body cannot be empty"_s}}));
}

void TestSandboxCrons::patch_withUnknownOrInvalidId_fails_data()
{
    get_withUnknownOrInvalidId_fails_data();
}

void TestSandboxCrons::patch_withUnknownOrInvalidId_fails()
{
    QFETCH(QString, id);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->patch(u"/runs/crons/"_s + id, {{u"enabled"_s, false}});
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
}

void TestSandboxCrons::patch_mergesMetadata()
{
    const QString id
        = create({{u"assistant_id"_s, u"agent"_s},
                  {u"schedule"_s, u"0 8 * * *"_s},
                  {u"metadata"_s, QJsonObject {{u"owner"_s, u"alice"_s}, {u"team"_s, u"infra"_s}}}})
              .value("cron_id"_L1)
              .toString();
    const ProbeReply reply = m_http->patch(
        u"/runs/crons/"_s + id,
        {{u"metadata"_s,
          QJsonObject {
              {u"team"_s, u"platform"_s}, {u"tier"_s, 1}, {u"cron_id"_s, u"reserved"_s}}}});
    QCOMPARE(reply.status, 200);
    const QJsonObject expected {
        {u"owner"_s, u"alice"_s}, {u"team"_s, u"platform"_s}, {u"tier"_s, 1}};
    QCOMPARE(reply.object().value("metadata"_L1).toObject(), expected);
    QCOMPARE(m_http->get(u"/runs/crons/"_s + id).object().value("metadata"_L1).toObject(),
             expected);
}

void TestSandboxCrons::patch_endTimeNull_clearsIt_andOmittedKeepsIt()
{
    const QString id = create({{u"assistant_id"_s, u"agent"_s},
                               {u"schedule"_s, u"0 8 * * *"_s},
                               {u"end_time"_s, u"2026-12-31T23:59:59+00:00"_s}})
                           .value("cron_id"_L1)
                           .toString();
    ProbeReply reply = m_http->patch(u"/runs/crons/"_s + id, {{u"enabled"_s, false}});
    QCOMPARE(reply.object().value("end_time"_L1).toString(), u"2026-12-31T23:59:59+00:00"_s);

    reply = m_http->send("PATCH", u"/runs/crons/"_s + id, R"({"end_time": null})");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.object().value("end_time"_L1).isNull());
    QVERIFY(m_http->get(u"/runs/crons/"_s + id).object().value("end_time"_L1).isNull());

    reply = m_http->patch(u"/runs/crons/"_s + id, {{u"end_time"_s, u"2027-06-15T12:00:00Z"_s}});
    QCOMPARE(reply.object().value("end_time"_L1).toString(), u"2027-06-15T12:00:00+00:00"_s);
}

void TestSandboxCrons::patch_schedule_recomputesNextRunDate_andBumpsUpdatedAt()
{
    const QJsonObject created
        = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    m_clock->advance(std::chrono::minutes(5));
    const ProbeReply reply
        = m_http->patch(u"/runs/crons/"_s + created.value("cron_id"_L1).toString(),
                        {{u"schedule"_s, u"0 10 * * *"_s}, {u"timezone"_s, u"Europe/Berlin"_s}});
    QCOMPARE(reply.status, 200);
    const QJsonObject cron = reply.object();
    QCOMPARE(cron.value("schedule"_L1).toString(), u"0 10 * * *"_s);
    QCOMPARE(cron.value("timezone"_L1).toString(), u"Europe/Berlin"_s);
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-03-02T09:00:00+00:00"_s);
    QCOMPARE(cron.value("created_at"_L1), created.value("created_at"_L1));
    QCOMPARE(cron.value("updated_at"_L1).toString(), u"2026-03-01T10:05:00+00:00"_s);
    QCOMPARE(cron.value("payload"_L1).toObject().value("schedule"_L1).toString(), u"0 10 * * *"_s);
}

void TestSandboxCrons::patch_enabledFalse_pausesWithoutTouchingOtherFields()
{
    const QJsonObject created
        = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    const ProbeReply reply = m_http->patch(
        u"/runs/crons/"_s + created.value("cron_id"_L1).toString(), {{u"enabled"_s, false}});
    QCOMPARE(reply.status, 200);
    QJsonObject expected = created;
    expected.insert(u"enabled"_s, false);
    QJsonObject actual = reply.object();
    QJsonObject payload = actual.value("payload"_L1).toObject();
    QCOMPARE(payload.value("enabled"_L1), QJsonValue(false));
    payload.remove(u"enabled"_s);
    actual.insert(u"payload"_s, payload);
    QCOMPARE(actual, expected);
}

void TestSandboxCrons::patch_doesNotChangeAssistantOrThread()
{
    const QJsonObject created
        = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}}, m_threadA);
    const ProbeReply reply = m_http->patch(
        u"/runs/crons/"_s + created.value("cron_id"_L1).toString(),
        {{u"assistant_id"_s, kEchoId}, {u"thread_id"_s, m_threadB}, {u"enabled"_s, false}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("assistant_id"_L1).toString(), kAgentId);
    QCOMPARE(reply.object().value("thread_id"_L1).toString(), m_threadA);
}

void TestSandboxCrons::patch_replacesPayloadKeys()
{
    const QJsonObject created = create({{u"assistant_id"_s, u"agent"_s},
                                        {u"schedule"_s, u"0 8 * * *"_s},
                                        {u"input"_s, QJsonObject {{u"a"_s, 1}, {u"b"_s, 2}}},
                                        {u"interrupt_before"_s, QJsonArray {u"tools"_s}}});
    const QJsonObject patch {
        {u"input"_s, QJsonObject {{u"message"_s, u"updated"_s}}},
        {u"config"_s, QJsonObject {{u"configurable"_s, QJsonObject {{u"foo"_s, u"bar"_s}}}}},
        {u"context"_s, QJsonObject {{u"user"_s, u"test"_s}}},
        {u"webhook"_s, u"https://example.com/webhook"_s},
        {u"interrupt_before"_s, QJsonArray {u"node1"_s}},
        {u"interrupt_after"_s, u"*"_s},
        {u"on_run_completed"_s, u"keep"_s}};
    const ProbeReply reply
        = m_http->patch(u"/runs/crons/"_s + created.value("cron_id"_L1).toString(), patch);
    QCOMPARE(reply.status, 200);
    const QJsonObject cron = reply.object();
    const QJsonObject payload = cron.value("payload"_L1).toObject();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        QCOMPARE(payload.value(it.key()), it.value());
    QCOMPARE(cron.value("on_run_completed"_L1).toString(), u"keep"_s);
    QCOMPARE(payload.value("assistant_id"_L1).toString(), kAgentId);
}

void TestSandboxCrons::patch_withInvalidValues_is422_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    QTest::newRow("malformed json") << QByteArray("{") << u"Invalid JSON in request body"_s;
    QTest::newRow("invalid schedule")
        << QByteArray(R"({"schedule":"every day"})") << u"Invalid cron schedule"_s;
    QTest::newRow("invalid timezone") << QByteArray(R"({"timezone":"Europe/Atlantis"})")
                                      << u"Invalid timezone: 'Europe/Atlantis'"_s;
    QTest::newRow("enabled as number")
        << QByteArray(R"({"enabled":0})") << u"is not of type \"boolean\""_s;
    QTest::newRow("end_time as number") << QByteArray(R"({"end_time":5})") << u"is not of types"_s;
    QTest::newRow("bad on_run_completed")
        << QByteArray(R"({"on_run_completed":"drop"})") << u"is not one of"_s;
    QTest::newRow("metadata as string")
        << QByteArray(R"({"metadata":"x"})") << u"is not of type \"object\""_s;
}

void TestSandboxCrons::patch_withInvalidValues_is422()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const QJsonObject created
        = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    const QString id = created.value("cron_id"_L1).toString();
    const ProbeReply reply = m_http->send("PATCH", u"/runs/crons/"_s + id, body);
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
    QCOMPARE(m_http->get(u"/runs/crons/"_s + id).object(), created);
}

void TestSandboxCrons::timezone_thatIsNotAnIanaName_isRefusedOnCreateAndPatch_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("timezone");
    // QTimeZone reads the first three as POSIX TZ rules (valid, and UTC); zoneinfo refuses them.
    for (const QString &route : {u"create"_s, u"create for thread"_s, u"patch"_s}) {
        for (const QString &zone : {u"XYZ"_s, u"Berl"_s, u"Paris"_s, u"Mars/Base"_s}) {
            const QByteArray tag = (route + u", "_s + zone).toUtf8();
            QTest::newRow(tag.constData()) << route << zone;
        }
    }
}

void TestSandboxCrons::timezone_thatIsNotAnIanaName_isRefusedOnCreateAndPatch()
{
    QFETCH(QString, route);
    QFETCH(QString, timezone);
    const QString detail
        = u"Invalid timezone: '%1'. Use IANA timezone format (e.g. 'America/New_York')."_s.arg(
            timezone);
    const QJsonObject body {{u"assistant_id"_s, u"agent"_s},
                            {u"schedule"_s, u"0 9 * * *"_s},
                            {u"timezone"_s, timezone}};
    if (route == u"patch") {
        const QJsonObject created
            = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 9 * * *"_s}});
        const QString id = created.value("cron_id"_L1).toString();
        const ProbeReply reply = m_http->send("PATCH", u"/runs/crons/"_s + id,
                                              toJson(QJsonObject {{u"timezone"_s, timezone}}));
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.detail(), detail);
        QCOMPARE(m_http->get(u"/runs/crons/"_s + id).object(), created);
        return;
    }
    const QString path
        = route == u"create" ? u"/runs/crons"_s : u"/threads/%1/runs/crons"_s.arg(m_threadA);
    const ProbeReply reply = m_http->post(path, body);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.detail(), detail);
    QCOMPARE(m_http->post(u"/runs/crons/count"_s, {}).body, QByteArray("0"));
}

void TestSandboxCrons::timezone_backwardLinkName_isAcceptedLikeZoneinfo()
{
    // US/Eastern is a link in the tz database's backward file; zoneinfo opens it.
    const QJsonObject cron = create({{u"assistant_id"_s, u"agent"_s},
                                     {u"schedule"_s, u"0 9 * * *"_s},
                                     {u"timezone"_s, u"US/Eastern"_s}});
    QCOMPARE(cron.value("timezone"_L1).toString(), u"US/Eastern"_s);
    // 2026-03-01 10:00 UTC is 05:00 in New York: the next 09:00 there is 14:00 UTC.
    QCOMPARE(cron.value("next_run_date"_L1).toString(), u"2026-03-01T14:00:00+00:00"_s);
}

void TestSandboxCrons::delete_returns204WithoutBody_thenGone()
{
    const QString id = create({{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}})
                           .value("cron_id"_L1)
                           .toString();
    const ProbeReply reply = m_http->del(u"/runs/crons/"_s + id);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QVERIFY(reply.header("content-length").isNull());
    QCOMPARE(m_http->get(u"/runs/crons/"_s + id).status, 404);
    QCOMPARE(m_http->del(u"/runs/crons/"_s + id).status, 404);
    QCOMPARE(m_http->post(u"/runs/crons/count"_s, {}).body, QByteArray("0"));
}

void TestSandboxCrons::delete_withUnknownOrInvalidId_fails_data()
{
    get_withUnknownOrInvalidId_fails_data();
}

void TestSandboxCrons::delete_withUnknownOrInvalidId_fails()
{
    QFETCH(QString, id);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->del(u"/runs/crons/"_s + id);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
}

void TestSandboxCrons::createSearchFixture()
{
    struct Spec
    {
        QString assistant;
        bool onThreadA;
        bool onThreadB;
        bool enabled;
        QString owner;
        QString schedule;
        QJsonValue endTime;
    };
    const QList<Spec> specs = {
        {u"agent"_s, false, false, true, u"alice"_s, u"0 8 * * *"_s, QJsonValue()},
        {u"agent"_s, true, false, false, u"bob"_s, u"0 9 * * *"_s,
         QJsonValue(u"2027-01-01T00:00:00Z"_s)},
        {u"echo"_s, false, false, true, u"alice"_s, u"0 7 * * *"_s,
         QJsonValue(u"2026-06-01T00:00:00Z"_s)},
        {u"echo"_s, false, true, true, u"carol"_s, u"30 10 * * *"_s, QJsonValue()},
        {u"agent"_s, true, false, true, u"alice"_s, u"0 11 * * *"_s,
         QJsonValue(u"2028-01-01T00:00:00Z"_s)},
        {u"researcher"_s, false, false, false, u"bob"_s, u"15 10 * * *"_s, QJsonValue()},
    };
    for (const Spec &spec : specs) {
        QJsonObject body {
            {u"assistant_id"_s, spec.assistant},
            {u"schedule"_s, spec.schedule},
            {u"enabled"_s, spec.enabled},
            {u"metadata"_s, QJsonObject {{u"owner"_s, spec.owner}, {u"suite"_s, u"search"_s}}}};
        if (spec.endTime.isString())
            body.insert(u"end_time"_s, spec.endTime);
        const QString thread
            = spec.onThreadA ? m_threadA : (spec.onThreadB ? m_threadB : QString());
        QVERIFY(!create(body, thread).isEmpty());
        m_clock->advance(std::chrono::minutes(1));
    }
}

void TestSandboxCrons::search_withoutFilters_returnsNewestFirstTen()
{
    for (int i = 0; i < 12; ++i) {
        create({{u"assistant_id"_s, u"agent"_s},
                {u"schedule"_s, u"0 8 * * *"_s},
                {u"metadata"_s, QJsonObject {{u"i"_s, i}}}});
        m_clock->advance(std::chrono::seconds(1));
    }
    const ProbeReply reply = m_http->post(u"/runs/crons/search"_s, {});
    QCOMPARE(reply.status, 200);
    const QJsonArray crons = reply.array();
    QCOMPARE(crons.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(crons.at(i).toObject().value("metadata"_L1).toObject().value("i"_L1).toInt(),
                 11 - i);
    QCOMPARE(reply.header("x-pagination-next"), QByteArray("10"));
}

// The metadata index keeps a value's cron ids in a short list while they are few and in a set
// once there are more (tests/sandbox/cronidset.h): the same answers either way, and after deletes.
void TestSandboxCrons::search_metadataValueOfManyCrons_findsExactlyTheLiveOnes()
{
    QStringList ids;
    for (int i = 0; i < 20; ++i) {
        ids.append(create({{u"assistant_id"_s, u"agent"_s},
                           {u"schedule"_s, u"0 8 * * *"_s},
                           {u"metadata"_s, QJsonObject {{u"team"_s, u"ops"_s}, {u"odd"_s, i % 2}}}})
                       .value("cron_id"_L1)
                       .toString());
        m_clock->advance(std::chrono::seconds(1));
    }
    auto found = [this](const QJsonObject &metadata) {
        QStringList result;
        const QJsonArray crons
            = m_http->post(u"/runs/crons/search"_s, {{u"metadata"_s, metadata}, {u"limit"_s, 100}})
                  .array();
        for (const QJsonValue &cron : crons)
            result.append(cron.toObject().value("cron_id"_L1).toString());
        result.sort();
        return result;
    };
    auto counted = [this](const QJsonObject &metadata) {
        return m_http->post(u"/runs/crons/count"_s, {{u"metadata"_s, metadata}}).body.toInt();
    };
    auto expected = [&ids](int parity) {
        QStringList result;
        for (int i = 0; i < ids.size(); ++i) {
            if (!ids.at(i).isEmpty() && (parity < 0 || i % 2 == parity))
                result.append(ids.at(i));
        }
        result.sort();
        return result;
    };
    const QJsonObject team {{u"team"_s, u"ops"_s}};
    const QJsonObject teamOdd {{u"team"_s, u"ops"_s}, {u"odd"_s, 1}};
    QCOMPARE(found(team), expected(-1));
    QCOMPARE(found(teamOdd), expected(1));
    QCOMPARE(counted(team), 20);

    for (int i : {0, 3, 4, 11, 19}) {
        QCOMPARE(m_http->del(u"/runs/crons/"_s + ids.at(i)).status, 204);
        ids[i].clear();
    }
    QCOMPARE(found(team), expected(-1));
    QCOMPARE(found(teamOdd), expected(1));
    QCOMPARE(found({{u"odd"_s, 0}}), expected(0));
    QCOMPARE(counted(team), 15);
    QCOMPARE(counted(teamOdd), 7);
}

void TestSandboxCrons::search_withFilters_returnsOnlyMatches_data()
{
    QTest::addColumn<QByteArray>("filter"); // "%A" and "%B" stand for the two threads
    QTest::addColumn<QList<int>>("expected"); // fixture indexes, newest first

    QTest::newRow("no filter") << QByteArray("{}") << QList<int> {5, 4, 3, 2, 1, 0};
    QTest::newRow("assistant agent")
        << QByteArray(R"({"assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca"})")
        << QList<int> {4, 1, 0};
    QTest::newRow("assistant upper-case")
        << QByteArray(R"({"assistant_id":"046B5DC7-2108-582C-9C6C-31D556D138F0"})")
        << QList<int> {3, 2};
    QTest::newRow("thread A") << QByteArray(R"({"thread_id":"%A"})") << QList<int> {4, 1};
    QTest::newRow("thread B") << QByteArray(R"({"thread_id":"%B"})") << QList<int> {3};
    QTest::newRow("enabled true") << QByteArray(R"({"enabled":true})") << QList<int> {4, 3, 2, 0};
    QTest::newRow("enabled false") << QByteArray(R"({"enabled":false})") << QList<int> {5, 1};
    QTest::newRow("metadata owner")
        << QByteArray(R"({"metadata":{"owner":"alice"}})") << QList<int> {4, 2, 0};
    QTest::newRow("metadata two keys")
        << QByteArray(R"({"metadata":{"owner":"bob","suite":"search"}})") << QList<int> {5, 1};
    QTest::newRow("metadata no match")
        << QByteArray(R"({"metadata":{"owner":"zed"}})") << QList<int> {};
    QTest::newRow("metadata type matters")
        << QByteArray(R"({"metadata":{"suite":1}})") << QList<int> {};
    QTest::newRow("empty metadata matches all")
        << QByteArray(R"({"metadata":{}})") << QList<int> {5, 4, 3, 2, 1, 0};
    QTest::newRow("combined") << QByteArray(
        R"({"assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca","enabled":true,"metadata":{"owner":"alice"}})")
                              << QList<int> {4, 0};
    QTest::newRow("agent on thread A, paused")
        << QByteArray(R"({"thread_id":"%A","enabled":false})") << QList<int> {1};
}

void TestSandboxCrons::search_withFilters_returnsOnlyMatches()
{
    QFETCH(QByteArray, filter);
    QFETCH(QList<int>, expected);
    createSearchFixture();
    // Map creation order to ids.
    const QJsonArray all
        = m_http
              ->post(u"/runs/crons/search"_s,
                     {{u"sort_by"_s, u"created_at"_s}, {u"sort_order"_s, u"asc"_s}})
              .array();
    QCOMPARE(all.size(), 6);
    filter.replace("%A", m_threadA.toUtf8()).replace("%B", m_threadB.toUtf8());
    const ProbeReply reply = m_http->send("POST", u"/runs/crons/search"_s, filter);
    QCOMPARE(reply.status, 200);
    QStringList actualIds;
    for (const QJsonValue &cron : reply.array())
        actualIds.append(cron.toObject().value("cron_id"_L1).toString());
    QStringList expectedIds;
    for (int index : expected)
        expectedIds.append(all.at(index).toObject().value("cron_id"_L1).toString());
    QCOMPARE(actualIds, expectedIds);
}

void TestSandboxCrons::search_sortBy_ordersEveryField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("order");
    for (const QString &field :
         {u"cron_id"_s, u"assistant_id"_s, u"thread_id"_s, u"next_run_date"_s, u"end_time"_s,
          u"created_at"_s, u"updated_at"_s}) {
        for (const QString &order : {u"asc"_s, u"desc"_s})
            QTest::addRow("%s %s", qPrintable(field), qPrintable(order)) << field << order;
    }
}

void TestSandboxCrons::search_sortBy_ordersEveryField()
{
    QFETCH(QString, field);
    QFETCH(QString, order);
    createSearchFixture();
    const ProbeReply reply
        = m_http->post(u"/runs/crons/search"_s, {{u"sort_by"_s, field}, {u"sort_order"_s, order}});
    QCOMPARE(reply.status, 200);
    const QJsonArray crons = reply.array();
    QCOMPARE(crons.size(), 6);
    // Nulls sort as the greatest value (Postgres): last ascending, first descending.
    const bool descending = order == u"desc";
    for (qsizetype i = 1; i < crons.size(); ++i) {
        const QJsonValue previous = crons.at(i - 1).toObject().value(field);
        const QJsonValue current = crons.at(i).toObject().value(field);
        int comparison = 0;
        if (previous.isNull() || current.isNull())
            comparison = previous.isNull() == current.isNull() ? 0 : (previous.isNull() ? 1 : -1);
        else
            comparison = previous.toString().compare(current.toString());
        QVERIFY2(descending ? comparison >= 0 : comparison <= 0,
                 qPrintable(previous.toString() + u" vs "_s + current.toString()));
    }
}

void TestSandboxCrons::search_paging_setsPaginationHeaders_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("returned");
    QTest::addColumn<QByteArray>("next");
    QTest::addColumn<QByteArray>("total");
    QTest::newRow("full first page") << 2 << 0 << 2 << QByteArray("2") << QByteArray("3");
    QTest::newRow("full middle page") << 2 << 2 << 2 << QByteArray("4") << QByteArray("5");
    QTest::newRow("exactly the rest") << 2 << 4 << 2 << QByteArray("6") << QByteArray("7");
    QTest::newRow("partial last page") << 4 << 4 << 2 << QByteArray() << QByteArray("6");
    QTest::newRow("past the end") << 10 << 50 << 0 << QByteArray() << QByteArray("50");
    QTest::newRow("limit 1000") << 1000 << 0 << 6 << QByteArray() << QByteArray("6");
    QTest::newRow("limit 1") << 1 << 5 << 1 << QByteArray("6") << QByteArray("7");
}

void TestSandboxCrons::search_paging_setsPaginationHeaders()
{
    QFETCH(int, limit);
    QFETCH(int, offset);
    QFETCH(int, returned);
    QFETCH(QByteArray, next);
    QFETCH(QByteArray, total);
    createSearchFixture();
    const ProbeReply reply
        = m_http->post(u"/runs/crons/search"_s, {{u"limit"_s, limit}, {u"offset"_s, offset}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), returned);
    QCOMPARE(reply.header("x-pagination-next"), next);
    QCOMPARE(reply.header("x-pagination-total"), total);
}

void TestSandboxCrons::search_withSelect_returnsOnlySelectedFields()
{
    createSearchFixture();
    const ProbeReply reply = m_http->post(
        u"/runs/crons/search"_s,
        {{u"select"_s,
          QJsonArray {u"cron_id"_s, u"next_run_date"_s, u"enabled"_s, u"timezone"_s}}});
    QCOMPARE(reply.status, 200);
    for (const QJsonValue &value : reply.array()) {
        QStringList keys = value.toObject().keys();
        keys.sort();
        QCOMPARE(keys,
                 QStringList({u"cron_id"_s, u"enabled"_s, u"next_run_date"_s, u"timezone"_s}));
    }
}

void TestSandboxCrons::search_withInvalidBody_is422_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    QTest::newRow("limit 0") << QByteArray(R"({"limit":0})")
                             << u"0 is less than the minimum of 1"_s;
    QTest::newRow("limit 1001") << QByteArray(R"({"limit":1001})")
                                << u"1001 is greater than the maximum of 1000"_s;
    QTest::newRow("limit as string")
        << QByteArray(R"({"limit":"10"})") << u"\"10\" is not of type \"integer\""_s;
    QTest::newRow("limit fractional")
        << QByteArray(R"({"limit":2.5})") << u"is not of type \"integer\""_s;
    QTest::newRow("negative offset")
        << QByteArray(R"({"offset":-1})") << u"-1 is less than the minimum of 0"_s;
    QTest::newRow("unknown sort_by")
        << QByteArray(R"({"sort_by":"schedule"})") << u"\"schedule\" is not one of"_s;
    QTest::newRow("unknown sort_order")
        << QByteArray(R"({"sort_order":"ascending"})") << u"is not one of [\"asc\",\"desc\"]"_s;
    QTest::newRow("select now") << QByteArray(R"({"select":["now"]})")
                                << u"\"now\" is not one of"_s;
    QTest::newRow("select not an array")
        << QByteArray(R"({"select":"cron_id"})") << u"is not of type \"array\""_s;
    QTest::newRow("enabled as string")
        << QByteArray(R"({"enabled":"true"})") << u"is not of type \"boolean\""_s;
    QTest::newRow("graph name as assistant")
        << QByteArray(R"({"assistant_id":"agent"})") << u"Invalid assistant ID: must be a UUID"_s;
    QTest::newRow("non-uuid thread")
        << QByteArray(R"({"thread_id":"thread_123"})") << u"Invalid thread ID: must be a UUID"_s;
    QTest::newRow("metadata as array")
        << QByteArray(R"({"metadata":[]})") << u"is not of type \"object\""_s;
    QTest::newRow("malformed") << QByteArray("{\"limit\":") << u"Invalid JSON in request body"_s;
}

void TestSandboxCrons::search_withInvalidBody_is422()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const ProbeReply reply = m_http->send("POST", u"/runs/crons/search"_s, body);
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.detail().contains(detail), qPrintable(reply.detail()));
}

void TestSandboxCrons::count_answersBareInteger_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray("{}") << QByteArray("6");
    QTest::newRow("assistant") << QByteArray(
        R"({"assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca"})")
                               << QByteArray("3");
    QTest::newRow("thread") << QByteArray(R"({"thread_id":"%A"})") << QByteArray("2");
    QTest::newRow("metadata") << QByteArray(R"({"metadata":{"owner":"alice"}})") << QByteArray("3");
    QTest::newRow("enabled is not a count filter")
        << QByteArray(R"({"enabled":false})") << QByteArray("6");
    QTest::newRow("nothing matches")
        << QByteArray(R"({"metadata":{"owner":"zed"}})") << QByteArray("0");
}

void TestSandboxCrons::count_answersBareInteger()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, expected);
    createSearchFixture();
    filter.replace("%A", m_threadA.toUtf8());
    const ProbeReply reply = m_http->send("POST", u"/runs/crons/count"_s, filter);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, expected);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
}

void TestSandboxCrons::count_withNonUuidFilter_is422()
{
    QCOMPARE(m_http->post(u"/runs/crons/count"_s, {{u"assistant_id"_s, u"agent"_s}}).status, 422);
    QCOMPARE(m_http->post(u"/runs/crons/count"_s, {{u"thread_id"_s, u"t"_s}}).status, 422);
    QCOMPARE(m_http->send("POST", u"/runs/crons/count"_s, "nope").status, 422);
}

QTEST_GUILESS_MAIN(TestSandboxCrons)
#include "tst_sandbox_crons.moc"
