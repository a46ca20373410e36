// --db: everything survives a restart, and a SIGKILL in the middle of a stream of writes loses
// none that the server acknowledged.
#include "httpprobe.h"
#include "sandboxprocess.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/sandboxserver.h>

#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::conformance::SandboxProcess;
using crondesk::sandbox::ManualClock;
using crondesk::sandbox::SandboxServer;

class TestSandboxPersistence final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restart_keepsCronsThreadsRunsAndEdits();
    void restart_withSeed_doesNotSeedTwice();
    void sigkill_duringWrites_losesNoAcknowledgedWrite();
    void sigterm_exitsCleanly();
    void unusableDatabase_failsToStart();

private:
    static QJsonArray allCrons(HttpProbe &http);
};

QJsonArray TestSandboxPersistence::allCrons(HttpProbe &http)
{
    return http.post(u"/runs/crons/search"_s, {{u"limit"_s, 1000}, {u"sort_by"_s, u"cron_id"_s}})
        .array();
}

void TestSandboxPersistence::restart_keepsCronsThreadsRunsAndEdits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock(QDateTime(QDate(2026, 2, 2), QTime(8, 0, 10), Qt::UTC));
    SandboxServer::Options options;
    options.databasePath = dir.filePath(u"sandbox.db"_s);
    options.clock = &clock;

    QJsonArray before;
    QString thread;
    QString deleted;
    QJsonArray runsBefore;
    {
        SandboxServer server(options);
        QVERIFY(server.listen() != 0);
        HttpProbe http(server.baseUrl());
        thread = http.post(u"/threads"_s, {{u"metadata"_s, QJsonObject {{u"k"_s, u"v"_s}}}})
                     .object()
                     .value("thread_id"_L1)
                     .toString();
        const QString threadCron
            = http.post(u"/threads/%1/runs/crons"_s.arg(thread),
                        {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"* * * * *"_s}})
                  .object()
                  .value("cron_id"_L1)
                  .toString();
        const QString stateless = http.post(u"/runs/crons"_s,
                                            {{u"assistant_id"_s, u"echo"_s},
                                             {u"schedule"_s, u"0 9 * * 1"_s},
                                             {u"timezone"_s, u"Asia/Tokyo"_s},
                                             {u"end_time"_s, u"2027-01-01T00:00:00Z"_s}})
                                      .object()
                                      .value("cron_id"_L1)
                                      .toString();
        deleted = http.post(u"/runs/crons"_s,
                            {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"@daily"_s}})
                      .object()
                      .value("cron_id"_L1)
                      .toString();
        QCOMPARE(
            http.patch(u"/runs/crons/"_s + stateless,
                       {{u"enabled"_s, false}, {u"metadata"_s, QJsonObject {{u"edited"_s, true}}}})
                .status,
            200);
        QCOMPARE(http.send("PATCH", u"/runs/crons/"_s + stateless, R"({"end_time":null})").status,
                 200);
        QCOMPARE(http.del(u"/runs/crons/"_s + deleted).status, 204);
        clock.advance(std::chrono::minutes(1)); // fires the thread cron once
        runsBefore = http.get(u"/threads/%1/runs"_s.arg(thread)).array();
        QCOMPARE(runsBefore.size(), 1);
        before = allCrons(http);
        QCOMPARE(before.size(), 2);
        Q_UNUSED(threadCron)
    }

    SandboxServer server(options);
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    QCOMPARE(allCrons(http), before);
    QCOMPARE(http.get(u"/runs/crons/"_s + deleted).status, 404);
    QCOMPARE(http.get(u"/threads/"_s + thread).object().value("metadata"_L1).toObject(),
             QJsonObject({{u"k"_s, u"v"_s}}));
    QCOMPARE(http.get(u"/threads/%1/runs"_s.arg(thread)).array(), runsBefore);
    QCOMPARE(http.post(u"/assistants/count"_s, {}).body, QByteArray("3"));
}

void TestSandboxPersistence::restart_withSeed_doesNotSeedTwice()
{
    QTemporaryDir dir;
    SandboxServer::Options options;
    options.databasePath = dir.filePath(u"seeded.db"_s);
    options.seedCount = 40;
    options.scheduler = false;
    QJsonArray first;
    {
        SandboxServer server(options);
        QVERIFY(server.listen() != 0);
        HttpProbe http(server.baseUrl());
        QCOMPARE(http.post(u"/runs/crons/count"_s, {}).body, QByteArray("40"));
        http.post(u"/runs/crons"_s,
                  {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"@hourly"_s}});
        first = allCrons(http);
    }
    SandboxServer server(options);
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    QCOMPARE(http.post(u"/runs/crons/count"_s, {}).body, QByteArray("41"));
    QCOMPARE(allCrons(http), first);
}

