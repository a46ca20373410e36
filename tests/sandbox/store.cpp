#include "store.h"

#include "timestamps.h"

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

// Postgres orders NULL after every value ascending and before every value descending; comparing
// "null is greatest" and reversing for descending reproduces both.
template<typename T>
int compareNullable(const std::optional<T> &a, const std::optional<T> &b)
{
    if (a.has_value() != b.has_value())
        return a.has_value() ? -1 : 1;
    if (!a)
        return 0;
    return *a < *b ? -1 : (*b < *a ? 1 : 0);
}

int compareStrings(const QString &a, const QString &b)
{
    if (a.isNull() != b.isNull())
        return a.isNull() ? 1 : -1;
    return a.compare(b);
}

using CronComparator = int (*)(const CronRecord &, const CronRecord &);

CronComparator comparatorFor(const QString &field)
{
    if (field == u"cron_id")
        return [](const CronRecord &a, const CronRecord &b) { return a.cronId.compare(b.cronId); };
    if (field == u"assistant_id")
        return [](const CronRecord &a, const CronRecord &b) {
            return compareStrings(a.assistantId, b.assistantId);
        };
    if (field == u"thread_id")
        return [](const CronRecord &a, const CronRecord &b) {
            return compareStrings(a.threadId, b.threadId);
        };
    if (field == u"next_run_date")
        return [](const CronRecord &a, const CronRecord &b) {
            return compareNullable(a.nextRunDate, b.nextRunDate);
        };
    if (field == u"end_time")
        return [](const CronRecord &a, const CronRecord &b) {
            return compareNullable(a.endTime, b.endTime);
        };
    if (field == u"updated_at")
        return [](const CronRecord &a, const CronRecord &b) {
            return a.updatedAt < b.updatedAt ? -1 : (a.updatedAt > b.updatedAt ? 1 : 0);
        };
    // created_at, the server's default and its fallback for anything unrecognised
    return [](const CronRecord &a, const CronRecord &b) {
        return a.createdAt < b.createdAt ? -1 : (a.createdAt > b.createdAt ? 1 : 0);
    };
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

bool CronFilter::matches(const CronRecord &cron) const
{
    if (!assistantId.isNull() && cron.assistantId != assistantId)
        return false;
    if (!threadId.isNull() && cron.threadId != threadId)
        return false;
    if (enabled && cron.enabled != *enabled)
        return false;
    if (!metadata.isEmpty() && !Store::metadataMatches(cron.metadata, metadata))
        return false;
    return true;
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
    for (const auto &cron : m_crons) {
        if (cron->threadId == threadId)
            boundCrons.append(cron->cronId);
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

void Store::insertCron(const QJsonObject &cron)
{
    auto record = std::make_unique<CronRecord>(cron);
    const auto it = m_cronIndex.constFind(record->cronId);
    if (it != m_cronIndex.cend()) {
        m_crons[*it] = std::move(record);
        return;
    }
    m_cronIndex.insert(record->cronId, m_crons.size());
    m_crons.push_back(std::move(record));
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
    if (index != m_crons.size() - 1) {
        m_crons[index] = std::move(m_crons.back());
        m_cronIndex[m_crons[index]->cronId] = index;
    }
    m_crons.pop_back();
}

QList<const CronRecord *> Store::searchCrons(const CronFilter &filter, const SortOrder &order,
                                             qsizetype offset, qsizetype limit) const
{
    std::vector<const CronRecord *> matches;
    matches.reserve(m_crons.size());
    for (const auto &cron : m_crons) {
        if (filter.matches(*cron))
            matches.push_back(cron.get());
    }
    if (offset >= qsizetype(matches.size()) || limit <= 0)
        return {};

    const CronComparator compare = comparatorFor(order.field);
    const bool descending = order.descending;
    // The id breaks ties, so equal sort keys still page stably.
    const auto less = [compare, descending](const CronRecord *a, const CronRecord *b) {
        int result = compare(*a, *b);
        if (result == 0)
            result = a->cronId.compare(b->cronId);
        return descending ? result > 0 : result < 0;
    };
    const auto first = matches.begin() + offset;
    const auto last
        = matches.begin() + std::min<qsizetype>(offset + limit, qsizetype(matches.size()));
    // Select the page without sorting the rest: O(n) to place the offset, then O(k log k).
    if (offset > 0)
        std::nth_element(matches.begin(), first, matches.end(), less);
    std::partial_sort(first, last, matches.end(), less);

    QList<const CronRecord *> page;
    page.reserve(last - first);
    for (auto it = first; it != last; ++it)
        page.append(*it);
    return page;
}

qsizetype Store::countCrons(const CronFilter &filter) const
{
    return std::count_if(m_crons.cbegin(), m_crons.cend(),
                         [&filter](const auto &cron) { return filter.matches(*cron); });
}

QStringList Store::dueCronIds(qint64 now) const
{
    QStringList due;
    for (const auto &cron : m_crons) {
        if (!cron->enabled || !cron->nextRunDate || *cron->nextRunDate > now)
            continue;
        if (cron->endTime && *cron->endTime < now)
            continue;
        due.append(cron->cronId);
    }
    return due;
}

} // namespace crondesk::sandbox
