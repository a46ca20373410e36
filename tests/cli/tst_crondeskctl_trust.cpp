// crondeskctl against input and servers it must not trust (issue 20): headers that would smuggle
// others in, numbers that would switch a limit off, server text that would act on the terminal,
// probes that failed, credentials in URLs, option files that never end, journal entries that
// would be megabytes, and byte order marks. Each runs the real command against an in-process
// sandbox and looks at what reached the wire, the exit code and the bytes printed.
#include <app/cli/commandline.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>
#include <tests/cli/ctlrunner.h>
#include <tests/sandbox/sandboxserver.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
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

// What would act on a terminal, in UTF-8: C0 controls but the newline ending each line, DEL, C1
// controls (U+0080–U+009F), bidi embeddings, overrides and isolates, line separators.
QByteArray firstControlIn(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\n')
            continue;
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
            || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029)
            return u"U+%1 at %2"_s.arg(int(c), 4, 16, QChar(u'0')).arg(i).toUtf8();
    }
    return {};
}

// The value on the line of a "label   value" record.
QByteArray field(const QByteArray &record, const QByteArray &label)
{
    for (const QByteArray &line : record.split('\n')) {
        if (line.startsWith(QByteArray(label + "  ")))
            return line.mid(label.size()).trimmed();
    }
    return {};
}

} // namespace

