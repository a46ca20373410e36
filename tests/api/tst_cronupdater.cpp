// Updates that never claim "not applied" when that is not known: sent once, and after a lost or
// failed answer the cron is read back to find out.
#include <models/api/apiclient.h>
#include <models/api/cronupdater.h>
#include <tests/sandbox/sandboxserver.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using Outcome = api::CronUpdater::Outcome;
using sandbox::FaultRule;
using sandbox::SandboxServer;

namespace {

struct Report
{
    Outcome outcome = Outcome::Pending;
    api::Cron cron;
    api::ApiError error;
    bool succeeded = false;
};

Report run(api::CronUpdater *updater)
{
    Report report;
    updater->then(
        updater,
        [&report](const api::Cron &cron) {
            report.succeeded = true;
            report.cron = cron;
        },
        [&report](const api::ApiError &error) { report.error = error; });
    QObject::connect(updater, &api::CronUpdater::finished, updater,
                     [&report, updater] { report.outcome = updater->outcome(); });
    QSignalSpy finished(updater, &api::CronUpdater::finished);
    if (!finished.wait(30000))
        qWarning("the updater did not finish");
    return report;
}

FaultRule patchFault(const QJsonObject &json)
{
    QJsonObject rule = json;
    rule.insert(u"method"_s, u"PATCH"_s);
    rule.insert(u"path"_s, u"/runs/crons/*"_s);
    QString error;
    return *FaultRule::fromJson(rule, &error);
}

api::CronPatch schedulePatch()
{
    api::CronPatch patch;
    patch.schedule = u"30 7 * * *"_s;
    patch.metadata = QJsonObject {{u"owner"_s, u"ops"_s}};
    return patch;
}

} // namespace

