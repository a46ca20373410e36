#include <models/api/cronwrite.h>
#include <models/common/displayformat.h>
#include <models/inventory/crontablemodel.h>

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::CronTableModel;

namespace {

api::Cron makeCron(const QString &id, const QString &schedule = u"0 9 * * *"_s)
{
    api::Cron cron;
    cron.cronId = id;
    cron.assistantId = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
    cron.schedule = schedule;
    cron.nextRunDate = QDateTime(QDate(2026, 11, 22), QTime(9, 0), Qt::UTC);
    return cron;
}

QList<api::Cron> makeCrons(std::initializer_list<const char *> ids)
{
    QList<api::Cron> crons;
    for (const char *id : ids)
        crons.append(makeCron(QString::fromLatin1(id)));
    return crons;
}

QStringList idsOf(const CronTableModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(CronTableModel::CronIdRole).toString());
    return ids;
}

} // namespace

class TestCronTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The next-run column shows the operator's zone too; pin it so expectations hold anywhere.
        qputenv("TZ", "Europe/Berlin");
    }

    void upsert_appendsNewRowsAndUpdatesKnownOnes()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a", "b"}));
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QList<api::Cron> next = makeCrons({"b", "c"});
        next[0].schedule = u"*/5 * * * *"_s;
        model.upsertCrons(next);
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toModelIndex().row(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.index(1, CronTableModel::ScheduleColumn).data().toString(),
                 u"*/5 * * * *"_s);
    }

    void merge_removesGoneRowsUpdatesChangedAppendsNew_withoutAReset()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a", "b", "c", "d", "e"}));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<api::Cron> fresh = makeCrons({"e", "a", "d", "f"});
        fresh[2].enabled = false; // d was paused elsewhere
        model.mergeCrons(fresh);

        QCOMPARE(reset.size(), 0);
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"d"_s, u"e"_s, u"f"_s}));
        QCOMPARE(removed.size(), 1); // "b" and "c" are adjacent: one removal
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(model.rowOf(u"d"_s), CronTableModel::EnabledColumn).data().toString(),
                 u"Paused"_s);
        QCOMPARE(model.rowOf(u"f"_s), 3);
        QCOMPARE(model.rowOf(u"b"_s), -1);
    }

    void merge_keepsThePersistentIndexOfAnUnchangedRow()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a", "b", "c"}));
        const QPersistentModelIndex selected = model.index(2, 0);
        model.mergeCrons(makeCrons({"c", "x"}));
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data(CronTableModel::CronIdRole).toString(), u"c"_s);
    }

    void merge_withEmptyList_emptiesTheTable()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a", "b"}));
        model.mergeCrons({});
        QCOMPARE(model.rowCount(), 0);
    }

    void removeCron_removesOnlyThatRowAndKeepsLookupsRight()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a", "b", "c"}));
        model.removeCron(u"a"_s);
        model.removeCron(u"unknown"_s);
        QCOMPARE(idsOf(model), (QStringList {u"b"_s, u"c"_s}));
        QCOMPARE(model.rowOf(u"c"_s), 1);
    }

    void display_statelessThreadAndDefaultTimezone()
    {
        CronTableModel model;
        api::Cron stateless = makeCron(u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        api::Cron bound = makeCron(u"2"_s);
        bound.threadId = u"9dde5490-2b67-47c8-aa14-4bfec88af217"_s;
        bound.timezone = u"America/New_York"_s;
        model.upsertCrons({stateless, bound});
        QCOMPARE(model.index(0, CronTableModel::CronIdColumn).data().toString(), u"1ef3cefa"_s);
        QCOMPARE(model.index(0, CronTableModel::CronIdColumn).data(Qt::ToolTipRole).toString(),
                 stateless.cronId);
        QCOMPARE(model.index(0, CronTableModel::ThreadColumn).data().toString(), u"stateless"_s);
        QCOMPARE(model.index(0, CronTableModel::TimezoneColumn).data().toString(),
                 u"UTC (default)"_s);
        QCOMPARE(model.index(1, CronTableModel::ThreadColumn).data().toString(), u"9dde5490"_s);
        QCOMPARE(model.index(1, CronTableModel::TimezoneColumn).data().toString(),
                 u"America/New_York"_s);
    }

    void display_nextRunInTheCronsZoneWithRelativeTime()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        api::Cron cron = makeCron(u"c"_s);
        cron.timezone = u"America/New_York"_s;
        cron.nextRunDate = QDateTime(QDate(2026, 11, 22), QTime(14, 0), Qt::UTC);
        model.upsertCrons({cron});
        QCOMPARE(model.index(0, CronTableModel::NextRunColumn).data().toString(),
                 u"2026-11-22 09:00 EST · 15:00 local · in 8 h"_s);
        QCOMPARE(model.index(0, CronTableModel::NextRunColumn)
                     .data(CronTableModel::SortRole)
                     .toDateTime(),
                 cron.nextRunDate);
    }

    void nextRunToolTip_showsEachClockOnlyWhenItReadsDifferently_data()
    {
        QTest::addColumn<QString>("timezone");
        QTest::newRow("UTC") << u"UTC"_s;
        QTest::newRow("no zone (UTC)") << QString();
        QTest::newRow("New York") << u"America/New_York"_s;
        QTest::newRow("Tokyo") << u"Asia/Tokyo"_s;
    }
    void nextRunToolTip_showsEachClockOnlyWhenItReadsDifferently()
    {
        QFETCH(QString, timezone);
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        api::Cron cron = makeCron(u"c"_s);
        cron.timezone = timezone;
        model.upsertCrons({cron});
        const QStringList lines = model.index(0, CronTableModel::NextRunColumn)
                                      .data(Qt::ToolTipRole)
                                      .toString()
                                      .split(u'\n');
        QVERIFY(lines.first().endsWith(u" in the cron's zone"_s));
        // Whatever the desk's own zone: no two lines name the same wall time.
        QStringList times;
        for (const QString &line : lines)
            times << line.left(16);
        times.removeDuplicates();
        QCOMPARE(times.size(), lines.size());
        // The UTC line is there exactly when neither the cron's clock nor the desk's is UTC.
        const bool utcCron = timezone.isEmpty() || timezone == u"UTC"_s;
        const bool utcDesk = cron.nextRunDate.toLocalTime().offsetFromUtc() == 0;
        QCOMPARE(lines.last().endsWith(u" UTC"_s) && lines.size() > 1, !utcCron && !utcDesk);
    }

    void assistants_showNameAndGraphOnceKnown()
    {
        CronTableModel model;
        model.upsertCrons({makeCron(u"c"_s)});
        QCOMPARE(model.index(0, CronTableModel::AssistantColumn).data().toString(), u"fe096781"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        api::Assistant assistant;
        assistant.assistantId = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
        assistant.graphId = u"agent"_s;
        assistant.name = u"Daily digest"_s;
        model.setAssistants({assistant});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, CronTableModel::AssistantColumn).data().toString(),
                 u"Daily digest (agent)"_s);
    }

    void display_everyColumnForAThreadCron()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        api::Cron cron = makeCron(u"c"_s);
        cron.threadId = u"9dde5490-2b67-47c8-aa14-4bfec88af217"_s;
        cron.metadata = QJsonObject {{"team"_L1, "infra"_L1}, {"tier"_L1, 2}};
        cron.payload = QJsonObject {{"webhook"_L1, "https://hooks.example.com/x"_L1}};
        cron.userId = u"alice"_s;
        // Shown on the desk's clock (Berlin here): winter and summer time.
        cron.createdAt = QDateTime(QDate(2026, 1, 15), QTime(5, 30), Qt::UTC);
        cron.updatedAt = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
        model.upsertCrons({cron});
        auto text = [&model](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(text(CronTableModel::CreatedColumn), u"2026-01-15 06:30"_s);
        QCOMPARE(text(CronTableModel::UpdatedColumn), u"2026-07-01 14:00"_s);
        QCOMPARE(text(CronTableModel::DescriptionColumn), u"At 09:00 (UTC)"_s);
        QCOMPARE(text(CronTableModel::OnCompletionColumn), u"—"_s);
        QCOMPARE(text(CronTableModel::MultitaskColumn), u"enqueue (default)"_s);
        QCOMPARE(text(CronTableModel::WebhookColumn), u"https://hooks.example.com/x"_s);
        QCOMPARE(text(CronTableModel::UserColumn), u"alice"_s);
        QCOMPARE(text(CronTableModel::MetadataColumn), u"team=infra, tier=2"_s);
        QCOMPARE(
            model.index(0, CronTableModel::ThreadColumn).data(CronTableModel::CopyRole).toString(),
            cron.threadId);
    }

    void health_isAssessedPerRowAndReassessedWhenTimeMoves()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC));
        model.upsertCrons({makeCron(u"c"_s)}); // next run 09:00 UTC, daily at 09:00
        QCOMPARE(model.healthAt(0), models::HealthFlags());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // 09:05: the run came due after the row was read at 08:00; the row does not know yet.
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(9, 5), Qt::UTC));
        QCOMPARE(model.healthAt(0), models::HealthFlags(models::HealthFlag::Due));
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(0, CronTableModel::HealthColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Due"_s));
        QVERIFY(model.index(0, CronTableModel::NextRunColumn)
                    .data()
                    .toString()
                    .endsWith(u" · due, checking"_s));
        // Read again at 09:05 and the server still says 09:00: now it is overdue.
        model.upsertCrons({makeCron(u"c"_s)}, QDateTime(QDate(2026, 11, 22), QTime(9, 5), Qt::UTC));
        QVERIFY(model.healthAt(0).testFlag(models::HealthFlag::Overdue));
        QCOMPARE(changed.size(), 2);
        QVERIFY(model.index(0, CronTableModel::HealthColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Overdue"_s));
    }

    // The false alarm: a cron read at T just before its run, that fired on time, was flagged
    // Overdue at T + 2 min because the wall clock moved and the row did not.
    void health_cronThatFiredOnTime_isNotOverdueTwoMinutesAfterItWasRead()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime read(QDate(2026, 11, 22), QTime(8, 59, 30), Qt::UTC);
        model.setNow(read);
        model.upsertCrons({makeCron(u"c"_s)}); // next run 09:00
        model.setNow(read.addSecs(120));
        QVERIFY(!model.healthAt(0).testFlag(models::HealthFlag::Overdue));
        QVERIFY(!(model.healthAt(0) & models::problemFlags()));
        // Read again: the server fired it and moved it on.
        api::Cron fired = makeCron(u"c"_s);
        fired.nextRunDate = fired.nextRunDate.addDays(1);
        model.upsertCrons({fired}, read.addSecs(45));
        QCOMPARE(model.healthAt(0), models::HealthFlags());
        QCOMPARE(model.readAt(0), read.addSecs(45));
    }

    void upsert_answerOlderThanTheRowsRead_keepsTheNewerValues()
    {
        CronTableModel model;
        const QDateTime t0(QDate(2026, 11, 22), QTime(9, 0, 10), Qt::UTC);
        api::Cron fired = makeCron(u"c"_s);
        fired.nextRunDate = fired.nextRunDate.addDays(1);
        model.upsertCrons({fired}, t0);
        // A reload's page read before that re-read arrives last.
        model.mergeBatches({{{makeCron(u"c"_s)}, t0.addSecs(-20)}});
        QCOMPARE(model.cronAt(0).nextRunDate, fired.nextRunDate);
        QCOMPARE(model.readAt(0), t0);
    }

    void mergeBatches_stampsEachRowWithItsOwnPagesReadTime()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime t0(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.setNow(t0);
        model.upsertCrons(makeCrons({"a", "b", "gone"}), t0);
        model.mergeBatches(
            {{makeCrons({"a"}), t0.addSecs(60)}, {makeCrons({"b", "new"}), t0.addSecs(90)}});
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s, u"new"_s}));
        QCOMPARE(model.readAt(model.rowOf(u"a"_s)), t0.addSecs(60));
        QCOMPARE(model.readAt(model.rowOf(u"b"_s)), t0.addSecs(90));
        QCOMPARE(model.readAt(model.rowOf(u"new"_s)), t0.addSecs(90));
    }

    void merge_pageByPage_removesOnlyAtTheEnd_andKeepsRowsWrittenMeanwhile()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime t0(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.setNow(t0);
        model.upsertCrons(makeCrons({"a", "b", "gone", "c"}), t0);
        model.beginMerge();
        QVERIFY(model.isMerging());
        model.upsertCrons(makeCrons({"a", "new"}), t0.addSecs(60));
        // A cron the operator created while the reload ran, written by the app, not read.
        model.upsertCrons(makeCrons({"created"}));
        model.upsertCrons(makeCrons({"b"}), t0.addSecs(90));
        // Nothing leaves before the listing is complete.
        QCOMPARE(model.rowCount(), 6);
        // "c" was read again, but by an answer older than the row's: it still exists.
        model.upsertCrons(makeCrons({"c"}), t0.addSecs(-30));
        model.endMerge();
        QVERIFY(!model.isMerging());
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s, u"c"_s, u"new"_s, u"created"_s}));
        for (const QString &id : idsOf(model))
            QCOMPARE(model.cronAt(model.rowOf(id)).cronId, id);
    }

    void merge_abandoned_removesNothing_andTheNextMergeStartsAfresh()
    {
        CronTableModel model;
        const QDateTime t0(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.setNow(t0);
        model.upsertCrons(makeCrons({"a", "b", "c"}), t0);
        model.beginMerge();
        model.upsertCrons(makeCrons({"a"}), t0.addSecs(60));
        model.abandonMerge();
        model.endMerge(); // no merge running: nothing to end
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s, u"c"_s}));
        // "a" was touched by the abandoned merge; the next one must not count that.
        model.beginMerge();
        model.upsertCrons(makeCrons({"b"}), t0.addSecs(120));
        model.endMerge();
        QCOMPARE(idsOf(model), (QStringList {u"b"_s}));
    }

    void cronsToReread_listsOnlyRowsDuePastAPoll_soonestFirst()
    {
        CronTableModel model;
        const QDateTime read(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.setNow(read);
        QList<api::Cron> crons = makeCrons({"at9", "at859", "at10", "paused", "none", "stuck"});
        crons[1].schedule = u"59 8 * * *"_s;
        crons[1].nextRunDate = QDateTime(QDate(2026, 11, 22), QTime(8, 59), Qt::UTC);
        crons[2].schedule = u"0 10 * * *"_s;
        crons[2].nextRunDate = QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
        crons[3].enabled = false;
        crons[4].nextRunDate = QDateTime();
        crons[5].nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
        model.upsertCrons(crons, read);

        int total = -1;
        // 09:00:03: "at9" is due but the scheduler gets its poll first.
        QCOMPARE(model.cronsToReread(read.addSecs(3603), 10, &total), QStringList {u"at859"_s});
        QCOMPARE(total, 1);
        // 09:00:05: both, the one due longer first; "stuck" was overdue when read (final).
        QCOMPARE(model.cronsToReread(read.addSecs(3605), 10, &total),
                 (QStringList {u"at859"_s, u"at9"_s}));
        QCOMPARE(total, 2);
        QCOMPARE(model.cronsToReread(read.addSecs(3605), 1, &total), QStringList {u"at859"_s});
        QCOMPARE(total, 2);
        // Read again at 09:00:06, still 09:00: asked again ten seconds later, not before.
        model.upsertCrons({crons.at(0)}, read.addSecs(3606));
        QCOMPARE(model.cronsToReread(read.addSecs(3610), 10), QStringList {u"at859"_s});
        QCOMPARE(model.cronsToReread(read.addSecs(3616), 10), (QStringList {u"at859"_s, u"at9"_s}));
        // Read at 09:00:40, still 09:00: overdue, settled, not asked again.
        model.upsertCrons({crons.at(0)}, read.addSecs(3640));
        QVERIFY(model.healthAt(0).testFlag(models::HealthFlag::Overdue));
        QCOMPARE(model.cronsToReread(read.addSecs(3700), 10), QStringList {u"at859"_s});
    }

    void health_storedInvalidZone_isFlaggedAndShownInUtcNotUnderItsName()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC));
        api::Cron cron = makeCron(u"c"_s); // next run 09:00 UTC: long past, and "drift" in UTC
        cron.timezone = u"Berl"_s;
        cron.nextRunDate = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.upsertCrons({cron});
        QCOMPARE(model.healthAt(0), models::HealthFlags(models::HealthFlag::InvalidTimezone));
        QCOMPARE(model.index(0, CronTableModel::TimezoneColumn).data().toString(), u"Berl"_s);
        const QString next = model.index(0, CronTableModel::NextRunColumn).data().toString();
        QVERIFY2(next.startsWith(u"2026-11-22 08:00 UTC"_s), qPrintable(next));
        QVERIFY(!next.contains(u"Berl"_s));
        QCOMPARE(model.index(0, CronTableModel::HealthColumn).data().toString(),
                 u"Invalid time zone"_s);
        QVERIFY(model.cronsToReread(QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC), 10)
                    .isEmpty());
    }

    // Every way the model shows health is the stored per-row result put in words.
    void healthColumn_displayTooltipAndCopy_allComeFromTheStoredFlags()
    {
        CronTableModel model;
        const QDateTime read(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        model.setNow(read);
        QList<api::Cron> crons = makeCrons({"ok", "overdue", "frequent"});
        crons[1].nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
        crons[2].schedule = u"* * * * *"_s;
        crons[2].nextRunDate = read.addSecs(60);
        model.upsertCrons(crons, read);
        for (const QDateTime &now : {read, read.addSecs(90), read.addSecs(3700)}) {
            model.setNow(now);
            for (int row = 0; row < model.rowCount(); ++row) {
                const models::HealthFlags flags = model.healthAt(row);
                const QModelIndex cell = model.index(row, CronTableModel::HealthColumn);
                QCOMPARE(cell.data(CronTableModel::HealthRole).toInt(), int(flags));
                QCOMPARE(cell.data().toString(), models::healthSummary(flags));
                QCOMPARE(cell.data(Qt::ToolTipRole).toString(), model.healthLines(row).join(u'\n'));
                QCOMPARE(cell.data(CronTableModel::CopyRole).toString(),
                         model.healthLines(row).join(u' '));
            }
        }
        QVERIFY(model.healthAt(1).testFlag(models::HealthFlag::Overdue));
        QVERIFY(model.healthAt(2).testFlag(models::HealthFlag::Frequent));
    }

    void freshnessText_saysTheIntervalAndTheAgeOfTheRead_data()
    {
        QTest::addColumn<int>("ageSeconds");
        QTest::addColumn<int>("everySeconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fresh") << 2 << 60 << u"Auto-refresh every 1 min · read just now"_s;
        QTest::newRow("seconds") << 12 << 60 << u"Auto-refresh every 1 min · read 12 s ago"_s;
        QTest::newRow("minutes, off") << 190 << 0 << u"Auto-refresh off · read 3 min ago"_s;
        QTest::newRow("hours") << 7300 << 300 << u"Auto-refresh every 5 min · read 2 h ago"_s;
    }
    void freshnessText_saysTheIntervalAndTheAgeOfTheRead()
    {
        QFETCH(int, ageSeconds);
        QFETCH(int, everySeconds);
        QFETCH(QString, expected);
        const QDateTime read(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        QCOMPARE(models::freshnessText(read, read.addSecs(ageSeconds),
                                       std::chrono::seconds(everySeconds)),
                 expected);
    }

    void lessThan_sortsNextRunChronologicallyWithNoneLast()
    {
        CronTableModel model;
        QList<api::Cron> crons = makeCrons({"late", "early", "none"});
        crons[0].nextRunDate = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
        crons[1].nextRunDate = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
        crons[2].nextRunDate = QDateTime();
        model.upsertCrons(crons);
        const int late = model.rowOf(u"late"_s);
        const int early = model.rowOf(u"early"_s);
        const int none = model.rowOf(u"none"_s);
        QVERIFY(model.lessThan(CronTableModel::NextRunColumn, early, late));
        QVERIFY(!model.lessThan(CronTableModel::NextRunColumn, late, early));
        QVERIFY(model.lessThan(CronTableModel::NextRunColumn, late, none));
    }

    void searchText_coversFullIdsAndEveryColumn()
    {
        CronTableModel model;
        api::Cron cron = makeCron(u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        cron.metadata = QJsonObject {{"Owner"_L1, "Alice"_L1}};
        model.upsertCrons({cron});
        const QByteArray text = model.searchText(0);
        QVERIFY(text.contains("96d0-3dc97fd5e39b"));
        QVERIFY(text.contains("owner=alice"));
        QVERIFY(text.contains("at 09:00"));
    }

    void searchText_findsWhatEachIdColumnShows_withoutRepeatingTheIds()
    {
        CronTableModel model;
        api::Cron thread = makeCron(u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        thread.threadId = u"9dde5490-2b67-47c8-aa14-4bfec88af217"_s;
        api::Cron stateless = makeCron(u"2ab4cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        model.upsertCrons({thread, stateless});
        const QByteArray threadText = model.searchText(model.rowOf(thread.cronId));
        const QByteArray statelessText = model.searchText(model.rowOf(stateless.cronId));
        // What the id columns show (short ids, "stateless") is found...
        for (const int column : {CronTableModel::CronIdColumn, CronTableModel::AssistantColumn,
                                 CronTableModel::ThreadColumn}) {
            QVERIFY(
                threadText.contains(model.index(0, column).data().toString().toLower().toUtf8()));
            QVERIFY(statelessText.contains(
                model.index(1, column).data().toString().toLower().toUtf8()));
        }
        QVERIFY(statelessText.contains("stateless"));
        // ...while each full id is in the text once: the short ids are their beginnings.
        QCOMPARE(threadText.count("1ef3cefa"), 1);
        QCOMPARE(threadText.count("9dde5490"), 1);
        QCOMPARE(threadText.count("fe096781"), 1);

        // A named assistant's label is not part of its id, so it is searchable in its own right.
        api::Assistant assistant;
        assistant.assistantId = thread.assistantId;
        assistant.graphId = u"agent"_s;
        assistant.name = u"Daily Digest"_s;
        model.setAssistants({assistant});
        QVERIFY(model.searchText(0).contains("daily digest (agent)"));
    }

    void searchText_foldsTextBeyondAsciiToLowerCase()
    {
        CronTableModel model;
        api::Cron cron = makeCron(u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        cron.metadata = QJsonObject {{"owner"_L1, u"ZOË"_s}};
        cron.userId = u"Ärger"_s;
        model.upsertCrons({cron});
        QVERIFY(model.searchText(0).contains("owner=zoë"));
        QVERIFY(model.matchesSearch(0, "owner=zoë"));
        QVERIFY(model.matchesSearch(0, "ärger"));
    }

    void matchesSearch_findsEachColumnsText_andTheSameTextIsKeptOnceForRowsThatShareIt_data()
    {
        QTest::addColumn<int>("column");
        for (const int column : {CronTableModel::CronIdColumn, CronTableModel::AssistantColumn,
                                 CronTableModel::ThreadColumn, CronTableModel::ScheduleColumn,
                                 CronTableModel::DescriptionColumn, CronTableModel::TimezoneColumn,
                                 CronTableModel::EndTimeColumn, CronTableModel::EnabledColumn,
                                 CronTableModel::OnCompletionColumn, CronTableModel::WebhookColumn,
                                 CronTableModel::MultitaskColumn, CronTableModel::CreatedColumn,
                                 CronTableModel::UpdatedColumn, CronTableModel::UserColumn,
                                 CronTableModel::MetadataColumn})
            QTest::newRow(
                qPrintable(CronTableModel().headerData(column, Qt::Horizontal).toString()))
                << column;
    }

    void matchesSearch_findsEachColumnsText_andTheSameTextIsKeptOnceForRowsThatShareIt()
    {
        QFETCH(int, column);
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        QList<api::Cron> crons;
        for (int i = 0; i < 6; ++i) {
            api::Cron cron = makeCron(u"%1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s.arg(i));
            cron.timezone = u"Europe/Berlin"_s;
            cron.userId = u"alice"_s;
            cron.endTime = QDateTime(QDate(2027, 3, 1), QTime(i, 0), Qt::UTC);
            cron.createdAt = QDateTime(QDate(2026, 1, 1 + i), QTime(8, 0), Qt::UTC);
            cron.updatedAt = cron.createdAt.addDays(1);
            cron.metadata = QJsonObject {{"seed"_L1, i}};
            cron.payload = QJsonObject {{"webhook"_L1, "https://hooks.example.com/x"_L1}};
            crons.append(cron);
        }
        crons[5].threadId = u"9dde5490-2b67-47c8-aa14-4bfec88af217"_s;
        crons[5].schedule = u"*/5 * * * *"_s;
        crons[5].enabled = false;
        model.upsertCrons(crons);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString shown = model.index(row, column).data().toString();
            QVERIFY2(model.matchesSearch(row, shown.toLower().toUtf8()), qPrintable(shown));
            QVERIFY(model.searchText(row).contains(shown.toLower().toUtf8()));
        }
        QVERIFY(!model.matchesSearch(0, "no such text"));
        // Five rows read alike in every shared column, the sixth differs: two shared parts.
        QCOMPARE(model.sharedSearchTextCount(), 2);
        // A row changed to read like the others is searched by its new text, and its old
        // shared part goes once no row uses it.
        const QByteArray oldDescription = model.index(5, CronTableModel::DescriptionColumn)
                                              .data()
                                              .toString()
                                              .toLower()
                                              .toUtf8();
        QVERIFY(model.matchesSearch(5, oldDescription));
        api::Cron same = crons[5];
        same.threadId.clear();
        same.schedule = crons[0].schedule;
        same.enabled = true;
        model.upsertCrons({same});
        QVERIFY(model.matchesSearch(5, "stateless"));
        QVERIFY(!model.matchesSearch(5, oldDescription));
        QTRY_VERIFY(model.isPrepared());
        QCOMPARE(model.sharedSearchTextCount(), 1);
    }

    void sortKeys_areKeptForTheLastSortedColumnOnly_andStayRightAfterSwitching()
    {
        CronTableModel model;
        QList<api::Cron> crons = makeCrons({"b", "c", "a"});
        crons[0].schedule = u"0 1 * * *"_s;
        crons[1].schedule = u"0 0 * * *"_s;
        crons[2].schedule = u"0 2 * * *"_s;
        model.upsertCrons(crons);
        const int a = model.rowOf(u"a"_s);
        const int b = model.rowOf(u"b"_s);
        const int c = model.rowOf(u"c"_s);
        QCOMPARE(model.sortKeysColumn(), -1);
        QVERIFY(model.lessThan(CronTableModel::CronIdColumn, a, b));
        QVERIFY(model.lessThan(CronTableModel::CronIdColumn, b, c));
        QCOMPARE(model.sortKeysColumn(), int(CronTableModel::CronIdColumn));
        QVERIFY(model.lessThan(CronTableModel::ScheduleColumn, c, b));
        QVERIFY(model.lessThan(CronTableModel::ScheduleColumn, b, a));
        QCOMPARE(model.sortKeysColumn(), int(CronTableModel::ScheduleColumn));
        // Back to the first column: its keys are built again, with the same answers.
        QVERIFY(model.lessThan(CronTableModel::CronIdColumn, a, b));
        QVERIFY(!model.lessThan(CronTableModel::CronIdColumn, c, a));
        QCOMPARE(model.sortKeysColumn(), int(CronTableModel::CronIdColumn));

        // A changed row changes the order of the column sorted by.
        api::Cron renamed = crons[1];
        renamed.schedule = u"0 3 * * *"_s;
        model.upsertCrons({renamed});
        QVERIFY(model.lessThan(CronTableModel::ScheduleColumn, a, c));
        // And the background preparation builds the keys of the column sorted by.
        model.upsertCrons({makeCron(u"d"_s)});
        QTRY_VERIFY(model.isPrepared());
        QCOMPARE(model.sortKeysColumn(), int(CronTableModel::ScheduleColumn));
    }

    void lessThan_ranksIdsThreadsAndMetadataByTheirText_equalOnesTied()
    {
        CronTableModel model;
        QList<api::Cron> crons = makeCrons({"b-2", "a-1", "é-3", "c-0"});
        crons[0].threadId = u"t-2"_s;
        crons[1].threadId = u"t-1"_s;
        crons[3].threadId = u"t-1"_s;
        crons[0].metadata = QJsonObject {{"team"_L1, "b"_L1}};
        crons[1].metadata = QJsonObject {{"team"_L1, "a"_L1}};
        crons[2].metadata = QJsonObject {{"team"_L1, "a"_L1}};
        model.upsertCrons(crons);
        auto order = [&model](int column) {
            QList<int> rows {0, 1, 2, 3};
            std::stable_sort(rows.begin(), rows.end(), [&model, column](int a, int b) {
                return model.lessThan(column, a, b);
            });
            return rows;
        };
        // Code point order: "é" after the ASCII letters.
        QCOMPARE(order(CronTableModel::CronIdColumn), (QList<int> {1, 0, 3, 2}));
        // Stateless first, then by thread id; the two crons of thread t-1 tie (load order).
        QCOMPARE(order(CronTableModel::ThreadColumn), (QList<int> {2, 1, 3, 0}));
        QVERIFY(!model.lessThan(CronTableModel::ThreadColumn, 1, 3));
        QVERIFY(!model.lessThan(CronTableModel::ThreadColumn, 3, 1));
        // By the compact text: no metadata ("{}") after any; equal metadata ties.
        QCOMPARE(order(CronTableModel::MetadataColumn), (QList<int> {1, 2, 0, 3}));
        QVERIFY(!model.lessThan(CronTableModel::MetadataColumn, 1, 2));
    }

    void lessThan_sortsEachInstantColumnChronologicallyWithNoneLast_data()
    {
        QTest::addColumn<int>("column");
        QTest::newRow("end time") << int(CronTableModel::EndTimeColumn);
        QTest::newRow("created") << int(CronTableModel::CreatedColumn);
        QTest::newRow("updated") << int(CronTableModel::UpdatedColumn);
    }

    void lessThan_sortsEachInstantColumnChronologicallyWithNoneLast()
    {
        QFETCH(int, column);
        CronTableModel model;
        QList<api::Cron> crons = makeCrons({"none", "late", "early"});
        const QDateTime late(QDate(2027, 1, 1), QTime(0, 0, 0, 2), Qt::UTC);
        const QDateTime early(QDate(2027, 1, 1), QTime(0, 0, 0, 1), Qt::UTC);
        for (const auto &[index, instant] : {std::pair {1, late}, std::pair {2, early}}) {
            api::Cron &cron = crons[index];
            (column == CronTableModel::EndTimeColumn       ? cron.endTime
                 : column == CronTableModel::CreatedColumn ? cron.createdAt
                                                           : cron.updatedAt)
                = instant;
        }
        model.upsertCrons(crons);
        QVERIFY(model.lessThan(column, 2, 1));
        QVERIFY(!model.lessThan(column, 1, 2));
        QVERIFY(model.lessThan(column, 1, 0));
        QVERIFY(!model.lessThan(column, 0, 1));
    }

    void runParameters_sameValues_areSharedBetweenRows_andShownPerRow()
    {
        CronTableModel model;
        QList<api::Cron> crons = makeCrons({"a", "b", "c", "d"});
        for (api::Cron &cron : crons)
            cron.threadId = u"t"_s;
        crons[0].payload = QJsonObject {{"webhook"_L1, "https://hooks.example.com/x"_L1},
                                        {"multitask_strategy"_L1, "reject"_L1}};
        crons[1].payload = crons[0].payload.object();
        crons[2].payload = QJsonObject {{"multitask_strategy"_L1, "reject"_L1}};
        model.upsertCrons(crons);
        auto text
            = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, CronTableModel::WebhookColumn), u"https://hooks.example.com/x"_s);
        QCOMPARE(text(1, CronTableModel::MultitaskColumn), u"reject"_s);
        QCOMPARE(text(2, CronTableModel::WebhookColumn), QString());
        QCOMPARE(text(2, CronTableModel::MultitaskColumn), u"reject"_s);
        QCOMPARE(text(3, CronTableModel::MultitaskColumn), u"enqueue (default)"_s);
        // One copy for the two rows with the same values; rows with other values have their own.
        QCOMPARE(&model.webhookAt(0), &model.webhookAt(1));
        QVERIFY(&model.webhookAt(0) != &model.webhookAt(2));
        QVERIFY(&model.webhookAt(2) != &model.webhookAt(3));

        // A changed payload is read again.
        api::Cron changed = crons[1];
        changed.payload = QJsonObject {{"webhook"_L1, "https://hooks.example.com/y"_L1}};
        model.upsertCrons({changed});
        QCOMPARE(text(1, CronTableModel::WebhookColumn), u"https://hooks.example.com/y"_s);
        QCOMPARE(text(1, CronTableModel::MultitaskColumn), u"enqueue (default)"_s);
        QCOMPARE(text(0, CronTableModel::WebhookColumn), u"https://hooks.example.com/x"_s);
    }

    void reserveRows_forAnyCount_keepsTheTableAsItWas_andRowsStillArrive()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertCrons(makeCrons({"a"}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // A count a server got wrong (or made up) reserves at most maxReservedRows, not this.
        model.reserveRows(std::numeric_limits<qint64>::max());
        model.reserveRows(0);
        model.reserveRows(-1);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(idsOf(model), QStringList {u"a"_s});
        model.upsertCrons(makeCrons({"b", "c"}));
        QCOMPARE(idsOf(model), (QStringList {u"a"_s, u"b"_s, u"c"_s}));
    }

    void metadataColumn_leavesOutTheCorrelationKeyOfCreates()
    {
        CronTableModel model;
        api::Cron cron = makeCron(u"c"_s);
        cron.metadata = QJsonObject {{"team"_L1, "infra"_L1},
                                     {QString(api::correlationMetadataKey), u"8f1c-request"_s}};
        model.upsertCrons({cron});
        const QModelIndex cell = model.index(0, CronTableModel::MetadataColumn);
        QCOMPARE(cell.data().toString(), u"team=infra"_s);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), u"team=infra"_s);
        QCOMPARE(cell.data(CronTableModel::CopyRole).toString(), u"team=infra"_s);
        // The cron itself keeps it: the create check and the server's own export need it.
        QVERIFY(model.cronAt(0).metadata.contains(api::correlationMetadataKey));
    }

    void nextRun_ofAnEndedCron_saysItWillNotFireAgain()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        api::Cron ended = makeCron(u"ended"_s);
        ended.endTime = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        // Servers keep reporting a next run after the end time; it will not happen.
        api::Cron running = makeCron(u"running"_s);
        model.upsertCrons({ended, running});
        QCOMPARE(model.index(0, CronTableModel::NextRunColumn).data().toString(),
                 u"Ended — will not fire again"_s);
        QVERIFY(model.index(0, CronTableModel::NextRunColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Ended — will not fire again"_s));
        QVERIFY(model.index(1, CronTableModel::NextRunColumn)
                    .data()
                    .toString()
                    .startsWith(u"2026-11-22 09:00"_s));
    }

    void lastRunColumns_beforeRunsAreRead_showNotReadYet_andJudgeNothing()
    {
        CronTableModel model;
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC));
        model.upsertCrons(makeCrons({"a"}));
        QCOMPARE(model.index(0, CronTableModel::LastRunColumn).data().toString(), u"…"_s);
        QCOMPARE(model.index(0, CronTableModel::LastSuccessColumn).data().toString(), u"…"_s);
        QVERIFY(model.index(0, CronTableModel::LastRunColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Not read yet"_s));
        QVERIFY(!(model.healthAt(0) & models::HealthFlag::LastRunFailed));
    }

    void setLastRuns_withAFailedLastRun_showsItFailed_andFlagsLastRunFailed()
    {
        CronTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC));
        model.upsertCrons(makeCrons({"a", "b"}));
        models::CronLastRunState failed;
        failed.kind = models::CronLastRunState::Kind::Known;
        failed.lastRun
            = {u"run-1"_s, u"error"_s, QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC)};
        failed.statusText = u"Failed"_s;
        failed.durationMs = 3000;
        failed.lastSuccessAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLastRuns({{u"a"_s, failed}});
        QCOMPARE(changed.size(), 1); // row a only
        QCOMPARE(changed.first().first().toModelIndex().row(), 0);

        const QString text = model.index(0, CronTableModel::LastRunColumn).data().toString();
        QVERIFY2(text.startsWith(u"Failed · "_s) && text.endsWith(u" · 3.0 s"_s), qPrintable(text));
        QCOMPARE(model.index(0, CronTableModel::LastRunColumn)
                     .data(CronTableModel::LastRunStatusRole)
                     .toString(),
                 u"error"_s);
        QVERIFY(model.healthAt(0) & models::HealthFlag::LastRunFailed);
        QVERIFY(!(model.healthAt(1) & models::HealthFlag::LastRunFailed));
        QVERIFY(model.healthLines(0).join(u' ').contains(u"Last run failed: run run-1"_s));
        QCOMPARE(model.knownLastRuns().value(u"a"_s).status, u"error"_s);

        // The cron read again keeps what is known of its runs.
        QList<api::Cron> again = makeCrons({"a"});
        again[0].schedule = u"0 10 * * *"_s;
        model.upsertCrons(again);
        QVERIFY(model.healthAt(0) & models::HealthFlag::LastRunFailed);
    }

    void lastRunFailed_isNotFlagged_whenThePolicyTurnsTheRuleOff()
    {
        CronTableModel model;
        models::CronRuleSettings settings;
        settings.enabled.remove(models::AuditRule::LastRunFailed);
        model.setRuleSettings(settings);
        model.upsertCrons(makeCrons({"a"}));
        models::CronLastRunState failed;
        failed.kind = models::CronLastRunState::Kind::Known;
        failed.lastRun
            = {u"run-1"_s, u"timeout"_s, QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC)};
        model.setLastRuns({{u"a"_s, failed}});
        QVERIFY(!(model.healthAt(0) & models::HealthFlag::LastRunFailed));
    }

    void lastRunColumns_ofACronWithoutHistory_sayWhyInTheTooltip()
    {
        CronTableModel model;
        model.upsertCrons(makeCrons({"a"}));
        models::CronLastRunState none;
        none.kind = models::CronLastRunState::Kind::Unavailable;
        none.reason = u"This stateless cron deletes its threads."_s;
        model.setLastRuns({{u"a"_s, none}});
        QCOMPARE(model.index(0, CronTableModel::LastRunColumn).data().toString(), u"no history"_s);
        QCOMPARE(model.index(0, CronTableModel::LastRunColumn).data(Qt::ToolTipRole).toString(),
                 u"No history: This stateless cron deletes its threads."_s);
        QVERIFY(!(model.healthAt(0) & models::HealthFlag::LastRunFailed));
    }
};

QTEST_GUILESS_MAIN(TestCronTableModel)
#include "tst_crontablemodel.moc"
