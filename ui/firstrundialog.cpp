#include "firstrundialog.h"

#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

FirstRunDialog::FirstRunDialog(bool sandboxAvailable, QWidget *parent)
    : QDialog(parent)
    , m_sandbox(new QCommandLinkButton(tr("Try Cron Desk on the local sandbox"), this))
    , m_addDeployment(new QCommandLinkButton(tr("Add a deployment…"), this))
{
    setObjectName(u"firstRunDialog"_s);
    setWindowTitle(tr("Welcome to Cron Desk"));

    auto *title = new QLabel(tr("Welcome to Cron Desk"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = new QLabel(tr("There are no connection profiles yet. How would you like to "
                                "start?"),
                             this);
    intro->setWordWrap(true);

    m_sandbox->setObjectName(u"trySandboxButton"_s);
    m_sandbox->setDescription(
        sandboxAvailable
            ? tr("A LangGraph-compatible server on this computer with sample crons. Nothing you "
                 "do there reaches a real deployment.")
            : tr("Not available: crondesk-sandbox is not installed."));
    m_sandbox->setEnabled(sandboxAvailable);
    m_addDeployment->setObjectName(u"addDeploymentButton"_s);
    m_addDeployment->setDescription(
        tr("Create a connection profile: the deployment URL, its environment label (production, "
           "staging…), and the API key, kept in the system keychain."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addWidget(m_sandbox);
    layout->addWidget(m_addDeployment);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_sandbox, &QCommandLinkButton::clicked, this, [this] {
        accept();
        Q_EMIT sandboxChosen();
    });
    connect(m_addDeployment, &QCommandLinkButton::clicked, this, [this] {
        accept();
        Q_EMIT addDeploymentChosen();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    (sandboxAvailable ? m_sandbox : m_addDeployment)->setDefault(true);
    (sandboxAvailable ? m_sandbox : m_addDeployment)->setFocus();
    resize(520, sizeHint().height());
}

FirstRunDialog::~FirstRunDialog() = default;

} // namespace crondesk::ui
