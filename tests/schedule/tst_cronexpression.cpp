#include "scheduletestutil.h"

#include <models/schedule/cronexpression.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;
using crondesk::schedule::testutil::instant;
using crondesk::schedule::testutil::iso;
using crondesk::schedule::testutil::isoList;

namespace {

QString maskText(quint64 mask, int from, int to)
{
    QStringList values;
    for (int v = from; v <= to; ++v) {
        if (mask >> v & 1u)
            values.append(QString::number(v));
    }
    return values.size() == to - from + 1 ? u"*"_s : values.join(u',');
}

// "min hour dom month dow sec", each a value list or * for the whole range; "L" joins the
// day-of-month list, "5#3" and "L5" the day-of-week list.
QString fieldsText(const CronFields &f)
{
    QString dom = maskText(f.daysOfMonth, 1, 31);
    if (f.lastDayOfMonth)
        dom = (f.daysOfMonth ? dom + u',' : QString()) + u'L';
    QStringList special;
    for (int day = 0; day < 7; ++day) {
        const quint8 bits = f.nthWeekdays[size_t(day)];
        if (bits & CronFields::LastWeekdayBit)
            special.append(u"L"_s + QString::number(day));
        for (int k = 1; k <= 5; ++k) {
            if (bits >> (k - 1) & 1u)
                special.append(QString::number(day) + u'#' + QString::number(k));
        }
    }
    const QString dow = special.isEmpty() ? maskText(f.daysOfWeek, 0, 6) : special.join(u',');
    return QStringList {
        maskText(f.minutes, 0, 59), maskText(f.hours, 0, 23), dom, maskText(f.months, 1, 12), dow,
        maskText(f.seconds, 0, 59)}
        .join(u' ');
}

} // namespace

class TestCronExpression final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_acceptsEverySyntaxElement_data();
    void parse_acceptsEverySyntaxElement();
    void parse_rejectsWithFieldTextAndColumn_data();
    void parse_rejectsWithFieldTextAndColumn();
    void parse_decidesWhetherTheOrRuleApplies_data();
    void parse_decidesWhetherTheOrRuleApplies();
    void parse_keepsTheOriginalText();
    void portabilityWarnings_nameNonStandardSyntax_data();
    void portabilityWarnings_nameNonStandardSyntax();
    void neverFires_isDecidedFromTheCalendar_data();
    void neverFires_isDecidedFromTheCalendar();
    void shortestInterval_isTheClosestPairOfFirings_data();
    void shortestInterval_isTheClosestPairOfFirings();
    void next_findsTheFollowingFireTimesInUtc_data();
    void next_findsTheFollowingFireTimesInUtc();
    void previous_findsTheEarlierFireTimesNewestFirst_data();
    void previous_findsTheEarlierFireTimesNewestFirst();
    void next_isStrictlyAfterEvenWithinASecond();
    void next_returnsNothingForInvalidInput();
    void next_stopsAtTheEndOfYear9999();
    void nextAndPrevious_areInversesOfEachOther_data();
    void nextAndPrevious_areInversesOfEachOther();
};

