// The timeline against `crondeskctl schedule next`: for generated crons (L, #, seconds, zones with
// every kind of clock change, windows across the changes), the instants the timeline lists are
// exactly the ones the command prints, and the bucket counts the timeline computes without
// listing equal counting those printed instants one by one. A sample runs the built binary; many
// more run the command's own function (runScheduleCommand) in this process, which is cheaper.
#include <app/cli/schedulecommand.h>
#include <models/timeline/firetimeline.h>

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

enum class Run { Binary, InProcess };

// What `crondeskctl schedule next` prints for a cron: its fire times strictly after `after`, in
// its zone with the offset.
QStringList scheduleNext(Run run, const QString &expression, const QString &zone, qint64 after,
                         int count)
{
    QStringList arguments {u"next"_s,   expression,
                           u"--from"_s, models::isoInZone(after, schedule::ZoneRules::utc()),
                           u"-n"_s,     QString::number(count)};
    if (!zone.isEmpty())
        arguments += {u"--tz"_s, zone};
    if (run == Run::InProcess) {
        QString output;
        QString errors;
        QTextStream out(&output);
        QTextStream err(&errors);
        if (cli::runScheduleCommand(arguments, out, err, QDateTime::currentDateTimeUtc()) != 0)
            return {u"schedule next failed: "_s + errors};
        out.flush();
        return output.split(u'\n', Qt::SkipEmptyParts);
    }
    QProcess process;
    process.start(qEnvironmentVariable("CRONDESK_CTL"), QStringList {u"schedule"_s} + arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {u"crondeskctl failed: "_s + QString::fromUtf8(process.readAllStandardError())};
    return QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestTimelineDifferential final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instantsAndCounts_equalCrondeskctlScheduleNext_forGeneratedCrons_data()
    {
        QTest::addColumn<int>("runAs"); // a Run
        QTest::addColumn<int>("rounds");
        QTest::addColumn<int>("cronsPerRound");
        QTest::addColumn<quint32>("seed");
        // 60 crons through the binary: a process each, so a sample.
        QTest::newRow("the crondeskctl binary") << int(Run::Binary) << 5 << 12 << 15u;
        QTest::newRow("runScheduleCommand, in process") << int(Run::InProcess) << 40 << 25 << 1015u;
    }

    void instantsAndCounts_equalCrondeskctlScheduleNext_forGeneratedCrons()
    {
        QFETCH(int, runAs);
        const Run run = Run(runAs);
        QFETCH(int, rounds);
        QFETCH(int, cronsPerRound);
        QFETCH(quint32, seed);
        if (run == Run::Binary && qEnvironmentVariableIsEmpty("CRONDESK_CTL"))
            QSKIP("CRONDESK_CTL does not name the crondeskctl binary (ctest sets it)");
        static const QStringList minutes {u"*"_s,    u"*/15"_s, u"0"_s,   u"30"_s,
                                          u"0,30"_s, u"5-10"_s, u"*/7"_s, u"59"_s};
        static const QStringList hours {u"*"_s, u"2"_s, u"1-3"_s, u"*/3"_s, u"0,12"_s, u"9-17"_s};
        static const QStringList daysOfMonth {u"*"_s, u"*"_s, u"L"_s, u"1"_s, u"8"_s, u"25-31"_s};
        static const QStringList months {u"*"_s, u"*"_s, u"3,4"_s, u"9-11"_s};
        static const QStringList daysOfWeek {u"*"_s, u"*"_s, u"1-5"_s, u"0"_s, u"0#2"_s, u"L0"_s};
        static const QStringList seconds {QString(), QString(), QString(), u"0"_s, u"*/20"_s};
        static const QStringList zones {QString(),
                                        u"America/New_York"_s,
                                        u"Europe/Berlin"_s,
                                        u"Australia/Lord_Howe"_s,
                                        u"America/Santiago"_s,
                                        u"Asia/Kolkata"_s,
                                        u"Pacific/Chatham"_s,
                                        u"Europe/London"_s};
        // Weeks with clock changes in them, north and south.
        static const QList<qint64> starts {
            at("2026-03-05T00:00:00Z"), at("2026-03-26T00:00:00Z"), at("2026-04-02T00:00:00Z"),
            at("2026-09-03T00:00:00Z"), at("2026-09-24T00:00:00Z"), at("2026-10-01T00:00:00Z"),
            at("2026-10-22T00:00:00Z"), at("2026-10-29T00:00:00Z"), at("2027-03-11T00:00:00Z"),
            at("2027-03-25T00:00:00Z"), at("2027-10-28T00:00:00Z"), at("2027-11-04T00:00:00Z")};

        QRandomGenerator random(seed);
        const auto pick = [&random](const QStringList &list) {
            return list.at(random.bounded(int(list.size())));
        };
        for (int round = 0; round < rounds; ++round) {
            const qint64 from
                = starts.at(random.bounded(int(starts.size()))) + random.bounded(86400);
            const models::TimelineWindow window {from, from + 86400 + random.bounded(6 * 86400)};
            QList<models::TimelineCron> crons;
            for (int i = 0; i < cronsPerRound; ++i) {
                models::TimelineCron cron;
                cron.cronId = u"cron-%1-%2"_s.arg(round).arg(i);
                const QString second = pick(seconds);
                cron.schedule = pick(minutes) + u' ' + pick(hours) + u' ' + pick(daysOfMonth) + u' '
                    + pick(months) + u' ' + pick(daysOfWeek)
                    + (second.isEmpty() ? QString() : u' ' + second);
                cron.timezone = pick(zones);
                crons.append(cron);
            }
            const models::FirePlan plan = models::FirePlan::build(crons, window);
            QCOMPARE(plan.scheduledCount(), crons.size());
            QList<int> indices;
            for (int i = 0; i < crons.size(); ++i)
                indices.append(i);
            const QList<models::CronFires> fires = plan.fireInstants(indices, -1);
            for (const models::CronFires &cronFires : fires) {
                const models::TimelineCron &cron = crons.at(cronFires.index);
                const schedule::ZoneRules &rules = *models::timelineZone(cron.timezone);
                // One more than the timeline has, to see that the command has none it lacks.
                const int count = int(std::min<qsizetype>(cronFires.instants.size() + 1, 10000));
                QStringList printed
                    = scheduleNext(run, cron.schedule, cron.timezone, window.from - 1, count);
                QList<qint64> printedInstants;
                while (!printed.isEmpty()) {
                    const QDateTime instant
                        = QDateTime::fromString(printed.constLast(), Qt::ISODate);
                    QVERIFY2(instant.isValid(), qPrintable(printed.constLast()));
                    if (instant.toSecsSinceEpoch() < window.to)
                        break;
                    printed.removeLast();
                }
                for (const QString &line : std::as_const(printed))
                    printedInstants.append(
                        QDateTime::fromString(line, Qt::ISODate).toSecsSinceEpoch());
                QStringList listed;
                for (const qint64 instant : cronFires.instants)
                    listed.append(models::isoInZone(instant, rules));
                const QByteArray what = (cron.schedule + u" in "_s
                                         + (cron.timezone.isEmpty() ? u"UTC"_s : cron.timezone))
                                            .toUtf8();
                QVERIFY2(listed.mid(0, count) == printed, what.constData());

                // The counts, made without listing, against the printed instants one by one.
                if (printedInstants.size() == cronFires.instants.size()) {
                    const models::FirePlan one = models::FirePlan::build({cron}, window);
                    for (const models::BucketSize size :
                         {models::BucketSize::Minute, models::BucketSize::Hour,
                          models::BucketSize::Day}) {
                        const models::TimeBuckets buckets
                            = models::TimeBuckets::aligned(window.from, window.to, size, rules);
                        QList<qint64> oneByOne(buckets.count(), 0);
                        for (const qint64 instant : std::as_const(printedInstants))
                            ++oneByOne[buckets.indexOf(instant)];
                        QVERIFY2(one.bucketCounts(buckets) == oneByOne, what.constData());
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTimelineDifferential)
#include "tst_timelinedifferential.moc"
