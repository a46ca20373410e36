#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/inventory/cronhealth.h>
#include <models/inventory/lastrunstate.h>
#include <models/inventory/preparedcron.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimeZone>
#include <QTimer>

#include <chrono>
#include <memory>

namespace crondesk::models {

// The crons of one deployment as a table. Holds the values and what the schedule engine derives
// from them; CronRepository feeds it. Refreshes merge row by row so that views keep their
// selection and scroll position.
class CronTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronTableModel)

public:
    enum Column {
        HealthColumn,
        CronIdColumn,
        AssistantColumn,
        ThreadColumn,
        ScheduleColumn,
        NextRunColumn,
        DescriptionColumn,
        TimezoneColumn,
        EndTimeColumn,
        EnabledColumn,
        OnCompletionColumn,
        WebhookColumn,
        MultitaskColumn,
        CreatedColumn,
        UpdatedColumn,
        UserColumn,
        MetadataColumn,
        // What the cron's runs came to (issue 17): filled lazily for the rows on screen through
        // setLastRuns(); "…" until then.
        LastRunColumn,
        LastSuccessColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally (dates as dates, ...)
        CronIdRole, // the full cron id, whatever the column
        HealthRole, // HealthFlags as int, whatever the column
        CopyRole, // the full text to copy (full ids, ISO instants)
        ChangeSinceRole, // ChangeSince as int, whatever the column (View ▸ Changes Since…)
        ChangeSinceTextRole, // what changed since, in words ("schedule: … → …"); empty if nothing
        // The last run's status ("error", "success", ...; empty without one) and the
        // CronLastRunState::Kind as int, whatever the column: for the Last run column's icon.
        LastRunStatusRole,
        LastRunKindRole,
    };
    Q_ENUM(Role)

    // A row's change since a chosen snapshot. The comparison is made elsewhere (changesSince()
    // in models/compare, off the GUI thread); the model only keeps the answer by cron id so that
    // views and proxies can show it.
    enum class ChangeSince { None, Added, Changed };
    struct RowChange
    {
        ChangeSince kind = ChangeSince::None;
        QString text;
    };

    explicit CronTableModel(QObject *parent = nullptr);
    ~CronTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const api::Cron &cronAt(int row) const { return m_rows.at(row).cron; }
    // The row's health, assessed once per change of its data, read time or the model's clock:
    // the one answer the table, its tooltip, the details pane, the health filter, copy and
    // export all show (healthLines() and healthSummary() put it in words).
    HealthFlags healthAt(int row) const { return m_rows.at(row).health; }
    QStringList healthLines(int row) const;
    QString healthSummary(int row) const;
    // When the row's values were read from the server (the arrival of the answer they came in).
    QDateTime readAt(int row) const;
    const QString &webhookAt(int row) const { return m_rows.at(row).run->webhook; }
    const ScheduleInsight &insightAt(int row) const { return *m_rows.at(row).insight; }
    QList<api::Cron> crons() const;
    int rowOf(const QString &cronId) const;

    // Crons as one answer of the server delivered them, and when that answer arrived: health is
    // judged on what the server said then.
    struct CronBatch
    {
        QList<api::Cron> crons;
        QDateTime readAt;
    };

    // Appends crons that are not in the table yet and updates those that are: used while pages
    // of a load arrive, and for single crons re-read after a change. Rows read again keep their
    // identity but take the new read time (and the health that follows from it); a row already
    // read later than `readAt` keeps its newer values. Without a read time, the model's now() is
    // taken and the values always apply.
    void upsertCrons(const QList<api::Cron> &crons, const QDateTime &readAt = {});
    // The same for crons whose payloads were read already (off the GUI thread, while a load
    // streams in): the crons are moved into the rows.
    void upsertPreparedCrons(QList<PreparedCron> crons, const QDateTime &readAt = {});
    // The same for several answers at once, each with its read time: one insertion for all of
    // their new rows, so that the view, its proxy and the sort keys catch up once, not per page.
    void upsertPreparedPages(QList<PreparedPage> pages);
    // Makes the table equal to the union of `batches` (the pages of one reload): removes rows
    // that are gone, updates changed rows in place and appends new ones, so unchanged rows keep
    // their identity.
    void mergeBatches(const QList<CronBatch> &batches);
    // The same merge a page at a time, so that a reload holds one page, not a second copy of the
    // deployment: beginMerge(), then an upsert per page as it arrives (rows update and appear as
    // their pages come; none leaves early, so rows that still exist never flicker out), then
    // endMerge(), which removes the rows that no upsert touched since beginMerge(): those the
    // reload did not read and nobody wrote meanwhile. abandonMerge() (a reload that failed)
    // removes nothing. clear() ends a merge too; outside a merge, endMerge() and abandonMerge()
    // do nothing.
    void beginMerge();
    void endMerge();
    void abandonMerge();
    bool isMerging() const { return m_merging; }
    void mergeCrons(const QList<api::Cron> &crons, const QDateTime &readAt = {});
    // Room for `rows` rows in all, when a load knows how many will come: a table grown by
    // doubling holds its old and new arrays at once while it copies (tens of MB at 100,000
    // rows, the peak of a load). A count beyond maxReservedRows is not taken on trust.
    void reserveRows(qint64 rows);
    static constexpr qint64 maxReservedRows = 1'000'000;
    void removeCron(const QString &cronId);
    void clear();

    // Marks rows as added or changed since a snapshot, by cron id; rows without an entry are
    // unchanged. An empty hash clears every mark.
    void setRowChanges(QHash<QString, RowChange> changes);
    const QHash<QString, RowChange> &rowChanges() const { return m_rowChanges; }

    // Names for the assistant column; ids without an entry are shown as ids.
    void setAssistants(const QList<api::Assistant> &assistants);
    const api::Assistant *assistant(const QString &assistantId) const;
    QString assistantLabel(const QString &assistantId) const;

    // The audit policy's rules about one cron, which decide the health flags (the profile's
    // policy; the default one until set). Re-assesses every row.
    void setRuleSettings(const CronRuleSettings &settings);
    const CronRuleSettings &ruleSettings() const { return m_ruleSettings; }

    // The instant health and relative times are judged at. Tests pin it; the window advances it
    // every so often, which re-assesses every row.
    void setNow(const QDateTime &now);
    QDateTime now() const;

    // The crons whose next run has come since they were read and that are due to be read again
    // at `now` (see rereadTime()), at most `limit` of them, soonest due first; `total` (when
    // given) gets how many are due in all. Cheap enough to ask every few seconds at 100,000
    // rows: only rows whose next run has passed are looked at closely.
    QStringList cronsToReread(const QDateTime &now, int limit, int *total = nullptr) const;

    // What is known about crons' runs (the Last run columns and last-run-failed): replaces the
    // entries of these crons (a NotLoaded entry forgets one), re-assesses their rows' health and
    // emits dataChanged for those rows only. Entries outlive their rows' refreshes (they are kept
    // by cron id) and are dropped by clear().
    void setLastRuns(const QHash<QString, CronLastRunState> &states);
    CronLastRunState lastRunState(const QString &cronId) const { return m_lastRuns.value(cronId); }
    // The last run of every cron whose runs were read and that has one, for the audit's
    // last-run-failed (crons without an entry are simply not judged).
    QHash<QString, AuditLastRun> knownLastRuns() const;

    // For the sort proxy: compares two rows by a column without building QVariants.
    bool lessThan(int column, int leftRow, int rightRow) const;
    // Whether the row has a value to sort by in the column: rows whose runs are not known have
    // none in the Last run columns, and the proxy puts them last in either order, so that a sort
    // by those columns never brings unread rows on screen (and reads them) one screen at a time.
    bool hasSortValue(int column, int row) const;
    // Whether the row's text holds `needle` (lower-case UTF-8), for the free-text filter: the
    // full ids (the short ids the table shows are their beginnings) or any other column's text
    // as shown, case-folded.
    bool matchesSearch(int row, QByteArrayView needle) const;
    // All of that text, as matchesSearch() reads it.
    QByteArray searchText(int row) const;
    // How many distinct shared parts the search texts built so far have (the columns most
    // crons have in common are kept once per distinct text, not once per row).
    qsizetype sharedSearchTextCount() const { return m_sharedSearchTexts.size(); }
    // Whether the background preparation after a change is done: every row's search text and
    // the sort keys of the column last sorted by are built.
    bool isPrepared() const;
    // The column whose sort keys the model holds (-1: none): one column's at a time, the one
    // the table is sorted by. Sorting by another builds its keys and drops these.
    int sortKeysColumn() const { return m_sortKeysColumn; }

