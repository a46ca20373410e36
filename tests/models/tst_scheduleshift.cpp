// Shifting a schedule in time (bulk edit): the shifted expression fires exactly at the original's
// fire times plus the shift, or the shift is refused with a reason.
#include <models/bulk/scheduleshift.h>
#include <models/schedule/cronexpression.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

// Fire times of `expression` from `from` on, in UTC.
QList<QDateTime> fires(const QString &expression, const QDateTime &from, int count)
{
    const schedule::CronExpression parsed = schedule::CronExpression::parse(expression);
    return parsed.nextN(from, QTimeZone::utc(), count);
}

// The shifted schedule's fires equal the original's plus the shift, over `count` fires.
bool firesMatch(const QString &original, const QString &shifted, int minutes, int count,
                QString *why)
{
    const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const qint64 seconds = qint64(minutes) * 60;
    const QList<QDateTime> before = fires(original, from.addSecs(-seconds), count);
    const QList<QDateTime> after = fires(shifted, from, count);
    if (before.size() != after.size()) {
        *why = u"%1 vs %2 fires"_s.arg(before.size()).arg(after.size());
        return false;
    }
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before.at(i).addSecs(seconds) != after.at(i)) {
            *why = u"fire %1: expected %2, got %3"_s.arg(i).arg(
                before.at(i).addSecs(seconds).toString(Qt::ISODate),
                after.at(i).toString(Qt::ISODate));
            return false;
        }
    }
    return true;
}

} // namespace

