#include "changessince.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ChangesSince", text, nullptr, n);
}

QString shownTime(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime(), u"d MMM yyyy HH:mm"_s);
}

// Long payloads would make a tooltip wider than the screen.
QString shortened(const QString &text)
{
    constexpr qsizetype limit = 80;
    return text.size() <= limit ? text : text.left(limit - 1) + u'…';
}

} // namespace

ChangesSince changesSince(const Snapshot &snapshot, const QList<api::Cron> &now,
                          const DiffOptions &options)
{
    DiffOptions byId = options;
    byId.match = MatchMode::Id;
    SnapshotDiff diff = diffCrons(snapshot.crons, now, byId);
    ChangesSince result;
    result.since = snapshot.takenAt;
    result.byId.reserve(diff.added.size() + diff.changed.size());
    for (const QJsonObject &cron : std::as_const(diff.added))
        result.byId.insert(cron.value("cron_id"_L1).toString(), {CronChangeSince::Kind::Added, {}});
    for (CronChange &change : diff.changed)
        result.byId.insert(change.newId(),
                           {CronChangeSince::Kind::Changed, std::move(change.fields)});
    result.added = int(diff.added.size());
    result.changed = int(diff.changed.size());
    result.removed = std::move(diff.removed);
    return result;
}

QString fieldChangeLines(const QList<CronFieldChange> &fields)
{
    QStringList lines;
    for (const CronFieldChange &field : fields)
        lines.append(u"%1: %2 → %3"_s.arg(field.field, shortened(jsonValueText(field.oldValue)),
                                          shortened(jsonValueText(field.newValue))));
    return lines.join(u'\n');
}

QString changeSinceText(const CronChangeSince &change, const QDateTime &since)
{
    if (change.kind == CronChangeSince::Kind::Added)
        return tr("Added since %1.").arg(shownTime(since));
    return tr("Changed since %1:").arg(shownTime(since)) + u'\n' + fieldChangeLines(change.fields);
}

QString changesSinceSummary(const ChangesSince &changes)
{
    if (changes.isEmpty())
        return tr("No changes since %1.").arg(shownTime(changes.since));
    // Each count its own text, so that a language can choose its plural form for each.
    return tr("Since %1: %2, %3, %4.")
        .arg(shownTime(changes.since), tr("%n added", changes.added),
             tr("%n changed", changes.changed), tr("%n removed", int(changes.removed.size())));
}

QString removedCronsText(const ChangesSince &changes, int limit)
{
    if (changes.removed.isEmpty())
        return tr("No cron was removed.");
    QStringList lines {tr("Removed since %1:").arg(shownTime(changes.since))};
    for (qsizetype i = 0; i < changes.removed.size() && i < limit; ++i) {
        const QJsonObject &cron = changes.removed.at(i);
        lines.append(u"%1  %2"_s.arg(cron.value("cron_id"_L1).toString(),
                                     cron.value("schedule"_L1).toString()));
    }
    if (changes.removed.size() > limit)
        lines.append(tr("… and %n more.", int(changes.removed.size() - limit)));
    return lines.join(u'\n');
}

} // namespace crondesk::models