private:
    struct Row
    {
        api::Cron cron;
        std::shared_ptr<const ScheduleInsight> insight;
        // Read from the payload once: parsing every payload again to sort, filter or search by
        // these would cost seconds and hundreds of megabytes at 100,000 crons. Shared between
        // the rows with the same values (most crons have no webhook and one of two strategies).
        std::shared_ptr<const api::Cron::RunParameters> run;
        qint64 readAtMs = 0; // when the server's answer with these values arrived
        HealthFlags health;
        bool upsertedInMerge = false; // see beginMerge()
        // The search text, built on first filter (or in idle time after a load) and dropped when
        // the row changes: the row's own part (ids, instants, metadata), and the part it shares
        // with every row whose assistant, schedule, zone, flags, strategy, webhook and user
        // read the same (a few thousand distinct ones among 100,000 crons).
        mutable QByteArray searchText;
        mutable std::shared_ptr<const QByteArray> sharedSearchText;
        void dropSearchText()
        {
            searchText.clear();
            sharedSearchText.reset();
        }
    };

    Row makeRow(PreparedCron &&prepared, const QDateTime &readAt);
    // Assesses the row at the model's clock, or at its read time if that is later (a row read
    // since the last tick is not judged at an instant before the server answered).
    HealthFlags assess(const Row &row) const;
    QStringList healthLinesOf(const Row &row) const;
    QString displayText(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    QString copyText(const Row &row, int column) const;
    QString nextRunToolTip(const Row &row) const;
    QString nextRunText(const Row &row) const;
    QString makeAssistantLabel(const QString &assistantId) const;
    void rebuildIndex(int fromRow = 0);
    void emitColumnChanged(int first, int last);
    // One integer per row for a column (an instant in ms, a rank among the column's texts, ...),
    // built on the first sort by that column and kept until a row changes or another column is
    // sorted by. A sort then compares two entries of one contiguous array: no strings made per
    // comparison, and no cache miss into a row per comparison, which is what keeps sorting
    // 100,000 rows fast. Only one column's keys are kept: 0.8 MB each at 100,000 rows, and a
    // table is sorted by one column at a time.
    const QList<qint64> &sortKeys(int column) const;
    QList<qint64> textRanks(int column) const;
    void invalidateSortKeys();
    void invalidateSortKeys(std::initializer_list<int> columns);
    std::shared_ptr<const api::Cron::RunParameters>
    sharedRunParameters(api::Cron::RunParameters run);
    static bool isSharedSearchColumn(int column);
    void buildSearchText(const Row &row) const;
    const Row &searchableRow(int row) const;
    void prepareSearchTextSlice();

    QString lastRunText(const CronLastRunState &state, int column) const;
    QString lastRunToolTip(const CronLastRunState &state, int column) const;

    QList<Row> m_rows;
    QHash<QString, int> m_rowById;
    QHash<QString, CronLastRunState> m_lastRuns; // by cron id; only crons whose runs were asked for
    QHash<QString, api::Assistant> m_assistants;
    mutable QHash<QString, QString> m_assistantLabels; // id -> label, made once per assistant
    ScheduleInsightCache m_insights;
    CronRuleSettings m_ruleSettings;
    mutable QList<qint64> m_sortKeys;
    mutable int m_sortKeysColumn = -1;
    // Distinct run parameters of the rows, shared by the rows that have them; forgotten by
    // clear().
    QHash<QString, std::shared_ptr<const api::Cron::RunParameters>> m_runParameters;
    // The shared parts of the rows' search texts, by their text; forgotten by clear().
    mutable QHash<QByteArray, std::shared_ptr<const QByteArray>> m_sharedSearchTexts;
    // Search text is built in idle slices after rows arrive, so the first keystroke in the
    // filter does not stall on 100,000 rows at once.
    QTimer *m_searchTextTimer;
    // The idle preparation starts once rows have stopped changing for this long: while a load
    // streams pages in, building search text between pages took a third of the GUI thread's
    // time and delayed every later page.
    static constexpr std::chrono::milliseconds preparationSettle {200};
    QTimeZone m_deskZone; // the system's zone, resolved once (see localDateTime())
    int m_searchTextPrepared = 0;
    QDateTime m_now;
    bool m_nowPinned = false;
    bool m_merging = false; // between beginMerge() and endMerge() or abandonMerge()
    QHash<QString, RowChange> m_rowChanges;
};

// "team=infra, owner=alice": metadata as one compact line.
QString compactMetadata(const QJsonObject &metadata);
// The metadata the operator set, for showing: without the correlation key Cron Desk adds to
// every create (api::correlationMetadataKey, docs/crondeskctl.md), which is bookkeeping, not
// something anyone chose.
QJsonObject userMetadata(const QJsonObject &metadata);

} // namespace crondesk::models
