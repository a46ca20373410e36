#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace crondesk::models {

// Parses "team=infra, tier=2" into {"team": "infra", "tier": 2}. A value that reads as a JSON
// number, true, false, null or a quoted string is taken as that JSON value (so tier=2 matches the
// number 2, as the server's exact match would); anything else is a string. Returns nullopt with a
// sentence naming the bad part when a term has no '=' or an empty key.
std::optional<QJsonObject> parseMetadataFilter(const QString &text, QString *error = nullptr);

// The inverse, for showing a filter back: "team=infra, tier=2".
QString formatMetadataFilter(const QJsonObject &filter);

// What a parsed filter matches, with each value as the JSON the server compares it with, so the
// operator sees that tier=2 looks for the number 2 and not the text "2": `team = "infra",
// tier = 2`. Empty for an empty filter.
QString describeMetadataFilter(const QJsonObject &filter);

} // namespace crondesk::models
