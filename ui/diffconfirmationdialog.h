#pragma once

#include <models/editor/crondiff.h>

#include <QDialog>

class QTableWidget;

namespace crondesk::ui {

// Before an edit is saved: every field it changes with its value before and after, which is
// exactly what the PATCH will send; metadata key by key, as the server merges it. Long values
// wrap, or are cut at the end with the whole value in the tooltip, never in the middle.
// Accepting means "save"; rejecting goes back to the editor with nothing lost. Show it with
// open().
class DiffConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffConfirmationDialog)

public:
    // `where` names the deployment (models::MutationTarget::describe()); `keptMetadataKeys` are
    // the keys the edit took out of the metadata text, which the server keeps.
    DiffConfirmationDialog(const QString &cronLabel, const QString &where,
                           const QList<models::FieldChange> &changes,
                           const QStringList &keptMetadataKeys = {}, QWidget *parent = nullptr);
    ~DiffConfirmationDialog() override;

    QTableWidget *table() const { return m_table; }
    // The note under the table ("The server merges metadata …"); empty when there is none.
    QString noteText() const;

private:
    QTableWidget *m_table;
    QString m_note;
};

} // namespace crondesk::ui
