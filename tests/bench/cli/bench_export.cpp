// What writing crons in the export formats costs per cron, the way crondeskctl and the app's
// Export wrote them before issue 19 (a QJsonObject per cron through QJsonDocument, QString fields
// joined and converted) against models::CronExportWriter, on the same decoded pages of a
// sandbox's seeded crons (decoded as fetch-all decodes them: payload and metadata still text).
// Thread CPU time, so the figure holds on a shared machine. Not a test: prints a table.
//
//   build/release/tests/bin/bench_export --crons 10000 --repeat 5
#include <models/api/cron.h>
#include <models/api/timestamp.h>
#include <models/inventory/cronexport.h>
#include <models/inventory/cronexportwriter.h>
#include <tests/sandbox/sandboxserver.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

QString compactObject(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The formats as written before CronExportWriter (what tests/models/tst_cronexportwriter.cpp
// compares against).
QByteArray previousJson(const QList<api::Cron> &crons)
{
    QJsonArray array;
    for (const api::Cron &cron : crons)
        array.append(api::cronToJson(cron));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray previousJsonLines(const QList<api::Cron> &crons)
{
    QByteArray out;
    for (const api::Cron &cron : crons)
        out += QJsonDocument(api::cronToJson(cron)).toJson(QJsonDocument::Compact) + '\n';
    return out;
}

QByteArray previousCsv(const QList<api::Cron> &crons)
{
    QString out = u"header\r\n"_s;
    for (const api::Cron &cron : crons) {
        const QStringList fields {
            cron.cronId,
            cron.assistantId,
            cron.threadId,
            cron.schedule,
            cron.timezone,
            api::formatTimestamp(cron.nextRunDate),
            cron.enabled ? u"true"_s : u"false"_s,
            api::formatTimestamp(cron.endTime),
            cron.onRunCompleted,
            api::formatTimestamp(cron.createdAt),
            api::formatTimestamp(cron.updatedAt),
            cron.userId,
            compactObject(cron.metadata),
            compactObject(cron.payload),
        };
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(models::csvField(field));
        out += quoted.join(u',') + u"\r\n"_s;
    }
    return out.toUtf8();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"crons"_s, u"Seeded crons."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"repeat"_s, u"Runs per writer (median)."_s, u"N"_s, u"5"_s});
    parser.process(app);
    const int count = parser.value(u"crons"_s).toInt();
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());

    sandbox::SandboxServer server({.seedCount = count});
    // Pages as they arrive: each run decodes them afresh, so every payload is still text.
    QList<QByteArray> pages;
    for (int offset = 0; offset < count; offset += 1000) {
        pages.append(server
                         .handleLocally("POST", u"/runs/crons/search"_s,
                                        QJsonObject {{"limit"_L1, 1000},
                                                     {"offset"_L1, offset},
                                                     {"sort_by"_L1, u"created_at"_s},
                                                     {"sort_order"_L1, u"asc"_s}})
                         .body);
    }
    auto decoded = [&pages] {
        QList<api::Cron> crons;
        for (const QByteArray &page : pages)
            crons += api::cronListFromJson(page).value();
        return crons;
    };

    struct Contender
    {
        const char *name;
        std::function<QByteArray(const QList<api::Cron> &)> write;
    };
    using Format = models::CronExportWriter::Format;
    auto writer = [](Format format) {
        return [format](const QList<api::Cron> &crons) {
            models::CronExportWriter w(format);
            QByteArray out;
            w.begin(&out);
            w.write(crons, &out);
            w.end(&out);
            return out;
        };
    };
    const QList<Contender> contenders {
        {"JSON array, before (QJsonDocument)", previousJson},
        {"JSON array, CronExportWriter", writer(Format::Json)},
        {"JSON Lines, before (QJsonDocument)", previousJsonLines},
        {"JSON Lines, CronExportWriter", writer(Format::JsonLines)},
        {"CSV, before (QString fields)", previousCsv},
        {"CSV, CronExportWriter", writer(Format::Csv)},
    };
    std::printf("| Writing %d crons | Median CPU | Per cron | Output |\n|---|---:|---:|---:|\n",
                count);
    for (const Contender &contender : contenders) {
        QList<double> times;
        qsizetype bytes = 0;
        for (int run = 0; run < repeat; ++run) {
            const QList<api::Cron> crons = decoded();
            const double start = threadCpuMs();
            bytes = contender.write(crons).size();
            times.append(threadCpuMs() - start);
        }
        std::sort(times.begin(), times.end());
        const double median = times.at(times.size() / 2);
        std::printf("| %s | %.0f ms | %.2f µs | %.1f MB |\n", contender.name, median,
                    median * 1000.0 / count, double(bytes) / 1e6);
    }
    return 0;
}
