#include "diffconfirmationdialog.h"

#include "reviewtable.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

DiffConfirmationDialog::DiffConfirmationDialog(const QString &cronLabel, const QString &where,
                                               const QList<models::FieldChange> &changes,
                                               const QStringList &keptMetadataKeys, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(changes.size()), 3, this))
{
    setObjectName(u"diffConfirmation"_s);
    setWindowTitle(tr("Confirm Changes"));
    auto *intro = new QLabel(tr("Save these changes to cron %1 on %2? Only the fields listed are "
                                "sent; everything else stays as it is on the server.")
                                 .arg(cronLabel, where),
                             this);
    intro->setObjectName(u"diffIntro"_s);
    intro->setWordWrap(true);

    m_table->setObjectName(u"diffTable"_s);
    m_table->setAccessibleName(tr("Changes"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    setUpReviewTable(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    bool metadata = false;
    for (int row = 0; row < changes.size(); ++row) {
        const models::FieldChange &change = changes.at(row);
        const QString label = change.key.isEmpty()
            ? models::draftFieldLabel(change.field)
            : tr("%1 › %2").arg(models::draftFieldLabel(change.field), change.key);
        metadata = metadata || change.field == models::DraftField::Metadata;
        auto *field = new QTableWidgetItem(label);
        QFont bold = field->font();
        bold.setBold(true);
        field->setFont(bold);
        m_table->setItem(row, 0, field);
        QTableWidgetItem *before = reviewValueItem(change.before);
        before->setForeground(QColor(0xa0, 0x20, 0x20));
        QTableWidgetItem *after = reviewValueItem(change.after);
        after->setForeground(QColor(0x1a, 0x70, 0x2a));
        m_table->setItem(row, 1, before);
        m_table->setItem(row, 2, after);
    }
    m_table->setCurrentCell(-1, -1);

    // api-contract §2.4: PATCH merges metadata into what the cron has.
    QStringList note;
    if (metadata || !keptMetadataKeys.isEmpty())
        note << tr("The server merges metadata: each key listed is added or replaced, the others "
                   "stay as they are, and no key can be removed by an edit.");
    if (!keptMetadataKeys.isEmpty())
        note << tr("Taken out of the text, but kept on the server: %1.")
                    .arg(keptMetadataKeys.join(u", "_s));
    m_note = note.join(u' ');
    auto *noteLabel = new QLabel(m_note, this);
    noteLabel->setObjectName(u"diffNote"_s);
    noteLabel->setWordWrap(true);
    noteLabel->setVisible(!m_note.isEmpty());

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
    layout->addWidget(noteLabel);
    layout->addWidget(buttons);
    keepReviewTableFitted(m_table, 460);
    resize(760, minimumSizeHint().height());
}

DiffConfirmationDialog::~DiffConfirmationDialog() = default;

QString DiffConfirmationDialog::noteText() const
{
    return m_note;
}

} // namespace crondesk::ui
