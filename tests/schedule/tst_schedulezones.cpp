#include "scheduletestutil.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;
using crondesk::schedule::testutil::instant;
using crondesk::schedule::testutil::isoList;

// Fire times on the days clocks change, in zones with northern and southern, one-hour,
// half-hour and midnight changes, and odd offsets. The rule (docs/schedule-dst.md): a wall time
// that does not exist fires later by the size of the gap; one that happens twice fires once, at
// its first occurrence; no instant is reported twice.
class TestScheduleZones final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fireTimes_followTheDstRuleOnChangeDays_data();
    void fireTimes_followTheDstRuleOnChangeDays();
    void zoneRules_agreeWithQtFrom1900To3000_data();
    void zoneRules_agreeWithQtFrom1900To3000();
    void instantOfWallTime_resolvesGapsAndOverlapsLikeFireTimes_data();
    void instantOfWallTime_resolvesGapsAndOverlapsLikeFireTimes();
    void isValidZoneName_acceptsWhatZoneinfoAccepts_data();
    void isValidZoneName_acceptsWhatZoneinfoAccepts();
    void isValidZoneName_refusesWhatQtReadsAsAPosixRule_data();
    void isValidZoneName_refusesWhatQtReadsAsAPosixRule();
    void resolveZone_mapsEmptyToUtc();
    void forZone_isCachedAndSharedPerZone();
};

