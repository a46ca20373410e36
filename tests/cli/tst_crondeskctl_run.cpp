// crondeskctl crons run ID [--wait] [--timeout S], in-process against an in-process sandbox whose
// runs take time on the system clock: the run it starts (thread or stateless, the cron's payload
// and metadata), the journal entry, and --wait's exit codes (0 success, 1 error, 3 timeout).
// The profile rules (read-only, production) are in tst_crondeskctl_connections.
#include <app/cli/commandline.h>
#include <models/api/cronwrite.h>
#include <models/journal/changejournal.h>
#include <tests/cli/ctlrunner.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

namespace {

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TestCrondeskctlRun final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;

    void startServer(std::chrono::milliseconds duration, double errorRate = 0)
    {
        m_server.reset();
        SandboxServer::Options options;
        options.scheduler = false;
        options.runDuration = duration;
        options.runErrorRate = errorRate;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
    }

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }

    Outcome ctl(const QStringList &arguments)
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_JOURNAL"_s, journalPath());
        return clitest::runCrondeskctl(QStringList {u"--url"_s, m_server->baseUrl().toString()}
                                           + arguments,
                                       environment, nullptr, 30000);
    }

    QString threadCron(const QJsonObject &extra = {})
    {
        m_thread = m_server->createThread().value("thread_id"_L1).toString();
        QJsonObject body {{u"schedule"_s, u"0 9 * * *"_s},
                          {u"assistant_id"_s, u"agent"_s},
                          {u"input"_s, QJsonObject {{u"q"_s, u"report"_s}}},
                          {u"metadata"_s, QJsonObject {{u"crondesk_request_id"_s, u"key-1"_s}}}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_server->createCron(body, m_thread).value("cron_id"_L1).toString();
    }

    QString statelessCron(const QString &onRunCompleted)
    {
        return m_server
            ->createCron({{u"schedule"_s, u"0 9 * * *"_s},
                          {u"assistant_id"_s, u"echo"_s},
                          {u"on_run_completed"_s, onRunCompleted}})
            .value("cron_id"_L1)
            .toString();
    }

    QString m_thread;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QFile::remove(journalPath());
        startServer(300ms);
    }

    void cleanup() { m_server.reset(); }

    void threadCron_startsOneRunOnItsThread_withThePayloadAndTheCronsMetadata()
    {
        const QString cron = threadCron({{u"multitask_strategy"_s, u"interrupt"_s}});
        m_server->clearRequests();
        const Outcome outcome = ctl({u"crons"_s, u"run"_s, cron, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QList<sandbox::RecordedRequest> posts
            = m_server->requestLog().matching("POST", u"/threads/%1/runs"_s.arg(m_thread));
        QCOMPARE(posts.size(), 1);
        const QJsonObject body = jsonOf(posts.first().body);
        QCOMPARE(body.value("assistant_id"_L1).toString(),
                 SandboxServer::systemAssistantId(u"agent"_s));
        QCOMPARE(body.value("input"_L1).toObject(), QJsonObject({{u"q"_s, u"report"_s}}));
        QCOMPARE(body.value("multitask_strategy"_L1).toString(), u"interrupt"_s);
        QCOMPARE(body.value("metadata"_L1).toObject(),
                 QJsonObject({{u"crondesk_request_id"_s, u"key-1"_s},
                              {u"crondesk_trigger"_s, u"manual"_s}}));
        const QJsonObject run = jsonOf(outcome.out);
        QCOMPARE(run.value("thread_id"_L1).toString(), m_thread);
        QCOMPARE(run.value("status"_L1).toString(), u"pending"_s);

        const QList<models::JournalEntry> journal = models::ChangeJournal(journalPath()).readAll();
        QCOMPARE(journal.size(), 1);
        QCOMPARE(journal.first().action, u"run"_s);
        QCOMPARE(journal.first().cronId, cron);
        QVERIFY(journal.first().succeeded);
        QCOMPARE(journal.first().after.toObject().value("run_id"_L1), run.value("run_id"_L1));
    }

    void statelessCron_startsAStatelessRun_withTheCronsOnCompletion()
    {
        const QString cron = statelessCron(u"keep"_s);
        m_server->clearRequests();
        QCOMPARE(ctl({u"crons"_s, u"run"_s, cron}).exitCode, 0);
        const QList<sandbox::RecordedRequest> posts
            = m_server->requestLog().matching("POST", u"/runs"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(jsonOf(posts.first().body).value("on_completion"_L1).toString(), u"keep"_s);
    }

    void wait_runSucceeds_exits0()
    {
        const QString cron = threadCron();
        const Outcome outcome = ctl({u"crons"_s, u"run"_s, cron, u"--wait"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.out.contains("succeeded"), outcome.out.constData());
        // It followed the run: at least one read of it after the create.
        const QList<sandbox::RecordedRequest> requests = m_server->requests();
        QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [this](const auto &request) {
            return request.method == "GET"
                && request.path.startsWith(u"/threads/%1/runs/"_s.arg(m_thread));
        }));
    }

    void wait_runFails_exits1_andSaysFailed()
    {
        startServer(300ms, 1.0);
        const QString cron = threadCron();
        const Outcome outcome = ctl({u"crons"_s, u"run"_s, cron, u"--wait"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.out.contains("failed"), outcome.out.constData());
    }

    void wait_runOutlastsTheTimeout_exits3()
    {
        startServer(60s);
        const QString cron = threadCron();
        const Outcome outcome
            = ctl({u"crons"_s, u"run"_s, cron, u"--wait"_s, u"--timeout"_s, u"1"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("still running"), outcome.err.constData());
    }

    void wait_statelessCronThatDeletesItsThreads_keepsThisOne_toReadTheOutcome()
    {
        const QString cron = statelessCron(u"delete"_s);
        m_server->clearRequests();
        const Outcome outcome = ctl({u"crons"_s, u"run"_s, cron, u"--wait"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.contains("on_completion: keep"), outcome.err.constData());
        QCOMPARE(jsonOf(m_server->requestLog().matching("POST", u"/runs"_s).first().body)
                     .value("on_completion"_L1)
                     .toString(),
                 u"keep"_s);
    }

    void busyThread_withReject_isRefusedByTheServer_exits1_andJournaled()
    {
        startServer(60s);
        const QString cron = threadCron({{u"multitask_strategy"_s, u"reject"_s}});
        QCOMPARE(ctl({u"crons"_s, u"run"_s, cron}).exitCode, 0);
        const Outcome outcome = ctl({u"crons"_s, u"run"_s, cron});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("already running"), outcome.err.constData());
        const QList<models::JournalEntry> journal = models::ChangeJournal(journalPath()).readAll();
        QCOMPARE(journal.size(), 2);
        QVERIFY(!journal.last().succeeded);
        QCOMPARE(journal.last().httpStatus, 409);
    }

    void unknownCron_exits1_andStartsNothing()
    {
        m_server->clearRequests();
        const Outcome outcome
            = ctl({u"crons"_s, u"run"_s, u"00000000-0000-4000-8000-000000000001"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(m_server->requestLog().matching("POST", u"*"_s).isEmpty());
    }

    void noId_isAUsageError() { QCOMPARE(ctl({u"crons"_s, u"run"_s}).exitCode, 2); }
};

QTEST_GUILESS_MAIN(TestCrondeskctlRun)
#include "tst_crondeskctl_run.moc"
