#include "nextrun.h"

#include <QList>
#include <QStringList>

#include <bitset>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

// TEMPORARY PLACEHOLDER: a minimal five-field cron evaluator that stands in for the project's
// schedule engine (models/schedule, crondesk::schedule::CronExpression) until it lands. It knows
// numbers, '*', '?', lists, ranges, steps, month and day names and the @-macros, with the
// day-of-month/day-of-week OR rule; nothing else. Replace its body with the engine, keeping the
// NextRunCalculator interface.
namespace {

struct Fields
{
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> days; // 1..31
    std::bitset<13> months; // 1..12
    std::bitset<7> weekdays; // 0 = Sunday
    bool dayRestricted = false;
    bool weekdayRestricted = false;
};

int nameValue(const QString &token, const QStringList &names, int base)
{
    const qsizetype index = names.indexOf(token.toLower());
    return index < 0 ? -1 : int(index) + base;
}

int parseValue(const QString &token, int min, int max, const QStringList &names, int nameBase)
{
    bool ok = false;
    int value = token.toInt(&ok);
    if (!ok) {
        if (names.isEmpty())
            return -1;
        value = nameValue(token, names, nameBase);
    }
    return value < min || value > max ? -1 : value;
}

// Parses one field into `set`; returns false if invalid. `restricted` tells whether it was '*'.
template<size_t N>
bool parseField(const QString &field, int min, int max, std::bitset<N> &set, bool *restricted,
                const QStringList &names = {}, int nameBase = 0, bool questionMark = false)
{
    if (field.isEmpty())
        return false;
    *restricted = !(field == u"*" || (questionMark && field == u"?"));
    const QStringList parts = field.split(u',');
    for (const QString &part : parts) {
        QString range = part;
        int step = 1;
        const qsizetype slash = part.indexOf(u'/');
        if (slash >= 0) {
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step <= 0)
                return false;
            range = part.left(slash);
        }
        int first = min;
        int last = max;
        if (range == u"*" || (questionMark && range == u"?")) {
            // whole range
        } else {
            const qsizetype dash = range.indexOf(u'-', 1);
            if (dash >= 0) {
                first = parseValue(range.left(dash), min, max, names, nameBase);
                last = parseValue(range.mid(dash + 1), min, max, names, nameBase);
                if (first < 0 || last < 0 || last < first)
                    return false;
            } else {
                first = parseValue(range, min, max, names, nameBase);
                if (first < 0)
                    return false;
                if (slash < 0)
                    last = first;
            }
        }
        for (int value = first; value <= last; value += step)
            set.set(size_t(value));
    }
    return true;
}

std::optional<Fields> parseSchedule(const QString &schedule)
{
    static const QHash<QString, QString> macros = {
        {u"@yearly"_s, u"0 0 1 1 *"_s},  {u"@annually"_s, u"0 0 1 1 *"_s},
        {u"@monthly"_s, u"0 0 1 * *"_s}, {u"@weekly"_s, u"0 0 * * 0"_s},
        {u"@daily"_s, u"0 0 * * *"_s},   {u"@midnight"_s, u"0 0 * * *"_s},
        {u"@hourly"_s, u"0 * * * *"_s},
    };
    static const QStringList monthNames
        = {u"jan"_s, u"feb"_s, u"mar"_s, u"apr"_s, u"may"_s, u"jun"_s,
           u"jul"_s, u"aug"_s, u"sep"_s, u"oct"_s, u"nov"_s, u"dec"_s};
    static const QStringList dayNames
        = {u"sun"_s, u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s};

    QString text = schedule.trimmed();
    text = macros.value(text.toLower(), text);
    const QStringList fields = text.split(u' ', Qt::SkipEmptyParts);
    if (fields.size() != 5)
        return std::nullopt;

    Fields result;
    bool restricted = false;
    std::bitset<8> weekdays;
    if (!parseField(fields[0], 0, 59, result.minutes, &restricted)
        || !parseField(fields[1], 0, 23, result.hours, &restricted)
        || !parseField(fields[2], 1, 31, result.days, &result.dayRestricted, {}, 0, true)
        || !parseField(fields[3], 1, 12, result.months, &restricted, monthNames, 1)
        || !parseField(fields[4], 0, 7, weekdays, &result.weekdayRestricted, dayNames, 0, true))
        return std::nullopt;
    for (size_t day = 0; day < 7; ++day)
        result.weekdays[day] = weekdays[day];
    if (weekdays[7])
        result.weekdays.set(0);
    return result;
}

bool dayMatches(const Fields &fields, const QDate &date)
{
    const bool dayOk = fields.days[size_t(date.day())];
    const bool weekdayOk = fields.weekdays[size_t(date.dayOfWeek() % 7)];
    if (fields.dayRestricted && fields.weekdayRestricted)
        return dayOk || weekdayOk;
    return dayOk && weekdayOk;
}

} // namespace

NextRunCalculator::NextRunCalculator() = default;
NextRunCalculator::~NextRunCalculator() = default;

bool NextRunCalculator::isValidSchedule(const QString &schedule) const
{
    return parseSchedule(schedule).has_value();
}

bool NextRunCalculator::isValidTimeZone(const QString &name) const
{
    if (name.isEmpty() || name.startsWith(u"UTC+") || name.startsWith(u"UTC-"))
        return false;
    return zone(name).isValid();
}

QTimeZone NextRunCalculator::zone(const QString &name) const
{
    if (name.isEmpty())
        return QTimeZone(QByteArrayLiteral("UTC"));
    auto it = m_zones.constFind(name);
    if (it == m_zones.cend()) {
        const QByteArray id = name.toUtf8();
        const QTimeZone zone = QTimeZone::isTimeZoneIdAvailable(id) ? QTimeZone(id) : QTimeZone();
        it = m_zones.insert(name, zone);
    }
    return *it;
}

std::optional<QDateTime> NextRunCalculator::next(const QString &schedule, const QString &timeZone,
                                                 const QDateTime &after) const
{
    const CacheKey key {schedule, timeZone, after.toMSecsSinceEpoch()};
    if (const auto it = m_cache.constFind(key); it != m_cache.cend())
        return *it;
    if (m_cache.size() > 20000)
        m_cache.clear();

    std::optional<QDateTime> result;
    const auto fields = parseSchedule(schedule);
    const QTimeZone tz = zone(timeZone);
    if (fields && tz.isValid()) {
        const QDateTime local = after.toTimeZone(tz);
        QDate date = local.date();
        int minuteOfDay = local.time().hour() * 60 + local.time().minute() + 1;
        const QDate limit = date.addYears(5);
        while (date <= limit && !result) {
            if (minuteOfDay >= 24 * 60 || !fields->months[size_t(date.month())]
                || !dayMatches(*fields, date)) {
                date = date.addDays(1);
                minuteOfDay = 0;
                continue;
            }
            const int hour = minuteOfDay / 60;
            if (!fields->hours[size_t(hour)]) {
                minuteOfDay = (hour + 1) * 60;
                continue;
            }
            if (fields->minutes[size_t(minuteOfDay % 60)]) {
                const QDateTime candidate(date, QTime(hour, minuteOfDay % 60), tz);
                if (candidate.isValid() && candidate > after)
                    result = candidate.toUTC();
            }
            ++minuteOfDay;
        }
    }
    m_cache.insert(key, result);
    return result;
}

} // namespace crondesk::sandbox
