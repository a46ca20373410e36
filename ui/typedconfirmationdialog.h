#pragma once

#include <models/mutationpolicy.h>

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace crondesk::ui {

// "Type the profile name to confirm": the guard on bulk deletes and pauses on a production
// profile. The confirm button stays disabled until the phrase is typed exactly. Show it with
// open() and act on accepted().
class TypedConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TypedConfirmationDialog)

public:
    // `decision` must need typed confirmation; `actionText` labels the confirm button
    // ("Delete 12 crons").
    TypedConfirmationDialog(const models::MutationDecision &decision, const QString &actionText,
                            QWidget *parent = nullptr);
    ~TypedConfirmationDialog() override;

    QLineEdit *phraseEdit() const { return m_edit; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QString m_phrase;
    QLineEdit *m_edit;
    QPushButton *m_confirm;
};

} // namespace crondesk::ui
