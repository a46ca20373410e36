// The crondesk-sandbox executable: flags, the "listening on" line, deterministic seeding, the
// fault and fake-clock flags and the control endpoint driving a scheduler from outside.
#include "httpprobe.h"
#include "sandboxprocess.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::conformance::SandboxProcess;

namespace {

QJsonArray withoutNextRunDate(QJsonArray crons)
{
    for (qsizetype i = 0; i < crons.size(); ++i) {
        QJsonObject cron = crons.at(i).toObject();
        cron.remove(u"next_run_date"_s);
        crons.replace(i, cron);
    }
    return crons;
}

} // namespace

class TestSandboxCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void version_printsProjectVersion();
    void help_listsEveryFlag();
    void badArguments_exitWithUsageError_data();
    void badArguments_exitWithUsageError();
    void portZero_printsListeningLineAndServes();
    void seed_givesIdenticalDataEveryRun();
    void seed_mixesEveryKindOfCron();
    void apiKeyFlag_requiresTheKey();
    void faultFlag_injectsFromTheStart();
    void fakeClock_andControlEndpoint_fireAThreadCron();
};

void TestSandboxCli::initTestCase()
{
    QVERIFY2(!SandboxProcess::executable().isEmpty(), "CRONDESK_SANDBOX is not set");
}

void TestSandboxCli::version_printsProjectVersion()
{
    SandboxProcess sandbox;
    QCOMPARE(sandbox.run({u"--version"_s}), 0);
    QCOMPARE(sandbox.output(), QByteArray("crondesk-sandbox " CRONDESK_VERSION "\n"));
}

void TestSandboxCli::help_listsEveryFlag()
{
    SandboxProcess sandbox;
    QCOMPARE(sandbox.run({u"--help"_s}), 0);
    for (const char *flag : {"--port", "--seed", "--db", "--api-key", "--tls-cert", "--tls-key",
                             "--fault", "--fake-clock", "--no-scheduler", "--scheduler-interval",
                             "--no-control", "--server-version", "--version"})
        QVERIFY2(sandbox.output().contains(flag), flag);
}

void TestSandboxCli::badArguments_exitWithUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown option") << QStringList {u"--nope"_s};
    QTest::newRow("port not a number") << QStringList {u"--port"_s, u"http"_s};
    QTest::newRow("port too large") << QStringList {u"--port"_s, u"70000"_s};
    QTest::newRow("negative seed") << QStringList {u"--seed"_s, u"-3"_s};
    QTest::newRow("fault not json") << QStringList {u"--fault"_s, u"slow"_s};
    QTest::newRow("fault unknown action") << QStringList {u"--fault"_s, uR"({"action":"boom"})"_s};
    QTest::newRow("naive fake clock") << QStringList {u"--fake-clock"_s, u"2026-01-01T00:00:00"_s};
    QTest::newRow("key without certificate") << QStringList {u"--tls-key"_s, u"k.pem"_s};
    QTest::newRow("positional argument") << QStringList {u"serve"_s};
}

void TestSandboxCli::badArguments_exitWithUsageError()
{
    QFETCH(QStringList, arguments);
    SandboxProcess sandbox;
    QCOMPARE(sandbox.run(arguments), 2);
    QVERIFY(!sandbox.errors().isEmpty());
}

void TestSandboxCli::portZero_printsListeningLineAndServes()
{
    SandboxProcess sandbox;
    const QUrl url = sandbox.start({u"--port"_s, u"0"_s});
    QVERIFY2(url.isValid(), sandbox.output().constData());
    QCOMPARE(url.scheme(), u"http"_s);
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0);
    QCOMPARE(sandbox.output(), u"listening on http://127.0.0.1:%1\n"_s.arg(url.port()).toUtf8());
    QCOMPARE(HttpProbe(url).get(u"/ok"_s).status, 200);
}

void TestSandboxCli::seed_givesIdenticalDataEveryRun()
{
    QJsonArray runs[2];
    QJsonArray assistants[2];
    QJsonArray threads[2];
    for (int i = 0; i < 2; ++i) {
        SandboxProcess sandbox;
        const QUrl url
            = sandbox.start({u"--port"_s, u"0"_s, u"--seed"_s, u"50"_s, u"--no-scheduler"_s});
        QVERIFY(url.isValid());
        HttpProbe http(url);
        runs[i]
            = withoutNextRunDate(http.post(u"/runs/crons/search"_s, {{u"limit"_s, 100}}).array());
        assistants[i] = http.post(u"/assistants/search"_s, {{u"limit"_s, 100}}).array();
        threads[i] = http.post(u"/threads/search"_s, {{u"limit"_s, 100}}).array();
    }
    QCOMPARE(runs[0].size(), 50);
    QCOMPARE(runs[0], runs[1]);
    QCOMPARE(assistants[0], assistants[1]);
    QCOMPARE(threads[0], threads[1]);
}

