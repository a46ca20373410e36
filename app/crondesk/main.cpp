#include <ui/desktopapp.h>

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("crondesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Cron Desk"));
    QApplication::setApplicationVersion(QStringLiteral(CRONDESK_VERSION));
    QApplication::setOrganizationName(QStringLiteral("crondesk"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.crondesk.CronDesk"));
    return crondesk::ui::runDesktopApp(app);
}
