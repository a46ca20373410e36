#include "fieldmessagelabel.h"

using namespace Qt::StringLiterals;

namespace crondesk::ui {

FieldMessageLabel::FieldMessageLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    // A form field grows only when it says it may; a wrapped message should use the whole row.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void FieldMessageLabel::setProblems(const QList<models::DraftProblem> &problems)
{
    QList<models::DraftProblem> ordered;
    for (const auto &problem : problems) {
        if (problem.isError())
            ordered.append(problem);
    }
    for (const auto &problem : problems) {
        if (!problem.isError())
            ordered.append(problem);
    }
    if (ordered == m_problems)
        return;
    m_problems = ordered;
    QStringList lines;
    for (const auto &problem : std::as_const(m_problems)) {
        lines.append(problem.isError() ? u"<span style=\"color:#b00020\">&#10006; "_s
                             + problem.message.toHtmlEscaped() + u"</span>"_s
                                       : u"<span style=\"color:#8a5a00\">&#9888; "_s
                             + problem.message.toHtmlEscaped() + u"</span>"_s);
    }
    setText(lines.join(u"<br>"_s));
    setVisible(!lines.isEmpty());
    setAccessibleDescription(plainText());
    if (m_described)
        m_described->setAccessibleDescription(plainText());
}

bool FieldMessageLabel::hasError() const
{
    return std::any_of(m_problems.begin(), m_problems.end(),
                       [](const auto &problem) { return problem.isError(); });
}

QString FieldMessageLabel::plainText() const
{
    QStringList lines;
    for (const auto &problem : m_problems)
        lines.append(problem.message);
    return lines.join(u'\n');
}

} // namespace crondesk::ui
