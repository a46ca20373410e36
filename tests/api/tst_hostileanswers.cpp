// The API client against a hostile HTTP server (tests/hostile): answers cut short, framed
// wrongly, never ending, or paging without end. Every one must end in a specific error, soon.
#include <models/api/apiclient.h>
#include <models/api/apinetworkmanager.h>
#include <models/api/cronfetcher.h>
#include <tests/hostile/modes.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using hostile::Answer;
using hostile::FakeAgentServer;
using hostile::HostileServer;
using hostile::Request;

Q_DECLARE_METATYPE(crondesk::api::ApiError::Kind)

namespace {

enum class Endpoint { Count, Search, Info, Ok, GetCron, SearchAssistants };

// Runs a request to completion and returns its error (Kind::None on success).
api::ApiError waitFor(api::ApiRequest *request, int timeoutMs = 30000)
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

api::ApiRequest *call(api::ApiClient *client, Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Count:
        return client->countCrons({});
    case Endpoint::Search: {
        api::CronSearchQuery query;
        query.limit = 10;
        return client->searchCrons(query);
    }
    case Endpoint::Info:
        return client->info();
    case Endpoint::Ok:
        return client->ok();
    case Endpoint::GetCron:
        return client->getCron(FakeAgentServer::cronId(1));
    case Endpoint::SearchAssistants:
        return client->searchAssistants(api::AssistantSearchQuery {});
    }
    return nullptr;
}

} // namespace

class TestHostileAnswers final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HostileServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    FakeAgentServer m_fake;

    void serve(HostileServer::Responder responder) { m_server->setResponder(std::move(responder)); }

