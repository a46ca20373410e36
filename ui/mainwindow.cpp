#include "mainwindow.h"

#include "aboutdialog.h"
#include "actionicons.h"
#include "auditview.h"
#include "crondetailswidget.h"
#include "croneditordialog.h"
#include "filterbar.h"
#include "healthdelegate.h"
#include "lastrundelegate.h"
#include "lastrunfeeder.h"
#include "runnowcontroller.h"
#include "shortcutsdialog.h"
#include "timelineview.h"
#include "typedconfirmationdialog.h"
#include "userguide.h"

#include <models/api/apiclient.h>
#include <models/common/displayformat.h>
#include <models/connections/enableplan.h>
#include <models/editor/croneditorlookups.h>
#include <models/inventory/cronexport.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/inventory/metadatafilter.h>
#include <models/runs/lastruncache.h>
#include <models/runs/runhistoryloader.h>
#include <models/runs/runnow.h>
#include <models/session/cronrepository.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr std::chrono::seconds tickInterval {20};
constexpr std::chrono::seconds autoRefreshInterval {60};

// Columns an operator wants first; the rest start hidden and are one click away.
constexpr int initiallyHidden[]
    = {models::CronTableModel::OnCompletionColumn, models::CronTableModel::WebhookColumn,
       models::CronTableModel::MultitaskColumn,    models::CronTableModel::CreatedColumn,
       models::CronTableModel::UpdatedColumn,      models::CronTableModel::UserColumn};

