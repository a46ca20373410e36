#include "upcomingcommand.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <models/api/timestamp.h>
#include <models/common/safetext.h>
#include <models/inventory/cronexport.h>
#include <models/schedule/civil.h>
#include <models/timeline/timebuckets.h>

#include <QCoreApplication>

#include <memory>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

// Output is written in pieces of about this size, so that a week of fires of 100,000 crons is
// never held whole.
constexpr qsizetype FlushBytes = 1 << 20;

// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
QByteArray jsonString(const QString &text)
{
    QByteArray out = "\"";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(utf8.size() + 2);
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00" + QByteArray::number(byte, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out + '"';
}

QByteArray jsonNullableString(const QString &text)
{
    return text.isEmpty() ? QByteArrayLiteral("null") : jsonString(text);
}

QString utcText(qint64 instant)
{
    return models::isoInZone(instant, schedule::ZoneRules::utc());
}

// Seconds for a QDateTime bound: fire times are whole seconds, so [from, to) in milliseconds
// holds the same fires as [ceil(from), ceil(to)) in seconds.
qint64 ceilSeconds(const QDateTime &instant)
{
    return -schedule::civil::floorDiv(-instant.toMSecsSinceEpoch(), 1000);
}

} // namespace

QString CronsUpcomingCommand::summary() const
{
    return translate("When the enabled crons that match the filters fire in a window (default: "
                     "the next 24 hours), one line per fire in time order, or a count per "
                     "minute, hour or day with --histogram.");
}

QList<QCommandLineOption> CronsUpcomingCommand::options() const
{
    // The filters of crons list, with the same meaning.
    static const QStringList filterNames {u"assistant"_s, u"thread"_s, u"enabled"_s, u"metadata"_s};
    QList<QCommandLineOption> list;
    for (const QCommandLineOption &option : CronsListCommand::options()) {
        if (filterNames.contains(option.names().constFirst()))
            list.append(option);
    }
    list += {
        QCommandLineOption(u"from"_s,
                           translate("Start of the window, included: a date and time with an "
                                     "offset, e.g. 2026-03-09T00:00:00Z (default: now)."),
                           u"ISO8601"_s),
        QCommandLineOption(u"to"_s,
                           translate("End of the window, excluded: a date and time with an "
                                     "offset, at most 366 days after --from."),
                           u"ISO8601"_s),
        QCommandLineOption(u"hours"_s,
                           translate("Length of the window in hours, from 1 to 8784 (default "
                                     "24). Not with --to."),
                           u"N"_s),
        QCommandLineOption(u"histogram"_s,
                           translate("Count the fires per minute, hour or day (UTC) instead of "
                                     "listing them: one line per bucket with its start and "
                                     "count."),
                           u"minute|hour|day"_s),
        formatOption(),
    };
    return list;
}

std::optional<models::TimelineWindow> CronsUpcomingCommand::window()
{
    QString error;
    QDateTime from = QDateTime::currentDateTimeUtc();
    if (parser().isSet(u"from"_s)) {
        const std::optional<QDateTime> parsed = parseInstant(parser().value(u"from"_s), &error);
        if (!parsed) {
            fail(ExitUsage, u"--from: "_s + error);
            return std::nullopt;
        }
        from = *parsed;
    }
    if (parser().isSet(u"to"_s) && parser().isSet(u"hours"_s)) {
        fail(ExitUsage, translate("--to and --hours contradict each other: give one of them"));
        return std::nullopt;
    }
    QDateTime to = from.addSecs(24 * 3600);
    if (parser().isSet(u"hours"_s)) {
        const std::optional<qint64> hours
            = parseWholeNumber(parser().value(u"hours"_s), 1, MaxHours, &error);
        if (!hours) {
            fail(ExitUsage, u"--hours: "_s + error);
            return std::nullopt;
        }
        to = from.addSecs(*hours * 3600);
    }
    if (parser().isSet(u"to"_s)) {
        const std::optional<QDateTime> parsed = parseInstant(parser().value(u"to"_s), &error);
        if (!parsed) {
            fail(ExitUsage, u"--to: "_s + error);
            return std::nullopt;
        }
        to = *parsed;
        if (to <= from) {
            fail(ExitUsage,
                 translate("--to: the end of the window must come after its start (%1)")
                     .arg(api::formatTimestamp(from)));
            return std::nullopt;
        }
        if (from.secsTo(to) > MaxHours * 3600) {
            fail(ExitUsage, translate("--to: the window may be at most 366 days long"));
            return std::nullopt;
        }
    }
    // The schedule engine's calendar ends with the year 9999.
    static const QDateTime limit(QDate(10000, 1, 1), QTime(0, 0), QTimeZone::utc());
    if (to > limit) {
        fail(ExitUsage,
             (parser().isSet(u"to"_s) ? u"--to: "_s : u"--from: "_s)
                 + translate("the window must end by the year 9999"));
        return std::nullopt;
    }
    return models::TimelineWindow {ceilSeconds(from), ceilSeconds(to)};
}

void CronsUpcomingCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    m_format = *format;
    if (parser().isSet(u"histogram"_s)) {
        const QString size = parser().value(u"histogram"_s);
        if (size == "minute"_L1)
            m_histogram = models::BucketSize::Minute;
        else if (size == "hour"_L1)
            m_histogram = models::BucketSize::Hour;
        else if (size == "day"_L1)
            m_histogram = models::BucketSize::Day;
        else {
            fail(ExitUsage,
                 translate("--histogram: unknown bucket \"%1\" (use minute, hour or day)")
                     .arg(size));
            return;
        }
    }
    const std::optional<models::TimelineWindow> window = this->window();
    if (!window)
        return;
    m_window = *window;
    const std::optional<api::CronSearchQuery> query = filterQuery();
    if (!query)
        return;

    auto *fetcher = new api::CronFetcher(client(), *query, this);
    auto crons = std::make_shared<QList<api::Cron>>();
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [crons](const QList<api::Cron> &page) { crons->append(page); });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this, [this, crons] { report(*crons); });
    fetcher->start();
}

void CronsUpcomingCommand::report(const QList<api::Cron> &crons)
{
    noteMalformed(crons);
    QList<models::TimelineCron> timeline;
    timeline.reserve(crons.size());
    for (const api::Cron &cron : crons)
        timeline.append(models::timelineCron(cron));
    const models::FirePlan plan = models::FirePlan::build(timeline, m_window);
    noteSkipped(plan);
    if (m_histogram)
        printHistogram(plan);
    else
        printFires(plan);
    done(ExitOk);
}

void CronsUpcomingCommand::noteSkipped(const models::FirePlan &plan) const
{
    // A cron left out would otherwise look like one that does not fire.
    constexpr qsizetype maxNotes = 20;
    const QList<models::SkippedCron> &skipped = plan.skipped();
    for (qsizetype i = 0; i < std::min(maxNotes, skipped.size()); ++i)
        note(skipped.at(i).message);
    if (skipped.size() > maxNotes)
        note(QCoreApplication::translate("crondeskctl", "and %n more cron(s) left out", nullptr,
                                         int(skipped.size() - maxNotes)));
}

