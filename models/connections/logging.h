#pragma once

#include <QLoggingCategory>

namespace crondesk::models {

// The library's one logging category, "crondesk.connections" (warnings by default): the keychain
// and the local sandbox. Never keys.
Q_DECLARE_LOGGING_CATEGORY(lcConnections)

} // namespace crondesk::models
