#include "store.h"

#include "timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

std::optional<qint64> timestampField(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    return parseTimestampMsecs(value.toString());
}

// Reads a canonical UUID's 32 hex digits as a 128-bit number; zero for anything else.
void uuidBits(const QString &uuid, quint64 out[2])
{
    out[0] = out[1] = 0;
    int digit = 0;
    for (const QChar c : uuid) {
        int value = 0;
        if (c >= u'0' && c <= u'9')
            value = c.unicode() - u'0';
        else if (c >= u'a' && c <= u'f')
            value = c.unicode() - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            value = c.unicode() - u'A' + 10;
        else
            continue;
        if (digit >= 32)
            break;
        out[digit / 16] = (out[digit / 16] << 4) | quint64(value);
        ++digit;
    }
}

QByteArray canonicalJson(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
}

// One cron on its way through a sort: the key of the chosen field and the cron id as the tie
// breaker, both unsigned so that one comparison function serves every field.
struct SortEntry
{
    quint64 key[2];
    quint64 id[2];
    quint32 index;
};

quint64 orderable(qint64 value)
{
    return quint64(value) ^ (quint64(1) << 63); // signed order as unsigned order
}

} // namespace

CronRecord::CronRecord(QJsonObject object)
    : json(std::move(object))
{
    cronId = json.value("cron_id"_L1).toString();
    assistantId = json.value("assistant_id"_L1).toString();
    const QJsonValue thread = json.value("thread_id"_L1);
    threadId = thread.isString() ? thread.toString() : QString();
    createdAt = timestampField(json, "created_at"_L1).value_or(0);
    updatedAt = timestampField(json, "updated_at"_L1).value_or(0);
    nextRunDate = timestampField(json, "next_run_date"_L1);
    endTime = timestampField(json, "end_time"_L1);
    enabled = json.value("enabled"_L1).toBool(true);
    metadata = json.value("metadata"_L1).toObject();
}

const QByteArray &CronRecord::compactJson() const
{
    if (m_compact.isEmpty())
        m_compact = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return m_compact;
}

Store::Store() = default;
Store::~Store() = default;

bool Store::metadataMatches(const QJsonObject &metadata, const QJsonObject &filter)
{
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const auto found = metadata.constFind(it.key());
        if (found == metadata.constEnd() || *found != it.value())
            return false;
    }
    return true;
}

bool Store::beginBatch()
{
    if (m_batchDepth++ > 0 || !m_observer)
        return true;
    return m_observer->beginBatch();
}

bool Store::commitBatch()
{
    if (--m_batchDepth > 0 || !m_observer)
        return true;
    return m_observer->commitBatch();
}

void Store::rollbackBatch()
{
    if (--m_batchDepth > 0 || !m_observer)
        return;
    m_observer->rollbackBatch();
}

bool Store::save(StoreObserver::Kind kind, const QString &id, const QString &parentId,
                 const QJsonObject &object)
{
    return !m_observer || m_observer->save(kind, id, parentId, object);
}

bool Store::erase(StoreObserver::Kind kind, const QString &id)
{
    return !m_observer || m_observer->remove(kind, id);
}

// --- assistants

const QJsonObject *Store::assistant(const QString &assistantId) const
{
    const auto it = m_assistants.constFind(assistantId);
    return it == m_assistants.cend() ? nullptr : &*it;
}

bool Store::putAssistant(const QJsonObject &assistant)
{
    const QString id = assistant.value("assistant_id"_L1).toString();
    if (!save(StoreObserver::Kind::Assistant, id, {}, assistant))
        return false;
    loadAssistant(assistant);
    return true;
}

void Store::loadAssistant(const QJsonObject &assistant)
{
    m_assistants.insert(assistant.value("assistant_id"_L1).toString(), assistant);
}

QList<const QJsonObject *> Store::assistants() const
{
    QList<const QJsonObject *> result;
    result.reserve(m_assistants.size());
    for (const QJsonObject &assistant : m_assistants)
        result.append(&assistant);
    return result;
}

// --- threads

const QJsonObject *Store::thread(const QString &threadId) const
{
    const auto it = m_threads.constFind(threadId);
    return it == m_threads.cend() ? nullptr : &it->json;
}

bool Store::putThread(const QJsonObject &thread)
{
    const QString id = thread.value("thread_id"_L1).toString();
    if (!save(StoreObserver::Kind::Thread, id, {}, thread))
        return false;
    loadThread(thread);
    return true;
}

void Store::loadThread(const QJsonObject &thread)
{
    m_threads[thread.value("thread_id"_L1).toString()].json = thread;
}

