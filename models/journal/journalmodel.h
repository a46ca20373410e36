#pragma once

#include <models/journal/changejournal.h>

#include <QAbstractTableModel>
#include <QList>

namespace crondesk::models {

// The change journal as a table, newest entry first, showing the entries that pass a filter.
class JournalModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalModel)

public:
    enum Column {
        TimeColumn,
        ActionColumn,
        CronColumn,
        ProfileColumn,
        OperatorColumn,
        ResultColumn,
        ClientColumn,
        UrlColumn,
        IdColumn, // JournalEntry::effectiveId(), what `crondeskctl journal undo` takes
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, EntryIndexRole };

    explicit JournalModel(QObject *parent = nullptr);
    ~JournalModel() override;

    // Replaces every entry (as read from the file, oldest first).
    void setEntries(const QList<JournalEntry> &entries);
    // One more entry, as just recorded.
    void appendEntry(const JournalEntry &entry);
    void setFilter(const JournalFilter &filter);
    const JournalFilter &filter() const { return m_filter; }

    // The entry shown in `row`.
    const JournalEntry &entryAt(int row) const;
    // Every entry, oldest first, whatever the filter (undo looks for later entries).
    const QList<JournalEntry> &entries() const { return m_entries; }
    // What passes the filter, oldest first (for export).
    QList<JournalEntry> visibleEntries() const;
    // The profile names and actions that occur, for the filter choices.
    QStringList profiles() const;
    QStringList actions() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildVisible();

    QList<JournalEntry> m_entries; // oldest first, as in the file
    QList<qsizetype> m_visible; // indexes into m_entries, newest first
    JournalFilter m_filter;
};

} // namespace crondesk::models
