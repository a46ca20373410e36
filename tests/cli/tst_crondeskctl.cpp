// crondeskctl's commands run in-process against an in-process sandbox, output captured: every
// command, every format, every exit code.
#include <app/cli/commandline.h>
#include <models/api/assistant.h>
#include <models/api/cronwrite.h>
#include <models/api/timestamp.h>
#include <models/editor/cronvalidation.h>
#include <models/inventory/cronexport.h>
#include <tests/cli/ctlrunner.h>
#include <tests/hostile/modes.h>
#include <tests/sandbox/sandboxserver.h>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::FaultRule;
using sandbox::SandboxServer;

namespace {

Outcome runCtl(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    return clitest::runCrondeskctl(arguments, environment, nullptr, 30000);
}

// A stdout that counts the writes it receives.
class CountingBuffer final : public QBuffer
{
public:
    int writes = 0;

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        ++writes;
        return QBuffer::writeData(data, size);
    }
};

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// JSON fixtures written with single quotes, to keep them readable without escapes.
QJsonObject object(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}

} // namespace

class TestCrondeskctl final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QString url() const { return m_server->baseUrl().toString(); }

    void startServer(SandboxServer::Options options)
    {
        options.scheduler = false;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
    }

    // Runs a command against the sandbox: "--url URL" is added in front.
    Outcome ctl(const QStringList &arguments, const QProcessEnvironment &environment = {})
    {
        return runCtl(QStringList {u"--url"_s, url()} + arguments, environment);
    }

    QList<sandbox::RecordedRequest> sent(const QByteArray &method, const QString &path) const
    {
        return m_server->requestLog().matching(method, path);
    }

    QString newCron(const QJsonObject &extra = {})
    {
        QJsonObject body {{"schedule"_L1, u"0 9 * * *"_s}, {"assistant_id"_L1, u"agent"_s}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_server->createCron(body).value("cron_id"_L1).toString();
    }

    qint64 storedCrons() const
    {
        return m_server->handleLocally("POST", u"/runs/crons/count"_s).body.toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Mutating commands write the change journal and read profiles: never the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init() { startServer({.seedCount = 12}); }
    void cleanup() { m_server.reset(); }

    // --- General ---

    void version_printsTheProjectVersion()
    {
        const Outcome outcome = runCtl({u"--version"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("crondeskctl " CRONDESK_VERSION "\n"));
    }

    void help_listsEveryCommandAndTheExitCodes()
    {
        const Outcome outcome = runCtl({u"--help"_s});
        QCOMPARE(outcome.exitCode, 0);
        for (const char *command : {"crons list", "crons get", "crons count", "crons create",
                                    "crons update", "crons delete", "crons export",
                                    "assistants list", "threads list", "info", "schedule"})
            QVERIFY2(outcome.out.contains(command), command);
        QVERIFY(outcome.out.contains("Exit codes"));
    }

    void commandHelp_namesTheCommandAndItsOptions()
    {
        const Outcome outcome = runCtl({u"crons"_s, u"create"_s, u"--help"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("Usage: crondeskctl crons create"));
        for (const char *option : {"--schedule",         "--timezone",
                                   "--end-time",         "--input",
                                   "--config",           "--context",
                                   "--metadata",         "--webhook",
                                   "--interrupt-before", "--interrupt-after",
                                   "--on-run-completed", "--multitask-strategy",
                                   "--enabled",          "--stream-mode",
                                   "--stream-subgraphs", "--stream-resumable",
                                   "--durability",       "--thread",
                                   "--correlation-id",   "--header",
                                   "--timeout",          "--api-key"})
            QVERIFY2(outcome.out.contains(option), option);
    }

    void usageErrors_exitWith2AndSayWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QString dead = u"http://127.0.0.1:1"_s;
        QTest::newRow("no command") << QStringList() << QByteArray("Usage:");
        QTest::newRow("unknown command")
            << QStringList {u"crons"_s, u"frobnicate"_s} << QByteArray("unknown command");
        QTest::newRow("no url") << QStringList {u"crons"_s, u"list"_s} << QByteArray("--url");
        QTest::newRow("bad url") << QStringList {u"crons"_s, u"list"_s, u"--url"_s, u"ftp://x"_s}
                                 << QByteArray("not an http or https URL");
        QTest::newRow("bad format")
            << QStringList {u"crons"_s, u"list"_s, u"--url"_s, dead, u"--format"_s, u"xml"_s}
            << QByteArray("unknown --format");
        QTest::newRow("unknown option")
            << QStringList {u"crons"_s, u"list"_s, u"--bogus"_s} << QByteArray("Unknown option");
        QTest::newRow("bad sort") << QStringList {u"crons"_s, u"list"_s,   u"--url"_s,
                                                  dead,       u"--sort"_s, u"schedule"_s}
                                  << QByteArray("unknown --sort");
        QTest::newRow("bad order")
            << QStringList {u"crons"_s, u"list"_s, u"--url"_s, dead, u"--order"_s, u"up"_s}
            << QByteArray("--order");
        QTest::newRow("bad limit")
            << QStringList {u"crons"_s, u"list"_s, u"--url"_s, dead, u"--limit"_s, u"0"_s}
            << QByteArray("--limit");
        QTest::newRow("bad enabled")
            << QStringList {u"crons"_s, u"list"_s, u"--url"_s, dead, u"--enabled"_s, u"maybe"_s}
            << QByteArray("--enabled");
        QTest::newRow("bad metadata")
            << QStringList {u"crons"_s, u"count"_s, u"--url"_s, dead, u"--metadata"_s, u"novalue"_s}
            << QByteArray("KEY=VALUE");
        QTest::newRow("bad timeout")
            << QStringList {u"crons"_s, u"list"_s, u"--url"_s, dead, u"--timeout"_s, u"-1"_s}
            << QByteArray("--timeout");
        QTest::newRow("bad header")
            << QStringList {u"info"_s, u"--url"_s, dead, u"--header"_s, u"no header"_s}
            << QByteArray("--header");
        QTest::newRow("key as header")
            << QStringList {u"info"_s, u"--url"_s, dead, u"--header"_s, u"x-api-key: k"_s}
            << QByteArray("--api-key");
        QTest::newRow("create without schedule")
            << QStringList {u"crons"_s, u"create"_s, u"--url"_s, dead, u"--assistant"_s, u"a"_s}
            << QByteArray("--schedule");
        QTest::newRow("create with bad JSON")
            << QStringList {u"crons"_s,       u"create"_s, u"--url"_s,      dead,
                            u"--assistant"_s, u"a"_s,      u"--schedule"_s, u"* * * * *"_s,
                            u"--input"_s,     u"{nope"_s}
            << QByteArray("not valid JSON");
        QTest::newRow("create with a naive end time")
            << QStringList {u"crons"_s,       u"create"_s,
                            u"--url"_s,       dead,
                            u"--assistant"_s, u"a"_s,
                            u"--schedule"_s,  u"* * * * *"_s,
                            u"--end-time"_s,  u"2030-01-01T00:00:00"_s}
            << QByteArray("offset");
        QTest::newRow("create with a missing file")
            << QStringList {u"crons"_s,       u"create"_s,
                            u"--url"_s,       dead,
                            u"--assistant"_s, u"a"_s,
                            u"--schedule"_s,  u"* * * * *"_s,
                            u"--config"_s,    u"@/nonexistent/config.json"_s}
            << QByteArray("cannot read");
        QTest::newRow("update with nothing")
            << QStringList {u"crons"_s, u"update"_s, u"--url"_s, dead, u"x"_s}
            << QByteArray("nothing to change");
        QTest::newRow("update clear and set end")
            << QStringList {u"crons"_s,      u"update"_s,
                            u"--url"_s,      dead,
                            u"x"_s,          u"--clear-end-time"_s,
                            u"--end-time"_s, u"2030-01-01T00:00:00Z"_s}
            << QByteArray("contradict");
        QTest::newRow("update without id")
            << QStringList {u"crons"_s, u"update"_s, u"--url"_s, dead, u"--enabled"_s, u"true"_s}
            << QByteArray("one cron id");
        QTest::newRow("get without id")
            << QStringList {u"crons"_s, u"get"_s, u"--url"_s, dead} << QByteArray("cron id");
        QTest::newRow("delete without id")
            << QStringList {u"crons"_s, u"delete"_s, u"--url"_s, dead} << QByteArray("cron id");
        QTest::newRow("threads bad status")
            << QStringList {u"threads"_s, u"list"_s, u"--url"_s, dead, u"--status"_s, u"x"_s}
            << QByteArray("--status");
        // The two search lists read their shared options in one place, in the same order.
        QTest::newRow("assistants bad sort")
            << QStringList {u"assistants"_s, u"list"_s, u"--url"_s, dead, u"--sort"_s, u"x"_s}
            << QByteArray("unknown --sort");
        QTest::newRow("assistants bad metadata")
            << QStringList {u"assistants"_s, u"list"_s, u"--url"_s, dead, u"--metadata"_s, u"x"_s}
            << QByteArray("--metadata: ");
        QTest::newRow("threads bad order")
            << QStringList {u"threads"_s, u"list"_s, u"--url"_s, dead, u"--order"_s, u"up"_s}
            << QByteArray("unknown --order");
        QTest::newRow("threads bad limit")
            << QStringList {u"threads"_s, u"list"_s, u"--url"_s, dead, u"--limit"_s, u"0"_s}
            << QByteArray("--limit: ");
        QTest::newRow("threads bad metadata, then bad status")
            << QStringList {u"threads"_s,    u"list"_s, u"--url"_s,    dead,
                            u"--metadata"_s, u"x"_s,    u"--status"_s, u"x"_s}
            << QByteArray("--metadata: ");
        QTest::newRow("threads bad status, then bad sort")
            << QStringList {u"threads"_s,  u"list"_s, u"--url"_s,  dead,
                            u"--status"_s, u"x"_s,    u"--sort"_s, u"x"_s}
            << QByteArray("unknown --status");
    }
    void usageErrors_exitWith2AndSayWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Outcome outcome = runCtl(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        QVERIFY(outcome.out.isEmpty() || outcome.out.startsWith("Usage"));
    }

    void stoppedServer_exitsWith3()
    {
        const QString address = url();
        m_server->close();
        const Outcome outcome = runCtl({u"crons"_s, u"list"_s, u"--url"_s, address});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY(outcome.err.startsWith("crondeskctl: Network error"));
        QVERIFY2(outcome.err.contains(u" (%1)"_s.arg(address).toUtf8()), outcome.err.constData());
        QCOMPARE(outcome.err.count('\n'), 1); // one line
    }

    void slowServer_pastTimeout_exitsWith3()
    {
        FaultRule slow;
        slow.path = u"/runs/crons/count"_s;
        slow.delayMs = 3000;
        m_server->addFault(slow);
        const Outcome outcome = ctl({u"crons"_s, u"count"_s, u"--timeout"_s, u"0.1"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("Timed out"), outcome.err.constData());
    }

    void malformedAnswer_exitsWith3()
    {
        FaultRule garbled;
        garbled.path = u"/runs/crons/count"_s;
        garbled.action = FaultRule::Action::Malformed;
        m_server->addFault(garbled);
        QCOMPARE(ctl({u"crons"_s, u"count"_s}).exitCode, 3);
    }

    void serverRefusal_exitsWith1WithTheDetail()
    {
        startServer({.seedCount = 1, .apiKey = u"k"_s});
        const Outcome outcome = runCtl({u"crons"_s, u"list"_s, u"--url"_s, url()});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("Unauthorized (401)"), outcome.err.constData());
    }

    void serverDetail_isCarriedOnOneLineOfStderr()
    {
        FaultRule rule;
        rule.path = u"/runs/crons/search"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 403;
        rule.body = "{\"detail\":\"Not allowed\\nfor you\"}";
        rule.headers = {{"x-request-id", "req-9"}};
        m_server->addFault(rule);
        const Outcome outcome = ctl({u"crons"_s, u"list"_s});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.err,
                 QByteArray("crondeskctl: Forbidden (403): Not allowed for you [request req-9]\n"));
    }

    // --- Authentication and headers ---

    void apiKey_followsTheSdkPrecedence_data()
    {
        QTest::addColumn<QString>("explicitKey");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("explicit wins")
            << u"cli-key"_s << QStringList {u"LANGGRAPH_API_KEY=env"_s} << QByteArray("cli-key");
        QTest::newRow("LANGGRAPH first")
            << QString()
            << QStringList {u"LANGGRAPH_API_KEY=lg"_s, u"LANGSMITH_API_KEY=ls"_s,
                            u"LANGCHAIN_API_KEY=lc"_s}
            << QByteArray("lg");
        QTest::newRow("then LANGSMITH")
            << QString() << QStringList {u"LANGSMITH_API_KEY=ls"_s, u"LANGCHAIN_API_KEY=lc"_s}
            << QByteArray("ls");
        QTest::newRow("then LANGCHAIN")
            << QString() << QStringList {u"LANGCHAIN_API_KEY=lc"_s} << QByteArray("lc");
        QTest::newRow("whitespace and quotes stripped")
            << QString() << QStringList {u"LANGGRAPH_API_KEY=  \"'k3y'\" \n"_s}
            << QByteArray("k3y");
        QTest::newRow("none") << QString() << QStringList() << QByteArray();
    }
    void apiKey_followsTheSdkPrecedence()
    {
        QFETCH(QString, explicitKey);
        QFETCH(QStringList, environment);
        QFETCH(QByteArray, sent);
        QProcessEnvironment env;
        for (const QString &entry : environment)
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        QStringList arguments {u"crons"_s, u"count"_s};
        if (!explicitKey.isEmpty())
            arguments += {u"--api-key"_s, explicitKey};
        QCOMPARE(ctl(arguments, env).exitCode, 0);
        QCOMPARE(m_server->lastRequest().header("x-api-key"), sent);
        QCOMPARE(m_server->lastRequest().hasHeader("x-api-key"), !sent.isEmpty());
    }

    void headers_areSentWithEveryRequest()
    {
        const Outcome outcome = ctl({u"--header"_s, u"X-Auth-Scheme: langsmith-api-key"_s,
                                     u"--header"_s, u"X-Team=ops"_s, u"crons"_s, u"list"_s});
        QCOMPARE(outcome.exitCode, 0);
        for (const auto &request : m_server->requests()) {
            QCOMPARE(request.header("x-auth-scheme"), QByteArray("langsmith-api-key"));
            QCOMPARE(request.header("x-team"), QByteArray("ops"));
            QCOMPARE(request.header("user-agent"), QByteArray("crondesk/" CRONDESK_VERSION));
        }
    }

    // --- crons list ---

    void cronsList_table_printsAHeaderAndEveryCron()
    {
        const Outcome outcome = runCtl({u"--url"_s, url(), u"crons"_s, u"list"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 13);
        QVERIFY(lines.first().startsWith("CRON ID"));
        QVERIFY(outcome.err.isEmpty());
    }

    void cronsList_everyFormat_holdsEveryCron_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("json") << u"json"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
        QTest::newRow("csv") << u"csv"_s;
    }
    void cronsList_everyFormat_holdsEveryCron()
    {
        QFETCH(QString, format);
        const Outcome outcome = ctl({u"crons"_s, u"list"_s, u"--format"_s, format});
        QCOMPARE(outcome.exitCode, 0);
        QSet<QString> ids;
        if (format == "json"_L1) {
            const QJsonArray array = QJsonDocument::fromJson(outcome.out).array();
            for (const QJsonValue &cron : array)
                ids.insert(cron.toObject().value("cron_id"_L1).toString());
        } else if (format == "jsonl"_L1) {
            for (const QByteArray &line : outcome.out.trimmed().split('\n'))
                ids.insert(jsonOf(line).value("cron_id"_L1).toString());
        } else {
            QVERIFY(outcome.out.startsWith("cron_id,assistant_id,"));
            const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
            QCOMPARE(outcome.out.count("\r\n"), 13);
            for (const QByteArray &line : lines.mid(1))
                ids.insert(QString::fromUtf8(line.split(',').first()));
        }
        QCOMPARE(ids.size(), 12);
        QVERIFY(!ids.contains(QString()));
    }

    // One cron nested as deep as the server accepts must not cost the whole listing (the report:
    // 600 levels, "nested too deeply", while --limit 5 worked).
    void cronsList_all_withACronNestedDeep_listsEveryCron()
    {
        QJsonValue input = 7;
        for (int level = 0; level < 600; ++level)
            input = QJsonArray {input};
        const QJsonObject body {{"schedule"_L1, u"0 9 * * *"_s},
                                {"assistant_id"_L1, u"agent"_s},
                                {"input"_L1, QJsonObject {{u"messages"_s, input}}}};
        const sandbox::HttpResponse created
            = m_server->handleLocally("POST", u"/runs/crons"_s, body);
        QVERIFY2(created.status == 200, created.body.constData());
        const QString deep
            = QJsonDocument::fromJson(created.body).object().value("cron_id"_L1).toString();
        QVERIFY(!deep.isEmpty());
        for (const char *command : {"list", "export"}) {
            const Outcome outcome = ctl(
                {u"crons"_s, QString::fromLatin1(command), u"--all"_s, u"--format"_s, u"jsonl"_s});
            QCOMPARE(outcome.exitCode, 0);
            QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
            QCOMPARE(outcome.out.count('\n'), 13);
            QVERIFY(outcome.out.contains(deep.toLatin1()));
        }
        const Outcome one = ctl({u"crons"_s, u"get"_s, deep, u"--format"_s, u"json"_s});
        QCOMPARE(one.exitCode, 0);
    }

    // Crons a server sent with wrong types are listed, and stderr says what arrived.
    void cronsList_cronsWithMalformedFields_areListedAndNamed()
    {
        hostile::HostileServer server(*hostile::modeResponder(u"wrong-types"_s));
        QVERIFY(server.listen() != 0);
        const Outcome outcome = runCtl({u"--url"_s, server.baseUrl().toString(), u"crons"_s,
                                        u"list"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out.count('\n'), 4);
        const QByteArray expected = "cron " + hostile::FakeAgentServer::cronId(0).toLatin1()
            + ": the server sent a malformed next_run_date (not a timestamp: \"soon, probably\"); "
              "it is shown empty";
        QVERIFY2(outcome.err.contains(expected), outcome.err.constData());
        QCOMPARE(outcome.err.count("malformed"), 4);
    }

    void cronsList_filters_areSentAndApplied()
    {
        newCron(object("{'metadata':{'team':'infra'},'enabled':false}"));
        const Outcome outcome
            = ctl({u"crons"_s, u"list"_s, u"--format"_s, u"json"_s, u"--assistant"_s, u"agent"_s,
                   u"--enabled"_s, u"false"_s, u"--metadata"_s, u"team=infra"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonArray crons = QJsonDocument::fromJson(outcome.out).array();
        QCOMPARE(crons.size(), 1);
        QCOMPARE(crons.first().toObject().value("enabled"_L1), QJsonValue(false));
        const QJsonObject body = jsonOf(sent("POST", u"/runs/crons/search"_s).first().body);
        // A graph name becomes the UUID of its system assistant, which search needs.
        QCOMPARE(body.value("assistant_id"_L1).toString(), api::systemAssistantId(u"agent"_s));
        QCOMPARE(body.value("enabled"_L1), QJsonValue(false));
        QCOMPARE(body.value("metadata"_L1).toObject(), object("{'team':'infra'}"));
    }

    void cronsList_limitAndSort_useOneServerSortedPage()
    {
        const Outcome outcome
            = ctl({u"crons"_s, u"list"_s, u"--format"_s, u"jsonl"_s, u"--limit"_s, u"5"_s,
                   u"--sort"_s, u"next_run_date"_s, u"--order"_s, u"desc"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        const auto searches = sent("POST", u"/runs/crons/search"_s);
        QCOMPARE(searches.size(), 1);
        QCOMPARE(jsonOf(searches.first().body),
                 object("{'limit':5,'offset':0,'sort_by':'next_run_date','sort_order':'desc'}"));
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY(jsonOf(lines.at(i - 1)).value("next_run_date"_L1).toString()
                    >= jsonOf(lines.at(i)).value("next_run_date"_L1).toString());
    }

    void cronsList_all_sortsEveryCronClientSide()
    {
        startServer({.seedCount = 2300});
        const Outcome outcome = ctl({u"crons"_s, u"list"_s, u"--format"_s, u"jsonl"_s, u"--sort"_s,
                                     u"cron_id"_s, u"--limit"_s, u"1500"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1500);
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY(jsonOf(lines.at(i - 1)).value("cron_id"_L1).toString()
                    < jsonOf(lines.at(i)).value("cron_id"_L1).toString());
        const Outcome all = ctl(
            {u"crons"_s, u"list"_s, u"--all"_s, u"--limit"_s, u"3"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(all.out.count('\n'), 2300);
    }

    // --all in the default order writes each page as it is known, and exactly the bytes the
    // whole listing, sorted oldest first, formats to.
    void cronsList_all_writesPageByPageTheBytesOfTheWholeListing_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("command");
        for (const char *command : {"list", "export"}) {
            for (const char *format : {"json", "jsonl", "csv"}) {
                QTest::addRow("%s %s", command, format)
                    << QString::fromLatin1(format) << QString::fromLatin1(command);
            }
        }
    }
    void cronsList_all_writesPageByPageTheBytesOfTheWholeListing()
    {
        QFETCH(QString, format);
        QFETCH(QString, command);
        startServer({.seedCount = 2300});
        QList<api::Cron> all;
        for (int offset = 0; offset < 2300; offset += 1000) {
            const sandbox::HttpResponse page
                = m_server->handleLocally("POST", u"/runs/crons/search"_s,
                                          QJsonObject {{"limit"_L1, 1000}, {"offset"_L1, offset}});
            all += api::cronListFromJson(page.body).value();
        }
        std::sort(all.begin(), all.end(), [](const api::Cron &a, const api::Cron &b) {
            return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.cronId < b.cronId;
        });
        QCOMPARE(all.size(), 2300);
        const QByteArray expected = format == "json"_L1 ? models::cronsToJson(all)
            : format == "jsonl"_L1                      ? models::cronsToJsonLines(all)
                                                        : models::cronsToCsv(all);

        CountingBuffer out;
        QBuffer err;
        out.open(QIODevice::WriteOnly);
        err.open(QIODevice::WriteOnly);
        cli::CommandRunner runner(&out, &err, {});
        QSignalSpy finished(&runner, &cli::CommandRunner::finished);
        runner.run({u"crondeskctl"_s, u"--url"_s, url(), u"crons"_s, command, u"--all"_s,
                    u"--format"_s, format});
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toInt(), 0);
        QVERIFY2(err.data().isEmpty(), err.data().constData());
        QCOMPARE(out.data(), expected);
        // Three pages: not one write of everything at the end.
        QVERIFY2(out.writes >= 3, QByteArray::number(out.writes).constData());
    }

    // --- crons get ---

    void cronsGet_oneId_printsThatCron_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("table") << u"table"_s;
        QTest::newRow("json") << u"json"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
        QTest::newRow("csv") << u"csv"_s;
    }
    void cronsGet_oneId_printsThatCron()
    {
        QFETCH(QString, format);
        const QString id = newCron(object("{'webhook':'https://example.com/h'}"));
        const Outcome outcome = ctl({u"crons"_s, u"get"_s, id, u"--format"_s, format});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.contains(id.toUtf8()));
        if (format == "json"_L1) {
            QCOMPARE(jsonOf(outcome.out).value("cron_id"_L1).toString(), id);
        } else if (format == "table"_L1) {
            QVERIFY(outcome.out.contains("Schedule"));
            QVERIFY(outcome.out.contains("https://example.com/h"));
        } else if (format == "csv"_L1) {
            QCOMPARE(outcome.out.count("\r\n"), 2);
        }
        QCOMPARE(sent("GET", u"/runs/crons/"_s + id).size(), 1);
    }

    void cronsGet_unknownId_exitsWith1ButPrintsTheOthers()
    {
        const QString id = newCron();
        const Outcome outcome
            = ctl({u"crons"_s, u"get"_s, id, u"00000000-0000-4000-8000-000000000000"_s,
                   u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(outcome.out).array().size(), 1);
        QVERIFY(outcome.err.contains("Not found (404)"));
    }

    void cronsGet_onAServerWithoutGetById_fallsBackToSearch()
    {
        const QString id = newCron();
        FaultRule rule;
        rule.method = "GET";
        rule.path = u"/runs/crons/*"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 405;
        rule.body = "{\"detail\":\"Method Not Allowed\"}";
        m_server->addFault(rule);
        const Outcome outcome = ctl({u"crons"_s, u"get"_s, id, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(jsonOf(outcome.out).value("cron_id"_L1).toString(), id);
        QVERIFY(!sent("POST", u"/runs/crons/search"_s).isEmpty());
    }

    // --- crons count ---

    void cronsCount_printsTheBareNumber()
    {
        Outcome outcome = ctl({u"crons"_s, u"count"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("12\n"));
        QCOMPARE(jsonOf(m_server->lastRequest().body), QJsonObject());

        newCron(object("{'metadata':{'team':'infra'}}"));
        outcome = ctl(
            {u"crons"_s, u"count"_s, u"--metadata"_s, u"team=infra"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(outcome.out, QByteArray("{\"count\":1}\n"));
        QCOMPARE(jsonOf(m_server->lastRequest().body), object("{'metadata':{'team':'infra'}}"));
    }

    void cronsCount_enabledFilter_countsASearchOfIdsOnly()
    {
        newCron(object("{'enabled':false}"));
        newCron(object("{'enabled':false}"));
        const Outcome enabled = ctl({u"crons"_s, u"count"_s, u"--enabled"_s, u"false"_s});
        QCOMPARE(enabled.exitCode, 0);
        const Outcome all = ctl({u"crons"_s, u"count"_s});
        const Outcome active = ctl({u"crons"_s, u"count"_s, u"--enabled"_s, u"true"_s});
        QCOMPARE(enabled.out.trimmed().toLongLong() + active.out.trimmed().toLongLong(),
                 all.out.trimmed().toLongLong());
        QVERIFY(enabled.out.trimmed().toLongLong() >= 2);
        const QJsonObject body = jsonOf(sent("POST", u"/runs/crons/search"_s).first().body);
        QCOMPARE(body.value("select"_L1).toArray(), QJsonArray {u"cron_id"_s});
        QCOMPARE(body.value("enabled"_L1), QJsonValue(false));
    }

    // --- crons create ---

    void cronsCreate_minimal_sendsTheTwoFieldsAndTheCorrelationKey()
    {
        const Outcome outcome = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                     u"--schedule"_s, u"0 12 * * *"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject created = jsonOf(outcome.out);
        QVERIFY(api::isUuid(created.value("cron_id"_L1).toString()));
        const auto posts = sent("POST", u"/runs/crons"_s);
        QCOMPARE(posts.size(), 1);
        QJsonObject body = jsonOf(posts.first().body);
        const QString key = body.value("metadata"_L1)
                                .toObject()
                                .value(QString(api::correlationMetadataKey))
                                .toString();
        QVERIFY(api::isUuid(key));
        body.remove(u"metadata"_s);
        QCOMPARE(body, object("{'schedule':'0 12 * * *','assistant_id':'agent'}"));
    }

    void cronsCreate_everyFlag_mapsToItsWireField()
    {
        QTemporaryDir dir;
        QFile input(dir.filePath(u"input.json"_s));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write("{\"messages\": [{\"role\": \"user\", \"content\": \"report\"}]}");
        input.close();
        const Outcome outcome
            = ctl({u"crons"_s,
                   u"create"_s,
                   u"--assistant"_s,
                   u"agent"_s,
                   u"--schedule"_s,
                   u"*/5 * * * *"_s,
                   u"--timezone"_s,
                   u"Europe/Paris"_s,
                   u"--end-time"_s,
                   u"2035-01-02T04:04:05+01:00"_s,
                   u"--input"_s,
                   u"@"_s + input.fileName(),
                   u"--config"_s,
                   u"{\"configurable\":{\"foo\":\"bar\"},\"recursion_limit\":5}"_s,
                   u"--context"_s,
                   u"{\"user\":\"test\"}"_s,
                   u"--metadata"_s,
                   u"owner=ops"_s,
                   u"--metadata"_s,
                   u"{\"tier\":2}"_s,
                   u"--webhook"_s,
                   u"https://example.com/hook"_s,
                   u"--interrupt-before"_s,
                   u"agent,tools"_s,
                   u"--interrupt-after"_s,
                   u"*"_s,
                   u"--on-run-completed"_s,
                   u"keep"_s,
                   u"--multitask-strategy"_s,
                   u"enqueue"_s,
                   u"--enabled"_s,
                   u"false"_s,
                   u"--stream-mode"_s,
                   u"values,updates"_s,
                   u"--stream-subgraphs"_s,
                   u"true"_s,
                   u"--stream-resumable"_s,
                   u"false"_s,
                   u"--durability"_s,
                   u"sync"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QJsonObject body = jsonOf(sent("POST", u"/runs/crons"_s).first().body);
        QJsonObject metadata = body.value("metadata"_L1).toObject();
        metadata.remove(QString(api::correlationMetadataKey));
        QCOMPARE(metadata, object("{'owner':'ops','tier':2}"));
        body.remove(u"metadata"_s);
        QCOMPARE(body,
                 object("{'schedule':'*/5 * * * *','assistant_id':'agent',"
                        "'timezone':'Europe/Paris','end_time':'2035-01-02T03:04:05+00:00',"
                        "'input':{'messages':[{'role':'user','content':'report'}]},"
                        "'config':{'configurable':{'foo':'bar'},'recursion_limit':5},"
                        "'context':{'user':'test'},'webhook':'https://example.com/hook',"
                        "'interrupt_before':['agent','tools'],'interrupt_after':'*',"
                        "'on_run_completed':'keep','multitask_strategy':'enqueue',"
                        "'enabled':false,'stream_mode':['values','updates'],"
                        "'stream_subgraphs':true,'stream_resumable':false,'durability':'sync'}"));
    }

    void cronsCreate_forAThread_postsToTheThreadPath()
    {
        const QString threadId = m_server->createThread().value("thread_id"_L1).toString();
        const Outcome outcome
            = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s, u"--schedule"_s,
                   u"0 0 * * *"_s, u"--thread"_s, threadId, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(jsonOf(outcome.out).value("thread_id"_L1).toString(), threadId);
        QCOMPARE(sent("POST", u"/threads/"_s + threadId + u"/runs/crons"_s).size(), 1);
    }

    // A value only the server can judge: its 422 detail reaches the operator as it is.
    void cronsCreate_refused_exitsWith1WithTheServersDetail()
    {
        const Outcome outcome
            = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s, u"--schedule"_s,
                   u"0 8 * * *"_s, u"--on-run-completed"_s, u"bogus"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("(422)"), outcome.err.constData());
        QVERIFY2(outcome.err.contains("is not one of"), outcome.err.constData());
        QVERIFY(outcome.out.isEmpty());
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
    }

    // Schedules and zones are checked with the editor's rules before anything is sent, with a
    // message that names the option and what is wrong with it.
    void cronsCreateAndUpdate_badScheduleOrZone_exitWith2BeforeSending_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QStringList create {u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s};
        const QStringList update {u"crons"_s, u"update"_s,
                                  u"0f3e0c3a-27a7-4c36-9c1b-6b1f2a8e4d10"_s};
        QTest::newRow("create, hour out of range")
            << create + QStringList {u"--schedule"_s, u"0 25 * * *"_s}
            << QByteArray("--schedule: Hour field: “25” at column 3 is out of range (0–23).");
        QTest::newRow("create, never fires")
            << create + QStringList {u"--schedule"_s, u"0 0 30 2 *"_s}
            << QByteArray("--schedule: “0 0 30 2 *” never fires");
        QTest::newRow("create, unknown zone")
            << create
                + QStringList {u"--schedule"_s, u"0 8 * * *"_s, u"--timezone"_s, u"Mars/Base"_s}
            << QByteArray("--timezone: “Mars/Base” is not an IANA time zone name");
        QTest::newRow("create, offset instead of a zone")
            << create
                + QStringList {u"--schedule"_s, u"0 8 * * *"_s, u"--timezone"_s, u"UTC+02:00"_s}
            << QByteArray("--timezone: “UTC+02:00” is not an IANA time zone name");
        QTest::newRow("update, W is not croniter's")
            << update + QStringList {u"--schedule"_s, u"0 8 15W * *"_s}
            << QByteArray("--schedule: Day-of-month field");
        QTest::newRow("update, unknown zone")
            << update + QStringList {u"--timezone"_s, u"Europe/Atlantis"_s}
            << QByteArray("--timezone: “Europe/Atlantis”");
        // Names QTimeZone reads as POSIX rules (UTC under another name); zoneinfo refuses them.
        QTest::newRow("create, POSIX-rule name")
            << create + QStringList {u"--schedule"_s, u"0 8 * * *"_s, u"--timezone"_s, u"Berl"_s}
            << QByteArray("--timezone: “Berl” is not an IANA time zone name");
        QTest::newRow("update, city without region")
            << update + QStringList {u"--timezone"_s, u"Paris"_s}
            << QByteArray("--timezone: “Paris” is not an IANA time zone name");
    }
    void cronsCreateAndUpdate_badScheduleOrZone_exitWith2BeforeSending()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const qsizetype before = m_server->requestLog().entries().size();
        const qint64 storedBefore = storedCrons();
        const Outcome outcome = ctl(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        QVERIFY(outcome.out.isEmpty());
        QCOMPARE(m_server->requestLog().entries().size(), before);
        QCOMPARE(storedCrons(), storedBefore);
    }

    void cronsCreate_answerLostAfterStoring_reportsTheCronOnceAndExits0()
    {
        FaultRule drop;
        drop.method = "POST";
        drop.path = u"/runs/crons"_s;
        drop.action = FaultRule::Action::Truncate;
        m_server->addFault(drop);
        const Outcome outcome = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                     u"--schedule"_s, u"0 8 * * *"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.err.contains("answer was lost"));
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
        QCOMPARE(storedCrons(), 13);
        QVERIFY(api::isUuid(jsonOf(outcome.out).value("cron_id"_L1).toString()));
    }

    void cronsCreate_serverErrorWithoutStoring_exitsWith1AndSaysSafeToRetry()
    {
        FaultRule fail;
        fail.method = "POST";
        fail.path = u"/runs/crons"_s;
        fail.action = FaultRule::Action::Status;
        fail.status = 503;
        m_server->addFault(fail);
        const Outcome outcome = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                     u"--schedule"_s, u"0 8 * * *"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(outcome.err.contains("safe to try again"));
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
    }

    // The report: a slow server committed the cron after the create timed out, crondeskctl said
    // "not created, safe to try again" (exit 3), and the retry made a second cron.
    void cronsCreate_outcomeAfterALostAnswer_saysWhichWithItsExitCode_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("says");
        QTest::addColumn<qint64>("stored");
        QTest::newRow("timed out, committed later: created")
            << QJsonObject {{u"delay_ms"_s, 1500}} << 0
            << QByteArray("the server's answer was lost, but the cron was created") << qint64(13);
        QTest::newRow("dropped, committed later: created")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"commit_delay_ms"_s, 800}} << 0
            << QByteArray("the server's answer was lost, but the cron was created") << qint64(13);
        QTest::newRow("gateway timeout, never committed: unknown")
            << QJsonObject {{u"status"_s, 504}} << 4 << QByteArray("may have been created")
            << qint64(12);
        QTest::newRow("500, not stored: not created")
            << QJsonObject {{u"status"_s, 500}} << 1 << QByteArray("safe to try again")
            << qint64(12);
    }
    void cronsCreate_outcomeAfterALostAnswer_saysWhichWithItsExitCode()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, says);
        QFETCH(qint64, stored);
        fault.insert(u"method"_s, u"POST"_s);
        fault.insert(u"path"_s, u"/runs/crons"_s);
        fault.insert(u"times"_s, 1);
        QString problem;
        m_server->addFault(*FaultRule::fromJson(fault, &problem));
        const Outcome outcome
            = ctl({u"--timeout"_s, u"1"_s, u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                   u"--schedule"_s, u"0 8 * * *"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, exitCode);
        QVERIFY2(outcome.err.contains(says), outcome.err.constData());
        QVERIFY(!outcome.err.contains("not created") || exitCode == 1);
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
        QCOMPARE(storedCrons(), stored);
        if (exitCode == 4) {
            // How to find out, and how to try again without a duplicate.
            QVERIFY(outcome.err.contains("crons list --metadata crondesk_request_id="));
            QVERIFY(outcome.err.contains("--correlation-id "));
            QVERIFY(outcome.out.isEmpty());
        }
    }

    void cronsCreate_serverDown_isNotCreatedAndExits3()
    {
        const QString url = m_server->baseUrl().toString();
        m_server.reset();
        const Outcome outcome = runCtl({u"--url"_s, url, u"crons"_s, u"create"_s, u"--assistant"_s,
                                        u"agent"_s, u"--schedule"_s, u"0 8 * * *"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("never reached the server"), outcome.err.constData());
        startServer({.seedCount = 0});
    }

    // A user's correlation key would make a different create a silent no-op returning the
    // first cron.
    void cronsCreateAndUpdate_metadataWithTheCorrelationKey_isRefusedBeforeSending_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("create") << QStringList {u"crons"_s, u"create"_s,     u"--assistant"_s,
                                                u"agent"_s, u"--schedule"_s, u"0 8 * * *"_s};
        QTest::newRow("update") << QStringList {u"crons"_s, u"update"_s,
                                                u"00000000-0000-4000-8000-000000000001"_s};
    }
    void cronsCreateAndUpdate_metadataWithTheCorrelationKey_isRefusedBeforeSending()
    {
        QFETCH(QStringList, arguments);
        const qsizetype before = m_server->requestLog().entries().size();
        const Outcome outcome
            = ctl(arguments + QStringList {u"--metadata"_s, u"crondesk_request_id=abc"_s});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("“crondesk_request_id” is reserved"),
                 outcome.err.constData());
        QCOMPARE(m_server->requestLog().entries().size(), before);
    }

    // The CLI judges its options with the editor's rules (models::validate), so the same bad
    // value gets the same sentence in both; errors are refused before sending (exit 2),
    // warnings are said and do not stop the command.
    // The options go through the editor's draft, which holds the end as a wall-clock time in
    // the zone; an instant in a repeated hour (the second 02:30 of 25 October in Berlin) must
    // still be sent as given, not as the first 02:30.
    void cronsCreate_endTimeInARepeatedHour_isSentAsTheInstantGiven()
    {
        const Outcome outcome = ctl(
            {u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s, u"--schedule"_s, u"0 8 * * *"_s,
             u"--timezone"_s, u"Europe/Berlin"_s, u"--end-time"_s, u"2036-10-26T02:30:45+01:00"_s});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        const QJsonObject body = jsonOf(sent("POST", u"/runs/crons"_s).first().body);
        QCOMPARE(body.value("end_time"_L1).toString(), u"2036-10-26T01:30:45+00:00"_s);
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData()); // no DST warning
    }

    void cliAndEditor_sameBadInput_giveTheSameMessage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<models::DraftField>("field");
        QTest::addColumn<QString>("text"); // the same value typed into the editor's field
        const QStringList create {u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s};
        const QStringList createAt8 = create + QStringList {u"--schedule"_s, u"0 8 * * *"_s};
        const QStringList update {u"crons"_s, u"update"_s,
                                  u"00000000-0000-4000-8000-000000000001"_s};
        using models::DraftField;
        const struct
        {
            const char *name;
            QStringList command;
            const char *option;
            DraftField field;
            QString text;
        } rows[] = {
            {"schedule out of range", create, "--schedule", DraftField::Schedule, u"0 25 * * *"_s},
            {"schedule that never fires", create, "--schedule", DraftField::Schedule,
             u"0 0 30 2 *"_s},
            {"zone Paris", update, "--timezone", DraftField::Timezone, u"Paris"_s},
            {"input that is not JSON", createAt8, "--input", DraftField::Input, u"{\"a\": nope}"_s},
            {"input that is a number", createAt8, "--input", DraftField::Input, u"3"_s},
            {"config that is a list", update, "--config", DraftField::Config, u"[1]"_s},
            {"config with a fractional recursion limit", update, "--config", DraftField::Config,
             u"{\"recursion_limit\": 2.5}"_s},
            {"reserved metadata key", update, "--metadata", DraftField::Metadata,
             u"{\"crondesk_request_id\": \"abc\"}"_s},
            {"thread id that is not a UUID", createAt8, "--thread", DraftField::Thread,
             u"my-thread"_s},
            {"webhook that is not a URL", update, "--webhook", DraftField::Webhook,
             u"http//example.com"_s},
            // A warning: said, and the command goes on.
            {"end time in the past", update, "--end-time", DraftField::EndTime,
             u"2001-02-03T04:05:00Z"_s},
        };
        for (const auto &row : rows) {
            QTest::newRow(row.name)
                << row.command + QStringList {QString::fromLatin1(row.option), row.text}
                << row.field << row.text;
        }
    }
    void cliAndEditor_sameBadInput_giveTheSameMessage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(models::DraftField, field);
        QFETCH(QString, text);
        // What the editor says for the same value, in a form that is otherwise fine.
        models::CronDraft draft;
        draft.assistant = u"agent"_s;
        draft.schedule = u"0 8 * * *"_s;
        switch (field) {
        case models::DraftField::Schedule:
            draft.schedule = text;
            break;
        case models::DraftField::Timezone:
            draft.timezone = text;
            break;
        case models::DraftField::Thread:
            draft.target = models::CronDraft::Target::Thread;
            draft.threadId = text;
            break;
        case models::DraftField::Webhook:
            draft.webhook = text;
            break;
        case models::DraftField::EndTime:
            draft.endTime = api::parseTimestamp(text);
            break;
        case models::DraftField::Input:
            draft.input = text;
            break;
        case models::DraftField::Config:
            draft.config = text;
            break;
        case models::DraftField::Metadata:
            draft.metadata = text;
            break;
        default:
            QFAIL("no such row");
        }
        models::ValidationContext context;
        context.now = QDateTime::currentDateTimeUtc();
        const QList<models::DraftProblem> problems = models::validate(draft, context);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, field);
        const QByteArray message = problems.first().message.toUtf8();

        const qsizetype before = m_server->requestLog().entries().size();
        const Outcome outcome = ctl(arguments);
        QVERIFY2(outcome.err.contains(message),
                 QByteArray(outcome.err + "\n does not say: " + message).constData());
        if (problems.first().isError()) {
            QCOMPARE(outcome.exitCode, 2);
            QCOMPARE(m_server->requestLog().entries().size(), before);
        }
    }

    void cronsCreate_withACorrelationIdAlreadyStored_createsNothingNew()
    {
        const Outcome first = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                   u"--schedule"_s, u"0 8 * * *"_s, u"--format"_s, u"json"_s});
        const QString key = jsonOf(first.out)
                                .value("metadata"_L1)
                                .toObject()
                                .value(QString(api::correlationMetadataKey))
                                .toString();
        const Outcome again
            = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s, u"--schedule"_s,
                   u"0 8 * * *"_s, u"--correlation-id"_s, key, u"--format"_s, u"json"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.err.contains("earlier attempt"));
        QCOMPARE(jsonOf(again.out).value("cron_id"_L1), jsonOf(first.out).value("cron_id"_L1));
        QCOMPARE(sent("POST", u"/runs/crons"_s).size(), 1);
    }

    // --- crons update ---

    void cronsUpdate_sendsOnlyTheFieldsGiven()
    {
        const QString id = newCron();
        const Outcome outcome = ctl({u"crons"_s, u"update"_s, id, u"--schedule"_s, u"0 10 * * *"_s,
                                     u"--enabled"_s, u"false"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(jsonOf(sent("PATCH", u"/runs/crons/"_s + id).first().body),
                 object("{'schedule':'0 10 * * *','enabled':false}"));
        QCOMPARE(jsonOf(outcome.out).value("enabled"_L1), QJsonValue(false));
    }

    // An update whose answer was lost says it may have been applied, and reads back to find out.
    void cronsUpdate_outcomeAfterALostAnswer_saysWhichWithItsExitCode_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("dropped after applying")
            << QJsonObject {{u"action"_s, u"drop"_s}, {u"after_bytes"_s, 0}} << 0
            << QByteArray("the server's answer was lost, but the change is in place");
        QTest::newRow("gateway timeout, never applied")
            << QJsonObject {{u"status"_s, 504}} << 4 << QByteArray("may have been applied");
    }
    void cronsUpdate_outcomeAfterALostAnswer_saysWhichWithItsExitCode()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, says);
        const QString id = newCron();
        fault.insert(u"method"_s, u"PATCH"_s);
        fault.insert(u"path"_s, QString(u"/runs/crons/"_s + id));
        QString problem;
        m_server->addFault(*FaultRule::fromJson(fault, &problem));
        const Outcome outcome = ctl({u"--timeout"_s, u"1"_s, u"crons"_s, u"update"_s, id,
                                     u"--schedule"_s, u"0 10 * * *"_s});
        QCOMPARE(outcome.exitCode, exitCode);
        QVERIFY2(outcome.err.contains(says), outcome.err.constData());
        QCOMPARE(sent("PATCH", u"/runs/crons/"_s + id).size(), 1);
        if (exitCode == 4)
            QVERIFY(outcome.err.contains(QByteArray("crons get " + id.toLatin1())));
    }

    void cronsUpdate_clearEndTime_sendsNull()
    {
        const QString id = newCron(object("{'end_time':'2035-01-01T00:00:00+00:00'}"));
        const Outcome outcome
            = ctl({u"crons"_s, u"update"_s, id, u"--clear-end-time"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(sent("PATCH", u"/runs/crons/"_s + id).first().body,
                 QByteArray("{\"end_time\":null}"));
        QCOMPARE(jsonOf(outcome.out).value("end_time"_L1), QJsonValue(QJsonValue::Null));
    }

    void cronsUpdate_metadataIsMerged()
    {
        const QString id = newCron(object("{'metadata':{'a':'1'}}"));
        const Outcome outcome = ctl(
            {u"crons"_s, u"update"_s, id, u"--metadata"_s, u"b=2"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(jsonOf(m_server->lastRequest().body), object("{'metadata':{'b':2}}"));
        QCOMPARE(jsonOf(outcome.out).value("metadata"_L1).toObject(), object("{'a':'1','b':2}"));
    }

    void cronsUpdate_unknownCron_exitsWith1()
    {
        const Outcome outcome
            = ctl({u"crons"_s, u"update"_s, u"00000000-0000-4000-8000-000000000000"_s,
                   u"--enabled"_s, u"true"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(outcome.err.contains("Not found (404)"));
    }

    void cronsUpdate_onAServerWithoutPatch_saysWhy()
    {
        FaultRule rule;
        rule.method = "PATCH";
        rule.path = u"/runs/crons/*"_s;
        rule.action = FaultRule::Action::Status;
        rule.status = 405;
        m_server->addFault(rule);
        const Outcome outcome
            = ctl({u"crons"_s, u"update"_s, newCron(), u"--enabled"_s, u"true"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(outcome.err.contains("0.7.21"));
    }

    // --- crons delete ---

    void cronsDelete_printsEachIdDeleted()
    {
        const QString a = newCron();
        const QString b = newCron();
        const Outcome outcome = ctl({u"crons"_s, u"delete"_s, a, b});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, (a + u'\n' + b + u'\n').toUtf8());
        QCOMPARE(storedCrons(), 12);
        QVERIFY(sent("DELETE", u"/runs/crons/"_s + a).first().body.isEmpty());
    }

    void cronsDelete_missing_exitsWith1UnlessMissingOk()
    {
        const QString a = newCron();
        const QString missing = u"00000000-0000-4000-8000-000000000000"_s;
        Outcome outcome = ctl({u"crons"_s, u"delete"_s, missing, a});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.out, (a + u'\n').toUtf8()); // the others are still deleted
        QVERIFY(outcome.err.contains(missing.toUtf8()));
        outcome = ctl({u"crons"_s, u"delete"_s, u"--missing-ok"_s, missing});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, (missing + u'\n').toUtf8());
    }

    // --- crons export ---

    void cronsExport_defaultsToJsonOfEveryCron()
    {
        const Outcome outcome = ctl({u"crons"_s, u"export"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(outcome.out).array().size(), 12);
    }

    void cronsExport_toAFile_writesItAndSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"crons.csv"_s);
        const Outcome outcome = ctl({u"crons"_s, u"export"_s, u"--format"_s, u"csv"_s,
                                     u"--output"_s, path, u"--enabled"_s, u"true"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.isEmpty());
        // In words, with the plural the catalogue gives: never "cron(s)".
        QVERIFY2(QRegularExpression(u"^crondeskctl: exported \\d+ crons to "_s)
                     .match(QString::fromUtf8(outcome.err))
                     .hasMatch(),
                 outcome.err.constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("cron_id,"));
    }

    // --- assistants, threads, info, schedule ---

    void assistantsList_everyFormat()
    {
        Outcome outcome = ctl({u"assistants"_s, u"list"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("ASSISTANT ID"));
        QVERIFY(outcome.out.contains(api::systemAssistantId(u"agent"_s).toUtf8()));

        outcome
            = ctl({u"assistants"_s, u"list"_s, u"--graph"_s, u"echo"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonArray assistants = QJsonDocument::fromJson(outcome.out).array();
        QVERIFY(!assistants.isEmpty());
        for (const QJsonValue &assistant : assistants)
            QCOMPARE(assistant.toObject().value("graph_id"_L1).toString(), u"echo"_s);
        QCOMPARE(jsonOf(m_server->lastRequest().body),
                 object("{'graph_id':'echo','limit':1000,'offset':0,'sort_by':'created_at',"
                        "'sort_order':'asc'}"));

        outcome = ctl({u"assistants"_s, u"list"_s, u"--format"_s, u"csv"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(outcome.out.count("\r\n"), 3);
        QVERIFY(outcome.out.startsWith("assistant_id,graph_id,name,"));
        outcome
            = ctl({u"assistants"_s, u"list"_s, u"--format"_s, u"jsonl"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(outcome.out.count('\n'), 2);
    }

    void threadsList_limitStatusAndFormats()
    {
        Outcome outcome
            = ctl({u"threads"_s, u"list"_s, u"--limit"_s, u"2"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out.count('\n'), 2);
        outcome = ctl({u"threads"_s, u"list"_s, u"--status"_s, u"idle"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("THREAD ID"));
        QCOMPARE(jsonOf(m_server->lastRequest().body).value("status"_L1).toString(), u"idle"_s);
        outcome = ctl({u"threads"_s, u"list"_s, u"--all"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(outcome.out).isArray());
        outcome = ctl({u"threads"_s, u"list"_s, u"--format"_s, u"csv"_s, u"--limit"_s, u"1"_s});
        QVERIFY(outcome.out.startsWith("thread_id,status,"));
    }

    void info_table_and_json()
    {
        startServer({.seedCount = 4, .serverVersion = u"0.8.2"_s});
        Outcome outcome = ctl({u"info"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.contains("0.8.2"));
        QVERIFY(outcome.out.contains("Metadata filters    no"));
        QVERIFY(outcome.out.contains("Update (PATCH)      yes"));
        outcome = ctl({u"info"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject info = jsonOf(outcome.out);
        QCOMPARE(info.value("version"_L1).toString(), u"0.8.2"_s);
        QCOMPARE(info.value("cron_count"_L1).toInt(), 4);
        QCOMPARE(info.value("features"_L1).toObject().value("get_by_id"_L1), QJsonValue(false));
        QCOMPARE(info.value("info"_L1).toObject().value("version"_L1).toString(), u"0.8.2"_s);
    }

    void schedule_isWiredIntoTheDispatcher()
    {
        const Outcome outcome
            = runCtl({u"schedule"_s, u"next"_s, u"0 9 * * *"_s, u"--tz"_s, u"UTC"_s, u"--from"_s,
                      u"2026-01-01T00:00:00Z"_s, u"-n"_s, u"2"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("2026-01-01T09:00:00+00:00\n2026-01-02T09:00:00+00:00\n"));
    }

    void cronsList_urlFromEnvironment()
    {
        QProcessEnvironment environment;
        environment.insert(u"CRONDESK_URL"_s, url());
        QCOMPARE(runCtl({u"crons"_s, u"list"_s}, environment).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctl)
#include "tst_crondeskctl.moc"
