#include "schedulecommand.h"

#include "cliparse.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/describe.h>
#include <models/schedule/dstnotes.h>
#include <models/schedule/zonerules.h>

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

constexpr int ExitSuccess = 0;
constexpr int ExitNeverFires = 1;
constexpr int ExitUsage = 2;
constexpr int MaxCount = 10000;
constexpr int MaxDays = 3660;

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::cli::schedule", text);
}

QString twoDigits(qint64 value)
{
    return QString::number(value).rightJustified(2, u'0');
}

// "2026-03-09T02:30:00-04:00": the wall-clock time in the zone and its offset, "+00:00" for UTC
// rather than Qt's "Z" so that every line has the same shape.
QString isoInZone(qint64 instant, const schedule::ZoneRules &rules)
{
    const int offset = rules.offsetAt(instant);
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(instant + offset, Qt::UTC);
    const int minutes = std::abs(offset) / 60;
    return wall.toString(u"yyyy-MM-ddTHH:mm:ss") + (offset < 0 ? u'-' : u'+')
        + twoDigits(minutes / 60) + u':' + twoDigits(minutes % 60);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

// Milliseconds since the epoch for ISO 8601 with an offset or Z; without one, a wall-clock time
// (or a date: midnight) in the schedule's zone, resolved the way fire times are.
std::optional<qint64> parseInstant(const QString &text, const schedule::ZoneRules &rules)
{
    const QString trimmed = text.trimmed();
    QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        parsed = QDateTime(date, QTime(0, 0));
    }
    if (parsed.timeSpec() == Qt::LocalTime) {
        const qint64 wallMs = QDateTime(parsed.date(), parsed.time(), Qt::UTC).toMSecsSinceEpoch();
        const qint64 wall = floorDiv(wallMs, 1000);
        return rules.instantOfWallTime(wall) * 1000 + (wallMs - wall * 1000);
    }
    return parsed.toMSecsSinceEpoch();
}

struct Options
{
    QString command;
    QString expression;
    QString zoneName;
    QString from;
    int count = 5;
    int days = 365;
};

} // namespace

QString scheduleUsage()
{
    return tr("Usage:\n"
              "  crondeskctl schedule next EXPR [--tz ZONE] [--from ISO8601] [-n N]\n"
              "  crondeskctl schedule prev EXPR [--tz ZONE] [--from ISO8601] [-n N]\n"
              "  crondeskctl schedule describe EXPR [--tz ZONE]\n"
              "  crondeskctl schedule check EXPR\n"
              "  crondeskctl schedule dst EXPR [--tz ZONE] [--from ISO8601] [--days D]\n"
              "\n"
              "Works offline, with the rules of the server's croniter. EXPR is a cron expression\n"
              "(quote it); ZONE an IANA time zone, UTC by default. Fire times print as ISO 8601\n"
              "in ZONE, strictly after (next) or before (prev) --from, which defaults to now; a\n"
              "--from without an offset is a wall-clock time in ZONE. -n defaults to 5.\n"
              "\n"
              "Exit status: 0 success, 1 the schedule never fires, 2 invalid input.\n");
}

