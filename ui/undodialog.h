#pragma once

#include <models/connections/mutationpolicy.h>
#include <models/undo/undoplanner.h>

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace crondesk::ui {

// The confirmation of an undo or restore from the change journal: what it does in a sentence,
// every field it sets with its value now and after the undo, and the notes (what stays, the new
// id of a restored cron). A plan that is refused shows why, with the field-level diff of what
// changed since, and offers only Close. On a production profile the profile's name must be typed
// before the Undo button is enabled. Show it with open(); accepted() means "carry it out".
class UndoDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UndoDialog)

public:
    // `where` names the deployment (models::MutationTarget::describe()).
    UndoDialog(const models::UndoPlan &plan, const models::MutationDecision &decision,
               const QString &where, QWidget *parent = nullptr);
    ~UndoDialog() override;

    QLabel *summaryLabel() const { return m_summary; }
    QTableWidget *table() const { return m_table; }
    QLineEdit *phraseEdit() const { return m_phrase; } // nullptr unless typed confirmation
    QPushButton *confirmButton() const { return m_confirm; } // nullptr when refused

private:
    QLabel *m_summary;
    QTableWidget *m_table;
    QLineEdit *m_phrase = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace crondesk::ui