void TestCronExpression::parse_acceptsEverySyntaxElement_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fields");
    QTest::addColumn<bool>("hasSeconds");

    QTest::newRow("every minute") << u"* * * * *"_s << u"* * * * * 0"_s << false;
    QTest::newRow("single values") << u"5 4 3 2 1"_s << u"5 4 3 2 1 0"_s << false;
    QTest::newRow("leading zeros") << u"05 09 01 01 00"_s << u"5 9 1 1 0 0"_s << false;
    QTest::newRow("list") << u"0,15,45 9,17 * * *"_s << u"0,15,45 9,17 * * * 0"_s << false;
    QTest::newRow("range") << u"0 9-11 * * 1-5"_s << u"0 9,10,11 * * 1,2,3,4,5 0"_s << false;
    QTest::newRow("star step") << u"*/15 */6 * * *"_s << u"0,15,30,45 0,6,12,18 * * * 0"_s << false;
    QTest::newRow("range step") << u"10-20/5 * * * *"_s << u"10,15,20 * * * * 0"_s << false;
    QTest::newRow("value step runs to the field's end")
        << u"50/5 * * * *"_s << u"50,55 * * * * 0"_s << false;
    QTest::newRow("step larger than the range") << u"*/100 * * * *"_s << u"0 * * * * 0"_s << false;
    QTest::newRow("day-of-month step starts at 1")
        << u"0 0 */5 * *"_s << u"0 0 1,6,11,16,21,26,31 * * 0"_s << false;
    QTest::newRow("month step starts at January")
        << u"0 0 * */5 *"_s << u"0 0 * 1,6,11 * 0"_s << false;
    QTest::newRow("weekday step runs over 0-7")
        << u"0 0 * * */2"_s << u"0 0 * * 0,2,4,6 0"_s << false;
    QTest::newRow("weekday value step reaches 7 = Sunday")
        << u"0 0 * * 1/2"_s << u"0 0 * * 0,1,3,5 0"_s << false;
    QTest::newRow("month names, any case")
        << u"0 0 * JAN,jul,Dec *"_s << u"0 0 * 1,7,12 * 0"_s << false;
    QTest::newRow("month name range") << u"0 0 * jan-MAR *"_s << u"0 0 * 1,2,3 * 0"_s << false;
    QTest::newRow("month name step") << u"0 0 * feb/4 *"_s << u"0 0 * 2,6,10 * 0"_s << false;
    QTest::newRow("weekday names, any case")
        << u"0 0 * * MON-fri"_s << u"0 0 * * 1,2,3,4,5 0"_s << false;
    QTest::newRow("7 is Sunday") << u"0 0 * * 7"_s << u"0 0 * * 0 0"_s << false;
    QTest::newRow("range ending in sun wraps to 7")
        << u"0 0 * * fri-sun"_s << u"0 0 * * 0,5,6 0"_s << false;
    QTest::newRow("range ending in 0 wraps to 7")
        << u"0 0 * * 5-0"_s << u"0 0 * * 0,5,6 0"_s << false;
    QTest::newRow("0-7 is every day") << u"0 0 * * 0-7"_s << u"0 0 * * * 0"_s << false;
    QTest::newRow("? in day of month") << u"0 0 ? * 1"_s << u"0 0 * * 1 0"_s << false;
    QTest::newRow("? in day of week") << u"0 0 1 * ?"_s << u"0 0 1 * * 0"_s << false;
    QTest::newRow("L in day of month") << u"0 0 L * *"_s << u"0 0 L * * 0"_s << false;
    QTest::newRow("L in a day-of-month list") << u"0 0 1,l * *"_s << u"0 0 1,L * * 0"_s << false;
    QTest::newRow("range up to L") << u"0 0 28-L * *"_s << u"0 0 28,29,30,31 * * 0"_s << false;
    QTest::newRow("range up to L with step")
        << u"0 0 20-L/5 * *"_s << u"0 0 20,25,30 * * 0"_s << false;
    QTest::newRow("L<n>: last Friday") << u"0 0 * * L5"_s << u"0 0 * * L5 0"_s << false;
    QTest::newRow("L7 is the last Sunday") << u"0 0 * * l7"_s << u"0 0 * * L0 0"_s << false;
    QTest::newRow("n#k: third Friday") << u"0 0 * * 5#3"_s << u"0 0 * * 5#3 0"_s << false;
    QTest::newRow("n#k with names and lists")
        << u"0 0 * * mon#1,Mon#3,L0"_s << u"0 0 * * L0,1#1,1#3 0"_s << false;
    QTest::newRow("7#2 is the second Sunday") << u"0 0 * * 7#2"_s << u"0 0 * * 0#2 0"_s << false;
    QTest::newRow("@yearly") << u"@yearly"_s << u"0 0 1 1 * 0"_s << false;
    QTest::newRow("@annually") << u"@annually"_s << u"0 0 1 1 * 0"_s << false;
    QTest::newRow("@monthly") << u"@monthly"_s << u"0 0 1 * * 0"_s << false;
    QTest::newRow("@weekly") << u"@weekly"_s << u"0 0 * * 0 0"_s << false;
    QTest::newRow("@daily") << u"@daily"_s << u"0 0 * * * 0"_s << false;
    QTest::newRow("@midnight") << u"@midnight"_s << u"0 0 * * * 0"_s << false;
    QTest::newRow("@hourly") << u"@hourly"_s << u"0 * * * * 0"_s << false;
    QTest::newRow("macros ignore case") << u"@DAILY"_s << u"0 0 * * * 0"_s << false;
    QTest::newRow("sixth field is seconds, at the end")
        << u"0 12 * * * */20"_s << u"0 12 * * * 0,20,40"_s << true;
    QTest::newRow("any whitespace separates fields")
        << u"\t0  9 *\t* 1-5 \n"_s << u"0 9 * * 1,2,3,4,5 0"_s << false;
}

void TestCronExpression::parse_acceptsEverySyntaxElement()
{
    QFETCH(QString, text);
    QFETCH(QString, fields);
    QFETCH(bool, hasSeconds);

    ParseError error;
    const CronExpression expr = CronExpression::parse(text, &error);
    QVERIFY2(expr.isValid(), qPrintable(error.message));
    QCOMPARE(fieldsText(expr.fields()), fields);
    QCOMPARE(expr.hasSeconds(), hasSeconds);
    QCOMPARE(error.message, QString());
}

