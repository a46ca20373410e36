#include "typedconfirmationdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

TypedConfirmationDialog::TypedConfirmationDialog(const models::MutationDecision &decision,
                                                 const QString &actionText, QWidget *parent)
    : QDialog(parent)
    , m_phrase(decision.confirmationPhrase)
    , m_edit(new QLineEdit(this))
    , m_confirm(new QPushButton(actionText, this))
{
    setObjectName(u"typedConfirmationDialog"_s);
    setWindowTitle(tr("Confirm on production"));

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    auto *reason = new QLabel(decision.reason, this);
    reason->setWordWrap(true);
    QFont bold = reason->font();
    bold.setBold(true);
    reason->setFont(bold);

    auto *instruction
        = new QLabel(tr("This cannot be undone from Cron Desk. To go ahead, type the profile name "
                        "<b>%1</b> below.")
                         .arg(m_phrase.toHtmlEscaped()),
                     this);
    instruction->setWordWrap(true);
    instruction->setTextFormat(Qt::RichText);
    instruction->setBuddy(m_edit);

    m_edit->setObjectName(u"confirmationPhraseEdit"_s);
    m_edit->setAccessibleName(tr("Profile name to confirm"));
    m_edit->setPlaceholderText(m_phrase);
    m_edit->setClearButtonEnabled(true);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm->setObjectName(u"confirmButton"_s);
    m_confirm->setEnabled(false);
    m_confirm->setAutoDefault(false);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);

    auto *text = new QVBoxLayout;
    text->addWidget(reason);
    text->addWidget(instruction);
    text->addWidget(m_edit);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &typed) {
        m_confirm->setEnabled(models::typedConfirmationMatches(typed, m_phrase));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (models::typedConfirmationMatches(m_edit->text(), m_phrase))
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_edit->setFocus();
    resize(460, sizeHint().height());
}

TypedConfirmationDialog::~TypedConfirmationDialog() = default;

} // namespace crondesk::ui
