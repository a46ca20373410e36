#include "enableplan.h"

#include <models/common/displayformat.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("EnablePlan", text);
}

// With the count, so that each language's translation picks its own plural form. (Not named
// translate: lupdate would read the call as QCoreApplication::translate and miss the text.)
QString translateCounted(const char *text, qsizetype count)
{
    return QCoreApplication::translate("EnablePlan", text, nullptr, int(count));
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
    return (enable ? translateCounted(
                QT_TRANSLATE_N_NOOP("EnablePlan", "Resume %Ln cron(s) on %1?"), n)
                   : translateCounted(QT_TRANSLATE_N_NOOP("EnablePlan", "Pause %Ln cron(s) on %1?"),
                                      n))
        .arg(deployment);
}

QStringList EnablePlan::consequences(const QDateTime &now) const
{
    QStringList lines;
    if (enable) {
        lines << translate("They fire again on their schedules.");
        if (!firesImmediately.isEmpty()) {
            lines << translateCounted(
                QT_TRANSLATE_N_NOOP("EnablePlan",
                                    "%Ln of them missed their next run while "
                                    "paused and will fire immediately, once:"),
                firesImmediately.size());
            for (const api::Cron &cron : firesImmediately.mid(0, maxListed)) {
                lines << u"  • %1  %2 — was due %3"_s.arg(shortId(cron.cronId), cron.schedule,
                                                          relativeTime(cron.nextRunDate, now));
            }
            if (firesImmediately.size() > maxListed)
                lines << translateCounted(QT_TRANSLATE_N_NOOP("EnablePlan", "  … and %Ln more."),
                                          firesImmediately.size() - maxListed);
        }
    } else {
        lines << translate("They stay listed with every setting, and do not fire until resumed.");
        lines << translate("A run already in progress is not stopped.");
    }
    if (!unchanged.isEmpty()) {
        lines << (enable ? translateCounted(
                      QT_TRANSLATE_N_NOOP(
                          "EnablePlan", "%Ln selected cron(s) already enabled: left as they are."),
                      unchanged.size())
                         : translateCounted(
                             QT_TRANSLATE_N_NOOP(
                                 "EnablePlan",
                                 "%Ln selected cron(s) already paused: left as they are."),
                             unchanged.size()));
    }
    return lines;
}

} // namespace crondesk::models