void TestCronExpression::parse_rejectsWithFieldTextAndColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("offending");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << u""_s << u"expression"_s << u""_s << 1 << u"is empty"_s;
    QTest::newRow("too few fields")
        << u"* * * *"_s << u"expression"_s << u"* * * *"_s << 1 << u"has 4 fields"_s;
    QTest::newRow("seventh field (year)")
        << u"0 0 1 1 * 0 2030"_s << u"expression"_s << u"2030"_s << 13 << u"7th field"_s;
    QTest::newRow("minute out of range")
        << u"60 * * * *"_s << u"minute"_s << u"60"_s << 1 << u"out of range (0–59)"_s;
    QTest::newRow("hour out of range")
        << u"0 24 * * *"_s << u"hour"_s << u"24"_s << 3 << u"out of range (0–23)"_s;
    QTest::newRow("day 0") << u"0 0 0 * *"_s << u"day of month"_s << u"0"_s << 5
                           << u"out of range (1–31)"_s;
    QTest::newRow("day 32") << u"0 0 1,32 * *"_s << u"day of month"_s << u"32"_s << 7
                            << u"out of range (1–31)"_s;
    QTest::newRow("month 0") << u"0 0 * 0 *"_s << u"month"_s << u"0"_s << 7
                             << u"out of range (1–12)"_s;
    QTest::newRow("month 13") << u"0 0 * 1-13 *"_s << u"month"_s << u"13"_s << 9
                              << u"out of range (1–12)"_s;
    QTest::newRow("weekday 8") << u"0 0 * * 8"_s << u"day of week"_s << u"8"_s << 9
                               << u"out of range (0–7)"_s;
    QTest::newRow("second 60") << u"0 0 * * * 60"_s << u"second"_s << u"60"_s << 11
                               << u"out of range (0–59)"_s;
    QTest::newRow("backwards range")
        << u"50-10 * * * *"_s << u"minute"_s << u"50-10"_s << 1 << u"runs backwards"_s;
    QTest::newRow("weekday wrap only to a plain 0")
        << u"0 0 * * 5-00"_s << u"day of week"_s << u"5-00"_s << 9 << u"runs backwards"_s;
    QTest::newRow("negative") << u"-5 * * * *"_s << u"minute"_s << u"-5"_s << 1 << u"negative"_s;
    QTest::newRow("step of zero") << u"*/0 * * * *"_s << u"minute"_s << u"0"_s << 3
                                  << u"step of 0"_s;
    QTest::newRow("step not a number")
        << u"*/x * * * *"_s << u"minute"_s << u"x"_s << 3 << u"not a valid step"_s;
    QTest::newRow("step missing") << u"5/ * * * *"_s << u"minute"_s << u"/"_s << 2
                                  << u"not a valid step"_s;
    QTest::newRow("step of nothing")
        << u"/5 * * * *"_s << u"minute"_s << u"/5"_s << 1 << u"nothing to step through"_s;
    QTest::newRow("empty list item")
        << u"1,,2 * * * *"_s << u"minute"_s << u","_s << 3 << u"empty item"_s;
    QTest::newRow("trailing comma")
        << u"0 1, * * *"_s << u"hour"_s << u","_s << 4 << u"empty item"_s;
    QTest::newRow("not a number") << u"abc * * * *"_s << u"minute"_s << u"abc"_s << 1
                                  << u"is not a number"_s;
    QTest::newRow("unknown month name") << u"0 0 * foo *"_s << u"month"_s << u"foo"_s << 7
                                        << u"not a month number (1–12) or name"_s;
    QTest::newRow("weekday name in month field")
        << u"0 0 * mon *"_s << u"month"_s << u"mon"_s << 7 << u"not a month"_s;
    QTest::newRow("long weekday name")
        << u"0 0 * * monday"_s << u"day of week"_s << u"monday"_s << 9 << u"not a weekday"_s;
    QTest::newRow("W") << u"0 0 15W * *"_s << u"day of month"_s << u"15W"_s << 5
                       << u"W (nearest weekday)"_s;
    QTest::newRow("LW") << u"0 0 LW * *"_s << u"day of month"_s << u"LW"_s << 5
                        << u"W (nearest weekday)"_s;
    QTest::newRow("L with a number in day of month")
        << u"0 0 L2 * *"_s << u"day of month"_s << u"L2"_s << 5 << u"L stands alone"_s;
    QTest::newRow("L before a range in day of month")
        << u"0 0 L-5 * *"_s << u"day of month"_s << u"L"_s << 5 << u"L where only a number fits"_s;
    QTest::newRow("L in the hour field")
        << u"0 L * * *"_s << u"hour"_s << u"L"_s << 3 << u"only allowed in the day-of-month and"_s;
    QTest::newRow("H needs a hash id")
        << u"H * * * *"_s << u"minute"_s << u"H"_s << 1 << u"hash id"_s;
    QTest::newRow("H with range and step")
        << u"0 H(0-5)/2 * * *"_s << u"hour"_s << u"H(0-5)/2"_s << 3 << u"hash id"_s;
    QTest::newRow("R is random") << u"R * * * *"_s << u"minute"_s << u"R"_s << 1
                                 << u"random value"_s;
    QTest::newRow("L alone in day of week")
        << u"0 0 * * L"_s << u"day of week"_s << u"L"_s << 9 << u"needs a weekday number after L"_s;
    QTest::newRow("Quartz nL") << u"0 0 * * 5L"_s << u"day of week"_s << u"5L"_s << 9
                               << u"Quartz syntax"_s;
    QTest::newRow("L with a bad weekday")
        << u"0 0 * * L8"_s << u"day of week"_s << u"8"_s << 10 << u"out of range (0–7)"_s;
    QTest::newRow("L with text") << u"0 0 * * Lfri"_s << u"day of week"_s << u"Lfri"_s << 9
                                 << u"L takes a weekday number"_s;
    QTest::newRow("#6") << u"0 0 * * 5#6"_s << u"day of week"_s << u"5#6"_s << 9
                        << u"occurrence from 1 to 5"_s;
    QTest::newRow("#0") << u"0 0 * * 5#0"_s << u"day of week"_s << u"5#0"_s << 9
                        << u"occurrence from 1 to 5"_s;
    QTest::newRow("# with trailing text")
        << u"0 0 * * 1#2x"_s << u"day of week"_s << u"1#2x"_s << 9 << u"occurrence from 1 to 5"_s;
    QTest::newRow("# after a range") << u"0 0 * * 1-5#2"_s << u"day of week"_s << u"1-5#2"_s << 9
                                     << u"single weekday before #"_s;
    QTest::newRow("# with a bad weekday")
        << u"0 0 * * 9#2"_s << u"day of week"_s << u"9"_s << 9 << u"out of range (0–7)"_s;
    QTest::newRow("# mixed with a plain weekday")
        << u"0 0 * * 1#2,3"_s << u"day of week"_s << u"3"_s << 13 << u"mixed with n#k"_s;
    QTest::newRow("# mixed with *")
        << u"0 0 * * *,1#2"_s << u"day of week"_s << u"*"_s << 9 << u"mixed with n#k"_s;
    QTest::newRow("# outside day of week") << u"0 0 5#2 * *"_s << u"day of month"_s << u"5#2"_s << 5
                                           << u"only allowed in the day-of-week"_s;
    QTest::newRow("? outside the day fields") << u"? * * * *"_s << u"minute"_s << u"?"_s << 1
                                              << u"only allowed in the day-of-month and"_s;
    QTest::newRow("? in a list") << u"0 0 1,? * *"_s << u"day of month"_s << u"1,?"_s << 5
                                 << u"on its own"_s;
    QTest::newRow("* in a range") << u"*-5 * * * *"_s << u"minute"_s << u"*-5"_s << 1
                                  << u"* inside a range"_s;
    QTest::newRow("double range") << u"1-2-3 * * * *"_s << u"minute"_s << u"1-2-3"_s << 1
                                  << u"not a valid range"_s;
    QTest::newRow("@reboot") << u"@reboot"_s << u"expression"_s << u"@reboot"_s << 1
                             << u"no reboot event"_s;
    QTest::newRow("unknown macro")
        << u"@every"_s << u"expression"_s << u"@every"_s << 1 << u"not a known macro"_s;
    QTest::newRow("macro with spaces around")
        << u" @daily"_s << u"expression"_s << u"@daily"_s << 2 << u"whole expression"_s;
    QTest::newRow("macro with fields")
        << u"@daily * * * *"_s << u"expression"_s << u"@daily"_s << 1 << u"whole expression"_s;
}

