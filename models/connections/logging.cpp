#include "logging.h"

namespace crondesk::models {

Q_LOGGING_CATEGORY(lcConnections, "crondesk.connections", QtWarningMsg)

} // namespace crondesk::models
