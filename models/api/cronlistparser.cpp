// The decoder of cron search pages: a single pass over the bytes that validates all of the JSON,
// builds each Cron's own fields directly, and leaves `payload` and `metadata` as validated slices
// of the page for LazyJsonObject. QJsonDocument would build a tree of every nested value first,
// which costs most of the time of a 100,000-cron fetch; this does not.
#include "cronlistparser.h"

#include "timestamp.h"

#include <QHash>
#include <QStringDecoder>
#include <QVarLengthArray>
#include <QtEndian>

#include <cctype>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// The Cron fields a key names.
enum class Field {
    Other,
    CronId,
    AssistantId,
    ThreadId,
    Schedule,
    Timezone,
    OnRunCompleted,
    UserId,
    EndTime,
    NextRunDate,
    CreatedAt,
    UpdatedAt,
    Payload,
    Metadata,
    Enabled,
};

Field fieldOf(QByteArrayView key)
{
    // By length first: one comparison instead of fourteen, on the hot path of every member.
    // Each comparison is of a known length, so the compiler does it in a register or two;
    // QByteArrayView's == is a call into Qt (6 % of a page's decoding).
    const auto is = [&key]<qsizetype N>(const char(&name)[N]) {
        return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
    };
    switch (key.size()) {
    case 7:
        if (is("cron_id"))
            return Field::CronId;
        if (is("user_id"))
            return Field::UserId;
        if (is("payload"))
            return Field::Payload;
        if (is("enabled"))
            return Field::Enabled;
        break;
    case 8:
        if (is("schedule"))
            return Field::Schedule;
        if (is("timezone"))
            return Field::Timezone;
        if (is("end_time"))
            return Field::EndTime;
        if (is("metadata"))
            return Field::Metadata;
        break;
    case 9:
        if (is("thread_id"))
            return Field::ThreadId;
        break;
    case 10:
        if (is("created_at"))
            return Field::CreatedAt;
        if (is("updated_at"))
            return Field::UpdatedAt;
        break;
    case 12:
        if (is("assistant_id"))
            return Field::AssistantId;
        break;
    case 13:
        if (is("next_run_date"))
            return Field::NextRunDate;
        break;
    case 16:
        if (is("on_run_completed"))
            return Field::OnRunCompleted;
        break;
    default:
        break;
    }
    return Field::Other;
}

// The wire name of a field, as MalformedField::field holds it.
QString fieldName(Field field)
{
    switch (field) {
    case Field::CronId:
        return u"cron_id"_s;
    case Field::AssistantId:
        return u"assistant_id"_s;
    case Field::ThreadId:
        return u"thread_id"_s;
    case Field::Schedule:
        return u"schedule"_s;
    case Field::Timezone:
        return u"timezone"_s;
    case Field::OnRunCompleted:
        return u"on_run_completed"_s;
    case Field::UserId:
        return u"user_id"_s;
    case Field::EndTime:
        return u"end_time"_s;
    case Field::NextRunDate:
        return u"next_run_date"_s;
    case Field::CreatedAt:
        return u"created_at"_s;
    case Field::UpdatedAt:
        return u"updated_at"_s;
    case Field::Payload:
        return u"payload"_s;
    case Field::Metadata:
        return u"metadata"_s;
    case Field::Enabled:
        return u"enabled"_s;
    case Field::Other:
        break;
    }
    return {};
}

