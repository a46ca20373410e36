#include <app/cli/schedulecommand.h>

#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

class TestScheduleCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schedule_printsAndExitsAsDocumented_data();
    void schedule_printsAndExitsAsDocumented();
    void schedule_helpGoesToStandardOutput();
};

void TestScheduleCommand::schedule_printsAndExitsAsDocumented_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("errContains");

    QTest::newRow("next in a zone") << QStringList {u"next"_s,   u"0 9 * * 1-5"_s,
                                                    u"--tz"_s,   u"America/New_York"_s,
                                                    u"--from"_s, u"2026-03-06T10:00:00-05:00"_s,
                                                    u"-n"_s,     u"3"_s}
                                    << 0
                                    << u"2026-03-09T09:00:00-04:00\n2026-03-10T09:00:00-04:00\n"
                                       "2026-03-11T09:00:00-04:00\n"_s
                                    << QString();
    QTest::newRow("offsets follow the zone's clock")
        << QStringList {u"next"_s,   u"30 2 * * *"_s,           u"--tz"_s, u"America/New_York"_s,
                        u"--from"_s, u"2026-03-08T12:00:00Z"_s, u"-n"_s,   u"2"_s}
        << 0 << u"2026-03-09T02:30:00-04:00\n2026-03-10T02:30:00-04:00\n"_s << QString();
    QTest::newRow("--from without offset is local; the gap run moves")
        << QStringList {u"next"_s,   u"30 2 * * *"_s,          u"--tz"_s, u"America/New_York"_s,
                        u"--from"_s, u"2026-03-07T12:00:00"_s, u"-n"_s,   u"2"_s}
        << 0 << u"2026-03-08T03:30:00-04:00\n2026-03-09T02:30:00-04:00\n"_s << QString();
    QTest::newRow("UTC prints +00:00")
        << QStringList {u"next"_s, u"0 0 * * *"_s, u"--from"_s, u"2026-01-01"_s, u"-n"_s, u"1"_s}
        << 0 << u"2026-01-02T00:00:00+00:00\n"_s << QString();
    QTest::newRow("strictly after --from")
        << QStringList {u"next"_s, u"0 0 * * *"_s, u"--from"_s, u"2026-01-01T00:00:00Z"_s,
                        u"-n"_s,   u"1"_s}
        << 0 << u"2026-01-02T00:00:00+00:00\n"_s << QString();
    QTest::newRow("now by default, five lines by default")
        << QStringList {u"next"_s, u"0 0 * * *"_s} << 0
        << u"2026-01-02T00:00:00+00:00\n2026-01-03T00:00:00+00:00\n"
           "2026-01-04T00:00:00+00:00\n2026-01-05T00:00:00+00:00\n"
           "2026-01-06T00:00:00+00:00\n"_s
        << QString();
    QTest::newRow("expression as separate words")
        << QStringList {u"next"_s, u"0"_s, u"0"_s, u"*"_s, u"*"_s, u"*"_s, u"-n"_s, u"1"_s} << 0
        << u"2026-01-02T00:00:00+00:00\n"_s << QString();
    QTest::newRow("prev, newest first")
        << QStringList {u"prev"_s, u"0 0 * * *"_s, u"--from"_s, u"2026-01-02T00:00:00Z"_s,
                        u"-n"_s,   u"2"_s}
        << 0 << u"2026-01-01T00:00:00+00:00\n2025-12-31T00:00:00+00:00\n"_s << QString();
    QTest::newRow("prev strictly before a fractional instant")
        << QStringList {u"prev"_s,   u"* * * * * *"_s,
                        u"--from"_s, u"2026-01-01T00:00:00.500Z"_s,
                        u"-n"_s,     u"1"_s}
        << 0 << u"2026-01-01T00:00:00+00:00\n"_s << QString();
    QTest::newRow("Kathmandu offset") << QStringList {u"next"_s,   u"0 9 * * *"_s,
                                                      u"--tz"_s,   u"Asia/Kathmandu"_s,
                                                      u"--from"_s, u"2026-01-01T00:00:00Z"_s,
                                                      u"-n"_s,     u"1"_s}
                                      << 0 << u"2026-01-01T09:00:00+05:45\n"_s << QString();
    QTest::newRow("describe") << QStringList {u"describe"_s, u"0 9 * * 1-5"_s, u"--tz"_s,
                                              u"America/New_York"_s}
                              << 0 << u"At 09:00, Monday through Friday (America/New_York)\n"_s
                              << QString();
    QTest::newRow("check: valid") << QStringList {u"check"_s, u"0 9 * * 1-5"_s} << 0
                                  << u"valid: At 09:00, Monday through Friday (UTC)\n"_s
                                  << QString();
    QTest::newRow("check: valid with a portability warning")
        << QStringList {u"check"_s, u"0 0 L * *"_s} << 0
        << u"valid: At 00:00, on the last day of the month (UTC)\n"
           "warning: L (last day of the month) is not standard cron.\n"_s
        << QString();
    QTest::newRow("check: invalid") << QStringList {u"check"_s, u"0 24 * * *"_s} << 2 << QString()
                                    << u"Hour field: “24” at column 3 is out of range (0–23).\n"_s;
    QTest::newRow("check: never fires")
        << QStringList {u"check"_s, u"0 0 30 2 *"_s} << 1 << QString() << u"never fires"_s;
    QTest::newRow("next: invalid") << QStringList {u"next"_s, u"61 * * * *"_s} << 2 << QString()
                                   << u"Minute field: “61” at column 1"_s;
    QTest::newRow("next: never fires prints nothing")
        << QStringList {u"next"_s, u"0 0 30 2 *"_s} << 1 << QString()
        << u"The schedule “0 0 30 2 *” never fires"_s;
    QTest::newRow("prev: never fires")
        << QStringList {u"prev"_s, u"0 0 31 4 *"_s} << 1 << QString() << u"never fires"_s;
    QTest::newRow("dst notes")
        << QStringList {u"dst"_s,    u"30 2 * * *"_s,          u"--tz"_s, u"America/New_York"_s,
                        u"--from"_s, u"2026-01-01T00:00:00Z"_s}
        << 0
        << u"On 2026-03-08 the clocks in America/New_York go forward from 02:00 to 03:00, so "
           "02:30 does not exist that day. It runs at 03:30 (UTC-04:00) instead, as late as "
           "the gap is long.\n"_s
        << QString();
    QTest::newRow("unknown zone") << QStringList {u"next"_s, u"* * * * *"_s, u"--tz"_s,
                                                  u"Mars/Olympus_Mons"_s}
                                  << 2 << QString()
                                  << u"--tz: “Mars/Olympus_Mons” is not an IANA time zone name"_s;
    QTest::newRow("offset zone is not IANA")
        << QStringList {u"next"_s, u"* * * * *"_s, u"--tz"_s, u"UTC+02:00"_s} << 2 << QString()
        << u"--tz: “UTC+02:00” is not an IANA time zone name"_s;
    // Qt would read these as POSIX TZ rules and answer in UTC; the server refuses them.
    QTest::newRow("city without region, Qt's POSIX rule")
        << QStringList {u"next"_s, u"0 9 * * *"_s, u"--tz"_s, u"Paris"_s} << 2 << QString()
        << u"crondeskctl schedule next: --tz: “Paris” is not an IANA time zone name"_s;
    QTest::newRow("three letters, Qt's POSIX rule")
        << QStringList {u"describe"_s, u"0 9 * * *"_s, u"--tz"_s, u"XYZ"_s} << 2 << QString()
        << u"--tz: “XYZ” is not an IANA time zone name"_s;
    QTest::newRow("backward link is a zone")
        << QStringList {u"next"_s,       u"0 9 * * *"_s, u"--tz"_s,
                        u"US/Eastern"_s, u"--from"_s,    u"2026-01-01T00:00:00Z"_s,
                        u"-n"_s,         u"1"_s}
        << 0 << u"2026-01-01T09:00:00-05:00\n"_s << QString();
    QTest::newRow("bad --from") << QStringList {u"next"_s, u"* * * * *"_s, u"--from"_s,
                                                u"yesterday"_s}
                                << 2 << QString() << u"not an ISO 8601"_s;
    QTest::newRow("-n 0") << QStringList {u"next"_s, u"* * * * *"_s, u"-n"_s, u"0"_s} << 2
                          << QString() << u"-n takes a number from 1"_s;
    QTest::newRow("-n not a number") << QStringList {u"next"_s, u"* * * * *"_s, u"-n"_s, u"x"_s}
                                     << 2 << QString() << u"-n takes a number"_s;
    QTest::newRow("missing expression")
        << QStringList {u"next"_s} << 2 << QString() << u"missing the cron expression"_s;
    QTest::newRow("unknown option")
        << QStringList {u"next"_s, u"* * * * *"_s, u"--bogus"_s} << 2 << QString() << u"bogus"_s;
    QTest::newRow("unknown command")
        << QStringList {u"later"_s} << 2 << QString() << u"unknown command “later”"_s;
    QTest::newRow("nothing") << QStringList() << 2 << QString() << u"Usage:"_s;
}