bool looksUnsupported(const api::ApiError &error)
{
    // A search that finds no route at all, whatever the 404 says: the crons are not there.
    return error.unsupported || error.kind == api::ApiError::Kind::NotFound;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new api::ApiClient(this))
    , m_model(new models::CronTableModel(this))
    , m_proxy(new models::CronFilterProxyModel(this))
    , m_repository(new models::CronRepository(m_client, m_model, this))
    , m_tickTimer(new QTimer(this))
    , m_autoRefreshTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/icons/crondesk.svg"_s));

    m_proxy->setSourceModel(m_model);

    createActions();
    createCentralWidget();
    // Last run and Last success: read for the rows on screen only (issue 17).
    m_lastRunCache = new models::LastRunCache(m_client, this);
    m_lastRunFeeder = new LastRunFeeder(m_lastRunCache, m_model, m_table, this);
    createDetailsDock();
    // When the crons in view fire (issue 15): a dock, shown from the View menu; a cell of its
    // heatmap narrows the table to the crons that fire then.
    m_timeline
        = TimelineView::addDock(this, m_model, m_proxy, m_table->selectionModel(), &m_timelineDock);
    connect(m_timeline, &TimelineView::cronIdsActivated, m_filterBar, &FilterBar::setCronIdFilter);
    createAuditDock();
    createMenusAndToolBar();
    createStatusBar();
    restoreLayout();

    connect(m_repository, &models::CronRepository::loadingChanged, this,
            &MainWindow::onLoadingChanged);
    connect(m_repository, &models::CronRepository::loadProgress, this, &MainWindow::onLoadProgress);
    connect(m_repository, &models::CronRepository::loadSucceeded, this,
            &MainWindow::onLoadSucceeded);
    connect(m_repository, &models::CronRepository::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_repository, &models::CronRepository::deleteFailed, this, &MainWindow::onDeleteFailed);
    connect(m_repository, &models::CronRepository::updated, this, &MainWindow::onUpdated);
    connect(m_repository, &models::CronRepository::updateFailed, this, &MainWindow::onUpdateFailed);
    connect(m_repository, &models::CronRepository::mutationRefused, this,
            [this](models::MutationKind, const QString &reason) {
                statusBar()->showMessage(reason, 8000);
            });
    connect(m_repository, &models::CronRepository::capabilitiesChanged, this,
            &MainWindow::onCapabilitiesChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_model->rowCount() > 0)
            m_stack->setCurrentIndex(int(Page::Table));
        updateCountLabel();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCountLabel);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int current = shownSourceIndex().row();
                if (current >= 0 && current >= topLeft.row() && current <= bottomRight.row())
                    updateDetails();
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateDetails();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateDetails);
    // A filter change is a layout change of the proxy: rows it hides leave the selection without
    // selectionChanged, so the pane and the actions follow the visible rows here too.
    const auto followVisibleRows = [this] {
        updateNoMatches();
        updateActions();
        // Only when the cron to show changed: loading pages of rows leaves it where it is.
        const QModelIndex shown = shownSourceIndex();
        const QString shownId = shown.isValid() ? m_model->cronAt(shown.row()).cronId : QString();
        if (shownId != m_details->cronId())
            updateDetails();
    };
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, followVisibleRows);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, followVisibleRows);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, followVisibleRows);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, followVisibleRows);
    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::onFilterChanged);

    m_tickTimer->setInterval(tickInterval);
    connect(m_tickTimer, &QTimer::timeout, this, &MainWindow::onTick);
    m_tickTimer->start();
    m_autoRefreshTimer->setInterval(autoRefreshInterval);
    connect(m_autoRefreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_autoRefreshAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_autoRefreshTimer->start();
        else
            m_autoRefreshTimer->stop();
    });
    if (m_autoRefreshAction->isChecked())
        m_autoRefreshTimer->start();
    connect(m_autoRefreshAction, &QAction::toggled, this, &MainWindow::updateFreshnessLabel);
    // Rows whose next run passes are read again before health says anything about them.
    m_repository->setDueChecksEnabled(true);
    // The status bar counts the table's age in seconds while it is young.
    auto *freshnessTimer = new QTimer(this);
    freshnessTimer->setInterval(std::chrono::seconds(5));
    connect(freshnessTimer, &QTimer::timeout, this, &MainWindow::updateFreshnessLabel);
    freshnessTimer->start();

    updateActions();
    updateCountLabel();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto makeAction = [this](const QString &icon, const QString &text, const QKeySequence &shortcut,
                             const QString &toolTip) {
        // The desktop's icon theme first; the bundled icon where the theme has none.
        auto *action = new QAction(actionIcon(icon), text, this);
        action->setShortcut(shortcut);
        action->setToolTip(toolTip);
        action->setStatusTip(toolTip);
        return action;
    };

    m_refreshAction = makeAction(u"view-refresh"_s, tr("&Refresh"), QKeySequence(Qt::Key_F5),
                                 tr("Reload every cron from the server (F5 or Ctrl+R)"));
    m_refreshAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(u"Ctrl+R"_s)});
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_cancelAction = makeAction(u"process-stop"_s, tr("&Stop Loading"),
                                QKeySequence(Qt::Key_Escape), tr("Stop loading crons (Esc)"));
    connect(m_cancelAction, &QAction::triggered, m_repository, &models::CronRepository::cancelLoad);

    m_autoRefreshAction = makeAction(u"view-refresh"_s, tr("&Auto-refresh Every Minute"), {},
                                     tr("Reload the crons every minute, keeping the selection"));
    m_autoRefreshAction->setCheckable(true);

    m_newAction = makeAction(u"document-new"_s, tr("&New Cron…"), QKeySequence::New,
                             tr("Create a cron on this deployment (Ctrl+N)"));
    m_newAction->setIconText(tr("New"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newCron);

    m_editAction = makeAction(u"document-edit"_s, tr("&Edit…"), QKeySequence(u"Ctrl+E"_s),
                              tr("Edit the selected cron (Ctrl+E, Enter or double-click)"));
    m_editAction->setIconText(tr("Edit"));
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editCurrent);

    m_cloneAction = makeAction(u"edit-copy"_s, tr("C&lone…"), QKeySequence(u"Ctrl+D"_s),
                               tr("Create a new cron pre-filled from the selected one (Ctrl+D)"));
    m_cloneAction->setIconText(tr("Clone"));
    connect(m_cloneAction, &QAction::triggered, this, &MainWindow::cloneCurrent);

    m_pauseAction
        = makeAction(u"media-playback-pause"_s, tr("&Pause…"), QKeySequence(u"Ctrl+Shift+P"_s),
                     tr("Pause the selected crons: they stay listed but stop firing "
                        "(Ctrl+Shift+P)"));
    m_pauseAction->setIconText(tr("Pause"));
    connect(m_pauseAction, &QAction::triggered, this, [this] { setSelectedEnabled(false); });

    m_resumeAction
        = makeAction(u"media-playback-start"_s, tr("Res&ume…"), QKeySequence(u"Ctrl+Shift+R"_s),
                     tr("Resume the selected crons (Ctrl+Shift+R)"));
    m_resumeAction->setIconText(tr("Resume"));
    connect(m_resumeAction, &QAction::triggered, this, [this] { setSelectedEnabled(true); });

    m_deleteAction = makeAction(u"edit-delete"_s, tr("&Delete…"), QKeySequence::Delete,
                                tr("Delete the selected crons (Del)"));
    m_deleteAction->setIconText(tr("Delete"));
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);

    m_runNowAction
        = makeAction(u"media-playback-start"_s, tr("Run No&w…"), QKeySequence(u"Ctrl+Shift+N"_s),
                     tr("Start one run of the selected cron now (Ctrl+Shift+N)"));
    m_runNowAction->setIconText(tr("Run Now"));
    connect(m_runNowAction, &QAction::triggered, this, &MainWindow::runNowSelected);

    m_copyIdAction
        = makeAction(u"edit-copy"_s, tr("Copy Cron &ID"), QKeySequence(u"Ctrl+Shift+C"_s),
                     tr("Copy the full ids of the selected crons (Ctrl+Shift+C)"));
    connect(m_copyIdAction, &QAction::triggered, this, &MainWindow::copySelectedIds);

    m_copyCellAction = makeAction(
        u"edit-copy"_s, tr("&Copy"), QKeySequence::Copy,
        tr("Copy the selected rows with a header line, or the current cell's full value (Ctrl+C)"));
    connect(m_copyCellAction, &QAction::triggered, this, &MainWindow::copySelection);

    m_exportAction = makeAction(
        u"document-save-as"_s, tr("E&xport Visible Rows…"), QKeySequence(u"Ctrl+Shift+E"_s),
        tr("Save the crons that pass the filter, with the visible columns, as CSV or JSON "
           "(Ctrl+Shift+E)"));
    m_exportAction->setIconText(tr("Export"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::chooseExportFile);

    m_printAction = makeAction(u"document-print"_s, tr("&Print…"), QKeySequence::Print,
                               tr("Print the crons that pass the filter, as the table shows "
                                  "them (Ctrl+P)"));
    connect(m_printAction, &QAction::triggered, this, &MainWindow::printVisibleRows);

    m_quitAction
        = makeAction(u"application-exit"_s, tr("&Quit"), QKeySequence::Quit, tr("Quit Cron Desk"));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_findAction = makeAction(u"edit-find"_s, tr("&Find"), QKeySequence::Find,
                              tr("Search every column (Ctrl+F)"));
    m_clearFiltersAction
        = makeAction(u"edit-clear-all"_s, tr("C&lear Filters"), QKeySequence(u"Ctrl+Shift+L"_s),
                     tr("Clear the search and every filter (Ctrl+Shift+L)"));

    m_userGuideAction = makeAction(u"help-contents"_s, tr("&User Guide"),
                                   QKeySequence::HelpContents, tr("Open the user guide (F1)"));
    connect(m_userGuideAction, &QAction::triggered, this, &MainWindow::showUserGuide);
    m_shortcutsAction = makeAction(u"preferences-desktop-keyboard"_s, tr("&Keyboard Shortcuts"), {},
                                   tr("List the keyboard shortcuts"));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_aboutAction = makeAction(u"help-about"_s, tr("&About Cron Desk"), {},
                               tr("The versions of Cron Desk, Qt and the server"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    // Names for tests and for anyone scripting the UI (e.g. with an accessibility tool).
    const std::pair<QAction *, const char *> names[]
        = {{m_refreshAction, "refreshAction"},
           {m_cancelAction, "stopLoadingAction"},
           {m_autoRefreshAction, "autoRefreshAction"},
           {m_newAction, "newAction"},
           {m_editAction, "editAction"},
           {m_cloneAction, "cloneAction"},
           {m_pauseAction, "pauseAction"},
           {m_resumeAction, "resumeAction"},
           {m_deleteAction, "deleteAction"},
           {m_runNowAction, "runNowAction"},
           {m_copyIdAction, "copyIdAction"},
           {m_copyCellAction, "copyAction"},
           {m_exportAction, "exportAction"},
           {m_printAction, "printAction"},
           {m_quitAction, "quitAction"},
           {m_findAction, "findAction"},
           {m_clearFiltersAction, "clearFiltersAction"},
           {m_userGuideAction, "userGuideAction"},
           {m_shortcutsAction, "shortcutsAction"},
           {m_aboutAction, "aboutAction"}};
    for (const auto &[action, name] : names)
        action->setObjectName(QString::fromLatin1(name));
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s); // SnapshotController adds its actions here
    fileMenu->addAction(m_exportAction);
    fileMenu->addAction(m_printAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *cronMenu = menuBar()->addMenu(tr("&Crons"));
    cronMenu->setObjectName(u"cronMenu"_s); // BulkEditController adds its action here
    cronMenu->addAction(m_newAction);
    cronMenu->addAction(m_editAction);
    cronMenu->addAction(m_cloneAction);
    cronMenu->addSeparator();
    cronMenu->addAction(m_pauseAction);
    cronMenu->addAction(m_resumeAction);
    cronMenu->addAction(m_deleteAction);
    cronMenu->addAction(m_runNowAction);
    cronMenu->addSeparator();
    cronMenu->addAction(m_copyIdAction);
    cronMenu->addAction(m_copyCellAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(u"viewMenu"_s); // ChangesSinceController adds its actions here
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_cancelAction);
    viewMenu->addAction(m_autoRefreshAction);
    viewMenu->addSeparator();
    QAction *detailsToggle = m_detailsDock->toggleViewAction();
    detailsToggle->setText(tr("&Details Pane"));
    detailsToggle->setShortcut(QKeySequence(u"Ctrl+I"_s));
    detailsToggle->setIcon(actionIcon(u"view-split-left-right"_s));
    detailsToggle->setIconText(tr("Details"));
    detailsToggle->setToolTip(tr("Show or hide the details pane (Ctrl+I)"));
    detailsToggle->setObjectName(u"detailsPaneAction"_s);
    viewMenu->addAction(detailsToggle);
    viewMenu->addAction(m_timelineDock->toggleViewAction());
    QAction *auditToggle = m_auditDock->toggleViewAction();
    auditToggle->setText(tr("A&udit Pane"));
    auditToggle->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));
    auditToggle->setToolTip(tr("Show or hide the audit of these crons (Ctrl+Shift+A)"));
    auditToggle->setObjectName(u"auditPaneAction"_s);
    viewMenu->addAction(auditToggle);
    m_columnsMenu = viewMenu->addMenu(tr("C&olumns"));
    connect(m_columnsMenu, &QMenu::aboutToShow, this,
            [this] { populateColumnsMenu(m_columnsMenu); });
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filterBar->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->searchEdit()->selectAll();
    });
    viewMenu->addAction(m_findAction);
    connect(m_clearFiltersAction, &QAction::triggered, m_filterBar, &FilterBar::clear);
    viewMenu->addAction(m_clearFiltersAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"helpMenu"_s);
    helpMenu->addAction(m_userGuideAction);
    helpMenu->addAction(m_shortcutsAction);
    helpMenu->addSeparator();
    helpMenu->addAction(m_aboutAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_editAction);
    toolBar->addAction(m_cloneAction);
    toolBar->addSeparator();
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_resumeAction);
    toolBar->addAction(m_deleteAction);
    toolBar->addSeparator();
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_exportAction);
    toolBar->addAction(detailsToggle);
    // The everyday actions with their names, the others as icons with tooltips: with the
    // Connection tool bar beside it, the row then fits a 1024-pixel-wide window.
    for (QAction *secondary : {m_cloneAction, m_exportAction, detailsToggle}) {
        if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(secondary)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }

    // The table's context menu offers what the menus do, for the rows under the cursor.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto addSeparator = [this] {
        auto *separator = new QAction(this);
        separator->setSeparator(true);
        m_table->addAction(separator);
    };
    for (QAction *action : {m_editAction, m_cloneAction, m_newAction})
        m_table->addAction(action);
    addSeparator();
    for (QAction *action : {m_pauseAction, m_resumeAction, m_deleteAction, m_runNowAction})
        m_table->addAction(action);
    addSeparator();
    for (QAction *action : {m_copyIdAction, m_copyCellAction})
        m_table->addAction(action);
    addSeparator();
    m_table->addAction(m_refreshAction);
    m_table->addAction(m_exportAction);
}

