#include "timestamps.h"

#include <cstdio>

namespace crondesk::sandbox {

namespace {

// Reads exactly `count` decimal digits at `pos`; -1 when any is not a digit.
int digits(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(pos + i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

} // namespace

QString formatTimestamp(qint64 msecsSinceEpoch)
{
    return formatTimestamp(QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC));
}

QString formatTimestamp(const QDateTime &instant)
{
    const QDateTime utc = instant.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    const int msecs = time.msec();
    if (date.year() < 1 || date.year() > 9999) {
        // Outside four digits: as QDateTime writes it (the server never stores such a time).
        QString text = utc.toString(u"yyyy-MM-ddTHH:mm:ss");
        if (msecs != 0)
            text += u'.' + QString::number(msecs * 1000).rightJustified(6, u'0');
        return text + u"+00:00";
    }
    // Written by hand: QDateTime::toString goes through the locale and calendar machinery, a
    // twentieth of a 100,000-cron seed's start-up.
    char text[40];
    int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", date.year(),
                               date.month(), date.day(), time.hour(), time.minute(), time.second());
    if (msecs != 0)
        length += std::snprintf(text + length, sizeof text - size_t(length), ".%06d", msecs * 1000);
    length += std::snprintf(text + length, sizeof text - size_t(length), "+00:00");
    return QString::fromLatin1(text, length);
}

std::optional<QDateTime> parseTimestamp(QStringView text)
{
    // yyyy-MM-ddTHH:mm:ss[.f+](Z|+hh:mm|-hh:mm)
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    const int second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    if (text.at(4) != u'-' || text.at(7) != u'-' || text.at(13) != u':' || text.at(16) != u':')
        return std::nullopt;
    const QChar separator = text.at(10);
    if (separator != u'T' && separator != u't' && separator != u' ')
        return std::nullopt;

    qsizetype pos = 19;
    int msecs = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        int fractionDigits = 0;
        while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9') {
            if (fractionDigits < 3)
                msecs = msecs * 10 + (text.at(pos).unicode() - u'0');
            ++fractionDigits;
            ++pos;
        }
        if (fractionDigits == 0)
            return std::nullopt;
        for (int i = fractionDigits; i < 3; ++i)
            msecs *= 10;
    }

    if (pos >= text.size())
        return std::nullopt; // no offset: naive
    int offsetSeconds = 0;
    const QChar zone = text.at(pos);
    if (zone == u'Z' || zone == u'z') {
        ++pos;
    } else if (zone == u'+' || zone == u'-') {
        const int offsetHours = digits(text, pos + 1, 2);
        const int offsetMinutes = digits(text, pos + 4, 2);
        if (offsetHours < 0 || offsetMinutes < 0 || text.at(pos + 3) != u':' || offsetHours > 23
            || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == u'-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;

    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msecs);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime result(date, time, Qt::OffsetFromUTC, offsetSeconds);
    if (!result.isValid())
        return std::nullopt;
    return result.toUTC();
}

std::optional<qint64> parseTimestampMsecs(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    const auto parsed = parseTimestamp(text);
    if (!parsed)
        return std::nullopt;
    return parsed->toMSecsSinceEpoch();
}

} // namespace crondesk::sandbox