void CronsUpcomingCommand::printFires(const models::FirePlan &plan)
{
    const QList<models::TimelineCron> &crons = plan.crons();
    // What every line of a cron repeats, made once per cron: its cells or JSON members.
    struct Fixed
    {
        QByteArray cells;
        const schedule::ZoneRules *zone = nullptr;
    };
    QList<Fixed> fixed(crons.size());
    qsizetype idWidth = translate("CRON ID").size();
    qsizetype assistantWidth = translate("ASSISTANT").size();
    for (const models::FireGroup &group : plan.groups()) {
        for (const int index : group.crons) {
            idWidth = std::max(idWidth, models::shownText(crons.at(index).cronId).size());
            assistantWidth
                = std::max(assistantWidth, models::shownText(crons.at(index).assistantId).size());
        }
    }
    constexpr qsizetype instantWidth = 25; // 2026-03-09T09:00:00+00:00
    for (const models::FireGroup &group : plan.groups()) {
        for (const int index : group.crons) {
            const models::TimelineCron &cron = crons.at(index);
            Fixed &f = fixed[index];
            f.zone = group.zone;
            switch (m_format) {
            case OutputFormat::Table:
                // Server text, neutralised: one line per fire, nothing that acts on the terminal.
                f.cells = (models::shownText(cron.cronId).leftJustified(idWidth + 2)
                           + models::shownText(cron.assistantId).leftJustified(assistantWidth + 2)
                           + models::shownText(cron.schedule))
                              .toUtf8();
                break;
            case OutputFormat::Json:
            case OutputFormat::JsonLines:
                f.cells = ",\"timezone\":" + jsonNullableString(cron.timezone)
                    + ",\"cron_id\":" + jsonString(cron.cronId)
                    + ",\"assistant_id\":" + jsonNullableString(cron.assistantId)
                    + ",\"schedule\":" + jsonString(cron.schedule) + '}';
                break;
            case OutputFormat::Csv:
                f.cells
                    = (u',' + models::csvField(cron.timezone) + u',' + models::csvField(cron.cronId)
                       + u',' + models::csvField(cron.assistantId) + u','
                       + models::csvField(cron.schedule))
                          .toUtf8();
                break;
            }
        }
    }

    QByteArray out;
    switch (m_format) {
    case OutputFormat::Table:
        out = (translate("AT (UTC)").leftJustified(instantWidth + 2)
               + translate("LOCAL").leftJustified(instantWidth + 2)
               + translate("CRON ID").leftJustified(idWidth + 2)
               + translate("ASSISTANT").leftJustified(assistantWidth + 2) + translate("SCHEDULE")
               + u'\n')
                  .toUtf8();
        break;
    case OutputFormat::Json:
        out = "[";
        break;
    case OutputFormat::JsonLines:
        break;
    case OutputFormat::Csv:
        out = "at,local,timezone,cron_id,assistant_id,schedule\r\n";
        break;
    }
    bool first = true;
    plan.forEachFire([&](qint64 instant, int index) {
        const Fixed &f = fixed.at(index);
        const QByteArray utc = utcText(instant).toLatin1();
        const QByteArray local = models::isoInZone(instant, *f.zone).toLatin1();
        switch (m_format) {
        case OutputFormat::Table:
            out += utc + "  " + local + "  " + f.cells + '\n';
            break;
        case OutputFormat::Json:
            out += (first ? "\n" : ",\n");
            Q_FALLTHROUGH();
        case OutputFormat::JsonLines:
            out += "{\"at\":\"" + utc + "\",\"local\":\"" + local + '"' + f.cells;
            if (m_format == OutputFormat::JsonLines)
                out += '\n';
            break;
        case OutputFormat::Csv:
            out += utc + ',' + local + f.cells + "\r\n";
            break;
        }
        first = false;
        if (out.size() >= FlushBytes) {
            printBytes(out);
            out.clear();
        }
        return true;
    });
    if (m_format == OutputFormat::Json)
        out += first ? "]\n" : "\n]\n";
    printBytes(out);
}

void CronsUpcomingCommand::printHistogram(const models::FirePlan &plan)
{
    // Buckets on the UTC clock; the first and last may hold only part of their span, when the
    // window does not start or end on a boundary.
    const models::TimeBuckets buckets = models::TimeBuckets::aligned(
        m_window.from, m_window.to, *m_histogram, schedule::ZoneRules::utc());
    const QList<qint64> counts = plan.bucketCounts(buckets);
    QByteArray out;
    switch (m_format) {
    case OutputFormat::Table:
        out = (translate("START (UTC)").leftJustified(27) + translate("COUNT") + u'\n').toUtf8();
        break;
    case OutputFormat::Json:
        out = "[";
        break;
    case OutputFormat::JsonLines:
        break;
    case OutputFormat::Csv:
        out = "start,count\r\n";
        break;
    }
    for (int bucket = 0; bucket < buckets.count(); ++bucket) {
        const QByteArray start = utcText(buckets.start(bucket)).toLatin1();
        const QByteArray count = QByteArray::number(counts.at(bucket));
        switch (m_format) {
        case OutputFormat::Table:
            out += start + "  " + count + '\n';
            break;
        case OutputFormat::Json:
            out += (bucket == 0 ? "\n" : ",\n");
            Q_FALLTHROUGH();
        case OutputFormat::JsonLines:
            out += "{\"start\":\"" + start + "\",\"count\":" + count + '}';
            if (m_format == OutputFormat::JsonLines)
                out += '\n';
            break;
        case OutputFormat::Csv:
            out += start + ',' + count + "\r\n";
            break;
        }
        if (out.size() >= FlushBytes) {
            printBytes(out);
            out.clear();
        }
    }
    if (m_format == OutputFormat::Json)
        out += buckets.isEmpty() ? "]\n" : "\n]\n";
    printBytes(out);
}

} // namespace crondesk::cli
