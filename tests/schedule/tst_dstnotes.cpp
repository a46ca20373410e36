#include "scheduletestutil.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/dstnotes.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;
using crondesk::schedule::testutil::instant;

namespace {

// "gap later 2026-03-08 02:30 2026-03-08T07:30:00Z"
QString noteText(const DstNote &note)
{
    const QString kind = note.kind == DstNote::Kind::Gap ? u"gap"_s : u"overlap"_s;
    QString outcome;
    switch (note.outcome) {
    case DstNote::Outcome::FiresLater:
        outcome = u"later"_s;
        break;
    case DstNote::Outcome::Skipped:
        outcome = u"skipped"_s;
        break;
    case DstNote::Outcome::FiresOnceAtFirstOccurrence:
        outcome = u"once"_s;
        break;
    }
    return QStringList {kind, outcome, note.date.toString(Qt::ISODate),
                        note.wallTime.toString(u"HH:mm"), note.firesAt.toString(Qt::ISODate)}
        .join(u' ');
}

} // namespace

class TestDstNotes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dstNotes_listRunsOnClockChangesAndTheirFate_data();
    void dstNotes_listRunsOnClockChangesAndTheirFate();
    void dstNotes_explainWithLocalTimesAndOffsets();
};

void TestDstNotes::dstNotes_listRunsOnClockChangesAndTheirFate_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("days");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("NY 02:30 moves to 03:30")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << 365
        << QStringList {u"gap later 2026-03-08 02:30 2026-03-08T07:30:00Z"_s};
    QTest::newRow("NY 01:30 runs once")
        << QByteArray("America/New_York") << u"30 1 * * *"_s << 365
        << QStringList {u"overlap once 2026-11-01 01:30 2026-11-01T05:30:00Z"_s};
    QTest::newRow("NY half-hourly: moved runs merge, repeated ones run once")
        << QByteArray("America/New_York") << u"*/30 * * * *"_s << 365
        << QStringList {u"gap skipped 2026-03-08 02:00 2026-03-08T07:00:00Z"_s,
                        u"gap skipped 2026-03-08 02:30 2026-03-08T07:30:00Z"_s,
                        u"overlap once 2026-11-01 01:00 2026-11-01T05:00:00Z"_s,
                        u"overlap once 2026-11-01 01:30 2026-11-01T05:30:00Z"_s};
    QTest::newRow("NY weekdays: the changes fall on Sundays")
        << QByteArray("America/New_York") << u"30 1,2 * * 1-5"_s << 365 << QStringList();
    QTest::newRow("NY within 30 days: no change yet")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << 30 << QStringList();
    QTest::newRow("Sydney: overlap in April, gap in October")
        << QByteArray("Australia/Sydney") << u"30 2 * * *"_s << 365
        << QStringList {u"overlap once 2026-04-05 02:30 2026-04-04T15:30:00Z"_s,
                        u"gap later 2026-10-04 02:30 2026-10-03T16:30:00Z"_s};
    QTest::newRow("Lord Howe: half-hour gap")
        << QByteArray("Australia/Lord_Howe") << u"15 2 * * *"_s << 365
        << QStringList {u"gap later 2026-10-04 02:15 2026-10-03T15:45:00Z"_s};
    QTest::newRow("UTC has no changes")
        << QByteArray("UTC") << u"* * * * *"_s << 365 << QStringList();
    QTest::newRow("Kathmandu has no changes")
        << QByteArray("Asia/Kathmandu") << u"* * * * *"_s << 365 << QStringList();
    QTest::newRow("never fires") << QByteArray("America/New_York") << u"0 0 30 2 *"_s << 365
                                 << QStringList();
}

void TestDstNotes::dstNotes_listRunsOnClockChangesAndTheirFate()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, text);
    QFETCH(int, days);
    QFETCH(QStringList, expected);

    const QList<DstNote> notes = dstNotes(CronExpression::parse(text), QTimeZone(zone),
                                          instant(u"2026-01-01T00:00:00Z"_s), days);
    QStringList actual;
    for (const DstNote &note : notes) {
        actual.append(noteText(note));
        QVERIFY(!note.explanation.isEmpty());
    }
    QCOMPARE(actual, expected);
}

void TestDstNotes::dstNotes_explainWithLocalTimesAndOffsets()
{
    const QTimeZone ny("America/New_York");
    const QDateTime from = instant(u"2026-01-01T00:00:00Z"_s);

    const QList<DstNote> gap = dstNotes(CronExpression::parse(u"30 2 * * *"_s), ny, from);
    QCOMPARE(gap.size(), 1);
    QCOMPARE(gap.first().explanation,
             u"On 2026-03-08 the clocks in America/New_York go forward from 02:00 to 03:00, so "
             "02:30 does not exist that day. It runs at 03:30 (UTC-04:00) instead, as late as "
             "the gap is long."_s);

    const QList<DstNote> merged = dstNotes(CronExpression::parse(u"0 2,3 * * *"_s), ny, from);
    QCOMPARE(merged.size(), 1);
    QVERIFY2(merged.first().explanation.contains(u"does not run separately"_s),
             qPrintable(merged.first().explanation));

    const QList<DstNote> overlap = dstNotes(CronExpression::parse(u"30 1 * * *"_s), ny, from);
    QCOMPARE(overlap.size(), 1);
    QCOMPARE(overlap.first().explanation,
             u"On 2026-11-01 the clocks in America/New_York go back from 02:00 to 01:00, so "
             "01:30 happens twice. It runs once, at the first 01:30 (UTC-04:00), not again at "
             "01:30 (UTC-05:00)."_s);
}

QTEST_GUILESS_MAIN(TestDstNotes)
#include "tst_dstnotes.moc"
