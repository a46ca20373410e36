#pragma once

#include <QStyledItemDelegate>

namespace crondesk::ui {

// The inventory's default delegate while View ▸ Changes Since… is on: tints rows the model marks
// as added or changed (CronTableModel::ChangeSinceRole), draws a bar at the start of the cron id
// cell, and adds what changed to the cell's tooltip. It only displays what the model holds.
class ChangesSinceDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesSinceDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~ChangesSinceDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The mark of an added or changed row (ChangeSinceRole), for the banner's legend too.
    static QColor markColor(int changeSince);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace crondesk::ui
