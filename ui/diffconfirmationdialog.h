#pragma once

#include <models/crondraft.h>

#include <QDialog>

class QTableWidget;

namespace crondesk::ui {

// Before an edit is saved: every field it changes with its value before and after, which is
// exactly what the PATCH will send. Accepting means "save"; rejecting goes back to the editor
// with nothing lost. Show it with open().
class DiffConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffConfirmationDialog)

public:
    DiffConfirmationDialog(const QString &cronLabel, const QList<models::FieldChange> &changes,
                           QWidget *parent = nullptr);
    ~DiffConfirmationDialog() override;

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace crondesk::ui
