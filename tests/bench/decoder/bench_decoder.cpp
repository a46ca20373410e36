// The page decoder alone (issue 19, target 1; docs/BENCHMARKS.md "Target 1: decoder vs
// simdjson"): the same search pages, as the sandbox serves them, decoded by
//   ours      api::cronListFromJson (models/api/cronlistparser.cpp), into api::Cron;
//   walk      simdjson On-Demand visiting every value of every cron, nested ones included, and
//             building nothing: the floor for reading this JSON at all;
//   skim      simdjson On-Demand reading the cron's own fields as views and skipping payload and
//             metadata (raw_json): what building nothing costs when the nested objects are kept as
//             text, as ours keeps them;
//   simdcron  simdjson On-Demand producing the same api::Cron values as ours (strings into
//             QString with the same sharing, timestamps through api::parseTimestamp, payload and
//             metadata kept as text in one arena), so "skim" to "simdcron" is the cost of the Qt
//             values, "simdcron" to "ours" the cost of our scanner;
//   qjson     QJsonDocument + api::cronFromJson per element, the decoder ours replaced.
// Each run decodes every page once per contender; the figure is the median of the runs, with the
// fastest and slowest. Only decoding is timed: the pages are read (and, for simdjson, padded)
// before, the results freed after. Freed memory is reused by the next run (no page faults) unless
// --fresh gives it back to the kernel in between (malloc_trim), as a fetch that keeps every cron
// decoded sees it.
//
//     bench_decoder [--crons N] [--page-size N] [--runs N] [--save DIR] [--only NAME] [--fresh]
//     bench_decoder [--runs N] [--fresh] PAGE_FILE...   (pages saved with --save, or by curl)
//
// Without files the pages come from an in-process crondesk-sandbox seeded with N crons
// (--seed N: the same data crondesk-sandbox --seed N serves), read from /runs/crons/search in
// pages of --page-size, ordered by created_at as the client's fetch asks.
#include <models/api/cron.h>
#include <models/api/timestamp.h>
#include <tests/sandbox/sandboxserver.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#ifdef CRONDESK_HAVE_SIMDJSON
#include <simdjson.h>
#endif

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <malloc.h>
#include <sys/resource.h>
#include <vector>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

struct Options
{
    int crons = 10000;
    int pageSize = 1000;
    int runs = 7;
    QString saveDirectory;
    QString only;
    bool fresh = false;
    QStringList files;
};

QList<QByteArray> pagesFromSandbox(const Options &options)
{
    sandbox::SandboxServer server(
        {.seedCount = options.crons, .scheduler = false, .controlEndpoint = false});
    QList<QByteArray> pages;
    for (int offset = 0; offset < options.crons; offset += options.pageSize) {
        const sandbox::HttpResponse response
            = server.handleLocally("POST", u"/runs/crons/search"_s,
                                   QJsonObject {{u"limit"_s, options.pageSize},
                                                {u"offset"_s, offset},
                                                {u"sort_by"_s, u"created_at"_s},
                                                {u"sort_order"_s, u"asc"_s}});
        if (response.status != 200) {
            std::fprintf(stderr, "the sandbox answered %d: %s\n", response.status,
                         response.body.constData());
            return {};
        }
        pages.append(response.body);
    }
    return pages;
}

// What one decoder produced, to check them against each other and keep the work from being
// optimised away.
struct Outcome
{
    qsizetype crons = 0;
    quint64 checksum = 0;
};

#ifdef CRONDESK_HAVE_SIMDJSON
namespace od = simdjson::ondemand;

// Every value below `value`, visited; strings unescaped, numbers converted.
void walkValue(od::value value, Outcome *outcome)
{
    switch (value.type().value()) {
    case od::json_type::object:
        for (auto field : value.get_object()) {
            outcome->checksum += field.unescaped_key().value().size();
            walkValue(field.value(), outcome);
        }
        break;
    case od::json_type::array:
        for (auto element : value.get_array())
            walkValue(element.value(), outcome);
        break;
    case od::json_type::string:
        outcome->checksum += value.get_string().value().size();
        break;
    case od::json_type::number:
        outcome->checksum += quint64(value.get_double().value());
        break;
    case od::json_type::boolean:
        outcome->checksum += value.get_bool().value() ? 1 : 0;
        break;
    case od::json_type::null:
        (void)value.is_null();
        break;
    }
}

