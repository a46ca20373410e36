#pragma once

#include <QString>
#include <QStringView>

namespace crondesk::models {

// Text that came from a server (or a file) on its way to a terminal, a one-line table cell or a
// tab-separated copy. Such text can carry escape sequences that recolour or rewrite the screen,
// a carriage return that overwrites the line with a fake "ok", a newline that forges a table row,
// or a bidi override that shows characters in another order than they are. These functions make
// every such character visible instead of letting it act. JSON output needs none of this: its
// serialiser escapes control characters itself and the data stays exact.

// True for the characters neutraliseControls() replaces: C0 controls (U+0000–U+001F, tab and
// newline included), DEL, C1 controls (U+0080–U+009F), the bidi embeddings and overrides
// U+202A–U+202E, the bidi isolates U+2066–U+2069, and the line and paragraph separators
// U+2028/U+2029.
bool isControlCharacter(char32_t c);

// Each control character as a visible escape: "\t", "\n", "\r", and "\uXXXX" (upper-case hex) for
// the others, so "a\x1b[2Jb" becomes the literal text a\u001B[2Jb. Pure; everything else is kept.
QString neutraliseControls(QStringView text);

// How much of one server text a terminal line shows.
constexpr qsizetype ShownTextLimit = 1000;

// neutraliseControls(), and at most `maxCharacters` characters of `text` (never half a surrogate
// pair), followed by "… (N more characters)" when it was longer.
QString shownText(QStringView text, qsizetype maxCharacters = ShownTextLimit);

// For a message line: tabs and line breaks (CR, LF, CR LF, U+2028/U+2029) become a space first,
// as they are what a multi-line message legitimately contains; then shownText().
QString shownLine(QStringView text, qsizetype maxCharacters = ShownTextLimit);

} // namespace crondesk::models
