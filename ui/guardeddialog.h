#pragma once

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

namespace crondesk::ui {

// A dialog that writes only on purpose and loses nothing by accident:
// - Enter in a field does nothing. Only a button the operator moved the focus to answers Enter,
//   so no button is marked as the default while a field has the focus: a stray Enter while
//   typing a schedule or a URL never submits the form.
// - Esc, Cancel or the window's close button ask first when hasUnsavedChanges() ("Discard
//   changes?" with Discard / Keep editing; keeping is the default), and close at once otherwise.
class GuardedDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedDialog)

public:
    explicit GuardedDialog(QWidget *parent = nullptr);
    ~GuardedDialog() override;

    // The open "Discard changes?" question, if any (for tests).
    QMessageBox *discardQuestion() const { return m_discardQuestion; }

    void setVisible(bool visible) override;

public Q_SLOTS:
    void reject() override;

protected:
    // What the operator typed that accepting would keep and closing would lose.
    virtual bool hasUnsavedChanges() const { return false; }
    // The question's text, naming what would be lost.
    virtual QString discardQuestionText() const;
    // False while the dialog must not close at all (say, a submit is under way).
    virtual bool mayClose() const { return true; }

    void keyPressEvent(QKeyEvent *event) override;

private:
    void clearDefaultButtons();

    QPointer<QMessageBox> m_discardQuestion;
};

} // namespace crondesk::ui
