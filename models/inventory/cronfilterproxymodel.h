#pragma once

#include <models/inventory/cronhealth.h>

#include <QJsonObject>
#include <QSet>
#include <QSortFilterProxyModel>

#include <optional>

namespace crondesk::models {

class CronTableModel;

// What the inventory is narrowed to. Every criterion left at its default lets every cron through;
// set criteria combine with AND.
struct CronFilter
{
    enum class Enabled { Any, EnabledOnly, PausedOnly };
    enum class Target { Any, StatelessOnly, ThreadOnly };
    enum class Webhook { Any, With, Without };

    QString text; // case-insensitive substring of any column, full ids included
    QString assistantId; // empty: any
    Enabled enabled = Enabled::Any;
    Target target = Target::Any;
    std::optional<QString> timezone; // nullopt: any; empty: crons with the server default (UTC)
    Webhook webhook = Webhook::Any;
    bool endTimePassedOnly = false;
    HealthFlags health; // crons with any of these flags; none set: any
    QJsonObject metadata; // exact match per key, like the server's metadata filter
    // Only the crons with these ids (e.g. the Timeline's "the crons that fire then"); nullopt:
    // any. An empty set lets nothing through.
    std::optional<QSet<QString>> cronIds;

    bool isEmpty() const;
    friend bool operator==(const CronFilter &, const CronFilter &) = default;
};

// Filters and sorts a CronTableModel. Sorting compares the source rows directly (no QVariant per
// comparison) and the text filter scans a cached lower-case text per row, so both stay well under
// a frame's budget of work per 10,000 rows.
class CronFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronFilterProxyModel)

public:
    explicit CronFilterProxyModel(QObject *parent = nullptr);
    ~CronFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    const CronFilter &cronFilter() const { return m_filter; }
    void setCronFilter(const CronFilter &filter);
    void setFilterText(const QString &text);

    // The source rows that pass, in the proxy's order.
    QList<int> visibleSourceRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const CronTableModel *m_crons = nullptr;
    CronFilter m_filter;
    QByteArray m_needle; // lower-case UTF-8 of m_filter.text
};

} // namespace crondesk::models
