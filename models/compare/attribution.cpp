#include "attribution.h"

#include <models/compare/snapshot.h>

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString sameDeployment(const QString &url)
{
    return urlWithoutCredentials(QUrl(url));
}

} // namespace

std::optional<JournalEntry> explainingEntry(const QList<JournalEntry> &journal, const QString &url,
                                            const QStringList &cronIds, const QStringList &actions,
                                            const QDateTime &from, const QDateTime &to)
{
    const QString deployment = sameDeployment(url);
    // The journal is oldest first: the last match is the latest.
    for (auto it = journal.crbegin(); it != journal.crend(); ++it) {
        const JournalEntry &entry = *it;
        if (!entry.succeeded || !actions.contains(entry.action) || !cronIds.contains(entry.cronId))
            continue;
        if (entry.time < from || entry.time > to)
            continue;
        if (sameDeployment(entry.url) != deployment)
            continue;
        return entry;
    }
    return std::nullopt;
}

QString attributionText(const std::optional<JournalEntry> &entry)
{
    if (!entry)
        return QCoreApplication::translate("SnapshotDiff", "not in the journal: changed elsewhere");
    const QString who = entry->operatorName.isEmpty() ? QString() : u" by "_s + entry->operatorName;
    return QCoreApplication::translate("SnapshotDiff",
                                       "by Cron Desk (journal entry %1: %2%3 with %4)")
        .arg(entry->time.toUTC().toString(Qt::ISODate), entry->action, who, entry->client);
}

DiffAttribution attributeDiff(const SnapshotDiff &diff, const QList<JournalEntry> &journal,
                              const QString &oldUrl, const QDateTime &oldTakenAt,
                              const QString &newUrl, const QDateTime &newTakenAt)
{
    const QDateTime from = std::min(oldTakenAt, newTakenAt);
    const QDateTime to = std::max(oldTakenAt, newTakenAt);
    const QStringList updates {u"update"_s, u"pause"_s, u"resume"_s};
    auto id = [](const QJsonObject &cron) { return cron.value("cron_id"_L1).toString(); };
    DiffAttribution result;
    for (const QJsonObject &cron : diff.added)
        result.added.append(
            attributionText(explainingEntry(journal, newUrl, {id(cron)}, {u"create"_s}, from, to)));
    for (const QJsonObject &cron : diff.removed)
        result.removed.append(
            attributionText(explainingEntry(journal, oldUrl, {id(cron)}, {u"delete"_s}, from, to)));
    for (const CronChange &change : diff.changed) {
        std::optional<JournalEntry> entry
            = explainingEntry(journal, newUrl, {change.oldId(), change.newId()}, updates, from, to);
        if (!entry && oldUrl != newUrl)
            entry = explainingEntry(journal, oldUrl, {change.oldId(), change.newId()}, updates,
                                    from, to);
        result.changed.append(attributionText(entry));
    }
    return result;
}

} // namespace crondesk::models
