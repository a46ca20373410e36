#pragma once

#include <QString>

class QTableWidget;
class QTableWidgetItem;

namespace crondesk::ui {

// The tables of the review before a create and the diff before an edit share one look: values
// wrap at the column's width, what still does not fit (a long JSON value without spaces) is cut
// at its end, never in the middle, and the whole value is in the cell's tooltip.

// Sets `table` up that way, read-only, rows selectable, no vertical header.
void setUpReviewTable(QTableWidget *table);
// A cell for `text`: at most a few hundred characters shown, all of it in the tooltip.
QTableWidgetItem *reviewValueItem(const QString &text);
// Keeps the rows as tall as their wrapped text and the table as tall as its rows, up to
// `maxHeight` (then it scrolls), whenever the column widths change. Open the dialog at its
// minimum height: it grows with the table.
void keepReviewTableFitted(QTableWidget *table, int maxHeight);

} // namespace crondesk::ui