void MainWindow::createCentralWidget()
{
    m_table = new QTableView(this);
    m_table->setObjectName(u"cronTable"_s);
    m_table->setAccessibleName(tr("Crons"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::CronTableModel::NextRunColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(models::CronTableModel::HealthColumn,
                                      new HealthDelegate(m_table));
    m_table->setItemDelegateForColumn(models::CronTableModel::LastRunColumn,
                                      new LastRunDelegate(m_table));
    m_table->verticalHeader()->hide();
    // Uniform rows keep 100,000-row tables cheap to lay out and scroll.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this,
            [this, header](const QPoint &pos) {
                auto *menu = new QMenu(this);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                populateColumnsMenu(menu);
                menu->popup(header->mapToGlobal(pos));
            });
    // In column order: health, id, assistant, thread, schedule, next run, description, timezone,
    // end time, enabled, on completion, webhook, multitask, created, updated, user, metadata,
    // last run, last success.
    const int widths[models::CronTableModel::ColumnCount] = {
        56, 84, 170, 84, 110, 300, 230, 130, 150, 64, 110, 200, 130, 130, 130, 90, 220, 290, 140};
    for (int column = 0; column < models::CronTableModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, widths[column]);
    // Schedules are short but must be read whole: wide enough for a typical business-hours one.
    m_table->setColumnWidth(
        models::CronTableModel::ScheduleColumn,
        std::max(widths[models::CronTableModel::ScheduleColumn],
                 m_table->fontMetrics().horizontalAdvance(u"*/30 9-17 * * mon-fri"_s) + 20));
    for (const int column : initiallyHidden)
        m_table->hideColumn(column);
    // "Did it run, and did it work?" comes right after "when does it run next".
    header->moveSection(header->visualIndex(models::CronTableModel::LastRunColumn),
                        header->visualIndex(models::CronTableModel::NextRunColumn) + 1);
    header->moveSection(header->visualIndex(models::CronTableModel::LastSuccessColumn),
                        header->visualIndex(models::CronTableModel::LastRunColumn) + 1);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"errorBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
        u"QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
        " border-radius: 4px; padding: 6px 10px; }"_s);
    m_banner->hide();

    m_filterBar = new FilterBar(this);
    m_filterBar->setObjectName(u"filterBar"_s);

    // Double-click or Enter opens the cron. Not QAbstractItemView::activated: desktops set to
    // single-click activation would open the editor on every click.
    connect(m_table, &QAbstractItemView::doubleClicked, this, &MainWindow::openCurrent);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *open = new QShortcut(key, m_table, nullptr, nullptr, Qt::WidgetShortcut);
        connect(open, &QShortcut::activated, this, &MainWindow::openCurrent);
    }

    // In place of the table when the filters hide every row: say so and offer the way out,
    // rather than an empty grid that looks like an empty deployment.
    m_noMatches = new QWidget(this);
    m_noMatches->setObjectName(u"noMatches"_s);
    auto *noMatchesLayout = new QVBoxLayout(m_noMatches);
    auto *noMatchesTitle = new QLabel(tr("No crons match the filters."), m_noMatches);
    noMatchesTitle->setObjectName(u"noMatchesTitle"_s);
    noMatchesTitle->setAlignment(Qt::AlignCenter);
    QFont noMatchesFont = noMatchesTitle->font();
    noMatchesFont.setPointSizeF(noMatchesFont.pointSizeF() * 1.2);
    noMatchesFont.setBold(true);
    noMatchesTitle->setFont(noMatchesFont);
    m_noMatchesDetail = new QLabel(m_noMatches);
    m_noMatchesDetail->setObjectName(u"noMatchesDetail"_s);
    m_noMatchesDetail->setAlignment(Qt::AlignCenter);
    m_noMatchesDetail->setWordWrap(true);
    auto *clearButton = new QPushButton(tr("C&lear Filters"), m_noMatches);
    clearButton->setObjectName(u"noMatchesClearButton"_s);
    connect(clearButton, &QPushButton::clicked, m_clearFiltersAction, &QAction::trigger);
    noMatchesLayout->addStretch(2);
    noMatchesLayout->addWidget(noMatchesTitle);
    noMatchesLayout->addWidget(m_noMatchesDetail);
    noMatchesLayout->addWidget(clearButton, 0, Qt::AlignHCenter);
    noMatchesLayout->addStretch(3);
    m_noMatches->hide();

    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(6, 0, 6, 0);
    tableLayout->setSpacing(4);
    tableLayout->addWidget(m_filterBar);
    tableLayout->addWidget(m_banner);
    tableLayout->addWidget(m_table);
    tableLayout->addWidget(m_noMatches, 1);

    auto *statePage = new QWidget(this);
    auto *stateLayout = new QVBoxLayout(statePage);
    m_stateTitle = new QLabel(statePage);
    m_stateTitle->setObjectName(u"stateTitle"_s);
    m_stateTitle->setAlignment(Qt::AlignCenter);
    m_stateTitle->setWordWrap(true);
    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateDetail = new QLabel(statePage);
    m_stateDetail->setObjectName(u"stateDetail"_s);
    m_stateDetail->setAlignment(Qt::AlignCenter);
    m_stateDetail->setWordWrap(true);
    m_stateDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("&Retry"), statePage);
    m_retryButton->setObjectName(u"retryButton"_s);
    connect(m_retryButton, &QPushButton::clicked, this, &MainWindow::refresh);
    m_stateButtons = new QHBoxLayout;
    m_stateButtons->addStretch(1);
    m_stateButtons->addWidget(m_retryButton);
    m_stateButtons->addStretch(1);
    stateLayout->addStretch(2);
    stateLayout->addWidget(m_stateTitle);
    stateLayout->addWidget(m_stateDetail);
    stateLayout->addLayout(m_stateButtons);
    stateLayout->addStretch(3);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(tablePage);
    m_stack->addWidget(statePage);
    setCentralWidget(m_stack);
}