bool Store::removeThread(const QString &threadId)
{
    const auto it = m_threads.find(threadId);
    if (it == m_threads.end())
        return false;

    QStringList boundCrons;
    if (m_cronsPerThread.value(threadId) > 0) {
        for (const auto &cron : m_crons) {
            if (cron->threadId == threadId)
                boundCrons.append(cron->cronId);
        }
    }
    if (!beginBatch())
        return false;
    bool ok = erase(StoreObserver::Kind::Thread, threadId);
    for (const QJsonObject &run : std::as_const(it->runs))
        ok = ok && erase(StoreObserver::Kind::Run, run.value("run_id"_L1).toString());
    for (const QString &cronId : std::as_const(boundCrons))
        ok = ok && erase(StoreObserver::Kind::Cron, cronId);
    if (!ok) {
        rollbackBatch();
        return false;
    }
    if (!commitBatch())
        return false;
    m_threads.erase(it);
    for (const QString &cronId : std::as_const(boundCrons))
        eraseCron(cronId);
    return true;
}

QList<const QJsonObject *> Store::threads() const
{
    QList<const QJsonObject *> result;
    result.reserve(m_threads.size());
    for (const ThreadRecord &thread : m_threads)
        result.append(&thread.json);
    return result;
}

// --- runs

bool Store::putRun(const QJsonObject &run)
{
    const QString threadId = run.value("thread_id"_L1).toString();
    if (!m_threads.contains(threadId))
        return false;
    if (!save(StoreObserver::Kind::Run, run.value("run_id"_L1).toString(), threadId, run))
        return false;
    loadRun(run);
    return true;
}

void Store::loadRun(const QJsonObject &run)
{
    const auto it = m_threads.find(run.value("thread_id"_L1).toString());
    if (it == m_threads.end())
        return;
    const QString runId = run.value("run_id"_L1).toString();
    for (QJsonObject &existing : it->runs) {
        if (existing.value("run_id"_L1).toString() == runId) {
            existing = run;
            return;
        }
    }
    it->runs.append(run);
}

QList<QJsonObject> Store::runs(const QString &threadId) const
{
    const auto it = m_threads.constFind(threadId);
    return it == m_threads.cend() ? QList<QJsonObject>() : it->runs;
}

const QJsonObject *Store::run(const QString &threadId, const QString &runId) const
{
    const auto it = m_threads.constFind(threadId);
    if (it == m_threads.cend())
        return nullptr;
    for (const QJsonObject &run : it->runs) {
        if (run.value("run_id"_L1).toString() == runId)
            return &run;
    }
    return nullptr;
}

bool Store::removeRun(const QString &threadId, const QString &runId)
{
    const auto it = m_threads.find(threadId);
    if (it == m_threads.end())
        return false;
    for (qsizetype i = 0; i < it->runs.size(); ++i) {
        if (it->runs.at(i).value("run_id"_L1).toString() != runId)
            continue;
        if (!erase(StoreObserver::Kind::Run, runId))
            return false;
        it->runs.removeAt(i);
        return true;
    }
    return false;
}

// --- crons

const CronRecord *Store::cron(const QString &cronId) const
{
    const auto it = m_cronIndex.constFind(cronId);
    return it == m_cronIndex.cend() ? nullptr : m_crons[*it].get();
}

bool Store::putCron(const QJsonObject &cron)
{
    const QString id = cron.value("cron_id"_L1).toString();
    const QJsonValue thread = cron.value("thread_id"_L1);
    if (!save(StoreObserver::Kind::Cron, id, thread.isString() ? thread.toString() : QString(),
              cron))
        return false;
    insertCron(cron);
    return true;
}

void Store::loadCron(const QJsonObject &cron)
{
    insertCron(cron);
}

Store::CronKeys Store::keysOf(const CronRecord &cron)
{
    CronKeys keys {};
    uuidBits(cron.cronId, keys.id);
    uuidBits(cron.assistantId, keys.assistant);
    keys.hasThread = !cron.threadId.isNull();
    if (keys.hasThread)
        uuidBits(cron.threadId, keys.thread);
    else
        keys.thread[0] = keys.thread[1] = ~quint64(0);
    keys.createdAt = cron.createdAt;
    keys.updatedAt = cron.updatedAt;
    keys.nextRunDate = cron.nextRunDate.value_or(std::numeric_limits<qint64>::max());
    keys.endTime = cron.endTime.value_or(std::numeric_limits<qint64>::max());
    keys.enabled = cron.enabled;
    return keys;
}

