// Fetch-all: pages of 1,000, several in flight, a count for progress, rows as pages arrive,
// cancellation, and no duplicates or silent gaps while crons change under the pager.
#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Kind = api::ApiError::Kind;
using sandbox::FaultRule;
using sandbox::SandboxServer;

namespace {

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// Collects what a fetcher delivers.
struct Collector
{
    QList<api::Cron> crons;
    int pages = 0;
    QList<QPair<qint64, qint64>> progress;
    std::optional<api::ApiError> error;
    bool succeeded = false;

    QSet<QString> ids() const
    {
        QSet<QString> set;
        for (const api::Cron &cron : crons)
            set.insert(cron.cronId);
        return set;
    }
};

} // namespace

class TestCronFetcher final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;

    void startServer(int seedCount)
    {
        m_client.reset();
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = seedCount, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }

    void connectCollector(api::CronFetcher *fetcher, Collector *collector)
    {
        connect(fetcher, &api::CronFetcher::pageArrived, this,
                [collector](const QList<api::Cron> &page) {
                    collector->crons.append(page);
                    ++collector->pages;
                });
        connect(fetcher, &api::CronFetcher::progress, this,
                [collector](qint64 fetched, qint64 total) {
                    collector->progress.append({fetched, total});
                });
        connect(fetcher, &api::CronFetcher::succeeded, this,
                [collector] { collector->succeeded = true; });
        connect(fetcher, &api::CronFetcher::failed, this,
                [collector](const api::ApiError &error) { collector->error = error; });
    }

    bool runToEnd(api::CronFetcher *fetcher, Collector *collector)
    {
        connectCollector(fetcher, collector);
        QSignalSpy succeeded(fetcher, &api::CronFetcher::succeeded);
        QSignalSpy failed(fetcher, &api::CronFetcher::failed);
        fetcher->start();
        return QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 60000);
    }

    // Every cron id the server holds now.
    QSet<QString> storedIds()
    {
        QSet<QString> ids;
        for (int offset = 0;; offset += 1000) {
            const QJsonObject body {{"limit"_L1, 1000}, {"offset"_L1, offset}};
            const QByteArray json
                = m_server->handleLocally("POST", u"/runs/crons/search"_s, body).body;
            const QJsonArray page = QJsonDocument::fromJson(json).array();
            for (const QJsonValue &cron : page)
                ids.insert(cron.toObject().value("cron_id"_L1).toString());
            if (page.size() < 1000)
                return ids;
        }
    }

    // The ids of the crons at the given positions of the oldest-first order.
    QStringList idsAt(const QList<int> &positions)
    {
        QStringList ids;
        for (const int position : positions) {
            const QJsonObject body {{"limit"_L1, 1},
                                    {"offset"_L1, position},
                                    {"sort_by"_L1, u"created_at"_s},
                                    {"sort_order"_L1, u"asc"_s}};
            const QByteArray json
                = m_server->handleLocally("POST", u"/runs/crons/search"_s, body).body;
            ids.append(QJsonDocument::fromJson(json)
                           .array()
                           .first()
                           .toObject()
                           .value("cron_id"_L1)
                           .toString());
        }
        return ids;
    }

    void deleteCrons(const QStringList &ids)
    {
        for (const QString &id : ids)
            QCOMPARE(m_server->handleLocally("DELETE", u"/runs/crons/"_s + id).status, 204);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void fetchAll_sizes_deliverEveryCronExactlyOnce_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("one short of a page") << 999;
        QTest::newRow("exactly a page") << 1000;
        QTest::newRow("a page and the overlap") << 1999;
        QTest::newRow("several pages") << 4321;
    }
    void fetchAll_sizes_deliverEveryCronExactlyOnce()
    {
        QFETCH(int, seed);
        startServer(seed);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QCOMPARE(collector.crons.size(), seed);
        QCOMPARE(collector.ids().size(), seed);
        QCOMPARE(collector.ids(), storedIds());
        QCOMPARE(fetcher.expectedTotal(), seed);
        QCOMPARE(fetcher.fetchedCount(), seed);
        QCOMPARE(fetcher.pagesReread(), 0);
        QCOMPARE(collector.progress.last(), (QPair<qint64, qint64>(seed, seed)));
    }

    void fetchAll_pagesAreOldestFirstOfAThousandWithOneRowOverlap()
    {
        startServer(2500);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QList<int> offsets;
        for (const auto &request :
             m_server->requestLog().matching("POST", u"/runs/crons/search"_s)) {
            const QJsonObject body = jsonOf(request.body);
            QCOMPARE(body.value("limit"_L1).toInt(), 1000);
            QCOMPARE(body.value("sort_by"_L1).toString(), u"created_at"_s);
            QCOMPARE(body.value("sort_order"_L1).toString(), u"asc"_s);
            QVERIFY(!body.contains("select"_L1));
            offsets.append(body.value("offset"_L1).toInt());
        }
        std::sort(offsets.begin(), offsets.end());
        QCOMPARE(offsets, (QList<int> {0, 999, 1998}));
        QCOMPARE(m_server->requestLog().matching("POST", u"/runs/crons/count"_s).size(), 1);
    }

    void fetchAll_keepsABoundedNumberOfPagesInFlight_data()
    {
        QTest::addColumn<int>("maxInFlight");
        QTest::newRow("one") << 1;
        QTest::newRow("four") << 4;
    }
    void fetchAll_keepsABoundedNumberOfPagesInFlight()
    {
        QFETCH(int, maxInFlight);
        startServer(9000);
        // A slow server: requests arrive at once, answers come later, so the log shows how many
        // were outstanding together.
        FaultRule slow;
        slow.path = u"/runs/crons/search"_s;
        slow.delayMs = 150;
        m_server->addFault(slow);
        int inFlight = 0;
        int peak = 0;
        connect(m_server.get(), &SandboxServer::requestReceived, this,
                [&](const sandbox::RecordedRequest &request) {
                    if (request.path == "/runs/crons/search"_L1)
                        peak = std::max(peak, ++inFlight);
                });
        // An answer in frees its connection: the next page may go out while this one decodes.
        connect(m_client->networkAccessManager(), &QNetworkAccessManager::finished, this,
                [&inFlight](QNetworkReply *reply) {
                    if (reply->url().path() == "/runs/crons/search"_L1)
                        --inFlight;
                });
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxInFlight(maxInFlight);
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QCOMPARE(collector.ids().size(), 9000);
        QCOMPARE(peak, maxInFlight);
    }

    void fetchAll_deliversRowsAsEachPageArrives()
    {
        startServer(3500);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QCOMPARE(collector.pages, 4);
        // Progress grew page by page towards the count.
        QVERIFY(collector.progress.size() >= 4);
        for (qsizetype i = 1; i < collector.progress.size(); ++i)
            QVERIFY(collector.progress.at(i).first >= collector.progress.at(i - 1).first);
        QCOMPARE(collector.progress.last().second, 3500);
    }

    void fetchAll_withFilters_sendsThemOnEveryPage()
    {
        startServer(3000);
        api::CronSearchQuery filter;
        filter.enabled = true;
        filter.assistantId = api::systemAssistantId(u"agent"_s);
        api::CronFetcher fetcher(m_client.get(), filter);
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        for (const api::Cron &cron : std::as_const(collector.crons)) {
            QVERIFY(cron.enabled);
            QCOMPARE(cron.assistantId, filter.assistantId);
        }
        // The same count as one server-side search would give.
        int expected = 0;
        for (int offset = 0;; offset += 1000) {
            QJsonObject body = filter.toJson();
            body.insert(u"limit"_s, 1000);
            body.insert(u"offset"_s, offset);
            const QJsonArray page
                = QJsonDocument::fromJson(
                      m_server->handleLocally("POST", u"/runs/crons/search"_s, body).body)
                      .array();
            expected += int(page.size());
            if (page.size() < 1000)
                break;
        }
        QCOMPARE(collector.ids().size(), expected);
        // count has no `enabled` filter, so none was asked: progress has no total until the end.
        QVERIFY(m_server->requestLog().matching("POST", u"/runs/crons/count"_s).isEmpty());
        for (const auto &request :
             m_server->requestLog().matching("POST", u"/runs/crons/search"_s)) {
            QCOMPARE(jsonOf(request.body).value("enabled"_L1), QJsonValue(true));
            QCOMPARE(jsonOf(request.body).value("assistant_id"_L1).toString(), filter.assistantId);
        }
    }

    void deletionsWhilePaging_areDetectedAndNoSurvivorIsMissed()
    {
        startServer(3200);
        const QSet<QString> before = storedIds();
        // After the first page: delete crons that page already covered, so every later page
        // shifts left and a survivor would fall between pages.
        const QStringList doomed = idsAt({10, 20, 30, 500});
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxInFlight(1);
        bool deleted = false;
        connect(&fetcher, &api::CronFetcher::pageArrived, this, [&] {
            if (!deleted) {
                deleted = true;
                deleteCrons(doomed);
            }
        });
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QVERIFY(fetcher.pagesReread() > 0);
        const QSet<QString> survivors = storedIds();
        QCOMPARE(survivors.size(), before.size() - doomed.size());
        QVERIFY(collector.ids().contains(survivors));
        QCOMPARE(collector.crons.size(), collector.ids().size()); // no duplicates
    }

    void insertionsWhilePaging_causeNoDuplicatesAndNoGaps()
    {
        startServer(3200);
        const QSet<QString> before = storedIds();
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxInFlight(1);
        int arrivals = 0;
        connect(&fetcher, &api::CronFetcher::pageArrived, this, [&] {
            if (++arrivals <= 2) {
                for (int i = 0; i < 5; ++i)
                    m_server->createCron(QJsonObject {{"schedule"_L1, u"0 3 * * *"_s},
                                                      {"assistant_id"_L1, u"echo"_s}});
            }
        });
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QVERIFY(collector.ids().contains(before));
        QCOMPARE(collector.crons.size(), collector.ids().size());
        QVERIFY(storedIds().contains(collector.ids()));
    }

    void changesBeyondTheRereadLimit_failLoudlyInsteadOfLeavingAHole()
    {
        startServer(2500);
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxInFlight(1);
        fetcher.setRereadLimit(0); // the first change seen is one too many
        const QStringList doomed = idsAt({5});
        bool deleted = false;
        connect(&fetcher, &api::CronFetcher::pageArrived, this, [&] {
            if (!deleted) {
                deleted = true;
                deleteCrons(doomed);
            }
        });
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.error);
        QCOMPARE(collector.error->kind, Kind::Conflict);
        QVERIFY(!collector.succeeded);
    }

    void manyChangesWhilePaging_settleWithEverySurvivorDelivered()
    {
        // Every page request is preceded by a deletion among the oldest crons: the pager keeps
        // seeing shifted pages and reads again until they line up.
        startServer(4000);
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxInFlight(2);
        int position = 0;
        connect(m_server.get(), &SandboxServer::requestReceived, this,
                [&](const sandbox::RecordedRequest &request) {
                    if (request.path == "/runs/crons/search"_L1)
                        deleteCrons(idsAt({position++ % 900}));
                });
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY2(collector.succeeded,
                 collector.error ? qPrintable(collector.error->toString()) : "");
        QVERIFY(fetcher.pagesReread() > 0);
        QVERIFY(collector.ids().contains(storedIds()));
        QCOMPARE(collector.crons.size(), collector.ids().size());
    }

    void cancel_stopsEveryRequestAndReportsCanceled()
    {
        startServer(5000);
        FaultRule slow;
        slow.path = u"/runs/crons/search"_s;
        slow.delayMs = 300;
        m_server->addFault(slow);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        connectCollector(&fetcher, &collector);
        QSignalSpy failed(&fetcher, &api::CronFetcher::failed);
        connect(m_server.get(), &SandboxServer::requestReceived, &fetcher,
                [&fetcher] { fetcher.cancel(); });
        fetcher.start();
        QCOMPARE(failed.size() + int(failed.wait(5000)), 1);
        QCOMPARE(collector.error->kind, Kind::Canceled);
        QVERIFY(fetcher.isFinished());
        QCOMPARE(collector.crons.size(), 0);
    }

    void pageFailure_failsTheFetchWithTheError()
    {
        startServer(2500);
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 403;
        m_server->addFault(rule);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.error);
        QCOMPARE(collector.error->kind, Kind::Forbidden);
    }

    void transientPageFailures_areRetriedWithinTheFetch()
    {
        startServer(2500);
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 503;
        rule.times = 2;
        m_server->addFault(rule);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QCOMPARE(collector.ids().size(), 2500);
    }

    void countFailure_leavesProgressIndeterminateButFetchesEverything()
    {
        startServer(2100);
        FaultRule rule;
        rule.path = u"/runs/crons/count"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 500;
        m_server->addFault(rule);
        api::CronFetcher fetcher(m_client.get(), {});
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QCOMPARE(collector.ids().size(), 2100);
        QCOMPARE(collector.progress.last(), (QPair<qint64, qint64>(2100, 2100)));
    }

    void maxRows_stopsOnceTheOldestAreKnown()
    {
        startServer(5000);
        api::CronFetcher fetcher(m_client.get(), {});
        fetcher.setMaxRows(1500);
        Collector collector;
        QVERIFY(runToEnd(&fetcher, &collector));
        QVERIFY(collector.succeeded);
        QVERIFY(collector.crons.size() >= 1500);
        QVERIFY(m_server->requestLog().matching("POST", u"/runs/crons/search"_s).size() <= 2);
    }
};

QTEST_GUILESS_MAIN(TestCronFetcher)
#include "tst_cronfetcher.moc"
