#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace crondesk::models {

// The crons of one deployment as a table. Holds the values only; CronRepository feeds it.
// Refreshes merge row by row so that views keep their selection and scroll position.
class CronTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronTableModel)

public:
    enum Column {
        CronIdColumn,
        AssistantColumn,
        ThreadColumn,
        ScheduleColumn,
        TimezoneColumn,
        NextRunColumn,
        EnabledColumn,
        EndTimeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally (dates as dates, ...)
        CronIdRole, // the full cron id, whatever the column
        FilterRole, // the text the free-text filter matches against
    };
    Q_ENUM(Role)

    explicit CronTableModel(QObject *parent = nullptr);
    ~CronTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const api::Cron &cronAt(int row) const { return m_crons.at(row); }
    const QList<api::Cron> &crons() const { return m_crons; }
    int rowOf(const QString &cronId) const;

    // Appends crons that are not in the table yet and updates those that are: used while pages
    // of a load arrive.
    void upsertCrons(const QList<api::Cron> &crons);
    // Makes the table equal to `crons`: removes rows that are gone, updates changed rows in place
    // and appends new ones, so unchanged rows keep their identity.
    void mergeCrons(const QList<api::Cron> &crons);
    void removeCron(const QString &cronId);
    void clear();

    // Names for the assistant column; ids without an entry are shown as ids.
    void setAssistants(const QList<api::Assistant> &assistants);

    // The instant relative times ("in 3 h") are measured from; settable so tests are repeatable.
    void setNow(const QDateTime &now);

private:
    QVariant displayData(const api::Cron &cron, int column) const;
    QVariant sortData(const api::Cron &cron, int column) const;
    QString toolTip(const api::Cron &cron, int column) const;
    QString assistantLabel(const QString &assistantId) const;
    void rebuildIndex(int fromRow = 0);

    QList<api::Cron> m_crons;
    QHash<QString, int> m_rowById;
    QHash<QString, api::Assistant> m_assistants;
    QDateTime m_now;
};

} // namespace crondesk::models