class TestScheduleShift final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shift_givesTheExpectedExpression_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fixed time later") << u"0 9 * * *"_s << 30 << u"30 9 * * *"_s;
        QTest::newRow("minute carries into the hour")
            << u"45 9 * * 1-5"_s << 30 << u"15 10 * * 1-5"_s;
        QTest::newRow("earlier with borrow") << u"15 10 * * *"_s << -30 << u"45 9 * * *"_s;
        QTest::newRow("hours keep the minute text")
            << u"*/7 9-17 * * *"_s << 60 << u"*/7 10-18 * * *"_s;
        QTest::newRow("steps of minutes by hours") << u"*/7 * * * *"_s << 120 << u"*/7 * * * *"_s;
        QTest::newRow("every quarter hour by five minutes")
            << u"*/15 * * * *"_s << 5 << u"5-50/15 * * * *"_s;
        QTest::newRow("past midnight, every day") << u"30 23 * * *"_s << 60 << u"30 0 * * *"_s;
        QTest::newRow("past midnight rotates the weekdays")
            << u"30 23 * * 1-5"_s << 60 << u"30 0 * * 2-6"_s;
        QTest::newRow("before midnight rotates back") << u"0 0 * * 1"_s << -60 << u"0 23 * * 0"_s;
        QTest::newRow("a whole day later") << u"0 9 * * 5"_s << 24 * 60 << u"0 9 * * 6"_s;
        QTest::newRow("day of month kept without a carry")
            << u"0 9 1,15 * *"_s << 90 << u"30 10 1,15 * *"_s;
        QTest::newRow("last day of month kept without a carry")
            << u"0 6 L * *"_s << -60 << u"0 5 L * *"_s;
        QTest::newRow("macro daily") << u"@daily"_s << 90 << u"30 1 * * *"_s;
        QTest::newRow("macro hourly") << u"@hourly"_s << 10 << u"10 * * * *"_s;
        QTest::newRow("seconds stay") << u"0 9 * * * 30"_s << 5 << u"5 9 * * * 30"_s;
        QTest::newRow("zero is the same") << u"*/5 * * * *"_s << 0 << u"*/5 * * * *"_s;
    }
    void shift_givesTheExpectedExpression()
    {
        QFETCH(QString, expression);
        QFETCH(int, minutes);
        QFETCH(QString, expected);
        const models::ScheduleShift shift = models::shiftSchedule(expression, minutes);
        QVERIFY2(shift.isShifted(), qPrintable(shift.refusal));
        QCOMPARE(shift.expression, expected);
    }

    void shift_thatNoExpressionCanSay_isRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("minutes");
        QTest::newRow("minutes would differ by hour") << u"0,30 9 * * *"_s << 45;
        QTest::newRow("past midnight on a day of month") << u"30 23 1 * *"_s << 60;
        QTest::newRow("past midnight in some months") << u"0 23 * 1 *"_s << 120;
        QTest::newRow("past midnight on the last day") << u"0 23 L * *"_s << 60;
        QTest::newRow("past midnight on an nth weekday") << u"0 23 * * 1#2"_s << 60;
        QTest::newRow("some times past midnight, weekdays only") << u"0 12,23 * * 1"_s << 120;
        QTest::newRow("both day fields") << u"0 23 13 * 5"_s << 60;
        QTest::newRow("not an expression") << u"every day"_s << 30;
    }
    void shift_thatNoExpressionCanSay_isRefusedWithAReason()
    {
        QFETCH(QString, expression);
        QFETCH(int, minutes);
        const models::ScheduleShift shift = models::shiftSchedule(expression, minutes);
        QVERIFY2(!shift.isShifted(), qPrintable(shift.expression));
        QVERIFY(shift.expression.isEmpty());
        QVERIFY(shift.refusal.endsWith(u'.'));
    }

    // Every expression of a sample, by every shift of a sample: a shifted schedule fires exactly
    // at the original's fire times plus the shift (on UTC's wall clock), and a refusal is the only
    // other answer.
    void shift_firesAtTheOriginalFiresPlusTheShift_forASampleOfExpressions()
    {
        const QStringList expressions {
            u"0 9 * * *"_s,         u"*/7 * * * *"_s,    u"*/15 * * * *"_s,
            u"5,35 * * * *"_s,      u"0 */6 * * *"_s,    u"30 23 * * *"_s,
            u"0 0 * * 1"_s,         u"0 9-17 * * 1-5"_s, u"45 22 * * 0,3"_s,
            u"10 2 1,15 * *"_s,     u"0 12 L * *"_s,     u"0 6 * 3-9 *"_s,
            u"0 0 * * 5#2"_s,       u"@daily"_s,         u"@weekly"_s,
            u"@hourly"_s,           u"@monthly"_s,       u"1-10 3 * * *"_s,
            u"0 0,12 * * 6"_s,      u"59 23 * * *"_s,    u"0 9 * * * 15"_s,
            u"*/20 8-10 * * 2-4"_s, u"0 1 13 * 5"_s,     u"0 22-23 * * 1-5"_s,
        };
        const QList<int> shifts {1,   5,    15,   30,   45, 59, 60,  61,  90,  120,  360,
                                 720, 1439, 1440, 2880, -1, -5, -30, -60, -90, -720, -1440};
        int shifted = 0;
        int refused = 0;
        for (const QString &expression : expressions) {
            for (const int minutes : shifts) {
                const models::ScheduleShift shift = models::shiftSchedule(expression, minutes);
                if (!shift.isShifted()) {
                    QVERIFY(!shift.refusal.isEmpty());
                    ++refused;
                    continue;
                }
                QString why;
                QVERIFY2(firesMatch(expression, shift.expression, minutes, 60, &why),
                         qPrintable(u"%1 by %2 → %3: %4"_s.arg(expression)
                                        .arg(minutes)
                                        .arg(shift.expression, why)));
                ++shifted;
            }
        }
        // The sample exercises both answers a good deal.
        QVERIFY(shifted > 300);
        QVERIFY(refused > 30);
    }

    void shiftText_saysTheDirectionAndUnits_data()
    {
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("minutes") << 30 << u"+30 min"_s;
        QTest::newRow("hours") << -120 << u"\u22122 h"_s;
        QTest::newRow("both") << 90 << u"+1 h 30 min"_s;
    }
    void shiftText_saysTheDirectionAndUnits()
    {
        QFETCH(int, minutes);
        QFETCH(QString, expected);
        QCOMPARE(models::shiftText(minutes), expected);
    }
};

QTEST_GUILESS_MAIN(TestScheduleShift)
#include "tst_scheduleshift.moc"
