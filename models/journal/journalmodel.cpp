#include "journalmodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace crondesk::models {

JournalModel::JournalModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

JournalModel::~JournalModel() = default;

void JournalModel::setEntries(const QList<JournalEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    rebuildVisible();
    endResetModel();
}

void JournalModel::appendEntry(const JournalEntry &entry)
{
    m_entries.append(entry);
    if (!m_filter.matches(entry))
        return;
    // Newest first: a new entry goes on top.
    beginInsertRows({}, 0, 0);
    m_visible.prepend(m_entries.size() - 1);
    endInsertRows();
}

void JournalModel::setFilter(const JournalFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    rebuildVisible();
    endResetModel();
}

void JournalModel::rebuildVisible()
{
    m_visible.clear();
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        if (m_filter.matches(m_entries.at(i)))
            m_visible.append(i);
    }
}

const JournalEntry &JournalModel::entryAt(int row) const
{
    return m_entries.at(m_visible.at(row));
}

QList<JournalEntry> JournalModel::visibleEntries() const
{
    QList<JournalEntry> entries;
    entries.reserve(m_visible.size());
    for (auto it = m_visible.crbegin(); it != m_visible.crend(); ++it)
        entries.append(m_entries.at(*it));
    return entries;
}

QStringList JournalModel::profiles() const
{
    QStringList names;
    for (const JournalEntry &entry : m_entries) {
        if (!entry.profile.isEmpty() && !names.contains(entry.profile))
            names.append(entry.profile);
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

QStringList JournalModel::actions() const
{
    QStringList names;
    for (const JournalEntry &entry : m_entries) {
        if (!names.contains(entry.action))
            names.append(entry.action);
    }
    names.sort();
    return names;
}

int JournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JournalEntry &entry = entryAt(index.row());
    if (role == EntryIndexRole)
        return qlonglong(m_visible.at(index.row()));
    if (role == SortRole && index.column() == TimeColumn)
        return entry.time;
    if (role == Qt::ToolTipRole) {
        if (index.column() == ResultColumn && !entry.serverMessage.isEmpty())
            return entry.serverMessage;
        if (index.column() == CronColumn)
            return entry.cronId;
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case TimeColumn:
        return QLocale().toString(entry.time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
    case ActionColumn:
        return entry.action;
    case CronColumn:
        return entry.cronId;
    case ProfileColumn:
        return entry.profile.isEmpty() ? tr("(no profile)") : entry.profile;
    case OperatorColumn:
        return entry.operatorName;
    case ResultColumn:
        if (entry.succeeded)
            return entry.httpStatus > 0 ? tr("OK (%1)").arg(entry.httpStatus) : tr("OK");
        return entry.httpStatus > 0 ? tr("Failed (%1)").arg(entry.httpStatus) : tr("Failed");
    case ClientColumn:
        return entry.client;
    case UrlColumn:
        return entry.url;
    case IdColumn:
        return entry.effectiveId();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case CronColumn:
        return tr("Cron");
    case ProfileColumn:
        return tr("Profile");
    case OperatorColumn:
        return tr("Operator");
    case ResultColumn:
        return tr("Result");
    case ClientColumn:
        return tr("Client");
    case UrlColumn:
        return tr("URL");
    case IdColumn:
        return tr("Entry");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace crondesk::models