void TestScheduleZones::fireTimes_followTheDstRuleOnChangeDays_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("forward");
    QTest::addColumn<QStringList>("expected");

    // New York: 2026-03-08 02:00 -> 03:00, 2026-11-01 02:00 -> 01:00.
    QTest::newRow("NY gap: 02:30 fires at 03:30")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << u"2026-03-07T12:00:00-05:00"_s
        << true << QStringList {u"2026-03-08T03:30:00-04:00"_s, u"2026-03-09T02:30:00-04:00"_s};
    QTest::newRow("NY gap: 02:00 fires at 03:00")
        << QByteArray("America/New_York") << u"0 2 * * *"_s << u"2026-03-07T12:00:00-05:00"_s
        << true << QStringList {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-09T02:00:00-04:00"_s};
    QTest::newRow("NY gap: moved runs merge with existing ones")
        << QByteArray("America/New_York") << u"*/30 * * * *"_s << u"2026-03-08T01:00:00-05:00"_s
        << true
        << QStringList {u"2026-03-08T01:30:00-05:00"_s, u"2026-03-08T03:00:00-04:00"_s,
                        u"2026-03-08T03:30:00-04:00"_s};
    QTest::newRow("NY gap: hour list")
        << QByteArray("America/New_York") << u"15 1,2,3 * * *"_s << u"2026-03-08T00:00:00-05:00"_s
        << true
        << QStringList {u"2026-03-08T01:15:00-05:00"_s, u"2026-03-08T03:15:00-04:00"_s,
                        u"2026-03-09T01:15:00-04:00"_s};
    QTest::newRow("NY gap: no instant twice")
        << QByteArray("America/New_York") << u"0,30 2,3 * * *"_s << u"2026-03-08T01:00:00-05:00"_s
        << true
        << QStringList {u"2026-03-08T03:00:00-04:00"_s, u"2026-03-08T03:30:00-04:00"_s,
                        u"2026-03-09T02:00:00-04:00"_s};
    QTest::newRow("NY gap, backwards")
        << QByteArray("America/New_York") << u"0,30 2,3 * * *"_s << u"2026-03-08T04:00:00-04:00"_s
        << false
        << QStringList {u"2026-03-08T03:30:00-04:00"_s, u"2026-03-08T03:00:00-04:00"_s,
                        u"2026-03-07T03:30:00-05:00"_s};
    QTest::newRow("NY gap, backwards from just after the moved run")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << u"2026-03-08T03:45:00-04:00"_s
        << false << QStringList {u"2026-03-08T03:30:00-04:00"_s, u"2026-03-07T02:30:00-05:00"_s};
    QTest::newRow("NY overlap: 01:30 fires once, at the first")
        << QByteArray("America/New_York") << u"30 1 * * *"_s << u"2026-10-31T12:00:00-04:00"_s
        << true << QStringList {u"2026-11-01T01:30:00-04:00"_s, u"2026-11-02T01:30:00-05:00"_s};
    QTest::newRow("NY overlap: hourly skips the repeated hour")
        << QByteArray("America/New_York") << u"0 * * * *"_s << u"2026-11-01T00:00:00-04:00"_s
        << true
        << QStringList {u"2026-11-01T01:00:00-04:00"_s, u"2026-11-01T02:00:00-05:00"_s,
                        u"2026-11-01T03:00:00-05:00"_s};
    QTest::newRow("NY overlap: from inside the second pass")
        << QByteArray("America/New_York") << u"*/30 * * * *"_s << u"2026-11-01T01:10:00-05:00"_s
        << true << QStringList {u"2026-11-01T02:00:00-05:00"_s, u"2026-11-01T02:30:00-05:00"_s};
    QTest::newRow("NY overlap, backwards from the second pass")
        << QByteArray("America/New_York") << u"*/30 * * * *"_s << u"2026-11-01T01:10:00-05:00"_s
        << false << QStringList {u"2026-11-01T01:30:00-04:00"_s, u"2026-11-01T01:00:00-04:00"_s};
    // Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00.
    QTest::newRow("Berlin gap") << QByteArray("Europe/Berlin") << u"30 2 * * *"_s
                                << u"2026-03-28T12:00:00+01:00"_s << true
                                << QStringList {u"2026-03-29T03:30:00+02:00"_s,
                                                u"2026-03-30T02:30:00+02:00"_s};
    QTest::newRow("Berlin overlap")
        << QByteArray("Europe/Berlin") << u"30 2 * * *"_s << u"2026-10-24T12:00:00+02:00"_s << true
        << QStringList {u"2026-10-25T02:30:00+02:00"_s, u"2026-10-26T02:30:00+01:00"_s};
    // Sydney, southern hemisphere: 2026-04-05 03:00 -> 02:00, 2026-10-04 02:00 -> 03:00.
    QTest::newRow("Sydney overlap in April")
        << QByteArray("Australia/Sydney") << u"30 2 * * *"_s << u"2026-04-04T12:00:00+11:00"_s
        << true << QStringList {u"2026-04-05T02:30:00+11:00"_s, u"2026-04-06T02:30:00+10:00"_s};
    QTest::newRow("Sydney gap in October")
        << QByteArray("Australia/Sydney") << u"30 2 * * *"_s << u"2026-10-03T12:00:00+10:00"_s
        << true << QStringList {u"2026-10-04T03:30:00+11:00"_s, u"2026-10-05T02:30:00+11:00"_s};
    // Lord Howe moves by half an hour: 2026-10-04 02:00 -> 02:30, 2026-04-05 02:00 -> 01:30.
    QTest::newRow("Lord Howe half-hour gap: moved run comes after a later one")
        << QByteArray("Australia/Lord_Howe") << u"15,31 * * * *"_s << u"2026-10-04T01:20:00+10:30"_s
        << true
        << QStringList {u"2026-10-04T01:31:00+10:30"_s, u"2026-10-04T02:31:00+11:00"_s,
                        u"2026-10-04T02:45:00+11:00"_s, u"2026-10-04T03:15:00+11:00"_s};
    QTest::newRow("Lord Howe half-hour gap, backwards")
        << QByteArray("Australia/Lord_Howe") << u"15,31 * * * *"_s << u"2026-10-04T03:00:00+11:00"_s
        << false
        << QStringList {u"2026-10-04T02:45:00+11:00"_s, u"2026-10-04T02:31:00+11:00"_s,
                        u"2026-10-04T01:31:00+10:30"_s};
    QTest::newRow("Lord Howe half-hour overlap")
        << QByteArray("Australia/Lord_Howe") << u"45 1 * * *"_s << u"2026-04-04T12:00:00+11:00"_s
        << true << QStringList {u"2026-04-05T01:45:00+11:00"_s, u"2026-04-06T01:45:00+10:30"_s};
    // Santiago changes at midnight: 2026-09-06 00:00 -> 01:00, 2026-04-05 00:00 -> 04-04 23:00.
    QTest::newRow("Santiago: midnight does not exist")
        << QByteArray("America/Santiago") << u"0 0 * * *"_s << u"2026-09-05T12:00:00-04:00"_s
        << true << QStringList {u"2026-09-06T01:00:00-03:00"_s, u"2026-09-07T00:00:00-03:00"_s};
    QTest::newRow("Santiago: 23:30 happens twice")
        << QByteArray("America/Santiago") << u"30 23 * * *"_s << u"2026-04-04T12:00:00-03:00"_s
        << true << QStringList {u"2026-04-04T23:30:00-03:00"_s, u"2026-04-05T23:30:00-04:00"_s};
    // Chatham, +12:45 / +13:45: 2026-09-27 02:45 -> 03:45.
    QTest::newRow("Chatham 45-minute offset gap")
        << QByteArray("Pacific/Chatham") << u"0 3 * * *"_s << u"2026-09-26T12:00:00+12:45"_s << true
        << QStringList {u"2026-09-27T04:00:00+13:45"_s, u"2026-09-28T03:00:00+13:45"_s};
    QTest::newRow("Kathmandu +05:45")
        << QByteArray("Asia/Kathmandu") << u"0 9 * * 1-5"_s << u"2026-03-06T10:00:00+05:45"_s
        << true << QStringList {u"2026-03-09T09:00:00+05:45"_s};
    QTest::newRow("Kolkata +05:30")
        << QByteArray("Asia/Kolkata") << u"30 9 1 * *"_s << u"2026-03-06T10:00:00+05:30"_s << true
        << QStringList {u"2026-04-01T09:30:00+05:30"_s};
    QTest::newRow("New York in 2600")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << u"2600-03-08T12:00:00-05:00"_s
        << true << QStringList {u"2600-03-09T03:30:00-04:00"_s, u"2600-03-10T02:30:00-04:00"_s};
}

