#pragma once

#include <models/common/jsontext.h>

#include <QPlainTextEdit>

namespace crondesk::ui {

class JsonHighlighter;

// A plain-text editor for JSON: monospace, highlighted, Tab moves focus (so the form stays
// keyboard-navigable), and a problem can be marked at its line and column.
class JsonTextEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTextEdit)

public:
    explicit JsonTextEdit(QWidget *parent = nullptr);
    ~JsonTextEdit() override;

    // Underlines the line of `position` and marks its column; an empty position clears it.
    void markProblem(const models::TextPosition &position, bool isError);
    void clearMarks();
    models::TextPosition markedPosition() const { return m_marked; }

    // Moves the cursor to a 1-based line and column.
    void goTo(const models::TextPosition &position);
    // The cursor's 1-based line and column.
    models::TextPosition cursorPosition() const;

    // Re-indents valid JSON (undoable); returns false and leaves the text alone otherwise.
    bool formatText();

private:
    JsonHighlighter *m_highlighter;
    models::TextPosition m_marked;
};

} // namespace crondesk::ui
