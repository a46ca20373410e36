// The API client against the project's sandbox server over real HTTP on 127.0.0.1.
#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using sandbox::FaultRule;
using sandbox::SandboxServer;

namespace {

// Runs a request to completion and returns its error (Kind::None on success).
template<typename Request>
api::ApiError waitFor(Request *request, int timeoutMs = 15000)
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

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
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
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY2(m_server->listen() != 0, qPrintable(m_server->errorString()));
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }

private Q_SLOTS:
    void init() { startServer({.seedCount = 25}); }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void search_firstPage_returnsLimitCronsAndANextOffset()
    {
        api::CronSearchQuery query;
        auto *request = m_client->searchCrons(query);
        api::CronPage page;
        request->then(
            this, [&page](const api::CronPage &p) { page = p; }, [](const api::ApiError &) {});
        QCOMPARE(waitFor(request).kind, Kind::None);
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
        const auto sent = m_server->requestLog().matching("POST", u"/runs/crons/search"_s);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(jsonOf(sent.first().body), (QJsonObject {{"limit"_L1, 10}, {"offset"_L1, 0}}));
        QCOMPARE(sent.first().header("content-type"), QByteArray("application/json"));
    }

    void search_withMetadataAndDisabledFilter_sendsThemAndFalseIsNotDropped()
    {
        api::CronSearchQuery query;
        query.metadata = QJsonObject {{"owner"_L1, "alice"_L1}};
        query.enabled = false;
        QCOMPARE(waitFor(m_client->searchCrons(query)).kind, Kind::None);
        const QJsonObject body = jsonOf(m_server->lastRequest().body);
        QCOMPARE(body,
                 (QJsonObject {{"limit"_L1, 10},
                               {"offset"_L1, 0},
                               {"enabled"_L1, false},
                               {"metadata"_L1, QJsonObject {{"owner"_L1, "alice"_L1}}}}));
    }

    void fetchAll_acrossSeveralPages_deliversEveryCronExactlyOnce()
    {
        startServer({.seedCount = 2345});
        api::CronFetcher fetcher(m_client.get(), {});
        QList<api::Cron> crons;
        int pages = 0;
        connect(&fetcher, &api::CronFetcher::pageArrived, this, [&](const QList<api::Cron> &page) {
            crons.append(page);
            ++pages;
        });
        QSignalSpy succeeded(&fetcher, &api::CronFetcher::succeeded);
        fetcher.start();
        QVERIFY(succeeded.wait(20000));
        QCOMPARE(pages, 3);
        QCOMPARE(crons.size(), 2345);
        QSet<QString> ids;
        for (const api::Cron &cron : crons)
            ids.insert(cron.cronId);
        QCOMPARE(ids.size(), 2345);
        QCOMPARE(fetcher.expectedTotal(), 2345);
    }

    void count_answersTheBareInteger()
    {
        auto *request = m_client->countCrons({});
        qint64 count = -1;
        request->then(
            this, [&count](qint64 c) { count = c; }, [](const api::ApiError &) {});
        QCOMPARE(waitFor(request).kind, Kind::None);
        QCOMPARE(count, 25);
        QCOMPARE(jsonOf(m_server->lastRequest().body), QJsonObject());
    }

    void delete_existingCron_succeedsAndTheCronIsGone()
    {
        auto *search = m_client->searchCrons({});
        QString cronId;
        search->then(
            this, [&cronId](const api::CronPage &page) { cronId = page.crons.first().cronId; },
            [](const api::ApiError &) {});
        QCOMPARE(waitFor(search).kind, Kind::None);
        QCOMPARE(waitFor(m_client->deleteCron(cronId)).kind, Kind::None);
        const auto sent = m_server->requestLog().matching("DELETE", u"/runs/crons/"_s + cronId);
        QCOMPARE(sent.size(), 1);
        QVERIFY(sent.first().body.isEmpty());
        auto *count = m_client->countCrons({});
        qint64 remaining = -1;
        count->then(
            this, [&remaining](qint64 c) { remaining = c; }, [](const api::ApiError &) {});
        QCOMPARE(waitFor(count).kind, Kind::None);
        QCOMPARE(remaining, 24);
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

    void delete_traversalId_staysInItsPathSegment()
    {
        const api::ApiError error = waitFor(m_client->deleteCron(u"../runs/crons/x"_s));
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(m_server->lastRequest().path, u"/runs/crons/..%2Fruns%2Fcrons%2Fx"_s);
    }

    void delete_dotDotId_isRefusedWithoutSendingAnything()
    {
        const api::ApiError error = waitFor(m_client->deleteCron(u".."_s));
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(error.httpStatus, 0);
        QVERIFY(m_server->requests().isEmpty());
    }

    void stoppedServer_givesATypedNetworkError()
    {
        m_server->close();
        const api::ApiError error = waitFor(m_client->searchCrons({}));
        QCOMPARE(error.kind, Kind::Network);
        QCOMPARE(error.httpStatus, 0);
    }

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
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.action = FaultRule::Action(action);
        m_server->addFault(rule);
        const api::ApiError error = waitFor(m_client->searchCrons({}));
        QCOMPARE(error.kind, Kind::BadResponse);
        QCOMPARE(error.httpStatus, 200);
    }

    void slowServer_pastTheTransferTimeout_givesATimeout()
    {
        FaultRule rule;
        rule.path = u"/runs/crons/count"_s;
        rule.delayMs = 3000;
        m_server->addFault(rule);
        api::RequestFactory factory(m_server->baseUrl());
        factory.setTransferTimeout(std::chrono::milliseconds(150));
        m_client->setRequestFactory(factory);
        auto *request = m_client->countCrons({});
        int attempts = 0;
        connect(request, &api::ApiRequest::finished, this,
                [&attempts, request] { attempts = request->attempts(); });
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::Timeout);
        QVERIFY(attempts > 1); // a count is safe to repeat
    }

    void abort_givesCanceled()
    {
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.delayMs = 2000;
        m_server->addFault(rule);
        auto *request = m_client->searchCrons({});
        QSignalSpy failed(request, &api::ApiRequest::failed);
        QTimer::singleShot(100, request, [request] { request->abort(); });
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<api::ApiError>().kind, Kind::Canceled);
    }

    void destroyedRequester_getsNoCallback()
    {
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.delayMs = 300;
        m_server->addFault(rule);
        auto *requester = new QObject;
        bool called = false;
        auto *request = m_client->searchCrons({});
        request->then(
            requester, [&called](const api::CronPage &) { called = true; },
            [&called](const api::ApiError &) { called = true; });
        QSignalSpy finished(request, &api::ApiRequest::finished);
        delete requester;
        QVERIFY(finished.wait(5000));
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