private Q_SLOTS:
    void init()
    {
        m_fake = FakeAgentServer();
        for (int i = 0; i < 3; ++i)
            m_fake.crons.append(FakeAgentServer::cron(i));
        m_fake.count = 35;
        m_server = std::make_unique<HostileServer>();
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // A body whose transfer did not complete is an error, whatever the bytes that did arrive
    // would decode to: a count of 35 cut after "3" is not a count of 3.
    void answerCutShort_isAnErrorForEveryEndpoint_data()
    {
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<int>("style");
        const std::pair<const char *, Endpoint> endpoints[] = {
            {"count", Endpoint::Count}, {"search", Endpoint::Search},
            {"info", Endpoint::Info},   {"ok", Endpoint::Ok},
            {"get", Endpoint::GetCron}, {"assistants", Endpoint::SearchAssistants},
        };
        const char *styles[] = {"content-length not reached", "chunk cut in its data",
                                "no last chunk", "one-byte chunks, cut"};
        for (const auto &[name, endpoint] : endpoints) {
            for (int style = 0; style < 4; ++style)
                QTest::addRow("%s, %s", name, styles[style]) << endpoint << style;
        }
    }
    void answerCutShort_isAnErrorForEveryEndpoint()
    {
        QFETCH(Endpoint, endpoint);
        QFETCH(int, style);
        const FakeAgentServer fake = m_fake;
        serve([fake, style](const Request &request) {
            Answer answer = fake.answer(request);
            const qint64 half = std::max<qint64>(1, answer.body.size() / 2);
            switch (style) {
            case 0:
                answer.cutAfter = half;
                break;
            case 1:
                answer.framing = Answer::Framing::Chunked;
                answer.cutAfter = half;
                break;
            case 2:
                answer.framing = Answer::Framing::Chunked;
                answer.body.truncate(half); // what arrives is whole chunks, but not the end
                answer.omitTerminator = true;
                break;
            default:
                answer.framing = Answer::Framing::Chunked;
                answer.chunkBytes = 1;
                answer.cutAfter = half;
                break;
            }
            return answer;
        });
        // The race between the last bytes and the close goes either way: try it many times.
        for (int attempt = 0; attempt < 10; ++attempt) {
            api::ApiRequest *request = call(m_client.get(), endpoint);
            request->setRetryPolicy(api::RetryPolicy::never());
            const api::ApiError error = waitFor(request);
            QVERIFY2(error.kind == Kind::Network,
                     qPrintable(u"attempt %1: %2"_s.arg(attempt).arg(error.toString())));
            QVERIFY2(error.message.contains(u"cut off"_s), qPrintable(error.toString()));
        }
    }

    void countCutAfterItsFirstDigit_isNeverReadAsThree()
    {
        // The exact case of the report: "35", chunked, the connection closes after "3".
        serve([](const Request &) {
            Answer answer = Answer::json(QByteArray("35"));
            answer.framing = Answer::Framing::Chunked;
            answer.cutAfter = 1;
            return answer;
        });
        for (int attempt = 0; attempt < 10; ++attempt) {
            auto *request = m_client->countCrons({});
            // Repeated as every read is, only without the long pauses.
            request->setRetryPolicy(
                {4, std::chrono::milliseconds(5), std::chrono::milliseconds(20)});
            qint64 count = -1;
            request->then(
                request, [&count](qint64 value) { count = value; }, [](const api::ApiError &) {});
            const api::ApiError error = waitFor(request);
            QCOMPARE(count, -1);
            QCOMPARE(error.kind, Kind::Network);
            QCOMPARE(request->attempts(), 4); // a read: repeated, and cut every time
        }
    }

    // What no HTTP/1.1 server sends fails as such, and is never read as an answer.
    void brokenHead_isAProtocolErrorNotAnAnswer_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("message");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << u"not HTTP"_s;
        QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                          "transfer-encoding: chunked\r\n\r\nzz\r\n35\r\n0\r\n\r\n")
            << u"chunked framing"_s;
        QTest::newRow("chunk without its CRLF")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                          "transfer-encoding: chunked\r\n\r\n1\r\n35\r\n0\r\n\r\n")
            << u"chunked framing"_s;
        QTest::newRow("length not a number")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                          "content-length: 2x\r\n\r\n35")
            << u"not a length"_s;
        QTest::newRow("two lengths")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                          "content-length: 2, 1\r\n\r\n35")
            << u"not a length"_s;
        QTest::newRow("compressed although asked not to")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                          "content-encoding: gzip\r\ncontent-length: 2\r\n\r\n35")
            << u"compressed"_s;
        QTest::newRow("endless header")
            << QByteArray("HTTP/1.1 200 OK\r\nx-filler: ") + QByteArray(200 * 1024, 'a')
            << u"too long"_s;
        QTest::newRow("cut in the head")
            << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: appl") << u"cut off"_s;
    }
    void brokenHead_isAProtocolErrorNotAnAnswer()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, message);
        serve([raw](const Request &) {
            Answer answer;
            answer.raw = raw;
            return answer;
        });
        auto *request = m_client->countCrons({});
        request->setRetryPolicy(api::RetryPolicy::never());
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::Network);
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
    }

    void keptAliveConnection_servesTheNextRequestToo()
    {
        serve([this](const Request &request) { return m_fake.answer(request); });
        for (int i = 0; i < 3; ++i)
            QVERIFY(!waitFor(m_client->ok()).isError());
        QCOMPARE(m_server->connectionCount(), 1);
    }

    // An answer that never ends is stopped at the endpoint's limit, soon, and never held whole.
    void endlessAnswer_isStoppedAtItsLimit_data()
    {
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<int>("framing");
        QTest::addColumn<qint64>("limit");
        const std::tuple<const char *, Endpoint, qint64> endpoints[] = {
            {"count", Endpoint::Count, api::AnswerLimits::scalar},
            {"info", Endpoint::Info, api::AnswerLimits::small},
            {"search", Endpoint::Search, 1024 * 1024}, // a page's own limit is 256 MiB
        };
        const std::pair<const char *, Answer::Framing> framings[] = {
            {"announced length", Answer::Framing::ContentLength},
            {"chunked", Answer::Framing::Chunked},
            {"until close", Answer::Framing::UntilClose},
        };
        for (const auto &[name, endpoint, limit] : endpoints) {
            for (const auto &[framingName, framing] : framings)
                QTest::addRow("%s, %s", name, framingName) << endpoint << int(framing) << limit;
        }
    }
    void endlessAnswer_isStoppedAtItsLimit()
    {
        QFETCH(Endpoint, endpoint);
        QFETCH(int, framing);
        QFETCH(qint64, limit);
        const FakeAgentServer fake = m_fake;
        serve([fake, framing](const Request &request) {
            Answer answer = fake.answer(request);
            answer.framing = Answer::Framing(framing);
            answer.endless = true;
            answer.filler = QByteArray(64 * 1024, ' '); // still JSON, for as long as it lasts
            return answer;
        });
        QElapsedTimer timer;
        timer.start();
        api::ApiRequest *request = call(m_client.get(), endpoint);
        if (endpoint == Endpoint::Search)
            request->setMaxAnswerBytes(limit);
        QCOMPARE(request->maxAnswerBytes(), limit);
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::BadResponse);
        QVERIFY2(error.message.contains(u"larger than"_s), qPrintable(error.toString()));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(request->attempts(), 1); // an oversized answer is not asked for again
        // What the client was made to read: the limit, plus what sockets buffer on the way.
        QVERIFY2(m_server->bodyBytesSent() < limit + 32 * 1024 * 1024,
                 qPrintable(QString::number(m_server->bodyBytesSent())));
    }

    // Found by tst_hostilematrix: an answer stopped at its limit was then read out whole by the
    // request that stopped it (only to be thrown away), so a page stopped at 256 MiB cost 650 MB.
    // An aborted reply, like Qt's own, is closed and holds nothing.
    void abortedReply_isClosedAndHoldsNothing()
    {
        serve([this](const Request &request) {
            Answer answer = m_fake.answer(request);
            answer.framing = Answer::Framing::Chunked;
            answer.endless = true;
            answer.filler = QByteArray(64 * 1024, ' ');
            return answer;
        });
        api::ApiNetworkManager manager;
        QNetworkReply *reply
            = manager.get(QNetworkRequest(m_server->baseUrl().resolved(QUrl(u"/info"_s))));
        qint64 receivedAtAbort = 0;
        connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received, qint64) {
            if (received > 1024 * 1024 && receivedAtAbort == 0) {
                receivedAtAbort = received;
                reply->abort();
            }
        });
        bool openAtFinish = true;
        qint64 availableAtFinish = -1;
        connect(reply, &QNetworkReply::finished, reply, [&] {
            openAtFinish = reply->isOpen();
            availableAtFinish = reply->bytesAvailable();
        });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QVERIFY(receivedAtAbort > 1024 * 1024);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QVERIFY(!openAtFinish);
        QCOMPARE(availableAtFinish, 0);
        delete reply;
    }

    void announcedHugeLength_isRefusedBeforeReading()
    {
        serve([](const Request &) {
            Answer answer = Answer::json(QByteArray("35"));
            answer.declaredLength = qint64(1) << 40;
            answer.endless = true;
            return answer;
        });
        auto *request = m_client->countCrons({});
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::BadResponse);
        QVERIFY2(error.message.contains(u"at least 1.0 TiB"_s), qPrintable(error.toString()));
        QVERIFY2(m_server->bodyBytesSent() < 32 * 1024 * 1024,
                 qPrintable(QString::number(m_server->bodyBytesSent())));
    }

    void defaultLimits_fitWhatEachEndpointAnswers()
    {
        QCOMPARE(m_client->countCrons({})->maxAnswerBytes(), api::AnswerLimits::scalar);
        QCOMPARE(m_client->ok()->maxAnswerBytes(), api::AnswerLimits::small);
        QCOMPARE(m_client->getCron(FakeAgentServer::cronId(0))->maxAnswerBytes(),
                 api::AnswerLimits::object);
        QCOMPARE(m_client->searchCrons({})->maxAnswerBytes(), api::AnswerLimits::page);
        QCOMPARE(m_client->listThreadRuns(FakeAgentServer::cronId(0))->maxAnswerBytes(),
                 api::AnswerLimits::page);
    }

    // A server that stops sending, or sends a byte at a time, meets the transfer timeout.
    void stalledOrDrippingAnswer_timesOut_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("stall after the head") << u"stall-after-headers"_s;
        QTest::newRow("slow drip") << u"slow-drip"_s;
    }
    void stalledOrDrippingAnswer_timesOut()
    {
        QFETCH(QString, mode);
        serve(*hostile::modeResponder(mode));
        api::RequestFactory factory = m_client->requestFactory();
        factory.setTransferTimeout(std::chrono::milliseconds(600));
        m_client->setRequestFactory(factory);
        QElapsedTimer timer;
        timer.start();
        auto *request = m_client->searchCrons({});
        request->setRetryPolicy(api::RetryPolicy::never());
        const api::ApiError error = waitFor(request);
        QCOMPARE(error.kind, Kind::Timeout);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    // Paging that never ends is stopped with a specific error, soon, after few requests.
    void pagingThatNeverEnds_isStoppedWithAReason_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<qint64>("maxTotal");
        QTest::addColumn<QString>("message");
        QTest::newRow("new crons on every page, count 5")
            << u"endless-paging"_s << api::CronFetcher::defaultMaxTotal << u"counted 5"_s;
        QTest::newRow("the same page again")
            << u"repeating-paging"_s << api::CronFetcher::defaultMaxTotal << u"does not page"_s;
        QTest::newRow("new crons, no count")
            << u"endless-paging-uncounted"_s << qint64(5000) << u"more than 5000"_s;
    }
    void pagingThatNeverEnds_isStoppedWithAReason()
    {
        QFETCH(QString, mode);
        QFETCH(qint64, maxTotal);
        QFETCH(QString, message);
        HostileServer::Responder responder;
        if (mode == "endless-paging-uncounted"_L1) {
            // The count fails: only the ceiling on a listing bounds it.
            const auto endless = *hostile::modeResponder(u"endless-paging"_s);
            responder = [endless](const Request &request) {
                if (request.path == "/runs/crons/count")
                    return Answer::error(500, u"count is down"_s);
                return endless(request);
            };
        } else {
            responder = *hostile::modeResponder(mode);
        }
        serve(responder);
        auto *fetcher = new api::CronFetcher(m_client.get(), {}, m_client.get());
        fetcher->setMaxTotal(maxTotal);
        QSignalSpy failed(fetcher, &api::CronFetcher::failed);
        QSignalSpy succeeded(fetcher, &api::CronFetcher::succeeded);
        QElapsedTimer timer;
        timer.start();
        fetcher->start();
        QVERIFY(failed.wait(20000));
        QCOMPARE(succeeded.size(), 0);
        const auto error = failed.first().first().value<api::ApiError>();
        QCOMPARE(error.kind, Kind::BadResponse);
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
        // Bounded work: the pages the ceiling allows, plus those in flight.
        QVERIFY2(fetcher->pagesRequested() <= maxTotal / api::CronFetcher::pageStride + 12,
                 qPrintable(QString::number(fetcher->pagesRequested())));
    }

    void hugeCount_sizesNothingAndListsWhatIsThere()
    {
        serve(*hostile::modeResponder(u"huge-count"_s));
        auto *fetcher = new api::CronFetcher(m_client.get(), {}, m_client.get());
        QSignalSpy succeeded(fetcher, &api::CronFetcher::succeeded);
        QList<api::Cron> crons;
        connect(fetcher, &api::CronFetcher::pageArrived, this,
                [&crons](const QList<api::Cron> &page) { crons += page; });
        QElapsedTimer timer;
        timer.start();
        fetcher->start();
        QVERIFY(succeeded.wait(20000));
        QCOMPARE(crons.size(), 3);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        // Pages are planned a few ahead of the last read, never two billion from the count.
        QVERIFY2(fetcher->pagesRequested() <= 1 + 2 * fetcher->maxInFlight(),
                 qPrintable(QString::number(fetcher->pagesRequested())));
    }

    // The first page late, the empty ones past the end at once: each empty page read must not
    // plan more pages ahead of it (under load this asked for 25 pages of three crons).
    void hugeCount_withTheFirstPageLate_plansNothingPastAnEmptyPage()
    {
        FakeAgentServer fake;
        for (int i = 0; i < 3; ++i)
            fake.crons.append(FakeAgentServer::cron(i));
        fake.count = 2'000'000'000'000;
        serve([fake](const hostile::Request &request) {
            hostile::Answer answer = fake.answer(request);
            if (request.path.endsWith("/search") && request.json().value("offset"_L1).toInt() == 0)
                answer.delayMs = 400;
            return answer;
        });
        auto *fetcher = new api::CronFetcher(m_client.get(), {}, m_client.get());
        QSignalSpy succeeded(fetcher, &api::CronFetcher::succeeded);
        QList<api::Cron> crons;
        connect(fetcher, &api::CronFetcher::pageArrived, this,
                [&crons](const QList<api::Cron> &page) { crons += page; });
        fetcher->start();
        QVERIFY(succeeded.wait(20000));
        QCOMPARE(crons.size(), 3);
        QVERIFY2(fetcher->pagesRequested() <= 1 + 2 * fetcher->maxInFlight(),
                 qPrintable(QString::number(fetcher->pagesRequested())));
    }

    // Crons a server should not have sent are listed all the same, each with what was wrong.
    void oddCrons_areListedWithWhatWasWrong_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("malformed"); // per cron, "field" or empty
        QTest::newRow("deep json")
            << u"deep-json"_s << 3 << QStringList {QString(), QString(), u"payload"_s};
        QTest::newRow("wrong types")
            << u"wrong-types"_s << 4
            << QStringList {u"next_run_date"_s, u"payload"_s, u"metadata"_s, u"enabled"_s};
    }
    void oddCrons_areListedWithWhatWasWrong()
    {
        QFETCH(QString, mode);
        QFETCH(int, count);
        QFETCH(QStringList, malformed);
        serve(*hostile::modeResponder(mode));
        auto *fetcher = new api::CronFetcher(m_client.get(), {}, m_client.get());
        QSignalSpy succeeded(fetcher, &api::CronFetcher::succeeded);
        QList<api::Cron> crons;
        connect(fetcher, &api::CronFetcher::pageArrived, this,
                [&crons](const QList<api::Cron> &page) { crons += page; });
        fetcher->start();
        QVERIFY(succeeded.wait(20000));
        QCOMPARE(crons.size(), count);
        std::sort(crons.begin(), crons.end(),
                  [](const api::Cron &a, const api::Cron &b) { return a.cronId < b.cronId; });
        for (int i = 0; i < count; ++i) {
            const QString field = malformed.at(i);
            QCOMPARE(crons.at(i).malformed.size(), field.isEmpty() ? 0 : 1);
            if (!field.isEmpty())
                QCOMPARE(crons.at(i).malformed.first().field, field);
        }
    }

    void completeAnswers_inEveryFraming_areRead_data()
    {
        QTest::addColumn<int>("framing");
        QTest::addColumn<int>("chunkBytes");
        QTest::newRow("content-length") << int(Answer::Framing::ContentLength) << 0;
        QTest::newRow("chunked") << int(Answer::Framing::Chunked) << 0;
        QTest::newRow("chunked, one byte each") << int(Answer::Framing::Chunked) << 1;
        QTest::newRow("until close") << int(Answer::Framing::UntilClose) << 0;
    }
    void completeAnswers_inEveryFraming_areRead()
    {
        QFETCH(int, framing);
        QFETCH(int, chunkBytes);
        serve([framing, chunkBytes](const Request &) {
            Answer answer = Answer::json(QByteArray("35"));
            answer.framing = Answer::Framing(framing);
            answer.chunkBytes = chunkBytes;
            return answer;
        });
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto *request = m_client->countCrons({});
            qint64 count = -1;
            request->then(
                request, [&count](qint64 value) { count = value; }, [](const api::ApiError &) {});
            const api::ApiError error = waitFor(request);
            QVERIFY2(!error.isError(), qPrintable(error.toString()));
            QCOMPARE(count, 35);
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileAnswers)
#include "tst_hostileanswers.moc"
