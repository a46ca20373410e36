#pragma once

#include <QJsonValue>
#include <QString>

// Internal to the editor room: what its files share and nobody else needs.
namespace crondesk::models::detail {

// The editor rules' words, in the one translation context ("CronDraft") lupdate sees for them.
QString tr(const char *text);

// One line of JSON for a diff row, a review or a node name: objects and arrays compact, a scalar
// as JSON ("x" quoted, 3, true); empty for undefined and null.
QString compactJson(const QJsonValue &value);

} // namespace crondesk::models::detail
