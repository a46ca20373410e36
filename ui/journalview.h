#pragma once

#include <models/journal/changejournal.h>

#include <QDialog>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QPushButton;
class QTableView;

namespace crondesk::models {
class CronRepository;
class JournalModel;
class UndoRunner;
} // namespace crondesk::models

namespace crondesk::ui {

// The change journal: every create, update, pause, resume and delete made through crondesk or
// crondeskctl, newest first, with filters (text, action, profile, period, failures only), the
// selected entry's before/after in full, and export of what the filters show (CSV or JSON Lines).
// A window of its own: show() it, it stays open beside the main window. With a session set
// (setUndoSession), the selected entry can be undone or, for a delete, restored: Undo…/Restore…
// (button, context menu, Ctrl+Z) reads the cron, shows the plan in an UndoDialog and carries it
// out through the session, which journals it and updates the inventory.
class JournalView final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalView)

public:
    explicit JournalView(models::ChangeJournal journal, QWidget *parent = nullptr);
    ~JournalView() override;

    // Reads the file again (crondeskctl may have written to it meanwhile).
    void reload();
    // Adds an entry just recorded in this process (connect JournalRecorder::recorded here).
    void addEntry(const crondesk::models::JournalEntry &entry);
    // Writes the entries the filters show; CSV for *.csv, JSON Lines otherwise.
    bool exportTo(const QString &path, QString *error = nullptr) const;

    models::JournalModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *actionCombo() const { return m_action; }
    QComboBox *profileCombo() const { return m_profile; }
    QComboBox *periodCombo() const { return m_period; }
    QCheckBox *failedOnlyBox() const { return m_failedOnly; }
    QPlainTextEdit *detailsView() const { return m_details; }

    // Where undo and restore go: the window's session, and the deployment as confirmations name
    // it. Without one (or when the session goes away) the action is disabled.
    void setUndoSession(models::CronRepository *repository, const QString &where);
    QAction *undoAction() const { return m_undoAction; }
    QPushButton *undoButton() const { return m_undoButton; }
    // Undo…/Restore… for the selected entry, as the action does.
    void undoSelected();

private:
    void applyFilter();
    void refreshChoices();
    void showDetails();
    void chooseExportFile();
    void updateUndoAction();
    void showUndoPlan(models::UndoRunner *runner);
    void showUndoOutcome(const QString &title, const QString &text, bool warning);

    models::ChangeJournal m_journal;
    models::JournalModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QLineEdit *m_search;
    QComboBox *m_action;
    QComboBox *m_profile;
    QComboBox *m_period;
    QCheckBox *m_failedOnly;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_status;
    QAction *m_undoAction;
    QPushButton *m_undoButton;
    QPointer<models::CronRepository> m_repository;
    QString m_where;
};

} // namespace crondesk::ui
