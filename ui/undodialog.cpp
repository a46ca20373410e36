#include "undodialog.h"

#include "reviewtable.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

UndoDialog::UndoDialog(const models::UndoPlan &plan, const models::MutationDecision &decision,
                       const QString &where, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    setObjectName(u"undoDialog"_s);
    const bool restore = plan.step == models::UndoPlan::Step::Recreate
        || (!plan.isPossible() && plan.entryAction == "delete"_L1);
    const bool possible = plan.isPossible() && !decision.isRefused();
    if (possible)
        setWindowTitle(restore ? tr("Restore Cron") : tr("Undo Change"));
    else
        setWindowTitle(restore ? tr("Restore Not Possible") : tr("Undo Not Possible"));

    m_summary->setObjectName(u"undoSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    QString summary = plan.summary();
    if (plan.isPossible())
        summary = tr("%1 This is sent to %2.").arg(summary, where);
    if (plan.isPossible() && decision.isRefused())
        summary = decision.reason;
    m_summary->setText(summary);

    m_table->setObjectName(u"undoTable"_s);
    setUpReviewTable(m_table);
    if (plan.isPossible()) {
        m_table->setAccessibleName(tr("Fields the undo sets"));
        m_table->setColumnCount(3);
        m_table->setHorizontalHeaderLabels({tr("Field"), tr("Now"), tr("After the undo")});
        m_table->setRowCount(int(plan.changes.size()));
        for (int row = 0; row < plan.changes.size(); ++row) {
            const models::UndoFieldChange &change = plan.changes.at(row);
            auto *field = new QTableWidgetItem(change.field);
            QFont bold = field->font();
            bold.setBold(true);
            field->setFont(bold);
            m_table->setItem(row, 0, field);
            QTableWidgetItem *now = reviewValueItem(change.now);
            now->setForeground(QColor(0xa0, 0x20, 0x20));
            QTableWidgetItem *after = reviewValueItem(change.restored);
            after->setForeground(QColor(0x1a, 0x70, 0x2a));
            m_table->setItem(row, 1, now);
            m_table->setItem(row, 2, after);
        }
        m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
        m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    } else {
        // The refusal's diff: what the entry set and what the cron has now, field by field.
        m_table->setAccessibleName(tr("What changed since"));
        m_table->setColumnCount(1);
        m_table->setHorizontalHeaderLabels({tr("Changed since")});
        m_table->setRowCount(int(plan.conflicts.size()));
        for (int row = 0; row < plan.conflicts.size(); ++row)
            m_table->setItem(row, 0, reviewValueItem(plan.conflicts.at(row)));
        m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        m_table->setVisible(!plan.conflicts.isEmpty());
    }
    m_table->setCurrentCell(-1, -1);
    keepReviewTableFitted(m_table, 320);

    auto *notes = new QLabel(plan.notes.join(u'\n'), this);
    notes->setObjectName(u"undoNotes"_s);
    notes->setWordWrap(true);
    notes->setTextFormat(Qt::PlainText);
    notes->setVisible(!plan.notes.isEmpty());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(notes);

    auto *buttons = new QDialogButtonBox(this);
    if (possible) {
        m_confirm = buttons->addButton(restore ? tr("&Restore") : tr("&Undo"),
                                       QDialogButtonBox::AcceptRole);
        m_confirm->setObjectName(u"confirmUndoButton"_s);
        QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
        if (decision.needsTypedConfirmation()) {
            auto *reason = new QLabel(decision.reason, this);
            reason->setWordWrap(true);
            auto *label = new QLabel(
                tr("Type the profile name “%1” to confirm:").arg(decision.confirmationPhrase),
                this);
            m_phrase = new QLineEdit(this);
            m_phrase->setObjectName(u"undoPhraseEdit"_s);
            m_phrase->setAccessibleName(tr("Profile name to confirm"));
            label->setBuddy(m_phrase);
            layout->addWidget(reason);
            layout->addWidget(label);
            layout->addWidget(m_phrase);
            m_confirm->setEnabled(false);
            cancel->setDefault(true);
            connect(m_phrase, &QLineEdit::textChanged, this,
                    [this, phrase = decision.confirmationPhrase](const QString &typed) {
                        const bool matches = models::typedConfirmationMatches(typed, phrase);
                        m_confirm->setEnabled(matches);
                        m_confirm->setDefault(matches);
                    });
            m_phrase->setFocus();
        } else {
            // Nothing is changed by pressing Enter: the default is Cancel.
            cancel->setDefault(true);
            cancel->setFocus();
        }
    } else {
        buttons->addButton(QDialogButtonBox::Close);
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(720, sizeHint().height());
}

UndoDialog::~UndoDialog() = default;

} // namespace crondesk::ui
