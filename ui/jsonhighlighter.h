#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace crondesk::ui {

// Colours JSON line by line: keys, strings, numbers, true/false/null. JSON strings cannot span
// lines, so no state is carried between blocks; text that is not JSON is simply left plain.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace crondesk::ui
