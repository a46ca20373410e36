#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace crondesk::sandbox {

// The server's wire form of an instant: UTC with a "+00:00" offset and microseconds only when the
// instant has a fractional second, like Python's datetime.isoformat() ("2024-07-08T06:02:23+00:00",
// "2024-07-08T06:02:23.073000+00:00").
QString formatTimestamp(const QDateTime &instant);
QString formatTimestamp(qint64 msecsSinceEpoch);

// Parses an RFC 3339 date-time. Unlike the client, the sandbox insists on an explicit offset ('Z'
// or +hh:mm): a naive timestamp from a client is a bug the real server punishes, so it must not
// pass here. Fractions beyond milliseconds are truncated.
std::optional<QDateTime> parseTimestamp(QStringView text);

// Milliseconds since the epoch of a timestamp this server wrote itself, or nullopt for
// null/invalid.
std::optional<qint64> parseTimestampMsecs(QStringView text);

} // namespace crondesk::sandbox