void MainWindow::createDetailsDock()
{
    m_details = new CronDetailsWidget(this);
    m_details->setObjectName(u"cronDetails"_s);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    // Narrower than this and the fields are unreadable; a small window squeezing the pane to
    // nothing would also leave it at nothing once the window is maximised again.
    m_details->setMinimumWidth(300);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
}

void MainWindow::createAuditDock()
{
    m_auditView = new AuditView(m_client, m_model, this);
    m_auditDock = new QDockWidget(tr("Audit"), this);
    m_auditDock->setObjectName(u"auditDock"_s);
    m_auditDock->setWidget(m_auditView);
    m_auditDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    // Shown on demand (View > Audit): the audit reads the server and judges every cron.
    m_auditDock->hide();
    connect(m_repository, &models::CronRepository::loadSucceeded, m_auditView,
            &AuditView::cronsChanged);
    connect(m_auditView, &AuditView::cronsSelected, this, &MainWindow::selectCrons);
}

void MainWindow::insertBanner(QWidget *banner)
{
    auto *layout = qobject_cast<QVBoxLayout *>(m_table->parentWidget()->layout());
    layout->insertWidget(layout->indexOf(m_table), banner);
}

void MainWindow::selectCrons(const QStringList &cronIds)
{
    QItemSelection selection;
    QModelIndex first;
    int hidden = 0;
    for (const QString &id : cronIds) {
        const QModelIndex row = m_proxy->mapFromSource(m_model->index(m_model->rowOf(id), 0));
        if (!row.isValid()) {
            ++hidden;
            continue;
        }
        selection.select(row, row);
        if (!first.isValid())
            first = row;
    }
    QItemSelectionModel *model = m_table->selectionModel();
    if (first.isValid()) {
        model->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_table->scrollTo(first);
    }
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (hidden > 0)
        statusBar()->showMessage(
            tr("%n of the finding's crons are hidden by the filters or no longer listed.", "",
               hidden),
            8000);
}

void MainWindow::createStatusBar()
{
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_freshnessLabel = new QLabel(this);
    m_freshnessLabel->setObjectName(u"freshnessLabel"_s);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"loadProgress"_s);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setAccessibleName(tr("Loading progress"));
    m_progress->hide();
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setDefaultAction(m_cancelAction);
    m_cancelButton->hide();
    // Permanent widgets, so that transient messages never hide the counts.
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_freshnessLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_connectionLabel);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray())) {
        // First start: most of the screen, since the table has many columns.
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size() * 0.92);
            move(available.center() - rect().center());
        }
    }
    if (!restoreState(settings.value(u"mainWindow/state"_s).toByteArray())) {
        // About a third of the window for the details: on a 1024-pixel screen the table keeps
        // room for the columns up to the next run.
        resizeDocks({m_detailsDock}, {std::clamp(width() * 3 / 10, 320, 470)}, Qt::Horizontal);
    }
    const QByteArray header = settings.value(u"mainWindow/cronTableHeader"_s).toByteArray();
    if (!header.isEmpty() && m_table->horizontalHeader()->restoreState(header)) {
        // The restored indicator is only drawn; sort by it too.
        m_table->sortByColumn(m_table->horizontalHeader()->sortIndicatorSection(),
                              m_table->horizontalHeader()->sortIndicatorOrder());
    }
    // On unless the operator turned it off: a table nobody refreshes turns into old news.
    m_autoRefreshAction->setChecked(settings.value(u"mainWindow/autoRefresh"_s, true).toBool());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/cronTableHeader"_s, m_table->horizontalHeader()->saveState());
    settings.setValue(u"mainWindow/autoRefresh"_s, m_autoRefreshAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::populateColumnsMenu(QMenu *menu)
{
    menu->clear();
    for (int column = 0; column < models::CronTableModel::ColumnCount; ++column) {
        QAction *action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(column));
        connect(action, &QAction::toggled, this,
                [this, column](bool visible) { m_table->setColumnHidden(column, !visible); });
    }
}

void MainWindow::setDeployment(const api::RequestFactory &factory, const QString &keyNote)
{
    m_repository->cancelLoad();
    m_model->clear();
    m_lastRunFeeder->clear();
    m_client->setRequestFactory(factory);
    // What the banner and the freshness say was about the deployment before.
    m_stale = false;
    m_banner->hide();
    m_freshnessLabel->clear();
    m_freshnessLabel->setStyleSheet(QString());
    const QString url = factory.baseUrl().toDisplayString();
    m_connectionLabel->setText(tr("%1 · %2").arg(url, keyNote));
    updateWindowTitle();
    m_auditView->setDeploymentName(deploymentName());
    m_repository->probe();
    refresh();
}

void MainWindow::setConnectionName(const QString &name, const QString &environment)
{
    m_connectionName = name;
    m_environment = environment;
    updateWindowTitle();
    m_auditView->setDeploymentName(m_connectionName.isEmpty() ? deploymentName()
                                                              : m_connectionName);
}

QString MainWindow::deploymentName() const
{
    if (!m_connectionName.isEmpty())
        return tr("“%1”").arg(m_connectionName);
    return m_client->baseUrl().toDisplayString();
}

