#include "logging.h"

namespace crondesk::sandbox {

Q_LOGGING_CATEGORY(lcSandbox, "crondesk.sandbox")

} // namespace crondesk::sandbox
