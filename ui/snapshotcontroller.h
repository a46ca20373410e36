#pragma once

#include <models/journal/changejournal.h>

#include <QObject>

#include <optional>

class QAction;
class QThread;

namespace crondesk::models {
struct Snapshot;
}

namespace crondesk::ui {

class MainWindow;

// Snapshots in the app: an automatic snapshot of the deployment after each complete load
// (models::AutoSnapshotStore), File ▸ Save Snapshot… and File ▸ Compare…. Writing happens off the
// GUI thread. Attached to the window from outside, so that the window itself only displays.
class SnapshotController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotController)

public:
    SnapshotController(MainWindow *window, models::ChangeJournal journal,
                       QString autoSnapshotDirectory = {});
    ~SnapshotController() override;

    QAction *saveAction() const { return m_saveAction; }
    QAction *compareAction() const { return m_compareAction; }

    // The deployment as loaded now; nullopt before a load finished.
    std::optional<models::Snapshot> currentSnapshot() const;
    void openCompareDialog();
    // Compare with the snapshot in `path` as Before and this connection as After, started.
    void openCompareDialogWith(const QString &path);
    QString autoSnapshotDirectory() const { return m_autoDirectory; }

Q_SIGNALS:
    void autoSnapshotSaved(const QString &path);

private:
    void saveAutomatic();
    void chooseSnapshotFile();
    void writeInBackground(const QString &label, std::function<QString()> write);

    MainWindow *m_window;
    models::ChangeJournal m_journal;
    QString m_autoDirectory;
    QAction *m_saveAction;
    QAction *m_compareAction;
    bool m_loaded = false;
    // Writers still running: waited for and deleted with the controller, so that closing the
    // window neither cuts a snapshot file short nor leaks its thread.
    QList<QThread *> m_writers;
};

} // namespace crondesk::ui
