// Bulk edit benchmark (issue 18): a bulk edit of N crons (default 10,000) against a
// crondesk-sandbox process, through the app's own path (CronRepository + BulkApplier: one PATCH
// per cron, four in flight by default, each change read back with GET, each journaled).
//   bench_bulk --sandbox build/release/bin/crondesk-sandbox --crons 10000 [--in-flight 4]
// Prints the time to load, to plan and to apply, and requests per second.
#include <models/api/apiclient.h>
#include <models/bulk/bulkapplier.h>
#include <models/bulk/bulkedit.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"sandbox"_s, u"The crondesk-sandbox executable."_s, u"PATH"_s});
    parser.addOption({u"crons"_s, u"How many crons (default 10000)."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"in-flight"_s, u"PATCHes in flight at once (default 4)."_s, u"N"_s,
                      QString::number(models::BulkApplier::defaultMaxInFlight)});
    parser.process(app);
    const int crons = parser.value(u"crons"_s).toInt();
    const int inFlight = parser.value(u"in-flight"_s).toInt();
    QTextStream out(stdout);

    // A separate process, as a real server is: the client's event loop is not the server's.
    QProcess sandbox;
    sandbox.setProgram(parser.value(u"sandbox"_s));
    sandbox.setArguments(
        {u"--port"_s, u"0"_s, u"--seed"_s, QString::number(crons), u"--no-scheduler"_s});
    sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sandbox.start();
    if (!sandbox.waitForStarted() || !sandbox.waitForReadyRead(120000)) {
        std::fprintf(stderr, "bench_bulk: the sandbox did not start\n");
        return 1;
    }
    const QString first = QString::fromUtf8(sandbox.readLine()).trimmed();
    const QUrl url(first.section(u' ', -1));
    out << "sandbox: " << url.toString() << " with " << crons << " crons\n";
    out.flush();

    api::ApiClient client {api::RequestFactory(url)};
    models::CronTableModel model;
    models::CronRepository repository(&client, &model);
    QTemporaryDir dir;
    models::JournalRecorder journal(models::ChangeJournal(dir.filePath(u"journal.jsonl"_s)),
                                    u"bench"_s);
    repository.setJournal(&journal);
    models::BulkApplier applier(&repository);
    applier.setMaxInFlight(inFlight);

    QElapsedTimer timer;
    qint64 loadMs = 0;
    qint64 planMs = 0;
    qint64 changes = 0;
    QObject::connect(&repository, &models::CronRepository::loadFailed, &app, [&app] {
        std::fprintf(stderr, "bench_bulk: the load failed\n");
        app.exit(1);
    });
    QObject::connect(&repository, &models::CronRepository::loadSucceeded, &app, [&] {
        loadMs = timer.restart();
        QList<api::Cron> all;
        all.reserve(model.rowCount());
        for (int row = 0; row < model.rowCount(); ++row)
            all.append(model.cronAt(row));
        models::BulkEdit edit;
        edit.metadata = {{"cost_centre"_L1, u"payments"_s}};
        edit.scheduleChange = models::BulkEdit::Schedule::Shift;
        edit.shiftMinutes = 30;
        const models::BulkPlan plan
            = models::planBulkEdit(all, edit, QDateTime::currentDateTimeUtc());
        planMs = timer.restart();
        changes = plan.changeCount();
        out << "loaded " << all.size() << " crons in " << loadMs << " ms; planned in " << planMs
            << " ms: " << changes << " to change, " << plan.skipCount() << " skipped\n";
        out.flush();
        applier.start(plan.rows);
    });
    QObject::connect(&applier, &models::BulkApplier::finished, &app, [&] {
        const qint64 applyMs = std::max<qint64>(1, timer.elapsed());
        const qint64 applied = applier.count(models::BulkResult::Status::Applied);
        const qint64 failed = applier.failedIds().size();
        // One PATCH per change, and one GET to read each applied change back.
        const qint64 requests = changes + applied;
        out << "applied " << applied << " (failed " << failed << ") in " << applyMs << " ms, "
            << inFlight << " in flight: " << qRound64(changes * 1000.0 / applyMs) << " crons/s, "
            << qRound64(requests * 1000.0 / applyMs) << " requests/s (" << requests
            << " requests)\n";
        out.flush();
        app.exit(failed == 0 ? 0 : 1);
    });
    timer.start();
    repository.reload();
    const int code = app.exec();
    sandbox.terminate();
    sandbox.waitForFinished(10000);
    return code;
}
