#pragma once

#include <models/timeline/heatmap.h>

#include <QWidget>

#include <functional>

namespace crondesk::ui {

// Draws a models::HeatmapGrid: one cell per hour of each day (or per minute of each hour),
// coloured by its fire count on the scale drawn under it, the busiest cells outlined and
// numbered. One cell is current: arrow keys move it, Enter (or a click) activates it. Hovering
// shows what the tool-tip provider says about a cell.
class HeatmapWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapWidget)

public:
    explicit HeatmapWidget(QWidget *parent = nullptr);
    ~HeatmapWidget() override;

    // Shows `grid`, keeping the current cell where it was when the grid has the same shape.
    void setGrid(const models::HeatmapGrid &grid);
    const models::HeatmapGrid &grid() const { return m_grid; }

    int currentCell() const { return m_current; }
    void setCurrentCell(int index);
    // Where a cell is drawn, and the cell at a point (-1 for none).
    QRect cellRect(int index) const;
    int cellAt(const QPoint &point) const;

    // What a tool-tip over a cell says (rich text); unset: the cell's span and count.
    using ToolTipProvider = std::function<QString(int index)>;
    void setToolTipProvider(ToolTipProvider provider) { m_toolTip = std::move(provider); }

    // A line for the colour scale, under it: "fires per hour (UTC)".
    void setScaleCaption(const QString &caption);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void currentCellChanged(int index);
    // Enter, Return or Space on the current cell, or a click on a cell.
    void cellActivated(int index);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Geometry
    {
        int left = 0; // x of the first column
        int top = 0; // y of the first row
        int cellWidth = 0;
        int cellHeight = 0;
        int legendTop = 0;
    };
    Geometry geometry() const;
    int rowLabelWidth() const;
    void updateAccessibleDescription();
    QString defaultToolTip(int index) const;

    models::HeatmapGrid m_grid;
    int m_current = -1;
    int m_hover = -1;
    bool m_chosen = false; // the operator moved to a cell: keep it across new grids
    ToolTipProvider m_toolTip;
    QString m_scaleCaption;
};

} // namespace crondesk::ui