void Store::indexMetadata(const CronRecord &cron, bool add)
{
    for (auto it = cron.metadata.begin(); it != cron.metadata.end(); ++it) {
        if (add) {
            m_metadataIndex[it.key()][canonicalJson(it.value())].insert(cron.cronId);
            continue;
        }
        auto byKey = m_metadataIndex.find(it.key());
        if (byKey == m_metadataIndex.end())
            continue;
        auto byValue = byKey->find(canonicalJson(it.value()));
        if (byValue == byKey->end())
            continue;
        byValue->remove(cron.cronId);
        if (byValue->isEmpty())
            byKey->erase(byValue);
        if (byKey->isEmpty())
            m_metadataIndex.erase(byKey);
    }
}

void Store::insertCron(const QJsonObject &cron)
{
    auto record = std::make_unique<CronRecord>(cron);
    const CronKeys keys = keysOf(*record);
    const auto it = m_cronIndex.constFind(record->cronId);
    if (it != m_cronIndex.cend()) {
        // Most replacements (a firing, a pause) leave the metadata alone.
        if (m_crons[*it]->metadata != record->metadata) {
            indexMetadata(*m_crons[*it], false);
            indexMetadata(*record, true);
        }
        if (const QString &was = m_crons[*it]->threadId; was != record->threadId) {
            if (!was.isNull() && --m_cronsPerThread[was] <= 0)
                m_cronsPerThread.remove(was);
            if (!record->threadId.isNull())
                ++m_cronsPerThread[record->threadId];
        }
        m_crons[*it] = std::move(record);
        m_keys[*it] = keys;
        return;
    }
    indexMetadata(*record, true);
    if (!record->threadId.isNull())
        ++m_cronsPerThread[record->threadId];
    m_cronIndex.insert(record->cronId, m_crons.size());
    m_crons.push_back(std::move(record));
    m_keys.push_back(keys);
}

bool Store::removeCron(const QString &cronId)
{
    if (!m_cronIndex.contains(cronId))
        return false;
    if (!erase(StoreObserver::Kind::Cron, cronId))
        return false;
    eraseCron(cronId);
    return true;
}

void Store::eraseCron(const QString &cronId)
{
    const auto it = m_cronIndex.find(cronId);
    if (it == m_cronIndex.end())
        return;
    const size_t index = *it;
    m_cronIndex.erase(it);
    indexMetadata(*m_crons[index], false);
    if (const QString &threadId = m_crons[index]->threadId; !threadId.isNull()) {
        if (--m_cronsPerThread[threadId] <= 0)
            m_cronsPerThread.remove(threadId);
    }
    if (index != m_crons.size() - 1) {
        m_crons[index] = std::move(m_crons.back());
        m_keys[index] = m_keys.back();
        m_cronIndex[m_crons[index]->cronId] = index;
    }
    m_crons.pop_back();
    m_keys.pop_back();
}

std::optional<QList<QString>> Store::metadataCandidates(const QJsonObject &filter) const
{
    if (filter.isEmpty())
        return std::nullopt;
    // Intersects the index's sets, walking the smallest: no cron record is touched.
    QList<const CronIdSet *> sets;
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const auto byKey = m_metadataIndex.constFind(it.key());
        if (byKey == m_metadataIndex.cend())
            return QList<QString>();
        const auto byValue = byKey->constFind(canonicalJson(it.value()));
        if (byValue == byKey->cend())
            return QList<QString>();
        sets.append(&*byValue);
    }
    std::sort(sets.begin(), sets.end(),
              [](const CronIdSet *a, const CronIdSet *b) { return a->size() < b->size(); });
    QList<QString> result;
    result.reserve(sets.first()->size());
    sets.first()->forEach([&sets, &result](const QString &id) {
        const bool inAll = std::all_of(sets.cbegin() + 1, sets.cend(),
                                       [&id](const CronIdSet *set) { return set->contains(id); });
        if (inAll)
            result.append(id);
    });
    return result;
}

bool Store::matches(size_t index, const CronFilter &filter, bool metadataChecked) const
{
    const CronKeys &keys = m_keys[index];
    if (filter.enabled && keys.enabled != *filter.enabled)
        return false;
    if (!filter.assistantId.isNull()) {
        quint64 wanted[2];
        uuidBits(filter.assistantId, wanted);
        if (keys.assistant[0] != wanted[0] || keys.assistant[1] != wanted[1])
            return false;
    }
    if (!filter.threadId.isNull()) {
        quint64 wanted[2];
        uuidBits(filter.threadId, wanted);
        if (!keys.hasThread || keys.thread[0] != wanted[0] || keys.thread[1] != wanted[1])
            return false;
    }
    if (!metadataChecked && !filter.metadata.isEmpty()
        && !metadataMatches(m_crons[index]->metadata, filter.metadata))
        return false;
    return true;
}