void TestSandboxCli::seed_mixesEveryKindOfCron()
{
    SandboxProcess sandbox;
    const QUrl url
        = sandbox.start({u"--port"_s, u"0"_s, u"--seed"_s, u"60"_s, u"--no-scheduler"_s});
    HttpProbe http(url);
    const QJsonArray crons = http.post(u"/runs/crons/search"_s, {{u"limit"_s, 100}}).array();
    QCOMPARE(crons.size(), 60);
    int threadBound = 0, paused = 0, ended = 0, future = 0, nullZone = 0, keep = 0;
    QSet<QString> zones, schedules, assistants;
    for (const QJsonValue &value : crons) {
        const QJsonObject cron = value.toObject();
        threadBound += cron.value("thread_id"_L1).isString();
        paused += !cron.value("enabled"_L1).toBool();
        const QString end = cron.value("end_time"_L1).toString();
        ended += !end.isEmpty() && end < u"2026"_s;
        future += !end.isEmpty() && end > u"2026"_s;
        nullZone += cron.value("timezone"_L1).isNull();
        keep += cron.value("on_run_completed"_L1).toString() == u"keep";
        zones.insert(cron.value("timezone"_L1).toString());
        schedules.insert(cron.value("schedule"_L1).toString());
        assistants.insert(cron.value("assistant_id"_L1).toString());
        QVERIFY(!cron.value("metadata"_L1).toObject().isEmpty());
        QVERIFY(cron.value("next_run_date"_L1).isString());
    }
    QVERIFY(threadBound > 0 && threadBound < 60);
    QVERIFY(paused > 0);
    QVERIFY(ended > 0);
    QVERIFY(future > 0);
    QVERIFY(nullZone > 0);
    QVERIFY(keep > 0);
    QVERIFY(zones.size() >= 5);
    QVERIFY(schedules.size() >= 10);
    QVERIFY(assistants.size() >= 5);

    // Thread crons come with a short run history, newest first, some of it failed.
    QSet<QString> statuses;
    int runs = 0;
    for (const QJsonValue &value : crons) {
        const QJsonValue thread = value.toObject().value("thread_id"_L1);
        if (!thread.isString())
            continue;
        const QJsonArray history
            = http.get(u"/threads/%1/runs?limit=100"_s.arg(thread.toString())).array();
        for (qsizetype i = 0; i < history.size(); ++i) {
            const QJsonObject run = history.at(i).toObject();
            statuses.insert(run.value("status"_L1).toString());
            if (i > 0)
                QVERIFY(history.at(i - 1).toObject().value("created_at"_L1).toString()
                        >= run.value("created_at"_L1).toString());
        }
        runs += int(history.size());
    }
    QVERIFY(runs > 0);
    QVERIFY(statuses.contains(u"success"_s));
    QVERIFY(statuses.contains(u"error"_s));
}

void TestSandboxCli::apiKeyFlag_requiresTheKey()
{
    SandboxProcess sandbox;
    const QUrl url = sandbox.start({u"--port"_s, u"0"_s, u"--api-key"_s, u"k-123"_s});
    HttpProbe http(url);
    QCOMPARE(http.get(u"/ok"_s).status, 200);
    QCOMPARE(http.get(u"/info"_s).status, 401);
    http.setApiKey("k-123");
    QCOMPARE(http.get(u"/info"_s).status, 200);
    QVERIFY(!sandbox.errors().contains("k-123"));
}

void TestSandboxCli::faultFlag_injectsFromTheStart()
{
    SandboxProcess sandbox;
    const QUrl url = sandbox.start(
        {u"--port"_s, u"0"_s, u"--fault"_s, uR"({"path":"/info","status":503,"times":1})"_s});
    HttpProbe http(url);
    QCOMPARE(http.get(u"/info"_s).status, 503);
    QCOMPARE(http.get(u"/info"_s).status, 200);
}

void TestSandboxCli::fakeClock_andControlEndpoint_fireAThreadCron()
{
    SandboxProcess sandbox;
    const QUrl url
        = sandbox.start({u"--port"_s, u"0"_s, u"--fake-clock"_s, u"2026-04-01T09:00:00Z"_s});
    HttpProbe http(url);
    QCOMPARE(http.get(u"/_sandbox/clock"_s).object(),
             QJsonObject({{u"now"_s, u"2026-04-01T09:00:00+00:00"_s}, {u"manual"_s, true}}));
    const QString thread = http.post(u"/threads"_s, {}).object().value("thread_id"_L1).toString();
    const ProbeReply cron
        = http.post(u"/threads/%1/runs/crons"_s.arg(thread),
                    {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}});
    QCOMPARE(cron.object().value("next_run_date"_L1).toString(), u"2026-04-01T09:01:00+00:00"_s);
    QCOMPARE(http.post(u"/_sandbox/clock"_s, {{u"advance_seconds"_s, 61}}).status, 200);
    const QJsonArray runs = http.get(u"/threads/%1/runs"_s.arg(thread)).array();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).toObject().value("status"_L1).toString(), u"success"_s);
    QCOMPARE(http.post(u"/_sandbox/clock"_s, {{u"now"_s, u"2026-04-01T10:00:30Z"_s}}).status, 200);
    QCOMPARE(http.get(u"/threads/%1/runs"_s.arg(thread)).array().size(), 2);
}

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandbox_cli.moc"
