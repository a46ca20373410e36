#include <models/api/timestamp.h>

#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::api::formatTimestamp;
using crondesk::api::parseTimestamp;

class TestTimestamp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_acceptsEveryFormTheServerAndSdksUse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime base(QDate(2024, 7, 8), QTime(6, 2, 23), Qt::UTC);
        QTest::newRow("server, microseconds")
            << u"2024-07-08T06:02:23.073257+00:00"_s << base.addMSecs(73);
        QTest::newRow("Z suffix") << u"2024-07-08T06:02:23Z"_s << base;
        QTest::newRow("lower-case z") << u"2024-07-08T06:02:23z"_s << base;
        QTest::newRow("+00:00, no fraction") << u"2024-07-08T06:02:23+00:00"_s << base;
        QTest::newRow("one fraction digit") << u"2024-07-08T06:02:23.5Z"_s << base.addMSecs(500);
        QTest::newRow("positive offset") << u"2024-07-08T08:32:23+02:30"_s << base;
        QTest::newRow("negative offset") << u"2024-07-08T02:02:23-04:00"_s << base;
        QTest::newRow("space separator") << u"2024-07-08 06:02:23+00:00"_s << base;
        QTest::newRow("no offset means UTC") << u"2024-07-08T06:02:23"_s << base;
    }
    void parse_acceptsEveryFormTheServerAndSdksUse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = parseTimestamp(text);
        QVERIFY2(parsed.isValid(), qPrintable(text));
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }

    void parse_rejectsMalformedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("date only") << u"2024-07-08"_s;
        QTest::newRow("month 13") << u"2024-13-08T06:02:23Z"_s;
        QTest::newRow("February 30") << u"2024-02-30T06:02:23Z"_s;
        QTest::newRow("hour 24") << u"2024-07-08T24:02:23Z"_s;
        QTest::newRow("letters") << u"2024-07-0xT06:02:23Z"_s;
        QTest::newRow("dot without digits") << u"2024-07-08T06:02:23.Z"_s;
        QTest::newRow("offset without colon") << u"2024-07-08T06:02:23+0000"_s;
        QTest::newRow("trailing junk") << u"2024-07-08T06:02:23Zjunk"_s;
    }
    void parse_rejectsMalformedText()
    {
        QFETCH(QString, text);
        QVERIFY(!parseTimestamp(text).isValid());
    }

    // Found by fuzz_crondecoder: an offset that moves the instant out of the years 1 to 9999
    // gave a date formatTimestamp() writes as "-0001-..." or "10000-...", which no one reads back.
    void parse_instantOutsideTheYearsOneTo9999_isNotATimestamp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("first second") << u"0001-01-01T00:00:00Z"_s << true;
        QTest::newRow("last second") << u"9999-12-31T23:59:59.999+00:00"_s << true;
        QTest::newRow("into the year 0") << u"0001-01-01T00:00:00+01:00"_s << false;
        QTest::newRow("into the year 10000") << u"9999-12-31T23:59:59-01:00"_s << false;
        QTest::newRow("year 0") << u"0000-06-01T00:00:00Z"_s << false;
    }
    void parse_instantOutsideTheYearsOneTo9999_isNotATimestamp()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const QDateTime parsed = parseTimestamp(text);
        QCOMPARE(parsed.isValid(), valid);
        QCOMPARE(parseTimestamp(text.toLatin1()).isValid(), valid);
        if (valid)
            QCOMPARE(parseTimestamp(formatTimestamp(parsed)), parsed);
    }

    void format_writesUtcWithExplicitOffset()
    {
        const QDateTime instant(QDate(2025, 12, 31), QTime(23, 59, 59), Qt::UTC);
        QCOMPARE(formatTimestamp(instant), u"2025-12-31T23:59:59+00:00"_s);
        QCOMPARE(formatTimestamp(instant.addMSecs(250)), u"2025-12-31T23:59:59.250+00:00"_s);
        const QDateTime offset(QDate(2026, 1, 1), QTime(1, 59, 59), Qt::OffsetFromUTC, 2 * 3600);
        QCOMPARE(formatTimestamp(offset), u"2025-12-31T23:59:59+00:00"_s);
        QCOMPARE(formatTimestamp(QDateTime()), QString());
    }

    void formatThenParse_roundTrips()
    {
        const QDateTime instant(QDate(2026, 3, 8), QTime(7, 30, 0, 125), Qt::UTC);
        QCOMPARE(parseTimestamp(formatTimestamp(instant)), instant);
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
