#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <chrono>

namespace crondesk::models {

// The first block of a UUID, enough to tell crons apart in a table ("1ef3cefa").
QString shortId(const QString &id);

enum class FormatZone {
    Named, // in the IANA zone given (UTC when empty)
    Local, // in the operator's zone
};

// "2026-03-09 02:30 EDT" — an instant as wall time in a zone, with the zone's abbreviation.
QString formatInstant(const QDateTime &instant, const QString &zoneName,
                      FormatZone where = FormatZone::Named);

// The same in a zone already resolved, for callers formatting many instants (resolving a zone by
// name is far dearer than converting to it).
QString formatInstant(const QDateTime &instant, const QTimeZone &zone);

// "in 3 h", "in 12 min", "5 min ago", "now": how far `instant` is from `now`, coarsely.
QString relativeTime(const QDateTime &instant, const QDateTime &now);

// `text` ending as a sentence does: a full stop is added unless it ends with one already (or a
// question or exclamation mark, or an ellipsis). For messages that quote a server's text, which
// may or may not end with one.
QString asSentence(const QString &text);

// The status bar's word on how fresh the table is, e.g. "Auto-refresh every 1 min · read 12 s
// ago" or "Auto-refresh off · read 3 min ago". `autoRefresh` zero means off; an invalid `readAt`
// means nothing has been read yet.
QString freshnessText(const QDateTime &readAt, const QDateTime &now,
                      std::chrono::seconds autoRefresh);

} // namespace crondesk::models