void TestCronExpression::parse_rejectsWithFieldTextAndColumn()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, offending);
    QFETCH(int, column);
    QFETCH(QString, reason);

    ParseError error;
    const CronExpression expr = CronExpression::parse(text, &error);
    QVERIFY(!expr.isValid());
    QCOMPARE(error.field, field);
    QCOMPARE(error.text, offending);
    QCOMPARE(error.column, column);
    // The offending text really is at that column of what the user typed.
    QCOMPARE(text.mid(column - 1, offending.size()), offending);
    // And the message says all of it.
    QVERIFY2(error.message.contains(reason), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"“"_s + offending + u"”"_s), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"column "_s + QString::number(column)),
             qPrintable(error.message));
    QVERIFY(error.message.endsWith(u'.'));
    // An invalid expression never fires and computes nothing.
    QVERIFY(!expr.next(QDateTime::currentDateTimeUtc(), QTimeZone::utc()));
    QVERIFY(expr.portabilityWarnings().isEmpty());
}

void TestCronExpression::parse_decidesWhetherTheOrRuleApplies_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("dayOfMonthRestricted");
    QTest::addColumn<bool>("dayOfWeekRestricted");

    QTest::newRow("neither") << u"0 0 * * *"_s << false << false;
    QTest::newRow("day of month only") << u"0 0 1 * *"_s << true << false;
    QTest::newRow("day of week only") << u"0 0 * * 1"_s << false << true;
    QTest::newRow("both: OR") << u"0 0 1 * 1"_s << true << true;
    QTest::newRow("1-31 is unrestricted") << u"0 0 1-31 * 1"_s << false << true;
    QTest::newRow("*/1 is unrestricted") << u"0 0 */1 * 1"_s << false << true;
    QTest::newRow("? is unrestricted") << u"0 0 ? * 1"_s << false << true;
    QTest::newRow("1-30 plus L is every day") << u"0 0 1-30,L * 1"_s << false << true;
    QTest::newRow("1-30 alone misses the 31st") << u"0 0 1-30 * 1"_s << true << true;
    QTest::newRow("0-6 is every weekday") << u"0 0 1 * 0-6"_s << true << false;
    QTest::newRow("mon-sun is every weekday") << u"0 0 1 * mon-sun"_s << true << false;
    QTest::newRow("n#k is restricted") << u"0 0 1 * 1#1"_s << true << true;
}

