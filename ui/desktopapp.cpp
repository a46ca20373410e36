#include "desktopapp.h"

#include "mainwindow.h"

#include <models/apikey.h>
#include <models/localsandbox.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int defaultSampleCrons = 60;

} // namespace

int runDesktopApp(QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "crondesk",
        "Audit, create, edit and delete the cron jobs of a LangGraph deployment.\n"
        "Without --url, starts the local sandbox server with sample crons."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(
        u"url"_s,
        QApplication::translate("crondesk",
                                "Deployment URL, e.g. https://my-deployment.us.langgraph.app"),
        u"URL"_s);
    const QCommandLineOption keyOption(
        u"api-key"_s,
        QApplication::translate(
            "crondesk",
            "API key (default: LANGGRAPH_API_KEY, LANGSMITH_API_KEY, LANGCHAIN_API_KEY)"),
        u"KEY"_s);
    const QCommandLineOption sampleOption(
        u"sandbox-crons"_s,
        QApplication::translate("crondesk", "Sample crons in the local sandbox (default %1)")
            .arg(defaultSampleCrons),
        u"N"_s, QString::number(defaultSampleCrons));
    parser.addOptions({urlOption, keyOption, sampleOption});
    parser.process(app);

    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);

    if (parser.isSet(urlOption)) {
        const QUrl url = QUrl::fromUserInput(parser.value(urlOption));
        if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)) {
            window->showPlaceholder(
                QApplication::translate("crondesk", "“%1” is not an http or https URL.")
                    .arg(parser.value(urlOption)),
                true);
        } else {
            const models::ResolvedApiKey key
                = models::resolveApiKey(parser.value(keyOption), models::ApiKeySource::CommandLine,
                                        QProcessEnvironment::systemEnvironment());
            api::RequestFactory factory(url);
            factory.setApiKey(key.key);
            window->setDeployment(factory, models::describeSource(key.source));
        }
    } else {
        auto *sandbox = new models::LocalSandbox(window);
        window->showPlaceholder(
            QApplication::translate("crondesk",
                                    "Starting the local sandbox server with sample crons…"),
            false);
        QObject::connect(
            sandbox, &models::LocalSandbox::started, window, [window](const QUrl &url) {
                window->setDeployment(api::RequestFactory(url),
                                      QApplication::translate("crondesk", "local sandbox"));
            });
        QObject::connect(
            sandbox, &models::LocalSandbox::failed, window, [window](const QString &message) {
                window->showPlaceholder(
                    message + u"\n\n"_s
                        + QApplication::translate(
                            "crondesk", "Start crondesk with --url to open a deployment."),
                    true);
            });
        bool ok = false;
        const int sampleCrons = parser.value(sampleOption).toInt(&ok);
        sandbox->start(ok && sampleCrons >= 0 ? sampleCrons : defaultSampleCrons);
    }

    window->show();
    return app.exec();
}

} // namespace crondesk::ui
