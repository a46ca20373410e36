// Creates that never duplicate a cron: sent exactly once, and after an ambiguous failure a
// search by the correlation key tells "created" from "not created".
#include <models/api/apiclient.h>
#include <models/api/croncreator.h>
#include <tests/sandbox/sandboxserver.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using Outcome = api::CronCreator::Outcome;
using sandbox::FaultRule;
using sandbox::SandboxServer;

Q_DECLARE_METATYPE(crondesk::api::ApiError::Kind)

namespace {

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

api::CronCreate cronCreate()
{
    api::CronCreate cron;
    cron.schedule = u"15 6 * * *"_s;
    cron.assistantId = u"agent"_s;
    cron.metadata = QJsonObject {{u"owner"_s, u"ops"_s}};
    return cron;
}

// What a finished creator reported.
struct Report
{
    Outcome outcome = Outcome::Pending;
    api::Cron cron;
    api::ApiError error;
    bool succeeded = false;
    bool failed = false;
    QString correlationId;
};

Report run(api::CronCreator *creator)
{
    Report report;
    report.correlationId = creator->correlationId();
    creator->then(
        creator,
        [&report](const api::Cron &cron) {
            report.succeeded = true;
            report.cron = cron;
        },
        [&report](const api::ApiError &error) {
            report.failed = true;
            report.error = error;
        });
    QObject::connect(creator, &api::CronCreator::finished, creator,
                     [&report, creator] { report.outcome = creator->outcome(); });
    QSignalSpy finished(creator, &api::CronCreator::finished);
    if (!finished.wait(30000))
        qWarning("the creator did not finish");
    return report;
}

} // namespace

