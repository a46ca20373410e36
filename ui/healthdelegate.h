#pragma once

#include <QStyledItemDelegate>

namespace crondesk::ui {

// Paints the health column as a coloured badge from the model's HealthRole; the tooltip (from the
// model) says what each flag means.
class HealthDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~HealthDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace crondesk::ui
