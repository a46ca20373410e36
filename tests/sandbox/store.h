#pragma once

#include "cronidset.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace crondesk::sandbox {

// A cron as the server keeps it: the wire object (field names as on the wire, `payload` holding
// the run parameters, `assistant_id` always the resolved UUID), plus the few values search and
// the scheduler compare, decoded once per change instead of once per request.
struct CronRecord
{
    QJsonObject json;
    QString cronId;
    QString assistantId;
    QString threadId; // null for a stateless cron
    qint64 createdAt = 0; // milliseconds since the epoch
    qint64 updatedAt = 0;
    std::optional<qint64> nextRunDate;
    std::optional<qint64> endTime;
    bool enabled = true;
    QJsonObject metadata; // decoded once: metadata filters test it for every cron

    explicit CronRecord(QJsonObject object);
    // The compact JSON of `json`, serialised on first use: a 1,000-row page is then a
    // concatenation instead of 1,000 serialisations.
    const QByteArray &compactJson() const;

private:
    mutable QByteArray m_compact;
};

struct CronFilter
{
    QString assistantId; // null: any
    QString threadId; // null: any
    std::optional<bool> enabled;
    QJsonObject metadata; // every key must be present with an equal value
};

struct SortOrder
{
    QString field;
    bool descending = true;
};

// Whatever keeps the store's contents beyond the process (Persistence). Every mutation is offered
// to it first and only applied in memory when it succeeded, so an acknowledged write is a
// durable write.
class StoreObserver
{
public:
    enum class Kind { Assistant, Thread, Cron, Run };

    virtual ~StoreObserver() = default;
    virtual bool save(Kind kind, const QString &id, const QString &parentId,
                      const QJsonObject &object)
        = 0;
    virtual bool remove(Kind kind, const QString &id) = 0;
    virtual bool beginBatch() = 0;
    virtual bool commitBatch() = 0;
    virtual void rollbackBatch() = 0;
};

// All sandbox data, in memory, with persistence delegated to an observer.
class Store final
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    void setObserver(StoreObserver *observer) { m_observer = observer; }

    // Groups mutations into one durable transaction (seeding, one scheduler tick).
    bool beginBatch();
    bool commitBatch();
    void rollbackBatch();

    // --- assistants
    const QJsonObject *assistant(const QString &assistantId) const;
    bool putAssistant(const QJsonObject &assistant);
    QList<const QJsonObject *> assistants() const;

    // --- threads
    const QJsonObject *thread(const QString &threadId) const;
    bool putThread(const QJsonObject &thread);
    // Also removes the thread's runs and the crons bound to it, as the server's foreign keys do.
    bool removeThread(const QString &threadId);
    QList<const QJsonObject *> threads() const;
    qsizetype threadCount() const { return m_threads.size(); }

    // --- runs, per thread, oldest first
    bool putRun(const QJsonObject &run);
    QList<QJsonObject> runs(const QString &threadId) const;
    const QJsonObject *run(const QString &threadId, const QString &runId) const;
    bool removeRun(const QString &threadId, const QString &runId);

    // --- crons
    const CronRecord *cron(const QString &cronId) const;
    bool putCron(const QJsonObject &cron); // insert or replace
    bool removeCron(const QString &cronId);
    qsizetype cronCount() const { return qsizetype(m_crons.size()); }
    QList<const CronRecord *> searchCrons(const CronFilter &filter, const SortOrder &order,
                                          qsizetype offset, qsizetype limit) const;
    qsizetype countCrons(const CronFilter &filter) const;
    // Enabled crons whose next_run_date is due at `now` and whose end_time has not passed.
    QStringList dueCronIds(qint64 now) const;

    // Loads without asking the observer (used when reading the database back).
    void loadAssistant(const QJsonObject &assistant);
    void loadThread(const QJsonObject &thread);
    void loadRun(const QJsonObject &run);
    void loadCron(const QJsonObject &cron);

    // Top-level key equality, the server's "exact match filter for each KV pair".
    static bool metadataMatches(const QJsonObject &metadata, const QJsonObject &filter);

private:
    struct ThreadRecord
    {
        QJsonObject json;
        QList<QJsonObject> runs;
    };

    bool save(StoreObserver::Kind kind, const QString &id, const QString &parentId,
              const QJsonObject &object);
    bool erase(StoreObserver::Kind kind, const QString &id);
    // What search filters and sorts on, packed so a pass over 100,000 crons stays in cache
    // instead of chasing a pointer per cron. UUIDs as 128-bit numbers (their canonical hex
    // strings sort the same way); a missing timestamp is the largest value, as NULL in Postgres.
    struct CronKeys
    {
        quint64 id[2];
        quint64 assistant[2];
        quint64 thread[2];
        qint64 createdAt;
        qint64 updatedAt;
        qint64 nextRunDate;
        qint64 endTime;
        bool hasThread;
        bool enabled;
    };
    static CronKeys keysOf(const CronRecord &cron);

    void insertCron(const QJsonObject &cron);
    void eraseCron(const QString &cronId);
    void indexMetadata(const CronRecord &cron, bool add);
    // Ids of the crons whose metadata matches, from the index; nullopt when the filter is empty.
    std::optional<QList<QString>> metadataCandidates(const QJsonObject &filter) const;
    bool matches(size_t index, const CronFilter &filter, bool metadataChecked = false) const;

    StoreObserver *m_observer = nullptr;
    int m_batchDepth = 0;
    QHash<QString, QJsonObject> m_assistants;
    QHash<QString, ThreadRecord> m_threads;
    std::vector<std::unique_ptr<CronRecord>> m_crons;
    std::vector<CronKeys> m_keys; // parallel to m_crons
    QHash<QString, size_t> m_cronIndex;
    QHash<QString, int> m_cronsPerThread; // so deleting a thread without crons needs no scan
    // metadata key -> canonical JSON of a value -> ids of the crons with that pair
    QHash<QString, QHash<QByteArray, CronIdSet>> m_metadataIndex;
};

} // namespace crondesk::sandbox
