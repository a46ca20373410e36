// Diff of two snapshots of N crons (issue 16: 100,000 in under 2 s and 600 MB). Writes OLD and
// NEW snapshot files shaped like a real deployment's (the server's payload repeats the top-level
// fields), with 1% of the crons changed, 0.5% removed and 0.5% added, then, in a fresh process
// per measurement (so that the files' generation does not count), reads both files, diffs them
// and renders the JSON report, and prints the time of each step and the peak RSS.
//
//   bench_compare --crons 100000 [--dir DIR] [--match id|content]
#include <models/compare/diffreport.h>
#include <models/compare/snapshot.h>
#include <models/compare/snapshotdiff.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

namespace {

QJsonObject makeCron(int i, bool changed)
{
    const QString id = u"%1-0000-4000-8000-%2"_s.arg(i, 8, 16, QLatin1Char('0'))
                           .arg(i, 12, 16, QLatin1Char('0'));
    const QString schedule = changed ? u"15 %1 * * *"_s.arg(i % 24) : u"0 %1 * * *"_s.arg(i % 24);
    const QJsonObject metadata {{"name"_L1, u"job-%1"_s.arg(i)},
                                {"owner"_L1, i % 3 == 0 ? u"alice"_s : u"bob"_s},
                                {"team"_L1, u"team-%1"_s.arg(i % 40)}};
    const QJsonObject input {
        {"messages"_L1,
         QJsonArray {
             QJsonObject {{"role"_L1, u"user"_s}, {"content"_L1, u"Run report %1"_s.arg(i)}}}}};
    const QJsonObject payload {{"assistant_id"_L1, u"agent"_s},
                               {"schedule"_L1, schedule},
                               {"input"_L1, input},
                               {"metadata"_L1, metadata},
                               {"config"_L1, QJsonObject {{"configurable"_L1, QJsonObject {}}}},
                               {"multitask_strategy"_L1, u"enqueue"_s}};
    return QJsonObject {
        {"cron_id"_L1, id},
        {"assistant_id"_L1, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s},
        {"thread_id"_L1, QJsonValue()},
        {"schedule"_L1, schedule},
        {"timezone"_L1, u"Europe/Berlin"_s},
        {"end_time"_L1, QJsonValue()},
        {"enabled"_L1, !(changed && i % 2 == 0)},
        {"on_run_completed"_L1, u"delete"_s},
        {"user_id"_L1, QJsonValue()},
        {"payload"_L1, payload},
        {"metadata"_L1, metadata},
        {"next_run_date"_L1, u"2026-12-03T%1:00:00+00:00"_s.arg(i % 24, 2, 10, QLatin1Char('0'))},
        {"created_at"_L1, u"2026-11-01T00:00:00+00:00"_s},
        {"updated_at"_L1, u"2026-11-01T00:00:00+00:00"_s}};
}

bool generate(int count, const QString &dir)
{
    Snapshot before;
    before.takenAt = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    before.serverUrl = u"https://prod.example"_s;
    before.serverVersion = u"0.12.0"_s;
    before.assistants
        = QJsonArray {QJsonObject {{"assistant_id"_L1, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s},
                                   {"graph_id"_L1, u"agent"_s}}};
    Snapshot after = before;
    after.takenAt = before.takenAt.addDays(1);
    QList<QJsonObject> beforeCrons;
    QList<QJsonObject> afterCrons;
    for (int i = 0; i < count; ++i) {
        if (i % 200 != 1) // 0.5% removed
            beforeCrons.append(makeCron(i, false));
        if (i % 200 != 2) // 0.5% added
            afterCrons.append(makeCron(i, i % 100 == 7)); // 1% changed
    }
    before.crons = cronsFromJson(beforeCrons);
    after.crons = cronsFromJson(afterCrons);
    QString error;
    if (!writeSnapshot(before, dir + u"/old.json"_s, &error)
        || !writeSnapshot(after, dir + u"/new.json"_s, &error)) {
        QTextStream(stderr) << error << '\n';
        return false;
    }
    return true;
}

// VmHWM, not getrusage(): ru_maxrss survives exec, so a child would report its parent's peak.
long peakRssMegabytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    return -1;
}

int measure(const QString &dir, MatchMode match)
{
    const std::clock_t cpuStart = std::clock();
    QElapsedTimer total;
    total.start();
    QElapsedTimer step;
    step.start();
    // As crondeskctl diff reads them: both at once.
    const QList<SnapshotReadResult> reads
        = readSnapshots({dir + u"/old.json"_s, dir + u"/new.json"_s});
    const SnapshotReadResult &before = reads.at(0);
    const SnapshotReadResult &after = reads.at(1);
    if (!before.snapshot || !after.snapshot) {
        QTextStream(stderr) << before.message << after.message << '\n';
        return 1;
    }
    const qint64 readMs = step.restart();
    const std::clock_t readCpu = std::clock() - cpuStart;
    DiffOptions options;
    options.match = match;
    DiffReport report;
    report.oldSide = {u"old.json"_s, before.snapshot->takenAt};
    report.newSide = {u"new.json"_s, after.snapshot->takenAt};
    report.diff
        = diffCrons(before.snapshot->crons, after.snapshot->crons, options,
                    before.snapshot->graphByAssistant(), after.snapshot->graphByAssistant());
    const qint64 diffMs = step.restart();
    const std::clock_t diffCpu = std::clock() - cpuStart - readCpu;
    const QByteArray json = renderDiffReport(report, DiffFormat::Json);
    const qint64 renderMs = step.restart();
    QTextStream(stdout) << (match == MatchMode::Id ? "id" : "content") << ": "
                        << before.snapshot->crons.size() << " vs " << after.snapshot->crons.size()
                        << " crons; added " << report.diff.added.size() << ", removed "
                        << report.diff.removed.size() << ", changed " << report.diff.changed.size()
                        << ", unchanged " << report.diff.unchanged << "; read " << readMs
                        << " ms, diff " << diffMs << " ms, JSON report " << renderMs << " ms ("
                        << json.size() / 1024 << " KB); total " << total.elapsed()
                        << " ms (CPU, all threads: read " << readCpu * 1000 / CLOCKS_PER_SEC
                        << " ms, diff " << diffCpu * 1000 / CLOCKS_PER_SEC << " ms, all "
                        << (std::clock() - cpuStart) * 1000 / CLOCKS_PER_SEC << " ms); peak RSS "
                        << peakRssMegabytes() << " MB\n";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"crons"_s, u"Crons per snapshot."_s, u"N"_s, u"100000"_s},
                       {u"dir"_s, u"Where the snapshots are written."_s, u"DIR"_s},
                       {u"match"_s, u"Measure only this match mode."_s, u"id|content"_s},
                       {u"measure-only"_s, u"Do not write the snapshots."_s}});
    parser.process(app);
    QTemporaryDir temporary;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temporary.path();
    if (!parser.isSet(u"measure-only"_s)) {
        if (!generate(parser.value(u"crons"_s).toInt(), dir))
            return 1;
        QTextStream(stdout) << "snapshots: " << QFileInfo(dir + u"/old.json"_s).size() / 1024 / 1024
                            << " MB each, in " << dir << '\n';
        // Each measurement in a fresh process: the generator's memory must not count.
        for (const QString &match : {u"id"_s, u"content"_s}) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {u"--measure-only"_s, u"--dir"_s, dir, u"--match"_s, match});
            child.waitForFinished(-1);
            if (child.exitCode() != 0)
                return 1;
        }
        return 0;
    }
    return measure(dir,
                   parser.value(u"match"_s) == "content"_L1 ? MatchMode::Content : MatchMode::Id);
}