void TestScheduleCommand::schedule_printsAndExitsAsDocumented()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, errContains);

    QString outText;
    QString errText;
    QTextStream outStream(&outText);
    QTextStream errStream(&errText);
    const QDateTime now = QDateTime::fromString(u"2026-01-01T12:00:00.250Z"_s, Qt::ISODateWithMs);
    const int code = crondesk::cli::runScheduleCommand(args, outStream, errStream, now);
    outStream.flush();
    errStream.flush();
    QCOMPARE(outText, out);
    if (errContains.isEmpty())
        QCOMPARE(errText, QString());
    else
        QVERIFY2(errText.contains(errContains), qPrintable(errText));
    QCOMPARE(code, exitCode);
}

void TestScheduleCommand::schedule_helpGoesToStandardOutput()
{
    QString outText;
    QString errText;
    QTextStream outStream(&outText);
    QTextStream errStream(&errText);
    QCOMPARE(crondesk::cli::runScheduleCommand({u"--help"_s}, outStream, errStream,
                                               QDateTime::currentDateTimeUtc()),
             0);
    outStream.flush();
    QVERIFY(outText.startsWith(u"Usage:"_s));
    QVERIFY(outText.contains(u"schedule next EXPR"_s));
    QCOMPARE(errText, QString());
}

QTEST_GUILESS_MAIN(TestScheduleCommand)
#include "tst_schedulecommand.moc"
