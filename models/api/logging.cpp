#include "logging.h"

namespace crondesk::api {

Q_LOGGING_CATEGORY(lcApi, "crondesk.api", QtWarningMsg)

} // namespace crondesk::api
