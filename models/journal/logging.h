#pragma once

#include <QLoggingCategory>

namespace crondesk::models {

// The library's one logging category, "crondesk.journal" (warnings by default): a journal file
// that could not be written. Never the entries' secrets.
Q_DECLARE_LOGGING_CATEGORY(lcJournal)

} // namespace crondesk::models
