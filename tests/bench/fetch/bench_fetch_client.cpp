// Fetches every cron of a deployment with the Cron Desk client (api::CronFetcher), keeping the
// decoded pages in memory as the app does, and prints one JSON line: rows, pages, wall time.
// Used by run.py; peak memory is measured from outside (/usr/bin/time -v). It exits without
// freeing the crons, like the other contenders.
//
//     bench_fetch_client URL [--in-flight N]
#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: bench_fetch_client URL [--in-flight N]\n");
        return 2;
    }
    const QUrl url(arguments.at(1));
    int inFlight = 4;
    if (const qsizetype i = arguments.indexOf(u"--in-flight"_s); i > 0 && i + 1 < arguments.size())
        inFlight = arguments.at(i + 1).toInt();

    QElapsedTimer timer;
    timer.start();
    api::ApiClient client {api::RequestFactory(url)};
    api::CronFetcher fetcher(&client, {});
    fetcher.setMaxInFlight(inFlight);
    // Each page kept as it arrives, shared, not copied cron by cron into one array: what the
    // app's CronRepository does (it hands the page to its preparer), and what the SDK does
    // (references pushed into one array). Until 3 Dec 2026 this copied every cron into one
    // reserved QList, a fifth of the GUI thread's time that the app does not spend.
    QList<QList<api::Cron>> pages;
    qint64 rows = 0;
    QObject::connect(&fetcher, &api::CronFetcher::pageArrived, &app,
                     [&pages, &rows](const QList<api::Cron> &page) {
                         pages.append(page);
                         rows += page.size();
                     });
    int exitCode = 0;
    QObject::connect(&fetcher, &api::CronFetcher::failed, &app, [&](const api::ApiError &error) {
        std::fprintf(stderr, "fetch failed: %s\n", qPrintable(error.toString()));
        exitCode = 1;
        QCoreApplication::quit();
    });
    QObject::connect(&fetcher, &api::CronFetcher::succeeded, &app,
                     [] { QCoreApplication::quit(); });
    fetcher.start();
    app.exec();
    const qint64 elapsed = timer.elapsed();

    const QJsonObject result {{u"client"_s, u"crondesk"_s},
                              {u"rows"_s, rows},
                              {u"pages"_s, fetcher.pagesRequested()},
                              {u"in_flight"_s, inFlight},
                              {u"wall_ms"_s, elapsed}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    // Leave without tearing down 100,000 crons one by one, as node and curl leave without
    // freeing theirs: the measurement is the fetch, not the destructors.
    std::_Exit(exitCode);
}