void MainWindow::updateWindowTitle()
{
    // The application's display name ("Cron Desk") is appended by Qt. The environment is in the
    // title so that a production window is recognisable in the task bar and window switcher.
    if (m_connectionName.isEmpty())
        setWindowTitle(m_client->baseUrl().toDisplayString());
    else if (m_environment.isEmpty())
        setWindowTitle(m_connectionName);
    else
        setWindowTitle(tr("%1 (%2)").arg(m_connectionName, m_environment));
}

void MainWindow::showPlaceholder(const QString &message, bool isError)
{
    // Without an error the message is what is happening ("Connecting to “prod”…"), which is
    // title enough.
    if (isError)
        showState(tr("Cannot show crons"), message, false);
    else
        showState(message, QString(), false);
}

void MainWindow::setConnectionActions(const QList<QAction *> &actions)
{
    m_connectionActions = actions;
}

void MainWindow::showNotConnected()
{
    showState(tr("Not connected"),
              tr("Choose a deployment in the Connection menu: Profiles… adds one or opens a "
                 "saved one, and Try the Local Sandbox shows Cron Desk with sample crons."),
              false, m_connectionActions);
}

void MainWindow::showState(const QString &title, const QString &detail, bool offerRetry,
                           const QList<QAction *> &actions)
{
    m_stateTitle->setText(title);
    m_stateDetail->setText(detail);
    m_stateDetail->setVisible(!detail.isEmpty());
    m_retryButton->setVisible(offerRetry);
    // Buttons for the actions, between the stretches around the retry button.
    for (QPushButton *button :
         m_stack->widget(int(Page::State))
             ->findChildren<QPushButton *>(u"stateActionButton"_s, Qt::FindDirectChildrenOnly))
        delete button;
    for (QAction *action : actions) {
        auto *button
            = new QPushButton(action->icon(), action->text(), m_stack->widget(int(Page::State)));
        button->setObjectName(u"stateActionButton"_s);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_stateButtons->insertWidget(m_stateButtons->count() - 1, button);
    }
    m_stack->setCurrentIndex(int(Page::State));
}

void MainWindow::showBanner(const QString &text)
{
    m_banner->setText(models::asSentence(text));
    m_banner->show();
}

void MainWindow::refresh()
{
    if (m_client->baseUrl().isEmpty() || m_repository->isLoading())
        return;
    m_repository->reload();
}

void MainWindow::onLoadingChanged(bool loading)
{
    m_progress->setVisible(loading);
    m_cancelButton->setVisible(loading);
    m_progress->setRange(0, 0);
    m_refreshAction->setEnabled(!loading);
    m_cancelAction->setEnabled(loading);
    if (loading && m_model->rowCount() == 0)
        showState(tr("Loading crons…"), m_client->baseUrl().toDisplayString(), false);
}

void MainWindow::onLoadProgress(qint64 fetched, qint64 total)
{
    if (total <= 0)
        return;
    const QLocale locale;
    m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(int(std::min(fetched, total)));
    m_progress->setFormat(tr("%1 of %2").arg(locale.toString(fetched), locale.toString(total)));
}

void MainWindow::onLoadSucceeded()
{
    m_stale = false;
    m_banner->hide();
    if (m_model->rowCount() == 0 && !m_repository->serverMetadataFilter().isEmpty()) {
        // The server filtered: nothing matched, which is not the same as no crons at all.
        m_stack->setCurrentIndex(int(Page::Table));
        updateNoMatches();
    } else if (m_model->rowCount() == 0) {
        showState(tr("No crons yet"),
                  tr("%1 has no scheduled crons. Create one with crondeskctl crons create, or with "
                     "the SDK.")
                      .arg(m_client->baseUrl().toDisplayString()),
                  true);
    } else {
        m_stack->setCurrentIndex(int(Page::Table));
        // Something to look at in the details pane from the start.
        if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_table->selectRow(0);
    }
    updateFacetChoices();
    updateCountLabel();
    updateFreshnessLabel();
    updateDetails();
}

void MainWindow::onLoadFailed(const api::ApiError &error)
{
    if (error.kind == api::ApiError::Kind::Canceled && m_model->rowCount() > 0)
        return;
    if (m_model->rowCount() == 0) {
        const QString url = m_client->baseUrl().toDisplayString();
        using Kind = api::ApiError::Kind;
        QString title = tr("Could not load crons");
        if (error.kind == Kind::Network || error.kind == Kind::Timeout || error.kind == Kind::Tls)
            title = tr("Cannot connect to %1").arg(url);
        else if (looksUnsupported(error))
            title = tr("%1 does not support crons").arg(url);
        else if (error.kind == Kind::Unauthorized || error.kind == Kind::Forbidden)
            title = tr("%1 refused the API key").arg(url);
        else if (error.kind == Kind::Canceled)
            title = tr("Loading stopped");
        QString detail = models::asSentence(error.toString());
        if (looksUnsupported(error))
            detail += u"\n\n"_s
                + tr("Cron jobs need a deployment with crons enabled (LangGraph Platform, or a "
                     "self-hosted "
                     "Agent Server with a license that includes them).");
        showState(title, detail, true);
        return;
    }
    // Keep what is on screen, and say plainly that it may be out of date.
    m_stale = true;
    showBanner(tr("Refresh failed — the table shows the crons as of %1. %2")
                   .arg(m_repository->lastLoaded().toLocalTime().toString(u"HH:mm:ss"_s),
                        error.toString()));
    updateFreshnessLabel();
}

void MainWindow::onDeleteFailed(const QString &cronId, const api::ApiError &error)
{
    showBanner(tr("Could not delete cron %1: %2").arg(cronId, error.toString()));
}

void MainWindow::onUpdated(const api::Cron &cron)
{
    const int index = m_resumedAwaitingCheck.indexOf(cron.cronId);
    if (index < 0)
        return;
    m_resumedAwaitingCheck.removeAt(index);
    // api-contract §6.8: a scheduler that does not recompute next_run_date on resume catches up.
    if (cron.enabled && cron.nextRunDate.isValid()
        && cron.nextRunDate <= QDateTime::currentDateTimeUtc()) {
        showBanner(tr("Cron %1 was resumed with a next run in the past (%2): the server will fire "
                      "it immediately.")
                       .arg(cron.cronId, models::formatInstant(cron.nextRunDate, cron.timezone)));
    }
}

void MainWindow::onUpdateFailed(const QString &cronId, const api::ApiError &error)
{
    m_resumedAwaitingCheck.removeAll(cronId);
    showBanner(tr("Could not change cron %1: %2").arg(cronId, error.toString()));
}

