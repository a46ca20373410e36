#pragma once

#include <QLoggingCategory>

namespace crondesk::api {

// The library's one logging category, "crondesk.api" (warnings by default): requests that failed
// or were retried, probes and fetches that went on without something. Never secrets.
Q_DECLARE_LOGGING_CATEGORY(lcApi)

} // namespace crondesk::api
