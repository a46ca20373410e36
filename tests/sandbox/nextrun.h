#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace crondesk::schedule {
class CronExpression;
}

namespace crondesk::sandbox {

// The one place the sandbox turns a schedule and a time zone into fire times, so that swapping
// the schedule engine in or out touches nothing else.
class NextRunCalculator final
{
public:
    NextRunCalculator();
    ~NextRunCalculator();
    NextRunCalculator(const NextRunCalculator &) = delete;
    NextRunCalculator &operator=(const NextRunCalculator &) = delete;

    bool isValidSchedule(const QString &schedule) const;
    // An IANA zone name as Python's zoneinfo accepts it: case-sensitive, no "UTC+02:00" offsets.
    // The empty string is not one (a cron without a zone sends no key, or null).
    bool isValidTimeZone(const QString &name) const;

    // The first fire time strictly after `after`, in UTC; nullopt when the schedule is invalid or
    // never fires. An empty `timeZone` means UTC, as on the server.
    std::optional<QDateTime> next(const QString &schedule, const QString &timeZone,
                                  const QDateTime &after) const;
    // The last fire time strictly before `before`, in UTC (for seeding a run history).
    std::optional<QDateTime> previous(const QString &schedule, const QString &timeZone,
                                      const QDateTime &before) const;

private:
    const schedule::CronExpression &expression(const QString &text) const;
    std::optional<QTimeZone> zone(const QString &name) const;

    // Seeding asks the same (schedule, zone, now) question thousands of times.
    struct CacheKey
    {
        QString schedule;
        QString timeZone;
        qint64 after;
        bool operator==(const CacheKey &other) const = default;
    };
    friend size_t qHash(const CacheKey &key, size_t seed) noexcept
    {
        return qHashMulti(seed, key.schedule, key.timeZone, key.after);
    }
    mutable QHash<CacheKey, std::optional<QDateTime>> m_cache;
    struct Cache;
    std::unique_ptr<Cache> m_parsed;
};

} // namespace crondesk::sandbox
