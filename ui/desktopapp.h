#pragma once

class QApplication;
class QCoreApplication;
class QMainWindow;

namespace crondesk::ui {

class ConnectionController;
class MainWindow;

// Everything the crondesk executable does after constructing its QApplication: parse the command
// line (--url, --api-key, --profile, --sandbox, --sandbox-crons, --no-keychain), show the main
// window, let the ConnectionController pick the deployment (flags, then the profile, then the
// first-run choice), run the event loop.
int runDesktopApp(QApplication &app);

// --help and --version need no display: main() asks first and answers them with a
// QCoreApplication, so they work on a server without X (and in packaging checks).
bool isInformationRequest(int argc, char *argv[]);
int printInformation(QCoreApplication &app);

// Puts the connection controls on a main window: a "Connection" tool bar with the profile
// switcher and the environment badge, the badge again in the status bar (so the environment is
// always in sight), and a Connection menu (Profiles…, Change Journal…, Local Sandbox), before
// the Help menu when the window has one.
void attachConnectionUi(QMainWindow *window, ConnectionController *controller);

// Lets the controller drive the main window: the deployment it connects to, the messages while
// there is none, the profile's name and environment in the title, read-only and production
// rules, the change journal, and the offer to trust a certificate. Call after
// attachConnectionUi.
void connectMainWindow(MainWindow *window, ConnectionController *controller);

// Applies the active connection's rules to the window's changes: read-only disables them, each
// one is confirmed once through the controller (with the profile name typed where production
// requires it), and confirmations and reviews name the profile.
void attachMutationRules(MainWindow *window, ConnectionController *controller);

} // namespace crondesk::ui