void TestCronExpression::parse_decidesWhetherTheOrRuleApplies()
{
    QFETCH(QString, text);
    QFETCH(bool, dayOfMonthRestricted);
    QFETCH(bool, dayOfWeekRestricted);

    const CronExpression expr = CronExpression::parse(text);
    QVERIFY(expr.isValid());
    QCOMPARE(expr.fields().dayOfMonthRestricted, dayOfMonthRestricted);
    QCOMPARE(expr.fields().dayOfWeekRestricted, dayOfWeekRestricted);
}

void TestCronExpression::parse_keepsTheOriginalText()
{
    const CronExpression expr = CronExpression::parse(u"  0 9 * * MON-FRI "_s);
    QCOMPARE(expr.text(), u"  0 9 * * MON-FRI "_s);
    QCOMPARE(CronExpression::parse(u"@Daily"_s).macro(), CronExpression::Macro::Daily);
    QCOMPARE(CronExpression::parse(u"0 0 * * *"_s).macro(), CronExpression::Macro::None);
    const CronExpression copy = expr;
    QCOMPARE(copy, expr);
    QVERIFY(!CronExpression().isValid());
}

void TestCronExpression::portabilityWarnings_nameNonStandardSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("standard") << u"*/5 9-17 * jan-jun mon-fri"_s << QStringList();
    QTest::newRow("seconds") << u"0 0 * * * 30"_s << QStringList {u"sixth field"_s};
    QTest::newRow("macro") << u"@weekly"_s << QStringList {u"Macros"_s};
    QTest::newRow("L") << u"0 0 L * *"_s << QStringList {u"L (last day"_s};
    QTest::newRow("range to L") << u"0 0 25-L * *"_s << QStringList {u"ending in L"_s};
    QTest::newRow("L<n>") << u"0 0 * * L5"_s << QStringList {u"L<n>"_s};
    QTest::newRow("#") << u"0 0 * * 5#3"_s << QStringList {u"n#k"_s};
    QTest::newRow("?") << u"0 0 ? * 1"_s << QStringList {u"? is not standard"_s};
    QTest::newRow("value step") << u"5/15 * * * *"_s << QStringList {u"step on a single value"_s};
    QTest::newRow("Sunday wrap") << u"0 0 * * fri-sun"_s << QStringList {u"ending in Sunday"_s};
    QTest::newRow("OR rule") << u"0 0 13 * 5"_s << QStringList {u"either matches"_s};
    QTest::newRow("several") << u"0 0 L * 5#3 10"_s
                             << QStringList {u"sixth field"_s, u"L (last day"_s, u"n#k"_s,
                                             u"either matches"_s};
}

void TestCronExpression::portabilityWarnings_nameNonStandardSyntax()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);

    const QStringList warnings = CronExpression::parse(text).portabilityWarnings();
    QCOMPARE(warnings.size(), mentions.size());
    for (qsizetype i = 0; i < mentions.size(); ++i)
        QVERIFY2(warnings.at(i).contains(mentions.at(i)), qPrintable(warnings.at(i)));
}

void TestCronExpression::neverFires_isDecidedFromTheCalendar_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("never");

    QTest::newRow("February 30") << u"0 0 30 2 *"_s << true;
    QTest::newRow("February 31") << u"0 0 31 2 *"_s << true;
    QTest::newRow("31st of the short months") << u"0 0 31 4,6,9,11 *"_s << true;
    QTest::newRow("February 29 happens") << u"0 0 29 2 *"_s << false;
    QTest::newRow("OR rescues February 30") << u"0 0 30 2 mon"_s << false;
    QTest::newRow("fifth Monday of February happens") << u"0 0 * 2 1#5"_s << false;
    QTest::newRow("last day of February") << u"0 0 L 2 *"_s << false;
    QTest::newRow("31st with a long month") << u"0 0 31 2,3 *"_s << false;
    QTest::newRow("every minute") << u"* * * * *"_s << false;
}

