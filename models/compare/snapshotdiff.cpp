#include "snapshotdiff.h"

#include <models/compare/snapshot.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// metadata and payload are compared key by key: "metadata.owner changed" says more than "the
// metadata changed".
bool comparedKeyByKey(QStringView field)
{
    return field == "metadata"_L1 || field == "payload"_L1;
}

// The server keeps the create and update bodies in `payload`, so that it repeats top-level fields
// (schedule, metadata, enabled, ...). Those are compared once, at the top level.
bool mirrorsTopLevel(QStringView field, const QString &key, const QJsonObject &a,
                     const QJsonObject &b)
{
    return field == "payload"_L1 && (a.contains(key) || b.contains(key));
}

// The names of a cron's top-level wire fields. cronToJson() writes every one of them, null or
// not, so one set serves every cron.
const QSet<QString> &wireFieldNames()
{
    static const QSet<QString> names = [] {
        const QStringList keys = api::cronToJson(api::Cron()).keys();
        return QSet<QString>(keys.begin(), keys.end());
    }();
    return names;
}

// The payload without its copies of top-level fields: what the cron's runs do.
QJsonObject ownPayload(QJsonObject payload)
{
    for (auto it = payload.begin(); it != payload.end();) {
        if (wireFieldNames().contains(it.key()))
            it = payload.erase(it);
        else
            ++it;
    }
    return payload;
}

bool isIgnored(const QString &field, const QStringList &ignore)
{
    for (const QString &path : ignore) {
        if (field == path
            || (field.size() > path.size() && field.startsWith(path)
                && field.at(path.size()) == u'.'))
            return true;
    }
    return false;
}

