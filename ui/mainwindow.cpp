#include "mainwindow.h"

#include <models/api/apiclient.h>
#include <models/cronrepository.h>
#include <models/crontablemodel.h>
#include <models/displayformat.h>

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int filterDebounceMs = 200;
constexpr int maxListedInConfirmation = 15;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new api::ApiClient(this))
    , m_model(new models::CronTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_repository(new models::CronRepository(m_client, m_model, this))
    , m_filterTimer(new QTimer(this))
{
    setWindowTitle(tr("Cron Desk"));
    setWindowIcon(QIcon(u":/icons/crondesk.svg"_s));
    resize(1280, 760);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(models::CronTableModel::SortRole);
    m_proxy->setFilterRole(models::CronTableModel::FilterRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    createActions();
    createCentralWidget();

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(filterDebounceMs);
    connect(m_filterTimer, &QTimer::timeout, this, [this] {
        m_proxy->setFilterFixedString(m_filterEdit->text().trimmed());
        updateCountLabel();
    });

    connect(m_repository, &models::CronRepository::loadingChanged, this,
            &MainWindow::onLoadingChanged);
    connect(m_repository, &models::CronRepository::loadProgress, this, &MainWindow::onLoadProgress);
    connect(m_repository, &models::CronRepository::loadSucceeded, this,
            &MainWindow::onLoadSucceeded);
    connect(m_repository, &models::CronRepository::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_repository, &models::CronRepository::deleteFailed, this, &MainWindow::onDeleteFailed);
    connect(m_repository, &models::CronRepository::deleted, this, [this] { updateCountLabel(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_model->rowCount() > 0)
            m_stack->setCurrentIndex(int(Page::Table));
        updateCountLabel();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCountLabel);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);

    updateActions();
    updateCountLabel();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Reload every cron from the server (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_cancelAction = new QAction(QIcon::fromTheme(u"process-stop"_s), tr("&Stop loading"), this);
    m_cancelAction->setShortcut(Qt::Key_Escape);
    connect(m_cancelAction, &QAction::triggered, m_repository, &models::CronRepository::cancelLoad);

    m_deleteAction = new QAction(QIcon::fromTheme(u"edit-delete"_s), tr("&Delete…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setToolTip(tr("Delete the selected crons (Del)"));
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(quitAction);
    QMenu *cronMenu = menuBar()->addMenu(tr("&Crons"));
    cronMenu->addAction(m_refreshAction);
    cronMenu->addAction(m_cancelAction);
    cronMenu->addSeparator();
    cronMenu->addAction(m_deleteAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_deleteAction);
    toolBar->addSeparator();

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_filterEdit->setPlaceholderText(tr("Filter crons (Ctrl+F)"));
    m_filterEdit->setAccessibleName(tr("Filter crons"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMaximumWidth(360);
    toolBar->addWidget(m_filterEdit);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filterEdit, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(focusFilter);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setAccessibleName(tr("Loading progress"));
    m_progress->hide();
    statusBar()->addWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_connectionLabel);
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
    m_table->verticalHeader()->hide();
    // Uniform rows keep 100,000-row tables cheap to scroll.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_refreshAction);
    m_table->addAction(m_deleteAction);
    const int widths[] = {90, 170, 100, 130, 150, 260, 70, 160};
    for (int column = 0; column < models::CronTableModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, widths[column]);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"errorBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
        u"QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
        " border-radius: 4px; padding: 6px 10px; }"_s);
    m_banner->hide();

    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(6, 6, 6, 0);
    tableLayout->addWidget(m_banner);
    tableLayout->addWidget(m_table);

    auto *statePage = new QWidget(this);
    auto *stateLayout = new QVBoxLayout(statePage);
    m_stateTitle = new QLabel(statePage);
    m_stateTitle->setObjectName(u"stateTitle"_s);
    m_stateTitle->setAlignment(Qt::AlignCenter);
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
    stateLayout->addStretch(2);
    stateLayout->addWidget(m_stateTitle);
    stateLayout->addWidget(m_stateDetail);
    stateLayout->addWidget(m_retryButton, 0, Qt::AlignHCenter);
    stateLayout->addStretch(3);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(tablePage);
    m_stack->addWidget(statePage);
    setCentralWidget(m_stack);
}

void MainWindow::setDeployment(const api::RequestFactory &factory, const QString &keyNote)
{
    m_repository->cancelLoad();
    m_model->clear();
    m_client->setRequestFactory(factory);
    const QString url = factory.baseUrl().toDisplayString();
    m_connectionLabel->setText(tr("%1 · %2").arg(url, keyNote));
    setWindowTitle(tr("Cron Desk — %1").arg(url));
    refresh();
}

void MainWindow::showPlaceholder(const QString &message, bool isError)
{
    showState(isError ? tr("Cannot show crons") : tr("Please wait"), message, false);
}

void MainWindow::showState(const QString &title, const QString &detail, bool offerRetry)
{
    m_stateTitle->setText(title);
    m_stateDetail->setText(detail);
    m_retryButton->setVisible(offerRetry);
    m_stack->setCurrentIndex(int(Page::State));
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
    m_progress->setRange(0, 0);
    m_refreshAction->setEnabled(!loading);
    m_cancelAction->setEnabled(loading);
    if (loading && m_model->rowCount() == 0)
        showState(tr("Loading crons…"), m_client->baseUrl().toDisplayString(), false);
}

void MainWindow::onLoadProgress(qint64 fetched, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
        m_progress->setValue(int(std::min(fetched, total)));
        m_progress->setFormat(
            tr("%1 of %2").arg(QLocale().toString(fetched), QLocale().toString(total)));
    }
}

void MainWindow::onLoadSucceeded()
{
    m_banner->hide();
    if (m_model->rowCount() == 0) {
        showState(
            tr("No crons yet"),
            tr("%1 has no scheduled crons. Create one with crondeskctl crons create or the SDK.")
                .arg(m_client->baseUrl().toDisplayString()),
            true);
    } else {
        m_stack->setCurrentIndex(int(Page::Table));
    }
    statusBar()->showMessage(
        tr("Refreshed at %1").arg(QTime::currentTime().toString(u"HH:mm:ss"_s)), 5000);
    updateCountLabel();
}

void MainWindow::onLoadFailed(const api::ApiError &error)
{
    if (error.kind == api::ApiError::Kind::Canceled && m_model->rowCount() > 0)
        return;
    if (m_model->rowCount() == 0) {
        const QString title = error.kind == api::ApiError::Kind::Network
                || error.kind == api::ApiError::Kind::Timeout
                || error.kind == api::ApiError::Kind::Tls
            ? tr("Cannot connect to %1").arg(m_client->baseUrl().toDisplayString())
            : tr("Could not load crons");
        showState(title, error.toString(), true);
        return;
    }
    // Keep what is on screen, and say plainly that it may be out of date.
    m_banner->setText(tr("Refresh failed — the table shows the crons as of %1. %2")
                          .arg(m_repository->lastLoaded().toLocalTime().toString(u"HH:mm:ss"_s),
                               error.toString()));
    m_banner->show();
}

void MainWindow::onDeleteFailed(const QString &cronId, const api::ApiError &error)
{
    m_banner->setText(tr("Could not delete cron %1: %2").arg(cronId, error.toString()));
    m_banner->show();
}

void MainWindow::updateCountLabel()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QLocale locale;
    if (shown == total)
        m_countLabel->setText(total == 1 ? tr("1 cron")
                                         : tr("%1 crons").arg(locale.toString(total)));
    else
        m_countLabel->setText(
            tr("%1 of %2 crons").arg(locale.toString(shown), locale.toString(total)));
}

void MainWindow::updateActions()
{
    m_deleteAction->setEnabled(m_table->selectionModel()->hasSelection());
}

QStringList MainWindow::selectedCronIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(index.data(models::CronTableModel::CronIdRole).toString());
    return ids;
}

void MainWindow::deleteSelected()
{
    const QStringList ids = selectedCronIds();
    if (ids.isEmpty())
        return;
    QStringList lines;
    for (const QString &id : ids.mid(0, maxListedInConfirmation)) {
        const int row = m_model->rowOf(id);
        const QString schedule = row >= 0 ? m_model->cronAt(row).schedule : QString();
        lines.append(u"• %1  (%2)"_s.arg(id, schedule));
    }
    if (ids.size() > maxListedInConfirmation)
        lines.append(tr("… and %n more", nullptr, int(ids.size() - maxListedInConfirmation)));

    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Delete crons"),
        tr("Delete %n cron(s) from %1? This cannot be undone.", nullptr, int(ids.size()))
            .arg(m_client->baseUrl().toDisplayString()),
        QMessageBox::Cancel, this);
    box->setObjectName(u"deleteConfirmation"_s);
    box->setInformativeText(lines.join(u'\n'));
    QPushButton *deleteButton = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    deleteButton->setObjectName(u"confirmDeleteButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, deleteButton, ids] {
        if (box->clickedButton() == deleteButton) {
            m_banner->hide();
            m_repository->deleteCrons(ids);
        }
    });
    box->open();
}

} // namespace crondesk::ui
