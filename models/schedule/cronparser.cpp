#include "cronparser_p.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::schedule::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::schedule::CronExpression", text);
}

enum FieldIndex : int { Minute, Hour, DayOfMonth, Month, DayOfWeek, Second, WholeExpression };

struct FieldSpec
{
    int minimum;
    int maximum; // day of week: 7, which croniter folds into Sunday
};

constexpr FieldSpec Specs[6] = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}, {0, 59}};

constexpr const char *MonthNames[12]
    = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char *WeekdayNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

QString fieldName(int field)
{
    switch (field) {
    case Minute:
        return tr("minute");
    case Hour:
        return tr("hour");
    case DayOfMonth:
        return tr("day of month");
    case Month:
        return tr("month");
    case DayOfWeek:
        return tr("day of week");
    case Second:
        return tr("second");
    default:
        return tr("expression");
    }
}

QString fieldTitle(int field)
{
    switch (field) {
    case Minute:
        return tr("Minute field");
    case Hour:
        return tr("Hour field");
    case DayOfMonth:
        return tr("Day-of-month field");
    case Month:
        return tr("Month field");
    case DayOfWeek:
        return tr("Day-of-week field");
    case Second:
        return tr("Second field");
    default:
        return tr("Expression");
    }
}

bool isCronSpace(QChar c)
{
    // Python's str.split() also splits on the ASCII information separators.
    const char16_t u = c.unicode();
    return c.isSpace() || (u >= 0x1c && u <= 0x1f);
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isAsciiDigit);
}

// Digits to a number, saturating: croniter reads arbitrarily long numbers, and anything this
// large is out of range (or, as a step, as good as infinite) anyway.
int digitsValue(QStringView text)
{
    int value = 0;
    for (const QChar c : text) {
        value = value * 10 + (c.unicode() - u'0');
        if (value > 1000000)
            return 1000000;
    }
    return value;
}

bool equalsIgnoringCase(QStringView text, const char *latin1)
{
    return text.compare(QLatin1StringView(latin1), Qt::CaseInsensitive) == 0;
}

class Parser final
{
public:
    Parser(QStringView text, ParseResult *result, ParseError *error)
        : m_text(text)
        , m_result(result)
        , m_error(error)
    { }

    bool parse();

private:
    struct Token
    {
        qsizetype position;
        QStringView text;
    };

    bool parseMacro(QStringView trimmed, qsizetype position);
    bool parseField(int field, const Token &token);
    bool parseItem(int field, const Token &item, const Token &wholeField);
    bool parseValue(int field, const Token &token, int *value);
    bool parseNthWeekday(const Token &item, qsizetype hash);
    bool parseLastWeekday(const Token &item);
    void addRange(int field, int low, int high, int step);

    bool fail(int field, qsizetype position, QStringView text, const QString &problem);
    bool fail(int field, const Token &token, const QString &problem)
    {
        return fail(field, token.position, token.text, problem);
    }

    Token sub(const Token &token, qsizetype from, qsizetype length = -1) const
    {
        const QStringView text = length < 0 ? token.text.mid(from) : token.text.mid(from, length);
        return {token.position + from, text};
    }

    QStringView m_text;
    ParseResult *m_result;
    ParseError *m_error;
    // Whether the day-of-week field has plain values ("1", "mon-fri", "*") and n#k / L<n> items;
    // croniter refuses to mix them. The first plain item is kept for the error message.
    std::optional<Token> m_plainWeekday;
    bool m_specialWeekday = false;
};

bool Parser::fail(int field, qsizetype position, QStringView text, const QString &problem)
{
    if (m_error) {
        m_error->field = fieldName(field);
        m_error->text = text.toString();
        m_error->column = int(position) + 1;
        m_error->message
            = tr("%1: “%2” at column %3 %4.")
                  .arg(fieldTitle(field), m_error->text, QString::number(m_error->column), problem);
    }
    return false;
}

