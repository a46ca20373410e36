// Conformance of the sandbox's thread endpoints and of the runs recorded on a thread.
#include "httpprobe.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::sandbox::ManualClock;
using crondesk::sandbox::SandboxServer;

class TestSandboxThreads final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void create_returnsIdleThread();
    void create_withExplicitIdTwice_conflictsUnlessDoNothing();
    void create_withInvalidBody_is422_data();
    void create_withInvalidBody_is422();
    void get_returnsThreadOr404Or422_data();
    void get_returnsThreadOr404Or422();
    void search_withFilters_returnsOnlyMatches_data();
    void search_withFilters_returnsOnlyMatches();
    void search_sortsPagesAndSelects();
    void search_extract_pullsValuesByPath();
    void search_withInvalidBody_is422_data();
    void search_withInvalidBody_is422();
    void count_answersBareInteger();
    void runs_listNewestFirst_withPagingStatusAndSelect();
    void runs_withBadParameters_fail_data();
    void runs_withBadParameters_fail();
    void run_getByIdOr404Or422();

private:
    QString createThread(const QJsonObject &metadata);
    // Fires a thread cron `count` times by moving the manual clock a minute at a time.
    void fireEveryMinuteCron(const QString &threadId, int count);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
};

void TestSandboxThreads::init()
{
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 5, 4), QTime(9, 0), Qt::UTC));
    SandboxServer::Options options;
    options.clock = m_clock.get();
    options.scheduler = true; // fired by the clock's jumps only: its timer never sees due crons
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen() != 0);
    m_http = std::make_unique<HttpProbe>(m_server->baseUrl());
}

void TestSandboxThreads::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_clock.reset();
}

QString TestSandboxThreads::createThread(const QJsonObject &metadata)
{
    const ProbeReply reply = m_http->post(u"/threads"_s, {{u"metadata"_s, metadata}});
    m_clock->advance(std::chrono::seconds(1));
    return reply.object().value("thread_id"_L1).toString();
}

void TestSandboxThreads::fireEveryMinuteCron(const QString &threadId, int count)
{
    const ProbeReply created
        = m_http->post(u"/threads/%1/runs/crons"_s.arg(threadId),
                       {{u"assistant_id"_s, u"agent"_s},
                        {u"schedule"_s, u"* * * * *"_s},
                        {u"metadata"_s, QJsonObject {{u"job"_s, u"minutely"_s}}}});
    QCOMPARE(created.status, 200);
    for (int i = 0; i < count; ++i)
        m_clock->advance(std::chrono::minutes(1));
}

void TestSandboxThreads::create_returnsIdleThread()
{
    const ProbeReply reply = m_http->post(
        u"/threads"_s,
        {{u"metadata"_s, QJsonObject {{u"owner"_s, u"alice"_s}, {u"run_id"_s, u"x"_s}}}});
    QCOMPARE(reply.status, 200);
    const QJsonObject thread = reply.object();
    QVERIFY(!QUuid::fromString(thread.value("thread_id"_L1).toString()).isNull());
    QCOMPARE(thread.value("status"_L1).toString(), u"idle"_s);
    QCOMPARE(thread.value("metadata"_L1).toObject(), QJsonObject({{u"owner"_s, u"alice"_s}}));
    QCOMPARE(thread.value("created_at"_L1).toString(), u"2026-05-04T09:00:00+00:00"_s);
    QVERIFY(thread.contains("updated_at"_L1));
    QVERIFY(!thread.contains("ttl"_L1));
}

void TestSandboxThreads::create_withExplicitIdTwice_conflictsUnlessDoNothing()
{
    const QString id = u"6c1f7c5e-2a5b-4c11-9d0e-3b8e3c0f1a22"_s;
    QCOMPARE(m_http->post(u"/threads"_s, {{u"thread_id"_s, id}}).status, 200);
    const ProbeReply again = m_http->post(u"/threads"_s, {{u"thread_id"_s, id}});
    QCOMPARE(again.status, 409);
    QVERIFY(!again.detail().isEmpty());
    const ProbeReply quiet
        = m_http->post(u"/threads"_s, {{u"thread_id"_s, id}, {u"if_exists"_s, u"do_nothing"_s}});
    QCOMPARE(quiet.status, 200);
    QCOMPARE(quiet.object().value("thread_id"_L1).toString(), id);
    QCOMPARE(m_http->post(u"/threads/count"_s, {}).body, QByteArray("1"));
}

