#include "diffconfirmationdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

DiffConfirmationDialog::DiffConfirmationDialog(const QString &cronLabel,
                                               const QList<models::FieldChange> &changes,
                                               QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(changes.size()), 3, this))
{
    setObjectName(u"diffConfirmation"_s);
    setWindowTitle(tr("Confirm changes"));
    auto *intro = new QLabel(tr("Save these changes to cron %1? Only the fields listed are sent; "
                                "everything else stays as it is on the server.")
                                 .arg(cronLabel),
                             this);
    intro->setWordWrap(true);

    m_table->setObjectName(u"diffTable"_s);
    m_table->setAccessibleName(tr("Changes"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // One line per field, so the table's height is known before it is shown; long values are
    // elided and shown whole in their tooltips.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    for (int row = 0; row < changes.size(); ++row) {
        const models::FieldChange &change = changes.at(row);
        auto *field = new QTableWidgetItem(models::draftFieldLabel(change.field));
        QFont bold = field->font();
        bold.setBold(true);
        field->setFont(bold);
        auto *before = new QTableWidgetItem(change.before);
        before->setToolTip(change.before);
        before->setForeground(QColor(0xa0, 0x20, 0x20));
        auto *after = new QTableWidgetItem(change.after);
        after->setToolTip(change.after);
        after->setForeground(QColor(0x1a, 0x70, 0x2a));
        m_table->setItem(row, 0, field);
        m_table->setItem(row, 1, before);
        m_table->setItem(row, 2, after);
    }
    m_table->resizeRowsToContents();
    m_table->setCurrentCell(-1, -1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("&Save changes"), QDialogButtonBox::AcceptRole);
    save->setObjectName(u"confirmSaveButton"_s);
    save->setDefault(true);
    save->setFocus();
    QPushButton *back = buttons->addButton(tr("&Back to editing"), QDialogButtonBox::RejectRole);
    back->setObjectName(u"backButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    // Tall enough for every row up to a dozen, then it scrolls.
    int rowsHeight = 0;
    for (int row = 0; row < std::min(m_table->rowCount(), 12); ++row)
        rowsHeight += m_table->rowHeight(row);
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height() + rowsHeight
        + 2 * m_table->frameWidth() + 2;
    m_table->setMinimumHeight(tableHeight);
    if (m_table->rowCount() <= 12)
        m_table->setMaximumHeight(tableHeight);
    resize(720, sizeHint().height());
}

DiffConfirmationDialog::~DiffConfirmationDialog() = default;

} // namespace crondesk::ui
