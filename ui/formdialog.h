#pragma once

#include <ui/guardeddialog.h>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace crondesk::ui {

// A dialog that submits its form asynchronously and survives a failed submit (after Quaternion's
// Dialog): the submit button runs validate(), then, when the subclass asks for one, a
// confirmation dialog, then apply(). While applying, the form is disabled
// (everything typed stays in place) and a progress bar runs; the subclass ends the attempt with
// applySucceeded() (the dialog accepts), applyFailed(message) (the form comes back with the
// server's message shown) or applyCanceled() (it comes back silently). Escape and Cancel do
// nothing while a submit is under way, so a half-sent request is never abandoned; otherwise
// they ask before unsaved input is discarded, and Enter in a field never submits (GuardedDialog).
// Show it with open(), never exec().
class FormDialog : public GuardedDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormDialog)

public:
    explicit FormDialog(QWidget *parent = nullptr);
    ~FormDialog() override;

    // The container the subclass fills with its fields; disabled while applying.
    QWidget *form() const { return m_form; }
    QDialogButtonBox *buttonBox() const { return m_buttons; }
    QPushButton *submitButton() const;
    void setSubmitText(const QString &text);
    bool isApplying() const { return m_applying; }

    // A message above the buttons, for the form as a whole. Errors stay until the next submit or
    // clearMessage().
    void showError(const QString &text);
    void showInformation(const QString &text);
    void clearMessage();
    QString messageText() const;

public Q_SLOTS:
    // What the submit button does: validate(), then apply() unless a submit is under way.
    void submit();

Q_SIGNALS:
    void applyingChanged(bool applying);

protected:
    bool mayClose() const override { return !m_applying && !m_confirming; }
    // True when the form may be submitted; otherwise shows what is wrong, at the fields.
    virtual bool validate() = 0;
    // A dialog to confirm before applying (say, the changes about to be saved), or nullptr to
    // apply at once. It is opened window-modal and deleted when closed; accepting it applies,
    // rejecting it returns to the form as it was.
    virtual QDialog *createConfirmation() { return nullptr; }
    // Starts submitting; must end in applySucceeded(), applyFailed() or applyCanceled().
    virtual void apply() = 0;

    void applySucceeded();
    void applyFailed(const QString &message);
    void applyCanceled();
    // What the progress bar is waiting for ("Creating the cron…").
    void setProgressText(const QString &text);

private:
    void startApplying();
    void setApplying(bool applying);

    QWidget *m_form;
    QLabel *m_message;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    bool m_applying = false;
    bool m_confirming = false;
};

} // namespace crondesk::ui
