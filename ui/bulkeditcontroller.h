#pragma once

#include <ui/bulkeditdialog.h>

#include <QObject>

class QAction;

namespace crondesk::ui {

class MainWindow;

// Crons ▸ Bulk Edit… (Ctrl+Shift+B): opens a BulkEditDialog on the selected crons and on every
// cron the filters show. Attached to the window from outside (like SnapshotController), so that
// the window itself only displays; `gate` is the window's one confirmation before a change.
class BulkEditController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkEditController)

public:
    BulkEditController(MainWindow *window, BulkEditDialog::Gate gate);
    ~BulkEditController() override;

    QAction *action() const { return m_action; }
    // Opens the dialog (window-modal, deletes itself on close); returns it.
    BulkEditDialog *openDialog();

private:
    void updateEnabled();

    MainWindow *m_window;
    BulkEditDialog::Gate m_gate;
    QAction *m_action;
};

} // namespace crondesk::ui