Outcome simdWalk(od::parser &parser, const std::vector<simdjson::padded_string> &pages)
{
    Outcome outcome;
    for (const simdjson::padded_string &page : pages) {
        od::document document = parser.iterate(page);
        for (auto element : document.get_array()) {
            ++outcome.crons;
            walkValue(element.value(), &outcome);
        }
    }
    return outcome;
}

Outcome simdSkim(od::parser &parser, const std::vector<simdjson::padded_string> &pages)
{
    Outcome outcome;
    for (const simdjson::padded_string &page : pages) {
        od::document document = parser.iterate(page);
        for (auto element : document.get_array()) {
            ++outcome.crons;
            for (auto field : element.get_object()) {
                outcome.checksum += field.unescaped_key().value().size();
                od::value value = field.value();
                const od::json_type type = value.type().value();
                if (type == od::json_type::object) // payload, metadata
                    outcome.checksum += value.get_object().value().raw_json().value().size();
                else if (type == od::json_type::array)
                    outcome.checksum += value.get_array().value().raw_json().value().size();
                else if (type == od::json_type::string)
                    outcome.checksum += value.get_string().value().size();
                else if (type == od::json_type::boolean)
                    outcome.checksum += value.get_bool().value();
                else
                    outcome.checksum += value.raw_json_token().size();
            }
        }
    }
    return outcome;
}

// The same api::Cron values as ours, from simdjson. Wrong types and the other rules of ours
// (malformed fields, duplicate members, required fields) are left out: this is the best case.
class SimdCronDecoder
{
public:
    QList<api::Cron> decode(od::parser &parser, const simdjson::padded_string &page)
    {
        QList<api::Cron> crons;
        crons.reserve(qsizetype(page.size() / 600) + 1);
        QByteArray arena;
        arena.reserve(qsizetype(page.size()) * 3 / 5);
        std::vector<std::pair<api::LazyJsonObject::Slice, api::LazyJsonObject::Slice>> nested;
        nested.reserve(size_t(crons.capacity()));
        m_interned.clear();
        od::document document = parser.iterate(page);
        for (auto element : document.get_array()) {
            api::Cron cron;
            api::LazyJsonObject::Slice payload;
            api::LazyJsonObject::Slice metadata;
            for (auto field : element.get_object()) {
                const std::string_view key = field.unescaped_key().value();
                od::value value = field.value();
                if (key == "payload" || key == "metadata") {
                    const std::string_view raw = value.get_object().value().raw_json().value();
                    api::LazyJsonObject::Slice &slice = key == "payload" ? payload : metadata;
                    slice.begin = arena.size();
                    arena.append(raw.data(), qsizetype(raw.size()));
                    slice.end = arena.size();
                } else if (key == "enabled") {
                    cron.enabled = value.get_bool().value();
                } else if (value.is_null().value()) {
                    continue;
                } else if (key == "cron_id") {
                    cron.cronId = text(value.get_string().value(), false);
                } else if (key == "assistant_id") {
                    cron.assistantId = text(value.get_string().value());
                } else if (key == "thread_id") {
                    cron.threadId = text(value.get_string().value());
                } else if (key == "schedule") {
                    cron.schedule = text(value.get_string().value());
                } else if (key == "timezone") {
                    cron.timezone = text(value.get_string().value());
                } else if (key == "on_run_completed") {
                    cron.onRunCompleted = text(value.get_string().value());
                } else if (key == "user_id") {
                    cron.userId = text(value.get_string().value());
                } else if (key == "end_time") {
                    cron.endTime = instant(value.get_string().value());
                } else if (key == "next_run_date") {
                    cron.nextRunDate = instant(value.get_string().value());
                } else if (key == "created_at") {
                    cron.createdAt = instant(value.get_string().value());
                } else if (key == "updated_at") {
                    cron.updatedAt = instant(value.get_string().value());
                }
            }
            crons.append(std::move(cron));
            nested.emplace_back(payload, metadata);
        }
        for (qsizetype i = 0; i < crons.size(); ++i)
            api::LazyJsonObject::fromValidatedJson(arena, nested[size_t(i)].first,
                                                   nested[size_t(i)].second, &crons[i].payload,
                                                   &crons[i].metadata);
        return crons;
    }

private:
    QString text(std::string_view bytes, bool intern = true)
    {
        const QByteArrayView view(bytes.data(), qsizetype(bytes.size()));
        if (!intern)
            return QString::fromUtf8(view);
        // Views into simdjson's string buffer, which lives as long as the parser's document:
        // the table is cleared for every page.
        auto it = m_interned.constFind(view);
        if (it == m_interned.cend())
            it = m_interned.insert(view, QString::fromUtf8(view));
        return it.value();
    }

