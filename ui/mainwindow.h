#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/requestfactory.h>
#include <models/api/thread.h>
#include <models/connections/mutationpolicy.h>
#include <models/inventory/cronexport.h>

#include <QMainWindow>

#include <functional>

class QAction;
class QDockWidget;
class QHBoxLayout;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace crondesk::api {
class ApiClient;
}
namespace crondesk::models {
class CronFilterProxyModel;
class CronRepository;
class CronTableModel;
class LastRunCache;
struct CronFilter;
} // namespace crondesk::models

namespace crondesk::ui {

class AuditView;
class CronDetailsWidget;
class FilterBar;
class LastRunFeeder;
class TimelineView;

// The cron inventory of one deployment: a sortable, filterable table with health flags, a
// details pane, and the actions an operator takes on crons. It displays and asks; the repository
// does the talking to the server.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Points the window at a deployment and loads its crons. `keyNote` says where the API key
    // came from ("API key from LANGGRAPH_API_KEY"), never the key.
    void setDeployment(const api::RequestFactory &factory, const QString &keyNote);

    // Before there is a deployment (e.g. while the local sandbox starts): a message in place of
    // the table. An error message offers no retry, since there is nothing to retry yet.
    void showPlaceholder(const QString &message, bool isError);
    // No deployment and none on the way: points at the Connection menu, with buttons for
    // `actions` (set by setConnectionActions: Profiles…, Try the Local Sandbox).
    void showNotConnected();
    void setConnectionActions(const QList<QAction *> &actions);
    // The profile in use and its environment label ("production"), shown in the title bar and
    // named in confirmations; empty for a deployment opened by URL, which is then named by URL.
    void setConnectionName(const QString &name, const QString &environment);
    // How confirmations and the About box name the deployment: the profile, else the URL.
    QString deploymentName() const;

    // Asks the one confirmation before every delete, pause and resume, with what is about to
    // happen, and calls `proceed` when the operator confirmed (on production, after typing the
    // profile name in that same dialog). Without one, the window asks a plain question itself.
    using MutationGate = std::function<void(const models::MutationRequest &request,
                                            std::function<void()> proceed)>;
    void setMutationGate(MutationGate gate) { m_mutationGate = std::move(gate); }
    // Where changes go, as confirmations and the editor's review name it (the profile and its
    // environment). Without one, the deployment's URL.
    void setMutationTarget(const models::MutationTarget &target) { m_target = target; }
    models::MutationTarget mutationTarget() const;
    // A read-only connection: every action that would change a cron is disabled, saying why.
    void setReadOnly(bool readOnly, const QString &reason = {});

    QTableView *tableView() const { return m_table; }
    models::CronTableModel *cronModel() const { return m_model; }
    models::CronFilterProxyModel *proxyModel() const { return m_proxy; }
    models::CronRepository *repository() const { return m_repository; }
    FilterBar *filterBar() const { return m_filterBar; }
    CronDetailsWidget *detailsWidget() const { return m_details; }
    LastRunFeeder *lastRunFeeder() const { return m_lastRunFeeder; }
    TimelineView *timelineView() const { return m_timeline; }
    QDockWidget *timelineDock() const { return m_timelineDock; }
    AuditView *auditView() const { return m_auditView; }
    QDockWidget *auditDock() const { return m_auditDock; }
    // Shows `banner` between the filter bar and the table (the window takes it): how features
    // attached from outside, like Changes Since, say something about the rows below.
    void insertBanner(QWidget *banner);
    // Selects these crons in the table (those the filters show), the first one current.
    void selectCrons(const QStringList &cronIds);