void MainWindow::setSelectedEnabled(bool enabled)
{
    QList<api::Cron> selected;
    for (const QString &id : selectedCronIds()) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selected.append(m_model->cronAt(row));
    }
    const models::EnablePlan plan
        = models::planSetEnabled(selected, enabled, QDateTime::currentDateTimeUtc());
    if (plan.isEmpty()) {
        statusBar()->showMessage(enabled ? tr("The selected crons are already enabled.")
                                         : tr("The selected crons are already paused."),
                                 5000);
        return;
    }
    const QStringList ids = plan.changingIds();
    runGated(models::enableRequest(plan, mutationTarget(), QDateTime::currentDateTimeUtc()),
             [this, ids, enabled] {
                 m_banner->hide();
                 if (enabled)
                     m_resumedAwaitingCheck.append(ids);
                 m_repository->setCronsEnabled(ids, enabled);
             });
}

void MainWindow::newCron()
{
    openEditor(int(CronEditorDialog::Mode::Create), {});
}

void MainWindow::editCurrent()
{
    if (const api::Cron *cron = currentCron())
        openEditor(int(CronEditorDialog::Mode::Edit), *cron);
}

void MainWindow::cloneCurrent()
{
    if (const api::Cron *cron = currentCron())
        openEditor(int(CronEditorDialog::Mode::Clone), *cron);
}

void MainWindow::openEditor(int mode, const api::Cron &cron)
{
    // The editor saves through the session (rules, journal, the table), never the client.
    const QJsonValue before = CronEditorDialog::Mode(mode) == CronEditorDialog::Mode::Edit
        ? QJsonValue(api::cronToJson(cron))
        : QJsonValue();
    auto *dialog = new CronEditorDialog(CronEditorDialog::Mode(mode),
                                        m_repository->newEditorSubmitter(before),
                                        new models::CronEditorLookups(m_client), cron, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTarget(mutationTarget());
    connect(dialog, &CronEditorDialog::cronSaved, this, [this](const api::Cron &saved) {
        // Show the operator the cron they just saved, as the server has it.
        const int row = m_model->rowOf(saved.cronId);
        const QModelIndex index
            = m_proxy->mapFromSource(m_model->index(row, models::CronTableModel::CronIdColumn));
        if (index.isValid()) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
        }
        statusBar()->showMessage(tr("Saved cron %1.").arg(saved.cronId), 6000);
        if (m_stack->currentIndex() == int(Page::State))
            m_stack->setCurrentIndex(int(Page::Table));
    });
    dialog->open();
}

void MainWindow::onFilterChanged(const models::CronFilter &filter)
{
    models::CronFilter local = filter;
    // Servers from 0.9 filter metadata themselves, which spares loading what is not wanted.
    if (m_repository->capabilities().supportsMetadataFilter) {
        local.metadata = {};
        if (filter.metadata != m_repository->serverMetadataFilter()) {
            m_repository->setServerMetadataFilter(filter.metadata);
            m_repository->cancelLoad();
            m_model->clear();
            QTimer::singleShot(0, this, &MainWindow::refresh);
        }
    }
    m_proxy->setCronFilter(local);
    updateCountLabel();
}

void MainWindow::onTick()
{
    // Health and "in 3 min" are judged against the clock; move it on.
    m_model->setNow(QDateTime::currentDateTimeUtc());
    updateFreshnessLabel();
}

void MainWindow::updateCountLabel()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QLocale locale;
    // %Ln: the number in the user's locale, and the plural form chosen by the translation for
    // that number (languages differ in how many forms they have and where they switch).
    if (!m_repository->serverMetadataFilter().isEmpty()) {
        const qint64 all = m_repository->unfilteredTotal();
        m_countLabel->setText(
            all >= 0 ? tr("%1 of %Ln cron(s)", "", int(all)).arg(locale.toString(shown))
                     : tr("%Ln cron(s) match the metadata filter", "", shown));
        return;
    }
    if (shown == total)
        m_countLabel->setText(tr("%Ln cron(s)", "", total));
    else
        m_countLabel->setText(tr("%1 of %Ln cron(s)", "", total).arg(locale.toString(shown)));
}

void MainWindow::updateFreshnessLabel()
{
    if (m_client->baseUrl().isEmpty()) {
        m_freshnessLabel->clear();
        return;
    }
    const auto every = m_autoRefreshAction->isChecked()
        ? std::chrono::duration_cast<std::chrono::seconds>(autoRefreshInterval)
        : std::chrono::seconds(0);
    const QString text
        = models::freshnessText(m_repository->lastLoaded(), m_repository->currentTime(), every);
    if (m_stale) {
        m_freshnessLabel->setText(tr("⚠ stale: %1").arg(text));
        m_freshnessLabel->setStyleSheet(u"QLabel { color: #b71c1c; font-weight: bold; }"_s);
        m_freshnessLabel->setToolTip(tr("The last refresh failed; rows may be out of date."));
    } else {
        m_freshnessLabel->setText(text);
        m_freshnessLabel->setStyleSheet(QString());
        m_freshnessLabel->setToolTip(
            m_repository->hasLoaded()
                ? tr("Last read in full at %1. Crons whose next run has passed are read again "
                     "on their own before their health is judged.")
                      .arg(m_repository->lastLoaded().toLocalTime().toString(
                          u"yyyy-MM-dd HH:mm:ss"_s))
                : QString());
    }
}

void MainWindow::updateFacetChoices()
{
    QMap<QString, QString> assistants; // label -> id, sorted by label
    QSet<QString> zones;
    for (const api::Cron &cron : m_model->crons()) {
        if (!cron.assistantId.isEmpty())
            assistants.insert(m_model->assistantLabel(cron.assistantId), cron.assistantId);
        if (!cron.timezone.isEmpty())
            zones.insert(cron.timezone);
    }
    QList<std::pair<QString, QString>> assistantItems;
    for (auto it = assistants.cbegin(); it != assistants.cend(); ++it)
        assistantItems.append({it.value(), it.key()});
    m_filterBar->setAssistants(assistantItems);
    QStringList zoneList(zones.cbegin(), zones.cend());
    zoneList.sort();
    m_filterBar->setTimezones(zoneList);
}

