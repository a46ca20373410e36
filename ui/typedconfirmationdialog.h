#pragma once

#include <models/connections/mutationpolicy.h>

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace crondesk::ui {

// The one confirmation of a change that needs the profile name typed (bulk deletes and pauses
// on a production profile): it says what will happen, to which crons, where and how it is
// undone, and asks for the name in the same dialog. The confirm button is enabled, and is the
// button Enter presses, only while the name typed matches exactly; before that Enter does
// nothing. Show it with open() and act on accepted().
class TypedConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TypedConfirmationDialog)

public:
    // `decision` must need typed confirmation.
    TypedConfirmationDialog(const models::MutationRequest &request,
                            const models::MutationDecision &decision, QWidget *parent = nullptr);
    ~TypedConfirmationDialog() override;

    QLineEdit *phraseEdit() const { return m_edit; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QString m_phrase;
    QLineEdit *m_edit;
    QPushButton *m_confirm;
    QPushButton *m_cancel = nullptr;
};

// Asks once before `request` is carried out, as `decision` says: a refusal says why and nothing
// happens; a typed confirmation is a TypedConfirmationDialog; anything else one question with
// the action's own button (Cancel is its default). `proceed` runs in `context` once the operator
// confirmed. The dialogs are window-modal to `parent` and delete themselves.
void confirmMutation(const models::MutationRequest &request,
                     const models::MutationDecision &decision, QWidget *parent,
                     const QObject *context, std::function<void()> proceed);

} // namespace crondesk::ui
