#include "changessincecontroller.h"

#include "backgroundrunner.h"
#include "changessincedelegate.h"
#include "changessincedialog.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "snapshotcontroller.h"

#include <models/compare/autosnapshotstore.h>
#include <models/compare/snapshot.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

using RowChanges = QHash<QString, models::CronTableModel::RowChange>;

// What the table model keeps: the kind and the words for each marked row. Made on the worker
// thread, since 100,000 tooltips are not free either.
RowChanges rowChangesOf(const models::ChangesSince &changes)
{
    RowChanges rows;
    rows.reserve(changes.byId.size());
    for (auto it = changes.byId.cbegin(); it != changes.byId.cend(); ++it)
        rows.insert(it.key(),
                    {it->kind == models::CronChangeSince::Kind::Added
                         ? models::CronTableModel::ChangeSince::Added
                         : models::CronTableModel::ChangeSince::Changed,
                     models::changeSinceText(*it, changes.since)});
    return rows;
}

using ChangeSince = models::CronTableModel::ChangeSince;

} // namespace

ChangesSinceController::ChangesSinceController(MainWindow *window, SnapshotController *snapshots)
    : QObject(window)
    , m_window(window)
    , m_snapshots(snapshots)
    , m_runner(new BackgroundRunner(this))
    , m_recomputeTimer(new QTimer(this))
{
    // Several rows re-read at once are one recomputation.
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(0);
    connect(m_recomputeTimer, &QTimer::timeout, this, &ChangesSinceController::recompute);

    m_chooseAction = new QAction(tr("C&hanges Since…"), this);
    m_chooseAction->setObjectName(u"changesSinceAction"_s);
    m_chooseAction->setShortcut(QKeySequence(u"Ctrl+Shift+D"_s));
    m_chooseAction->setStatusTip(
        tr("Mark the crons added or changed since an earlier snapshot of this deployment."));
    connect(m_chooseAction, &QAction::triggered, this, &ChangesSinceController::choose);

    m_onlyChangedAction = new QAction(tr("O&nly Changed Rows"), this);
    m_onlyChangedAction->setObjectName(u"changesSinceOnlyAction"_s);
    m_onlyChangedAction->setCheckable(true);
    m_onlyChangedAction->setIconText(tr("Only Changed"));
    m_onlyChangedAction->setEnabled(false);
    m_onlyChangedAction->setStatusTip(
        tr("Show only the crons added or changed since the snapshot."));
    connect(m_onlyChangedAction, &QAction::toggled, this, &ChangesSinceController::setOnlyChanged);

    m_clearAction = new QAction(tr("Stop Showing Chan&ges"), this);
    m_clearAction->setObjectName(u"changesSinceClearAction"_s);
    m_clearAction->setEnabled(false);
    m_clearAction->setStatusTip(tr("Remove the marks of Changes Since."));
    m_clearAction->setIconText(tr("Clear"));
    connect(m_clearAction, &QAction::triggered, this, &ChangesSinceController::clear);

    m_showRemovedAction = new QAction(tr("Sho&w Removed Crons…"), this);
    m_showRemovedAction->setObjectName(u"changesSinceRemovedAction"_s);
    m_showRemovedAction->setToolTip(
        tr("Open Compare with the snapshot and this connection, which lists the removed crons."));
    connect(m_showRemovedAction, &QAction::triggered, this, [this] {
        if (isActive())
            m_snapshots->openCompareDialogWith(m_path);
    });

    if (auto *view = window->menuBar()->findChild<QMenu *>(u"viewMenu"_s)) {
        view->addSeparator();
        view->addAction(m_chooseAction);
        view->addAction(m_onlyChangedAction);
        view->addAction(m_showRemovedAction);
        view->addAction(m_clearAction);
    } else {
        window->addAction(m_chooseAction);
    }
    window->tableView()->setItemDelegate(new ChangesSinceDelegate(window->tableView()));

    // The banner above the table: counts (the removed crons in the tooltip), what the marks
    // mean, and what can be done about them.
    auto *banner = new QFrame(window);
    m_banner = banner;
    banner->setObjectName(u"changesSinceBanner"_s);
    banner->setFrameShape(QFrame::StyledPanel);
    m_summary = new QLabel(banner);
    m_summary->setObjectName(u"changesSinceSummary"_s);
    m_summary->setAccessibleName(tr("Changes since a snapshot"));
    // Wraps rather than widening the window's centre, which would squeeze the details pane.
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(240);
    auto *legend = new QLabel(banner);
    legend->setText(u"<span style=\"color:%1\">■</span> %2 &nbsp; "
                    "<span style=\"color:%3\">■</span> %4"_s.arg(
                        ChangesSinceDelegate::markColor(int(ChangeSince::Added)).name(),
                        tr("added").toHtmlEscaped(),
                        ChangesSinceDelegate::markColor(int(ChangeSince::Changed)).name(),
                        tr("changed").toHtmlEscaped()));
    legend->setAccessibleName(tr("Green marks added crons, amber changed ones."));
    auto *layout = new QHBoxLayout(banner);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->setSpacing(6);
    layout->addWidget(m_summary, 1);
    layout->addWidget(legend);
    for (QAction *action : {m_onlyChangedAction, m_showRemovedAction, m_clearAction}) {
        auto *button = new QToolButton(banner);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    banner->hide();
    window->insertBanner(banner);

    const models::CronRepository *repository = window->repository();
    connect(repository, &models::CronRepository::loadSucceeded, this, [this] {
        if (!isActive())
            return;
        // A snapshot of another deployment says nothing about this one.
        if (m_window->deploymentName() != m_deployment)
            clear();
        else
            m_recomputeTimer->start();
    });
    connect(repository, &models::CronRepository::deleted, this, [this] {
        if (isActive())
            m_recomputeTimer->start();
    });
    connect(repository, &models::CronRepository::updated, this, [this] {
        if (isActive())
            m_recomputeTimer->start();
    });
    // The filter bar's × removes "only changed rows" like any other id filter.
    connect(window->filterBar(), &FilterBar::filterChanged, this, [this] {
        if (m_onlyChangedAction->isChecked()
            && m_window->filterBar()->cronIdFilterText() != filterDescription()) {
            const QSignalBlocker blocker(m_onlyChangedAction);
            m_onlyChangedAction->setChecked(false);
        }
    });
}

ChangesSinceController::~ChangesSinceController() = default;

void ChangesSinceController::choose()
{
    const QList<models::AutoSnapshot> automatic
        = models::AutoSnapshotStore(m_snapshots->autoSnapshotDirectory())
              .list(m_window->deploymentName());
    auto *dialog = new ChangesSinceDialog(automatic, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChangesSinceDialog::snapshotChosen, this,
            &ChangesSinceController::showChangesSince);
    dialog->open();
}

void ChangesSinceController::showChangesSince(const QString &path)
{
    m_path = path;
    m_deployment = m_window->deploymentName();
    m_snapshot.reset();
    m_changes.reset();
    m_clearAction->setEnabled(true);
    m_summary->setText(tr("Comparing with the snapshot…"));
    m_summary->setToolTip(path);
    m_onlyChangedAction->setEnabled(false);
    m_showRemovedAction->setEnabled(false);
    m_banner->show();
    recompute();
}

void ChangesSinceController::clear()
{
    m_runner->cancel();
    m_recomputeTimer->stop();
    if (m_onlyChangedAction->isChecked())
        m_onlyChangedAction->setChecked(false); // drops the filter while the description holds
    m_path.clear();
    m_snapshot.reset();
    m_changes.reset();
    m_window->cronModel()->setRowChanges({});
    m_onlyChangedAction->setEnabled(false);
    m_showRemovedAction->setEnabled(false);
    m_clearAction->setEnabled(false);
    m_banner->hide();
}

void ChangesSinceController::recompute()
{
    if (!isActive())
        return;
    // Copies: the job must not read what the GUI thread changes meanwhile.
    const QList<api::Cron> crons = m_window->cronModel()->crons();
    const std::shared_ptr<const models::Snapshot> known = m_snapshot;
    const QString path = m_path;
    m_runner->start([this, crons, known,
                     path](const BackgroundRunner::Control &control) -> std::function<void()> {
        std::shared_ptr<const models::Snapshot> snapshot = known;
        if (!snapshot) {
            models::SnapshotReadResult read = models::readSnapshot(path);
            if (!read.snapshot) {
                return [this, message = read.message] {
                    clear();
                    m_window->statusBar()->showMessage(message, 10000);
                    Q_EMIT failed(message);
                };
            }
            snapshot = std::make_shared<const models::Snapshot>(std::move(*read.snapshot));
        }
        if (!control.setProgress(500))
            return {};
        auto changes
            = std::make_shared<const models::ChangesSince>(models::changesSince(*snapshot, crons));
        RowChanges rows = rowChangesOf(*changes);
        if (control.isCanceled())
            return {};
        return [this, snapshot, changes, rows = std::move(rows)]() mutable {
            m_snapshot = snapshot;
            m_changes = changes;
            m_window->cronModel()->setRowChanges(std::move(rows));
            if (m_onlyChangedAction->isChecked())
                setOnlyChanged(true);
            updateBanner();
            Q_EMIT computed();
        };
    });
}

void ChangesSinceController::setOnlyChanged(bool only)
{
    FilterBar *filter = m_window->filterBar();
    if (only && m_changes) {
        const QList<QString> ids = m_changes->byId.keys();
        filter->setCronIdFilter(QSet<QString>(ids.cbegin(), ids.cend()), filterDescription());
    } else if (!only && filter->hasCronIdFilter()
               && filter->cronIdFilterText() == filterDescription()) {
        filter->clearCronIdFilter();
    }
}

QString ChangesSinceController::filterDescription() const
{
    if (!m_changes)
        return {};
    return tr("Added or changed since %1")
        .arg(QLocale().toString(m_changes->since.toLocalTime(), u"d MMM yyyy HH:mm"_s));
}

void ChangesSinceController::updateBanner()
{
    if (!m_changes)
        return;
    m_summary->setText(models::changesSinceSummary(*m_changes));
    m_summary->setAccessibleDescription(m_summary->text());
    m_summary->setToolTip(m_path + u"\n\n" + models::removedCronsText(*m_changes));
    m_onlyChangedAction->setEnabled(true);
    m_showRemovedAction->setEnabled(!m_changes->removed.isEmpty());
    m_showRemovedAction->setIconText(tr("Show %n Removed…", "", int(m_changes->removed.size())));
    m_banner->show();
}

} // namespace crondesk::ui