void TestScheduleZones::fireTimes_followTheDstRuleOnChangeDays()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, text);
    QFETCH(QString, from);
    QFETCH(bool, forward);
    QFETCH(QStringList, expected);

    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const CronExpression expr = CronExpression::parse(text);
    QVERIFY(expr.isValid());
    const int n = int(expected.size());
    const QList<QDateTime> fires
        = forward ? expr.nextN(instant(from), tz, n) : expr.previousN(instant(from), tz, n);
    QCOMPARE(isoList(fires, tz), expected);
}

void TestScheduleZones::zoneRules_agreeWithQtFrom1900To3000_data()
{
    QTest::addColumn<QByteArray>("zone");
    for (const char *name :
         {"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago",
          "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "America/St_Johns",
          "Africa/Casablanca", "Pacific/Apia"})
        QTest::newRow(name) << QByteArray(name);
}

void TestScheduleZones::zoneRules_agreeWithQtFrom1900To3000()
{
    QFETCH(QByteArray, zone);
    const QTimeZone tz(zone);
    const ZoneRules &rules = ZoneRules::forZone(tz);
    QCOMPARE(rules.id(), zone);
    // Every 9 days and 7 hours, to land on all times of day and seasons.
    const qint64 step = 9 * 86400 + 7 * 3600 + 13 * 60;
    const qint64 end = instant(u"3000-01-01T00:00:00Z"_s).toSecsSinceEpoch();
    for (qint64 t = instant(u"1900-01-02T00:00:00Z"_s).toSecsSinceEpoch(); t < end; t += step) {
        const int expected = tz.offsetFromUtc(QDateTime::fromSecsSinceEpoch(t, Qt::UTC));
        if (rules.offsetAt(t) != expected)
            QFAIL(
                qPrintable(u"%1 at %2: %3 != %4"_s
                               .arg(QString::fromLatin1(zone),
                                    QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate))
                               .arg(rules.offsetAt(t))
                               .arg(expected)));
    }
}

void TestScheduleZones::instantOfWallTime_resolvesGapsAndOverlapsLikeFireTimes_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("wall");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QByteArray("America/New_York") << u"2026-06-01T12:00:00"_s
                           << u"2026-06-01T16:00:00Z"_s;
    QTest::newRow("gap: later by the gap")
        << QByteArray("America/New_York") << u"2026-03-08T02:30:00"_s << u"2026-03-08T07:30:00Z"_s;
    QTest::newRow("overlap: first occurrence")
        << QByteArray("America/New_York") << u"2026-11-01T01:30:00"_s << u"2026-11-01T05:30:00Z"_s;
    QTest::newRow("midnight gap") << QByteArray("America/Santiago") << u"2026-09-06T00:30:00"_s
                                  << u"2026-09-06T04:30:00Z"_s;
    QTest::newRow("UTC") << QByteArray("UTC") << u"2026-06-01T12:00:00"_s
                         << u"2026-06-01T12:00:00Z"_s;
}

void TestScheduleZones::instantOfWallTime_resolvesGapsAndOverlapsLikeFireTimes()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, wall);
    QFETCH(QString, expected);

    const qint64 wallSeconds = QDateTime::fromString(wall + u'Z', Qt::ISODate).toSecsSinceEpoch();
    const ZoneRules &rules = ZoneRules::forZone(QTimeZone(zone));
    QCOMPARE(rules.instantOfWallTime(wallSeconds), instant(expected).toSecsSinceEpoch());
}

