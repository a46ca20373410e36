#include "cronsubmitter.h"

namespace crondesk::models {

// Out of line, so that the vtable has one home.
CronSubmitter::~CronSubmitter() = default;

} // namespace crondesk::models
