#pragma once

#include <QDialog>

class QLabel;

namespace crondesk::ui {

// Help → About: the versions an operator is asked for in a bug report. Cron Desk's, the Qt it
// was built with and runs on, and the server's from GET /info, with the deployment it belongs to.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    // `deployment`: how the connection is named ("“prod”" or a URL), empty when not connected;
    // `serverVersion`: what /info reported, empty when unknown.
    AboutDialog(const QString &deployment, const QString &serverVersion, QWidget *parent = nullptr);
    ~AboutDialog() override;

    // The versions as plain text, one a line, as the Copy button puts them on the clipboard.
    QString versionText() const { return m_versionText; }

private:
    QString m_versionText;
};

} // namespace crondesk::ui
