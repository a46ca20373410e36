#include "auditfindingsmodel.h"

#include <models/common/displayformat.h>

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// Rule rows carry no parent; a finding row carries its rule row's number plus one.
constexpr quintptr ruleRowId = 0;

QStringList cronIdsOf(const AuditFinding &finding)
{
    if (!finding.cronId.isEmpty())
        return {finding.cronId};
    QStringList ids;
    const QJsonArray named = finding.evidence.value("cron_ids"_L1).toArray();
    for (const QJsonValue &id : named)
        ids.append(id.toString());
    return ids;
}

} // namespace

AuditFindingsModel::AuditFindingsModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

AuditFindingsModel::~AuditFindingsModel() = default;

void AuditFindingsModel::setResult(const AuditResult &result)
{
    beginResetModel();
    m_result = result;
    m_hasResult = true;
    m_groups.clear();
    std::array<int, auditRuleCount> groupOf {};
    groupOf.fill(-1);
    for (int i = 0; i < int(m_result.findings.size()); ++i) {
        const AuditFinding &finding = m_result.findings.at(i);
        int &group = groupOf.at(int(finding.rule));
        if (group < 0) {
            group = int(m_groups.size());
            m_groups.append({finding.rule, finding.severity, {}, 0});
        }
        Group &into = m_groups[group];
        into.findings.append(i);
        into.severity = std::max(into.severity, finding.severity);
        if (finding.acknowledged)
            ++into.acknowledged;
    }
    // The most serious rules first; within a severity, the order the rules are documented in.
    std::stable_sort(m_groups.begin(), m_groups.end(), [](const Group &a, const Group &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.rule < b.rule;
    });
    endResetModel();
}

void AuditFindingsModel::clear()
{
    beginResetModel();
    m_result = {};
    m_hasResult = false;
    m_groups.clear();
    endResetModel();
}

const AuditFinding *AuditFindingsModel::findingAt(const QModelIndex &index) const
{
    const int finding = data(index, FindingIndexRole).toInt();
    if (!index.isValid() || finding < 0 || finding >= m_result.findings.size())
        return nullptr;
    return &m_result.findings.at(finding);
}

QModelIndex AuditFindingsModel::ruleIndex(AuditRule rule) const
{
    for (int row = 0; row < m_groups.size(); ++row) {
        if (m_groups.at(row).rule == rule)
            return index(row, 0);
    }
    return {};
}

QModelIndex AuditFindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, ruleRowId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex AuditFindingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == ruleRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, ruleRowId);
}

int AuditFindingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != ruleRowId)
        return 0;
    return int(m_groups.at(parent.row()).findings.size());
}

int AuditFindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant AuditFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == ruleRowId)
        return ruleData(m_groups.at(index.row()), index.column(), role);
    const Group &group = m_groups.at(int(index.internalId() - 1));
    return findingData(group.findings.at(index.row()), index.column(), role);
}