void TestCronExpression::neverFires_isDecidedFromTheCalendar()
{
    QFETCH(QString, text);
    QFETCH(bool, never);

    const CronExpression expr = CronExpression::parse(text);
    QVERIFY(expr.isValid());
    QCOMPARE(expr.neverFires(), never);
    const QDateTime from = instant(u"2026-01-01T00:00:00Z"_s);
    QCOMPARE(expr.next(from, QTimeZone::utc()).has_value(), !never);
    QCOMPARE(expr.previous(from, QTimeZone::utc()).has_value(), !never);
    QCOMPARE(expr.nextN(from, QTimeZone::utc(), 3).isEmpty(), never);
}

void TestCronExpression::shortestInterval_isTheClosestPairOfFirings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("every minute") << u"* * * * *"_s << qint64(60);
    QTest::newRow("every 5 minutes") << u"*/5 * * * *"_s << qint64(300);
    QTest::newRow("uneven minutes") << u"0,10,15 * * * *"_s << qint64(300);
    QTest::newRow("across the hour") << u"50 * * * *"_s << qint64(3600);
    QTest::newRow("daily") << u"0 9 * * *"_s << qint64(86400);
    QTest::newRow("late then early next day") << u"0 1,23 * * *"_s << qint64(7200);
    QTest::newRow("weekdays: Friday to Monday does not count") << u"0 9 * * 1-5"_s << qint64(86400);
    QTest::newRow("weekly") << u"0 9 * * 1"_s << qint64(7 * 86400);
    QTest::newRow("monthly on the 1st") << u"0 0 1 * *"_s << qint64(28 * 86400);
    QTest::newRow("31st and 1st") << u"0 0 1,31 * *"_s << qint64(86400);
    QTest::newRow("every 10 seconds") << u"* * * * * */10"_s << qint64(10);
    QTest::newRow("never fires") << u"0 0 30 2 *"_s << qint64(0);
}

void TestCronExpression::shortestInterval_isTheClosestPairOfFirings()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);

    QCOMPARE(CronExpression::parse(text).shortestInterval().count(), seconds);
}

void TestCronExpression::next_findsTheFollowingFireTimesInUtc_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("strictly after a fire time")
        << u"0 0 * * *"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList {u"2026-01-02T00:00:00+00:00"_s, u"2026-01-03T00:00:00+00:00"_s};
    QTest::newRow("weekdays at nine")
        << u"0 9 * * 1-5"_s << u"2026-03-06T10:00:00Z"_s
        << QStringList {u"2026-03-09T09:00:00+00:00"_s, u"2026-03-10T09:00:00+00:00"_s};
    QTest::newRow("OR rule: the 13th or any Friday")
        << u"0 0 13 * fri"_s << u"2026-02-01T00:00:00Z"_s
        << QStringList {u"2026-02-06T00:00:00+00:00"_s, u"2026-02-13T00:00:00+00:00"_s,
                        u"2026-02-20T00:00:00+00:00"_s, u"2026-02-27T00:00:00+00:00"_s,
                        u"2026-03-06T00:00:00+00:00"_s, u"2026-03-13T00:00:00+00:00"_s};
    QTest::newRow("OR rule rescues February 29 on Mondays")
        << u"0 0 29 2 1"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList {u"2026-02-02T00:00:00+00:00"_s, u"2026-02-09T00:00:00+00:00"_s};
    QTest::newRow("leap days") << u"0 0 29 2 *"_s << u"2026-01-01T00:00:00Z"_s
                               << QStringList {u"2028-02-29T00:00:00+00:00"_s,
                                               u"2032-02-29T00:00:00+00:00"_s};
    QTest::newRow("no leap day in 2100") << u"0 0 29 2 *"_s << u"2097-01-01T00:00:00Z"_s
                                         << QStringList {u"2104-02-29T00:00:00+00:00"_s};
    QTest::newRow("last day of the month")
        << u"0 0 L * *"_s << u"2024-01-15T00:00:00Z"_s
        << QStringList {u"2024-01-31T00:00:00+00:00"_s, u"2024-02-29T00:00:00+00:00"_s,
                        u"2024-03-31T00:00:00+00:00"_s, u"2024-04-30T00:00:00+00:00"_s};
    QTest::newRow("31st skips short months")
        << u"0 0 31 * *"_s << u"2026-01-31T12:00:00Z"_s
        << QStringList {u"2026-03-31T00:00:00+00:00"_s, u"2026-05-31T00:00:00+00:00"_s};
    QTest::newRow("day step restarts on the 1st")
        << u"0 0 */5 * *"_s << u"2026-02-27T00:00:00Z"_s
        << QStringList {u"2026-03-01T00:00:00+00:00"_s, u"2026-03-06T00:00:00+00:00"_s};
    QTest::newRow("last Friday") << u"0 12 * * L5"_s << u"2026-01-01T00:00:00Z"_s
                                 << QStringList {u"2026-01-30T12:00:00+00:00"_s,
                                                 u"2026-02-27T12:00:00+00:00"_s,
                                                 u"2026-03-27T12:00:00+00:00"_s};
    QTest::newRow("first Monday") << u"0 0 * * 1#1"_s << u"2026-01-01T00:00:00Z"_s
                                  << QStringList {u"2026-01-05T00:00:00+00:00"_s,
                                                  u"2026-02-02T00:00:00+00:00"_s,
                                                  u"2026-03-02T00:00:00+00:00"_s};
    QTest::newRow("fifth Friday") << u"0 0 * * 5#5"_s << u"2026-01-01T00:00:00Z"_s
                                  << QStringList {u"2026-01-30T00:00:00+00:00"_s,
                                                  u"2026-05-29T00:00:00+00:00"_s,
                                                  u"2026-07-31T00:00:00+00:00"_s};
    QTest::newRow("seconds field")
        << u"*/20 * * * * */30"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList {u"2026-01-01T00:00:30+00:00"_s, u"2026-01-01T00:20:00+00:00"_s,
                        u"2026-01-01T00:20:30+00:00"_s};
    QTest::newRow("end of year") << u"59 23 31 12 *"_s << u"2026-06-01T00:00:00Z"_s
                                 << QStringList {u"2026-12-31T23:59:00+00:00"_s,
                                                 u"2027-12-31T23:59:00+00:00"_s};
    QTest::newRow("before 1970") << u"0 0 1 1 *"_s << u"1960-06-01T00:00:00Z"_s
                                 << QStringList {u"1961-01-01T00:00:00+00:00"_s};
    QTest::newRow("far future") << u"0 0 1 1 *"_s << u"3000-06-01T00:00:00Z"_s
                                << QStringList {u"3001-01-01T00:00:00+00:00"_s};
}

