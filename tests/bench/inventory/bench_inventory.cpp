// Inventory scale benchmark: loads N crons from a crondesk-sandbox process over HTTP into the
// app's table model, proxy and an offscreen QTableView, then times sorting by every column and
// filter keystrokes, and reads the process's resident memory. Then (issue 19, target 7) it times
// full inventories against the now warm server: each into a new client, model, proxy and view,
// from the first request to the last row inserted, with the CPU this process and the sandbox each
// spent on it. Prints Markdown tables.
//
//   bench_inventory [--crons N] [--sandbox PATH] [--repeat R] [--warm-loads W] [--warm-only]
#include <models/api/apiclient.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

// Kilobytes from a /proc/self/status line such as "VmRSS:   123456 kB".
qint64 statusKilobytes(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// CPU time (user + system) this process has used, all threads, in nanoseconds.
qint64 ownCpuNs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto ns = [](const timeval &t) { return qint64(t.tv_sec) * 1000000000 + t.tv_usec * 1000; };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

// CPU time (user + system) another process has used, from /proc/PID/stat, in nanoseconds
// (clock-tick resolution, 10 ms).
qint64 processCpuNs(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * (1000000000 / sysconf(_SC_CLK_TCK));
}

// What the app shows an inventory with: a client, the table model behind a proxy and a view,
// and the repository that fills it.
struct Inventory
{
    explicit Inventory(const QUrl &url)
        : client(api::RequestFactory(url))
    {
        proxy.setSourceModel(&model);
        view.setModel(&proxy);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(24);
        view.setSortingEnabled(true);
        view.resize(1400, 800);
        view.show();
    }

    api::ApiClient client;
    models::CronTableModel model;
    models::CronFilterProxyModel proxy;
    QTableView view;
    models::CronRepository repository {&client, &model};
};

// Fills the inventory from the server; the error text, or an empty string once every row is in.
QString load(QApplication &app, Inventory &inventory)
{
    QString problem = u"the load did not finish"_s;
    // Disconnected on return: the lambdas hold this frame's `problem`, and the inventory lives on.
    const QMetaObject::Connection succeeded = QObject::connect(
        &inventory.repository, &models::CronRepository::loadSucceeded, &app, [&] {
            problem.clear();
            app.quit();
        });
    const QMetaObject::Connection failed
        = QObject::connect(&inventory.repository, &models::CronRepository::loadFailed, &app,
                           [&](const api::ApiError &error) {
                               problem = u"load failed: "_s + error.toString();
                               app.quit();
                           });
    inventory.repository.reload();
    app.exec();
    QObject::disconnect(succeeded);
    QObject::disconnect(failed);
    return problem;
}

double medianMs(QList<qint64> nanoseconds)
{
    std::sort(nanoseconds.begin(), nanoseconds.end());
    return nanoseconds.at(nanoseconds.size() / 2) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption cronsOption(u"crons"_s, u"Crons to load."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption sandboxOption(
        u"sandbox"_s, u"crondesk-sandbox executable."_s, u"PATH"_s,
        qEnvironmentVariable("CRONDESK_SANDBOX", u"crondesk-sandbox"_s));
    const QCommandLineOption repeatOption(u"repeat"_s, u"Repetitions per measurement (median)."_s,
                                          u"R"_s, u"5"_s);
    const QCommandLineOption warmOption(
        u"warm-loads"_s, u"Full inventories timed against the warm server at the end."_s, u"W"_s,
        u"5"_s);
    const QCommandLineOption warmOnlyOption(
        u"warm-only"_s,
        u"Only the first load (to warm the server) and the warm loads: no table measurements, "
        u"so that a profiler sees the loads alone."_s);
    parser.addOptions({cronsOption, sandboxOption, repeatOption, warmOption, warmOnlyOption});
    parser.process(app);
    const int crons = parser.value(cronsOption).toInt();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const int warmLoads = std::max(0, parser.value(warmOption).toInt());
    const bool warmOnly = parser.isSet(warmOnlyOption);
    QTextStream out(stdout);

    QProcess sandbox;
    sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sandbox.start(parser.value(sandboxOption),
                  {u"--port"_s, u"0"_s, u"--seed"_s, QString::number(crons), u"--no-scheduler"_s});
    if (!sandbox.waitForStarted(10000)) {
        out << "cannot start " << parser.value(sandboxOption) << Qt::endl;
        return 2;
    }
    QUrl url;
    while (!url.isValid() && sandbox.waitForReadyRead(120000)) {
        const QByteArray line = sandbox.readLine().trimmed();
        if (line.startsWith("listening on "))
            url = QUrl(QString::fromUtf8(line.mid(13)));
    }
    if (!url.isValid()) {
        out << "the sandbox did not start" << Qt::endl;
        return 2;
    }

    const qint64 rssBefore = statusKilobytes("VmRSS:");
    auto first = std::make_unique<Inventory>(url);
    models::CronTableModel &model = first->model;
    models::CronFilterProxyModel &proxy = first->proxy;
    QTableView &view = first->view;

    QElapsedTimer loadTimer;
    loadTimer.start();
    if (const QString problem = load(app, *first); !problem.isEmpty()) {
        out << problem << Qt::endl;
        return 1;
    }
    const double loadSeconds = loadTimer.nsecsElapsed() / 1e9;
    if (model.rowCount() != crons) {
        out << "loaded " << model.rowCount() << " of " << crons << Qt::endl;
        return 1;
    }
    const qint64 rssLoaded = statusKilobytes("VmRSS:");
    if (!warmOnly) {

        // What the app does while the operator looks at the first rows: build search text and sort
        // keys in idle slices. Let it finish, as it would in a session.
        QElapsedTimer idleTimer;
        idleTimer.start();
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &app, [&] {
            if (model.isPrepared())
                app.quit();
        });
        poll.start(10);
        app.exec();
        poll.stop();
        const double idleSeconds = idleTimer.nsecsElapsed() / 1e9;

        // What the auto-refresh does: the repository reads the whole deployment again onto the
        // full table. Its memory is the rise of the peak over the RSS it started from (the peak
        // is reset first: writing 5 to clear_refs sets VmHWM to the current RSS).
        const qint64 rssBeforeRefresh = statusKilobytes("VmRSS:");
        const qint64 peakBeforeRefresh = statusKilobytes("VmHWM:");
        {
            QFile clearRefs(u"/proc/self/clear_refs"_s);
            if (!clearRefs.open(QIODevice::WriteOnly) || clearRefs.write("5") != 1)
                out << "(could not reset the peak RSS: the refresh's peak is the process's)\n";
        }
        QElapsedTimer refreshTimer;
        refreshTimer.start();
        if (const QString problem = load(app, *first); !problem.isEmpty()) {
            out << "refresh: " << problem << Qt::endl;
            return 1;
        }
        const double refreshMs = refreshTimer.nsecsElapsed() / 1e6;
        const qint64 refreshPeakRise = statusKilobytes("VmHWM:") - rssBeforeRefresh;
        if (model.rowCount() != crons) {
            out << "the refresh left " << model.rowCount() << " of " << crons << Qt::endl;
            return 1;
        }

        out << "\n### " << QLocale().toString(crons) << " crons\n\n";
        out << "Loaded over HTTP from crondesk-sandbox in " << QString::number(loadSeconds, 'f', 2)
            << " s (fetch, decode, health assessment, model inserts); the idle preparation of "
               "search "
               "text and sort keys "
            << "that follows took " << QString::number(idleSeconds, 'f', 2)
            << " s in slices of at most a few tens of ms.\n\n";
        out << "| Operation | Median (ms) | Max of " << repeat << " (ms) |\n|---|---:|---:|\n";

        auto measureAfter = [&](const QString &name, const std::function<void(int)> &prepare,
                                const std::function<void(int)> &operation) {
            QList<qint64> times;
            for (int i = 0; i < repeat; ++i) {
                prepare(i);
                QElapsedTimer timer;
                timer.start();
                operation(i);
                times.append(timer.nsecsElapsed());
            }
            out << "| " << name << " | " << QString::number(medianMs(times), 'f', 1) << " | "
                << QString::number(*std::max_element(times.cbegin(), times.cend()) / 1e6, 'f', 1)
                << " |\n";
            out.flush();
        };
        auto measure = [&](const QString &name, const std::function<void(int)> &operation) {
            measureAfter(
                name, [](int) {}, operation);
        };

        for (int column = 0; column < models::CronTableModel::ColumnCount; ++column) {
            const QString name = model.headerData(column, Qt::Horizontal).toString();
            measure(u"Sort by %1"_s.arg(name), [&](int i) {
                view.sortByColumn(column, i % 2 == 0 ? Qt::AscendingOrder : Qt::DescendingOrder);
            });
        }
        view.sortByColumn(models::CronTableModel::NextRunColumn, Qt::AscendingOrder);

        // The first keystroke builds each row's search text; later ones reuse it.
        const QStringList keystrokes {u"a"_s, u"ag"_s, u"age"_s, u"agen"_s, u"agent"_s};
        measure(u"Filter keystroke (typing \"agent\")"_s,
                [&](int i) { proxy.setFilterText(keystrokes.at(i % keystrokes.size())); });
        measure(u"Filter keystroke (no match)"_s,
                [&](int i) { proxy.setFilterText(u"zzqx%1"_s.arg(i)); });
        measureAfter(
            u"Clear the filter (from \"berlin\")"_s, [&](int) { proxy.setFilterText(u"berlin"_s); },
            [&](int) { proxy.setFilterText(QString()); });
        measure(u"Facet: paused only"_s, [&](int i) {
            models::CronFilter filter;
            filter.enabled = i % 2 == 0 ? models::CronFilter::Enabled::PausedOnly
                                        : models::CronFilter::Enabled::Any;
            proxy.setCronFilter(filter);
        });
        // What the auto-refresh does with a whole deployment read again, nothing changed but the
        // read time: one merge of every cron into the rows.
        const QList<api::Cron> everyCron = model.crons();
        measure(u"Refresh: merge every cron, unchanged, read again"_s, [&](int i) {
            model.mergeCrons(everyCron, QDateTime::currentDateTimeUtc().addSecs(i + 1));
        });
        measure(u"Re-assess health (clock tick)"_s,
                [&](int i) { model.setNow(QDateTime::currentDateTimeUtc().addSecs(i)); });
        // What the repository asks every 5 s: which rows came due since they were read. A minute
        // ahead, so that the crons due in that minute are looked at closely.
        measure(u"Due check (rows to read again, a minute ahead)"_s, [&](int i) {
            model.cronsToReread(QDateTime::currentDateTimeUtc().addSecs(60 + i), 500);
        });

        const qint64 rssEnd = statusKilobytes("VmRSS:");
        const qint64 peak = std::max(peakBeforeRefresh, statusKilobytes("VmHWM:"));
        out << "\n| Memory | MB |\n|---|---:|\n";
        out << "| RSS before loading | " << rssBefore / 1024 << " |\n";
        out << "| RSS with every cron loaded | " << rssLoaded / 1024 << " |\n";
        out << "| RSS after the measurements (search text built) | " << rssEnd / 1024 << " |\n";
        out << "| Peak RSS (VmHWM) | " << peak / 1024 << " |\n";
        out << "| Refresh through the repository (every cron read again onto the full table): "
               "peak rise over its start | "
            << refreshPeakRise / 1024 << " (" << QString::number(refreshMs, 'f', 0) << " ms) |\n";
        // What one more cron costs, as the issue 19 target counts it (RSS, so allocator slack
        // included), and how many distinct shared search texts the rows have.
        out << "| Per cron, loaded minus before (bytes) | "
            << QString::number((rssLoaded - rssBefore) * 1024.0 / crons, 'f', 0) << " |\n";
        out << "| Per cron, after the measurements minus before (bytes) | "
            << QString::number((rssEnd - rssBefore) * 1024.0 / crons, 'f', 0) << " |\n";
        out << "\nShared search texts: " << model.sharedSearchTextCount() << " for "
            << model.rowCount() << " rows.\n";
        out.flush();
    }

    // Target 7: time to a full inventory against a warm server (every page has been served
    // once), each into new objects, as a second window or a reconnect would load it.
    if (warmLoads > 0) {
        first.reset();
        out << "\nFull inventory against the warm server, each into a new client, model and view"
               " (first request to last row inserted):\n\n"
            << "| Load | Wall (ms) | App CPU, all threads (ms) | Server CPU (ms) |\n"
            << "|---:|---:|---:|---:|\n";
        QList<qint64> walls, appCpu, serverCpu;
        for (int i = 0; i < warmLoads; ++i) {
            Inventory inventory(url);
            const qint64 ownBefore = ownCpuNs();
            const qint64 serverBefore = processCpuNs(sandbox.processId());
            QElapsedTimer timer;
            timer.start();
            const QString problem = load(app, inventory);
            const qint64 wall = timer.nsecsElapsed();
            if (!problem.isEmpty() || inventory.model.rowCount() != crons) {
                out << "warm load " << i + 1 << ": "
                    << (problem.isEmpty() ? u"%1 rows"_s.arg(inventory.model.rowCount()) : problem)
                    << Qt::endl;
                return 1;
            }
            walls.append(wall);
            appCpu.append(ownCpuNs() - ownBefore);
            serverCpu.append(processCpuNs(sandbox.processId()) - serverBefore);
            out << "| " << i + 1 << " | " << QString::number(wall / 1e6, 'f', 0) << " | "
                << QString::number(appCpu.last() / 1e6, 'f', 0) << " | "
                << QString::number(serverCpu.last() / 1e6, 'f', 0) << " |\n";
            out.flush();
        }
        out << "| median | " << QString::number(medianMs(walls), 'f', 0) << " | "
            << QString::number(medianMs(appCpu), 'f', 0) << " | "
            << QString::number(medianMs(serverCpu), 'f', 0) << " |\n";
        out.flush();
    }

    sandbox.terminate();
    sandbox.waitForFinished(5000);
    return 0;
}
