#include "bulkpreviewmodel.h"

#include <models/common/displayformat.h>

#include <QCoreApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("crondesk::models::BulkPreviewModel", text, nullptr, n);
}

} // namespace

BulkPreviewModel::BulkPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

BulkPreviewModel::~BulkPreviewModel() = default;

void BulkPreviewModel::setPlan(const BulkPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    m_checked.clear();
    m_results.clear();
    m_errors.clear();
    for (const BulkRow &row : std::as_const(m_plan.rows)) {
        m_checked.append(!row.isSkipped());
        m_results.append(-1);
        m_errors.append(QString());
    }
    endResetModel();
    Q_EMIT checkedCountChanged(checkedCount());
}

QList<BulkRow> BulkPreviewModel::checkedRows() const
{
    QList<BulkRow> rows;
    for (qsizetype i = 0; i < m_plan.rows.size(); ++i) {
        if (m_checked.at(i) && !m_plan.rows.at(i).isSkipped())
            rows.append(m_plan.rows.at(i));
    }
    return rows;
}

qsizetype BulkPreviewModel::checkedCount() const
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < m_plan.rows.size(); ++i)
        count += m_checked.at(i) && !m_plan.rows.at(i).isSkipped() ? 1 : 0;
    return count;
}

void BulkPreviewModel::setAllChecked(bool checked)
{
    for (qsizetype i = 0; i < m_checked.size(); ++i)
        m_checked[i] = checked && !m_plan.rows.at(i).isSkipped();
    if (!m_checked.isEmpty())
        Q_EMIT dataChanged(index(0, CronColumn), index(rowCount() - 1, CronColumn),
                           {Qt::CheckStateRole});
    Q_EMIT checkedCountChanged(checkedCount());
}

void BulkPreviewModel::setResult(const BulkResult &result)
{
    for (qsizetype i = 0; i < m_plan.rows.size(); ++i) {
        if (m_plan.rows.at(i).cron.cronId != result.cronId)
            continue;
        m_results[i] = int(result.status);
        m_errors[i] = result.isFailure() ? asSentence(result.error.toString()) : QString();
        Q_EMIT dataChanged(index(int(i), StateColumn), index(int(i), StateColumn));
        return;
    }
}

int BulkPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.rows.size());
}

int BulkPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BulkPreviewModel::changesText(const BulkRow &row) const
{
    QStringList lines;
    for (const FieldChange &change : row.changes) {
        const QString label = change.key.isEmpty()
            ? draftFieldLabel(change.field)
            : draftFieldLabel(change.field) + u" “"_s + change.key + u"”"_s;
        lines.append(tr("%1: %2 → %3").arg(label, change.before, change.after));
    }
    return lines.join(u'\n');
}

QString BulkPreviewModel::stateText(int row) const
{
    const BulkRow &planned = m_plan.rows.at(row);
    if (planned.isSkipped())
        return tr("Skipped: %1").arg(planned.skipReason);
    switch (m_results.at(row)) {
    case int(BulkResult::Status::Applied):
        return tr("Applied.");
    case int(BulkResult::Status::Failed):
        return tr("Failed: %1").arg(m_errors.at(row));
    case int(BulkResult::Status::Unknown):
        return tr("Unknown: %1 Look at the cron before retrying.").arg(m_errors.at(row));
    case int(BulkResult::Status::NotSent):
        return tr("Not sent (canceled).");
    default:
        break;
    }
    if (!m_checked.at(row))
        return tr("Left out.");
    return planned.warnings.isEmpty() ? tr("Will change.")
                                      : tr("Will change. %1").arg(planned.warnings.join(u' '));
}

QVariant BulkPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const BulkRow &row = m_plan.rows.at(index.row());
    switch (role) {
    case CronIdRole:
        return row.cron.cronId;
    case SkippedRole:
        return row.isSkipped();
    case ResultRole:
        return m_results.at(index.row());
    case Qt::CheckStateRole:
        if (index.column() == CronColumn && !row.isSkipped())
            return m_checked.at(index.row()) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CronColumn:
            return role == Qt::ToolTipRole ? row.cron.cronId
                                           : shortId(row.cron.cronId) + u"  "_s + row.cron.schedule;
        case ChangesColumn:
            return changesText(row);
        case NextRunColumn: {
            const QDateTime next = row.isSkipped() ? row.nextRunBefore : row.nextRunAfter;
            if (!next.isValid())
                return tr("none");
            // In the zone the cron has after the edit, as the operator will read it then.
            return formatInstant(next,
                                 row.isSkipped() ? row.cron.timezone
                                                 : row.patch.timezone.value_or(row.cron.timezone));
        }
        case StateColumn:
            return stateText(index.row());
        default:
            return {};
        }
    default:
        return {};
    }
}

bool BulkPreviewModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != CronColumn
        || m_plan.rows.at(index.row()).isSkipped())
        return false;
    m_checked[index.row()] = value.value<Qt::CheckState>() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT dataChanged(this->index(index.row(), StateColumn),
                       this->index(index.row(), StateColumn));
    Q_EMIT checkedCountChanged(checkedCount());
    return true;
}

Qt::ItemFlags BulkPreviewModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == CronColumn && !m_plan.rows.at(index.row()).isSkipped())
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant BulkPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CronColumn:
        return tr("Cron");
    case ChangesColumn:
        return tr("Changes (before → after)");
    case NextRunColumn:
        return tr("Next run after");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

MutationRequest bulkEditRequest(const QList<BulkRow> &rows, const MutationTarget &target)
{
    MutationRequest request;
    request.kind = MutationKind::Update;
    request.cronCount = rows.size();
    const int count = int(rows.size());
    request.title = tr("Bulk Edit");
    request.question = tr("Change %n cron(s) on %1?", count).arg(target.describe());
    QSet<QString> fields;
    QStringList names;
    for (const BulkRow &row : rows) {
        for (const FieldChange &change : row.changes) {
            const QString label = draftFieldLabel(change.field);
            if (!fields.contains(label)) {
                fields.insert(label);
                names.append(label);
            }
        }
    }
    request.details.append(tr("Fields that change: %1.").arg(names.join(u", "_s)));
    request.details.append(
        tr("Each cron gets one request with only these fields; every change is journaled."));
    request.undo = undoText(MutationKind::Update);
    request.actionText = tr("&Apply to %n cron(s)", count);
    return request;
}

} // namespace crondesk::models
