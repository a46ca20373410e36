#include "cronhealth.h"

#include "displayformat.h"

#include <models/schedule/describe.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("CronHealth", text);
}

constexpr qint64 overdueGraceSeconds = 60;

} // namespace

std::shared_ptr<const ScheduleInsight> ScheduleInsightCache::insight(const QString &schedule,
                                                                     const QString &timezone,
                                                                     const QDateTime &now)
{
    const QString key = schedule + u'\x1f' + timezone;
    if (const auto it = m_entries.constFind(key); it != m_entries.cend())
        return *it;
    if (m_entries.isEmpty())
        m_filledAt = now;

    auto insight = std::make_shared<ScheduleInsight>();
    schedule::ParseError error;
    insight->expression = schedule::CronExpression::parse(schedule, &error);
    // An unknown zone cannot come from a server that validates zones; fall back to UTC, which
    // is also what a missing zone means.
    insight->zone = schedule::resolveZone(timezone).value_or(QTimeZone::utc());
    if (!insight->expression.isValid()) {
        insight->parseError = error.message;
        insight->description = schedule;
    } else {
        insight->description = schedule::describe(insight->expression, timezone);
        insight->shortestInterval = insight->expression.shortestInterval();
        insight->dstNotes
            = schedule::dstNotes(insight->expression, insight->zone, now, dstHorizonDays);
    }
    m_entries.insert(key, insight);
    return insight;
}

bool ScheduleInsightCache::clearIfOlderThan(const QDateTime &now, std::chrono::seconds age)
{
    if (!m_filledAt.isValid() || m_filledAt.secsTo(now) <= age.count())
        return false;
    m_entries.clear();
    m_filledAt = QDateTime();
    return true;
}

HealthFlags assessHealth(const api::Cron &cron, const ScheduleInsight &insight,
                         const QDateTime &now)
{
    HealthFlags flags;
    // First: whatever else is judged below was judged without the fields that did not read.
    if (!cron.malformed.isEmpty())
        flags |= HealthFlag::MalformedField;
    const bool ended = cron.endTime.isValid() && cron.endTime < now;
    if (ended)
        flags |= HealthFlag::Ended;
    if (!cron.enabled)
        flags |= HealthFlag::Paused;
    if (!insight.expression.isValid()) {
        flags |= HealthFlag::InvalidSchedule;
        return flags;
    }
    if (insight.expression.neverFires()) {
        flags |= HealthFlag::NeverFires;
        return flags;
    }
    if (insight.shortestInterval.count() > 0
        && insight.shortestInterval < ScheduleInsightCache::frequentThreshold)
        flags |= HealthFlag::Frequent;
    if (!ended && !insight.dstNotes.isEmpty())
        flags |= HealthFlag::DstSoon;

    // A paused or ended cron is not advanced by the scheduler, so its stale next_run_date says
    // nothing about the server's health.
    if (!cron.nextRunDate.isValid() || !cron.enabled || ended)
        return flags;
    if (cron.nextRunDate.secsTo(now) > overdueGraceSeconds) {
        flags |= HealthFlag::Overdue;
        return flags;
    }
    // The server's next run must be a fire time of the schedule, and no fire time may lie
    // between now and it (which would mean the server skips runs).
    const std::optional<QDateTime> expected
        = insight.expression.next(cron.nextRunDate.addSecs(-1), insight.zone);
    if (!expected || *expected != cron.nextRunDate) {
        flags |= HealthFlag::Drift;
    } else if (const std::optional<QDateTime> upcoming = insight.expression.next(now, insight.zone);
               upcoming && *upcoming < cron.nextRunDate) {
        flags |= HealthFlag::Drift;
    }
    return flags;
}

QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &now)
{
    QStringList lines;
    const QString zone = cron.timezone;
    if (flags & HealthFlag::InvalidSchedule)
        lines << translate("Invalid schedule: %1").arg(insight.parseError);
    if (flags & HealthFlag::NeverFires)
        lines << translate("Never fires: no date satisfies “%1”.").arg(cron.schedule);
    if (flags & HealthFlag::Overdue)
        lines << translate("Overdue: it should have fired at %1 (%2) and has not.")
                     .arg(formatInstant(cron.nextRunDate, zone),
                          relativeTime(cron.nextRunDate, now));
    if (flags & HealthFlag::Drift) {
        const auto expected = insight.expression.next(now, insight.zone);
        lines << translate("Drift: the server says the next run is %1, the schedule says %2.")
                     .arg(formatInstant(cron.nextRunDate, zone),
                          expected ? formatInstant(*expected, zone) : translate("never"));
    }
    if (flags & HealthFlag::MalformedField) {
        for (const api::MalformedField &field : cron.malformed)
            lines << translate("Malformed %1: the server sent %2 (%3); it is shown as missing.")
                         .arg(field.field, field.received, field.problem);
    }
    if (flags & HealthFlag::Ended)
        lines << translate("Ended: its end time %1 has passed; it will not fire again.")
                     .arg(formatInstant(cron.endTime, zone));
    if (flags & HealthFlag::Paused)
        lines << translate("Paused: it is listed but does not fire until resumed.");
    if (flags & HealthFlag::Frequent)
        lines << translate("Frequent: it can fire every %1 s, which costs a run each time.")
                     .arg(insight.shortestInterval.count());
    if (flags & HealthFlag::DstSoon) {
        for (const schedule::DstNote &note : insight.dstNotes)
            lines << translate("DST: %1").arg(note.explanation);
    }
    if (lines.isEmpty())
        lines << translate("Healthy: scheduled as expected.");
    return lines;
}

QString healthFlagName(HealthFlag flag)
{
    switch (flag) {
    case HealthFlag::Overdue:
        return translate("Overdue");
    case HealthFlag::Drift:
        return translate("Next run disagrees");
    case HealthFlag::NeverFires:
        return translate("Never fires");
    case HealthFlag::InvalidSchedule:
        return translate("Invalid schedule");
    case HealthFlag::Ended:
        return translate("End time passed");
    case HealthFlag::Paused:
        return translate("Paused");
    case HealthFlag::Frequent:
        return translate("Fires every < 5 min");
    case HealthFlag::DstSoon:
        return translate("DST change within 30 days");
    case HealthFlag::MalformedField:
        return translate("Malformed field");
    }
    return {};
}

QList<HealthFlag> allHealthFlags()
{
    return {HealthFlag::Overdue,         HealthFlag::Drift,   HealthFlag::NeverFires,
            HealthFlag::InvalidSchedule, HealthFlag::Ended,   HealthFlag::Paused,
            HealthFlag::Frequent,        HealthFlag::DstSoon, HealthFlag::MalformedField};
}

} // namespace crondesk::models
