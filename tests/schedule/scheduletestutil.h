#pragma once

// Helpers shared by the schedule tests.

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdlib>

namespace crondesk::schedule::testutil {

// "2026-03-08T03:30:00-04:00": the instant in `zone`, offset from QTimeZone (not from the
// engine's own tables, so the tests cross-check them).
inline QString iso(const QDateTime &instant, const QTimeZone &zone)
{
    const int offset = zone.offsetFromUtc(instant);
    const QDateTime wall
        = QDateTime::fromSecsSinceEpoch(instant.toSecsSinceEpoch() + offset, Qt::UTC);
    const int minutes = std::abs(offset) / 60;
    return wall.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + (offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        + QString::number(minutes / 60).rightJustified(2, QLatin1Char('0')) + QLatin1Char(':')
        + QString::number(minutes % 60).rightJustified(2, QLatin1Char('0'));
}

inline QStringList isoList(const QList<QDateTime> &instants, const QTimeZone &zone)
{
    QStringList out;
    for (const QDateTime &instant : instants)
        out.append(iso(instant, zone));
    return out;
}

// Parses "2026-03-08T03:30:00-04:00" / "...Z".
inline QDateTime instant(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace crondesk::schedule::testutil
