#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/cronhealth.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

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
        DescriptionColumn,
        TimezoneColumn,
        NextRunColumn,
        EndTimeColumn,
        EnabledColumn,
        OnCompletionColumn,
        WebhookColumn,
        MultitaskColumn,
        CreatedColumn,
        UpdatedColumn,
        UserColumn,
        MetadataColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally (dates as dates, ...)
        CronIdRole, // the full cron id, whatever the column
        HealthRole, // HealthFlags as int, whatever the column
        CopyRole, // the full text to copy (full ids, ISO instants)
    };
    Q_ENUM(Role)

    explicit CronTableModel(QObject *parent = nullptr);
    ~CronTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const api::Cron &cronAt(int row) const { return m_rows.at(row).cron; }
    HealthFlags healthAt(int row) const { return m_rows.at(row).health; }
    const ScheduleInsight &insightAt(int row) const { return *m_rows.at(row).insight; }
    QList<api::Cron> crons() const;
    int rowOf(const QString &cronId) const;

    // Appends crons that are not in the table yet and updates those that are: used while pages
    // of a load arrive, and for single crons re-read after a change.
    void upsertCrons(const QList<api::Cron> &crons);
    // Makes the table equal to `crons`: removes rows that are gone, updates changed rows in place
    // and appends new ones, so unchanged rows keep their identity.
    void mergeCrons(const QList<api::Cron> &crons);
    void removeCron(const QString &cronId);
    void clear();

    // Names for the assistant column; ids without an entry are shown as ids.
    void setAssistants(const QList<api::Assistant> &assistants);
    const api::Assistant *assistant(const QString &assistantId) const;
    QString assistantLabel(const QString &assistantId) const;

    // The instant health and relative times are judged at. Tests pin it; the window advances it
    // every so often, which re-assesses every row.
    void setNow(const QDateTime &now);
    QDateTime now() const;

    // For the sort proxy: compares two rows by a column without building QVariants.
    bool lessThan(int column, int leftRow, int rightRow) const;
    // Lower-case UTF-8 text of every column of a row, for the free-text filter.
    const QByteArray &searchText(int row) const;

private:
    struct Row
    {
        api::Cron cron;
        std::shared_ptr<const ScheduleInsight> insight;
        HealthFlags health;
        mutable QByteArray searchText; // built on first filter, dropped when the row changes
    };

    Row makeRow(const api::Cron &cron);
    QString displayText(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    QString copyText(const Row &row, int column) const;
    QString nextRunText(const api::Cron &cron) const;
    void rebuildIndex(int fromRow = 0);
    void emitColumnChanged(int first, int last);

    QList<Row> m_rows;
    QHash<QString, int> m_rowById;
    QHash<QString, api::Assistant> m_assistants;
    ScheduleInsightCache m_insights;
    QDateTime m_now;
    bool m_nowPinned = false;
};

// "team=infra, owner=alice": metadata as one compact line.
QString compactMetadata(const QJsonObject &metadata);

} // namespace crondesk::models
