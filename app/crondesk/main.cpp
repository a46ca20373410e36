#include <ui/desktopapp.h>

#include <QApplication>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("crondesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRONDESK_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("crondesk"));
}

} // namespace

int main(int argc, char *argv[])
{
    if (crondesk::ui::isInformationRequest(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return crondesk::ui::printInformation(app);
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Cron Desk"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.crondesk.CronDesk"));
    return crondesk::ui::runDesktopApp(app);
}
