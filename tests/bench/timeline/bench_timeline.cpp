// Timeline engine benchmark (issue 15): fire counts per hour over 7 days for N crons, the crons
// made in-process by the sandbox's own seed generator (tests/sandbox/seeddata.cpp, the same
// crons `crondesk-sandbox --seed N` serves). Prints a Markdown table: median of R runs with the
// fastest and slowest, and the machine's load average before and after.
//
//   bench_timeline [--crons N] [--repeat R] [--from ISO8601]
//
// Build Release: cmake --preset release && cmake --build --preset release --target bench-timeline
#include <models/timeline/firetimeline.h>
#include <tests/sandbox/nextrun.h>
#include <tests/sandbox/seeddata.h>
#include <tests/sandbox/store.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <functional>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

struct Timing
{
    double median = 0;
    double fastest = 0;
    double slowest = 0;
};

Timing measure(int repeat, const std::function<void()> &work)
{
    QList<double> ms;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.constFirst(), ms.constLast()};
}

QString row(const QString &what, const Timing &timing, const QString &note)
{
    return u"| %1 | %2 ms | %3–%4 ms | %5 |"_s.arg(what)
        .arg(timing.median, 0, 'f', 1)
        .arg(timing.fastest, 0, 'f', 1)
        .arg(timing.slowest, 0, 'f', 1)
        .arg(note);
}

// The seeded crons as the client reads them: the wire JSON through the client's decoder.
QList<models::TimelineCron> seededCrons(int count)
{
    sandbox::Store store;
    sandbox::NextRunCalculator nextRun;
    sandbox::SeedData::ensureSystemAssistants(store);
    sandbox::SeedData::populate(store, nextRun, count, QDateTime::currentDateTimeUtc());
    const QList<const sandbox::CronRecord *> records
        = store.searchCrons({}, {u"created_at"_s, false}, 0, store.cronCount());
    QList<models::TimelineCron> crons;
    crons.reserve(records.size());
    for (const sandbox::CronRecord *record : records) {
        const std::optional<api::Cron> cron = api::cronFromJson(record->json);
        if (cron)
            crons.append(models::timelineCron(*cron));
    }
    return crons;
}

