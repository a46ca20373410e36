#include "heatmapwidget.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int margin = 6;
constexpr int legendBarWidth = 240;
constexpr int legendBarHeight = 10;
const QColor peakColor(0xd6, 0x27, 0x28);

QColor cellColor(const models::HeatmapGrid &grid, const models::HeatmapGrid::Cell &cell)
{
    if (cell.count == 0)
        return QColor::fromRgb(models::heatmapEmptyColor());
    return QColor::fromRgb(models::heatmapColor(models::heatmapFraction(grid, cell.count)));
}

} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

HeatmapWidget::~HeatmapWidget() = default;

void HeatmapWidget::setGrid(const models::HeatmapGrid &grid)
{
    const bool sameShape = grid.rows == m_grid.rows && grid.columns == m_grid.columns
        && grid.layout == m_grid.layout;
    m_grid = grid;
    m_hover = -1;
    const int count = int(m_grid.cells.size());
    if (!sameShape || !m_chosen || m_current >= count) {
        // Until the operator picks a cell, the busiest one, the one worth looking at first.
        m_current = m_grid.peaks.isEmpty() ? (count > 0 ? 0 : -1) : m_grid.peaks.first();
        Q_EMIT currentCellChanged(m_current);
    }
    updateAccessibleDescription();
    // No taller than the tallest cells need: the room below is the strips'.
    const int line = fontMetrics().height();
    setMaximumHeight(std::max(minimumSizeHint().height(),
                              margin * 2 + line + 4 + std::max(m_grid.rows, 1) * 30
                                  + legendBarHeight + 2 * line + 24));
    updateGeometry();
    update();
}

void HeatmapWidget::setCurrentCell(int index)
{
    if (index < -1 || index >= m_grid.cells.size() || index == m_current)
        return;
    m_current = index;
    updateAccessibleDescription();
    update();
    Q_EMIT currentCellChanged(index);
}

void HeatmapWidget::setScaleCaption(const QString &caption)
{
    m_scaleCaption = caption;
    update();
}

int HeatmapWidget::rowLabelWidth() const
{
    int width = 0;
    for (int row = 0; row < m_grid.rows; ++row)
        width = std::max(width, fontMetrics().horizontalAdvance(m_grid.rowLabel(row)));
    return width;
}

HeatmapWidget::Geometry HeatmapWidget::geometry() const
{
    Geometry g;
    const int line = fontMetrics().height();
    g.left = margin + rowLabelWidth() + 8;
    g.top = margin + line + 4;
    const int legendHeight = legendBarHeight + 2 * line + 14;
    if (m_grid.columns > 0)
        g.cellWidth = std::max(6, (width() - g.left - margin) / m_grid.columns);
    if (m_grid.rows > 0)
        g.cellHeight = std::clamp((height() - g.top - legendHeight - margin) / m_grid.rows, 8, 30);
    g.legendTop = g.top + g.cellHeight * m_grid.rows + 10;
    return g;
}

QRect HeatmapWidget::cellRect(int index) const
{
    if (index < 0 || index >= m_grid.cells.size())
        return {};
    const Geometry g = geometry();
    return QRect(g.left + m_grid.columnOf(index) * g.cellWidth,
                 g.top + m_grid.rowOf(index) * g.cellHeight, g.cellWidth, g.cellHeight);
}

int HeatmapWidget::cellAt(const QPoint &point) const
{
    const Geometry g = geometry();
    if (g.cellWidth <= 0 || g.cellHeight <= 0 || point.x() < g.left || point.y() < g.top)
        return -1;
    const int column = (point.x() - g.left) / g.cellWidth;
    const int row = (point.y() - g.top) / g.cellHeight;
    if (column >= m_grid.columns || row >= m_grid.rows)
        return -1;
    return row * m_grid.columns + column;
}

QSize HeatmapWidget::sizeHint() const
{
    const int line = fontMetrics().height();
    const int columns = std::max(m_grid.columns, 24);
    const int rows = std::max(m_grid.rows, 7);
    const int cell = m_grid.layout == models::HeatmapGrid::Layout::DaysByHours ? 26 : 12;
    return QSize(margin * 2 + rowLabelWidth() + 8 + columns * cell,
                 margin * 2 + line + 4
                     + rows * (m_grid.layout == models::HeatmapGrid::Layout::DaysByHours ? 22 : 12)
                     + legendBarHeight + 2 * line + 24);
}

QSize HeatmapWidget::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return QSize(margin * 2 + rowLabelWidth() + 8 + std::max(m_grid.columns, 24) * 6,
                 margin * 2 + line * 3 + std::max(m_grid.rows, 7) * 8 + legendBarHeight + 24);
}

