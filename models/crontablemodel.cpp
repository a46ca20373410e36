#include "crontablemodel.h"

#include "displayformat.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace crondesk::models {

CronTableModel::CronTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

CronTableModel::~CronTableModel() = default;

int CronTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_crons.size());
}

int CronTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CronTableModel::rowOf(const QString &cronId) const
{
    return m_rowById.value(cronId, -1);
}

QVariant CronTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CronIdColumn:
        return tr("Cron ID");
    case AssistantColumn:
        return tr("Assistant");
    case ThreadColumn:
        return tr("Thread");
    case ScheduleColumn:
        return tr("Schedule");
    case TimezoneColumn:
        return tr("Timezone");
    case NextRunColumn:
        return tr("Next run");
    case EnabledColumn:
        return tr("Enabled");
    case EndTimeColumn:
        return tr("End time");
    default:
        return {};
    }
}

QVariant CronTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const api::Cron &cron = m_crons.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(cron, index.column());
    case Qt::ToolTipRole:
        return toolTip(cron, index.column());
    case SortRole:
        return sortData(cron, index.column());
    case CronIdRole:
        return cron.cronId;
    case FilterRole:
        return displayData(cron, index.column()).toString();
    case Qt::TextAlignmentRole:
        if (index.column() == EnabledColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QString CronTableModel::assistantLabel(const QString &assistantId) const
{
    const auto it = m_assistants.constFind(assistantId);
    if (it == m_assistants.cend())
        return shortId(assistantId);
    if (it->name.isEmpty() || it->name == it->graphId)
        return it->graphId;
    return u"%1 (%2)"_s.arg(it->name, it->graphId);
}

QVariant CronTableModel::displayData(const api::Cron &cron, int column) const
{
    switch (column) {
    case CronIdColumn:
        return shortId(cron.cronId);
    case AssistantColumn:
        return assistantLabel(cron.assistantId);
    case ThreadColumn:
        return cron.isStateless() ? tr("stateless") : shortId(cron.threadId);
    case ScheduleColumn:
        return cron.schedule;
    case TimezoneColumn:
        return cron.timezone.isEmpty() ? tr("UTC") : cron.timezone;
    case NextRunColumn:
        if (!cron.nextRunDate.isValid())
            return tr("—");
        return QString(formatInstant(cron.nextRunDate, cron.timezone) + u"  "_s
                       + relativeTime(cron.nextRunDate,
                                      m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()));
    case EnabledColumn:
        return cron.enabled ? tr("Yes") : tr("Paused");
    case EndTimeColumn:
        return cron.endTime.isValid() ? formatInstant(cron.endTime, cron.timezone) : QString();
    default:
        return {};
    }
}

QVariant CronTableModel::sortData(const api::Cron &cron, int column) const
{
    switch (column) {
    case NextRunColumn:
        return cron.nextRunDate;
    case EndTimeColumn:
        return cron.endTime;
    case EnabledColumn:
        return cron.enabled;
    case CronIdColumn:
        return cron.cronId;
    default:
        return displayData(cron, column);
    }
}

QString CronTableModel::toolTip(const api::Cron &cron, int column) const
{
    switch (column) {
    case CronIdColumn:
        return cron.cronId;
    case AssistantColumn:
        return cron.assistantId;
    case ThreadColumn:
        return cron.isStateless() ? tr("A new thread for every run") : cron.threadId;
    case NextRunColumn:
        return cron.nextRunDate.isValid()
            ? tr("%1 in your time zone\n%2 UTC")
                  .arg(formatInstant(cron.nextRunDate, QString(), FormatZone::Local),
                       cron.nextRunDate.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s))
            : tr("The server reported no next run");
    default:
        return {};
    }
}

void CronTableModel::rebuildIndex(int fromRow)
{
    if (fromRow == 0)
        m_rowById.clear();
    for (int row = fromRow; row < m_crons.size(); ++row)
        m_rowById.insert(m_crons.at(row).cronId, row);
}

void CronTableModel::upsertCrons(const QList<api::Cron> &crons)
{
    QList<api::Cron> fresh;
    for (const api::Cron &cron : crons) {
        const int row = rowOf(cron.cronId);
        if (row < 0) {
            fresh.append(cron);
        } else if (!(m_crons.at(row) == cron)) {
            m_crons[row] = cron;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_crons.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_crons.append(fresh);
    rebuildIndex(first);
    endInsertRows();
}

void CronTableModel::mergeCrons(const QList<api::Cron> &crons)
{
    QSet<QString> wanted;
    wanted.reserve(crons.size());
    for (const api::Cron &cron : crons)
        wanted.insert(cron.cronId);

    // Remove vanished rows bottom-up in contiguous runs, so each removal is one signal.
    int row = int(m_crons.size()) - 1;
    while (row >= 0) {
        if (wanted.contains(m_crons.at(row).cronId)) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && !wanted.contains(m_crons.at(row).cronId))
            --row;
        beginRemoveRows({}, row + 1, last);
        m_crons.remove(row + 1, last - row);
        endRemoveRows();
    }
    rebuildIndex();
    upsertCrons(crons);
}

void CronTableModel::removeCron(const QString &cronId)
{
    const int row = rowOf(cronId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_crons.removeAt(row);
    m_rowById.remove(cronId);
    rebuildIndex(row);
    endRemoveRows();
}

void CronTableModel::clear()
{
    if (m_crons.isEmpty())
        return;
    beginResetModel();
    m_crons.clear();
    m_rowById.clear();
    endResetModel();
}

void CronTableModel::setAssistants(const QList<api::Assistant> &assistants)
{
    m_assistants.clear();
    for (const api::Assistant &assistant : assistants)
        m_assistants.insert(assistant.assistantId, assistant);
    if (!m_crons.isEmpty())
        Q_EMIT dataChanged(index(0, AssistantColumn), index(rowCount() - 1, AssistantColumn));
}

void CronTableModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_crons.isEmpty())
        Q_EMIT dataChanged(index(0, NextRunColumn), index(rowCount() - 1, NextRunColumn));
}

} // namespace crondesk::models