QList<const CronRecord *> Store::searchCrons(const CronFilter &filter, const SortOrder &order,
                                             qsizetype offset, qsizetype limit) const
{
    if (limit <= 0)
        return {};
    // Which field is resolved once, not per cron.
    enum class Field {
        CronId,
        Assistant,
        Thread,
        Next,
        End,
        Updated,
        Created
    } field
        = Field::Created;
    if (order.field == u"cron_id")
        field = Field::CronId;
    else if (order.field == u"assistant_id")
        field = Field::Assistant;
    else if (order.field == u"thread_id")
        field = Field::Thread;
    else if (order.field == u"next_run_date")
        field = Field::Next;
    else if (order.field == u"end_time")
        field = Field::End;
    else if (order.field == u"updated_at")
        field = Field::Updated;

    std::vector<SortEntry> entries;
    bool metadataChecked = false;
    const auto consider = [&](size_t index) {
        if (!matches(index, filter, metadataChecked))
            return;
        const CronKeys &keys = m_keys[index];
        SortEntry entry {{0, 0}, {keys.id[0], keys.id[1]}, quint32(index)};
        switch (field) {
        case Field::CronId:
            entry.key[0] = keys.id[0];
            entry.key[1] = keys.id[1];
            break;
        case Field::Assistant:
            entry.key[0] = keys.assistant[0];
            entry.key[1] = keys.assistant[1];
            break;
        case Field::Thread:
            entry.key[0] = keys.thread[0];
            entry.key[1] = keys.thread[1];
            break;
        case Field::Next:
            entry.key[0] = orderable(keys.nextRunDate);
            break;
        case Field::End:
            entry.key[0] = orderable(keys.endTime);
            break;
        case Field::Updated:
            entry.key[0] = orderable(keys.updatedAt);
            break;
        case Field::Created:
            entry.key[0] = orderable(keys.createdAt);
            break;
        }
        entries.push_back(entry);
    };
    if (const auto candidates = metadataCandidates(filter.metadata)) {
        metadataChecked = true;
        entries.reserve(candidates->size());
        for (const QString &id : *candidates)
            consider(m_cronIndex.value(id));
    } else {
        entries.reserve(m_crons.size());
        for (size_t index = 0; index < m_crons.size(); ++index)
            consider(index);
    }
    if (offset >= qsizetype(entries.size()))
        return {};

    const bool descending = order.descending;
    const auto less = [descending](const SortEntry &a, const SortEntry &b) {
        // The id breaks ties, so equal sort keys still page stably.
        const auto ka = std::tie(a.key[0], a.key[1], a.id[0], a.id[1]);
        const auto kb = std::tie(b.key[0], b.key[1], b.id[0], b.id[1]);
        return descending ? kb < ka : ka < kb;
    };
    const auto first = entries.begin() + offset;
    const auto last
        = entries.begin() + std::min<qsizetype>(offset + limit, qsizetype(entries.size()));
    // Select the page without sorting the rest: O(n) to place the offset, then O(n log k).
    if (offset > 0)
        std::nth_element(entries.begin(), first, entries.end(), less);
    std::partial_sort(first, last, entries.end(), less);

    QList<const CronRecord *> page;
    page.reserve(last - first);
    for (auto it = first; it != last; ++it)
        page.append(m_crons[it->index].get());
    return page;
}

qsizetype Store::countCrons(const CronFilter &filter) const
{
    qsizetype count = 0;
    if (const auto candidates = metadataCandidates(filter.metadata)) {
        for (const QString &id : *candidates)
            count += matches(m_cronIndex.value(id), filter, true);
        return count;
    }
    for (size_t index = 0; index < m_crons.size(); ++index)
        count += matches(index, filter);
    return count;
}

QStringList Store::dueCronIds(qint64 now) const
{
    QStringList due;
    for (size_t index = 0; index < m_keys.size(); ++index) {
        const CronKeys &keys = m_keys[index];
        // A missing next_run_date or end_time is stored as the largest value: never due, never
        // over.
        if (keys.enabled && keys.nextRunDate <= now && keys.endTime >= now)
            due.append(m_crons[index]->cronId);
    }
    return due;
}

} // namespace crondesk::sandbox