void TestCronExpression::next_findsTheFollowingFireTimesInUtc()
{
    QFETCH(QString, text);
    QFETCH(QString, from);
    QFETCH(QStringList, expected);

    const CronExpression expr = CronExpression::parse(text);
    QVERIFY(expr.isValid());
    const QList<QDateTime> fires
        = expr.nextN(instant(from), QTimeZone::utc(), int(expected.size()));
    QCOMPARE(isoList(fires, QTimeZone::utc()), expected);
    for (const QDateTime &fire : fires)
        QCOMPARE(fire.timeSpec(), Qt::UTC);
    const std::optional<QDateTime> first = expr.next(instant(from), QTimeZone::utc());
    QVERIFY(first);
    QCOMPARE(iso(*first, QTimeZone::utc()), expected.first());
}

void TestCronExpression::previous_findsTheEarlierFireTimesNewestFirst_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("strictly before a fire time")
        << u"0 0 * * *"_s << u"2026-01-02T00:00:00Z"_s
        << QStringList {u"2026-01-01T00:00:00+00:00"_s, u"2025-12-31T00:00:00+00:00"_s};
    QTest::newRow("weekdays at nine")
        << u"0 9 * * 1-5"_s << u"2026-03-09T08:00:00Z"_s
        << QStringList {u"2026-03-06T09:00:00+00:00"_s, u"2026-03-05T09:00:00+00:00"_s};
    QTest::newRow("OR rule") << u"0 0 13 * fri"_s << u"2026-03-14T00:00:00Z"_s
                             << QStringList {u"2026-03-13T00:00:00+00:00"_s,
                                             u"2026-03-06T00:00:00+00:00"_s,
                                             u"2026-02-27T00:00:00+00:00"_s};
    QTest::newRow("leap days") << u"0 0 29 2 *"_s << u"2026-01-01T00:00:00Z"_s
                               << QStringList {u"2024-02-29T00:00:00+00:00"_s,
                                               u"2020-02-29T00:00:00+00:00"_s};
    QTest::newRow("last day of the month")
        << u"0 0 L * *"_s << u"2024-04-15T00:00:00Z"_s
        << QStringList {u"2024-03-31T00:00:00+00:00"_s, u"2024-02-29T00:00:00+00:00"_s};
    QTest::newRow("31st skips short months")
        << u"0 0 31 * *"_s << u"2026-05-01T00:00:00Z"_s
        << QStringList {u"2026-03-31T00:00:00+00:00"_s, u"2026-01-31T00:00:00+00:00"_s};
    QTest::newRow("last Friday") << u"0 12 * * L5"_s << u"2026-03-01T00:00:00Z"_s
                                 << QStringList {u"2026-02-27T12:00:00+00:00"_s,
                                                 u"2026-01-30T12:00:00+00:00"_s};
    QTest::newRow("seconds field")
        << u"*/20 * * * * */30"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList {u"2025-12-31T23:40:30+00:00"_s, u"2025-12-31T23:40:00+00:00"_s};
}

