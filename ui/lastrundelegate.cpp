#include "lastrundelegate.h"

#include <models/inventory/crontablemodel.h>

#include <array>

namespace crondesk::ui {

LastRunDelegate::~LastRunDelegate() = default;

std::optional<HealthLevel> LastRunDelegate::levelOf(QStringView status)
{
    if (status == u"success")
        return HealthLevel::Healthy;
    if (status == u"error" || status == u"timeout")
        return HealthLevel::Problem;
    if (status == u"pending" || status == u"running")
        return HealthLevel::Checking;
    if (status == u"interrupted")
        return HealthLevel::Inactive;
    return std::nullopt;
}

void LastRunDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const std::optional<HealthLevel> level
        = levelOf(index.data(models::CronTableModel::LastRunStatusRole).toString());
    if (!level)
        return;
    // Made once: the column is painted for every row on screen at every repaint.
    static const std::array<QIcon, 6> icons {
        healthIcon(HealthLevel::Healthy),  healthIcon(HealthLevel::Checking),
        healthIcon(HealthLevel::Inactive), healthIcon(HealthLevel::Ended),
        healthIcon(HealthLevel::Warning),  healthIcon(HealthLevel::Problem)};
    option->icon = icons.at(std::size_t(*level));
    option->features |= QStyleOptionViewItem::HasDecoration;
    const int side = option->fontMetrics.height();
    option->decorationSize = QSize(side, side);
}

} // namespace crondesk::ui
