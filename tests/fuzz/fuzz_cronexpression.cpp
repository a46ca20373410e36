// Fuzzes the cron expression parser and the fire-time search (models/schedule): the input is an
// expression as a server or a user would send it. Whatever parses must give fire times that are
// strictly after / before the instant asked about and, in UTC (where wall time is the instant),
// fall on a second the fields allow, with next() and previous() agreeing with each other. In zones
// with clock changes (Berlin, New York, Lord Howe's half hour, Chatham's 45 minutes) around their
// changes and at the ends of the supported range, the search must end without a sanitizer report.
#include "fuzzcheck.h"

#include <models/schedule/cronexpression.h>
#include <models/schedule/describe.h>
#include <models/schedule/dstnotes.h>

#include <QDateTime>
#include <QTimeZone>

#include <array>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

struct Zones
{
    QList<QTimeZone> zones;
    QList<QDateTime> instants;
};

const Zones &zones()
{
    static const Zones z = [] {
        Zones result;
        for (const char *name :
             {"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"})
            result.zones.append(QTimeZone(QByteArray(name)));
        for (const char *text :
             {"2025-03-30T00:30:00Z", "2025-11-02T05:30:00.500Z", "2024-02-29T23:59:59Z",
              "1970-01-01T00:00:00Z", "9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z"})
            result.instants.append(
                QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs));
        return result;
    }();
    return z;
}

// Whether a UTC instant is one the expression's fields allow (wall time = UTC).
bool matchesInUtc(const schedule::CronExpression &expression, const QDateTime &instant)
{
    const schedule::CronFields &f = expression.fields();
    const QDate date = instant.date();
    const QTime time = instant.time();
    const bool second
        = expression.hasSeconds() ? (f.seconds >> time.second()) & 1 : time.second() == 0;
    return second && (f.minutes >> time.minute()) & 1 && (f.hours >> time.hour()) & 1
        && (f.months >> date.month()) & 1
        && expression.matchesDate(date.year(), date.month(), date.day());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0; // a schedule is a line; longer inputs only slow the search down
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    schedule::ParseError error;
    const schedule::CronExpression expression = schedule::CronExpression::parse(text, &error);
    if (!expression.isValid()) {
        FUZZ_CHECK(!error.message.isEmpty(), u"a refused expression without a reason"_s);
        return 0;
    }
    // The same text parses the same way again.
    FUZZ_CHECK(schedule::CronExpression::parse(expression.text()).fields() == expression.fields(),
               text);
    (void)expression.portabilityWarnings();
    (void)expression.shortestInterval();
    (void)schedule::describe(expression, u"Europe/Berlin"_s);

    const Zones &z = zones();
    for (const QTimeZone &zone : z.zones) {
        const bool utc = zone.id() == "UTC";
        for (const QDateTime &instant : z.instants) {
            const std::optional<QDateTime> next = expression.next(instant, zone);
            const std::optional<QDateTime> previous = expression.previous(instant, zone);
            if (expression.neverFires())
                FUZZ_CHECK(!next && !previous, text);
            if (next) {
                FUZZ_CHECK(*next > instant, text + u" next " + next->toString(Qt::ISODate));
                FUZZ_CHECK(next->time().msec() == 0, text);
            }
            if (previous) {
                FUZZ_CHECK(*previous < instant,
                           text + u" previous " + previous->toString(Qt::ISODate));
            }
            if (!utc)
                continue;
            if (next) {
                FUZZ_CHECK(matchesInUtc(expression, *next),
                           text + u" " + next->toString(Qt::ISODate));
                // Nothing fires in between: the last time before it is at or before the instant.
                const std::optional<QDateTime> before = expression.previous(*next, zone);
                FUZZ_CHECK(!before || *before <= instant, text);
                FUZZ_CHECK(expression.previous(next->addSecs(1), zone) == next, text);
            }
            if (previous) {
                FUZZ_CHECK(matchesInUtc(expression, *previous), text);
                const std::optional<QDateTime> after = expression.next(*previous, zone);
                FUZZ_CHECK(!after || *after >= instant, text);
                FUZZ_CHECK(expression.next(previous->addSecs(-1), zone) == previous, text);
            }
        }
        // A few in a row, strictly increasing / decreasing.
        const QList<QDateTime> ahead = expression.nextN(z.instants.first(), zone, 5);
        for (qsizetype i = 1; i < ahead.size(); ++i)
            FUZZ_CHECK(ahead.at(i - 1) < ahead.at(i), text);
        const QList<QDateTime> behind = expression.previousN(z.instants.first(), zone, 5);
        for (qsizetype i = 1; i < behind.size(); ++i)
            FUZZ_CHECK(behind.at(i - 1) > behind.at(i), text);
    }
    (void)schedule::dstNotes(expression, z.zones.at(1), z.instants.first(), 40);
    return 0;
}
