#include "enableplan.h"

#include "displayformat.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("EnablePlan", text);
}

constexpr qsizetype maxListed = 12;

} // namespace

EnablePlan planSetEnabled(const QList<api::Cron> &selected, bool enable, const QDateTime &now)
{
    EnablePlan plan;
    plan.enable = enable;
    for (const api::Cron &cron : selected) {
        if (cron.enabled == enable) {
            plan.unchanged.append(cron);
            continue;
        }
        plan.changing.append(cron);
        if (enable && cron.nextRunDate.isValid() && cron.nextRunDate <= now
            && !(cron.endTime.isValid() && cron.endTime < now))
            plan.firesImmediately.append(cron);
    }
    return plan;
}

QStringList EnablePlan::changingIds() const
{
    QStringList ids;
    for (const api::Cron &cron : changing)
        ids.append(cron.cronId);
    return ids;
}

QString EnablePlan::title() const
{
    return enable ? translate("Resume Crons") : translate("Pause Crons");
}

QString EnablePlan::question(const QString &deployment) const
{
    const qsizetype n = changing.size();
    if (enable) {
        return n == 1 ? translate("Resume 1 cron on %1?").arg(deployment)
                      : translate("Resume %1 crons on %2?").arg(n).arg(deployment);
    }
    return n == 1 ? translate("Pause 1 cron on %1?").arg(deployment)
                  : translate("Pause %1 crons on %2?").arg(n).arg(deployment);
}

QStringList EnablePlan::consequences(const QDateTime &now) const
{
    QStringList lines;
    if (enable) {
        lines << translate("They fire again on their schedules.");
        if (!firesImmediately.isEmpty()) {
            lines << translate("%1 of them missed their next run while paused and will fire "
                               "immediately, once:")
                         .arg(firesImmediately.size());
            for (const api::Cron &cron : firesImmediately.mid(0, maxListed)) {
                lines << u"  • %1  %2 — was due %3"_s.arg(shortId(cron.cronId), cron.schedule,
                                                          relativeTime(cron.nextRunDate, now));
            }
            if (firesImmediately.size() > maxListed)
                lines << translate("  … and %1 more").arg(firesImmediately.size() - maxListed);
        }
    } else {
        lines << translate("They stay listed with every setting, and do not fire until resumed.");
        lines << translate("A run already in progress is not stopped.");
    }
    if (!unchanged.isEmpty()) {
        lines << (enable ? translate("%1 selected cron(s) already enabled: left as they are.")
                         : translate("%1 selected cron(s) already paused: left as they are."))
                     .arg(unchanged.size());
    }
    return lines;
}

} // namespace crondesk::models
