#pragma once

#include <models/bulk/bulkapplier.h>
#include <models/bulk/bulkedit.h>
#include <models/connections/mutationpolicy.h>

#include <QAbstractTableModel>
#include <QList>

namespace crondesk::models {

// The preview of a bulk edit and then its result, one row per cron of the plan: a check box to
// leave a cron out (rows that are skipped have none and say why), the cron, its field-level
// before and after, the next run after the edit, and its state (will change, skipped and why,
// applied, failed and the server's reason, not sent).
class BulkPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkPreviewModel)

public:
    enum Column { CronColumn, ChangesColumn, NextRunColumn, StateColumn, ColumnCount };
    enum Role {
        CronIdRole = Qt::UserRole + 1,
        SkippedRole, // bool: the plan leaves it out
        ResultRole, // int BulkResult::Status, or -1 before it is sent
    };

    explicit BulkPreviewModel(QObject *parent = nullptr);
    ~BulkPreviewModel() override;

    // A new plan: every row that is not skipped starts ticked; earlier results are dropped.
    void setPlan(const BulkPlan &plan);
    const BulkPlan &plan() const { return m_plan; }

    // The rows to send: ticked and not skipped.
    QList<BulkRow> checkedRows() const;
    qsizetype checkedCount() const;
    void setAllChecked(bool checked);

    // The outcome of one cron (matched by id), shown in its state column.
    void setResult(const BulkResult &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void checkedCountChanged(qsizetype count);

private:
    QString changesText(const BulkRow &row) const;
    QString stateText(int row) const;

    BulkPlan m_plan;
    QList<bool> m_checked;
    QList<int> m_results; // BulkResult::Status, -1: not sent yet
    QList<QString> m_errors;
};

// The one confirmation before a bulk edit is sent: what changes, to how many crons, where, how
// it is undone. The policy (decideMutation with MutationKind::Update and the count) then says
// whether the same dialog asks for the profile name.
MutationRequest bulkEditRequest(const QList<BulkRow> &rows, const MutationTarget &target);

} // namespace crondesk::models
