#pragma once

class QCoreApplication;

namespace crondesk::models {

// Installs Cron Desk's translations on `app`: the English catalogue, which holds only the plural
// forms ("1 cron", "2 crons" from "%n cron(s)"), as the fallback, then the catalogue of the
// user's language and Qt's own for its dialogs, where installed. Call before any window;
// later calls do nothing.
void installTranslations(QCoreApplication &app);

} // namespace crondesk::models
