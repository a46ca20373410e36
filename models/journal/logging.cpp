#include "logging.h"

namespace crondesk::models {

Q_LOGGING_CATEGORY(lcJournal, "crondesk.journal", QtWarningMsg)

} // namespace crondesk::models
