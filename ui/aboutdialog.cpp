#include "aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

AboutDialog::AboutDialog(const QString &deployment, const QString &serverVersion, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Cron Desk"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/icons/crondesk.svg"_s).pixmap(64, 64));
    icon->setAlignment(Qt::AlignHCenter);

    auto *title = new QLabel(tr("Cron Desk"), this);
    title->setObjectName(u"aboutTitle"_s);
    title->setAlignment(Qt::AlignHCenter);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *summary = new QLabel(tr("Audit, create, edit and delete the cron jobs of a LangGraph "
                                  "deployment."),
                               this);
    summary->setWordWrap(true);
    summary->setAlignment(Qt::AlignHCenter);

    const QString qtLine = qstrcmp(qVersion(), QT_VERSION_STR) == 0
        ? tr("Qt %1.").arg(QString::fromLatin1(qVersion()))
        : tr("Qt %1 (built with %2).")
              .arg(QString::fromLatin1(qVersion()), QString::fromLatin1(QT_VERSION_STR));
    QString serverLine;
    if (deployment.isEmpty())
        serverLine = tr("Server: not connected.");
    else if (serverVersion.isEmpty())
        serverLine = tr("Server: %1, version unknown (GET /info did not say).").arg(deployment);
    else
        serverLine = tr("Server: %1, Agent Server %2.").arg(deployment, serverVersion);
    m_versionText = tr("Cron Desk %1.").arg(QStringLiteral(CRONDESK_VERSION)) + u'\n' + qtLine
        + u'\n' + serverLine;

    auto *versions = new QLabel(m_versionText, this);
    versions->setObjectName(u"aboutVersions"_s);
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    versions->setAlignment(Qt::AlignHCenter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyVersionsButton"_s);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_versionText); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addSpacing(8);
    layout->addWidget(versions);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(440, sizeHint().height());
}

AboutDialog::~AboutDialog() = default;

} // namespace crondesk::ui
