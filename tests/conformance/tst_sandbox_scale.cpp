// Scale: --seed 100000 starts and answers 1,000-row pages. The timings are reported, not
// asserted (they depend on the machine and the build type); see docs/BENCHMARKS.md.
#include "httpprobe.h"
#include "sandboxprocess.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::conformance::SandboxProcess;

class TestSandboxScale final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seed100k_startsAndServesFullPages();
};

void TestSandboxScale::seed100k_startsAndServesFullPages()
{
    QElapsedTimer timer;
    timer.start();
    SandboxProcess sandbox;
    const QUrl url = sandbox.start(
        {u"--port"_s, u"0"_s, u"--seed"_s, u"100000"_s, u"--no-scheduler"_s}, 240000);
    QVERIFY2(url.isValid(), sandbox.output().constData());
    qInfo("startup with 100000 crons: %lld ms", timer.elapsed());

    HttpProbe http(url);
    QCOMPARE(http.post(u"/runs/crons/count"_s, {}).body, QByteArray("100000"));
    const QList<QJsonObject> queries = {
        {{u"limit"_s, 1000}},
        {{u"limit"_s, 1000},
         {u"offset"_s, 50000},
         {u"sort_by"_s, u"next_run_date"_s},
         {u"sort_order"_s, u"asc"_s}},
        {{u"limit"_s, 1000}, {u"offset"_s, 99000}, {u"sort_by"_s, u"cron_id"_s}},
        {{u"limit"_s, 1000},
         {u"metadata"_s, QJsonObject {{u"owner"_s, u"alice"_s}}},
         {u"enabled"_s, true}},
    };
    for (const QJsonObject &query : queries) {
        http.post(u"/runs/crons/search"_s, query); // warm
        timer.restart();
        const ProbeReply reply = http.post(u"/runs/crons/search"_s, query);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().size(), 1000);
        qInfo("1000-row page %s: %lld ms, %lld bytes",
              QJsonDocument(query).toJson(QJsonDocument::Compact).constData(), elapsed,
              qint64(reply.body.size()));
    }
}

QTEST_GUILESS_MAIN(TestSandboxScale)
#include "tst_sandbox_scale.moc"