void TestScheduleZones::isValidZoneName_acceptsWhatZoneinfoAccepts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("region/city") << u"Europe/Berlin"_s << true;
    QTest::newRow("three levels") << u"America/Argentina/Buenos_Aires"_s << true;
    QTest::newRow("UTC") << u"UTC"_s << true;
    QTest::newRow("Etc offset zone") << u"Etc/GMT+5"_s << true;
    QTest::newRow("45-minute zone") << u"Asia/Kathmandu"_s << true;
    QTest::newRow("empty is not a name") << u""_s << false;
    QTest::newRow("Qt offset id") << u"UTC+02:00"_s << false;
    QTest::newRow("case matters") << u"europe/berlin"_s << false;
    QTest::newRow("unknown") << u"Mars/Olympus_Mons"_s << false;
    QTest::newRow("path traversal") << u"../etc/passwd"_s << false;
    QTest::newRow("absolute path") << u"/Europe/Berlin"_s << false;
    QTest::newRow("empty component") << u"Europe//Berlin"_s << false;
    QTest::newRow("trailing slash") << u"Europe/"_s << false;
    QTest::newRow("space") << u"Europe/ Berlin"_s << false;
    // Links of the tz database's backward file, which zoneinfo accepts too.
    QTest::newRow("backward link US/Eastern") << u"US/Eastern"_s << true;
    QTest::newRow("backward link Asia/Calcutta") << u"Asia/Calcutta"_s << true;
    QTest::newRow("old name Europe/Kiev") << u"Europe/Kiev"_s << true;
    QTest::newRow("Etc/UTC") << u"Etc/UTC"_s << true;
    QTest::newRow("GMT") << u"GMT"_s << true;
    QTest::newRow("EST") << u"EST"_s << true;
    // Files in the tz directory that are not names of the database.
    QTest::newRow("posixrules is a file, not a zone") << u"posixrules"_s << false;
    QTest::newRow("localtime is a file, not a zone") << u"localtime"_s << false;
    QTest::newRow("right/ is a second tree") << u"right/UTC"_s << false;
    QTest::newRow("tz directory table") << u"zone.tab"_s << false;
}

void TestScheduleZones::isValidZoneName_acceptsWhatZoneinfoAccepts()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);

    QCOMPARE(isValidZoneName(name), valid);
    QCOMPARE(resolveZone(name).has_value(), valid || name.isEmpty());
}

void TestScheduleZones::isValidZoneName_refusesWhatQtReadsAsAPosixRule_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("city without region") << u"Paris"_s;
    QTest::newRow("abbreviation") << u"Berl"_s;
    QTest::newRow("three letters") << u"XYZ"_s;
    QTest::newRow("rule with an offset") << u"ABC3"_s;
}

void TestScheduleZones::isValidZoneName_refusesWhatQtReadsAsAPosixRule()
{
    QFETCH(QString, name);
    // The trap: Qt takes the name for a POSIX TZ rule and hands back a valid zone that is UTC.
    QVERIFY(QTimeZone(name.toLatin1()).isValid());
    QVERIFY(!isValidZoneName(name));
    QVERIFY(!resolveZone(name).has_value());
}

void TestScheduleZones::resolveZone_mapsEmptyToUtc()
{
    const std::optional<QTimeZone> utc = resolveZone(u""_s);
    QVERIFY(utc);
    QCOMPARE(utc->offsetFromUtc(QDateTime::currentDateTimeUtc()), 0);
    const std::optional<QTimeZone> kolkata = resolveZone(u"Asia/Kolkata"_s);
    QVERIFY(kolkata);
    QCOMPARE(kolkata->id(), QByteArray("Asia/Kolkata"));
    QCOMPARE(kolkata->offsetFromUtc(QDateTime::currentDateTimeUtc()), 19800);
}

void TestScheduleZones::forZone_isCachedAndSharedPerZone()
{
    const ZoneRules &a = ZoneRules::forZone(QTimeZone("Europe/Berlin"));
    const ZoneRules &b = ZoneRules::forZone(QTimeZone("Europe/Berlin"));
    const ZoneRules &c = ZoneRules::forZone(QTimeZone("Asia/Tokyo"));
    QCOMPARE(&a, &b);
    QVERIFY(&a != &c);
    QVERIFY(a.hasTransitions());
    QVERIFY(!ZoneRules::forZone(QTimeZone::utc()).hasTransitions());
    QCOMPARE(&ZoneRules::forZone(QTimeZone()), &ZoneRules::utc());
}

QTEST_GUILESS_MAIN(TestScheduleZones)
#include "tst_schedulezones.moc"