class TestCronCreator final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;

    qint64 storedCrons() const
    {
        return m_server->handleLocally("POST", u"/runs/crons/count"_s).body.toLongLong();
    }
    qsizetype postsTo(const QString &path) const
    {
        return m_server->requestLog().matching("POST", path).size();
    }
    api::CronCreator *creator(const api::CronCreate &cron = cronCreate(),
                              const QString &threadId = {})
    {
        api::CronCreator *creator = m_client->createCronOnce(cron, threadId);
        creator->setVerificationDelay(std::chrono::milliseconds(50));
        return creator;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 5, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void create_plain_sendsOnceWithTheCorrelationKeyAndDeliversTheCron()
    {
        const Report report = run(creator());
        QVERIFY(report.succeeded);
        QCOMPARE(report.outcome, Outcome::Created);
        QVERIFY(api::isUuid(report.correlationId));
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        const QJsonObject body = jsonOf(m_server->lastRequest().body);
        QCOMPARE(body.value("metadata"_L1).toObject(),
                 (QJsonObject {{u"owner"_s, u"ops"_s},
                               {QString(api::correlationMetadataKey), report.correlationId}}));
        QCOMPARE(report.cron.metadata.value(api::correlationMetadataKey).toString(),
                 report.correlationId);
        QCOMPARE(storedCrons(), 6);
    }

    void create_forAThread_postsToTheThreadPath()
    {
        const QString threadId = m_server->createThread().value("thread_id"_L1).toString();
        const Report report = run(creator(cronCreate(), threadId));
        QCOMPARE(report.outcome, Outcome::Created);
        QCOMPARE(report.cron.threadId, threadId);
        QCOMPARE(postsTo(u"/threads/"_s + threadId + u"/runs/crons"_s), 1);
    }

    // The server stores the cron and then the answer goes wrong: exactly one cron, and the
    // creator says so.
    void ambiguousFailureAfterStoring_isRecoveredWithoutASecondCreate_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("dropped connection") << int(FaultRule::Action::Drop) << 0;
        QTest::newRow("truncated JSON") << int(FaultRule::Action::Truncate) << 0;
        QTest::newRow("malformed body") << int(FaultRule::Action::Malformed) << 0;
        QTest::newRow("wrong content type") << int(FaultRule::Action::WrongContentType) << 0;
        QTest::newRow("timeout, stored later") << int(FaultRule::Action::None) << 600;
        QTest::newRow("500 after storing") << int(FaultRule::Action::StatusAfterHandling) << 0;
    }
    void ambiguousFailureAfterStoring_isRecoveredWithoutASecondCreate()
    {
        QFETCH(int, action);
        QFETCH(int, delayMs);
        FaultRule rule;
        rule.method = "POST";
        rule.path = u"/runs/crons"_s;
        rule.action = FaultRule::Action(action);
        rule.afterBytes = 0;
        rule.delayMs = delayMs;
        rule.times = 1;
        m_server->addFault(rule);
        api::RequestFactory factory = m_client->requestFactory();
        factory.setTransferTimeout(std::chrono::milliseconds(delayMs > 0 ? 200 : 30000));
        m_client->setRequestFactory(factory);

        api::CronCreator *pending = creator();
        // A timed-out server is still working: look only after it has stored the cron.
        pending->setVerificationDelay(std::chrono::milliseconds(delayMs > 0 ? 1500 : 0));
        const Report report = run(pending);
        QVERIFY2(report.succeeded, qPrintable(report.error.toString()));
        QCOMPARE(report.outcome, Outcome::Recovered);
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        QCOMPARE(postsTo(u"/runs/crons/search"_s), 1);
        QCOMPARE(storedCrons(), 6);
        QCOMPARE(report.cron.metadata.value(api::correlationMetadataKey).toString(),
                 report.correlationId);
        QCOMPARE(report.cron.schedule, u"15 6 * * *"_s);
        // The check searched by the key, newest first.
        const QJsonObject search
            = jsonOf(m_server->requestLog().matching("POST", u"/runs/crons/search"_s).first().body);
        QCOMPARE(search.value("metadata"_L1).toObject(),
                 (QJsonObject {{QString(api::correlationMetadataKey), report.correlationId}}));
        QCOMPARE(search.value("sort_order"_L1).toString(), u"desc"_s);
    }

    // The report: a create timed out on a server that commits slowly, the client said "not
    // created, safe to try again" after one early look, and the retry made a second cron. The
    // creator looks again with back-off until the cron appears.
    void slowCommitAfterALostAnswer_isFoundByLookingAgain_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("timeout, committed after 1.5 s")
            << QJsonObject {{u"delay_ms"_s, 1500}} << 200;
        QTest::newRow("dropped connection, committed 1.5 s later")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"commit_delay_ms"_s, 1500}} << 30000;
        QTest::newRow("gateway timeout, committed 1.5 s later")
            << QJsonObject {{u"status"_s, 504}, {u"commit_delay_ms"_s, 1500}} << 30000;
    }
    void slowCommitAfterALostAnswer_isFoundByLookingAgain()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, timeoutMs);
        fault.insert(u"method"_s, u"POST"_s);
        fault.insert(u"path"_s, u"/runs/crons"_s);
        fault.insert(u"times"_s, 1);
        QString problem;
        m_server->addFault(*FaultRule::fromJson(fault, &problem));
        api::RequestFactory factory = m_client->requestFactory();
        factory.setTransferTimeout(std::chrono::milliseconds(timeoutMs));
        m_client->setRequestFactory(factory);

        api::CronCreator *pending = creator();
        pending->setVerificationDelay(std::chrono::milliseconds(200)); // the old single look
        pending->setVerificationWindow(std::chrono::seconds(15));
        QSignalSpy checking(pending, &api::CronCreator::checking);
        const Report report = run(pending);
        QVERIFY2(report.succeeded, qPrintable(report.error.toString()));
        QCOMPARE(report.outcome, Outcome::Recovered);
        QCOMPARE(checking.size(), 1);
        QVERIFY(postsTo(u"/runs/crons/search"_s) >= 2); // not found at first, found later
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        QCOMPARE(storedCrons(), 6);
    }

    // An answer lost for good, and no cron ever appears: that is not knowledge that it was not
    // created (it may still be committed), so it is Unknown, never "safe to try again".
    void lostAnswerAndNoCronWithinTheWindow_isUnknownNotNotCreated_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::newRow("gateway timeout") << QJsonObject {{u"status"_s, 504}};
        QTest::newRow("dropped, committed much later")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"commit_delay_ms"_s, 60000}};
    }
    void lostAnswerAndNoCronWithinTheWindow_isUnknownNotNotCreated()
    {
        QFETCH(QJsonObject, fault);
        fault.insert(u"method"_s, u"POST"_s);
        fault.insert(u"path"_s, u"/runs/crons"_s);
        QString problem;
        m_server->addFault(*FaultRule::fromJson(fault, &problem));
        api::CronCreator *pending = creator();
        pending->setVerificationDelay(std::chrono::milliseconds(100));
        pending->setVerificationWindow(std::chrono::milliseconds(1500));
        QElapsedTimer timer;
        timer.start();
        const Report report = run(pending);
        QCOMPARE(report.outcome, Outcome::Unknown);
        QVERIFY(!pending->isSafeToRetry());
        QVERIFY2(report.error.message.contains(u"may have been created"_s),
                 qPrintable(report.error.message));
        QVERIFY(!report.error.message.contains(u"safe to try again"_s));
        QVERIFY(report.error.message.contains(report.correlationId));
        QVERIFY(timer.elapsed() >= 1500); // it waited the window out ...
        QVERIFY(timer.elapsed() < 10000); // ... and no longer
        QVERIFY(postsTo(u"/runs/crons/search"_s) >= 3);
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
    }

    void serverThatIsDown_isNotCreatedWithoutLooking()
    {
        const QUrl url = m_server->baseUrl();
        m_server.reset(); // nothing listens there any more
        api::CronCreator *pending = creator();
        QSignalSpy checking(pending, &api::CronCreator::checking);
        const Report report = run(pending);
        QCOMPARE(report.outcome, Outcome::NotCreated);
        QCOMPARE(report.error.kind, Kind::Network);
        QVERIFY(report.error.notSent);
        QVERIFY(report.error.message.contains(u"never reached the server"_s));
        QCOMPARE(checking.size(), 0);
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
    }

    // A correlation id that belongs to a different cron never turns a create into a silent
    // no-op that returns that other cron.
    void correlationIdOfAnotherCron_isRefusedAndNothingIsCreated()
    {
        const QJsonObject first = m_server->createCron(
            {{u"schedule"_s, u"0 1 * * *"_s},
             {u"assistant_id"_s, u"agent"_s},
             {u"metadata"_s, QJsonObject {{QString(api::correlationMetadataKey), u"forged"_s}}}});
        api::CronCreator *pending = creator(); // 15 6 * * *, another cron entirely
        pending->setCorrelationId(u"forged"_s);
        const Report report = run(pending);
        QVERIFY(report.failed);
        QCOMPARE(report.outcome, Outcome::NotCreated);
        QCOMPARE(report.error.kind, Kind::Conflict);
        QVERIFY2(report.error.message.contains(first.value("cron_id"_L1).toString()),
                 qPrintable(report.error.message));
        QCOMPARE(postsTo(u"/runs/crons"_s), 0);
        QCOMPARE(storedCrons(), 6);
    }

    void serverErrorWithoutStoring_isReportedAsNotCreatedAndSafeToRetry_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("500") << 500 << Kind::Server;
        QTest::newRow("502") << 502 << Kind::Server;
        QTest::newRow("503") << 503 << Kind::Server;
    }
    void serverErrorWithoutStoring_isReportedAsNotCreatedAndSafeToRetry()
    {
        QFETCH(int, status);
        FaultRule rule;
        rule.method = "POST";
        rule.path = u"/runs/crons"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = status;
        m_server->addFault(rule);
        api::CronCreator *pending = creator();
        const Report report = run(pending);
        QVERIFY(report.failed);
        QCOMPARE(report.outcome, Outcome::NotCreated);
        QTEST(report.error.kind, "kind");
        QCOMPARE(report.error.httpStatus, status);
        QVERIFY(report.error.message.contains(u"safe to try again"_s));
        QCOMPARE(postsTo(u"/runs/crons"_s), 1); // never repeated
        QCOMPARE(postsTo(u"/runs/crons/search"_s), 1); // but checked
        QCOMPARE(storedCrons(), 5);
    }

    void refusal_isNotCreatedWithoutAnyCheck_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("422") << 422 << Kind::Validation;
        QTest::newRow("429") << 429 << Kind::RateLimited;
        QTest::newRow("401") << 401 << Kind::Unauthorized;
    }
    void refusal_isNotCreatedWithoutAnyCheck()
    {
        QFETCH(int, status);
        FaultRule rule;
        rule.method = "POST";
        rule.path = u"/runs/crons"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = status;
        rule.body = "{\"detail\":\"Invalid timezone: 'Mars/Base'\"}";
        m_server->addFault(rule);
        const Report report = run(creator());
        QCOMPARE(report.outcome, Outcome::NotCreated);
        QTEST(report.error.kind, "kind");
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        QCOMPARE(postsTo(u"/runs/crons/search"_s), 0);
    }

    void realValidationError_namesTheField()
    {
        api::CronCreate cron = cronCreate();
        cron.timezone = u"Mars/Base"_s;
        const Report report = run(creator(cron));
        QCOMPARE(report.outcome, Outcome::NotCreated);
        QCOMPARE(report.error.kind, Kind::Validation);
        QCOMPARE(report.error.field, u"timezone"_s);
    }

    void checkFailing_too_isUnknownAndGivesTheCorrelationId()
    {
        FaultRule create;
        create.method = "POST";
        create.path = u"/runs/crons"_s;
        create.action = FaultRule::Action::Drop;
        create.afterBytes = 0;
        m_server->addFault(create);
        FaultRule search;
        search.method = "POST";
        search.path = u"/runs/crons/search"_s;
        search.action = FaultRule::Action::Status;
        search.status = 403;
        m_server->addFault(search);
        const Report report = run(creator());
        QVERIFY(report.failed);
        QCOMPARE(report.outcome, Outcome::Unknown);
        QCOMPARE(report.error.kind, Kind::Network); // the create's failure, not the check's
        QVERIFY(report.error.message.contains(report.correlationId));
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
    }

    void resubmittingWithTheSameId_findsTheEarlierCronInsteadOfCreatingAgain()
    {
        // First attempt: stored, answer lost, check impossible: Unknown.
        FaultRule create;
        create.method = "POST";
        create.path = u"/runs/crons"_s;
        create.action = FaultRule::Action::Drop;
        create.afterBytes = 0;
        create.times = 1;
        const QString createFault = m_server->addFault(create);
        FaultRule search;
        search.method = "POST";
        search.path = u"/runs/crons/search"_s;
        search.action = FaultRule::Action::Status;
        search.status = 403;
        search.times = 1;
        m_server->addFault(search);
        const Report first = run(creator());
        QCOMPARE(first.outcome, Outcome::Unknown);

        // Second attempt with the same id: looks first, finds it, sends no create.
        api::CronCreator *again = creator();
        again->setCorrelationId(first.correlationId);
        const Report second = run(again);
        QVERIFY(second.succeeded);
        QCOMPARE(second.outcome, Outcome::AlreadyExisted);
        QCOMPARE(second.cron.metadata.value(api::correlationMetadataKey).toString(),
                 first.correlationId);
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        QCOMPARE(storedCrons(), 6);
    }

    void resubmittingWithAnIdThatWasNeverStored_createsOnce()
    {
        api::CronCreate cron = cronCreate();
        QJsonObject metadata = *cron.metadata;
        metadata.insert(QString(api::correlationMetadataKey), u"never-stored"_s);
        cron.metadata = metadata;
        const Report report = run(creator(cron));
        QCOMPARE(report.outcome, Outcome::Created);
        QCOMPARE(report.correlationId, u"never-stored"_s);
        QCOMPARE(postsTo(u"/runs/crons/search"_s), 1);
        QCOMPARE(postsTo(u"/runs/crons"_s), 1);
        QCOMPARE(storedCrons(), 6);
    }

    void olderServerWithoutMetadataFilter_checksTheNewestPageInstead()
    {
        api::ServerCapabilities old = api::ServerCapabilities::forVersion(u"0.8.5"_s);
        m_client->setCapabilities(old);
        FaultRule create;
        create.method = "POST";
        create.path = u"/runs/crons"_s;
        create.action = FaultRule::Action::Truncate;
        m_server->addFault(create);
        const Report report = run(creator());
        QCOMPARE(report.outcome, Outcome::Recovered);
        const QJsonObject search = jsonOf(m_server->lastRequest().body);
        QVERIFY(!search.contains("metadata"_L1));
        QCOMPARE(search.value("limit"_L1).toInt(), 1000);
    }

    void abort_whileTheCreateIsInFlight_isUnknown()
    {
        FaultRule slow;
        slow.method = "POST";
        slow.path = u"/runs/crons"_s;
        slow.delayMs = 1000;
        m_server->addFault(slow);
        api::CronCreator *pending = creator();
        connect(m_server.get(), &SandboxServer::requestReceived, pending,
                [pending] { pending->abort(); });
        const Report report = run(pending);
        QCOMPARE(report.outcome, Outcome::Unknown);
        QCOMPARE(report.error.kind, Kind::Canceled);
    }

    void abort_beforeStarting_sendsNothing()
    {
        api::CronCreator *pending = creator();
        QSignalSpy failed(pending, &api::CronCreator::failed);
        pending->abort();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(pending->outcome(), Outcome::NotCreated);
        QVERIFY(pending->isSafeToRetry());
        QCOMPARE(waitForOk(), true);
        QCOMPARE(postsTo(u"/runs/crons"_s), 0);
    }

    void destroyedRequester_getsNoCallback()
    {
        auto *requester = new QObject;
        bool called = false;
        api::CronCreator *pending = creator();
        pending->then(
            requester, [&called](const api::Cron &) { called = true; },
            [&called](const api::ApiError &) { called = true; });
        delete requester;
        QSignalSpy finished(pending, &api::CronCreator::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(!called);
    }

private:
    bool waitForOk()
    {
        auto *request = m_client->ok();
        QSignalSpy finished(request, &api::ApiRequest::finished);
        return finished.wait(10000);
    }
};

QTEST_GUILESS_MAIN(TestCronCreator)
#include "tst_croncreator.moc"