class TestCronUpdater final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    QString m_cronId;

    qsizetype sent(const QByteArray &method) const
    {
        return m_server->requestLog().matching(method, u"/runs/crons/"_s + m_cronId).size();
    }
    QString storedSchedule() const
    {
        return QJsonDocument::fromJson(
                   m_server->handleLocally("GET", u"/runs/crons/"_s + m_cronId).body)
            .object()
            .value("schedule"_L1)
            .toString();
    }
    api::CronUpdater *updater(const api::CronPatch &patch = schedulePatch())
    {
        api::CronUpdater *updater = m_client->updateCronChecked(m_cronId, patch);
        updater->setVerificationDelay(std::chrono::milliseconds(100));
        updater->setVerificationWindow(std::chrono::seconds(10));
        return updater;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_cronId
            = m_server
                  ->createCron({{u"schedule"_s, u"0 9 * * *"_s}, {u"assistant_id"_s, u"agent"_s}})
                  .value("cron_id"_L1)
                  .toString();
        QVERIFY(!m_cronId.isEmpty());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void update_plain_isAppliedWithoutReadingBack()
    {
        const Report report = run(updater());
        QCOMPARE(report.outcome, Outcome::Applied);
        QCOMPARE(report.cron.schedule, u"30 7 * * *"_s);
        QCOMPARE(sent("PATCH"), 1);
        QCOMPARE(sent("GET"), 0);
    }

    // The change was made, the answer lost: the read-back finds it and says so.
    void lostAnswerAfterApplying_isRecoveredByReadingBack_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("dropped connection")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"after_bytes"_s, 0}} << 30000;
        QTest::newRow("500 after applying")
            << QJsonObject {{u"action"_s, u"status_after"_s}} << 30000;
        QTest::newRow("cut-off body") << QJsonObject {{u"action"_s, u"truncate"_s}} << 30000;
        QTest::newRow("timeout, applied after 1.5 s") << QJsonObject {{u"delay_ms"_s, 1500}} << 300;
        QTest::newRow("dropped, applied 1.5 s later")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"commit_delay_ms"_s, 1500}} << 30000;
    }
    void lostAnswerAfterApplying_isRecoveredByReadingBack()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, timeoutMs);
        fault.insert(u"times"_s, 1);
        m_server->addFault(patchFault(fault));
        api::RequestFactory factory = m_client->requestFactory();
        factory.setTransferTimeout(std::chrono::milliseconds(timeoutMs));
        m_client->setRequestFactory(factory);
        api::CronUpdater *pending = updater();
        QSignalSpy checking(pending, &api::CronUpdater::checking);
        const Report report = run(pending);
        QVERIFY2(report.succeeded, qPrintable(report.error.toString()));
        QCOMPARE(report.outcome, Outcome::Recovered);
        QCOMPARE(checking.size(), 1);
        QCOMPARE(report.cron.schedule, u"30 7 * * *"_s);
        QCOMPARE(sent("PATCH"), 1); // never sent again
        QVERIFY(sent("GET") >= 1);
    }

    void serverErrorWithoutApplying_isNotApplied()
    {
        FaultRule rule = patchFault({{u"status"_s, 500}});
        m_server->addFault(rule);
        const Report report = run(updater());
        QCOMPARE(report.outcome, Outcome::NotApplied);
        QVERIFY2(report.error.message.contains(u"was not applied"_s),
                 qPrintable(report.error.message));
        QCOMPARE(sent("GET"), 1);
        QCOMPARE(storedSchedule(), u"0 9 * * *"_s);
    }

    // The report: an update whose answer was lost said only "connection closed". It may have
    // been applied; when the cron never shows it, that is what it says.
    void lostAnswerNeverApplied_saysItMayHaveBeenApplied()
    {
        m_server->addFault(patchFault({{u"status"_s, 504}}));
        api::CronUpdater *pending = updater();
        pending->setVerificationWindow(std::chrono::milliseconds(1200));
        QElapsedTimer timer;
        timer.start();
        const Report report = run(pending);
        QCOMPARE(report.outcome, Outcome::Unknown);
        QVERIFY2(report.error.message.contains(u"may have been applied"_s),
                 qPrintable(report.error.message));
        QVERIFY(timer.elapsed() >= 1200);
        QVERIFY(sent("GET") >= 2);
        QCOMPARE(sent("PATCH"), 1);
    }

    void readBackFailing_isUnknown()
    {
        m_server->addFault(patchFault({{u"action"_s, u"drop"_s}, {u"after_bytes"_s, 0}}));
        FaultRule read;
        read.method = "GET";
        read.path = u"/runs/crons/*"_s;
        read.action = FaultRule::Action::Status;
        read.status = 403;
        m_server->addFault(read);
        const Report report = run(updater());
        QCOMPARE(report.outcome, Outcome::Unknown);
        QVERIFY(report.error.message.contains(u"could not be read back"_s));
    }

    void serverThatIsDown_isNotApplied()
    {
        m_server.reset();
        const Report report = run(updater());
        QCOMPARE(report.outcome, Outcome::NotApplied);
        QVERIFY(report.error.notSent);
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
    }

    // The comparison itself: what a read-back cron says about a PATCH.
    void patchReflected_comparesWhatTheCronShows_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("cron");
        QTest::addColumn<int>("expected");
        const QByteArray base = R"({"cron_id":"c","schedule":"0 9 * * *","enabled":true,)"
                                R"("metadata":{"a":1,"b":2},"payload":{"input":{"x":1},)"
                                R"("config":{"configurable":{"k":"v"},"tags":["t"]}}})";
        using R = api::PatchReflected;
        QTest::newRow("schedule applied")
            << QByteArray(R"({"schedule":"0 9 * * *"})") << base << int(R::Yes);
        QTest::newRow("schedule not applied")
            << QByteArray(R"({"schedule":"0 8 * * *"})") << base << int(R::No);
        QTest::newRow("metadata keys merged")
            << QByteArray(R"({"metadata":{"b":2}})") << base << int(R::Yes);
        QTest::newRow("metadata key missing")
            << QByteArray(R"({"metadata":{"c":3}})") << base << int(R::No);
        QTest::newRow("config: the server's own keys do not count")
            << QByteArray(R"({"config":{"configurable":{"k":"v"}}})") << base << int(R::Yes);
        QTest::newRow("input differs") << QByteArray(R"({"input":{"x":2}})") << base << int(R::No);
        QTest::newRow("webhook not echoed in the payload")
            << QByteArray(R"({"webhook":"https:\/\/example.com\/h"})") << base
            << int(R::Unknowable);
        QTest::newRow("enabled and schedule, one differs")
            << QByteArray(R"({"enabled":false,"schedule":"0 9 * * *"})") << base << int(R::No);
    }
    void patchReflected_comparesWhatTheCronShows()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, cron);
        QFETCH(int, expected);
        const QJsonObject json = QJsonDocument::fromJson(patch).object();
        api::CronPatch body;
        if (json.contains("schedule"_L1))
            body.schedule = json.value("schedule"_L1).toString();
        if (json.contains("enabled"_L1))
            body.enabled = json.value("enabled"_L1).toBool();
        if (json.contains("metadata"_L1))
            body.metadata = json.value("metadata"_L1).toObject();
        if (json.contains("config"_L1))
            body.config = json.value("config"_L1).toObject();
        if (json.contains("input"_L1))
            body.input = json.value("input"_L1);
        if (json.contains("webhook"_L1))
            body.webhook = json.value("webhook"_L1).toString();
        const auto decoded = api::cronFromJsonText(cron);
        QVERIFY(decoded);
        QCOMPARE(int(api::patchReflected(body, *decoded)), expected);
    }
};

QTEST_GUILESS_MAIN(TestCronUpdater)
#include "tst_cronupdater.moc"