// A deployment that does not repeat itself: every cron its own schedule and zone, as far as the
// generator reaches (a worst case for grouping; real deployments repeat heavily).
QList<models::TimelineCron> distinctCrons(int count)
{
    static const QStringList minutes {u"*"_s,    u"*/15"_s, u"0"_s,  u"30"_s, u"0,30"_s,
                                      u"5-10"_s, u"*/7"_s,  u"59"_s, u"17"_s, u"*/5"_s};
    static const QStringList hours {u"*"_s,    u"2"_s,  u"1-3"_s, u"*/3"_s, u"0,12"_s,
                                    u"9-17"_s, u"23"_s, u"8"_s,   u"*/2"_s, u"6,18"_s};
    static const QStringList daysOfMonth {u"*"_s, u"L"_s, u"1"_s, u"15"_s, u"1-7"_s};
    static const QStringList months {u"*"_s, u"3,4"_s, u"1-6"_s, u"*/2"_s};
    static const QStringList daysOfWeek {u"*"_s, u"1-5"_s, u"0"_s, u"1#2"_s, u"mon,wed,fri"_s};
    static const QStringList zones {QString(),
                                    u"America/New_York"_s,
                                    u"Europe/Berlin"_s,
                                    u"Asia/Tokyo"_s,
                                    u"Australia/Sydney"_s,
                                    u"Asia/Kolkata"_s,
                                    u"America/Los_Angeles"_s,
                                    u"Europe/London"_s,
                                    u"America/Sao_Paulo"_s,
                                    u"Asia/Kathmandu"_s};
    QList<models::TimelineCron> crons;
    crons.reserve(count);
    QRandomGenerator random(15);
    for (int i = 0; i < count; ++i) {
        models::TimelineCron cron;
        cron.cronId = u"cron-%1"_s.arg(i);
        cron.schedule = minutes.at(random.bounded(int(minutes.size()))) + u' '
            + hours.at(random.bounded(int(hours.size()))) + u' '
            + daysOfMonth.at(random.bounded(int(daysOfMonth.size()))) + u' '
            + months.at(random.bounded(int(months.size()))) + u' '
            + daysOfWeek.at(random.bounded(int(daysOfWeek.size())));
        cron.timezone = zones.at(random.bounded(int(zones.size())));
        crons.append(cron);
    }
    return crons;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption cronsOption(u"crons"_s, u"Crons to seed."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption repeatOption(u"repeat"_s, u"Runs per measurement (median)."_s, u"R"_s,
                                          u"7"_s);
    // A week with New York's and Sao Paulo's... clock changes in it: 2026-03-08 in America.
    const QCommandLineOption fromOption(u"from"_s, u"Window start."_s, u"ISO8601"_s,
                                        u"2026-03-05T00:00:00Z"_s);
    parser.addOptions({cronsOption, repeatOption, fromOption});
    parser.process(app);
    const int count = parser.value(cronsOption).toInt();
    const int repeat = std::max(5, parser.value(repeatOption).toInt());
    const qint64 from
        = QDateTime::fromString(parser.value(fromOption), Qt::ISODate).toSecsSinceEpoch();
    const models::TimelineWindow window {from, from + 7 * 86400};
    QTextStream out(stdout);

    QElapsedTimer seeding;
    seeding.start();
    const QList<models::TimelineCron> seeded = seededCrons(count);
    out << "Seeded " << seeded.size() << " crons in " << seeding.elapsed() << " ms; "
        << QThread::idealThreadCount() << " cores; load average before: " << loadAverage()
        << Qt::endl
        << Qt::endl;

    const models::TimeBuckets hours = models::TimeBuckets::aligned(
        window.from, window.to, models::BucketSize::Hour, schedule::ZoneRules::utc());
    qint64 total = 0;
    qsizetype groups = 0;
    const Timing seededTiming = measure(repeat, [&] {
        const models::FirePlan plan = models::FirePlan::build(seeded, window);
        const QList<qint64> counts = plan.bucketCounts(hours);
        total = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
        groups = plan.groups().size();
    });

    const models::FirePlan plan = models::FirePlan::build(seeded, window);
    const Timing buildTiming = measure(repeat, [&] { models::FirePlan::build(seeded, window); });
    const Timing countTiming = measure(repeat, [&] { plan.bucketCounts(hours); });
    const models::TimeBuckets berlinHours
        = models::TimeBuckets::aligned(window.from, window.to, models::BucketSize::Hour,
                                       *models::timelineZone(u"Europe/Berlin"_s));
    const Timing berlinTiming = measure(repeat, [&] { plan.bucketCounts(berlinHours); });
    const models::TimeBuckets minutes = models::TimeBuckets::aligned(
        window.from, window.from + 86400, models::BucketSize::Minute, schedule::ZoneRules::utc());
    const models::FirePlan dayPlan
        = models::FirePlan::build(seeded, {window.from, window.from + 86400});
    const Timing minuteTiming = measure(repeat, [&] { dayPlan.bucketCounts(minutes); });

    // What the naive way costs: every cron on its own, fire by fire with the schedule engine's
    // nextSeconds(), each fire counted into its bucket.
    qint64 enumerated = 0;
    const Timing enumerateTiming = measure(std::min(repeat, 5), [&] {
        QList<qint64> counts(hours.count(), 0);
        enumerated = 0;
        for (const models::FireGroup &group : plan.groups()) {
            for (qsizetype cron = 0; cron < group.crons.size(); ++cron) {
                qint64 at = window.from - 1;
                while (const std::optional<qint64> next
                       = group.expression.nextSeconds(at, *group.zone)) {
                    if (*next >= group.until)
                        break;
                    ++counts[hours.indexOf(*next)];
                    ++enumerated;
                    at = *next;
                }
            }
        }
    });

    const QList<models::TimelineCron> distinct = distinctCrons(count);
    qsizetype distinctGroups = 0;
    const Timing distinctTiming = measure(repeat, [&] {
        const models::FirePlan distinctPlan = models::FirePlan::build(distinct, window);
        distinctPlan.bucketCounts(hours);
        distinctGroups = distinctPlan.groups().size();
    });

    const QLocale locale(QLocale::English);
    out << "| What | Median | Fastest–slowest | Notes |\n|---|---:|---:|---|\n";
    out << row(
        u"**%1 seeded crons, 7 days, hourly buckets (UTC): build + count**"_s.arg(
            locale.toString(seeded.size())),
        seededTiming,
        u"%1 fires; %2 groups of (schedule, zone, end)"_s.arg(locale.toString(total)).arg(groups))
        << '\n';
    out << row(u"… of which grouping (`FirePlan::build`)"_s, buildTiming, u"parse, zones, hash"_s)
        << '\n';
    out << row(u"… of which counting (`bucketCounts`)"_s, countTiming, QString()) << '\n';
    out << row(u"Counting into Europe/Berlin hours"_s, berlinTiming, QString()) << '\n';
    out << row(u"24 hours, minute buckets (1,440)"_s, minuteTiming, QString()) << '\n';
    out << row(
        u"The same counts fire by fire, every cron on its own (`nextSeconds()`; for comparison)"_s,
        enumerateTiming, u"%1 fires enumerated"_s.arg(locale.toString(enumerated)))
        << '\n';
    out << row(u"%1 crons with little repetition, 7 days, hourly: build + count"_s.arg(
                   locale.toString(distinct.size())),
               distinctTiming, u"%1 groups"_s.arg(locale.toString(distinctGroups)))
        << '\n';
    out << Qt::endl << "Load average after: " << loadAverage() << Qt::endl;
    return 0;
}