void TestSandboxThreads::create_withInvalidBody_is422_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("non-uuid id") << QByteArray(R"({"thread_id":"thread_1"})");
    QTest::newRow("unknown if_exists") << QByteArray(R"({"if_exists":"replace"})");
    QTest::newRow("metadata as list") << QByteArray(R"({"metadata":[1]})");
    QTest::newRow("bad ttl strategy") << QByteArray(R"({"ttl":{"strategy":"forever"}})");
    QTest::newRow("malformed") << QByteArray("{{");
}

void TestSandboxThreads::create_withInvalidBody_is422()
{
    QFETCH(QByteArray, body);
    QCOMPARE(m_http->send("POST", u"/threads"_s, body).status, 422);
}

void TestSandboxThreads::get_returnsThreadOr404Or422_data()
{
    QTest::addColumn<bool>("existing");
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("status");
    QTest::newRow("existing") << true << QString() << 200;
    QTest::newRow("unknown") << false << u"6c1f7c5e-2a5b-4c11-9d0e-3b8e3c0f1a22"_s << 404;
    QTest::newRow("not a uuid") << false << u"abc"_s << 422;
}

void TestSandboxThreads::get_returnsThreadOr404Or422()
{
    QFETCH(bool, existing);
    QFETCH(QString, id);
    QFETCH(int, status);
    if (existing)
        id = createThread({{u"k"_s, 1}});
    const ProbeReply reply = m_http->get(u"/threads/"_s + id);
    QCOMPARE(reply.status, status);
    if (existing)
        QCOMPARE(reply.object().value("metadata"_L1).toObject(), QJsonObject({{u"k"_s, 1}}));
}

void TestSandboxThreads::search_withFilters_returnsOnlyMatches_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<int>>("expected"); // creation indexes, newest first
    QTest::newRow("all") << QByteArray("{}") << QList<int> {3, 2, 1, 0};
    QTest::newRow("metadata") << QByteArray(R"({"metadata":{"owner":"alice"}})")
                              << QList<int> {2, 0};
    QTest::newRow("status idle") << QByteArray(R"({"status":"idle"})") << QList<int> {3, 2, 1, 0};
    QTest::newRow("status busy") << QByteArray(R"({"status":"busy"})") << QList<int> {};
    QTest::newRow("ids") << QByteArray(R"({"ids":["%1","%3"]})") << QList<int> {3, 1};
    QTest::newRow("ids and metadata")
        << QByteArray(R"({"ids":["%0","%1"],"metadata":{"owner":"alice"}})") << QList<int> {0};
}

void TestSandboxThreads::search_withFilters_returnsOnlyMatches()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<int>, expected);
    QStringList ids;
    for (const char *owner : {"alice", "bob", "alice", "carol"})
        ids.append(createThread({{u"owner"_s, QString::fromLatin1(owner)}}));
    for (int i = 0; i < ids.size(); ++i)
        body.replace(QByteArray("%" + QByteArray::number(i)), ids.at(i).toUtf8());
    const ProbeReply reply = m_http->send("POST", u"/threads/search"_s, body);
    QCOMPARE(reply.status, 200);
    QStringList actual;
    for (const QJsonValue &thread : reply.array())
        actual.append(thread.toObject().value("thread_id"_L1).toString());
    QStringList wanted;
    for (int index : expected)
        wanted.append(ids.at(index));
    QCOMPARE(actual, wanted);
}

