#pragma once

#include <models/editor/cronvalidation.h>

#include <QLabel>

namespace crondesk::ui {

// The messages of one form field, right under it: errors first, then warnings, each with its
// sign. Hidden when there is nothing to say. The plain text is also its accessible description,
// so a screen reader announces it with the field.
class FieldMessageLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldMessageLabel)

public:
    explicit FieldMessageLabel(QWidget *parent = nullptr);

    void setProblems(const QList<models::DraftProblem> &problems);
    QList<models::DraftProblem> problems() const { return m_problems; }
    bool hasError() const;
    // The messages as plain text, one a line.
    QString plainText() const;

    // Points the accessible description of `buddy` at these messages.
    void setDescribedWidget(QWidget *widget) { m_described = widget; }

private:
    QList<models::DraftProblem> m_problems;
    QWidget *m_described = nullptr;
};

} // namespace crondesk::ui
