#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <variant>

namespace crondesk::models {

// A step into a JSON document: an object key or an array index.
using JsonPathStep = std::variant<QString, qsizetype>;
using JsonPath = QList<JsonPathStep>;

// A place in a text, 1-based, as an editor shows it.
struct TextPosition
{
    int line = 0;
    int column = 0;

    friend bool operator==(const TextPosition &, const TextPosition &) = default;
};

// JSON as an operator typed it in an editor: parsed, or why not and where.
struct JsonText
{
    bool isEmpty = false; // nothing but white space: the field is not set
    bool isValid = false; // parsed (an empty text is valid too)
    QJsonValue value; // the parsed object or array; undefined when empty or invalid
    TextPosition position; // where parsing failed
    QString message; // why, in words (translated)
};

// The one reader of JSON that a person wrote: an option's text, an @FILE, an editor's text, a
// filter, the journal file. A UTF-8 byte order mark in front (some editors write one) is skipped,
// so a file is read the same way by every command and every field. Scalars ("3", "true",
// "\"x\"") are values too. On failure returns nullopt and says why in `problem` (the parser's
// words); `offset`, when given, is set to the byte offset in `bytes` where it stopped.
std::optional<QJsonValue> readJsonValue(QByteArrayView bytes, QString *problem = nullptr,
                                        qsizetype *offset = nullptr);
// One line of JSON for a diff row, a review, a node name or a draft's text: objects and arrays
// compact, a scalar as JSON ("x" quoted, 3, true); empty for undefined and null.
QString compactJson(const QJsonValue &value);

// `bytes` without a leading UTF-8 byte order mark; `text` without a leading U+FEFF.
QByteArrayView withoutByteOrderMark(QByteArrayView bytes);
QStringView withoutByteOrderMark(QStringView text);

// Parses the text of a JSON editor. Only objects and arrays are accepted at the top level, as
// every JSON field of a cron is one of those.
JsonText parseJsonText(QStringView text);

// The text the format button produces: indented, keys in the order the parser keeps (sorted).
QString formatJson(const QJsonValue &value);

// The 1-based line and column of the character at `index` in `text`.
TextPosition positionOf(QStringView text, qsizetype index);

// Where the value at `path` starts in the JSON `text`, so a schema problem can be shown at its
// line. nullopt when the text does not contain the path or is not well-formed up to it.
std::optional<TextPosition> locateJsonPath(QStringView text, const JsonPath &path);

// "messages[0].role" for display; empty for the top level.
QString formatJsonPath(const JsonPath &path);

} // namespace crondesk::models