void TestSandboxThreads::search_sortsPagesAndSelects()
{
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids.append(createThread({{u"i"_s, i}}));
    ProbeReply reply = m_http->post(u"/threads/search"_s,
                                    {{u"sort_by"_s, u"created_at"_s},
                                     {u"sort_order"_s, u"asc"_s},
                                     {u"limit"_s, 2},
                                     {u"offset"_s, 1}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), 2);
    QCOMPARE(reply.array().at(0).toObject().value("thread_id"_L1).toString(), ids.at(1));
    QCOMPARE(reply.header("x-pagination-next"), QByteArray("3"));

    reply = m_http->post(u"/threads/search"_s,
                         {{u"sort_by"_s, u"thread_id"_s}, {u"sort_order"_s, u"asc"_s}});
    QStringList sorted = ids;
    sorted.sort();
    QStringList actual;
    for (const QJsonValue &thread : reply.array())
        actual.append(thread.toObject().value("thread_id"_L1).toString());
    QCOMPARE(actual, sorted);

    reply = m_http->post(u"/threads/search"_s,
                         {{u"select"_s, QJsonArray {u"thread_id"_s, u"status"_s}}});
    for (const QJsonValue &thread : reply.array())
        QCOMPARE(thread.toObject().keys(), QStringList({u"status"_s, u"thread_id"_s}));
}

void TestSandboxThreads::search_extract_pullsValuesByPath()
{
    const QString id
        = createThread({{u"owner"_s, u"alice"_s}, {u"tags"_s, QJsonArray {u"a"_s, u"b"_s}}});
    const ProbeReply reply = m_http->post(u"/threads/search"_s,
                                          {{u"extract"_s,
                                            QJsonObject {{u"who"_s, u"metadata.owner"_s},
                                                         {u"last_tag"_s, u"metadata.tags[-1]"_s},
                                                         {u"missing"_s, u"values.nothing"_s}}}});
    QCOMPARE(reply.status, 200);
    const QJsonObject extracted = reply.array().at(0).toObject().value("extracted"_L1).toObject();
    QCOMPARE(extracted.value("who"_L1).toString(), u"alice"_s);
    QCOMPARE(extracted.value("last_tag"_L1).toString(), u"b"_s);
    QVERIFY(extracted.value("missing"_L1).isNull());
}

void TestSandboxThreads::search_withInvalidBody_is422_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("limit 0") << QByteArray(R"({"limit":0})");
    QTest::newRow("unknown status") << QByteArray(R"({"status":"sleeping"})");
    QTest::newRow("unknown sort_by") << QByteArray(R"({"sort_by":"metadata"})");
    QTest::newRow("unknown select") << QByteArray(R"({"select":["ttl"]})");
    QTest::newRow("non-uuid id") << QByteArray(R"({"ids":["x"]})");
    QTest::newRow("extract path outside roots") << QByteArray(R"({"extract":{"a":"thread_id"}})");
    QTest::newRow("extract with 11 entries") << QByteArray(
        R"({"extract":{"a":"values","b":"values","c":"values","d":"values","e":"values","f":"values","g":"values","h":"values","i":"values","j":"values","k":"values"}})");
    QTest::newRow("extract not string") << QByteArray(R"({"extract":{"a":1}})");
}

void TestSandboxThreads::search_withInvalidBody_is422()
{
    QFETCH(QByteArray, body);
    QCOMPARE(m_http->send("POST", u"/threads/search"_s, body).status, 422);
}

void TestSandboxThreads::count_answersBareInteger()
{
    createThread({{u"owner"_s, u"alice"_s}});
    createThread({{u"owner"_s, u"bob"_s}});
    QCOMPARE(m_http->post(u"/threads/count"_s, {}).body, QByteArray("2"));
    QCOMPARE(
        m_http->post(u"/threads/count"_s, {{u"metadata"_s, QJsonObject {{u"owner"_s, u"bob"_s}}}})
            .body,
        QByteArray("1"));
    QCOMPARE(m_http->post(u"/threads/count"_s, {{u"status"_s, u"error"_s}}).body, QByteArray("0"));
    QCOMPARE(m_http->post(u"/threads/count"_s, {{u"status"_s, u"gone"_s}}).status, 422);
}

