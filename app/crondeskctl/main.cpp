#include <app/cli/commandline.h>

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crondeskctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRONDESK_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("crondesk"));
    return crondesk::cli::runCommandLine(app);
}
