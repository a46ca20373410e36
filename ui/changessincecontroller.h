#pragma once

#include <models/compare/changessince.h>

#include <QObject>

#include <memory>

class QAction;
class QLabel;
class QTimer;
class QWidget;

namespace crondesk::ui {

class BackgroundRunner;
class MainWindow;
class SnapshotController;

// View ▸ Changes Since…: marks the inventory's rows added or changed since a chosen snapshot,
// counts them (and the removed crons, which have no row) in a banner in the status bar, and can
// narrow the table to the marked rows. The comparison is models::changesSince(), run off the GUI
// thread and again after each refresh while it is on; the table model keeps the answer by role
// (CronTableModel::ChangeSinceRole) and ChangesSinceDelegate shows it.
class ChangesSinceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesSinceController)

public:
    ChangesSinceController(MainWindow *window, SnapshotController *snapshots);
    ~ChangesSinceController() override;

    QAction *chooseAction() const { return m_chooseAction; }
    QAction *onlyChangedAction() const { return m_onlyChangedAction; }
    QAction *clearAction() const { return m_clearAction; }
    QWidget *banner() const { return m_banner; }
    QLabel *summaryLabel() const { return m_summary; }

    // Compares the loaded crons with the snapshot in `path` and keeps doing so after each
    // refresh until clear().
    void showChangesSince(const QString &path);
    void clear();
    bool isActive() const { return !m_path.isEmpty(); }
    // The last comparison; nullptr before the first one finished.
    const models::ChangesSince *changes() const { return m_changes.get(); }

Q_SIGNALS:
    // A comparison finished and the table shows it.
    void computed();
    // The snapshot could not be read; `message` names the file. Changes Since is off again.
    void failed(const QString &message);

private:
    void choose();
    void recompute();
    void apply(std::shared_ptr<const models::ChangesSince> changes);
    void setOnlyChanged(bool only);
    void updateBanner();
    QString filterDescription() const;

    MainWindow *m_window;
    SnapshotController *m_snapshots;
    BackgroundRunner *m_runner;
    QTimer *m_recomputeTimer;
    QAction *m_chooseAction;
    QAction *m_onlyChangedAction;
    QAction *m_clearAction;
    QAction *m_showRemovedAction;
    QWidget *m_banner;
    QLabel *m_summary;
    QString m_path; // the snapshot compared with; empty: off
    QString m_deployment; // whose snapshot it is: another deployment turns Changes Since off
    std::shared_ptr<const models::Snapshot> m_snapshot; // read once per showChangesSince()
    std::shared_ptr<const models::ChangesSince> m_changes;
};

} // namespace crondesk::ui
