#pragma once

#include <QDialog>
#include <QUrl>

class QTextBrowser;

namespace crondesk::ui {

// The user guide (docs/user-guide.md) installed beside the program: `<prefix>/bin/crondesk` reads
// `<prefix>/share/doc/crondesk/user-guide.md`, and the build tree mirrors that layout, so the
// same rule serves a package and a developer build. Empty when it is not there.
QString findUserGuide(const QString &applicationDir);
// The guide on the project's site, for when no copy is installed.
QUrl onlineUserGuide();

// F1: the installed guide in a window of its own, else the online guide in the browser.
void openUserGuide(QWidget *parent);

// Shows a Markdown document with working links: relative ones within the window, web ones in the
// browser.
class UserGuideWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideWindow)

public:
    explicit UserGuideWindow(const QString &path, QWidget *parent = nullptr);
    ~UserGuideWindow() override;

    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace crondesk::ui
