// The Last run / Last success cache (models/runs) against the sandbox: only the crons asked for
// are read, crons sharing a thread share one read and are told apart, answers are cached, a
// failed run reads as failed, and stateless crons whose threads are deleted cost no request.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/runs/lastruncache.h>
#include <models/runs/runhistory.h>
#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace crondesk;
using State = models::LastRunCache::Entry::State;

class TestLastRunCache final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::ManualClock> m_clock;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;

    void start(double errorRate = 0)
    {
        m_clock = std::make_unique<sandbox::ManualClock>(
            QDateTime(QDate(2026, 7, 1), QTime(12, 0, 30), Qt::UTC));
        sandbox::SandboxServer::Options options;
        options.clock = m_clock.get();
        options.runErrorRate = errorRate;
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
    }

    api::Cron cronOn(const QString &thread, const QString &key, const QString &schedule)
    {
        QJsonObject body {{u"assistant_id"_s, u"agent"_s},
                          {u"schedule"_s, schedule},
                          {u"metadata"_s, QJsonObject {{api::correlationMetadataKey, key}}}};
        return *api::cronFromJson(m_server->createCron(body, thread));
    }

    qsizetype runReads() const
    {
        qsizetype count = 0;
        for (const auto &request : m_server->requests()) {
            if (request.method == "GET" && request.path.endsWith("/runs"_L1))
                ++count;
        }
        return count;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        m_clock.reset();
    }

    void cronsOnOneThread_shareOneRead_areToldApart_andAreCached()
    {
        start();
        const QString thread = m_server->createThread().value("thread_id"_L1).toString();
        const api::Cron everyMinute = cronOn(thread, u"a"_s, u"* * * * *"_s);
        const api::Cron everyTwo = cronOn(thread, u"b"_s, u"*/2 * * * *"_s);
        m_clock->advance(90s); // 12:02:00: a at 12:01 and 12:02, b at 12:02
        m_server->clearRequests();

        models::LastRunCache cache(m_client.get());
        QSignalSpy changed(&cache, &models::LastRunCache::changed);
        cache.request({everyMinute, everyTwo});
        QCOMPARE(cache.entry(everyMinute.cronId).state, State::Loading);
        QVERIFY(changed.wait(10000));
        QCOMPARE(runReads(), 1);
        const auto a = cache.entry(everyMinute.cronId);
        const auto b = cache.entry(everyTwo.cronId);
        QCOMPARE(a.state, State::Known);
        QCOMPARE(b.state, State::Known);
        QCOMPARE(a.lastRun->metadata.value(api::correlationMetadataKey).toString(), u"a"_s);
        QCOMPARE(b.lastRun->metadata.value(api::correlationMetadataKey).toString(), u"b"_s);
        QVERIFY(a.lastSuccess.has_value());

        cache.request({everyMinute, everyTwo}); // cached: nothing read
        QTest::qWait(50);
        QCOMPARE(runReads(), 1);
        cache.invalidate(everyMinute.cronId);
        cache.request({everyMinute});
        QTRY_COMPARE(runReads(), 2);
    }

    void onlyTheCronsAskedFor_areRead()
    {
        start();
        QList<api::Cron> crons;
        for (int i = 0; i < 30; ++i) {
            const QString thread = m_server->createThread().value("thread_id"_L1).toString();
            crons.append(cronOn(thread, QString::number(i), u"* * * * *"_s));
        }
        m_clock->advance(61s);
        m_server->clearRequests();
        models::LastRunCache cache(m_client.get());
        cache.request(crons.mid(0, 5)); // the rows on screen
        QTRY_VERIFY(cache.entry(crons.at(4).cronId).state == State::Known);
        QCOMPARE(runReads(), 5);
        QCOMPARE(cache.entry(crons.at(5).cronId).state, State::Unknown);
    }

    void failedRun_readsAsFailed_withoutALastSuccess()
    {
        start(1.0);
        const QString thread = m_server->createThread().value("thread_id"_L1).toString();
        const api::Cron cron = cronOn(thread, u"f"_s, u"* * * * *"_s);
        m_clock->advance(61s);
        models::LastRunCache cache(m_client.get());
        cache.request({cron});
        QTRY_VERIFY(cache.entry(cron.cronId).state == State::Known);
        QCOMPARE(models::runOutcome(cache.entry(cron.cronId).lastRun->status),
                 models::RunOutcome::Failed);
        QVERIFY(!cache.entry(cron.cronId).lastSuccess);
    }

    void statelessCronThatDeletesItsThreads_isUnavailable_withoutARequest()
    {
        start();
        const api::Cron cron = *api::cronFromJson(m_server->createCron(
            {{u"assistant_id"_s, u"echo"_s}, {u"schedule"_s, u"* * * * *"_s}}));
        m_server->clearRequests();
        models::LastRunCache cache(m_client.get());
        QSignalSpy changed(&cache, &models::LastRunCache::changed);
        cache.request({cron});
        QCOMPARE(cache.entry(cron.cronId).state, State::Unavailable);
        QVERIFY(!cache.entry(cron.cronId).reason.isEmpty());
        QCOMPARE(changed.size(), 1);
        QVERIFY(m_server->requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLastRunCache)
#include "tst_lastruncache.moc"
