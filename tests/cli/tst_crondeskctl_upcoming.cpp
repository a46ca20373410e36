// crondeskctl crons upcoming against the sandbox: every fire of every enabled cron in the window
// and nothing else, in time order; histograms that add up; the filters of crons list; every
// format; option values checked before anything is sent; server text neutralised in tables.
#include <app/cli/commandline.h>
#include <models/api/assistant.h>
#include <models/api/timestamp.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>
#include <tests/cli/ctlrunner.h>
#include <tests/hostile/modes.h>
#include <tests/sandbox/sandboxserver.h>
#include <tests/sandbox/store.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using clitest::Outcome;
using sandbox::SandboxServer;

namespace {

Outcome runCtl(const QStringList &arguments)
{
    return clitest::runCrondeskctl(arguments, {}, nullptr, 60000);
}

QList<QJsonObject> jsonLines(const QByteArray &text)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

QString utc(qint64 seconds)
{
    return api::formatTimestamp(QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()));
}

// "2026-03-08T07:30:00+00:00 <cron id>" for every fire the schedule engine gives each enabled,
// not yet ended cron of the store in [from, to), fire by fire, sorted as crondeskctl sorts.
QStringList expectedFires(const sandbox::Store &store, qint64 from, qint64 to)
{
    QStringList lines;
    const QList<const sandbox::CronRecord *> crons
        = store.searchCrons({}, {u"cron_id"_s, false}, 0, store.cronCount());
    for (const sandbox::CronRecord *cron : crons) {
        if (!cron->enabled)
            continue;
        const schedule::CronExpression expression
            = schedule::CronExpression::parse(cron->json.value("schedule"_L1).toString());
        const std::optional<QTimeZone> zone
            = schedule::resolveZone(cron->json.value("timezone"_L1).toString());
        if (!expression.isValid() || !zone)
            continue;
        const schedule::ZoneRules &rules = schedule::ZoneRules::forZone(*zone);
        qint64 after = from - 1;
        while (const std::optional<qint64> next = expression.nextSeconds(after, rules)) {
            if (*next >= to || (cron->endTime && *next * 1000 > *cron->endTime))
                break;
            lines.append(utc(*next) + u' ' + cron->cronId);
            after = *next;
        }
    }
    lines.sort();
    return lines;
}

} // namespace

