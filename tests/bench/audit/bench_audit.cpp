// Audit benchmark: generates N crons as a large deployment holds them (daily, hourly, weekday and
// every-few-minutes schedules in a dozen zones, threads and stateless ones, paused and ended ones,
// webhooks, metadata, a few broken ones and duplicates), then times runAudit() as the Audit view
// runs it (every rule, the report's fires per hour) and as `crondeskctl audit` without a report
// does (no fire counts). Prints a Markdown table; exits 1 when the full audit's median is over
// --budget milliseconds.
//
//   bench_audit [--crons N] [--repeat R] [--budget MS]
#include <models/audit/auditengine.h>
#include <models/schedule/cronexpression.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <time.h>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

models::AuditInput generate(int count, const QDateTime &now)
{
    static const QStringList zones {
        u"UTC"_s,           u"Europe/Berlin"_s,       u"America/New_York"_s, u"Asia/Tokyo"_s,
        u"Europe/London"_s, u"America/Los_Angeles"_s, u"Australia/Sydney"_s, u"Asia/Kolkata"_s,
        u"Europe/Paris"_s,  u"America/Sao_Paulo"_s,   u"Africa/Cairo"_s,     u"Pacific/Auckland"_s};
    models::AuditInput input;
    input.now = now;
    input.assistantIds = QSet<QString>();
    input.threadIds = QSet<QString>();
    for (int a = 0; a < 50; ++a)
        input.assistantIds->insert(u"a0000000-0000-4000-8000-%1"_s.arg(a, 12, 10, QChar(u'0')));
    input.crons.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int minute = (i * 7) % 60;
        const int hour = (i * 13) % 24;
        QString schedule;
        switch (i % 10) {
        case 0:
        case 1:
        case 2:
            schedule = u"%1 %2 * * *"_s.arg(minute).arg(hour);
            break;
        case 3:
        case 4:
            schedule = u"%1 %2 * * 1-5"_s.arg(minute).arg(hour);
            break;
        case 5:
            schedule = u"%1 * * * *"_s.arg(minute);
            break;
        case 6:
            schedule = u"*/15 * * * *"_s;
            break;
        case 7:
            schedule = u"%1 */6 * * *"_s.arg(minute);
            break;
        case 8:
            schedule = u"0 %1 1 * *"_s.arg(hour);
            break;
        default:
            schedule = u"30 2 * * 0"_s;
            break;
        }
        if (i % 997 == 0)
            schedule = u"0 0 30 2 *"_s; // never fires
        if (i % 1009 == 0)
            schedule = u"0 0 * * W"_s; // invalid
        api::Cron cron;
        cron.cronId = u"c0000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0'));
        cron.assistantId = u"a0000000-0000-4000-8000-%1"_s.arg(i % 53, 12, 10, QChar(u'0'));
        if (i % 3 == 0) {
            cron.threadId = u"70000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0'));
            if (i % 300 != 0)
                input.threadIds->insert(cron.threadId);
        } else {
            cron.onRunCompleted = i % 50 == 1 ? u"keep"_s : u"delete"_s;
        }
        cron.schedule = schedule;
        cron.timezone = zones.at(i % zones.size());
        cron.enabled = i % 20 != 0;
        cron.createdAt = now.addDays(-100).addSecs(i);
        cron.updatedAt = cron.createdAt.addDays(i % 30);
        if (i % 4 != 0)
            cron.endTime = now.addDays(i % 40 == 0 ? -2 : 200);
        cron.metadata
            = i % 25 == 0 ? QJsonObject() : QJsonObject {{u"owner"_s, u"team-%1"_s.arg(i % 40)}};
        // Mostly distinct payloads; every 500th cron a copy of its neighbour (duplicate).
        const int payloadKey = i % 500 == 1 ? i - 1 : i;
        QJsonObject payload {{u"input"_s, QJsonObject {{u"job"_s, payloadKey / 3}}}};
        if (i % 200 == 0)
            payload.insert(u"webhook"_s, u"http://10.0.0.%1/hook"_s.arg(i % 250));
        cron.payload = payload;
        const auto expression = schedule::CronExpression::parse(schedule);
        const auto zone = schedule::resolveZone(cron.timezone);
        if (expression.isValid() && zone)
            cron.nextRunDate = expression.next(now, *zone).value_or(QDateTime());
        if (i % 1000 == 7)
            cron.nextRunDate = now.addSecs(-7200); // overdue
        input.crons.append({cron, now});
    }
    return input;
}

// CPU time of this thread, in ms: the audit runs on one thread, and on a machine shared with
// other jobs the wall time says more about them than about the audit.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

struct Timing
{
    double median = 0;
    double worst = 0;
    double cpuMedian = 0;
    qsizetype findings = 0;
};

Timing measure(const models::AuditInput &input, const models::AuditOptions &options, int repeat)
{
    models::AuditPolicy policy;
    policy.requiredMetadata = {u"owner"_s};
    QList<double> times;
    QList<double> cpu;
    Timing timing;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuMs();
        const models::AuditResult result = models::runAudit(input, policy, options);
        cpu.append(threadCpuMs() - cpuStart);
        times.append(timer.nsecsElapsed() / 1e6);
        timing.findings = result.findings.size();
    }
    std::sort(times.begin(), times.end());
    timing.median = times.at(times.size() / 2);
    timing.worst = times.last();
    std::sort(cpu.begin(), cpu.end());
    timing.cpuMedian = cpu.at(cpu.size() / 2);
    return timing;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times the audit over generated crons."_s);
    parser.addHelpOption();
    const QCommandLineOption cronsOption(u"crons"_s, u"How many crons."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption repeatOption(u"repeat"_s, u"Runs per measurement."_s, u"R"_s, u"5"_s);
    const QCommandLineOption budgetOption(u"budget"_s, u"Most milliseconds allowed."_s, u"MS"_s,
                                          u"2000"_s);
    parser.addOptions({cronsOption, repeatOption, budgetOption});
    parser.process(app);
    const int count = std::max(1, parser.value(cronsOption).toInt());
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const double budget = parser.value(budgetOption).toDouble();

    const QDateTime now(QDate(2026, 3, 1), QTime(10, 0), QTimeZone::utc());
    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    const models::AuditInput input = generate(count, now);
    out << "Generated " << count << " crons in " << timer.elapsed() << " ms.\n\n";
    out << "| Audit of " << count << " crons | Median (ms) | Max of " << repeat
        << " (ms) | CPU median (ms) | Findings |\n|---|---:|---:|---:|---:|\n";
    const Timing full = measure(input, {}, repeat);
    out << "| Every rule + fires per hour (the Audit view, the report) | " << full.median << " | "
        << full.worst << " | " << full.cpuMedian << " | " << full.findings << " |\n";
    models::AuditOptions noFires;
    noFires.countFires = false;
    const Timing cli = measure(input, noFires, repeat);
    out << "| Every rule, no fire counts (`crondeskctl audit` without a report) | " << cli.median
        << " | " << cli.worst << " | " << cli.cpuMedian << " | " << cli.findings << " |\n";
    out.flush();
    return full.median <= budget ? 0 : 1;
}