class TestCrondeskctlTrust final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    // --profile reads the profile's key here, never from the user's keychain.
    std::unique_ptr<models::CredentialStore> m_credentials;

    QString url() const { return m_server->baseUrl().toString(); }
    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }
    QString profilesPath() const { return m_dir.filePath(u"profiles.conf"_s); }

    void startServer(SandboxServer::Options options)
    {
        options.scheduler = false;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen() != 0);
    }

    QProcessEnvironment environment(const QStringList &variables = {}) const
    {
        QProcessEnvironment env;
        env.insert(u"CRONDESK_JOURNAL"_s, journalPath());
        env.insert(u"CRONDESK_PROFILES"_s, profilesPath());
        for (const QString &entry : variables)
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        return env;
    }

    Outcome run(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        return clitest::runCrondeskctl(arguments, environment, m_credentials.get(), 60000);
    }

    // With "--url URL" in front.
    Outcome ctl(const QStringList &arguments, const QStringList &variables = {})
    {
        return run(QStringList {u"--url"_s, url()} + arguments, environment(variables));
    }

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            return {};
        return file.fileName();
    }

    QString newCron(const QJsonObject &extra = {})
    {
        QJsonObject body {{"schedule"_L1, u"0 9 * * *"_s}, {"assistant_id"_L1, u"agent"_s}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_server->createCron(body).value("cron_id"_L1).toString();
    }

    void addFault(const QString &path, FaultRule::Action action, int status = 500,
                  const QByteArray &body = {}, const QByteArray &contentType = {})
    {
        FaultRule rule;
        rule.path = path;
        rule.action = action;
        rule.status = status;
        rule.body = body;
        rule.contentType = contentType;
        m_server->addFault(rule);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_credentials = std::make_unique<models::CredentialStore>(u"crondesk-trust-test"_s);
        m_credentials->setKeychainEnabled(false);
    }

    void init() { startServer({.seedCount = 2}); }
    void cleanup()
    {
        m_server.reset();
        QFile::remove(journalPath());
        QFile::remove(profilesPath());
    }

    // --- 3. Header injection ---

    void headerInjection_neverReachesTheWire_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QByteArray>("profileHeaders"); // as written in profiles.conf
        QTest::addColumn<QByteArray>("message");
        const QStringList none;
        QTest::newRow("--header with CR LF and the key")
            << QStringList {u"--header"_s, u"X-A: b\r\nx-api-key: SeCrEt"_s} << none << QByteArray()
            << QByteArray("--header (X-A): the value contains a line break");
        QTest::newRow("--header with LF") << QStringList {u"--header"_s, u"X-A: b\nX-Evil: 1"_s}
                                          << none << QByteArray() << QByteArray("line break");
        QTest::newRow("--header with NUL")
            << QStringList {u"--header"_s, QStringView(u"X-A: b\0X-Evil: 1", 16).toString()} << none
            << QByteArray() << QByteArray("control character");
        QTest::newRow("--header name with CR LF")
            << QStringList {u"--header"_s, u"X-A\r\nX-Evil: 1"_s} << none << QByteArray()
            << QByteArray("is not NAME: VALUE");
        QTest::newRow("--api-key with CR LF")
            << QStringList {u"--api-key"_s, u"SeCrEt\r\nX-Evil: 1"_s} << none << QByteArray()
            << QByteArray("The API key from the command line contains a line break");
        QTest::newRow("LANGGRAPH_API_KEY with CR LF")
            << none << QStringList {u"LANGGRAPH_API_KEY=SeCrEt\r\nX-Evil: 1"_s} << QByteArray()
            << QByteArray("The API key from LANGGRAPH_API_KEY contains a line break");
        QTest::newRow("LANGSMITH_API_KEY with LF")
            << none << QStringList {u"LANGSMITH_API_KEY=SeCrEt\nX-Evil: 1"_s} << QByteArray()
            << QByteArray("LANGSMITH_API_KEY");
        QTest::newRow("profile header with LF")
            << QStringList {u"--profile"_s, u"p"_s} << none << QByteArray("X-A: b\\nX-Evil: 1")
            << QByteArray("The headers of profile");
        QTest::newRow("profile header with CR LF and the key")
            << QStringList {u"--profile"_s, u"p"_s} << none
            << QByteArray("X-A: b\\r\\nx-api-key: SeCrEt") << QByteArray("The headers of profile");
    }
    void headerInjection_neverReachesTheWire()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, variables);
        QFETCH(QByteArray, profileHeaders);
        QFETCH(QByteArray, message);
        QStringList command {u"crons"_s, u"count"_s};
        if (!profileHeaders.isEmpty()) {
            QFile file(profilesPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[profiles]\n1\\name=p\n1\\url=" + url().toUtf8() + "\n1\\headers=\""
                       + profileHeaders + "\"\nsize=1\n");
        } else {
            command += {u"--url"_s, url()};
        }
        const Outcome outcome = run(command + arguments, environment(variables));
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        // Nothing was sent, so no smuggled header can have arrived; and nothing echoed the value.
        QCOMPARE(m_server->requests().size(), 0);
        QVERIFY(!outcome.err.contains("SeCrEt"));
        QVERIFY(!outcome.err.contains("Evil"));
    }

    void header_withAValidValue_stillArrives()
    {
        const Outcome outcome = ctl({u"crons"_s, u"count"_s, u"--header"_s, u"X-Team: a\tb é"_s});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(m_server->lastRequest().header("x-team"), QByteArray("a\tb \xc3\xa9"));
    }

    // --- 8. Numeric options ---

    void numericOption_outsideItsRange_isRefusedNamingIt_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        const QStringList count {u"crons"_s, u"count"_s};
        for (const char *value :
             {"nan", "NaN", "inf", "-inf", "1e308", "9223372036854776", "0.0001", "1e-9", "0", "-1",
              "0x10", "1e2", "", "3600.5", "1,5", "thirty"})
            QTest::addRow("--timeout %s", value)
                << count << u"--timeout"_s << QString::fromLatin1(value);
        for (const QStringList &command :
             {QStringList {u"crons"_s, u"list"_s}, QStringList {u"crons"_s, u"export"_s},
              QStringList {u"assistants"_s, u"list"_s}, QStringList {u"threads"_s, u"list"_s}}) {
            for (const char *value : {"0", "-5", "1.5", "1e3", "nan", "99999999999999999999",
                                      "1000000001", "0x10", "five"})
                QTest::addRow("%s --limit %s", qPrintable(command.join(u' ')), value)
                    << command << u"--limit"_s << QString::fromLatin1(value);
        }
    }
    void numericOption_outsideItsRange_isRefusedNamingIt()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, option);
        QFETCH(QString, value);
        const Outcome outcome = ctl(command + QStringList {option, value});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.startsWith(QByteArray("crondeskctl: " + option.toUtf8() + ": ")),
                 outcome.err.constData());
        QVERIFY(outcome.err.contains("from "));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void numericOption_withinItsRange_isAccepted_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--timeout 0.1") << QStringList {u"--timeout"_s, u"0.1"_s};
        QTest::newRow("--timeout 3600") << QStringList {u"--timeout"_s, u"3600"_s};
        QTest::newRow("--timeout 2.5") << QStringList {u"--timeout"_s, u" 2.5 "_s};
        QTest::newRow("--limit 1") << QStringList {u"--limit"_s, u"1"_s};
        QTest::newRow("--limit 1000000000") << QStringList {u"--limit"_s, u"1000000000"_s};
    }
    void numericOption_withinItsRange_isAccepted()
    {
        QFETCH(QStringList, arguments);
        const Outcome outcome = ctl(QStringList {u"crons"_s, u"list"_s} + arguments);
        QCOMPARE(outcome.exitCode, 0);
    }

    void timeout_againstAStallingServer_returnsWithinItsBound()
    {
        FaultRule stall;
        stall.path = u"/runs/crons/count"_s;
        stall.delayMs = 600'000;
        m_server->addFault(stall);
        // 0.2 s per attempt, a few retries with back-off: far below the test's own 60 s wait.
        const Outcome outcome = ctl({u"crons"_s, u"count"_s, u"--timeout"_s, u"0.2"_s});
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY2(outcome.err.contains("Timed out"), outcome.err.constData());
    }

    // --- 9. Server text on a terminal ---

    void serverErrorDetail_isOneHarmlessLine_data()
    {
        QTest::addColumn<QByteArray>("detail"); // JSON text of the detail string
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("carriage return and a fake ok")
            << QByteArray(R"("refused\r\u001b[2Kcrondeskctl: ok")")
            << QByteArray("refused \\u001B[2Kcrondeskctl: ok");
        QTest::newRow("bell and escape") << QByteArray(R"("a\u0007\u001b]0;title\u0007b")")
                                         << QByteArray("a\\u0007\\u001B]0;title\\u0007b");
        QTest::newRow("newline forging a second message")
            << QByteArray(R"("no\ncrondeskctl: all good")")
            << QByteArray("no crondeskctl: all good");
        QTest::newRow("C1 CSI") << QByteArray(R"("a\u009b31mb")") << QByteArray("a\\u009B31mb");
        QTest::newRow("right-to-left override")
            << QByteArray(R"("cron \u202egnp.exe")") << QByteArray("cron \\u202Egnp.exe");
    }
    void serverErrorDetail_isOneHarmlessLine()
    {
        QFETCH(QByteArray, detail);
        QFETCH(QByteArray, shown);
        addFault(u"/runs/crons/count"_s, FaultRule::Action::Status, 403,
                 "{\"detail\":" + detail + "}");
        const Outcome outcome = ctl({u"crons"_s, u"count"_s});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.err.count('\n'), 1);
        QVERIFY2(firstControlIn(outcome.err).isEmpty(), firstControlIn(outcome.err).constData());
        QVERIFY2(outcome.err.contains(shown), outcome.err.constData());
    }

    void serverErrorDetail_ofTwentyMegabytes_isCapped_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QByteArray>("says");
        // A count's answer may hold 64 KiB: the detail is not even read. A page may hold far
        // more: the detail is read, and what is shown of it is cut.
        QTest::newRow("count, refused unread")
            << u"/runs/crons/count"_s << QStringList {u"crons"_s, u"count"_s}
            << QByteArray("not read further");
        QTest::newRow("list, read and cut")
            << u"/runs/crons/search"_s << QStringList {u"crons"_s, u"list"_s, u"--limit"_s, u"5"_s}
            << QByteArray("more character");
    }
    void serverErrorDetail_ofTwentyMegabytes_isCapped()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, command);
        QFETCH(QByteArray, says);
        const QByteArray detail(20 * 1024 * 1024, 'x');
        addFault(path, FaultRule::Action::Status, 500, "{\"detail\":\"" + detail + "\"}");
        const Outcome outcome = ctl(command);
        QVERIFY(outcome.exitCode != 0);
        QCOMPARE(outcome.err.count('\n'), 1);
        QVERIFY2(outcome.err.size() < 2000, QByteArray::number(outcome.err.size()).constData());
        QVERIFY2(outcome.err.contains(says), outcome.err.left(300).constData());
    }

    void tableCells_showControlCharactersButStayExactInJson_data()
    {
        // A hostile server's answer: text fields that would rewrite the terminal or forge rows.
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("field"); // holds the hostile text in the answer
        QTest::addColumn<bool>("isList");
        QTest::newRow("crons list: thread id")
            << QStringList {u"crons"_s, u"list"_s} << u"thread_id"_s << true;
        QTest::newRow("crons get: thread id")
            << QStringList {u"crons"_s, u"get"_s} << u"thread_id"_s << false;
        QTest::newRow("crons get: metadata")
            << QStringList {u"crons"_s, u"get"_s} << u"metadata"_s << false;
        QTest::newRow("assistants list: name")
            << QStringList {u"assistants"_s, u"list"_s} << u"name"_s << true;
        QTest::newRow("threads list: metadata")
            << QStringList {u"threads"_s, u"list"_s} << u"metadata"_s << true;
    }
    void tableCells_showControlCharactersButStayExactInJson()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, field);
        QFETCH(bool, isList);
        const QString hostile = u"ok\r\x1b[31mFAKE\nrow\u202e\u0085\x07"_s;
        const QJsonValue value = field == "metadata"_L1
            ? QJsonValue(QJsonObject {{u"note"_s, hostile}})
            : QJsonValue(hostile);

        // The record as the sandbox would answer, with the hostile field.
        QJsonObject record;
        QString path;
        QStringList arguments = command;
        if (command.first() == "crons"_L1) {
            record = m_server->createCron(
                {{u"schedule"_s, u"0 9 * * *"_s}, {u"assistant_id"_s, u"agent"_s}});
            path = command.value(1) == "get"_L1
                ? u"/runs/crons/"_s + record.value("cron_id"_L1).toString()
                : u"/runs/crons/search"_s;
            if (command.value(1) == "get"_L1)
                arguments.append(record.value("cron_id"_L1).toString());
        } else if (command.first() == "assistants"_L1) {
            record = QJsonDocument::fromJson(
                         m_server->handleLocally("POST", u"/assistants/search"_s, {}).body)
                         .array()
                         .first()
                         .toObject();
            path = u"/assistants/search"_s;
        } else {
            record = m_server->createThread();
            path = u"/threads/search"_s;
        }
        QVERIFY(!record.isEmpty());
        record.insert(field, value);
        const QByteArray body = command.value(1) == "get"_L1
            ? QJsonDocument(record).toJson(QJsonDocument::Compact)
            : QJsonDocument(QJsonArray {record}).toJson(QJsonDocument::Compact);
        FaultRule answer;
        answer.path = path;
        answer.action = FaultRule::Action::Status;
        answer.status = 200;
        answer.body = body;
        m_server->addFault(answer);
        if (command.first() == "crons"_L1 && isList) {
            FaultRule count = answer;
            count.path = u"/runs/crons/count"_s;
            count.body = "1";
            m_server->addFault(count);
        }

        Outcome outcome = ctl(arguments);
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QVERIFY2(firstControlIn(outcome.out).isEmpty(), firstControlIn(outcome.out).constData());
        QVERIFY2(outcome.out.contains("FAKE"), outcome.out.constData());
        if (isList)
            QCOMPARE(outcome.out.count('\n'), 2); // the header and one row: no forged row

        // JSON keeps the text exact, in its own escapes.
        outcome = ctl(arguments + QStringList {u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonDocument document = QJsonDocument::fromJson(outcome.out);
        const QJsonObject printed
            = document.isArray() ? document.array().first().toObject() : document.object();
        QCOMPARE(printed.value(field), value);
    }

    // --- 10. info when a probe fails ---

    void info_whenAProbeFails_saysUnknownAndExitsNonZero_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("exitCode");
        using Action = FaultRule::Action;
        for (const QString &path : {u"/info"_s, u"/runs/crons/count"_s}) {
            const QByteArray probe = path == "/info"_L1 ? "info" : "count";
            QTest::addRow("%s: 500", probe.constData())
                << path << int(Action::Status) << 500 << QByteArray() << QByteArray() << 1;
            QTest::addRow("%s: 429", probe.constData())
                << path << int(Action::Status) << 429 << QByteArray(R"({"detail":"slow down"})")
                << QByteArray() << 1;
            QTest::addRow("%s: HTML with 200", probe.constData())
                << path << int(Action::Status) << 200
                << QByteArray("<html><body>Sign in</body></html>") << QByteArray("text/html") << 3;
            QTest::addRow("%s: 204", probe.constData())
                << path << int(Action::Status) << 204 << QByteArray() << QByteArray() << 3;
            QTest::addRow("%s: garbage", probe.constData())
                << path << int(Action::Malformed) << 0 << QByteArray() << QByteArray() << 3;
        }
    }
    void info_whenAProbeFails_saysUnknownAndExitsNonZero()
    {
        QFETCH(QString, path);
        QFETCH(int, action);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, exitCode);
        addFault(path, FaultRule::Action(action), status, body, contentType);
        const bool infoFailed = path == "/info"_L1;

        Outcome outcome = ctl({u"info"_s});
        QCOMPARE(outcome.exitCode, exitCode);
        QVERIFY2(outcome.err.contains(infoFailed ? "GET /info failed" : "cron probe"),
                 outcome.err.constData());
        if (infoFailed) {
            QCOMPARE(field(outcome.out, "Server version"), QByteArray("unknown"));
            QCOMPARE(field(outcome.out, "Update (PATCH)"), QByteArray("unknown"));
            QCOMPARE(field(outcome.out, "Get by id"), QByteArray("unknown"));
            QCOMPARE(field(outcome.out, "Crons"), QByteArray("supported"));
        } else {
            QCOMPARE(field(outcome.out, "Crons"), QByteArray("unknown"));
            QCOMPARE(field(outcome.out, "Server version"), QByteArray("0.12.0"));
        }

        outcome = ctl({u"info"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, exitCode);
        const QJsonObject info = QJsonDocument::fromJson(outcome.out).object();
        const QJsonObject features = info.value("features"_L1).toObject();
        if (infoFailed) {
            QVERIFY(info.value("version"_L1).isNull());
            QVERIFY(features.value("patch"_L1).isNull());
            QVERIFY(info.value("errors"_L1).toObject().contains("info"_L1));
        } else {
            QVERIFY(features.value("crons"_L1).isNull());
            QVERIFY(info.value("errors"_L1).toObject().contains("crons"_L1));
        }
    }

    void info_onAHealthyServer_knowsEverythingAndExits0()
    {
        const Outcome outcome = ctl({u"info"_s, u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(outcome.out).object();
        QCOMPARE(info.value("version"_L1).toString(), u"0.12.0"_s);
        const QJsonObject features = info.value("features"_L1).toObject();
        for (auto it = features.begin(); it != features.end(); ++it)
            QVERIFY2(it.value() == QJsonValue(true), qPrintable(it.key()));
        QVERIFY(!info.contains("errors"_L1));
    }

    // --- 11. Smaller leaks of trust ---

    void url_withCredentials_isRefusedWithoutEchoingThem_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("variables");
        QTest::newRow("--url") << QStringList {u"--url"_s, u"http://user:PASS@127.0.0.1:1"_s}
                               << QStringList();
        QTest::newRow("--url that does not parse")
            << QStringList {u"--url"_s, u"http://user:PA SS@127.0.0.1:1"_s} << QStringList();
        QTest::newRow("CRONDESK_URL")
            << QStringList() << QStringList {u"CRONDESK_URL=https://u:PASS@example.com/"_s};
        QTest::newRow("CRONDESK_URL that does not parse")
            << QStringList() << QStringList {u"CRONDESK_URL=https://u:PA SS@exa mple.com/"_s};
    }
    void url_withCredentials_isRefusedWithoutEchoingThem()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, variables);
        const Outcome outcome
            = run(QStringList {u"crons"_s, u"list"_s} + arguments, environment(variables));
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(!outcome.err.isEmpty());
        QVERIFY2(!outcome.err.contains("PA"), outcome.err.constData());
        QVERIFY(!outcome.out.contains("PA"));
    }

    void optionFile_thatIsADeviceOrTooLarge_isRefusedAtOnce_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("file"); // relative: made in the test's directory
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("--input @/dev/zero")
            << u"--input"_s << u"/dev/zero"_s << QByteArray("not a regular file or a pipe");
        QTest::newRow("--config @/dev/urandom")
            << u"--config"_s << u"/dev/urandom"_s << QByteArray("not a regular file or a pipe");
        QTest::newRow("--metadata @directory")
            << u"--metadata"_s << u"."_s << QByteArray("not a regular file or a pipe");
        QTest::newRow("--input @ 11 MiB file")
            << u"--input"_s << u"big.json"_s << QByteArray("larger than 10 MiB");
    }
    void optionFile_thatIsADeviceOrTooLarge_isRefusedAtOnce()
    {
        QFETCH(QString, option);
        QFETCH(QString, file);
        QFETCH(QByteArray, message);
        QString path = file;
        if (file == "big.json"_L1)
            path = writeFile(file, "[\"" + QByteArray(11 * 1024 * 1024, 'x') + "\"]");
        else if (file == "."_L1)
            path = m_dir.path();
        const Outcome outcome = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s,
                                     u"--schedule"_s, u"0 9 * * *"_s, option, u"@"_s + path});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void journal_ofAHugeRefusedCreate_staysSmall()
    {
        startServer({.maxRequestBodyBytes = 1024 * 1024});
        const QString input
            = writeFile(u"input.json"_s, "{\"blob\":\"" + QByteArray(3 * 1024 * 1024, 'x') + "\"}");
        const Outcome outcome
            = ctl({u"crons"_s, u"create"_s, u"--assistant"_s, u"agent"_s, u"--schedule"_s,
                   u"0 9 * * *"_s, u"--input"_s, u"@"_s + input});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("413"), outcome.err.constData());
        QFile journal(journalPath());
        QVERIFY(journal.open(QIODevice::ReadOnly));
        const QByteArray line = journal.readAll();
        QVERIFY2(line.size() < 128 * 1024, QByteArray::number(line.size()).constData());
        QCOMPARE(line.count('\n'), 1);
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        QCOMPARE(entry.value("action"_L1).toString(), u"create"_s);
        const QJsonObject request = entry.value("request"_L1).toObject();
        QCOMPARE(request.value("schedule"_L1).toString(), u"0 9 * * *"_s);
        QVERIFY(request.value("input"_L1).toString().startsWith(u"[not recorded: "_s));
    }

    void byteOrderMark_beforeJson_isAcceptedByEveryOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("json");
        const QStringList create {u"crons"_s, u"create"_s,     u"--assistant"_s,
                                  u"agent"_s, u"--schedule"_s, u"0 9 * * *"_s};
        const QByteArray object(R"({"team": "ops"})");
        QTest::newRow("create --input") << (create + QStringList {u"--input"_s}) << object;
        QTest::newRow("create --config") << (create + QStringList {u"--config"_s}) << object;
        QTest::newRow("create --context") << (create + QStringList {u"--context"_s}) << object;
        QTest::newRow("create --metadata") << (create + QStringList {u"--metadata"_s}) << object;
        QTest::newRow("create --interrupt-before")
            << (create + QStringList {u"--interrupt-before"_s}) << QByteArray(R"(["a"])");
        QTest::newRow("create --stream-mode")
            << (create + QStringList {u"--stream-mode"_s}) << QByteArray(R"(["values"])");
        QTest::newRow("count --metadata")
            << QStringList {u"crons"_s, u"count"_s, u"--metadata"_s} << object;
        QTest::newRow("list --metadata")
            << QStringList {u"crons"_s, u"list"_s, u"--metadata"_s} << object;
        QTest::newRow("assistants --metadata")
            << QStringList {u"assistants"_s, u"list"_s, u"--metadata"_s} << object;
        QTest::newRow("threads --metadata")
            << QStringList {u"threads"_s, u"list"_s, u"--metadata"_s} << object;
    }
    void byteOrderMark_beforeJson_isAcceptedByEveryOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, json);
        const QString withBom = writeFile(u"bom.json"_s, "\xEF\xBB\xBF" + json);
        const QString without = writeFile(u"plain.json"_s, json);
        const Outcome plain = ctl(arguments + QStringList {u"@"_s + without});
        QCOMPARE(plain.exitCode, 0);
        const QByteArray sentPlain = m_server->lastRequest().body;
        const Outcome bom = ctl(arguments + QStringList {u"@"_s + withBom});
        QVERIFY2(bom.exitCode == 0, bom.err.constData());
        // The same request either way (but for a create's own correlation key).
        if (arguments.value(1) != "create"_L1)
            QCOMPARE(m_server->lastRequest().body, sentPlain);
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlTrust)
#include "tst_crondeskctl_trust.moc"
