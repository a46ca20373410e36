#include "jsonfieldeditor.h"

#include "fieldmessagelabel.h"
#include "jsontextedit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

JsonFieldEditor::JsonFieldEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new JsonTextEdit(this))
    , m_format(new QPushButton(tr("&Format"), this))
    , m_cursor(new QLabel(this))
    , m_status(new QLabel(this))
    , m_messages(new FieldMessageLabel(this))
{
    m_edit->setObjectName(u"jsonEdit"_s);
    m_format->setObjectName(u"formatButton"_s);
    m_format->setToolTip(tr("Re-indent the JSON (undo with Ctrl+Z)"));
    m_status->setObjectName(u"jsonStatus"_s);
    m_messages->setObjectName(u"jsonMessages"_s);
    m_messages->setDescribedWidget(m_edit);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_format);
    bar->addWidget(m_cursor);
    bar->addStretch();
    bar->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addLayout(bar);
    layout->addWidget(m_messages);

    connect(m_format, &QPushButton::clicked, m_edit, &JsonTextEdit::formatText);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_edit->clearMarks();
        updateStatus();
        Q_EMIT textChanged();
    });
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        const models::TextPosition position = m_edit->cursorPosition();
        m_cursor->setText(tr("Line %1, column %2").arg(position.line).arg(position.column));
    });
    updateStatus();
    m_cursor->setText(tr("Line %1, column %2").arg(1).arg(1));
}

JsonFieldEditor::~JsonFieldEditor() = default;

QString JsonFieldEditor::text() const
{
    return m_edit->toPlainText();
}

void JsonFieldEditor::setText(const QString &text)
{
    if (text != m_edit->toPlainText())
        m_edit->setPlainText(text);
}

void JsonFieldEditor::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

void JsonFieldEditor::setFieldName(const QString &name)
{
    m_edit->setAccessibleName(name);
    m_format->setAccessibleName(tr("Format %1").arg(name));
}

void JsonFieldEditor::setProblems(const QList<models::DraftProblem> &problems)
{
    m_messages->setProblems(problems);
    const auto first = std::find_if(problems.begin(), problems.end(),
                                    [](const auto &problem) { return problem.position.line > 0; });
    const auto firstError = std::find_if(problems.begin(), problems.end(), [](const auto &p) {
        return p.isError() && p.position.line > 0;
    });
    if (firstError != problems.end())
        m_edit->markProblem(firstError->position, true);
    else if (first != problems.end())
        m_edit->markProblem(first->position, false);
    else
        m_edit->clearMarks();
}

bool JsonFieldEditor::hasError() const
{
    return m_messages->hasError();
}

QString JsonFieldEditor::messages() const
{
    return m_messages->plainText();
}

void JsonFieldEditor::updateStatus()
{
    const models::JsonText parsed = models::parseJsonText(m_edit->toPlainText());
    if (parsed.isEmpty)
        m_status->setText(tr("Not set"));
    else if (parsed.isValid)
        m_status->setText(tr("Valid JSON"));
    else
        m_status->setText(tr("Invalid JSON"));
    m_format->setEnabled(parsed.isValid && !parsed.isEmpty);
}

} // namespace crondesk::ui