void MainWindow::updateActions()
{
    const bool connected = !m_client->baseUrl().isEmpty();
    // One rule for every action, from the selected rows the table shows: Edit and Clone need
    // exactly one, Pause one that is enabled, Resume one that is paused, Delete any; a read-only
    // connection disables every change.
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    bool anyEnabled = false;
    bool anyPaused = false;
    for (const QModelIndex &index : selected) {
        const int row = m_proxy->mapToSource(index).row();
        (m_model->cronAt(row).enabled ? anyEnabled : anyPaused) = true;
    }
    const bool hasSelection = !selected.isEmpty();
    const bool hasOne = selected.size() == 1;
    const api::ServerCapabilities &can = m_repository->capabilities();
    const bool crons = connected && can.cronsSupported;
    const bool mayChange = crons && !m_readOnly;
    const bool canPatch = mayChange && can.supportsPatch && can.supportsEnabled;

    m_newAction->setEnabled(mayChange);
    m_cloneAction->setEnabled(mayChange && hasOne);
    m_editAction->setEnabled(mayChange && can.supportsPatch && hasOne);
    m_pauseAction->setEnabled(canPatch && anyEnabled);
    m_resumeAction->setEnabled(canPatch && anyPaused);
    m_deleteAction->setEnabled(mayChange && hasSelection);
    m_runNowAction->setEnabled(mayChange && hasOne);
    m_copyIdAction->setEnabled(hasSelection);
    m_exportAction->setEnabled(m_proxy->rowCount() > 0);
    m_printAction->setEnabled(m_proxy->rowCount() > 0);

    // A disabled action says why, when the reason is the server.
    const QString tooOld
        = tr("This server (version %1) cannot do this; it needs Agent Server %2 or newer.");
    const QString version = can.version.isEmpty() ? tr("unknown") : can.version;
    m_pauseAction->setToolTip(
        canPatch || !crons
            ? tr("Pause the selected crons: they stay listed but stop firing (Ctrl+Shift+P)")
            : tooOld.arg(version, can.supportsPatch ? u"0.7.15"_s : u"0.7.21"_s));
    m_resumeAction->setToolTip(
        canPatch || !crons ? tr("Resume the selected crons (Ctrl+Shift+R)")
                           : tooOld.arg(version, can.supportsPatch ? u"0.7.15"_s : u"0.7.21"_s));
    m_editAction->setToolTip(!crons || can.supportsPatch
                                 ? tr("Edit the selected cron (Ctrl+E, Enter or double-click)")
                                 : tooOld.arg(version, u"0.7.21"_s));
    if (m_readOnly) {
        const QString why
            = m_readOnlyReason.isEmpty() ? tr("This connection is read-only.") : m_readOnlyReason;
        for (QAction *action : {m_newAction, m_editAction, m_cloneAction, m_pauseAction,
                                m_resumeAction, m_deleteAction, m_runNowAction})
            action->setToolTip(why);
    }
}

void MainWindow::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason = reason;
    updateActions();
}

void MainWindow::runGated(const models::MutationRequest &request, std::function<void()> proceed)
{
    if (m_mutationGate)
        m_mutationGate(request, std::move(proceed));
    else
        confirmMutation(request, {}, this, this, std::move(proceed));
}

models::MutationTarget MainWindow::mutationTarget() const
{
    if (m_target != models::MutationTarget())
        return m_target;
    // Without a target from the connection's rules, the name the title shows.
    models::MutationTarget target
        = models::mutationTarget(std::nullopt, m_client->baseUrl(), false);
    if (!m_connectionName.isEmpty()) {
        models::ConnectionProfile named;
        named.name = m_connectionName;
        named.environment = m_environment;
        target = models::mutationTarget(named, m_client->baseUrl(), false);
    }
    return target;
}

void MainWindow::onCapabilitiesChanged()
{
    const api::ServerCapabilities &can = m_repository->capabilities();
    m_filterBar->setMetadataFilteredOnServer(can.supportsMetadataFilter);
    if (!can.cronsSupported && m_model->rowCount() == 0) {
        showState(tr("%1 does not support crons").arg(m_client->baseUrl().toDisplayString()),
                  tr("The server answered, but its cron endpoints are missing or not implemented "
                     "(server version %1). "
                     "Cron jobs need a deployment with crons enabled.")
                      .arg(can.version.isEmpty() ? tr("unknown") : can.version),
                  true);
    }
    updateActions();
}

const api::Cron *MainWindow::currentCron() const
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.size() != 1)
        return nullptr;
    const QModelIndex source = m_proxy->mapToSource(selected.first());
    return source.isValid() ? &m_model->cronAt(source.row()) : nullptr;
}

QModelIndex MainWindow::shownSourceIndex() const
{
    // The current index alone is not enough: when a filter hides the selected row, Qt moves the
    // current index to a neighbour that nobody selected.
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent()))
        return m_proxy->mapToSource(current);
    const QModelIndexList selected = selection->selectedRows();
    return selected.size() == 1 ? m_proxy->mapToSource(selected.first()) : QModelIndex();
}

void MainWindow::updateDetails()
{
    const QModelIndex current = shownSourceIndex();
    if (!current.isValid()) {
        m_runsThreadId.clear();
        m_details->showNothing(tr("Select a cron to see its details."));
        return;
    }
    const int row = current.row();
    const api::Cron &cron = m_model->cronAt(row);
    auto cell = [this, row](int column) { return m_model->index(row, column).data().toString(); };
    const api::Assistant *assistant = m_model->assistant(cron.assistantId);
    // A field the server sent malformed shows what arrived, not the empty value it decoded to.
    auto wire = [&cron](QStringView field, const QString &value) {
        return ui::CronDetailsWidget::fieldText(cron, field, value);
    };
    QList<std::pair<QString, QString>> fields {
        {tr("Assistant"),
         wire(u"assistant_id",
              assistant ? tr("%1\n%2").arg(cell(models::CronTableModel::AssistantColumn),
                                           cron.assistantId)
                        : cron.assistantId)},
        {tr("Thread"),
         wire(u"thread_id",
              cron.isStateless() ? tr("stateless (a new thread for every run)") : cron.threadId)},
        {tr("Schedule"), cron.schedule},
        {tr("Description"), cell(models::CronTableModel::DescriptionColumn)},
        {tr("Timezone"), wire(u"timezone", cell(models::CronTableModel::TimezoneColumn))},
        {tr("Next run"),
         wire(u"next_run_date",
              m_model->index(row, models::CronTableModel::NextRunColumn)
                  .data(Qt::ToolTipRole)
                  .toString())},
        {tr("End time"),
         wire(u"end_time",
              cron.endTime.isValid() ? tr("%1\n%2 in yours")
                                           .arg(models::formatInstant(cron.endTime, cron.timezone),
                                                models::formatInstant(cron.endTime, QString(),
                                                                      models::FormatZone::Local))
                                     : tr("none — runs until deleted"))},
        {tr("Enabled"), wire(u"enabled", cron.enabled ? tr("yes") : tr("no — paused"))},
        {tr("On completion"),
         wire(u"on_run_completed", cell(models::CronTableModel::OnCompletionColumn))},
        {tr("Multitask"), cell(models::CronTableModel::MultitaskColumn)},
        {tr("Webhook"), cron.webhook()},
        {tr("Created"),
         wire(u"created_at",
              models::formatInstant(cron.createdAt, QString(), models::FormatZone::Local))},
        {tr("Updated"),
         wire(u"updated_at",
              models::formatInstant(cron.updatedAt, QString(), models::FormatZone::Local))},
        {tr("User"), wire(u"user_id", cron.userId)},
        {tr("Metadata"),
         wire(u"metadata",
              models::compactMetadata(models::userMetadata(cron.metadata))
                  .replace(u", "_s, u"\n"_s))},
    };
    const bool sameCron = m_details->cronId() == cron.cronId;
    // The model's own words for the row's stored health: what the table's badge and tooltip,
    // the health filter and export show too.
    m_details->showCron(cron, fields, m_model->healthLines(row));
    if (!sameCron || m_runsThreadId != cron.cronId)
        loadRunHistory(cron);
}

