// The C++ side of the schedule benchmark (tests/bench/schedule/run.py): time per next-fire-time
// call, chained as a scheduler would, for the cases in tests/bench/schedule/cases.json, and the
// heap allocations per call. Prints one JSON object per case.
//
//   schedule_bench CASES.json [--min-time SECONDS]

#include "alloccounter.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;

namespace {

using Clock = std::chrono::steady_clock;

// Runs `run` (which makes `steps` calls) until `minTime` has passed and at least 5 times;
// returns the median nanoseconds per call.
template<typename Run>
double nanosecondsPerCall(Run run, int steps, double minTime)
{
    QList<double> perCall;
    const auto begin = Clock::now();
    while (perCall.size() < 5
           || std::chrono::duration<double>(Clock::now() - begin).count() < minTime) {
        const auto start = Clock::now();
        run();
        const auto end = Clock::now();
        perCall.append(std::chrono::duration<double, std::nano>(end - start).count() / steps);
    }
    std::sort(perCall.begin(), perCall.end());
    return perCall.at(perCall.size() / 2);
}

// Keeps the optimiser from dropping work whose result is otherwise unused.
volatile qint64 sink = 0;

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: schedule_bench CASES.json [--min-time SECONDS]\n");
        return 2;
    }
    double minTime = 0.3;
    const qsizetype minTimeAt = args.indexOf(u"--min-time"_s);
    if (minTimeAt > 0 && minTimeAt + 1 < args.size())
        minTime = args.at(minTimeAt + 1).toDouble();
    QFile file(args.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return 2;
    const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    const QDateTime start = QDateTime::fromString(config.value("start"_L1).toString(), Qt::ISODate);
    const int steps = config.value("steps"_L1).toInt();

    for (const QJsonValue &value : config.value("cases"_L1).toArray()) {
        const QJsonObject item = value.toObject();
        const QString text = item.value("expr"_L1).toString();
        const QTimeZone zone(item.value("zone"_L1).toString().toLatin1());
        const CronExpression expr = CronExpression::parse(text);
        if (!expr.isValid() || !zone.isValid())
            return 1;
        const ZoneRules &rules = ZoneRules::forZone(zone);

        const double viaQDateTime = nanosecondsPerCall(
            [&] {
                std::optional<QDateTime> at = start;
                for (int i = 0; i < steps && at; ++i)
                    at = expr.next(*at, zone);
                sink = at ? at->toSecsSinceEpoch() : 0;
            },
            steps, minTime);
        const double viaSeconds = nanosecondsPerCall(
            [&] {
                std::optional<qint64> at = start.toSecsSinceEpoch();
                for (int i = 0; i < steps && at; ++i)
                    at = expr.nextSeconds(*at, rules);
                sink = at ? *at : 0;
            },
            steps, minTime);
        const double parse = nanosecondsPerCall(
            [&] {
                for (int i = 0; i < steps; ++i)
                    sink = CronExpression::parse(text).isValid();
            },
            steps, minTime);

        long long allocations = 0;
        {
            alloccounter::Scope scope;
            std::optional<QDateTime> at = start;
            for (int i = 0; i < steps && at; ++i)
                at = expr.next(*at, zone);
            allocations = scope.count();
        }

        const QJsonObject result {{"expr"_L1, text},
                                  {"zone"_L1, item.value("zone"_L1)},
                                  {"nsPerNext"_L1, viaQDateTime},
                                  {"nsPerNextSeconds"_L1, viaSeconds},
                                  {"nsPerParse"_L1, parse},
                                  {"allocationsPerNext"_L1,
                                   ALLOC_COUNTER_AVAILABLE ? double(allocations) / steps : -1.0}};
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