    static QDateTime instant(std::string_view bytes)
    {
        return api::parseTimestamp(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    }

    QHash<QByteArrayView, QString> m_interned;
};
#endif

quint64 checksumOf(const QList<api::Cron> &crons)
{
    quint64 sum = 0;
    for (const api::Cron &cron : crons)
        sum += quint64(cron.cronId.size() + cron.schedule.size()) + cron.enabled;
    return sum;
}

struct Figures
{
    QString name;
    std::vector<double> seconds; // wall
    std::vector<double> cpuSeconds; // this thread's CPU time, which other processes do not inflate
    std::vector<double> faults; // minor page faults of this thread
    Outcome outcome;
};

double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double threadFaults()
{
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    return double(usage.ru_minflt);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (argument == "--crons"_L1 && hasValue)
            options.crons = arguments.at(++i).toInt();
        else if (argument == "--page-size"_L1 && hasValue)
            options.pageSize = arguments.at(++i).toInt();
        else if (argument == "--runs"_L1 && hasValue)
            options.runs = std::max(1, arguments.at(++i).toInt());
        else if (argument == "--save"_L1 && hasValue)
            options.saveDirectory = arguments.at(++i);
        else if (argument == "--fresh"_L1)
            options.fresh = true;
        else if (argument == "--only"_L1 && hasValue)
            options.only = arguments.at(++i);
        else if (argument.startsWith("--"_L1)) {
            std::fprintf(stderr,
                         "usage: bench_decoder [--crons N] [--page-size N] [--runs N] [--save DIR]"
                         " [--only NAME] [--fresh] [PAGE_FILE...]\n");
            return 2;
        } else
            options.files.append(argument);
    }

    QList<QByteArray> pages;
    if (options.files.isEmpty()) {
        pages = pagesFromSandbox(options);
    } else {
        for (const QString &path : std::as_const(options.files)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
                return 2;
            }
            pages.append(file.readAll());
        }
    }
    if (pages.isEmpty())
        return 1;
    if (!options.saveDirectory.isEmpty()) {
        QDir().mkpath(options.saveDirectory);
        for (qsizetype i = 0; i < pages.size(); ++i) {
            QFile file(
                QDir(options.saveDirectory).filePath(u"page-%1.json"_s.arg(i, 3, 10, QChar(u'0'))));
            if (!file.open(QIODevice::WriteOnly) || file.write(pages.at(i)) != pages.at(i).size())
                return 1;
        }
    }
    qint64 bytes = 0;
    for (const QByteArray &page : std::as_const(pages))
        bytes += page.size();

    // The contenders. Each returns what it decoded; results are freed outside the timed region.
    std::vector<std::pair<QString, std::function<Outcome(std::vector<QList<api::Cron>> *)>>>
        contenders;
    contenders.emplace_back(u"ours"_s, [&pages](std::vector<QList<api::Cron>> *kept) {
        Outcome outcome;
        for (const QByteArray &page : std::as_const(pages)) {
            std::optional<QList<api::Cron>> crons = api::cronListFromJson(page);
            if (!crons)
                std::abort();
            outcome.crons += crons->size();
            kept->push_back(std::move(*crons));
        }
        return outcome;
    });
#ifdef CRONDESK_HAVE_SIMDJSON
    // Padded copies, made once: simdjson reads up to 64 bytes past the end.
    std::vector<simdjson::padded_string> padded;
    for (const QByteArray &page : std::as_const(pages))
        padded.emplace_back(page.constData(), size_t(page.size()));
    od::parser parser;
    contenders.emplace_back(
        u"walk"_s, [&](std::vector<QList<api::Cron>> *) { return simdWalk(parser, padded); });
    contenders.emplace_back(
        u"skim"_s, [&](std::vector<QList<api::Cron>> *) { return simdSkim(parser, padded); });
    SimdCronDecoder simdDecoder;
    contenders.emplace_back(u"simdcron"_s, [&](std::vector<QList<api::Cron>> *kept) {
        Outcome outcome;
        for (const simdjson::padded_string &page : padded) {
            QList<api::Cron> crons = simdDecoder.decode(parser, page);
            outcome.crons += crons.size();
            kept->push_back(std::move(crons));
        }
        return outcome;
    });