bool Parser::parse()
{
    *m_result = ParseResult {};

    QList<Token> tokens;
    qsizetype i = 0;
    while (i < m_text.size()) {
        if (isCronSpace(m_text[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < m_text.size() && !isCronSpace(m_text[i]))
            ++i;
        tokens.append({start, m_text.mid(start, i - start)});
    }

    if (tokens.isEmpty())
        return fail(WholeExpression, 0, m_text, tr("is empty; a schedule needs 5 fields"));

    if (tokens.first().text.startsWith(u'@')) {
        if (tokens.size() == 1)
            return parseMacro(tokens.first().text, tokens.first().position);
        return fail(WholeExpression, tokens.first(),
                    tr("is a macro, which must be the whole expression"));
    }

    if (tokens.size() < 5) {
        const qsizetype first = tokens.first().position;
        const qsizetype end = tokens.last().position + tokens.last().text.size();
        return fail(WholeExpression, first, m_text.mid(first, end - first),
                    tr("has %1 fields; a schedule has 5 (minute, hour, day of month, month, "
                       "day of week), or 6 with seconds last")
                        .arg(tokens.size()));
    }
    if (tokens.size() > 6)
        return fail(WholeExpression, tokens.at(6),
                    tr("is a 7th field; the server accepts 5 fields, or 6 with seconds last"));

    m_result->hasSeconds = tokens.size() == 6;
    if (m_result->hasSeconds)
        m_result->portability |= PortabilitySeconds;
    else
        m_result->fields.seconds = 1; // fire at second 0
    for (int field = 0; field < tokens.size(); ++field) {
        if (!parseField(field, tokens.at(field)))
            return false;
    }

    CronFields &f = m_result->fields;
    // A day field is unrestricted when it matches every day of every month; then the OR rule
    // does not apply. Day 31 can come from "L" (it is always a last day), day 30 cannot.
    constexpr quint32 days1To30 = 0x7ffffffeu;
    f.dayOfMonthRestricted = !((f.daysOfMonth & days1To30) == days1To30
                               && ((f.daysOfMonth & (1u << 31)) || f.lastDayOfMonth));
    f.dayOfWeekRestricted = m_specialWeekday || f.daysOfWeek != 0x7f;
    return true;
}

bool Parser::parseMacro(QStringView token, qsizetype position)
{
    struct MacroSpec
    {
        const char *name;
        CronExpression::Macro macro;
        const char *expansion;
    };
    static constexpr MacroSpec macros[] = {
        {"@yearly", CronExpression::Macro::Yearly, "0 0 1 1 *"},
        {"@annually", CronExpression::Macro::Annually, "0 0 1 1 *"},
        {"@monthly", CronExpression::Macro::Monthly, "0 0 1 * *"},
        {"@weekly", CronExpression::Macro::Weekly, "0 0 * * 0"},
        {"@daily", CronExpression::Macro::Daily, "0 0 * * *"},
        {"@midnight", CronExpression::Macro::Midnight, "0 0 * * *"},
        {"@hourly", CronExpression::Macro::Hourly, "0 * * * *"},
    };
    for (const MacroSpec &spec : macros) {
        if (!equalsIgnoringCase(token, spec.name))
            continue;
        // croniter recognises a macro only when it is the entire string.
        if (token.size() != m_text.size())
            return fail(WholeExpression, position, token,
                        tr("must be the whole expression, without spaces around it"));
        const QString expansion = QString::fromLatin1(spec.expansion);
        Parser inner(expansion, m_result, nullptr);
        const bool ok = inner.parse();
        Q_ASSERT(ok);
        m_result->macro = spec.macro;
        m_result->portability |= PortabilityMacro;
        return ok;
    }
    if (equalsIgnoringCase(token, "@reboot"))
        return fail(WholeExpression, position, token,
                    tr("is not supported: the server has no reboot event"));
    return fail(WholeExpression, position, token,
                tr("is not a known macro (@yearly, @annually, @monthly, @weekly, @daily, "
                   "@midnight, @hourly)"));
}

bool Parser::parseField(int field, const Token &token)
{
    const QStringView text = token.text;

    if (text == u"?") {
        if (field != DayOfMonth && field != DayOfWeek)
            return fail(field, token,
                        tr("is only allowed in the day-of-month and day-of-week fields"));
        m_result->portability |= PortabilityQuestionMark;
        if (field == DayOfWeek)
            m_plainWeekday = token;
        addRange(field, Specs[field].minimum, Specs[field].maximum, 1);
        return true;
    }

    // croniter's hashed (H) and random (R) values take the whole field: H, R, H(0-29), H/15...
    const QChar first = text.front().toLower();
    if (first == u'h' || first == u'r') {
        const QStringView rest = text.mid(1);
        if (rest.isEmpty() || rest.startsWith(u'(') || rest.startsWith(u'/')) {
            if (first == u'h')
                return fail(field, token,
                            tr("uses H (a hashed value), which needs a hash id that the server "
                               "never passes"));
            return fail(field, token,
                        tr("uses R (a random value), which the server draws again every time it "
                           "computes the next run; write the value out instead"));
        }
    }

    qsizetype start = 0;
    for (;;) {
        const qsizetype comma = text.indexOf(u',', start);
        const qsizetype end = comma < 0 ? text.size() : comma;
        const Token item = sub(token, start, end - start);
        if (item.text.isEmpty()) {
            // Point at the comma that leaves the item empty.
            const qsizetype at = comma < 0 ? start - 1 : comma;
            return fail(field, token.position + at, text.mid(at, 1),
                        tr("leaves an empty item in the list"));
        }
        if (!parseItem(field, item, token))
            return false;
        if (comma < 0)
            break;
        start = comma + 1;
    }

    if (m_plainWeekday && m_specialWeekday)
        return fail(DayOfWeek, *m_plainWeekday,
                    tr("is a plain weekday mixed with n#k or L<n> items, which croniter rejects"));
    return true;
}

bool Parser::parseItem(int field, const Token &item, const Token &wholeField)
{
    const QStringView text = item.text;
    const FieldSpec spec = Specs[field];

    if (text.contains(u'?'))
        return fail(field, wholeField,
                    tr("uses ?, which is only allowed on its own in the day-of-month or "
                       "day-of-week field"));

    if (field == DayOfWeek) {
        const qsizetype hash = text.indexOf(u'#');
        if (hash >= 0)
            return parseNthWeekday(item, hash);
        if (text.front().toLower() == u'l')
            return parseLastWeekday(item);
        if (text.size() > 1 && text.back().toLower() == u'l')
            return fail(field, item,
                        tr("is Quartz syntax; the server writes the last Friday of the month as "
                           "L5"));
    } else if (text.contains(u'#')) {
        return fail(field, item, tr("uses #, which is only allowed in the day-of-week field"));
    }

    if (field == DayOfMonth) {
        if (equalsIgnoringCase(text, "l")) {
            m_result->fields.lastDayOfMonth = true;
            m_result->portability |= PortabilityLastDayOfMonth;
            return true;
        }
        if (text.front().toLower() == u'l' && !text.contains(u'-') && !text.contains(u'/')
            && !text.contains(u'w') && !text.contains(u'W'))
            return fail(field, item,
                        tr("is not valid; in the day-of-month field L stands alone (the last "
                           "day), and L<n> belongs in the day-of-week field"));
        if (text.contains(u'w') || text.contains(u'W'))
            return fail(field, item,
                        tr("uses W (nearest weekday), which the server does not support"));
    }

    Token base = item;
    int step = 1;
    bool hasStep = false;
    const qsizetype slash = text.indexOf(u'/');
    if (slash >= 0) {
        base = sub(item, 0, slash);
        const Token stepToken = sub(item, slash + 1);
        if (!allDigits(stepToken.text))
            return fail(field, stepToken.text.isEmpty() ? sub(item, slash) : stepToken,
                        tr("is not a valid step; a step is a whole number of 1 or more"));
        step = digitsValue(stepToken.text);
        if (step == 0)
            return fail(field, stepToken, tr("is a step of 0; a step must be 1 or more"));
        hasStep = true;
        if (base.text.isEmpty())
            return fail(
                field, item,
                tr("has a step but nothing to step through (write */%1)").arg(stepToken.text));
    }

    if (base.text == u"*") {
        if (field == DayOfWeek)
            m_plainWeekday = item;
        addRange(field, spec.minimum, spec.maximum, step);
        return true;
    }
    if (base.text.startsWith(u'-'))
        return fail(field, base, tr("is negative; negative numbers are not allowed"));

    int low = 0;
    int high = 0;
    const qsizetype dash = base.text.indexOf(u'-');
    if (dash >= 0) {
        const Token lowToken = sub(base, 0, dash);
        const Token highToken = sub(base, dash + 1);
        if (highToken.text.isEmpty() || highToken.text.contains(u'-'))
            return fail(field, base, tr("is not a valid range (write low-high, e.g. 1-5)"));
        if (lowToken.text == u"*" || highToken.text == u"*")
            return fail(field, base, tr("uses * inside a range; write * alone or a range"));
        if (!parseValue(field, lowToken, &low))
            return false;
        if (field == DayOfMonth && equalsIgnoringCase(highToken.text, "l")) {
            // croniter reads "a-L" as a-31, which in every month means "day a to the last day".
            high = 31;
            m_result->portability |= PortabilityRangeToLast;
        } else if (!parseValue(field, highToken, &high)) {
            return false;
        }
        if (low > high) {
            // The one wrap croniter allows: a weekday range ending in Sunday written as 0.
            if (field == DayOfWeek
                && (highToken.text == u"0" || equalsIgnoringCase(highToken.text, "sun"))) {
                high = 7;
                m_result->portability |= PortabilitySundayWrap;
            } else {
                return fail(field, base,
                            tr("runs backwards; ranges do not wrap around (split it in two, "
                               "e.g. 22-23,0-2)"));
            }
        }
    } else {
        if (!parseValue(field, base, &low))
            return false;
        high = low;
        if (hasStep) {
            // croniter reads "a/s" as "a-max/s".
            high = spec.maximum;
            m_result->portability |= PortabilityStepWithoutRange;
        }
    }
    if (field == DayOfWeek)
        m_plainWeekday = item;
    addRange(field, low, high, step);
    return true;
}

bool Parser::parseValue(int field, const Token &token, int *value)
{
    const QStringView text = token.text;
    const FieldSpec spec = Specs[field];
    if (text.isEmpty())
        return fail(field, token, tr("is missing a value"));
    if (allDigits(text)) {
        *value = digitsValue(text);
        if (*value < spec.minimum || *value > spec.maximum)
            return fail(field, token,
                        tr("is out of range (%1–%2)").arg(spec.minimum).arg(spec.maximum));
        return true;
    }
    if (field == Month) {
        for (int i = 0; i < 12; ++i) {
            if (equalsIgnoringCase(text, MonthNames[i])) {
                *value = i + 1;
                return true;
            }
        }
        return fail(field, token, tr("is not a month number (1–12) or name (jan–dec)"));
    }
    if (field == DayOfWeek) {
        for (int i = 0; i < 7; ++i) {
            if (equalsIgnoringCase(text, WeekdayNames[i])) {
                *value = i;
                return true;
            }
        }
        return fail(field, token, tr("is not a weekday number (0–7) or name (sun–sat)"));
    }
    if (field == DayOfMonth && equalsIgnoringCase(text, "l"))
        return fail(field, token, tr("uses L where only a number fits (L may end a range)"));
    if (text.front().toLower() == u'l' && text.size() == 1)
        return fail(field, token,
                    tr("uses L, which is only allowed in the day-of-month and day-of-week "
                       "fields"));
    return fail(field, token, tr("is not a number"));
}

bool Parser::parseNthWeekday(const Token &item, qsizetype hash)
{
    const Token weekday = sub(item, 0, hash);
    const Token nth = sub(item, hash + 1);
    if (weekday.text.isEmpty() || weekday.text.contains(u'-') || weekday.text.contains(u'/')
        || weekday.text == u"*")
        return fail(DayOfWeek, item,
                    tr("needs a single weekday before # (5#3 is the third Friday)"));
    if (!allDigits(nth.text) || digitsValue(nth.text) < 1 || digitsValue(nth.text) > 5)
        return fail(DayOfWeek, item, tr("needs an occurrence from 1 to 5 after #"));
    int day = 0;
    if (!parseValue(DayOfWeek, weekday, &day))
        return false;
    m_result->fields.nthWeekdays[size_t(day % 7)] |= quint8(1u << (digitsValue(nth.text) - 1));
    m_result->portability |= PortabilityNthWeekday;
    m_specialWeekday = true;
    return true;
}

bool Parser::parseLastWeekday(const Token &item)
{
    const Token weekday = sub(item, 1);
    if (weekday.text.isEmpty())
        return fail(DayOfWeek, item,
                    tr("needs a weekday number after L in this field (L5 is the last Friday)"));
    if (!allDigits(weekday.text))
        return fail(DayOfWeek, item,
                    tr("is not valid; L takes a weekday number (L5 is the last Friday)"));
    int day = 0;
    if (!parseValue(DayOfWeek, weekday, &day))
        return false;
    m_result->fields.nthWeekdays[size_t(day % 7)] |= CronFields::LastWeekdayBit;
    m_result->portability |= PortabilityLastWeekday;
    m_specialWeekday = true;
    return true;
}

void Parser::addRange(int field, int low, int high, int step)
{
    CronFields &f = m_result->fields;
    for (int v = low; v <= high; v += step) {
        switch (field) {
        case Minute:
            f.minutes |= quint64(1) << v;
            break;
        case Hour:
            f.hours |= quint32(1) << v;
            break;
        case DayOfMonth:
            f.daysOfMonth |= quint32(1) << v;
            break;
        case Month:
            f.months |= quint16(1u << v);
            break;
        case DayOfWeek:
            f.daysOfWeek |= quint8(1u << (v % 7));
            break;
        case Second:
            f.seconds |= quint64(1) << v;
            break;
        default:
            break;
        }
    }
}

} // namespace

bool parseCron(QStringView text, ParseResult *result, ParseError *error)
{
    Parser parser(text, result, error);
    return parser.parse();
}

} // namespace crondesk::schedule::detail
