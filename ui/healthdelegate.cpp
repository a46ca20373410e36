#include "healthdelegate.h"

#include "healthicons.h"

#include <models/inventory/crontablemodel.h>

#include <QApplication>
#include <QPainter>

namespace crondesk::ui {

HealthDelegate::~HealthDelegate() = default;

void HealthDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    // The background (selection, alternate rows) as any cell, then the badge on top.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const auto flags = models::HealthFlags(index.data(models::CronTableModel::HealthRole).toInt());
    const int size = std::min(option.rect.height() - 6, 16);
    QRect badge(0, 0, size, size);
    badge.moveCenter(option.rect.center());
    paintHealthBadge(painter, badge, healthLevel(flags));
}

} // namespace crondesk::ui