class TestCrondeskctlUpcoming final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;

    Outcome ctl(const QStringList &arguments)
    {
        return runCtl(QStringList {u"--url"_s, m_server->baseUrl().toString()} + arguments);
    }

    // 2026-03-07 12:00Z to 2026-03-09 12:00Z: New York's clocks go forward in it.
    static constexpr const char *from = "2026-03-07T12:00:00Z";
    static constexpr const char *to = "2026-03-09T12:00:00Z";
    static qint64 seconds(const char *iso)
    {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        // 120 seeded crons: 20 schedules, 9 zones and null, paused ones, ended ones and end
        // times in the future.
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 120, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
    }
    void cleanup() { m_server.reset(); }

    void upcoming_listsEveryFireOfEveryEnabledCron_andNothingElse()
    {
        // One that ends inside the window, at one of its fire times.
        m_server->createCron({{"schedule"_L1, u"0 * * * *"_s},
                              {"assistant_id"_L1, u"agent"_s},
                              {"end_time"_L1, u"2026-03-08T06:00:00+00:00"_s}});
        const Outcome outcome
            = ctl({u"crons"_s, u"upcoming"_s, u"--from"_s, QString::fromLatin1(from), u"--to"_s,
                   QString::fromLatin1(to), u"--format"_s, u"jsonl"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
        QStringList listed;
        QStringList inOrder;
        for (const QJsonObject &fire : jsonLines(outcome.out)) {
            listed.append(fire.value("at"_L1).toString() + u' '
                          + fire.value("cron_id"_L1).toString());
            QCOMPARE(fire.keys(),
                     (QStringList {u"assistant_id"_s, u"at"_s, u"cron_id"_s, u"local"_s,
                                   u"schedule"_s, u"timezone"_s}));
        }
        inOrder = listed;
        inOrder.sort();
        QCOMPARE(listed, inOrder); // by time, then by cron id
        const QStringList expected = expectedFires(m_server->store(), seconds(from), seconds(to));
        QVERIFY(expected.size() > 1000);
        QCOMPARE(listed, expected);
    }

    void upcoming_localTimesFollowEachCronsZone_acrossTheClockChange()
    {
        const QString id = m_server
                               ->createCron({{"schedule"_L1, u"30 2 * * *"_s},
                                             {"assistant_id"_L1, u"agent"_s},
                                             {"timezone"_L1, u"America/New_York"_s}})
                               .value("cron_id"_L1)
                               .toString();
        const Outcome outcome
            = ctl({u"crons"_s, u"upcoming"_s, u"--from"_s, QString::fromLatin1(from), u"--to"_s,
                   QString::fromLatin1(to), u"--format"_s, u"json"_s});
        QCOMPARE(outcome.exitCode, 0);
        QJsonArray mine;
        for (const QJsonValue &fire : QJsonDocument::fromJson(outcome.out).array()) {
            if (fire.toObject().value("cron_id"_L1).toString() == id)
                mine.append(fire);
        }
        // 02:30 does not exist on 2026-03-08 in New York: it runs at 03:30 EDT.
        QCOMPARE(mine.size(), 2);
        QCOMPARE(mine.at(0).toObject(),
                 (QJsonObject {{"at"_L1, u"2026-03-08T07:30:00+00:00"_s},
                               {"local"_L1, u"2026-03-08T03:30:00-04:00"_s},
                               {"timezone"_L1, u"America/New_York"_s},
                               {"cron_id"_L1, id},
                               {"assistant_id"_L1, api::systemAssistantId(u"agent"_s)},
                               {"schedule"_L1, u"30 2 * * *"_s}}));
        QCOMPARE(mine.at(1).toObject().value("local"_L1), u"2026-03-09T02:30:00-04:00"_s);
    }

    void histogramHour_countsSumToTheNumberOfFires_andMatchThemHourByHour()
    {
        const QStringList window {u"crons"_s,   u"upcoming"_s,
                                  u"--from"_s,  u"2026-03-07T12:20:00Z"_s,
                                  u"--hours"_s, u"48"_s};
        const Outcome fires = ctl(window + QStringList {u"--format"_s, u"csv"_s});
        const Outcome histogram
            = ctl(window + QStringList {u"--histogram"_s, u"hour"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(fires.exitCode, 0);
        QCOMPARE(histogram.exitCode, 0);
        QList<QByteArray> rows = fires.out.split('\n');
        QCOMPARE(rows.takeFirst(), "at,local,timezone,cron_id,assistant_id,schedule\r");
        QMap<QString, qint64> perHour;
        qint64 total = 0;
        for (const QByteArray &row : std::as_const(rows)) {
            if (row.isEmpty())
                continue;
            ++perHour[QString::fromLatin1(row.left(13)) + u":00:00+00:00"_s];
            ++total;
        }
        const QList<QJsonObject> buckets = jsonLines(histogram.out);
        // 12:00 (from 12:20 on) to 12:00 two days later (to 12:20): 49 buckets.
        QCOMPARE(buckets.size(), 49);
        QCOMPARE(buckets.first().value("start"_L1).toString(), u"2026-03-07T12:00:00+00:00"_s);
        qint64 sum = 0;
        for (const QJsonObject &bucket : buckets) {
            const qint64 count = bucket.value("count"_L1).toInteger();
            QCOMPARE(count, perHour.value(bucket.value("start"_L1).toString()));
            sum += count;
        }
        QCOMPARE(sum, total);
        QVERIFY(total > 0);
    }

    void histogram_everyFormat_andMinuteAndDayBuckets()
    {
        const QStringList window {u"crons"_s,   u"upcoming"_s,
                                  u"--from"_s,  u"2026-03-07T00:00:00Z"_s,
                                  u"--hours"_s, u"48"_s};
        const Outcome days = ctl(window + QStringList {u"--histogram"_s, u"day"_s});
        QCOMPARE(days.exitCode, 0);
        QList<QByteArray> lines = days.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith("START (UTC)"));
        QVERIFY(lines.at(1).startsWith("2026-03-07T00:00:00+00:00  "));
        const Outcome json
            = ctl(window + QStringList {u"--histogram"_s, u"minute"_s, u"--format"_s, u"json"_s});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray minutes = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(minutes.size(), 48 * 60);
        QCOMPARE(minutes.at(1).toObject().value("start"_L1).toString(),
                 u"2026-03-07T00:01:00+00:00"_s);
        const Outcome csv
            = ctl(window + QStringList {u"--histogram"_s, u"day"_s, u"--format"_s, u"csv"_s});
        QVERIFY(csv.out.startsWith("start,count\r\n2026-03-07T00:00:00+00:00,"));
        qint64 daySum = 0;
        for (qsizetype i = 1; i < lines.size(); ++i)
            daySum += lines.at(i).split(' ').last().toLongLong();
        qint64 minuteSum = 0;
        for (const QJsonValue &bucket : minutes)
            minuteSum += bucket.toObject().value("count"_L1).toInteger();
        QCOMPARE(minuteSum, daySum);
    }

    void upcoming_takesTheFiltersOfCronsList()
    {
        const QString id = m_server
                               ->createCron({{"schedule"_L1, u"0 */6 * * *"_s},
                                             {"assistant_id"_L1, u"agent"_s},
                                             {"metadata"_L1, QJsonObject {{"team"_L1, u"x"_s}}}})
                               .value("cron_id"_L1)
                               .toString();
        const QStringList window {u"crons"_s,    u"upcoming"_s,
                                  u"--from"_s,   u"2026-03-07T00:00:00Z"_s,
                                  u"--format"_s, u"jsonl"_s};
        const Outcome mine = ctl(
            window + QStringList {u"--metadata"_s, u"team=x"_s, u"--assistant"_s, u"agent"_s});
        QCOMPARE(mine.exitCode, 0);
        const QList<QJsonObject> fires = jsonLines(mine.out);
        QCOMPARE(fires.size(), 4);
        for (const QJsonObject &fire : fires)
            QCOMPARE(fire.value("cron_id"_L1).toString(), id);
        const QJsonObject body
            = QJsonDocument::fromJson(
                  m_server->requestLog().matching("POST", u"/runs/crons/search"_s).constLast().body)
                  .object();
        QCOMPARE(body.value("metadata"_L1).toObject(), (QJsonObject {{"team"_L1, u"x"_s}}));
        // Paused crons never fire.
        const Outcome paused = ctl(window + QStringList {u"--enabled"_s, u"false"_s});
        QCOMPARE(paused.exitCode, 0);
        QCOMPARE(paused.out, QByteArray());
    }

    void upcoming_cronsTheEngineCannotRead_areNamedOnStderr()
    {
        // As a server that stored them before it validated zones might send them.
        QJsonObject stored = m_server->createCron(
            {{"schedule"_L1, u"0 * * * *"_s}, {"assistant_id"_L1, u"agent"_s}});
        stored.insert("timezone"_L1, u"Paris"_s);
        QVERIFY(m_server->store().putCron(stored));
        const Outcome outcome = ctl({u"crons"_s, u"upcoming"_s, u"--from"_s,
                                     QString::fromLatin1(from), u"--format"_s, u"jsonl"_s});
        QCOMPARE(outcome.exitCode, 0);
        const QString id = stored.value("cron_id"_L1).toString();
        const QString expected = u"crondeskctl: Cron "_s + id
            + u" is left out: its time zone “Paris” is not an IANA time zone name"_s;
        QVERIFY2(outcome.err.contains(expected.toUtf8()), outcome.err.constData());
        QVERIFY(!outcome.out.contains(id.toLatin1()));
    }

    void upcoming_table_neutralisesServerText()
    {
        // A server that sends control characters in an id: they show as escapes, on one line.
        hostile::FakeAgentServer fake;
        fake.crons = {hostile::FakeAgentServer::cron(0).replace(
            "fe096781-5601-53d2-b2f6-0d3403f7e9ca", R"(evil\u001b[2J\r\nok)")};
        hostile::HostileServer server(
            [fake](const hostile::Request &request) { return fake.answer(request); });
        QVERIFY(server.listen() != 0);
        const Outcome outcome
            = runCtl({u"--url"_s, server.baseUrl().toString(), u"crons"_s, u"upcoming"_s,
                      u"--from"_s, u"2026-03-07T00:00:00Z"_s, u"--hours"_s, u"48"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(!outcome.out.contains('\x1b'));
        QVERIFY(!outcome.out.contains('\r'));
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // the header and two 09:00 fires
        QVERIFY2(lines.at(1).contains(R"(evil\u001B[2J\r\nok)"), lines.at(1).constData());
        QVERIFY(lines.at(1).startsWith("2026-03-07T09:00:00+00:00  2026-03-07T09:00:00+00:00  "));
        // JSON keeps the text exact.
        const Outcome json
            = runCtl({u"--url"_s, server.baseUrl().toString(), u"crons"_s, u"upcoming"_s,
                      u"--from"_s, u"2026-03-07T00:00:00Z"_s, u"--format"_s, u"jsonl"_s});
        QCOMPARE(jsonLines(json.out).first().value("assistant_id"_L1).toString(),
                 u"evil\x1b[2J\r\nok"_s);
    }

    void optionValues_areCheckedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("hours 0") << QStringList {u"--hours"_s, u"0"_s} << QByteArray("--hours:");
        QTest::newRow("hours too many")
            << QStringList {u"--hours"_s, u"8785"_s} << QByteArray("from 1 to 8784");
        QTest::newRow("hours negative")
            << QStringList {u"--hours"_s, u"-3"_s} << QByteArray("--hours:");
        QTest::newRow("hours not a number")
            << QStringList {u"--hours"_s, u"1e3"_s} << QByteArray("--hours:");
        QTest::newRow("from without offset")
            << QStringList {u"--from"_s, u"2026-03-08T00:00:00"_s} << QByteArray("--from:");
        QTest::newRow("from not a date")
            << QStringList {u"--from"_s, u"tomorrow"_s} << QByteArray("--from:");
        QTest::newRow("to not a date") << QStringList {u"--to"_s, u"soon"_s} << QByteArray("--to:");
        QTest::newRow("to before from")
            << QStringList {u"--from"_s, u"2026-03-08T00:00:00Z"_s, u"--to"_s,
                            u"2026-03-08T00:00:00Z"_s}
            << QByteArray("--to: the end of the window must come after its start");
        QTest::newRow("window over 366 days")
            << QStringList {u"--from"_s, u"2026-01-01T00:00:00Z"_s, u"--to"_s,
                            u"2027-01-03T00:00:00Z"_s}
            << QByteArray("--to: the window may be at most 366 days long");
        QTest::newRow("to and hours")
            << QStringList {u"--to"_s, u"2026-03-08T00:00:00Z"_s, u"--hours"_s, u"3"_s}
            << QByteArray("--to and --hours contradict each other");
        QTest::newRow("after the year 9999")
            << QStringList {u"--from"_s, u"9999-12-31T12:00:00Z"_s}
            << QByteArray("--from: the window must end by the year 9999");
        QTest::newRow("histogram bucket") << QStringList {u"--histogram"_s, u"week"_s}
                                          << QByteArray("--histogram: unknown bucket \"week\"");
        QTest::newRow("format") << QStringList {u"--format"_s, u"xml"_s}
                                << QByteArray("unknown --format");
        QTest::newRow("enabled") << QStringList {u"--enabled"_s, u"maybe"_s}
                                 << QByteArray("--enabled:");
    }

    void optionValues_areCheckedBeforeAnythingIsSent()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        m_server->clearRequests();
        const Outcome outcome = ctl(QStringList {u"crons"_s, u"upcoming"_s} + arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.startsWith("crondeskctl: "), outcome.err.constData());
        QVERIFY2(outcome.err.contains(message), outcome.err.constData());
        QCOMPARE(outcome.out, QByteArray());
        QCOMPARE(m_server->requestLog().matching("POST", u"/runs/crons/search"_s).size(), 0);
    }

    void help_namesEveryOption()
    {
        const Outcome outcome = runCtl({u"crons"_s, u"upcoming"_s, u"--help"_s});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("Usage: crondeskctl crons upcoming"));
        for (const char *option : {"--from", "--to", "--hours", "--histogram", "--format",
                                   "--assistant", "--thread", "--enabled", "--metadata"})
            QVERIFY2(outcome.out.contains(option), option);
        const Outcome general = runCtl({u"--help"_s});
        QVERIFY(general.out.contains("crons upcoming"));
    }
};

QTEST_GUILESS_MAIN(TestCrondeskctlUpcoming)
#include "tst_crondeskctl_upcoming.moc"