QString HeatmapWidget::defaultToolTip(int index) const
{
    const models::HeatmapGrid::Cell &cell = m_grid.cells.at(index);
    if (cell.kind == models::HeatmapGrid::CellKind::Skipped)
        return tr("%1: the clocks skip this time.").arg(m_grid.cellLabel(index));
    if (cell.kind == models::HeatmapGrid::CellKind::OutsideWindow)
        return tr("Outside the window.");
    return tr("%1: %2.").arg(m_grid.cellLabel(index), models::fireCountText(cell.count));
}

void HeatmapWidget::updateAccessibleDescription()
{
    if (m_current < 0) {
        setAccessibleDescription(tr("No cells."));
        return;
    }
    QString text = defaultToolTip(m_current);
    const qsizetype peak = m_grid.peaks.indexOf(m_current);
    if (peak >= 0)
        text += u' ' + tr("Peak %1.").arg(peak + 1);
    setAccessibleDescription(text);
}

bool HeatmapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = cellAt(help->pos());
        if (index < 0
            || m_grid.cells.at(index).kind == models::HeatmapGrid::CellKind::OutsideWindow) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const QString text = m_toolTip ? m_toolTip(index) : defaultToolTip(index).toHtmlEscaped();
        QToolTip::showText(help->globalPos(), text, this, cellRect(index));
        return true;
    }
    return QWidget::event(event);
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &palette = this->palette();
    if (m_grid.rows == 0 || m_grid.columns == 0) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Nothing to show yet."));
        return;
    }
    const Geometry g = geometry();
    const QFontMetrics metrics = fontMetrics();
    const bool days = m_grid.layout == models::HeatmapGrid::Layout::DaysByHours;

    // Column labels: as many as fit without touching.
    painter.setPen(palette.color(QPalette::WindowText));
    const int labelWidth = metrics.horizontalAdvance(days ? u"00"_s : u":00"_s) + 6;
    int every = 1;
    for (const int step : days ? QList<int> {1, 2, 3, 6} : QList<int> {1, 5, 10, 15, 30}) {
        every = step;
        if (step * g.cellWidth >= labelWidth)
            break;
    }
    for (int column = 0; column < m_grid.columns; column += every) {
        const QRect box(g.left + column * g.cellWidth - 10, margin, g.cellWidth + 20,
                        metrics.height());
        painter.drawText(box, Qt::AlignHCenter | Qt::AlignBottom, m_grid.columnLabel(column));
    }
    // Row labels.
    for (int row = 0; row < m_grid.rows; ++row) {
        const QRect box(margin, g.top + row * g.cellHeight, g.left - margin - 8, g.cellHeight);
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, m_grid.rowLabel(row));
    }

    // Cells.
    const QColor gridLine = palette.color(QPalette::Base);
    for (int index = 0; index < m_grid.cells.size(); ++index) {
        const models::HeatmapGrid::Cell &cell = m_grid.cells.at(index);
        const QRect box = cellRect(index).adjusted(0, 0, -1, -1);
        switch (cell.kind) {
        case models::HeatmapGrid::CellKind::OutsideWindow: {
            QColor faint = palette.color(QPalette::Mid);
            faint.setAlpha(60);
            painter.setPen(faint);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box.adjusted(1, 1, -1, -1));
            break;
        }
        case models::HeatmapGrid::CellKind::Skipped:
            painter.setPen(Qt::NoPen);
            painter.setBrush(QBrush(palette.color(QPalette::Mid), Qt::BDiagPattern));
            painter.drawRect(box);
            break;
        case models::HeatmapGrid::CellKind::Counted:
            painter.setPen(Qt::NoPen);
            painter.setBrush(cellColor(m_grid, cell));
            painter.drawRect(box);
            break;
        }
    }
    painter.setPen(gridLine);

    // The busiest cells, outlined and numbered.
    QFont bold = font();
    bold.setBold(true);
    for (qsizetype peak = 0; peak < m_grid.peaks.size(); ++peak) {
        const QRect box = cellRect(m_grid.peaks.at(peak)).adjusted(1, 1, -2, -2);
        painter.setPen(QPen(peakColor, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box);
        if (box.width() >= metrics.horizontalAdvance(u"0"_s) + 4
            && box.height() >= metrics.height()) {
            painter.setFont(bold);
            painter.setPen(Qt::white);
            painter.drawText(box.adjusted(1, 1, 1, 1), Qt::AlignCenter, QString::number(peak + 1));
            painter.setPen(Qt::black);
            painter.drawText(box, Qt::AlignCenter, QString::number(peak + 1));
            painter.setFont(font());
        }
    }
    // Hover and the current cell.
    if (m_hover >= 0 && m_hover != m_current) {
        painter.setPen(QPen(palette.color(QPalette::WindowText), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(m_hover).adjusted(0, 0, -1, -1));
    }
    if (m_current >= 0) {
        painter.setPen(QPen(palette.color(QPalette::Highlight), hasFocus() ? 3 : 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(m_current).adjusted(1, 1, -2, -2));
    }

    // The colour scale: from the fewest fires (1) to the most, and the colour of none.
    const int barWidth = std::min(legendBarWidth, std::max(60, width() - g.left - 140));
    const QRect bar(g.left, g.legendTop, barWidth, legendBarHeight);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int stop = 0; stop <= 8; ++stop)
        gradient.setColorAt(double(stop) / 8.0,
                            QColor::fromRgb(models::heatmapColor(double(stop) / 8.0)));
    painter.setPen(Qt::NoPen);
    painter.setBrush(gradient);
    painter.drawRect(bar);
    const QLocale locale;
    painter.setPen(palette.color(QPalette::WindowText));
    const int labelTop = bar.bottom() + 2;
    // The ends of the scale are the quietest and the busiest cell with fires.
    const qint64 minimum = m_grid.minimum;
    const qint64 maximum = m_grid.maximum;
    painter.drawText(QRect(bar.left() - 30, labelTop, 60, metrics.height()), Qt::AlignHCenter,
                     locale.toString(minimum));
    if (maximum - minimum > 2)
        painter.drawText(QRect(bar.center().x() - 40, labelTop, 80, metrics.height()),
                         Qt::AlignHCenter, locale.toString(minimum + (maximum - minimum + 1) / 2));
    if (maximum != minimum)
        painter.drawText(QRect(bar.right() - 40, labelTop, 80, metrics.height()), Qt::AlignHCenter,
                         locale.toString(maximum));
    const QRect none(bar.right() + 30, g.legendTop, legendBarHeight, legendBarHeight);
    painter.setBrush(QColor::fromRgb(models::heatmapEmptyColor()));
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawRect(none);
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(none.right() + 5, none.bottom() + 1, tr("none"));
    const int skippedLeft = none.right() + 12 + metrics.horizontalAdvance(tr("none"));
    const QRect skipped(skippedLeft, g.legendTop, legendBarHeight, legendBarHeight);
    painter.setBrush(QBrush(palette.color(QPalette::Mid), Qt::BDiagPattern));
    painter.drawRect(skipped);
    painter.drawText(skipped.right() + 5, skipped.bottom() + 1, tr("skipped by the clock"));
    if (!m_scaleCaption.isEmpty())
        painter.drawText(
            QRect(bar.left(), labelTop + metrics.height(), width() - bar.left(), metrics.height()),
            Qt::AlignLeft, m_scaleCaption);
}

void HeatmapWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_grid.cells.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int current = std::max(m_current, 0);
    int row = m_grid.rowOf(current);
    int column = m_grid.columnOf(current);
    switch (event->key()) {
    case Qt::Key_Left:
        column = std::max(0, column - 1);
        break;
    case Qt::Key_Right:
        column = std::min(m_grid.columns - 1, column + 1);
        break;
    case Qt::Key_Up:
        row = std::max(0, row - 1);
        break;
    case Qt::Key_Down:
        row = std::min(m_grid.rows - 1, row + 1);
        break;
    case Qt::Key_Home:
        column = 0;
        break;
    case Qt::Key_End:
        column = m_grid.columns - 1;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            Q_EMIT cellActivated(m_current);
        event->accept();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    m_chosen = true;
    setCurrentCell(row * m_grid.columns + column);
    event->accept();
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const int index = cellAt(event->position().toPoint());
    if (index != m_hover) {
        m_hover = index;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::mousePressEvent(QMouseEvent *event)
{
    const int index = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index >= 0
        && m_grid.cells.at(index).kind == models::HeatmapGrid::CellKind::Counted) {
        setFocus(Qt::MouseFocusReason);
        m_chosen = true;
        setCurrentCell(index);
        Q_EMIT cellActivated(index);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void HeatmapWidget::leaveEvent(QEvent *event)
{
    m_hover = -1;
    update();
    QWidget::leaveEvent(event);
}

void HeatmapWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateGeometry();
}

} // namespace crondesk::ui
