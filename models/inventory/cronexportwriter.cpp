#include "cronexportwriter.h"

#include <models/api/timestamp.h>

#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <vector>

namespace crondesk::models {

namespace {

void appendHex4(char16_t unit, QByteArray *out)
{
    // QJsonDocument writes its \u escapes with lower-case digits.
    static constexpr char digits[] = "0123456789abcdef";
    const char escape[] = {'\\',
                           'u',
                           digits[(unit >> 12) & 0xf],
                           digits[(unit >> 8) & 0xf],
                           digits[(unit >> 4) & 0xf],
                           digits[unit & 0xf]};
    out->append(escape, sizeof escape);
}

// A JSON string as QJsonDocument writes it: UTF-8, with \" \\ \b \f \n \r \t, other control
// characters as \u00xx, and a lone surrogate (which UTF-8 cannot hold) as \uxxxx.
void appendJsonString(const QString &text, QByteArray *out)
{
    out->append('"');
    const char16_t *p = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *end = p + text.size();
    while (p < end) {
        // Runs of plain ASCII: the whole of most ids, schedules and zones.
        const char16_t *run = p;
        while (p < end && *p < 0x80 && *p >= 0x20 && *p != u'"' && *p != u'\\')
            ++p;
        if (p > run) {
            const qsizetype size = out->size();
            out->resize(size + (p - run));
            char *target = out->data() + size;
            for (const char16_t *c = run; c < p; ++c)
                *target++ = char(*c);
        }
        if (p == end)
            break;
        const char16_t unit = *p++;
        if (unit < 0x80) {
            switch (unit) {
            case u'"':
                out->append("\\\"", 2);
                break;
            case u'\\':
                out->append("\\\\", 2);
                break;
            case u'\b':
                out->append("\\b", 2);
                break;
            case u'\f':
                out->append("\\f", 2);
                break;
            case u'\n':
                out->append("\\n", 2);
                break;
            case u'\r':
                out->append("\\r", 2);
                break;
            case u'\t':
                out->append("\\t", 2);
                break;
            default:
                appendHex4(unit, out);
                break;
            }
        } else if (unit < 0x800) {
            out->append(char(0xc0 | (unit >> 6)));
            out->append(char(0x80 | (unit & 0x3f)));
        } else if (QChar::isHighSurrogate(unit) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t code = QChar::surrogateToUcs4(unit, *p++);
            out->append(char(0xf0 | (code >> 18)));
            out->append(char(0x80 | ((code >> 12) & 0x3f)));
            out->append(char(0x80 | ((code >> 6) & 0x3f)));
            out->append(char(0x80 | (code & 0x3f)));
        } else if (QChar::isSurrogate(unit)) {
            appendHex4(unit, out);
        } else {
            out->append(char(0xe0 | (unit >> 12)));
            out->append(char(0x80 | ((unit >> 6) & 0x3f)));
            out->append(char(0x80 | (unit & 0x3f)));
        }
    }
    out->append('"');
}

void appendNullableString(const QString &text, QByteArray *out)
{
    if (text.isEmpty())
        out->append("null", 4);
    else
        appendJsonString(text, out);
}

void appendDigits(int value, int width, char *target)
{
    for (int i = width - 1; i >= 0; --i) {
        target[i] = char('0' + value % 10);
        value /= 10;
    }
}

// api::formatTimestamp() without QDateTime::toString (a format parse and a locale per call):
// "yyyy-MM-ddTHH:mm:ss[.zzz]+00:00", for the years it covers; other years go through it.
void appendTimestampText(const QDateTime &instant, QByteArray *out)
{
    const qint64 ms = instant.toMSecsSinceEpoch();
    qint64 days = ms / 86'400'000;
    qint64 msOfDay = ms % 86'400'000;
    if (msOfDay < 0) {
        msOfDay += 86'400'000;
        --days;
    }
    // Civil date from days since 1970-01-01 (proleptic Gregorian, H. Hinnant's algorithm).
    const qint64 z = days + 719'468;
    const qint64 era = (z >= 0 ? z : z - 146'096) / 146'097;
    const qint64 doe = z - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1000 || year > 9999) {
        out->append(api::formatTimestamp(instant).toUtf8());
        return;
    }
    const int milliseconds = int(msOfDay % 1000);
    const int seconds = int(msOfDay / 1000);
    char text[29];
    appendDigits(int(year), 4, text);
    text[4] = '-';
    appendDigits(month, 2, text + 5);
    text[7] = '-';
    appendDigits(day, 2, text + 8);
    text[10] = 'T';
    appendDigits(seconds / 3600, 2, text + 11);
    text[13] = ':';
    appendDigits(seconds / 60 % 60, 2, text + 14);
    text[16] = ':';
    appendDigits(seconds % 60, 2, text + 17);
    int length = 19;
    if (milliseconds != 0) {
        text[19] = '.';
        appendDigits(milliseconds, 3, text + 20);
        length = 23;
    }
    std::memcpy(text + length, "+00:00", 6);
    out->append(text, length + 6);
}

void appendNullableInstant(const QDateTime &instant, QByteArray *out)
{
    if (!instant.isValid()) {
        out->append("null", 4);
        return;
    }
    out->append('"');
    appendTimestampText(instant, out);
    out->append('"');
}

// The object's compact text as QJsonDocument writes it: the server's text when it is already
// exactly that (a view, no copy), else serialised into `scratch`.
QByteArrayView canonicalText(const api::LazyJsonObject &object, QByteArray *scratch)
{
    if (object.isUnparsed()) {
        const QByteArrayView text = object.unparsedJson();
        if (exportdetail::isCanonicalCompactJson(text))
            return text;
    }
    *scratch = QJsonDocument(object.object()).toJson(QJsonDocument::Compact);
    return *scratch;
}

void appendObject(const api::LazyJsonObject &object, QByteArray *out)
{
    QByteArray scratch;
    out->append(canonicalText(object, &scratch));
}

// The compact wire form of a cron as QJsonDocument writes api::cronToJson(): keys in its
// (sorted) order.
void appendCompactCron(const api::Cron &cron, QByteArray *out)
{
    out->append("{\"assistant_id\":");
    appendNullableString(cron.assistantId, out);
    out->append(",\"created_at\":");
    appendNullableInstant(cron.createdAt, out);
    out->append(",\"cron_id\":");
    appendJsonString(cron.cronId, out);
    out->append(cron.enabled ? ",\"enabled\":true,\"end_time\":"
                             : ",\"enabled\":false,\"end_time\":");
    appendNullableInstant(cron.endTime, out);
    out->append(",\"metadata\":");
    appendObject(cron.metadata, out);
    out->append(",\"next_run_date\":");
    appendNullableInstant(cron.nextRunDate, out);
    out->append(",\"on_run_completed\":");
    appendNullableString(cron.onRunCompleted, out);
    out->append(",\"payload\":");
    appendObject(cron.payload, out);
    out->append(",\"schedule\":");
    appendJsonString(cron.schedule, out);
    out->append(",\"thread_id\":");
    appendNullableString(cron.threadId, out);
    out->append(",\"timezone\":");
    appendNullableString(cron.timezone, out);
    out->append(",\"updated_at\":");
    appendNullableInstant(cron.updatedAt, out);
    out->append(",\"user_id\":");
    appendNullableString(cron.userId, out);
    out->append('}');
}

void appendIndentedObject(const api::LazyJsonObject &object, int depth, QByteArray *out)
{
    QByteArray scratch;
    exportdetail::appendIndented(canonicalText(object, &scratch), depth, out);
}

// A cron as an element of the indented JSON array: the bytes exportdetail::appendIndented() makes
// of appendCompactCron() at depth 1, written in place; only payload and metadata are re-indented.
void appendIndentedCron(const api::Cron &cron, QByteArray *out)
{
    out->append("{\n        \"assistant_id\": ");
    appendNullableString(cron.assistantId, out);
    out->append(",\n        \"created_at\": ");
    appendNullableInstant(cron.createdAt, out);
    out->append(",\n        \"cron_id\": ");
    appendJsonString(cron.cronId, out);
    out->append(cron.enabled ? ",\n        \"enabled\": true,\n        \"end_time\": "
                             : ",\n        \"enabled\": false,\n        \"end_time\": ");
    appendNullableInstant(cron.endTime, out);
    out->append(",\n        \"metadata\": ");
    appendIndentedObject(cron.metadata, 2, out);
    out->append(",\n        \"next_run_date\": ");
    appendNullableInstant(cron.nextRunDate, out);
    out->append(",\n        \"on_run_completed\": ");
    appendNullableString(cron.onRunCompleted, out);
    out->append(",\n        \"payload\": ");
    appendIndentedObject(cron.payload, 2, out);
    out->append(",\n        \"schedule\": ");
    appendJsonString(cron.schedule, out);
    out->append(",\n        \"thread_id\": ");
    appendNullableString(cron.threadId, out);
    out->append(",\n        \"timezone\": ");
    appendNullableString(cron.timezone, out);
    out->append(",\n        \"updated_at\": ");
    appendNullableInstant(cron.updatedAt, out);
    out->append(",\n        \"user_id\": ");
    appendNullableString(cron.userId, out);
    out->append("\n    }", 6);
}

// models::csvField() on UTF-8: the characters it looks at are all ASCII.
void appendCsvField(QByteArrayView text, QByteArray *out)
{
    const char *begin = text.data();
    const char *end = begin + text.size();
    const bool needsQuotes = (!text.isEmpty() && (text.front() == ' ' || text.back() == ' '))
        || std::find_if(begin, end,
                        [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; })
            != end;
    if (!needsQuotes) {
        out->append(text);
        return;
    }
    // Written in place at its final size: a payload's JSON has a quote every few bytes, and an
    // append for every run and every doubled quote was a quarter of a CSV listing's time.
    const auto quotes = qsizetype(std::count(begin, end, '"'));
    const qsizetype at = out->size();
    out->resize(at + text.size() + quotes + 2);
    char *to = out->data() + at;
    *to++ = '"';
    // Runs up to and including each quote, which is then doubled.
    for (const char *p = begin; p < end;) {
        const auto *quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        const char *stop = quote ? quote + 1 : end;
        std::memcpy(to, p, size_t(stop - p));
        to += stop - p;
        if (quote)
            *to++ = '"';
        p = stop;
    }
    *to = '"';
}

void appendCsvText(const QString &text, QByteArray *out)
{
    // Ids, schedules and zones are short ASCII: converted on the stack, not in a new array.
    constexpr qsizetype stackSize = 128;
    if (text.size() <= stackSize) {
        char ascii[stackSize];
        const char16_t *units = reinterpret_cast<const char16_t *>(text.constData());
        qsizetype i = 0;
        for (; i < text.size() && units[i] < 0x80; ++i)
            ascii[i] = char(units[i]);
        if (i == text.size()) {
            appendCsvField(QByteArrayView(ascii, i), out);
            return;
        }
    }
    appendCsvField(text.toUtf8(), out);
}

void appendCsvInstant(const QDateTime &instant, QByteArray *out)
{
    if (instant.isValid())
        appendTimestampText(instant, out); // digits, '-', ':', '.', 'T', '+': never quoted
}

void appendCsvObject(const api::LazyJsonObject &object, QByteArray *out)
{
    QByteArray scratch;
    appendCsvField(canonicalText(object, &scratch), out);
}

void appendCsvCron(const api::Cron &cron, QByteArray *out)
{
    appendCsvText(cron.cronId, out);
    out->append(',');
    appendCsvText(cron.assistantId, out);
    out->append(',');
    appendCsvText(cron.threadId, out);
    out->append(',');
    appendCsvText(cron.schedule, out);
    out->append(',');
    appendCsvText(cron.timezone, out);
    out->append(',');
    appendCsvInstant(cron.nextRunDate, out);
    out->append(cron.enabled ? ",true," : ",false,");
    appendCsvInstant(cron.endTime, out);
    out->append(',');
    appendCsvText(cron.onRunCompleted, out);
    out->append(',');
    appendCsvInstant(cron.createdAt, out);
    out->append(',');
    appendCsvInstant(cron.updatedAt, out);
    out->append(',');
    appendCsvText(cron.userId, out);
    out->append(',');
    appendCsvObject(cron.metadata, out);
    out->append(',');
    appendCsvObject(cron.payload, out);
    out->append("\r\n", 2);
}

// Checks one JSON value of validated text for the canonical compact form; advances `p`.
// The first '"' or '\\' at or after `p` (or `end`), eight bytes at a time: a value's text is
// written back as it is, so only the bytes that end it or escape something need a look.
const char *skipPlainText(const char *p, const char *end)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    while (end - p >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        const quint64 quote = word ^ (ones * '"');
        const quint64 backslash = word ^ (ones * '\\');
        if ((((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs)
            break;
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\\')
        ++p;
    return p;
}

class CanonicalScanner
{
public:
    CanonicalScanner(const char *begin, const char *end)
        : m_p(begin)
        , m_end(end)
    { }

    bool document()
    {
        if (!value())
            return false;
        return m_p == m_end;
    }

private:
    bool value()
    {
        if (m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string(nullptr);
        case 't':
            return literal("true", 4);
        case 'f':
            return literal("false", 5);
        case 'n':
            return literal("null", 4);
        default:
            return number();
        }
    }

    bool literal(const char *text, qsizetype size)
    {
        if (m_end - m_p < size || std::memcmp(m_p, text, size_t(size)) != 0)
            return false;
        m_p += size;
        return true;
    }

    // Integers QJsonDocument keeps as integers and writes back as they are; anything with a
    // fraction or an exponent is written by its own double formatting, so not copied.
    bool number()
    {
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        const char *digits = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        const qsizetype count = m_p - digits;
        if (count == 0 || count > 15)
            return false;
        if (*digits == '0' && (count > 1 || digits != start)) // a leading zero, or -0
            return false;
        return m_p == m_end || *m_p == ',' || *m_p == '}' || *m_p == ']';
    }

    // Key strings must be plain printable ASCII (so that their byte order is QJsonObject's
    // order); `key` receives their text.
    bool string(QByteArrayView *key)
    {
        const char *start = ++m_p;
        while (m_p < m_end) {
            if (!key)
                m_p = skipPlainText(m_p, m_end);
            if (m_p >= m_end)
                break;
            const uchar c = uchar(*m_p);
            if (c == '"') {
                if (key)
                    *key = QByteArrayView(start, m_p - start);
                ++m_p;
                return true;
            }
            if (c == '\\') {
                if (key || m_end - m_p < 2)
                    return false;
                const char e = m_p[1];
                if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                    || e == 't') {
                    m_p += 2;
                    continue;
                }
                // \u00xx is written for the control characters without a short escape only.
                if (e != 'u' || m_end - m_p < 6 || m_p[2] != '0' || m_p[3] != '0')
                    return false;
                const char high = m_p[4];
                const char low = m_p[5];
                const bool lowHex = (low >= '0' && low <= '9') || (low >= 'a' && low <= 'f');
                if ((high != '0' && high != '1') || !lowHex)
                    return false;
                const int unit = (high - '0') * 16 + (low <= '9' ? low - '0' : low - 'a' + 10);
                if (unit == 0x08 || unit == 0x09 || unit == 0x0a || unit == 0x0c || unit == 0x0d)
                    return false;
                m_p += 6;
                continue;
            }
            if (key && (c < 0x20 || c >= 0x7f))
                return false;
            ++m_p; // validated UTF-8 is written back as it is
        }
        return false;
    }

    // Byte order, in line: keys are short and differ early, where QByteArrayView::compare()
    // costs a call into Qt and one into memcmp for every member.
    static bool precedes(QByteArrayView a, QByteArrayView b)
    {
        const qsizetype common = std::min(a.size(), b.size());
        for (qsizetype i = 0; i < common; ++i) {
            if (a[i] != b[i])
                return uchar(a[i]) < uchar(b[i]);
        }
        return a.size() < b.size();
    }

    bool object()
    {
        ++m_p;
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        QByteArrayView previous;
        bool first = true;
        while (m_p < m_end) {
            if (*m_p != '"')
                return false;
            QByteArrayView key;
            if (!string(&key))
                return false;
            // Strictly increasing: QJsonObject's order, and no duplicate it would merge.
            if (!first && !precedes(previous, key))
                return false;
            first = false;
            previous = key;
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            if (!value())
                return false;
            if (m_p >= m_end)
                return false;
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
        }
        return false;
    }

    bool array()
    {
        ++m_p;
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        while (m_p < m_end) {
            if (!value())
                return false;
            if (m_p >= m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
        }
        return false;
    }

    const char *m_p;
    const char *m_end;
};

// Appends to a QByteArray through a pointer into room made ahead, a token at a time: the
// indenter writes a byte or a few spaces between most tokens, and QByteArray::append() per byte
// was a quarter of an indented JSON listing's time. The array is cut to what was written when
// the appender goes.
class RoomyAppender final
{
public:
    explicit RoomyAppender(QByteArray *out)
        : m_out(out)
        , m_used(out->size())
    { }
    ~RoomyAppender() { m_out->resize(m_used); }
    Q_DISABLE_COPY_MOVE(RoomyAppender)

    void append(const char *bytes, qsizetype count)
    {
        std::memcpy(room(count), bytes, size_t(count));
        m_used += count;
    }
    void append(char c) { append(&c, 1); }
    // A line break and the indentation of `depth` levels of four spaces.
    void newLine(int depth)
    {
        depth = std::max(depth, 0);
        char *to = room(1 + 4 * qsizetype(depth));
        *to = '\n';
        std::memset(to + 1, ' ', size_t(4 * depth));
        m_used += 1 + 4 * qsizetype(depth);
    }

private:
    // Makes room for `count` more bytes and returns where they go.
    char *room(qsizetype count)
    {
        if (m_out->size() - m_used < count)
            // Half as much again: the bytes are not initialised, and a page's array is reused.
            m_out->resize(std::max(m_used + count, m_out->size() + m_out->size() / 2 + 4096));
        return m_out->data() + m_used;
    }

    QByteArray *m_out;
    qsizetype m_used;
};

} // namespace

namespace exportdetail {

bool isCanonicalCompactJson(QByteArrayView text)
{
    if (text.isEmpty() || text.front() != '{')
        return false;
    return CanonicalScanner(text.data(), text.data() + text.size()).document();
}

void appendCanonicalObject(QByteArrayView text, QByteArray *out)
{
    if (isCanonicalCompactJson(text))
        out->append(text);
    else
        out->append(QJsonDocument::fromJson(text.toByteArray()).toJson(QJsonDocument::Compact));
}

void appendIndented(QByteArrayView compact, int indent, QByteArray *out)
{
    // QJsonDocument's indented form of its compact form: a non-empty object or array opens a
    // line per member at one more level of four spaces, its close is on a line of its own at the
    // container's level; an empty one is "{" newline, the container's indentation, "}"; a key
    // is followed by ": ". Strings are copied (their brackets and commas are text).
    RoomyAppender to(out);
    const char *p = compact.data();
    const char *end = p + compact.size();
    int depth = indent;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            const char *start = p++;
            for (;;) {
                p = skipPlainText(p, end);
                if (p >= end || *p == '"')
                    break;
                p += 2; // an escape and the character it escapes
            }
            p = std::min(p + 1, end);
            to.append(start, p - start);
            if (p < end && *p == ':') {
                to.append(": ", 2);
                ++p;
            }
            continue;
        }
        if (c == '{' || c == '[') {
            to.append(c);
            ++p;
            if (p < end && (*p == '}' || *p == ']')) {
                to.newLine(depth);
                to.append(*p++);
            } else {
                ++depth;
                to.newLine(depth);
            }
            continue;
        }
        if (c == '}' || c == ']') {
            --depth;
            to.newLine(depth);
            to.append(c);
            ++p;
            continue;
        }
        if (c == ',') {
            to.append(',');
            to.newLine(depth);
            ++p;
            continue;
        }
        const char *start = p;
        while (p < end && *p != ',' && *p != '}' && *p != ']')
            ++p;
        to.append(start, p - start);
    }
}

} // namespace exportdetail

void CronExportWriter::begin(QByteArray *out)
{
    switch (m_format) {
    case Format::Json:
        out->append("[\n", 2);
        break;
    case Format::JsonLines:
        break;
    case Format::Csv:
        out->append("cron_id,assistant_id,thread_id,schedule,timezone,next_run_date,enabled,"
                    "end_time,on_run_completed,created_at,updated_at,user_id,metadata,payload\r\n");
        break;
    }
}

void CronExportWriter::write(const api::Cron &cron, QByteArray *out)
{
    switch (m_format) {
    case Format::Json: {
        if (m_written > 0)
            out->append(",\n", 2);
        out->append("    ", 4);
        appendIndentedCron(cron, out);
        break;
    }
    case Format::JsonLines:
        appendCompactCron(cron, out);
        out->append('\n');
        break;
    case Format::Csv:
        appendCsvCron(cron, out);
        break;
    }
    ++m_written;
}

void CronExportWriter::write(const QList<api::Cron> &crons, QByteArray *out)
{
    for (const api::Cron &cron : crons)
        write(cron, out);
}

void CronExportWriter::end(QByteArray *out)
{
    if (m_format == Format::Json)
        out->append(m_written > 0 ? "\n]\n" : "]\n");
}

} // namespace crondesk::models
