#include "changessincedelegate.h"

#include <models/inventory/crontablemodel.h>

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace crondesk::ui {

namespace {

using ChangeSince = models::CronTableModel::ChangeSince;

int changeOf(const QModelIndex &index)
{
    return index.data(models::CronTableModel::ChangeSinceRole).toInt();
}

QColor blend(const QColor &base, const QColor &tint, qreal amount)
{
    return QColor::fromRgbF(base.redF() + (tint.redF() - base.redF()) * amount,
                            base.greenF() + (tint.greenF() - base.greenF()) * amount,
                            base.blueF() + (tint.blueF() - base.blueF()) * amount);
}

} // namespace

ChangesSinceDelegate::~ChangesSinceDelegate() = default;

QColor ChangesSinceDelegate::markColor(int changeSince)
{
    // Green for new, amber for changed: the colours diff tools use, readable on light and dark.
    return changeSince == int(ChangeSince::Added) ? QColor(0x2e, 0xa0, 0x43)
                                                  : QColor(0xd0, 0x8c, 0x00);
}

void ChangesSinceDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int change = changeOf(index);
    if (change == int(ChangeSince::None))
        return;
    // A light tint over the row's own background keeps alternate rows and the text readable.
    const QColor base = option->palette.color(option->features & QStyleOptionViewItem::Alternate
                                                  ? QPalette::AlternateBase
                                                  : QPalette::Base);
    option->backgroundBrush = blend(base, markColor(change), 0.22);
}

void ChangesSinceDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const int change = changeOf(index);
    if (change == int(ChangeSince::None) || index.column() != models::CronTableModel::CronIdColumn)
        return;
    // A solid bar where the eye starts reading a row: visible even on a selected row.
    const QRect bar(option.rect.left(), option.rect.top(), 4, option.rect.height());
    painter->fillRect(bar, markColor(change));
}

bool ChangesSinceDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QString change = index.data(models::CronTableModel::ChangeSinceTextRole).toString();
    if (!event || !view || event->type() != QEvent::ToolTip || change.isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString own = index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(event->globalPos(), own.isEmpty() ? change : own + u"\n\n" + change,
                       view->viewport(), option.rect);
    return true;
}

} // namespace crondesk::ui
