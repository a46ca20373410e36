#pragma once

#include <QString>

// Internal to the editor room: what its files share and nobody else needs.
namespace crondesk::models::detail {

// The editor rules' words, in the one translation context ("CronDraft") lupdate sees for them.
QString tr(const char *text);

} // namespace crondesk::models::detail
