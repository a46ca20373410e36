#include "jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// Just enough of a JSON reader to walk to a path in text that QJsonDocument has already accepted
// (or that is well-formed up to the place we look for); it never builds values.
class JsonScanner final
{
public:
    explicit JsonScanner(QStringView text)
        : m_text(text)
    { }

    qsizetype position() const { return m_pos; }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    bool consume(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    bool peek(QChar c)
    {
        skipSpace();
        return m_pos < m_text.size() && m_text.at(m_pos) == c;
    }

    // Reads a string at the current position; the decoded text goes to `out`.
    bool readString(QString *out)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != u'"')
            return false;
        const qsizetype start = m_pos;
        ++m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != u'"') {
            if (m_text.at(m_pos) == u'\\')
                ++m_pos;
            ++m_pos;
        }
        if (m_pos >= m_text.size())
            return false;
        ++m_pos;
        if (out) {
            // Let the real parser decode escapes.
            const QString wrapped = u'[' + m_text.mid(start, m_pos - start).toString() + u']';
            const QJsonDocument doc = QJsonDocument::fromJson(wrapped.toUtf8());
            *out = doc.array().at(0).toString();
        }
        return true;
    }

    bool skipValue()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return false;
        const QChar c = m_text.at(m_pos);
        if (c == u'"')
            return readString(nullptr);
        if (c == u'{' || c == u'[') {
            int depth = 0;
            while (m_pos < m_text.size()) {
                const QChar d = m_text.at(m_pos);
                if (d == u'"') {
                    if (!readString(nullptr))
                        return false;
                    continue;
                }
                if (d == u'{' || d == u'[')
                    ++depth;
                else if (d == u'}' || d == u']')
                    --depth;
                ++m_pos;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const QChar d = m_text.at(m_pos);
            if (d == u',' || d == u'}' || d == u']' || d.isSpace())
                break;
            ++m_pos;
        }
        return m_pos > start;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

} // namespace

TextPosition positionOf(QStringView text, qsizetype index)
{
    TextPosition position {1, 1};
    const qsizetype end = std::min(index, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text.at(i) == u'\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

QByteArrayView withoutByteOrderMark(QByteArrayView bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.sliced(3) : bytes;
}

QStringView withoutByteOrderMark(QStringView text)
{
    return text.startsWith(QChar(0xFEFF)) ? text.sliced(1) : text;
}

std::optional<QJsonValue> readJsonValue(QByteArrayView bytes, QString *problem, qsizetype *offset)
{
    const QByteArrayView body = withoutByteOrderMark(bytes);
    const qsizetype skipped = bytes.size() - body.size();
    // Wrapped in an array, so that scalars parse too; the offset is mapped back to `bytes`.
    QByteArray wrapped;
    wrapped.reserve(body.size() + 2);
    wrapped.append('[').append(body).append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1) {
        if (problem)
            *problem = error.error != QJsonParseError::NoError
                ? error.errorString()
                : QCoreApplication::translate("JsonText", "not one value");
        if (offset)
            *offset = std::clamp<qsizetype>(error.offset - 1 + skipped, 0, bytes.size());
        return std::nullopt;
    }
    return document.array().first();
}

JsonText parseJsonText(QStringView text)
{
    JsonText result;
    result.value = QJsonValue(QJsonValue::Undefined);
    if (text.trimmed().isEmpty()) {
        result.isEmpty = true;
        result.isValid = true;
        return result;
    }
    const QByteArray utf8 = text.toUtf8();
    QString problem;
    qsizetype offset = 0;
    const std::optional<QJsonValue> value = readJsonValue(utf8, &problem, &offset);
    if (!value) {
        // The offset counts UTF-8 bytes and points just past the offending character; the editor
        // counts characters and should point at it. (fromUtf8 drops a leading byte order mark,
        // which the editor counts as a character.)
        const qsizetype bom = text.size() - withoutByteOrderMark(text).size();
        const qsizetype index
            = std::max<qsizetype>(0, QString::fromUtf8(utf8.left(offset)).size() + bom - 1);
        result.position = positionOf(text, index);
        result.message = problem;
        return result;
    }
    if (!value->isObject() && !value->isArray()) {
        result.position = {1, 1};
        result.message = QCoreApplication::translate("JsonText", "expected an object or an array");
        return result;
    }
    result.value = *value;
    result.isValid = true;
    return result;
}

QString formatJson(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isObject())
        document = QJsonDocument(value.toObject());
    else if (value.isArray())
        document = QJsonDocument(value.toArray());
    else
        return {};
    QString text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

std::optional<TextPosition> locateJsonPath(QStringView text, const JsonPath &path)
{
    JsonScanner scanner(text);
    for (const JsonPathStep &step : path) {
        if (const QString *key = std::get_if<QString>(&step)) {
            if (!scanner.consume(u'{'))
                return std::nullopt;
            if (scanner.peek(u'}'))
                return std::nullopt;
            while (true) {
                QString name;
                if (!scanner.readString(&name) || !scanner.consume(u':'))
                    return std::nullopt;
                if (name == *key)
                    break;
                if (!scanner.skipValue() || !scanner.consume(u','))
                    return std::nullopt;
            }
        } else {
            const qsizetype index = std::get<qsizetype>(step);
            if (!scanner.consume(u'[') || scanner.peek(u']'))
                return std::nullopt;
            for (qsizetype i = 0; i < index; ++i) {
                if (!scanner.skipValue() || !scanner.consume(u','))
                    return std::nullopt;
            }
        }
    }
    scanner.skipSpace();
    if (scanner.position() >= text.size())
        return std::nullopt;
    return positionOf(text, scanner.position());
}

QString formatJsonPath(const JsonPath &path)
{
    QString text;
    for (const JsonPathStep &step : path) {
        if (const QString *key = std::get_if<QString>(&step)) {
            if (!text.isEmpty())
                text += u'.';
            text += *key;
        } else {
            text += u'[' + QString::number(std::get<qsizetype>(step)) + u']';
        }
    }
    return text;
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isUndefined() || value.isNull())
        return {};
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace crondesk::models