    void refresh();
    // Asks to delete the selected crons; deletes them once the operator confirms.
    void deleteSelected();
    // Run Now…: confirms (with what the thread's multitask strategy does), starts, follows.
    void runNowSelected();
    // Reads the cron's run history for the details pane.
    void loadRunHistory(const api::Cron &cron);
    // Asks to pause (or resume) the selected crons, saying what will happen; then does it.
    void setSelectedEnabled(bool enabled);
    // Opens the cron editor: a new cron, or the selected one to edit or clone.
    void newCron();
    void editCurrent();
    void cloneCurrent();
    // Double-click or Enter on a row: the editor, or on a read-only connection the details pane.
    void openCurrent();
    // Writes the rows that pass the filter, in the table's order, as CSV or JSON (by extension):
    // the visible columns in the view's order (models::tableViewToCsv/Json).
    bool exportVisibleRows(const QString &path, QString *error);
    // The visible columns in view order and the visible rows in view order.
    models::TableView visibleTable() const;
    // Ctrl+C: several selected rows as tab-separated lines with a header, else the current cell.
    void copySelection();
    // The visible table as an HTML document, what Print prints.
    QString printableHtml() const;
    void showAbout();
    void showShortcuts();
    void showUserGuide();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Page { Table, State };

    void createActions();
    void createMenusAndToolBar();
    void createCentralWidget();
    void createDetailsDock();
    void createAuditDock();
    void createStatusBar();
    void restoreLayout();
    void saveLayout() const;
    void populateColumnsMenu(QMenu *menu);

    void showState(const QString &title, const QString &detail, bool offerRetry,
                   const QList<QAction *> &actions = {});
    void updateNoMatches();
    void updateWindowTitle();
    void printVisibleRows();
    void onLoadingChanged(bool loading);
    void onLoadProgress(qint64 fetched, qint64 total);
    void onLoadSucceeded();
    void onLoadFailed(const api::ApiError &error);
    void onDeleteFailed(const QString &cronId, const api::ApiError &error);
    void onUpdated(const api::Cron &cron);
    void onUpdateFailed(const QString &cronId, const api::ApiError &error);
    void onCapabilitiesChanged();
    void openEditor(int mode, const api::Cron &cron);
    void runGated(const models::MutationRequest &request, std::function<void()> proceed);
    // The one selected cron; nullptr with none or several selected, or when the selected row
    // is filtered out.
    const api::Cron *currentCron() const;
    // The cron the details pane shows: the current row when it is selected, else the only
    // selected row.
    QModelIndex shownSourceIndex() const;
    void onFilterChanged(const models::CronFilter &filter);
    void onTick();
    void updateCountLabel();
    void updateFreshnessLabel();
    void updateActions();
    void updateDetails();
    void updateFacetChoices();
    void showBanner(const QString &text);
    void chooseExportFile();
    void copySelectedIds();
    QStringList selectedCronIds() const;

    api::ApiClient *m_client;
    models::CronTableModel *m_model;
    models::CronFilterProxyModel *m_proxy;
    models::CronRepository *m_repository;

    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    FilterBar *m_filterBar = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_stateTitle = nullptr;
    QLabel *m_stateDetail = nullptr;
    QPushButton *m_retryButton = nullptr;
    QHBoxLayout *m_stateButtons = nullptr; // the state page's buttons for actions
    QWidget *m_noMatches = nullptr; // in place of the table when no row passes the filters
    QLabel *m_noMatchesDetail = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    CronDetailsWidget *m_details = nullptr;
    TimelineView *m_timeline = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    QDockWidget *m_auditDock = nullptr;
    AuditView *m_auditView = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_freshnessLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QTimer *m_tickTimer;
    QTimer *m_autoRefreshTimer;

    QAction *m_refreshAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_autoRefreshAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_cloneAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_runNowAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_copyCellAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_clearFiltersAction = nullptr;
    QAction *m_userGuideAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_connectionActions;
    QMenu *m_columnsMenu = nullptr;

    bool m_stale = false;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    QString m_connectionName;
    QString m_environment;
    MutationGate m_mutationGate;
    models::MutationTarget m_target;
    QString m_runsThreadId; // the cron whose run history the details pane shows or awaits
    models::LastRunCache *m_lastRunCache = nullptr;
    LastRunFeeder *m_lastRunFeeder = nullptr;
    QStringList m_resumedAwaitingCheck; // resumed crons whose re-read next run is still to check
};

} // namespace crondesk::ui
