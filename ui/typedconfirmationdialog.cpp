#include "typedconfirmationdialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The names the existing callers and tests know these questions by.
std::pair<QString, QString> objectNames(models::MutationKind kind)
{
    switch (kind) {
    case models::MutationKind::Delete:
        return {u"deleteConfirmation"_s, u"confirmDeleteButton"_s};
    case models::MutationKind::Pause:
    case models::MutationKind::Resume:
        return {u"enableConfirmation"_s, u"confirmEnableButton"_s};
    case models::MutationKind::Create:
    case models::MutationKind::Update:
    case models::MutationKind::Run:
        break;
    }
    return {u"mutationConfirmation"_s, u"confirmButton"_s};
}

} // namespace

TypedConfirmationDialog::TypedConfirmationDialog(const models::MutationRequest &request,
                                                 const models::MutationDecision &decision,
                                                 QWidget *parent)
    : QDialog(parent)
    , m_phrase(decision.confirmationPhrase)
    , m_edit(new QLineEdit(this))
    , m_confirm(new QPushButton(request.actionText, this))
{
    setObjectName(u"typedConfirmationDialog"_s);
    setWindowTitle(request.title.isEmpty() ? tr("Confirm on Production") : request.title);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    auto *question = wrappedLabel(request.question, this);
    question->setObjectName(u"questionLabel"_s);
    QFont bold = question->font();
    bold.setBold(true);
    question->setFont(bold);

    auto *details = wrappedLabel(request.details.join(u'\n'), this);
    details->setObjectName(u"detailsLabel"_s);
    details->setVisible(!request.details.isEmpty());

    auto *undo = wrappedLabel(request.undo, this);
    undo->setObjectName(u"undoLabel"_s);
    undo->setVisible(!request.undo.isEmpty());
    if (request.kind == models::MutationKind::Delete)
        undo->setFont(bold);

    auto *instruction = new QLabel(
        tr("To go ahead, type the profile name <b>%1</b>:").arg(m_phrase.toHtmlEscaped()), this);
    instruction->setObjectName(u"instructionLabel"_s);
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
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // Enter in the name field must not cancel either: the operator who typed the name and
    // pressed Enter means the action. Cancel is a click, Esc or a focused button away.
    m_cancel->setAutoDefault(false);

    auto *text = new QVBoxLayout;
    text->addWidget(question);
    text->addWidget(details);
    text->addWidget(undo);
    text->addSpacing(6);
    text->addWidget(instruction);
    text->addWidget(m_edit);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &typed) {
        const bool matches = models::typedConfirmationMatches(typed, m_phrase);
        m_confirm->setEnabled(matches);
        // The default button is what Enter in the field presses.
        m_confirm->setDefault(matches);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (models::typedConfirmationMatches(m_edit->text(), m_phrase))
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_edit->setFocus();
    resize(480, sizeHint().height());
}

TypedConfirmationDialog::~TypedConfirmationDialog() = default;

void confirmMutation(const models::MutationRequest &request,
                     const models::MutationDecision &decision, QWidget *parent,
                     const QObject *context, std::function<void()> proceed)
{
    switch (decision.verdict) {
    case models::MutationDecision::Verdict::Refused: {
        auto *box = new QMessageBox(
            QMessageBox::Warning,
            QCoreApplication::translate("TypedConfirmationDialog", "Change Not Allowed"),
            decision.reason, QMessageBox::Ok, parent);
        box->setObjectName(u"mutationRefused"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    case models::MutationDecision::Verdict::NeedsTypedConfirmation: {
        auto *dialog = new TypedConfirmationDialog(request, decision, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowModality(Qt::WindowModal);
        QObject::connect(dialog, &QDialog::accepted, context, std::move(proceed));
        dialog->open();
        return;
    }
    case models::MutationDecision::Verdict::Allowed:
        break;
    }
    const auto [boxName, buttonName] = objectNames(request.kind);
    auto *box = new QMessageBox(request.warning ? QMessageBox::Warning : QMessageBox::Question,
                                request.title, request.question, QMessageBox::Cancel, parent);
    box->setObjectName(boxName);
    QStringList informative = request.details;
    if (!request.undo.isEmpty())
        informative << QString() << request.undo;
    box->setInformativeText(informative.join(u'\n'));
    QPushButton *confirm = box->addButton(request.actionText, QMessageBox::AcceptRole);
    confirm->setObjectName(buttonName);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, context,
                     [box, confirm, proceed = std::move(proceed)] {
                         if (box->clickedButton() == confirm)
                             proceed();
                     });
    box->open();
}

} // namespace crondesk::ui