QVariant AuditFindingsModel::ruleData(const Group &group, int column, int role) const
{
    switch (role) {
    case RuleRole:
        return int(group.rule);
    case SeverityRole:
        return int(group.severity);
    case AcknowledgedRole:
        return group.acknowledged == group.findings.size();
    case IsRuleRole:
        return true;
    case FindingIndexRole:
        return -1;
    case CronIdRole:
        return QString();
    case CronIdsRole:
        return QStringList();
    case Qt::ToolTipRole:
        return ruleExplanation(group.rule);
    case Qt::AccessibleTextRole:
        if (column == FindingColumn)
            return tr("%1, %2, %n finding(s)", "", int(group.findings.size()))
                .arg(ruleTitle(group.rule), severityTitle(group.severity));
        break;
    case Qt::TextAlignmentRole:
        if (column == CountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::DisplayRole:
        switch (column) {
        case FindingColumn:
            return u"%1 (%2)"_s.arg(ruleTitle(group.rule), ruleId(group.rule));
        case SeverityColumn:
            return severityTitle(group.severity);
        case CountColumn:
            return int(group.findings.size());
        case AcknowledgedColumn:
            return group.acknowledged > 0 ? tr("%n acknowledged", "", group.acknowledged)
                                          : QString();
        case MessageColumn:
            return ruleExplanation(group.rule);
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AuditFindingsModel::findingData(int findingIndex, int column, int role) const
{
    const AuditFinding &finding = m_result.findings.at(findingIndex);
    switch (role) {
    case RuleRole:
        return int(finding.rule);
    case SeverityRole:
        return int(finding.severity);
    case AcknowledgedRole:
        return finding.acknowledged;
    case IsRuleRole:
        return false;
    case FindingIndexRole:
        return findingIndex;
    case CronIdRole:
        return finding.cronId;
    case CronIdsRole:
        return cronIdsOf(finding);
    case Qt::ToolTipRole:
        if (column == AcknowledgedColumn && finding.acknowledged)
            return finding.acknowledgementReason;
        return finding.suggestion.isEmpty()
            ? finding.message
            : tr("%1\nSuggestion: %2").arg(finding.message, finding.suggestion);
    case Qt::DisplayRole:
        switch (column) {
        case FindingColumn:
            return finding.cronId.isEmpty() ? tr("Several crons") : finding.cronId;
        case SeverityColumn:
            return severityTitle(finding.severity);
        case AcknowledgedColumn:
            if (!finding.acknowledged)
                return QString();
            return tr("Until %1").arg(formatInstant(finding.acknowledgedUntil, QString()));
        case MessageColumn:
            return finding.message;
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AuditFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FindingColumn:
        return tr("Rule / cron");
    case SeverityColumn:
        return tr("Severity");
    case CountColumn:
        return tr("Findings");
    case AcknowledgedColumn:
        return tr("Acknowledged");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

AuditFindingsFilterModel::AuditFindingsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A rule row is shown for the sake of its findings that pass, never on its own.
    setRecursiveFilteringEnabled(true);
}

AuditFindingsFilterModel::~AuditFindingsFilterModel() = default;

void AuditFindingsFilterModel::setSeverity(std::optional<AuditSeverity> severity)
{
    if (m_severity == severity)
        return;
    m_severity = severity;
    refilter();
}

void AuditFindingsFilterModel::setRule(std::optional<AuditRule> rule)
{
    if (m_rule == rule)
        return;
    m_rule = rule;
    refilter();
}

void AuditFindingsFilterModel::setAcknowledged(Acknowledged acknowledged)
{
    if (m_acknowledged == acknowledged)
        return;
    m_acknowledged = acknowledged;
    refilter();
}

void AuditFindingsFilterModel::refilter()
{
    invalidateFilter();
}

int AuditFindingsFilterModel::visibleFindingCount() const
{
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += rowCount(index(row, 0));
    return count;
}

QVariant AuditFindingsFilterModel::data(const QModelIndex &index, int role) const
{
    // A rule row counts the findings that pass the filter, not all of them.
    if (index.isValid() && !index.parent().isValid()
        && index.column() == AuditFindingsModel::CountColumn && role == Qt::DisplayRole)
        return rowCount(index.siblingAtColumn(0));
    if (index.isValid() && !index.parent().isValid() && role == Qt::AccessibleTextRole
        && index.column() == AuditFindingsModel::FindingColumn) {
        const auto rule = AuditRule(index.data(AuditFindingsModel::RuleRole).toInt());
        const auto severity = AuditSeverity(index.data(AuditFindingsModel::SeverityRole).toInt());
        return tr("%1, %2, %n finding(s)", "", rowCount(index))
            .arg(ruleTitle(rule), severityTitle(severity));
    }
    return QSortFilterProxyModel::data(index, role);
}

bool AuditFindingsFilterModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (!sourceParent.isValid())
        return false;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_severity
        && AuditSeverity(row.data(AuditFindingsModel::SeverityRole).toInt()) != *m_severity)
        return false;
    if (m_rule && AuditRule(row.data(AuditFindingsModel::RuleRole).toInt()) != *m_rule)
        return false;
    const bool acknowledged = row.data(AuditFindingsModel::AcknowledgedRole).toBool();
    switch (m_acknowledged) {
    case Acknowledged::Any:
        return true;
    case Acknowledged::Not:
        return !acknowledged;
    case Acknowledged::Only:
        return acknowledged;
    }
    return true;
}

} // namespace crondesk::models
