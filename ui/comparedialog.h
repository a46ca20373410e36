#pragma once

#include <models/compare/autosnapshotstore.h>
#include <models/compare/diffreport.h>
#include <models/compare/snapshot.h>

#include <QDialog>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QThread;
class QTreeView;

namespace crondesk::ui {

// Compare: two sources (this connection as loaded now, a snapshot file, an automatic snapshot by
// date) and what differs between them: added, removed and changed crons with counts, each
// changed field before and after, a filter, the selected cron's two sides side by side, and
// export as Markdown, HTML or JSON. The diff itself is models::diffCrons(), computed off the GUI
// thread.
class CompareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareDialog)

public:
    // `current` gives this connection's snapshot now (empty optional when nothing is loaded);
    // `automatic` the deployment's automatic snapshots, newest first; `journal` the change
    // journal that attributes changes.
    CompareDialog(std::function<std::optional<models::Snapshot>()> current,
                  QList<models::AutoSnapshot> automatic, models::ChangeJournal journal,
                  QWidget *parent = nullptr);
    ~CompareDialog() override;

    // Adds a snapshot file to both source lists and selects it for `before` or after.
    void addSnapshotFile(const QString &path, bool before);
    // Starts the comparison of the selected sources.
    void compare();
    // Writes the last report; the format follows the suffix (.md, .html, .json).
    bool exportTo(const QString &path, QString *error = nullptr) const;

    const std::optional<models::DiffReport> &report() const { return m_report; }
    QStandardItemModel *resultModel() const { return m_model; }
    QTreeView *resultView() const { return m_view; }
    QLabel *summaryLabel() const { return m_summary; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *beforeCombo() const { return m_before; }
    QComboBox *afterCombo() const { return m_after; }
    QComboBox *matchCombo() const { return m_match; }
    QLineEdit *keyEdit() const { return m_key; }

Q_SIGNALS:
    void compared();

private:
    enum Role { OldJsonRole = Qt::UserRole + 1, NewJsonRole };
    QComboBox *makeSourceCombo();
    void browse(QComboBox *combo);
    void showReport(const models::DiffReport &report);
    void showSelection();
    void chooseExportFile();
    void setBusy(bool busy);

    std::function<std::optional<models::Snapshot>()> m_current;
    QList<models::AutoSnapshot> m_automatic;
    models::ChangeJournal m_journal;
    QComboBox *m_before;
    QComboBox *m_after;
    QComboBox *m_match;
    QLineEdit *m_key;
    QPushButton *m_compareButton;
    QPushButton *m_exportButton;
    QLabel *m_summary;
    QLineEdit *m_filter;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QPlainTextEdit *m_oldSide;
    QPlainTextEdit *m_newSide;
    QThread *m_worker = nullptr;
    std::optional<models::DiffReport> m_report;
};

} // namespace crondesk::ui
