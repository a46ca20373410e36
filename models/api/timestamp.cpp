#include "timestamp.h"

namespace crondesk::api {

namespace {

char16_t at(QStringView text, qsizetype i)
{
    return text[i].unicode();
}

char16_t at(QByteArrayView text, qsizetype i)
{
    return char16_t(uchar(text[i]));
}

// Reads exactly `count` decimal digits at `pos`; -1 when they are not all digits.
template<typename Text>
int readDigits(Text text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = at(text, pos + i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil): the
// arithmetic QDate would do, without building one per field of 100,000 crons.
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

template<typename Text>
QDateTime parse(Text text)
{
    // yyyy-mm-ddThh:mm:ss is the shortest acceptable form (19 characters).
    if (text.size() < 19 || at(text, 4) != u'-' || at(text, 7) != u'-' || at(text, 13) != u':'
        || at(text, 16) != u':'
        || (at(text, 10) != u'T' && at(text, 10) != u't' && at(text, 10) != u' '))
        return {};
    const int year = readDigits(text, 0, 4);
    const int month = readDigits(text, 5, 2);
    const int day = readDigits(text, 8, 2);
    const int hour = readDigits(text, 11, 2);
    const int minute = readDigits(text, 14, 2);
    const int second = readDigits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return {};

    qsizetype pos = 19;
    int msec = 0;
    if (pos < text.size() && at(text, pos) == u'.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && at(text, pos) >= u'0' && at(text, pos) <= u'9') {
            if (digits < 3)
                msec = msec * 10 + (at(text, pos) - u'0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return {};
        for (int i = digits; i < 3; ++i)
            msec *= 10;
    }

    int offsetSeconds = 0;
    if (pos < text.size()) {
        const char16_t sign = at(text, pos);
        if ((sign == u'Z' || sign == u'z') && pos + 1 == text.size()) {
            offsetSeconds = 0;
        } else if ((sign == u'+' || sign == u'-') && pos + 6 == text.size()
                   && at(text, pos + 3) == u':') {
            const int oh = readDigits(text, pos + 1, 2);
            const int om = readDigits(text, pos + 4, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59)
                return {};
            offsetSeconds = (oh * 3600 + om * 60) * (sign == u'-' ? -1 : 1);
        } else {
            return {};
        }
    }

    if (!QDate::isValid(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return {};
    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60
        + second - offsetSeconds;
    // The instant itself, in UTC, must lie in the years 1 to 9999: the server's (Python's
    // datetime) range, and what formatTimestamp() can write back. "0001-01-01T00:00:00+01:00" is
    // in the year 0 and "9999-12-31T23:59:59-01:00" in 10000: not timestamps any server sends.
    constexpr qint64 firstSecond = -62135596800; // 0001-01-01T00:00:00Z
    constexpr qint64 lastSecond = 253402300799; // 9999-12-31T23:59:59Z
    if (seconds < firstSecond || seconds > lastSecond)
        return {};
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + msec, Qt::UTC);
}

} // namespace

QDateTime parseTimestamp(QStringView text)
{
    return parse(text);
}

QDateTime parseTimestamp(QByteArrayView text)
{
    return parse(text);
}

QString formatTimestamp(const QDateTime &instant)
{
    if (!instant.isValid())
        return {};
    const QDateTime utc = instant.toUTC();
    const QString format = utc.time().msec() != 0 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")
                                                  : QStringLiteral("yyyy-MM-ddTHH:mm:ss");
    return utc.toString(format) + QStringLiteral("+00:00");
}

} // namespace crondesk::api
