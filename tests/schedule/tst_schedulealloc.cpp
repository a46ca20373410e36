#include "alloccounter.h"

#include <models/schedule/cronexpression.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;

// "After parsing, computing a next fire time allocates nothing": every heap allocation of the
// process is counted while fire times are computed.
class TestScheduleAlloc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void counter_seesQtAndStandardAllocations();
    void next_allocatesNothingAfterParsing_data();
    void next_allocatesNothingAfterParsing();
};

void TestScheduleAlloc::initTestCase()
{
    if (!ALLOC_COUNTER_AVAILABLE)
        QSKIP("allocation counting is not available in sanitizer builds");
}

void TestScheduleAlloc::counter_seesQtAndStandardAllocations()
{
    // A volatile pointer keeps the optimiser from eliding the new/delete pair (which C++ allows).
    static int *volatile sink = nullptr;
    alloccounter::Scope scope;
    QString text = u"a longer string than any small-string buffer would hold"_s;
    text.append(text);
    sink = new int(42);
    delete sink;
    QVERIFY2(scope.count() >= 2, qPrintable(u"counted %1"_s.arg(scope.count())));
}

void TestScheduleAlloc::next_allocatesNothingAfterParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("zone");

    const QStringList expressions {u"*/5 * * * *"_s,    u"0 9 * * 1-5"_s, u"30 2 * * *"_s,
                                   u"0 0 29 2 *"_s,     u"0 0 L * 5#3"_s, u"0,30 1,2 * * *"_s,
                                   u"* * * * * */10"_s, u"@monthly"_s};
    const QList<QByteArray> zones {"UTC", "America/New_York", "Australia/Lord_Howe",
                                   "Asia/Kathmandu", "America/Santiago"};
    for (const QString &text : expressions) {
        for (const QByteArray &zone : zones)
            QTest::addRow("%s in %s", qPrintable(text), zone.constData()) << text << zone;
    }
}

void TestScheduleAlloc::next_allocatesNothingAfterParsing()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, zone);

    const CronExpression expr = CronExpression::parse(text);
    const QTimeZone tz(zone);
    const QDateTime start = QDateTime::fromString(u"2026-02-20T00:00:00Z"_s, Qt::ISODate);
    const ZoneRules &rules = ZoneRules::forZone(tz); // builds and caches the zone table
    QVERIFY(expr.next(start, tz)); // warm up: first use of the zone by the QDateTime path

    // Through both clock changes of 2026.
    std::optional<QDateTime> at = start;
    std::optional<qint64> seconds = start.toSecsSinceEpoch();
    long long allocations = 0;
    int computed = 0;
    {
        alloccounter::Scope scope;
        for (int i = 0; i < 2000 && at && seconds; ++i) {
            at = expr.next(*at, tz);
            seconds = expr.nextSeconds(*seconds, rules);
            const std::optional<QDateTime> back = expr.previous(*at, tz);
            const std::optional<qint64> backSeconds = expr.previousSeconds(*seconds, rules);
            computed += 2 + (back ? 1 : 0) + (backSeconds ? 1 : 0);
        }
        allocations = scope.count();
    }
    QVERIFY(computed > 2000);
    QCOMPARE(allocations, 0LL);
}

QTEST_GUILESS_MAIN(TestScheduleAlloc)
#include "tst_schedulealloc.moc"