// Whether any byte of `word` equals `byte`: the classic "has zero byte" test on word ^ byte.
constexpr quint64 hasByte(quint64 word, char byte)
{
    const quint64 x = word ^ (0x0101010101010101ULL * uchar(byte));
    return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

class Scanner
{
public:
    Scanner(const QByteArray &page, CronDecoding decoding)
        : m_page(page)
        , m_begin(page.constData())
        , m_p(m_begin)
        , m_end(m_begin + page.size())
        , m_decoding(decoding)
    { }

    std::optional<Cron> parseOne(QString *error)
    {
        Cron cron;
        if (!parseSingle(&cron)) {
            if (error)
                *error = m_error;
            return std::nullopt;
        }
        return cron;
    }

    std::optional<QList<Cron>> parse(QString *error)
    {
        QList<Cron> crons;
        if (!parseArray(&crons)) {
            if (error)
                *error = m_error;
            return std::nullopt;
        }
        return crons;
    }

private:
    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = u"invalid JSON at offset %1: %2"_s.arg(m_p - m_begin).arg(what);
        return false;
    }
    bool failShape(const QString &what)
    {
        m_error = what;
        return false;
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool consume(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    // A string token at m_p (which is '"'). Sets [start, stop) to its raw contents and `plain` to
    // whether they need no decoding (ASCII without escapes). Validates escapes and UTF-8.
    bool scanString(const char **start, const char **stop, bool *plain)
    {
        ++m_p; // the opening quote
        *start = m_p;
        *plain = true;
        // Eight bytes at a time while they are plain ASCII (no quote, backslash, control
        // character or UTF-8 byte): most of a page is such text. (Sixteen with SSE2 was tried:
        // no difference measured, the strings are short.)
        for (;;) {
            while (m_end - m_p >= 8) {
                quint64 word;
                std::memcpy(&word, m_p, 8);
                word = qFromLittleEndian(word); // byte 0 in the lowest bits
                const quint64 flags = hasByte(word, '"') | hasByte(word, '\\')
                    | ((word - 0x2020202020202020ULL) & ~word & 0x8080808080808080ULL)
                    | (word & 0x8080808080808080ULL);
                if (flags == 0) {
                    m_p += 8;
                    continue;
                }
                // The lowest flagged byte is exact (false positives only sit above a real one).
                m_p += qCountTrailingZeroBits(flags) / 8;
                break;
            }
            if (m_p < m_end && *m_p == '"') {
                *stop = m_p++;
                return true;
            }
            if (m_p >= m_end || uchar(*m_p) < 0x20 || uchar(*m_p) >= 0x80 || *m_p == '\\'
                || m_end - m_p < 8)
                break; // the careful loop below takes over
            ++m_p;
        }
        while (m_p < m_end) {
            const uchar c = uchar(*m_p);
            if (c == '"') {
                *stop = m_p++;
                return true;
            }
            if (c < 0x20)
                return fail(u"control character in a string"_s);
            if (c == '\\') {
                *plain = false;
                if (++m_p >= m_end)
                    break;
                const char e = *m_p;
                if (e == 'u') {
                    for (int i = 1; i <= 4; ++i) {
                        if (m_p + i >= m_end || !std::isxdigit(uchar(m_p[i])))
                            return fail(u"bad \\u escape"_s);
                    }
                    m_p += 5;
                    continue;
                }
                if (!std::strchr("\"\\/bfnrt", e) || e == '\0')
                    return fail(u"bad escape"_s);
                ++m_p;
                continue;
            }
            if (c >= 0x80) {
                *plain = false;
                if (!skipUtf8Sequence())
                    return fail(u"invalid UTF-8 in a string"_s);
                continue;
            }
            ++m_p;
        }
        return fail(u"unterminated string"_s);
    }

    bool skipUtf8Sequence()
    {
        const uchar c = uchar(*m_p);
        int length = 0;
        char32_t minimum = 0;
        char32_t code = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
            code = c & 0x07;
        } else {
            return false;
        }
        if (m_end - m_p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            const uchar next = uchar(m_p[i]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        m_p += length;
        return true;
    }

    // The text of a string token validated by scanString. Like QJsonDocument (and Python's json),
    // a \u escape gives that UTF-16 code unit as is, a lone surrogate included, so that both
    // decoders read the same text.
    // `keepLeadingBom`: a U+FEFF at the very start is kept too (see memberName()).
    static QString decodeString(const char *start, const char *stop, bool plain,
                                bool keepLeadingBom = false)
    {
        if (plain)
            return QString::fromLatin1(start, stop - start);
        QString text;
        text.reserve(stop - start);
        const char *run = start; // bytes without escapes since the last one: UTF-8
        for (const char *p = start; p < stop; ++p) {
            if (*p != '\\')
                continue;
            // never splits a sequence: '\\' is ASCII
            appendUtf8(text, run, p, run == start && !keepLeadingBom);
            const char e = *++p;
            switch (e) {
            case 'u': {
                char16_t unit = 0;
                for (int i = 1; i <= 4; ++i) {
                    const char digit = p[i];
                    unit = char16_t(unit * 16
                                    + (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10));
                }
                text += QChar(unit);
                p += 4;
                break;
            }
            case 'b':
                text += u'\b';
                break;
            case 'f':
                text += u'\f';
                break;
            case 'n':
                text += u'\n';
                break;
            case 'r':
                text += u'\r';
                break;
            case 't':
                text += u'\t';
                break;
            default: // " \ /
                text += QLatin1Char(e);
            }
            run = p + 1;
        }
        appendUtf8(text, run, stop, run == start && !keepLeadingBom);
        return text;
    }

    // One run of a string's text between escapes. A U+FEFF that begins a later run is a character
    // (QString::fromUtf8 would take it for a byte order mark and drop it); at the very start of
    // the string it is dropped, as QJsonDocument, the payload's reader, drops it there.
    static void appendUtf8(QString &text, const char *from, const char *to, bool first)
    {
        if (first) {
            text += QString::fromUtf8(from, to - from);
            return;
        }
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
        text += decoder.decode(QByteArrayView(from, to - from));
    }

    bool skipLiteral(const char *word)
    {
        const size_t length = std::strlen(word);
        if (size_t(m_end - m_p) < length || std::memcmp(m_p, word, length) != 0)
            return fail(u"unexpected character"_s);
        m_p += length;
        return true;
    }

    bool skipNumber()
    {
        const char *start = m_p;
        auto digits = [this] {
            const char *start = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p > start;
        };
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return fail(u"bad number"_s);
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return fail(u"bad number"_s);
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return fail(u"bad number"_s);
        }
        // Valid JSON, but is it a double? QJsonDocument refuses numbers beyond a double's range
        // (1e400, 1e-400, 400 digits), so an object holding one could not be read later. A short
        // integer always is one; anything else is asked the way QJsonDocument asks.
        const QByteArrayView number(start, m_p - start);
        if (number.size() > 15 || number.contains('.') || number.contains('e')
            || number.contains('E')) {
            bool ok = false;
            (void)number.toDouble(&ok);
            m_numberOutOfRange = m_numberOutOfRange || !ok;
        }
        return true;
    }

    // Validates one value of any kind and moves past it. Iterative, with one byte of memory per
    // open container, so that no nesting a server sends can exhaust the stack; `depth`, when
    // given, receives how deeply the value nests (a scalar 0, [] 1, [[]] 2).
    bool skipValue(int *depth = nullptr)
    {
        QVarLengthArray<char, 64> open; // '{' or '[' per container not yet closed
        qsizetype deepest = 0;
        const char *start = nullptr;
        const char *stop = nullptr;
        bool plain = true;
        for (;;) {
            // A value.
            skipSpace();
            if (m_p >= m_end)
                return fail(u"unexpected end of the document"_s);
            bool closed = false; // a complete value was just read
            switch (*m_p) {
            case '{':
            case '[': {
                const char kind = *m_p++;
                open.append(kind);
                deepest = std::max(deepest, open.size());
                if (consume(kind == '{' ? '}' : ']')) {
                    open.removeLast();
                    closed = true;
                } else if (kind == '{' && !memberName()) {
                    return false;
                }
                break;
            }
            case '"':
                if (!scanString(&start, &stop, &plain))
                    return false;
                closed = true;
                break;
            case 't':
                if (!skipLiteral("true"))
                    return false;
                closed = true;
                break;
            case 'f':
                if (!skipLiteral("false"))
                    return false;
                closed = true;
                break;
            case 'n':
                if (!skipLiteral("null"))
                    return false;
                closed = true;
                break;
            default:
                if (!skipNumber())
                    return false;
                closed = true;
                break;
            }
            // After a value: close what it ends, or go on to the next member or element.
            while (closed) {
                if (open.isEmpty()) {
                    if (depth)
                        *depth = int(std::min<qsizetype>(deepest, std::numeric_limits<int>::max()));
                    return true;
                }
                const bool object = open.last() == '{';
                if (consume(',')) {
                    if (object && !memberName())
                        return false;
                    closed = false;
                } else if (consume(object ? '}' : ']')) {
                    open.removeLast();
                } else {
                    return fail(object ? u"expected ',' or '}'"_s : u"expected ',' or ']'"_s);
                }
            }
        }
    }

    // A member name and its colon, inside an object. With `name`, its bytes: raw when they need
    // no decoding, else decoded into `decoded`.
    bool memberName(QByteArrayView *name = nullptr, QByteArray *decoded = nullptr)
    {
        skipSpace();
        if (m_p >= m_end || *m_p != '"')
            return fail(u"expected a member name"_s);
        const char *start = nullptr;
        const char *stop = nullptr;
        bool plain = true;
        if (!scanString(&start, &stop, &plain))
            return false;
        if (name && plain) {
            *name = QByteArrayView(start, stop - start);
        } else if (name) {
            // A name that begins with U+FEFF is not the name without it ("\uFEFFcron_id" is not
            // "cron_id"), as Python's json, the server's, reads it. (QJsonDocument drops the mark
            // but files the member under the name with it, so value("cron_id") misses it too.)
            *decoded = decodeString(start, stop, plain, true).toUtf8();
            *name = *decoded;
        }
        return consume(':') || fail(u"expected ':'"_s);
    }

    // A string value next (after white space): scans it into [start, stop) as scanString()
    // does. False, with m_p left on the value, when the value is not a string; sets `error` when
    // the string is broken.
    bool stringValue(const char **start, const char **stop, bool *plain, bool *error)
    {
        skipSpace();
        *error = false;
        if (m_p >= m_end || *m_p != '"')
            return false;
        *error = !scanString(start, stop, plain);
        return !*error;
    }

    // Skips a value the field cannot use and records what it was.
    bool skipMalformed(Cron *cron, QLatin1StringView field, MalformedProblem problem)
    {
        skipSpace();
        const char *start = m_p;
        if (!skipValue())
            return false;
        if (QByteArrayView(start, m_p - start) != "null")
            cron->malformed.append({field, malformedExcerpt(QByteArrayView(start, m_p - start)),
                                    malformedProblem(problem)});
        return true;
    }

    // A string value for a text field: its text, or empty when the value is null or not a
    // string (treated as missing, as the object decoder does).
    bool readText(Cron *cron, QLatin1StringView field, QString *target, bool intern = true)
    {
        const char *start = nullptr;
        const char *stop = nullptr;
        bool plain = true;
        bool broken = false;
        if (stringValue(&start, &stop, &plain, &broken)) {
            if (!plain || !intern) {
                *target = decodeString(start, stop, plain);
                return true;
            }
            const QByteArrayView bytes(start, stop - start);
            auto it = m_interned.constFind(bytes);
            if (it == m_interned.cend())
                it = m_interned.insert(bytes, QString::fromLatin1(bytes));
            *target = it.value();
            return true;
        }
        target->clear();
        return !broken && skipMalformed(cron, field, MalformedProblem::NotText);
    }

    bool readInstant(Cron *cron, QLatin1StringView field, QDateTime *target)
    {
        const char *start = nullptr;
        const char *stop = nullptr;
        bool plain = true;
        bool broken = false;
        if (stringValue(&start, &stop, &plain, &broken)) {
            *target = plain ? parseTimestamp(QByteArrayView(start, stop - start))
                            : parseTimestamp(decodeString(start, stop, plain));
            if (!target->isValid()) {
                // A date that is not one is never shown as a date: kept out, and recorded.
                cron->malformed.append({field, malformedExcerpt(QByteArrayView(start - 1, m_p)),
                                        malformedProblem(MalformedProblem::NotTimestamp)});
            }
            return true;
        }
        *target = QDateTime();
        return !broken && skipMalformed(cron, field, MalformedProblem::NotTimestamp);
    }

    bool readObject(Cron *cron, QLatin1StringView field, LazyJsonObject::Slice *target)
    {
        skipSpace();
        if (m_p < m_end && *m_p == '{') {
            const char *start = m_p;
            int depth = 0;
            m_numberOutOfRange = false;
            if (!skipValue(&depth))
                return false;
            if (depth > maxReadableNesting || m_numberOutOfRange) {
                // Valid, but not something the object parser reads (too deep, or a number no
                // double holds): this field alone is lost, not the cron, and not the page.
                *target = {};
                cron->malformed.append(
                    {field, malformedExcerpt(QByteArrayView(start, m_p)),
                     malformedProblem(depth > maxReadableNesting
                                          ? MalformedProblem::TooDeep
                                          : MalformedProblem::NumberOutOfRange)});
                return true;
            }
            target->begin = m_arena.size();
            m_arena.append(start, m_p - start);
            target->end = m_arena.size();
            return true;
        }
        *target = {}; // not an object: treated as missing
        return skipMalformed(cron, field, MalformedProblem::NotObject);
    }

    bool readCron(Cron *cron)
    {
        cron->enabled = true; // servers before 0.7.15 cannot pause
        m_current = {};
        ++m_p; // '{'
        if (consume('}'))
            return true;
        do {
            QByteArrayView name;
            QByteArray decoded;
            if (!memberName(&name, &decoded))
                return false;
            const Field field = fieldOf(name);
            // A member named twice: the last one counts, as in QJsonObject and Python's json,
            // including what was wrong with an earlier one.
            if (field != Field::Other && !cron->malformed.isEmpty())
                forgetMalformed(cron, field);
            bool ok = true;
            switch (field) {
            case Field::CronId:
                ok = readText(cron, "cron_id"_L1, &cron->cronId, false); // unique: nothing to share
                break;
            case Field::AssistantId:
                ok = readText(cron, "assistant_id"_L1, &cron->assistantId);
                break;
            case Field::ThreadId:
                ok = readText(cron, "thread_id"_L1, &cron->threadId);
                break;
            case Field::Schedule:
                ok = readText(cron, "schedule"_L1, &cron->schedule);
                break;
            case Field::Timezone:
                ok = readText(cron, "timezone"_L1, &cron->timezone);
                break;
            case Field::OnRunCompleted:
                ok = readText(cron, "on_run_completed"_L1, &cron->onRunCompleted);
                break;
            case Field::UserId:
                ok = readText(cron, "user_id"_L1, &cron->userId);
                break;
            case Field::EndTime:
                ok = readInstant(cron, "end_time"_L1, &cron->endTime);
                break;
            case Field::NextRunDate:
                ok = readInstant(cron, "next_run_date"_L1, &cron->nextRunDate);
                break;
            case Field::CreatedAt:
                ok = readInstant(cron, "created_at"_L1, &cron->createdAt);
                break;
            case Field::UpdatedAt:
                ok = readInstant(cron, "updated_at"_L1, &cron->updatedAt);
                break;
            case Field::Payload:
                ok = readObject(cron, "payload"_L1, &m_current.payload);
                break;
            case Field::Metadata:
                ok = readObject(cron, "metadata"_L1, &m_current.metadata);
                break;
            case Field::Enabled:
                skipSpace();
                if (m_p < m_end && *m_p == 't') {
                    ok = skipLiteral("true");
                    cron->enabled = true;
                } else if (m_p < m_end && *m_p == 'f') {
                    ok = skipLiteral("false");
                    cron->enabled = false;
                } else {
                    ok = skipMalformed(cron, "enabled"_L1, MalformedProblem::NotBoolean);
                    cron->enabled = true;
                }
                break;
            case Field::Other:
                ok = skipValue();
                break;
            }
            if (!ok)
                return false;
        } while (consume(','));
        return consume('}') || fail(u"expected ',' or '}'"_s);
    }

    static void forgetMalformed(Cron *cron, Field field)
    {
        const QString name = fieldName(field);
        cron->malformed.removeIf([&name](const MalformedField &f) { return f.field == name; });
    }

    bool requiredFieldsPresent(const Cron &cron)
    {
        if (!cron.cronId.isEmpty()
            && (!cron.schedule.isEmpty() || m_decoding != CronDecoding::Full))
            return true;
        return failShape(cron.cronId.isEmpty()
                             ? u"a cron without a \"cron_id\" string"_s
                             : u"cron %1 has no \"schedule\" string"_s.arg(cron.cronId));
    }

    // A UTF-8 byte order mark before the document is skipped, as QJsonDocument (which reads every
    // other answer) and the reader of JSON a person typed skip it: one rule everywhere.
    void skipByteOrderMark()
    {
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            m_p += 3;
    }

    // Nothing but white space left.
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end || fail(u"garbage after the document"_s);
    }

    // The document is not the `expected` shape: says so if it is JSON at all, else why not.
    bool failNotA(const QString &expected)
    {
        if (m_p < m_end && !skipValue())
            return false;
        return atEnd() && failShape(expected);
    }

    bool parseSingle(Cron *cron)
    {
        skipByteOrderMark();
        skipSpace();
        if (m_p >= m_end || *m_p != '{')
            return failNotA(u"expected a JSON object"_s);
        if (!readCron(cron) || !atEnd())
            return false;
        if (!requiredFieldsPresent(*cron))
            return false;
        sortMalformed(&cron->malformed);
        LazyJsonObject::fromValidatedJson(m_arena, m_current.payload, m_current.metadata,
                                          &cron->payload, &cron->metadata);
        return true;
    }

    bool parseArray(QList<Cron> *crons)
    {
        skipByteOrderMark();
        skipSpace();
        if (m_p >= m_end || *m_p != '[')
            return failNotA(u"expected a JSON array of crons"_s);
        ++m_p;
        // A page is about 800 bytes a cron, half of it nested objects (a snapshot's compact
        // lines about 650); reserving for the smaller avoids regrowing, which would move every
        // cron read so far.
        crons->reserve(qsizetype((m_end - m_p) / 600) + 1);
        m_nested.reserve(crons->capacity());
        m_arena.reserve((m_end - m_p) * 3 / 5);
        if (!consume(']')) {
            do {
                skipSpace();
                if (m_p >= m_end)
                    return fail(u"unexpected end of the document"_s);
                if (*m_p != '{') {
                    if (!skipValue())
                        return false;
                    return failShape(
                        u"element %1 of the cron list is not an object"_s.arg(crons->size()));
                }
                Cron cron;
                if (!readCron(&cron))
                    return false;
                if (!requiredFieldsPresent(cron))
                    return false;
                sortMalformed(&cron.malformed);
                crons->append(std::move(cron));
                m_nested.append(m_current);
            } while (consume(','));
            if (!consume(']'))
                return fail(u"expected ',' or ']'"_s);
        }
        if (!atEnd())
            return false;
        // Only now, with the arena complete, can the crons share it. (Not squeezed: that would
        // copy it once more for the sake of a tenth of its size.)
        for (qsizetype i = 0; i < crons->size(); ++i) {
            Cron &cron = (*crons)[i];
            LazyJsonObject::fromValidatedJson(m_arena, m_nested.at(i).payload,
                                              m_nested.at(i).metadata, &cron.payload,
                                              &cron.metadata);
        }
        return true;
    }

    const QByteArray &m_page;
    const char *m_begin;
    const char *m_p;
    const char *m_end;
    CronDecoding m_decoding;
    QString m_error;
    // Values that repeat across a page (assistant ids, schedules, zones) become one shared
    // QString each: fewer allocations, less memory for 100,000 crons.
    QHash<QByteArrayView, QString> m_interned;
    // The nested objects of the page, copied next to each other: the page itself (twice their
    // size) can then be freed.
    QByteArray m_arena;
    struct Nested
    {
        LazyJsonObject::Slice payload;
        LazyJsonObject::Slice metadata;
    };
    QList<Nested> m_nested;
    Nested m_current;
    bool m_numberOutOfRange = false; // skipNumber() met a number no double holds
};

} // namespace

std::optional<QList<Cron>> parseCronList(const QByteArray &page, QString *error,
                                         CronDecoding decoding)
{
    return Scanner(page, decoding).parse(error);
}

std::optional<Cron> parseCron(const QByteArray &body, QString *error)
{
    return Scanner(body, CronDecoding::Full).parseOne(error);
}

} // namespace crondesk::api
