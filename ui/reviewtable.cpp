#include "reviewtable.h"

#include <QHeaderView>
#include <QLayout>
#include <QTableWidget>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// Enough to recognise a value; a whole payload belongs in the tooltip, not in a row of a table.
constexpr qsizetype maxCellText = 400;
constexpr qsizetype maxToolTip = 4000;

QString cutAtEnd(const QString &text, qsizetype length)
{
    return text.size() > length ? text.left(length) + u'…' : text;
}

} // namespace

void setUpReviewTable(QTableWidget *table)
{
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(true);
    table->setTextElideMode(Qt::ElideRight);
    table->verticalHeader()->hide();
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().lineSpacing() + 6);
}

QTableWidgetItem *reviewValueItem(const QString &text)
{
    auto *item = new QTableWidgetItem(cutAtEnd(text, maxCellText));
    item->setToolTip(cutAtEnd(text, maxToolTip));
    return item;
}

namespace {

void fitReviewTable(QTableWidget *table, int maxHeight)
{
    // Before the table is shown its columns have no width yet, and wrapping there would make
    // every row tall: count one line a row until then. The rows only grow once shown, and the
    // dialog grows with its layout's minimum size.
    if (table->isVisible())
        table->resizeRowsToContents();
    const QHeaderView *header = table->horizontalHeader();
    int height = 2 * table->frameWidth();
    if (!header->isHidden())
        height += header->sizeHint().height(); // its height may lag behind while laid out
    for (int row = 0; row < table->rowCount(); ++row) {
        height += table->isVisible() ? table->rowHeight(row)
                                     : table->verticalHeader()->defaultSectionSize();
    }
    table->setMinimumHeight(std::min(height, maxHeight));
    table->setMaximumHeight(height);
}

} // namespace

void keepReviewTableFitted(QTableWidget *table, int maxHeight)
{
    fitReviewTable(table, maxHeight);
    // Once all columns have their new widths: a resize emits once per column, and rows sized
    // in between would wrap for a width one of them no longer has.
    auto *later = new QTimer(table);
    later->setSingleShot(true);
    later->setInterval(0);
    QObject::connect(later, &QTimer::timeout, table, [table, maxHeight] {
        fitReviewTable(table, maxHeight);
        // A window does not grow to the height its wrapped labels and rows need at its width
        // by itself (its minimum size is for one line each), so it is asked to; never shrunk
        // below what the operator chose.
        QWidget *window = table->window();
        if (window->isVisible() && window->layout()) {
            window->layout()->activate();
            const int needed = window->heightForWidth(window->width());
            if (needed > window->height())
                window->resize(window->width(), needed);
        }
    });
    QObject::connect(table->horizontalHeader(), &QHeaderView::sectionResized, later,
                     qOverload<>(&QTimer::start));
}

} // namespace crondesk::ui
