#include "timestamp.h"

namespace crondesk::api {

namespace {

// Reads exactly `count` decimal digits at `pos`; -1 when they are not all digits.
int readDigits(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

} // namespace

QDateTime parseTimestamp(QStringView text)
{
    // yyyy-mm-ddThh:mm:ss is the shortest acceptable form (19 characters).
    if (text.size() < 19 || text[4] != u'-' || text[7] != u'-' || text[13] != u':'
        || text[16] != u':' || (text[10] != u'T' && text[10] != u't' && text[10] != u' '))
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
    if (pos < text.size() && text[pos] == u'.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos].isDigit()) {
            if (digits < 3)
                msec = msec * 10 + (text[pos].unicode() - u'0');
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
        const QChar sign = text[pos];
        if ((sign == u'Z' || sign == u'z') && pos + 1 == text.size()) {
            offsetSeconds = 0;
        } else if ((sign == u'+' || sign == u'-') && pos + 6 == text.size()
                   && text[pos + 3] == u':') {
            const int oh = readDigits(text, pos + 1, 2);
            const int om = readDigits(text, pos + 4, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59)
                return {};
            offsetSeconds = (oh * 3600 + om * 60) * (sign == u'-' ? -1 : 1);
        } else {
            return {};
        }
    }

    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    QDateTime utc(date, time, Qt::UTC);
    return utc.addSecs(-offsetSeconds);
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
