#include "cronfilterproxymodel.h"

#include "crontablemodel.h"

using namespace Qt::StringLiterals;

namespace crondesk::models {

bool CronFilter::isEmpty() const
{
    return *this == CronFilter();
}

CronFilterProxyModel::CronFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CronTableModel::SortRole);
    // Merged refreshes change rows in place; keep them sorted and filtered as they change.
    setDynamicSortFilter(true);
}

CronFilterProxyModel::~CronFilterProxyModel() = default;

void CronFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_crons = qobject_cast<const CronTableModel *>(sourceModel);
    Q_ASSERT_X(m_crons || !sourceModel, "CronFilterProxyModel",
               "the source must be a CronTableModel");
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void CronFilterProxyModel::setCronFilter(const CronFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_needle = filter.text.trimmed().toLower().toUtf8();
    // invalidate(), not invalidateFilter(): the latter announces each run of rows that appears
    // or disappears separately, which takes seconds at 100,000 rows when a facet interleaves
    // them; a layout change costs one pass and keeps the selection.
    invalidate();
}

void CronFilterProxyModel::setFilterText(const QString &text)
{
    CronFilter filter = m_filter;
    filter.text = text;
    setCronFilter(filter);
}

QList<int> CronFilterProxyModel::visibleSourceRows() const
{
    QList<int> rows;
    rows.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        rows.append(mapToSource(index(row, 0)).row());
    return rows;
}

bool CronFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_crons)
        return false;
    const api::Cron &cron = m_crons->cronAt(sourceRow);
    const CronFilter &f = m_filter;

    // Cheap facets first; the text scan last.
    if (f.cronIds && !f.cronIds->contains(cron.cronId))
        return false;
    if (f.enabled == CronFilter::Enabled::EnabledOnly && !cron.enabled)
        return false;
    if (f.enabled == CronFilter::Enabled::PausedOnly && cron.enabled)
        return false;
    if (f.target == CronFilter::Target::StatelessOnly && !cron.isStateless())
        return false;
    if (f.target == CronFilter::Target::ThreadOnly && cron.isStateless())
        return false;
    if (!f.assistantId.isEmpty() && cron.assistantId != f.assistantId)
        return false;
    if (f.timezone && cron.timezone != *f.timezone)
        return false;
    if (f.webhook != CronFilter::Webhook::Any
        && m_crons->webhookAt(sourceRow).isEmpty() == (f.webhook == CronFilter::Webhook::With))
        return false;
    if (f.endTimePassedOnly && !(cron.endTime.isValid() && cron.endTime < m_crons->now()))
        return false;
    if (f.health && !(m_crons->healthAt(sourceRow) & f.health))
        return false;
    for (auto it = f.metadata.constBegin(); it != f.metadata.constEnd(); ++it) {
        if (cron.metadata.value(it.key()) != it.value())
            return false;
    }
    if (!m_needle.isEmpty() && !m_crons->matchesSearch(sourceRow, m_needle))
        return false;
    return true;
}

bool CronFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_crons)
        return QSortFilterProxyModel::lessThan(left, right);
    const int column = left.column();
    const bool leftHas = m_crons->hasSortValue(column, left.row());
    const bool rightHas = m_crons->hasSortValue(column, right.row());
    if (leftHas != rightHas) {
        // Rows without a value (runs not read yet) come last in either order: a descending sort
        // calls lessThan(right, left), so the answer flips with the order.
        return sortOrder() == Qt::AscendingOrder ? leftHas : rightHas;
    }
    if (!leftHas)
        return false;
    return m_crons->lessThan(column, left.row(), right.row());
}

} // namespace crondesk::models
