#pragma once

class QApplication;

namespace crondesk::ui {

// Everything the crondesk executable does after constructing its QApplication: parse the command
// line (--url, --api-key, --sandbox-crons), pick the deployment (or start the local sandbox as
// the built-in default), show the main window, run the event loop.
int runDesktopApp(QApplication &app);

} // namespace crondesk::ui