int runScheduleCommand(const QStringList &args, QTextStream &out, QTextStream &err,
                       const QDateTime &now)
{
    if (args.isEmpty()) {
        err << scheduleUsage();
        return ExitUsage;
    }
    Options options;
    options.command = args.first();
    if (options.command == "--help"_L1 || options.command == "-h"_L1
        || options.command == "help"_L1) {
        out << scheduleUsage();
        return ExitSuccess;
    }
    static const QStringList commands {u"next"_s, u"prev"_s, u"describe"_s, u"check"_s, u"dst"_s};
    if (!commands.contains(options.command)) {
        err << tr("crondeskctl schedule: unknown command “%1”.").arg(options.command) << '\n'
            << scheduleUsage();
        return ExitUsage;
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption zoneOption(u"tz"_s, tr("IANA time zone (default UTC)."), u"zone"_s);
    const QCommandLineOption fromOption(u"from"_s, tr("Start instant (default now)."),
                                        u"instant"_s);
    const QCommandLineOption countOption(u"n"_s, tr("How many fire times."), u"count"_s);
    const QCommandLineOption daysOption(u"days"_s, tr("How many days ahead."), u"days"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, tr("Show this help."));
    parser.addOptions({zoneOption, fromOption, countOption, daysOption, helpOption});
    const QString prefix = "crondeskctl schedule "_L1 + options.command;
    if (!parser.parse(QStringList {prefix} + args.mid(1))) {
        err << prefix << ": " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << scheduleUsage();
        return ExitSuccess;
    }
    options.expression = parser.positionalArguments().join(u' ');
    options.zoneName = parser.value(zoneOption);
    options.from = parser.value(fromOption);
    if (options.expression.trimmed().isEmpty()) {
        err << tr("%1: missing the cron expression (quote it: \"0 9 * * 1-5\").").arg(prefix)
            << '\n';
        return ExitUsage;
    }
    if (parser.isSet(countOption)) {
        const auto count = parseWholeNumber(parser.value(countOption), 1, MaxCount, nullptr);
        if (!count) {
            err << tr("%1: -n takes a number from 1 to %2.").arg(prefix).arg(MaxCount) << '\n';
            return ExitUsage;
        }
        options.count = int(*count);
    }
    if (parser.isSet(daysOption)) {
        const auto days = parseWholeNumber(parser.value(daysOption), 1, MaxDays, nullptr);
        if (!days) {
            err << tr("%1: --days takes a number from 1 to %2.").arg(prefix).arg(MaxDays) << '\n';
            return ExitUsage;
        }
        options.days = int(*days);
    }

    schedule::ParseError error;
    const schedule::CronExpression expr
        = schedule::CronExpression::parse(options.expression, &error);
    if (!expr.isValid()) {
        err << error.message << '\n';
        return ExitUsage;
    }

    const std::optional<QTimeZone> zone = schedule::resolveZone(options.zoneName);
    if (!zone) {
        // Named after the option, as crons create/update name --timezone.
        err << tr("%1: --tz: “%2” is not an IANA time zone name (such as Europe/Berlin or "
                  "America/New_York).")
                   .arg(prefix, options.zoneName)
            << '\n';
        return ExitUsage;
    }
    const QString zoneLabel = options.zoneName.isEmpty() ? u"UTC"_s : options.zoneName;

    if (options.command == "check"_L1) {
        if (expr.neverFires()) {
            err << tr("The schedule “%1” never fires: no date matches it.").arg(expr.text())
                << '\n';
            return ExitNeverFires;
        }
        out << tr("valid: %1").arg(schedule::describe(expr, zoneLabel)) << '\n';
        const QStringList warnings = expr.portabilityWarnings();
        for (const QString &warning : warnings)
            out << tr("warning: %1").arg(warning) << '\n';
        return ExitSuccess;
    }
    if (options.command == "describe"_L1) {
        out << schedule::describe(expr, zoneLabel) << '\n';
        return ExitSuccess;
    }

    if (expr.neverFires()) {
        err << tr("The schedule “%1” never fires: no date matches it.").arg(expr.text()) << '\n';
        return ExitNeverFires;
    }
    const schedule::ZoneRules &rules = schedule::ZoneRules::forZone(*zone);
    qint64 fromMs = now.toMSecsSinceEpoch();
    if (!options.from.isEmpty()) {
        const std::optional<qint64> parsed = parseInstant(options.from, rules);
        if (!parsed) {
            err << tr("%1: “%2” is not an ISO 8601 date and time (e.g. 2026-03-09T09:00:00Z).")
                       .arg(prefix, options.from)
                << '\n';
            return ExitUsage;
        }
        fromMs = *parsed;
    }

    if (options.command == "dst"_L1) {
        const QList<schedule::DstNote> notes = schedule::dstNotes(
            expr, *zone, QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC), options.days);
        if (notes.isEmpty())
            out << tr("No runs fall on a clock change in %1 within %2 days.")
                       .arg(zoneLabel)
                       .arg(options.days)
                << '\n';
        for (const schedule::DstNote &note : notes)
            out << note.explanation << '\n';
        return ExitSuccess;
    }

    const bool forward = options.command == "next"_L1;
    // Fire times are whole seconds: strictly after an instant is strictly after its floor,
    // strictly before it is strictly before its ceiling.
    qint64 at = forward ? floorDiv(fromMs, 1000) : -floorDiv(-fromMs, 1000);
    for (int i = 0; i < options.count; ++i) {
        const std::optional<qint64> fire
            = forward ? expr.nextSeconds(at, rules) : expr.previousSeconds(at, rules);
        if (!fire)
            break;
        out << isoInZone(*fire, rules) << '\n';
        at = *fire;
    }
    return ExitSuccess;
}

} // namespace crondesk::cli