void TestSandboxThreads::runs_listNewestFirst_withPagingStatusAndSelect()
{
    const QString thread = createThread({});
    QCOMPARE(m_http->get(u"/threads/%1/runs"_s.arg(thread)).body, QByteArray("[]"));
    fireEveryMinuteCron(thread, 3);

    ProbeReply reply = m_http->get(u"/threads/%1/runs"_s.arg(thread));
    QCOMPARE(reply.status, 200);
    const QJsonArray runs = reply.array();
    QCOMPARE(runs.size(), 3);
    QVERIFY(runs.at(0).toObject().value("created_at"_L1).toString()
            > runs.at(2).toObject().value("created_at"_L1).toString());
    for (const QJsonValue &value : runs) {
        const QJsonObject run = value.toObject();
        QCOMPARE(run.value("status"_L1).toString(), u"success"_s);
        QCOMPARE(run.value("thread_id"_L1).toString(), thread);
        QCOMPARE(run.value("assistant_id"_L1).toString(),
                 SandboxServer::systemAssistantId(u"agent"_s));
        QCOMPARE(run.value("metadata"_L1).toObject().value("job"_L1).toString(), u"minutely"_s);
        QCOMPARE(run.value("multitask_strategy"_L1).toString(), u"enqueue"_s);
        for (const char *key : {"run_id", "created_at", "updated_at", "kwargs"})
            QVERIFY2(run.contains(QLatin1StringView(key)), key);
    }

    reply = m_http->get(u"/threads/%1/runs?limit=1&offset=1"_s.arg(thread));
    QCOMPARE(reply.array().size(), 1);
    QCOMPARE(reply.array().at(0), runs.at(1));
    QCOMPARE(m_http->get(u"/threads/%1/runs?status=error"_s.arg(thread)).body, QByteArray("[]"));
    QCOMPARE(m_http->get(u"/threads/%1/runs?status=success"_s.arg(thread)).array().size(), 3);

    // Both encodings SDKs use for an array query parameter.
    for (const QString &select :
         {u"select=run_id&select=status"_s, u"select=%5B%22run_id%22%2C%22status%22%5D"_s}) {
        reply = m_http->get(u"/threads/%1/runs?%2"_s.arg(thread, select));
        QCOMPARE(reply.status, 200);
        for (const QJsonValue &run : reply.array())
            QCOMPARE(run.toObject().keys(), QStringList({u"run_id"_s, u"status"_s}));
    }
}

void TestSandboxThreads::runs_withBadParameters_fail_data()
{
    QTest::addColumn<QString>("path"); // %1 is an existing thread
    QTest::addColumn<int>("status");
    QTest::newRow("non-uuid thread") << u"/threads/abc/runs"_s << 422;
    QTest::newRow("unknown thread")
        << u"/threads/6c1f7c5e-2a5b-4c11-9d0e-3b8e3c0f1a22/runs"_s << 404;
    QTest::newRow("limit not a number") << u"/threads/%1/runs?limit=ten"_s << 422;
    QTest::newRow("unknown status") << u"/threads/%1/runs?status=done"_s << 422;
    QTest::newRow("unknown select") << u"/threads/%1/runs?select=values"_s << 422;
}

void TestSandboxThreads::runs_withBadParameters_fail()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    const QString thread = createThread({});
    const ProbeReply reply = m_http->get(path.contains(u"%1"_s) ? path.arg(thread) : path);
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.detail().isEmpty());
}

void TestSandboxThreads::run_getByIdOr404Or422()
{
    const QString thread = createThread({});
    fireEveryMinuteCron(thread, 1);
    const QJsonObject run = m_http->get(u"/threads/%1/runs"_s.arg(thread)).array().at(0).toObject();
    const QString runId = run.value("run_id"_L1).toString();
    const ProbeReply reply = m_http->get(u"/threads/%1/runs/%2"_s.arg(thread, runId));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object(), run);
    QCOMPARE(
        m_http->get(u"/threads/%1/runs/6c1f7c5e-2a5b-4c11-9d0e-3b8e3c0f1a22"_s.arg(thread)).status,
        404);
    QCOMPARE(m_http->get(u"/threads/%1/runs/run_1"_s.arg(thread)).status, 422);
}

QTEST_GUILESS_MAIN(TestSandboxThreads)
#include "tst_sandbox_threads.moc"
