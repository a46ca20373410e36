#include "formdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

FormDialog::FormDialog(QWidget *parent)
    : GuardedDialog(parent)
    , m_form(new QWidget(this))
    , m_message(new QLabel(this))
    , m_progressLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_form->setObjectName(u"form"_s);
    m_message->setObjectName(u"formMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Form message"));
    m_message->hide();
    m_progressLabel->setObjectName(u"progressLabel"_s);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setRange(0, 0); // busy: how long the server takes is unknown
    m_progress->setMaximumWidth(160);
    m_progress->setAccessibleName(tr("Submitting"));
    m_progress->hide();
    m_progressLabel->hide();
    m_buttons->setObjectName(u"buttonBox"_s);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progressLabel);
    bottom->addWidget(m_progress);
    bottom->addStretch();
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form, 1);
    layout->addWidget(m_message);
    layout->addLayout(bottom);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &FormDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FormDialog::reject);
}

FormDialog::~FormDialog() = default;

QPushButton *FormDialog::submitButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void FormDialog::setSubmitText(const QString &text)
{
    submitButton()->setText(text);
}

void FormDialog::showError(const QString &text)
{
    m_message->setProperty("severity", u"error"_s);
    m_message->setStyleSheet(u"QLabel { color: #b00020; }"_s);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void FormDialog::showInformation(const QString &text)
{
    m_message->setProperty("severity", u"information"_s);
    m_message->setStyleSheet(QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void FormDialog::clearMessage()
{
    m_message->clear();
    m_message->hide();
}

QString FormDialog::messageText() const
{
    return m_message->text();
}

void FormDialog::submit()
{
    if (m_applying || m_confirming)
        return;
    clearMessage();
    if (!validate())
        return;
    QDialog *confirmation = createConfirmation();
    if (!confirmation) {
        startApplying();
        return;
    }
    m_confirming = true;
    confirmation->setAttribute(Qt::WA_DeleteOnClose);
    confirmation->setWindowModality(Qt::WindowModal);
    connect(confirmation, &QDialog::finished, this, [this](int result) {
        m_confirming = false;
        if (result == QDialog::Accepted)
            startApplying();
    });
    confirmation->open();
}

void FormDialog::startApplying()
{
    setApplying(true);
    apply();
}

void FormDialog::applySucceeded()
{
    setApplying(false);
    accept();
}

void FormDialog::applyFailed(const QString &message)
{
    setApplying(false);
    showError(message);
}

void FormDialog::applyCanceled()
{
    setApplying(false);
}

void FormDialog::setProgressText(const QString &text)
{
    m_progressLabel->setText(text);
}

void FormDialog::setApplying(bool applying)
{
    if (m_applying == applying)
        return;
    m_applying = applying;
    m_form->setEnabled(!applying);
    m_buttons->setEnabled(!applying);
    m_progress->setVisible(applying);
    m_progressLabel->setVisible(applying);
    if (!applying)
        m_progressLabel->clear();
    Q_EMIT applyingChanged(applying);
}

} // namespace crondesk::ui