void TestSandboxPersistence::sigkill_duringWrites_losesNoAcknowledgedWrite()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"killed.db"_s);
    SandboxProcess sandbox;
    const QUrl url = sandbox.start({u"--port"_s, u"0"_s, u"--db"_s, db, u"--no-scheduler"_s});
    QVERIFY2(url.isValid(), sandbox.output().constData());
    HttpProbe http(url);

    // Creates and metadata patches, eight in flight at a time. A patch to a cron carries an
    // increasing sequence number and a cron has at most one patch in flight (so they arrive in
    // order): after the crash the stored value must be at least the highest acknowledged one.
    QHash<QString, int> acknowledgedPatch;
    QSet<QString> patching;
    QStringList acknowledgedCreates;
    int inFlight = 0;
    int sent = 0;
    int acknowledged = 0;
    bool killed = false;
    std::function<void()> sendNext = [&] {
        if (killed)
            return;
        const int sequence = ++sent;
        QNetworkReply *reply = nullptr;
        const QString target = acknowledgedCreates.isEmpty()
            ? QString()
            : acknowledgedCreates.at(sequence % acknowledgedCreates.size());
        if (target.isNull() || patching.contains(target) || sequence % 3 != 0) {
            reply = http.start(
                "POST", u"/runs/crons"_s,
                crondesk::conformance::toJson({{u"assistant_id"_s, u"agent"_s},
                                               {u"schedule"_s, u"*/5 * * * *"_s},
                                               {u"metadata"_s, QJsonObject {{u"n"_s, sequence}}}}));
        } else {
            patching.insert(target);
            reply = http.start(
                "PATCH", u"/runs/crons/"_s + target,
                crondesk::conformance::toJson({{u"metadata"_s, QJsonObject {{u"n"_s, sequence}}}}));
            reply->setProperty("target", target);
        }
        ++inFlight;
        connect(reply, &QNetworkReply::finished, this, [&, reply, sequence] {
            --inFlight;
            reply->deleteLater();
            const ProbeReply answer = HttpProbe::collect(reply);
            patching.remove(reply->property("target").toString());
            if (answer.status == 200) {
                ++acknowledged;
                const QString id = answer.object().value("cron_id"_L1).toString();
                if (reply->property("target").isValid())
                    acknowledgedPatch[id] = std::max(acknowledgedPatch.value(id), sequence);
                else
                    acknowledgedCreates.append(id);
            }
            if (!killed && acknowledged >= 300) {
                killed = true;
                sandbox.process().kill(); // SIGKILL, with requests still in flight
                return;
            }
            sendNext();
        });
    };
    for (int i = 0; i < 8; ++i)
        sendNext();
    QTRY_VERIFY_WITH_TIMEOUT(killed && sandbox.process().state() == QProcess::NotRunning, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(inFlight, 0, 30000);
    QVERIFY(acknowledged >= 300);
    QVERIFY(!acknowledgedPatch.isEmpty());

    SandboxProcess restarted;
    const QUrl again = restarted.start({u"--port"_s, u"0"_s, u"--db"_s, db, u"--no-scheduler"_s});
    QVERIFY(again.isValid());
    HttpProbe check(again);
    QHash<QString, int> stored;
    for (int offset = 0;; offset += 1000) {
        const QJsonArray page
            = check.post(u"/runs/crons/search"_s, {{u"limit"_s, 1000}, {u"offset"_s, offset}})
                  .array();
        for (const QJsonValue &cron : page) {
            stored.insert(cron.toObject().value("cron_id"_L1).toString(),
                          cron.toObject().value("metadata"_L1).toObject().value("n"_L1).toInt());
        }
        if (page.size() < 1000)
            break;
    }
    for (const QString &id : std::as_const(acknowledgedCreates))
        QVERIFY2(stored.contains(id), qPrintable(u"lost acknowledged create "_s + id));
    for (auto it = acknowledgedPatch.cbegin(); it != acknowledgedPatch.cend(); ++it)
        QVERIFY2(stored.value(it.key()) >= it.value(),
                 qPrintable(u"lost acknowledged patch of "_s + it.key()));
    restarted.terminate();
}

void TestSandboxPersistence::sigterm_exitsCleanly()
{
    QTemporaryDir dir;
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({u"--port"_s, u"0"_s, u"--db"_s, dir.filePath(u"t.db"_s)}).isValid());
    sandbox.terminate();
    QCOMPARE(sandbox.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.process().exitCode(), 0);
}

void TestSandboxPersistence::unusableDatabase_failsToStart()
{
    SandboxServer::Options options;
    options.databasePath = u"/nonexistent-directory/for/sure/x.db"_s;
    SandboxServer server(options);
    QCOMPARE(server.listen(), quint16(0));
    QVERIFY(!server.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxPersistence)
#include "tst_sandbox_persistence.moc"
