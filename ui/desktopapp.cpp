#include "desktopapp.h"

#include "auditview.h"
#include "bulkeditcontroller.h"
#include "changessincecontroller.h"
#include "connectioncontroller.h"
#include "environmentbadge.h"
#include "firstpaintreporter.h"
#include "journalview.h"
#include "mainwindow.h"
#include "profileswitcher.h"
#include "snapshotcontroller.h"

#include <models/audit/auditpolicystore.h>
#include <models/common/translations.h>
#include <models/connections/credentialstore.h>
#include <models/connections/localsandbox.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QMenu>
#include <QMenuBar>
#include <QProcessEnvironment>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int defaultSampleCrons = models::LocalSandbox::defaultSampleCrons;

QString translate(const char *text)
{
    return QApplication::translate("crondesk", text);
}

} // namespace

void attachConnectionUi(QMainWindow *window, ConnectionController *controller)
{
    auto *toolBar = window->addToolBar(translate("Connection"));
    toolBar->setObjectName(u"connectionToolBar"_s);
    toolBar->addWidget(controller->createSwitcher(toolBar));
    window->statusBar()->addPermanentWidget(controller->createBadge(window->statusBar()));

    auto *menu = new QMenu(translate("C&onnection"), window->menuBar());
    menu->setObjectName(u"connectionMenu"_s);
    // Help is the last menu by convention.
    if (const auto *help = window->menuBar()->findChild<QMenu *>(u"helpMenu"_s))
        window->menuBar()->insertMenu(help->menuAction(), menu);
    else
        window->menuBar()->addMenu(menu);
    QAction *profiles = menu->addAction(translate("&Profiles…"));
    profiles->setObjectName(u"profilesAction"_s);
    QObject::connect(profiles, &QAction::triggered, controller, [controller] {
        const auto &active = controller->activeProfile();
        controller->openProfileDialog(active ? active->name : QString());
    });
    QAction *journal = menu->addAction(translate("Change &Journal…"));
    journal->setObjectName(u"journalAction"_s);
    journal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    QObject::connect(journal, &QAction::triggered, controller, &ConnectionController::openJournal);
    menu->addSeparator();
    QAction *sandbox = menu->addAction(translate("Try the &Local Sandbox"));
    sandbox->setObjectName(u"sandboxAction"_s);
    QObject::connect(sandbox, &QAction::triggered, controller, &ConnectionController::startSandbox);
    QObject::connect(
        controller, &ConnectionController::notice, window,
        [window](const QString &message) { window->statusBar()->showMessage(message, 15000); });
}

void attachMutationRules(MainWindow *window, ConnectionController *controller)
{
    // The profile's rules: read-only disables every change; production asks for its name
    // before a change to more than one cron, in the one confirmation the change has.
    window->setMutationGate([controller, window](const models::MutationRequest &request,
                                                 std::function<void()> proceed) {
        controller->requestMutation(request, window, std::move(proceed));
    });
    QObject::connect(
        controller, &ConnectionController::activeConnectionChanged, window, [controller, window] {
            const auto &profile = controller->activeProfile();
            window->setReadOnly(
                controller->isReadOnly(),
                profile ? translate("Profile “%1” is read-only: it cannot change crons.")
                              .arg(profile->name)
                        : QString());
            // The session refuses what the profile forbids, whatever asks for it.
            window->repository()->setProfile(profile);
            // Confirmations and the editor's review name the profile, not the URL.
            window->setMutationTarget(controller->mutationTarget());
        });
}

namespace {

// crondesk's options, defined once for both the real start and --help/--version.
struct DesktopCommandLine
{
    QCommandLineParser parser;
    QCommandLineOption urlOption {
        u"url"_s, translate("Deployment URL, e.g. https://my-deployment.us.langgraph.app"),
        u"URL"_s};
    QCommandLineOption keyOption {
        u"api-key"_s,
        translate("API key (default: the profile's key from the keychain, then "
                  "LANGGRAPH_API_KEY, LANGSMITH_API_KEY, LANGCHAIN_API_KEY)"),
        u"KEY"_s};
    QCommandLineOption profileOption {
        u"profile"_s,
        translate("Connection profile to open (its URL, key, headers, label and rules; --url "
                  "and --api-key take precedence)"),
        u"NAME"_s};
    QCommandLineOption sandboxOption {
        u"sandbox"_s, translate("Start the local sandbox server with sample crons and open it")};
    QCommandLineOption sampleOption {
        u"sandbox-crons"_s,
        translate("Sample crons in the local sandbox (default %1)").arg(defaultSampleCrons), u"N"_s,
        QString::number(defaultSampleCrons)};
    QCommandLineOption noKeychainOption {
        u"no-keychain"_s,
        translate("Never use the system keychain: API keys typed in are kept for this session "
                  "only")};

