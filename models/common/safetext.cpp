#include "safetext.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

bool isControlCharacter(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

QString neutraliseControls(QStringView text)
{
    // Most text has nothing to replace: return it without building a copy character by character.
    const auto firstControl = std::find_if(text.cbegin(), text.cend(),
                                           [](QChar c) { return isControlCharacter(c.unicode()); });
    if (firstControl == text.cend())
        return text.toString();
    QString out;
    out.reserve(text.size() + 16);
    out.append(text.left(firstControl - text.cbegin()));
    for (auto it = firstControl; it != text.cend(); ++it) {
        const char16_t c = it->unicode();
        if (!isControlCharacter(c)) {
            out.append(*it);
            continue;
        }
        switch (c) {
        case u'\t':
            out.append("\\t"_L1);
            break;
        case u'\n':
            out.append("\\n"_L1);
            break;
        case u'\r':
            out.append("\\r"_L1);
            break;
        default:
            out.append("\\u"_L1 + QString::number(c, 16).toUpper().rightJustified(4, u'0'));
            break;
        }
    }
    return out;
}

QString shownText(QStringView text, qsizetype maxCharacters)
{
    if (text.size() <= maxCharacters)
        return neutraliseControls(text);
    qsizetype keep = std::max<qsizetype>(0, maxCharacters);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    const qsizetype rest = text.size() - keep;
    return neutraliseControls(text.left(keep))
        + QCoreApplication::translate("SafeText", "… (%n more character(s))", nullptr, int(rest));
}

QString shownLine(QStringView text, qsizetype maxCharacters)
{
    QString line = text.toString();
    line.replace("\r\n"_L1, " "_L1);
    for (const char16_t c : {u'\r', u'\n', u'\t', u'\u2028', u'\u2029'})
        line.replace(QChar(c), u' ');
    return shownText(line, maxCharacters);
}

} // namespace crondesk::models
