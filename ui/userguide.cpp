#include "userguide.h"

#include "windowsize.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

QString findUserGuide(const QString &applicationDir)
{
    const QFileInfo guide(QDir(applicationDir).filePath(u"../share/doc/crondesk/user-guide.md"_s));
    return guide.isFile() ? guide.canonicalFilePath() : QString();
}

QUrl onlineUserGuide()
{
    return QUrl(QStringLiteral(CRONDESK_HOMEPAGE) + u"/blob/main/docs/user-guide.md"_s);
}

void openUserGuide(QWidget *parent)
{
    const QString path = findUserGuide(QCoreApplication::applicationDirPath());
    if (path.isEmpty()) {
        QDesktopServices::openUrl(onlineUserGuide());
        return;
    }
    // One guide window per main window: F1 again brings it to the front.
    auto *window = parent->findChild<UserGuideWindow *>();
    if (!window) {
        window = new UserGuideWindow(path, parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
    }
    window->show();
    window->raise();
    window->activateWindow();
}

UserGuideWindow::UserGuideWindow(const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(u"userGuide"_s);
    setWindowTitle(tr("Cron Desk User Guide"));
    // A window beside the main one, not a modal step in front of it.
    setWindowFlag(Qt::Window);
    setModal(false);

    m_browser->setObjectName(u"userGuideBrowser"_s);
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(fittedToScreen(this, QSize(760, 680)));
}

UserGuideWindow::~UserGuideWindow() = default;

} // namespace crondesk::ui