#endif
    contenders.emplace_back(u"qjson"_s, [&pages](std::vector<QList<api::Cron>> *kept) {
        Outcome outcome;
        for (const QByteArray &page : std::as_const(pages)) {
            const QJsonArray array = QJsonDocument::fromJson(page).array();
            QList<api::Cron> crons;
            crons.reserve(array.size());
            for (const QJsonValue &value : array) {
                std::optional<api::Cron> cron = api::cronFromJson(value.toObject());
                if (!cron)
                    std::abort();
                crons.append(std::move(*cron));
            }
            outcome.crons += crons.size();
            kept->push_back(std::move(crons));
        }
        return outcome;
    });

    std::vector<Figures> figures;
    for (const auto &[name, run] : contenders)
        if (options.only.isEmpty() || options.only == name)
            figures.emplace_back().name = name;
    // Interleaved: run r of every contender before run r + 1 of any, so that a change in the
    // machine's load falls on all of them alike.
    for (int r = 0; r < options.runs + 1; ++r) {
        for (Figures &figure : figures) {
            const auto &run = std::find_if(contenders.begin(), contenders.end(), [&](auto &c) {
                                  return c.first == figure.name;
                              })->second;
            std::vector<QList<api::Cron>> kept;
            kept.reserve(size_t(pages.size()));
            const double faultsBefore = threadFaults();
            const double cpuBefore = threadCpuSeconds();
            QElapsedTimer timer;
            timer.start();
            Outcome outcome = run(&kept);
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            const double cpuSeconds = threadCpuSeconds() - cpuBefore;
            const double faults = threadFaults() - faultsBefore;
            for (const QList<api::Cron> &crons : kept)
                outcome.checksum += checksumOf(crons);
            if (options.fresh) {
                // Give what the run freed back to the kernel, so that the next run decodes into
                // fresh pages as a fetch does (it keeps every page's crons).
                kept.clear();
                malloc_trim(0);
            }
            if (r == 0) { // a warm-up, not counted
                figure.outcome = outcome;
                continue;
            }
            figure.seconds.push_back(seconds);
            figure.cpuSeconds.push_back(cpuSeconds);
            figure.faults.push_back(faults);
        }
    }

#ifdef CRONDESK_HAVE_SIMDJSON
    // The simdjson decoder must give the crons ours gives, or its figure means nothing.
    {
        SimdCronDecoder check;
        qsizetype compared = 0;
        for (qsizetype i = 0; i < pages.size(); ++i) {
            const QList<api::Cron> a = *api::cronListFromJson(pages.at(i));
            const QList<api::Cron> b = check.decode(parser, padded[size_t(i)]);
            if (a != b) {
                std::fprintf(stderr, "simdcron and ours differ on page %lld\n", qint64(i));
                return 1;
            }
            compared += a.size();
        }
        std::printf("simdcron == ours on all %lld crons\n", qint64(compared));
    }
#endif

    std::printf("%lld pages, %lld crons, %.2f MB, %d runs: median [fastest, slowest]\n",
                qint64(pages.size()), qint64(figures.front().outcome.crons), bytes / 1e6,
                options.runs);
    std::printf("%-9s %-30s %-30s %-18s %s\n", "", "CPU MB/s", "CPU us/cron", "wall us/cron",
                "page faults/run");
    for (const Figures &figure : figures) {
        const double crons = double(figure.outcome.crons);
        const double cpu = median(figure.cpuSeconds);
        const auto [cpuFastest, cpuSlowest]
            = std::minmax_element(figure.cpuSeconds.begin(), figure.cpuSeconds.end());
        std::printf("%-9s %7.1f [%7.1f, %7.1f]   %7.3f [%7.3f, %7.3f]   %7.3f            %.0f\n",
                    qPrintable(figure.name), bytes / 1e6 / cpu, bytes / 1e6 / *cpuSlowest,
                    bytes / 1e6 / *cpuFastest, cpu * 1e6 / crons, *cpuFastest * 1e6 / crons,
                    *cpuSlowest * 1e6 / crons, median(figure.seconds) * 1e6 / crons,
                    median(figure.faults));
    }
    return 0;
}
