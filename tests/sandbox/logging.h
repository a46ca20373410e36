#pragma once

#include <QLoggingCategory>

namespace crondesk::sandbox {

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace crondesk::sandbox
