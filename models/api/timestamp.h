#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace crondesk::api {

// Parses an RFC 3339 timestamp as the server emits it ("2024-07-08T06:02:23.073257+00:00") or as
// SDK fixtures write it ("2024-01-01T00:00:00Z"): fractional seconds of any length (kept to the
// millisecond), 'Z' or a +hh:mm offset, 'T' or a space between date and time. A timestamp without
// an offset is taken as UTC, because the server only ever speaks UTC. Returns an invalid QDateTime
// for anything else, and for an instant outside the years 1 to 9999 UTC (Python's range).
QDateTime parseTimestamp(QStringView text);
// The same for Latin-1/ASCII bytes, as they come off the wire.
QDateTime parseTimestamp(QByteArrayView text);

// Formats an instant the way the Python SDK sends aware datetimes: "2025-12-31T23:59:59+00:00",
// with milliseconds only when there are any.
QString formatTimestamp(const QDateTime &instant);

} // namespace crondesk::api