QStringList sortedUnion(const QJsonObject &a, const QJsonObject &b)
{
    QStringList keys = a.keys();
    for (const QString &key : b.keys())
        if (!a.contains(key))
            keys.append(key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace

QString jsonValueText(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"<missing>"_s;
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return u'"' + value.toString() + u'"';
    return QString::fromUtf8(
        QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
}

namespace {

// A cron's top-level fields in their wire form, without payload and metadata (which stay text).
QJsonObject shallowJson(const api::Cron &cron)
{
    api::Cron copy = cron;
    copy.payload = QJsonObject();
    copy.metadata = QJsonObject();
    QJsonObject object = api::cronToJson(copy);
    object.remove("payload"_L1);
    object.remove("metadata"_L1);
    return object;
}

// A cron's wire form with payload and metadata decoded from their text, without keeping the
// decoded form in the cron (200,000 decoded payloads would not fit the memory budget).
QJsonObject transientJson(const api::Cron &cron)
{
    QJsonObject object = shallowJson(cron);
    object.insert("payload"_L1, QJsonDocument::fromJson(cron.payload.toCompactJson()).object());
    object.insert("metadata"_L1, QJsonDocument::fromJson(cron.metadata.toCompactJson()).object());
    return object;
}

// The fields that differ between two decoded crons: payload and metadata are decoded only when
// their text differs.
QList<CronFieldChange> diffCronFields(const api::Cron &a, const api::Cron &b,
                                      const QStringList &ignore)
{
    const bool sameText = a.payload.toCompactJson() == b.payload.toCompactJson()
        && a.metadata.toCompactJson() == b.metadata.toCompactJson();
    // Most pairs of a large diff are the same cron read twice: decide that from the members,
    // without building JSON. Anything else goes the long way, which applies `ignore` exactly.
    // A member that differs only in an ignored field (the ids, between two deployments) does not
    // make the pair a change either.
    auto same
        = [&ignore](bool equal, const QString &field) { return equal || isIgnored(field, ignore); };
    if (sameText && same(a.cronId == b.cronId, u"cron_id"_s)
        && same(a.assistantId == b.assistantId, u"assistant_id"_s)
        && same(a.threadId == b.threadId, u"thread_id"_s) && a.schedule == b.schedule
        && a.timezone == b.timezone && a.onRunCompleted == b.onRunCompleted && a.userId == b.userId
        && a.endTime == b.endTime && same(a.createdAt == b.createdAt, u"created_at"_s)
        && a.enabled == b.enabled && a.malformed == b.malformed
        && same(a.nextRunDate == b.nextRunDate, u"next_run_date"_s)
        && same(a.updatedAt == b.updatedAt, u"updated_at"_s))
        return {};
    if (sameText)
        return diffFields(shallowJson(a), shallowJson(b), ignore);
    return diffFields(transientJson(a), transientJson(b), ignore);
}

const QStringList &keyFields(const DiffOptions &options)
{
    static const QStringList defaults = DiffOptions::defaultContentKey();
    return options.key.isEmpty() ? defaults : options.key;
}

bool isUnder(const QString &field, QLatin1StringView root)
{
    return field.size() > root.size() && field.startsWith(root) && field.at(root.size()) == u'.';
}

// The values of a cron's content key, in the key's order, each as the cron's wire form holds it
// (the payload without its copies of top-level fields). Only the nested objects the key reads are
// decoded, and the whole wire form is built only for a key naming a field other than these.
QList<QJsonValue> contentKeyValues(const api::Cron &cron, const QStringList &fields)
{
    auto decoded = [](const api::LazyJsonObject &object) {
        return QJsonDocument::fromJson(object.toCompactJson()).object();
    };
    std::optional<QJsonObject> payload;
    std::optional<QJsonObject> metadata;
    std::optional<QJsonObject> wire;
    QList<QJsonValue> values;
    values.reserve(fields.size());
    for (const QString &field : fields) {
        if (field == "payload"_L1 || isUnder(field, "payload"_L1)) {
            if (!payload)
                payload = decoded(cron.payload);
            values.append(field.size() == 7 ? QJsonValue(ownPayload(*payload))
                                            : valueAtPath(*payload, field.mid(8)));
        } else if (field == "metadata"_L1 || isUnder(field, "metadata"_L1)) {
            if (!metadata)
                metadata = decoded(cron.metadata);
            values.append(field.size() == 8 ? QJsonValue(*metadata)
                                            : valueAtPath(*metadata, field.mid(9)));
        } else if (field == "schedule"_L1) {
            values.append(cron.schedule);
        } else if (field == "timezone"_L1) {
            // As cronToJson() writes it: no zone is null.
            values.append(cron.timezone.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                  : QJsonValue(cron.timezone));
        } else {
            if (!wire)
                wire = shallowJson(cron);
            values.append(valueAtPath(*wire, field));
        }
    }
    return values;
}

// A cron's pairing key. Its parts are separated by a character no JSON text contains unescaped.
// An object or array in the key (the payload of the default key) stands in it as its hash:
// writing 200,000 payloads out as canonical text was most of a content diff's time. Crons whose
// keys match are checked with sameContentKey() before they are paired, so a hash collision never
// pairs two different crons.
QString pairingKey(const api::Cron &cron, const DiffOptions &options,
                   const QHash<QString, QString> &graphs, bool readable = false)
{
    if (options.match == MatchMode::Id)
        return cron.cronId;
    const QString graph = graphs.value(cron.assistantId);
    QString key = graph.isEmpty() ? u"assistant "_s + cron.assistantId : u"graph "_s + graph;
    key += cron.threadId.isEmpty() ? u"\x1f"
                                     "stateless"_s
                                   : u"\x1f"
                                     "thread"_s;
    const QStringList &fields = keyFields(options);
    const QList<QJsonValue> values = contentKeyValues(cron, fields);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QJsonValue &value = values.at(i);
        key += u'\x1f' + fields.at(i) + u'=';
        if (!readable && (value.isObject() || value.isArray()))
            key += u'#' + QString::number(qHash(value), 16);
        else
            key += jsonValueText(value);
    }
    return key;
}

// Whether two crons whose pairing keys match have the same key values (not merely the same
// hashes). Crons whose payload and metadata texts are the same have; the others are decoded.
bool sameContentKey(const api::Cron &a, const api::Cron &b, const DiffOptions &options)
{
    if (options.match == MatchMode::Id)
        return true;
    if (a.payload.toCompactJson() == b.payload.toCompactJson()
        && a.metadata.toCompactJson() == b.metadata.toCompactJson())
        return true;
    return contentKeyValues(a, keyFields(options)) == contentKeyValues(b, keyFields(options));
}

QString shownKey(const QString &key)
{
    QString shown = key;
    shown.replace(u'\x1f', u"; "_s);
    return shown;
}

} // namespace

QJsonValue valueAtPath(const QJsonObject &cron, const QString &path)
{
    QJsonValue value = cron;
    for (const QStringView part : QStringView(path).split(u'.')) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject object = value.toObject();
        const auto it = object.constFind(part);
        if (it == object.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        value = *it;
    }
    return value;
}

QList<CronFieldChange> diffFields(const QJsonObject &oldCron, const QJsonObject &newCron,
                                  const QStringList &ignore)
{
    QList<CronFieldChange> changes;
    const QStringList fields = sortedUnion(oldCron, newCron);
    for (const QString &field : fields) {
        if (isIgnored(field, ignore))
            continue;
        const QJsonValue a = oldCron.value(field);
        const QJsonValue b = newCron.value(field);
        if (a == b)
            continue;
        if (comparedKeyByKey(field) && (a.isObject() || a.isNull() || a.isUndefined())
            && (b.isObject() || b.isNull() || b.isUndefined())) {
            // null and a missing object hold no keys: {} -> null is no change of any key, but
            // null -> {"a": 1} is one.
            const QJsonObject x = a.toObject();
            const QJsonObject y = b.toObject();
            if (x.isEmpty() && y.isEmpty()) {
                changes.append({field, a, b});
                continue;
            }
            for (const QString &key : sortedUnion(x, y)) {
                const QString path = field + u'.' + key;
                if (isIgnored(path, ignore) || mirrorsTopLevel(field, key, oldCron, newCron))
                    continue;
                const QJsonValue xv = x.value(key);
                const QJsonValue yv = y.value(key);
                if (xv != yv)
                    changes.append({path, xv, yv});
            }
            continue;
        }
        changes.append({field, a, b});
    }
    return changes;
}

SnapshotDiff diffCrons(const QList<api::Cron> &oldCrons, const QList<api::Cron> &newCrons,
                       const DiffOptions &options, const QHash<QString, QString> &oldGraphs,
                       const QHash<QString, QString> &newGraphs)
{
    QStringList ignore = options.ignore;
    if (options.match == MatchMode::Content)
        ignore += DiffOptions::contentIdentityFields();

    // Each key's crons on each side, by index, in input order.
    QHash<QString, QList<qsizetype>> oldByKey;
    QHash<QString, QList<qsizetype>> newByKey;
    QStringList oldKeys(oldCrons.size());
    QStringList newKeys(newCrons.size());
    auto keysOf = [&options](const QList<api::Cron> &crons, const QHash<QString, QString> &graphs,
                             QStringList *keys) {
        for (qsizetype i = 0; i < crons.size(); ++i)
            (*keys)[i] = pairingKey(crons.at(i), options, graphs);
    };
    if (options.match == MatchMode::Content) {
        // A content key decodes each payload: the two sides' keys are made on two threads.
        std::thread newSide(keysOf, std::cref(newCrons), std::cref(newGraphs), &newKeys);
        keysOf(oldCrons, oldGraphs, &oldKeys);
        newSide.join();
    } else {
        keysOf(oldCrons, oldGraphs, &oldKeys);
        keysOf(newCrons, newGraphs, &newKeys);
    }
    oldByKey.reserve(oldCrons.size());
    newByKey.reserve(newCrons.size());
    for (qsizetype i = 0; i < oldCrons.size(); ++i)
        oldByKey[oldKeys.at(i)].append(i);
    for (qsizetype i = 0; i < newCrons.size(); ++i)
        newByKey[newKeys.at(i)].append(i);

    SnapshotDiff diff;
    QList<bool> newPaired(newCrons.size(), false);
    QSet<QString> keysDone;
    for (qsizetype i = 0; i < oldCrons.size(); ++i) {
        const QString &key = oldKeys.at(i);
        const QList<qsizetype> &olds = oldByKey.value(key);
        const auto found = newByKey.constFind(key);
        if (found == newByKey.constEnd()) {
            diff.removed.append(api::cronToJson(oldCrons.at(i)));
            continue;
        }
        const QList<qsizetype> &news = *found;
        if (olds.size() == 1 && news.size() == 1) {
            if (!sameContentKey(oldCrons.at(i), newCrons.at(news.first()), options)) {
                diff.removed.append(api::cronToJson(oldCrons.at(i)));
                continue; // the new one is reported added below
            }
            newPaired[news.first()] = true;
            QList<CronFieldChange> fields
                = diffCronFields(oldCrons.at(i), newCrons.at(news.first()), ignore);
            if (fields.isEmpty())
                ++diff.unchanged;
            else
                diff.changed.append({api::cronToJson(oldCrons.at(i)),
                                     api::cronToJson(newCrons.at(news.first())),
                                     std::move(fields)});
            continue;
        }
        // Several crons share the key: pair the identical ones, then one left on each side is a
        // change; anything else is reported as ambiguous rather than paired by guess.
        if (keysDone.contains(key))
            continue;
        keysDone.insert(key);
        QList<qsizetype> leftOld = olds;
        QList<qsizetype> leftNew = news;
        for (const qsizetype n : news)
            newPaired[n] = true;
        for (auto o = leftOld.begin(); o != leftOld.end();) {
            const auto same = std::find_if(leftNew.begin(), leftNew.end(), [&](qsizetype n) {
                return diffCronFields(oldCrons.at(*o), newCrons.at(n), ignore).isEmpty();
            });
            if (same != leftNew.end()) {
                ++diff.unchanged;
                leftNew.erase(same);
                o = leftOld.erase(o);
            } else {
                ++o;
            }
        }
        if (leftOld.size() == 1 && leftNew.size() == 1
            && !sameContentKey(oldCrons.at(leftOld.first()), newCrons.at(leftNew.first()),
                               options)) {
            diff.removed.append(api::cronToJson(oldCrons.at(leftOld.first())));
            diff.added.append(api::cronToJson(newCrons.at(leftNew.first())));
        } else if (leftOld.size() == 1 && leftNew.size() == 1) {
            const api::Cron &a = oldCrons.at(leftOld.first());
            const api::Cron &b = newCrons.at(leftNew.first());
            diff.changed.append(
                {api::cronToJson(a), api::cronToJson(b), diffCronFields(a, b, ignore)});
        } else if (leftNew.isEmpty()) {
            for (const qsizetype o : leftOld)
                diff.removed.append(api::cronToJson(oldCrons.at(o)));
        } else if (leftOld.isEmpty()) {
            for (const qsizetype n : leftNew)
                diff.added.append(api::cronToJson(newCrons.at(n)));
        } else {
            // Shown with the key's values written out, not their hashes.
            AmbiguousPairing pairing {
                shownKey(pairingKey(oldCrons.at(leftOld.first()), options, oldGraphs, true)),
                {},
                {}};
            for (const qsizetype o : leftOld)
                pairing.oldCrons.append(api::cronToJson(oldCrons.at(o)));
            for (const qsizetype n : leftNew)
                pairing.newCrons.append(api::cronToJson(newCrons.at(n)));
            diff.ambiguous.append(std::move(pairing));
        }
    }
    for (qsizetype n = 0; n < newCrons.size(); ++n)
        if (!newPaired.at(n))
            diff.added.append(api::cronToJson(newCrons.at(n)));
    return diff;
}

SnapshotDiff diffCrons(const QList<QJsonObject> &oldCrons, const QList<QJsonObject> &newCrons,
                       const DiffOptions &options, const QHash<QString, QString> &oldGraphs,
                       const QHash<QString, QString> &newGraphs)
{
    return diffCrons(cronsFromJson(oldCrons), cronsFromJson(newCrons), options, oldGraphs,
                     newGraphs);
}

} // namespace crondesk::models