void MainWindow::loadRunHistory(const api::Cron &cron)
{
    m_runsThreadId = cron.cronId;
    m_details->showRunsLoading();
    auto *loader = new models::RunHistoryLoader(m_client, cron, {}, this);
    connect(loader, &models::RunHistoryLoader::loaded, this,
            [this, id = cron.cronId](const models::CronRunHistory &history) {
                if (id == m_runsThreadId) // else the selection moved on meanwhile
                    m_details->showRunHistory(history);
            });
    connect(loader, &models::RunHistoryLoader::failed, this,
            [this, id = cron.cronId](const api::ApiError &error) {
                if (id == m_runsThreadId)
                    m_details->showRunsError(error.toString());
            });
    loader->start();
}

void MainWindow::runNowSelected()
{
    const api::Cron *current = currentCron();
    if (!current)
        return;
    const api::Cron cron = *current;
    runGated(models::runNowRequest(cron, mutationTarget()), [this, cron] {
        auto *controller = new RunNowController(m_repository, this);
        connect(controller, &RunNowController::started, this, [this](const api::Run &run) {
            statusBar()->showMessage(
                tr("Run %1 is %2.")
                    .arg(run.runId,
                         models::runOutcomeText(models::runOutcome(run.status)).toLower()));
        });
        connect(controller, &RunNowController::ended, this, [this, cron](const api::Run &run) {
            statusBar()->showMessage(
                tr("Run %1 of cron %2 ended: %3.")
                    .arg(run.runId, cron.cronId,
                         models::runOutcomeText(models::runOutcome(run.status)).toLower()));
            m_lastRunFeeder->invalidate(cron.cronId);
            if (m_details->cronId() == cron.cronId)
                loadRunHistory(cron);
        });
        connect(controller, &RunNowController::failed, this,
                [this](const QString &message) { statusBar()->showMessage(message); });
        controller->start(cron);
    });
}

QStringList MainWindow::selectedCronIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(index.data(models::CronTableModel::CronIdRole).toString());
    return ids;
}

void MainWindow::copySelectedIds()
{
    const QStringList ids = selectedCronIds();
    if (ids.isEmpty())
        return;
    QApplication::clipboard()->setText(ids.join(u'\n'));
    statusBar()->showMessage(ids.size() == 1 ? tr("Copied the id %1.").arg(ids.first())
                                             : tr("Copied %Ln cron id(s).", "", int(ids.size())),
                             4000);
}

models::TableView MainWindow::visibleTable() const
{
    models::TableView view;
    const QHeaderView *header = m_table->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (!header->isSectionHidden(column))
            view.columns.append(column);
    }
    view.rows = m_proxy->visibleSourceRows();
    return view;
}

void MainWindow::copySelection()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.size() <= 1) {
        // One row: the current cell's full value, which is what a single Ctrl+C is for.
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            QApplication::clipboard()->setText(
                current.data(models::CronTableModel::CopyRole).toString());
        return;
    }
    // Several rows: as a spreadsheet would paste them, in the table's order.
    QList<int> proxyRows;
    for (const QModelIndex &index : selected)
        proxyRows.append(index.row());
    std::sort(proxyRows.begin(), proxyRows.end());
    models::TableView view = visibleTable();
    view.rows.clear();
    for (const int row : proxyRows)
        view.rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    QApplication::clipboard()->setText(models::tableViewToTsv(*m_model, view));
    statusBar()->showMessage(tr("Copied %Ln row(s) with a header line.", "", int(view.rows.size())),
                             4000);
}

bool MainWindow::exportVisibleRows(const QString &path, QString *error)
{
    const models::TableView view = visibleTable();
    const QByteArray bytes = path.endsWith(u".json"_s, Qt::CaseInsensitive)
        ? models::tableViewToJson(*m_model, view)
        : models::tableViewToCsv(*m_model, view);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    statusBar()->showMessage(tr("Exported %Ln cron(s) to %1.", "", int(view.rows.size())).arg(path),
                             6000);
    return true;
}

QString MainWindow::printableHtml() const
{
    const QLocale locale;
    const QString title
        = tr("Crons of %1, %2")
              .arg(deploymentName(),
                   locale.toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    return models::tableViewToHtml(*m_model, visibleTable(), title);
}

void MainWindow::printVisibleRows()
{
    auto *printer = new QPrinter(QPrinter::HighResolution);
    printer->setPageOrientation(QPageLayout::Landscape);
    auto *dialog = new QPrintDialog(printer, this);
    dialog->setObjectName(u"printDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QObject::destroyed, this, [printer] { delete printer; });
    connect(dialog, qOverload<QPrinter *>(&QPrintDialog::accepted), this, [this](QPrinter *chosen) {
        QTextDocument document;
        document.setHtml(printableHtml());
        document.print(chosen);
    });
    dialog->open();
}

void MainWindow::openCurrent()
{
    if (!currentCron())
        return;
    if (m_editAction->isEnabled()) {
        editCurrent();
        return;
    }
    // Read-only (or a server that cannot edit): the details pane is the read-only view.
    m_detailsDock->show();
    m_detailsDock->raise();
    m_details->setFocus(Qt::OtherFocusReason);
}

void MainWindow::showAbout()
{
    const api::ServerCapabilities &can = m_repository->capabilities();
    auto *dialog = new AboutDialog(m_client->baseUrl().isEmpty() ? QString() : deploymentName(),
                                   can.version, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showUserGuide()
{
    openUserGuide(this);
}

void MainWindow::updateNoMatches()
{
    const bool filteredToNothing = m_proxy->rowCount() == 0
        && (m_model->rowCount() > 0 || !m_repository->serverMetadataFilter().isEmpty())
        && !m_repository->isLoading();
    if (filteredToNothing) {
        const int total = m_model->rowCount();
        m_noMatchesDetail->setText(m_repository->serverMetadataFilter().isEmpty()
                                       ? tr("The filters hide all %Ln loaded cron(s).", "", total)
                                       : tr("The server has no crons with this metadata."));
    }
    m_table->setVisible(!filteredToNothing);
    m_noMatches->setVisible(filteredToNothing);
}

void MainWindow::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Visible Rows"));
    dialog->setObjectName(u"exportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV (*.csv)"), tr("JSON (*.json)")});
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->selectFile(u"crons.csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"json"_s) ? u"json"_s : u"csv"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!exportVisibleRows(path, &error))
            showBanner(tr("Could not export to %1: %2").arg(path, error));
    });
    dialog->open();
}

void MainWindow::deleteSelected()
{
    const QStringList ids = selectedCronIds();
    if (ids.isEmpty())
        return;
    QList<api::Cron> crons;
    for (const QString &id : ids) {
        const int row = m_model->rowOf(id);
        if (row >= 0) {
            crons.append(m_model->cronAt(row));
        } else {
            api::Cron unknown;
            unknown.cronId = id;
            crons.append(unknown);
        }
    }
    runGated(models::deleteRequest(crons, mutationTarget()), [this, ids] {
        m_banner->hide();
        m_repository->deleteCrons(ids);
    });
}

} // namespace crondesk::ui
