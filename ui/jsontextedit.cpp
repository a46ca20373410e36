#include "jsontextedit.h"

#include "jsonhighlighter.h"

#include <QFontDatabase>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

JsonTextEdit::JsonTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new JsonHighlighter(document()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setPlaceholderText(tr("Not set"));
}

JsonTextEdit::~JsonTextEdit() = default;

void JsonTextEdit::markProblem(const models::TextPosition &position, bool isError)
{
    m_marked = position;
    if (position.line <= 0) {
        setExtraSelections({});
        return;
    }
    const QTextBlock block = document()->findBlockByNumber(position.line - 1);
    if (!block.isValid()) {
        setExtraSelections({});
        return;
    }
    const QColor colour = isError ? QColor(0xb0, 0x00, 0x20) : QColor(0xc0, 0x80, 0x00);

    QTextEdit::ExtraSelection line;
    line.cursor = QTextCursor(block);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    QColor background = colour;
    background.setAlpha(28);
    line.format.setBackground(background);

    QTextEdit::ExtraSelection column;
    column.cursor = QTextCursor(block);
    const int offset = std::clamp(position.column - 1, 0, std::max(0, block.length() - 2));
    column.cursor.setPosition(block.position() + offset);
    column.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    column.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    column.format.setUnderlineColor(colour);
    QColor mark = colour;
    mark.setAlpha(70);
    column.format.setBackground(mark);

    setExtraSelections({line, column});
}

void JsonTextEdit::clearMarks()
{
    markProblem({}, false);
}

void JsonTextEdit::goTo(const models::TextPosition &position)
{
    const QTextBlock block = document()->findBlockByNumber(std::max(0, position.line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position()
                       + std::clamp(position.column - 1, 0, std::max(0, block.length() - 1)));
    setTextCursor(cursor);
    ensureCursorVisible();
}

models::TextPosition JsonTextEdit::cursorPosition() const
{
    const QTextCursor cursor = textCursor();
    return {cursor.blockNumber() + 1, cursor.positionInBlock() + 1};
}

bool JsonTextEdit::formatText()
{
    const models::JsonText parsed = models::parseJsonText(toPlainText());
    if (!parsed.isValid || parsed.isEmpty)
        return false;
    const QString formatted = models::formatJson(parsed.value);
    if (formatted == toPlainText())
        return true;
    // Through the cursor, so Undo brings the operator's layout back.
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(formatted);
    return true;
}

} // namespace crondesk::ui
