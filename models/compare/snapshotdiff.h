#pragma once

#include <models/api/cron.h>

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// How two lists of crons are paired.
enum class MatchMode {
    Id, // by cron_id: two views of the same deployment
    Content, // by assistant graph, thread-ness and a key: two deployments, whose ids differ
};

struct DiffOptions
{
    MatchMode match = MatchMode::Id;
    // Content matching: the fields whose values pair two crons, as paths ("schedule",
    // "metadata.name", "payload.config"). Empty: defaultContentKey(). "payload" means the payload
    // without its copies of top-level fields: what the runs do.
    QStringList key;
    // Fields never reported as changed: a path ignores itself and everything under it
    // ("metadata" ignores every metadata key). Content matching also ignores the fields that
    // name a cron in one deployment only (contentIdentityFields()).
    QStringList ignore = defaultIgnoredFields();

    static QStringList defaultIgnoredFields()
    {
        return {QStringLiteral("next_run_date"), QStringLiteral("updated_at")};
    }
    static QStringList defaultContentKey()
    {
        return {QStringLiteral("schedule"), QStringLiteral("timezone"), QStringLiteral("payload")};
    }
    static QStringList contentIdentityFields()
    {
        return {QStringLiteral("cron_id"), QStringLiteral("assistant_id"),
                QStringLiteral("thread_id"), QStringLiteral("created_at")};
    }
};

// One field of a cron that differs. `field` is a top-level wire name, or "metadata.KEY" /
// "payload.KEY" for one key of those objects. A side that does not have the field holds
// QJsonValue::Undefined.
struct CronFieldChange
{
    QString field;
    QJsonValue oldValue;
    QJsonValue newValue;

    friend bool operator==(const CronFieldChange &, const CronFieldChange &) = default;
};

struct CronChange
{
    QJsonObject oldCron;
    QJsonObject newCron;
    QList<CronFieldChange> fields; // ordered by field

    QString oldId() const { return oldCron.value(QLatin1StringView("cron_id")).toString(); }
    QString newId() const { return newCron.value(QLatin1StringView("cron_id")).toString(); }
};

// Crons that share a pairing key but cannot be paired one to one: several on a side, and at
// least two differing. They are neither added, removed nor changed; the report lists them so
// that nothing is silently paired by guess.
struct AmbiguousPairing
{
    QString key; // the key's values as text, for the report
    QList<QJsonObject> oldCrons;
    QList<QJsonObject> newCrons;
};

struct SnapshotDiff
{
    QList<QJsonObject> added; // in NEW only
    QList<QJsonObject> removed; // in OLD only
    QList<CronChange> changed;
    QList<AmbiguousPairing> ambiguous;
    qsizetype unchanged = 0;

    bool hasDifferences() const
    {
        return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty() || !ambiguous.isEmpty();
    }
};

// A value as compact JSON text for a report; "<missing>" for Undefined.
QString jsonValueText(const QJsonValue &value);

// The value at a path ("metadata.name"): Undefined when any step is missing.
QJsonValue valueAtPath(const QJsonObject &cron, const QString &path);

// The fields that differ between two crons, metadata and payload key by key, minus `ignore`.
// The payload's copies of top-level fields (the server keeps each create and update body there)
// are compared at the top level only.
QList<CronFieldChange> diffFields(const QJsonObject &oldCron, const QJsonObject &newCron,
                                  const QStringList &ignore);

// The differences between two lists of crons. `oldGraphs` and `newGraphs` give each assistant
// id's graph for content matching (an assistant not in them is paired by its id). Output lists
// keep the input order (removed and changed in OLD's order, added in NEW's).
// Payload and metadata are only decoded for crons whose text differs.
SnapshotDiff diffCrons(const QList<api::Cron> &oldCrons, const QList<api::Cron> &newCrons,
                       const DiffOptions &options, const QHash<QString, QString> &oldGraphs = {},
                       const QHash<QString, QString> &newGraphs = {});
// The same for crons in their wire form.
SnapshotDiff diffCrons(const QList<QJsonObject> &oldCrons, const QList<QJsonObject> &newCrons,
                       const DiffOptions &options, const QHash<QString, QString> &oldGraphs = {},
                       const QHash<QString, QString> &newGraphs = {});

} // namespace crondesk::models
