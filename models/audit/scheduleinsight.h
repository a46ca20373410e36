#pragma once

#include <models/schedule/cronexpression.h>
#include <models/schedule/dstnotes.h>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <chrono>
#include <memory>

namespace crondesk::models {

// Everything the schedule engine says about one schedule in one zone. Shared by every cron with
// the same schedule and zone, which in real deployments is most of them.
struct ScheduleInsight
{
    schedule::CronExpression expression;
    // The cron's zone; UTC when it has none, and also when its name is no IANA zone (zoneValid
    // false), only so that the server's instants can be shown, labelled UTC.
    QTimeZone zone;
    bool zoneValid = true;
    QString parseError; // empty when the expression is valid
    int parseErrorColumn = 0; // 1-based column of the parse error, 0 when valid
    QString description; // plain English, or the raw expression when unparsable
    std::chrono::seconds shortestInterval {0};
    QList<schedule::DstNote> dstNotes; // within the DST horizon from when this was computed
};

// Computes and caches ScheduleInsight per (schedule, timezone). The DST notes look a fixed
// horizon ahead of the instant the entry was first computed; call clearIfOlderThan() so that they
// do not go stale in a long-running session.
class ScheduleInsightCache final
{
public:
    // The defaults of the health column and of the audit policy (dst-exposure's `days`,
    // too-frequent's `min_interval_seconds`).
    static constexpr int dstHorizonDays = 30;
    static constexpr std::chrono::seconds frequentThreshold {5 * 60};

    // `dstDays`: how far ahead the DST notes look.
    explicit ScheduleInsightCache(int dstDays = dstHorizonDays)
        : m_dstDays(dstDays)
    { }

    std::shared_ptr<const ScheduleInsight> insight(const QString &schedule, const QString &timezone,
                                                   const QDateTime &now);
    void clear() { m_entries.clear(); }
    // Drops everything when the cache was filled more than `age` before `now`; says whether it did.
    bool clearIfOlderThan(const QDateTime &now, std::chrono::seconds age);
    qsizetype size() const { return m_entries.size(); }
    int dstDays() const { return m_dstDays; }

private:
    QHash<QString, std::shared_ptr<const ScheduleInsight>> m_entries;
    QDateTime m_filledAt;
    int m_dstDays;
};

} // namespace crondesk::models
