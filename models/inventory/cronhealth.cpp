#include "cronhealth.h"

#include <models/common/displayformat.h>
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

// Since when the scheduler could fire the cron: its next_run_date, or the last change if that
// came later (a cron resumed with a next run in the past fires at the scheduler's next poll).
QDateTime dueSince(const api::Cron &cron)
{
    return cron.updatedAt.isValid() && cron.updatedAt > cron.nextRunDate ? cron.updatedAt
                                                                         : cron.nextRunDate;
}

QString readTimeText(const QDateTime &readAt)
{
    return readAt.toLocalTime().toString(u"HH:mm:ss"_s);
}

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
    // A zone the server cannot have accepted (an older or more lenient server stored it): no fire
    // time is computed in it, and nothing pretends it is UTC; zone is UTC only to show the
    // server's instants, which are UTC.
    const std::optional<QTimeZone> zone = schedule::resolveZone(timezone);
    insight->zoneValid = zone.has_value();
    insight->zone = zone.value_or(QTimeZone::utc());
    if (!insight->expression.isValid()) {
        insight->parseError = error.message;
        insight->description = schedule;
    } else if (!insight->zoneValid) {
        insight->description = schedule::describe(
            insight->expression, translate("“%1” is not a time zone").arg(timezone));
        insight->shortestInterval = insight->expression.shortestInterval();
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
                         const QDateTime &readAt, const QDateTime &now)
{
    const QDateTime read = readAt.isValid() ? readAt : now;
    HealthFlags flags;
    // First: whatever else is judged below was judged without the fields that did not read.
    if (!cron.malformed.isEmpty())
        flags |= HealthFlag::MalformedField;
    const bool ended = cron.endTime.isValid() && cron.endTime < now;
    if (ended)
        flags |= HealthFlag::Ended;
    if (!cron.enabled)
        flags |= HealthFlag::Paused;
    if (!insight.zoneValid)
        flags |= HealthFlag::InvalidTimezone;
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
    // Without a zone there is no fire time to compare the server's with: overdue, drift and DST
    // would all be guesses in UTC.
    if (!insight.zoneValid)
        return flags;
    if (!ended && !insight.dstNotes.isEmpty())
        flags |= HealthFlag::DstSoon;

    // A paused or ended cron is not advanced by the scheduler, so its stale next_run_date says
    // nothing about the server's health.
    if (!cron.nextRunDate.isValid() || !cron.enabled || ended)
        return flags;
    // The server's own answer: when it was read, the run was long due and not fired.
    if (dueSince(cron).secsTo(read) > overdueGrace.count()) {
        flags |= HealthFlag::Overdue;
        return flags;
    }
    // The run came due after the row was read (or so shortly before that the scheduler may not
    // have had its poll): what the server did since is unknown until the row is read again.
    if (cron.nextRunDate <= std::max(now, read)) {
        flags |= HealthFlag::Due;
        return flags;
    }
    // The server's next run must be a fire time of the schedule, and no fire time may lie
    // between the read and it (which would mean the server skips runs).
    const std::optional<QDateTime> expected
        = insight.expression.next(cron.nextRunDate.addSecs(-1), insight.zone);
    if (!expected || *expected != cron.nextRunDate) {
        flags |= HealthFlag::Drift;
    } else if (const std::optional<QDateTime> upcoming
               = insight.expression.next(read, insight.zone);
               upcoming && *upcoming < cron.nextRunDate) {
        flags |= HealthFlag::Drift;
    }
    return flags;
}

QDateTime rereadTime(const api::Cron &cron, HealthFlags flags, const QDateTime &readAt)
{
    if (!(flags & HealthFlag::Due))
        return {};
    const QDateTime afterPoll = dueSince(cron).addSecs(rereadDelay.count());
    const QDateTime spaced = readAt.addSecs(rereadSpacing.count());
    return readAt.isValid() ? std::max(afterPoll, spaced) : afterPoll;
}

QStringList describeHealth(HealthFlags flags, const api::Cron &cron, const ScheduleInsight &insight,
                           const QDateTime &readAt, const QDateTime &now)
{
    const QDateTime read = readAt.isValid() ? readAt : now;
    QStringList lines;
    // Instants in the cron's zone when it has one; otherwise as the server gave them, in UTC.
    const QString zone = insight.zoneValid ? cron.timezone : QString();
    if (flags & HealthFlag::InvalidTimezone)
        lines << translate("Invalid time zone: “%1” is not an IANA time zone name, so when it "
                           "fires cannot be checked; times are shown in UTC as the server gave "
                           "them.")
                     .arg(cron.timezone);
    if (flags & HealthFlag::InvalidSchedule)
        lines << translate("Invalid schedule: %1").arg(insight.parseError);
    if (flags & HealthFlag::NeverFires)
        lines << translate("Never fires: no date satisfies “%1”.").arg(cron.schedule);
    if (flags & HealthFlag::Overdue)
        lines << translate("Overdue: it should have fired at %1 (%2), and when read at %3 the "
                           "server had still not fired it.")
                     .arg(formatInstant(cron.nextRunDate, zone),
                          relativeTime(cron.nextRunDate, now), readTimeText(read));
    if (flags & HealthFlag::Due)
        lines << translate("Due: it was to fire at %1, and the last answer, read at %2, is too "
                           "early to say whether it did; checking with the server.")
                     .arg(formatInstant(cron.nextRunDate, zone), readTimeText(read));
    if (flags & HealthFlag::Drift) {
        const auto expected = insight.expression.next(read, insight.zone);
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

QString healthSummary(HealthFlags flags)
{
    QStringList names;
    for (const HealthFlag flag : allHealthFlags()) {
        if (flags & flag)
            names.append(healthFlagName(flag));
    }
    return names.isEmpty() ? translate("Healthy") : names.join(u", "_s);
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
    case HealthFlag::InvalidTimezone:
        return translate("Invalid time zone");
    case HealthFlag::Due:
        return translate("Due, checking");
    case HealthFlag::MalformedField:
        return translate("Malformed field");
    }
    return {};
}

QList<HealthFlag> allHealthFlags()
{
    return {HealthFlag::Overdue,
            HealthFlag::Drift,
            HealthFlag::NeverFires,
            HealthFlag::InvalidSchedule,
            HealthFlag::InvalidTimezone,
            HealthFlag::MalformedField,
            HealthFlag::Due,
            HealthFlag::Ended,
            HealthFlag::Paused,
            HealthFlag::Frequent,
            HealthFlag::DstSoon};
}

} // namespace crondesk::models
