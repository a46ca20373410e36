#pragma once

#include <models/editor/cronvalidation.h>

#include <QWidget>

class QLabel;
class QPushButton;

namespace crondesk::ui {

class FieldMessageLabel;
class JsonTextEdit;

// One JSON field of the editor: the text, a Format button, the cursor's line and column, whether
// the text is valid JSON right now, and the field's problems with the first one marked in the
// text.
class JsonFieldEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonFieldEditor)

public:
    explicit JsonFieldEditor(QWidget *parent = nullptr);
    ~JsonFieldEditor() override;

    QString text() const;
    void setText(const QString &text);
    void setPlaceholderText(const QString &text);
    // Names the field for assistive technology ("Input JSON").
    void setFieldName(const QString &name);

    void setProblems(const QList<models::DraftProblem> &problems);
    bool hasError() const;
    QString messages() const;

    JsonTextEdit *editor() const { return m_edit; }
    QPushButton *formatButton() const { return m_format; }

Q_SIGNALS:
    void textChanged();

private:
    void updateStatus();

    JsonTextEdit *m_edit;
    QPushButton *m_format;
    QLabel *m_cursor;
    QLabel *m_status;
    FieldMessageLabel *m_messages;
};

} // namespace crondesk::ui
