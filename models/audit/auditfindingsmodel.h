#pragma once

#include <models/audit/auditengine.h>

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <optional>

namespace crondesk::models {

// The findings of one audit as the Audit view lists them: a row per rule that found something
// (highest severity first, then in rule order), with its findings as child rows.
class AuditFindingsModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditFindingsModel)

public:
    enum Column {
        FindingColumn,
        SeverityColumn,
        CountColumn,
        AcknowledgedColumn,
        MessageColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RuleRole = Qt::UserRole + 1, // AuditRule as int, on rule and finding rows
        SeverityRole, // AuditSeverity as int
        CronIdRole, // the finding's cron id; empty on rule rows and for bursts
        CronIdsRole, // QStringList: every cron the finding names (a burst names many)
        AcknowledgedRole, // bool; on a rule row, whether all its findings are
        IsRuleRole, // bool: a rule row
        FindingIndexRole, // index into result().findings; -1 on rule rows
    };
    Q_ENUM(Role)

    explicit AuditFindingsModel(QObject *parent = nullptr);
    ~AuditFindingsModel() override;

    void setResult(const AuditResult &result);
    void clear();
    const AuditResult &result() const { return m_result; }
    bool hasResult() const { return m_hasResult; }
    // The finding a row shows, or nullptr for a rule row or an invalid index.
    const AuditFinding *findingAt(const QModelIndex &index) const;
    // The row of a rule, invalid when it found nothing.
    QModelIndex ruleIndex(AuditRule rule) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Group
    {
        AuditRule rule;
        AuditSeverity severity;
        QList<int> findings; // indexes into m_result.findings
        int acknowledged = 0;
    };

    QVariant ruleData(const Group &group, int column, int role) const;
    QVariant findingData(int findingIndex, int column, int role) const;

    AuditResult m_result;
    bool m_hasResult = false;
    QList<Group> m_groups;
};

// Which findings the Audit view shows: one severity, one rule, acknowledged or not. A rule row
// stays while one of its findings passes, and its count says how many do.
class AuditFindingsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditFindingsFilterModel)

public:
    enum class Acknowledged { Any, Not, Only };

    explicit AuditFindingsFilterModel(QObject *parent = nullptr);
    ~AuditFindingsFilterModel() override;

    void setSeverity(std::optional<AuditSeverity> severity);
    void setRule(std::optional<AuditRule> rule);
    void setAcknowledged(Acknowledged acknowledged);
    std::optional<AuditSeverity> severity() const { return m_severity; }
    std::optional<AuditRule> rule() const { return m_rule; }
    Acknowledged acknowledged() const { return m_acknowledged; }
    // How many findings pass the filter.
    int visibleFindingCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    std::optional<AuditSeverity> m_severity;
    std::optional<AuditRule> m_rule;
    Acknowledged m_acknowledged = Acknowledged::Any;
};

} // namespace crondesk::models