void TestCronExpression::previous_findsTheEarlierFireTimesNewestFirst()
{
    QFETCH(QString, text);
    QFETCH(QString, before);
    QFETCH(QStringList, expected);

    const CronExpression expr = CronExpression::parse(text);
    const QList<QDateTime> fires
        = expr.previousN(instant(before), QTimeZone::utc(), int(expected.size()));
    QCOMPARE(isoList(fires, QTimeZone::utc()), expected);
}

void TestCronExpression::next_isStrictlyAfterEvenWithinASecond()
{
    const CronExpression everySecond = CronExpression::parse(u"* * * * * *"_s);
    const QDateTime half = instant(u"2026-01-01T00:00:00.500Z"_s);
    QCOMPARE(iso(*everySecond.next(half, QTimeZone::utc()), QTimeZone::utc()),
             u"2026-01-01T00:00:01+00:00"_s);
    QCOMPARE(iso(*everySecond.previous(half, QTimeZone::utc()), QTimeZone::utc()),
             u"2026-01-01T00:00:00+00:00"_s);

    const CronExpression everyMinute = CronExpression::parse(u"* * * * *"_s);
    const QDateTime late = instant(u"2026-01-01T00:00:59.999Z"_s);
    QCOMPARE(iso(*everyMinute.next(late, QTimeZone::utc()), QTimeZone::utc()),
             u"2026-01-01T00:01:00+00:00"_s);
    QCOMPARE(iso(*everyMinute.previous(late, QTimeZone::utc()), QTimeZone::utc()),
             u"2026-01-01T00:00:00+00:00"_s);
}

void TestCronExpression::next_returnsNothingForInvalidInput()
{
    const CronExpression expr = CronExpression::parse(u"0 9 * * *"_s);
    const QDateTime from = instant(u"2026-01-01T00:00:00Z"_s);
    QVERIFY(!expr.next(from, QTimeZone()));
    QVERIFY(!expr.next(QDateTime(), QTimeZone::utc()));
    QVERIFY(!CronExpression().next(from, QTimeZone::utc()));
    QVERIFY(expr.nextN(from, QTimeZone::utc(), 0).isEmpty());
    QVERIFY(expr.previousN(from, QTimeZone::utc(), -1).isEmpty());
}

void TestCronExpression::next_stopsAtTheEndOfYear9999()
{
    const CronExpression expr = CronExpression::parse(u"0 0 1 1 *"_s);
    QVERIFY(!expr.next(instant(u"9999-06-01T00:00:00Z"_s), QTimeZone::utc()));
    const QList<QDateTime> last
        = expr.nextN(instant(u"9997-06-01T00:00:00Z"_s), QTimeZone::utc(), 5);
    QCOMPARE(last.size(), 2);
    QCOMPARE(iso(last.last(), QTimeZone::utc()), u"9999-01-01T00:00:00+00:00"_s);
}

void TestCronExpression::nextAndPrevious_areInversesOfEachOther_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::newRow("UTC") << QByteArray("UTC");
    QTest::newRow("New York") << QByteArray("America/New_York");
    QTest::newRow("Lord Howe") << QByteArray("Australia/Lord_Howe");
    QTest::newRow("Chatham") << QByteArray("Pacific/Chatham");
}

void TestCronExpression::nextAndPrevious_areInversesOfEachOther()
{
    QFETCH(QByteArray, zone);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const QStringList expressions {u"*/7 * * * *"_s,     u"30 2 * * *"_s,  u"0 1,2,3 * * *"_s,
                                   u"15 */5 1,15 * 1"_s, u"0 0 L * 5#2"_s, u"*/15 1-3 * * * 10"_s};
    QRandomGenerator random(20260308);
    const ZoneRules &rules = ZoneRules::forZone(tz);
    const QList<ZoneRules::Transition> changes = rules.transitions(1577836800, 1893456000);
    for (const QString &text : expressions) {
        const CronExpression expr = CronExpression::parse(text);
        QVERIFY(expr.isValid());
        for (int i = 0; i < 300; ++i) {
            // Within two days of a clock change half of the time, anywhere in 2020-2029 else.
            qint64 t = qint64(random.bounded(1577836800, 1893456000));
            if (!changes.isEmpty() && i % 2 == 0)
                t = changes.at(random.bounded(int(changes.size()))).at
                    + random.bounded(-2 * 86400, 2 * 86400);
            const std::optional<qint64> next = expr.nextSeconds(t, rules);
            QVERIFY(next);
            QVERIFY(*next > t);
            // Nothing fires between t and next, in either direction of search.
            const std::optional<qint64> back = expr.previousSeconds(*next, rules);
            QVERIFY(back);
            QVERIFY2(*back <= t, qPrintable(text));
            QCOMPARE(expr.nextSeconds(*back, rules), next);
            QCOMPARE(expr.previousSeconds(*next + 1, rules), next);
        }
    }
}

QTEST_GUILESS_MAIN(TestCronExpression)
#include "tst_cronexpression.moc"
