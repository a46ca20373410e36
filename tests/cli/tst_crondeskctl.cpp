// crondeskctl's commands run in-process against an in-process sandbox, output captured.
#include <app/cli/commandline.h>
#include <tests/sandbox/sandboxserver.h>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome runCtl(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    cli::CommandRunner runner(&out, &err, environment);
    QSignalSpy finished(&runner, &cli::CommandRunner::finished);
    runner.run(QStringList {u"crondeskctl"_s} + arguments);
    Outcome outcome;
    if (finished.wait(20000))
        outcome.exitCode = finished.first().first().toInt();
    outcome.out = out.data();
    outcome.err = err.data();
    return outcome;
}

} // namespace

class TestCrondeskctl final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QString url() const { return m_server->baseUrl().toString(); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 12, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
    }
    void cleanup() { m_server.reset(); }

    void version_printsTheProjectVersion()
    {
        const Outcome outcome = runCtl({u"--version"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("crondeskctl " CRONDESK_VERSION "\n"));
    }

    void help_listsCommandsAndExitCodes()
    {
        const Outcome outcome = runCtl({u"--help"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.contains("crons list"));
        QVERIFY(outcome.out.contains("Exit codes"));
    }

    void cronsList_table_printsAHeaderAndEveryCron()
    {
        const Outcome outcome = runCtl({u"--url"_s, url(), u"crons"_s, u"list"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 13);
        QVERIFY(lines.first().startsWith("CRON ID"));
        QVERIFY(outcome.err.isEmpty());
    }

    void cronsList_json_isTheServersCrons()
    {
        const Outcome outcome
            = runCtl({u"crons"_s, u"list"_s, u"--url"_s, url(), u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonDocument document = QJsonDocument::fromJson(outcome.out);
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), 12);
        QVERIFY(!document.array().first().toObject().value("cron_id"_L1).toString().isEmpty());
    }

    void cronsList_csv_hasOneLinePerCronPlusHeader()
    {
        const Outcome outcome
            = runCtl({u"crons"_s, u"list"_s, u"--url"_s, url(), u"--format=csv"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("cron_id,assistant_id,"));
        QCOMPARE(outcome.out.count("\r\n"), 13);
    }

    void cronsList_urlFromEnvironment()
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_URL"_s, url());
        QCOMPARE(runCtl({u"crons"_s, u"list"_s}, environment).exitCode, 0);
    }

    void usageErrors_exitWith2AndSayWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command") << QStringList() << QByteArray("Usage:");
        QTest::newRow("unknown command")
            << QStringList {u"crons"_s, u"frobnicate"_s} << QByteArray("unknown command");
        QTest::newRow("no url") << QStringList {u"crons"_s, u"list"_s} << QByteArray("--url");
        QTest::newRow("bad url") << QStringList {u"crons"_s, u"list"_s, u"--url"_s, u"ftp://x"_s}
                                 << QByteArray("not an http or https URL");
        QTest::newRow("bad format")
            << QStringList {u"crons"_s,    u"list"_s, u"--url"_s, u"http://127.0.0.1:1"_s,
                            u"--format"_s, u"xml"_s}
            << QByteArray("unknown --format");
        QTest::newRow("unknown option")
            << QStringList {u"crons"_s, u"list"_s, u"--bogus"_s} << QByteArray("Unknown option");
    }
    void usageErrors_exitWith2AndSayWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Outcome outcome = runCtl(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
    }

    void stoppedServer_exitsWith3()
    {
        const QString address = url();
        m_server->close();
        const Outcome outcome = runCtl({u"crons"_s, u"list"_s, u"--url"_s, address});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY(outcome.err.startsWith("crondeskctl: Network error"));
    }

    void serverRefusal_exitsWith1WithTheDetail()
    {
        m_server.reset();
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 1, .apiKey = u"k"_s, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        const Outcome outcome = runCtl({u"crons"_s, u"list"_s, u"--url"_s, url()});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("Unauthorized (401)"), outcome.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctl)
#include "tst_crondeskctl.moc"