    DesktopCommandLine()
    {
        parser.setApplicationDescription(translate(
            "Audit, create, edit and delete the cron jobs of a LangGraph deployment.\n"
            "Opens the deployment given by --url or --profile, else the last used profile; the "
            "first time, offers the local sandbox or a new profile."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions(
            {urlOption, keyOption, profileOption, sandboxOption, sampleOption, noKeychainOption});
    }
};

} // namespace

bool isInformationRequest(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "-?" || argument == "--help-all"
            || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

int printInformation(QCoreApplication &app)
{
    DesktopCommandLine commandLine;
    commandLine.parser.process(app); // prints --help or --version and exits
    return 0;
}

int runDesktopApp(QApplication &app)
{
    DesktopCommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    const QCommandLineOption &urlOption = commandLine.urlOption;
    const QCommandLineOption &keyOption = commandLine.keyOption;
    const QCommandLineOption &profileOption = commandLine.profileOption;
    const QCommandLineOption &sandboxOption = commandLine.sandboxOption;
    const QCommandLineOption &sampleOption = commandLine.sampleOption;
    const QCommandLineOption &noKeychainOption = commandLine.noKeychainOption;
    parser.process(app);
    models::installTranslations(app);

    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);

    // The same files as crondeskctl, including its CRONDESK_PROFILES and CRONDESK_JOURNAL.
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString profilesPath = environment.value(u"CRONDESK_PROFILES"_s);
    const QString journalPath = environment.value(u"CRONDESK_JOURNAL"_s);
    auto *credentials = new models::CredentialStore();
    auto *controller = new ConnectionController(
        profilesPath.isEmpty() ? models::ProfileStore() : models::ProfileStore(profilesPath),
        credentials,
        journalPath.isEmpty() ? models::ChangeJournal() : models::ChangeJournal(journalPath),
        window, window);
    credentials->setParent(controller);
    if (parser.isSet(noKeychainOption))
        credentials->setKeychainEnabled(false);
    attachConnectionUi(window, controller);
    connectMainWindow(window, controller);

    ConnectionController::StartOptions options;
    options.url = parser.value(urlOption);
    options.apiKey = parser.value(keyOption);
    options.profile = parser.value(profileOption);
    options.sandbox = parser.isSet(sandboxOption);
    bool ok = false;
    const int sampleCrons = parser.value(sampleOption).toInt(&ok);
    options.sandboxCrons = ok && sampleCrons >= 0 ? sampleCrons : defaultSampleCrons;
    options.environment = environment;

    FirstPaintReporter::watchIfRequested(window);
    window->show();
    // Connecting (profiles, keychain, requests, a sandbox's start) waits for the window's first
    // paint: answers arriving meanwhile would otherwise be handled before the window appears.
    FirstPaintReporter::afterFirstPaint(window,
                                        [controller, options] { controller->start(options); });
    return app.exec();
}

void connectMainWindow(MainWindow *window, ConnectionController *controller)
{
    QObject::connect(controller, &ConnectionController::connectionReady, window,
                     &MainWindow::setDeployment);
    QObject::connect(controller, &ConnectionController::connectionUnavailable, window,
                     &MainWindow::showPlaceholder);
    QObject::connect(controller, &ConnectionController::notConnected, window,
                     &MainWindow::showNotConnected);
    // The "Not connected" page offers what the Connection menu does.
    QList<QAction *> connectionActions;
    for (const QString &name : {u"profilesAction"_s, u"sandboxAction"_s}) {
        if (auto *action = window->menuBar()->findChild<QAction *>(name))
            connectionActions.append(action);
    }
    window->setConnectionActions(connectionActions);
    // Every change the window makes through its repository goes to the change journal.
    window->repository()->setJournal(controller->recorder());
    // Undo and restore from the journal window go through the window's session (issue 18); this
    // runs after openJournal, connected first, has made the window.
    if (auto *journalAction = window->menuBar()->findChild<QAction *>(u"journalAction"_s)) {
        QObject::connect(journalAction, &QAction::triggered, window, [controller, window] {
            if (JournalView *view = controller->journalView())
                view->setUndoSession(window->repository(), controller->mutationTarget().describe());
        });
    }
    // Automatic snapshots after each load, Save Snapshot… and Compare… (issue 16).
    auto *snapshots = new SnapshotController(window, controller->recorder()->journal());
    // View ▸ Changes Since…: marks rows added or changed since a snapshot.
    new ChangesSinceController(window, snapshots);
    attachMutationRules(window, controller);
    // Crons ▸ Bulk Edit… (issue 18), behind the same confirmation as every other change.
    new BulkEditController(window,
                           [controller, window](const models::MutationRequest &request,
                                                std::function<void()> proceed) {
                               controller->requestMutation(request, window, std::move(proceed));
                           });
    QObject::connect(controller, &ConnectionController::activeConnectionChanged, window,
                     [controller, window] {
                         const auto &profile = controller->activeProfile();
                         if (profile)
                             window->setConnectionName(profile->name, profile->environment);
                         else if (controller->isSandbox())
                             window->setConnectionName(translate("Local sandbox"), QString());
                         else
                             window->setConnectionName(QString(), QString());
                     });
    // The Audit view applies the active profile's audit policy (none for a URL or the sandbox).
    QObject::connect(
        controller, &ConnectionController::activeConnectionChanged, window, [controller, window] {
            const auto &profile = controller->activeProfile();
            window->auditView()->setPolicyProfile(
                profile ? profile->name : QString(),
                models::AuditPolicyStore::directoryFor(controller->profileStore().filePath()));
        });
    // A certificate the app does not trust: say which, and offer to trust it for the profile.
    QObject::connect(window->repository(), &models::CronRepository::loadFailed, controller,
                     &ConnectionController::handleError);
}

} // namespace crondesk::ui
