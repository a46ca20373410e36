#include "bulkeditcontroller.h"

#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <ui/mainwindow.h>

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

BulkEditController::BulkEditController(MainWindow *window, BulkEditDialog::Gate gate)
    : QObject(window)
    , m_window(window)
    , m_gate(std::move(gate))
    , m_action(new QAction(tr("&Bulk Edit…"), window))
{
    m_action->setObjectName(u"bulkEditAction"_s);
    m_action->setShortcut(QKeySequence(u"Ctrl+Shift+B"_s));
    const QString tip = tr("Change the selected crons, or all that match the filters, at once, "
                           "with a preview (Ctrl+Shift+B)");
    m_action->setToolTip(tip);
    m_action->setStatusTip(tip);
    window->addAction(m_action);
    connect(m_action, &QAction::triggered, this, &BulkEditController::openDialog);
    if (auto *menu = window->menuBar()->findChild<QMenu *>(u"cronMenu"_s))
        menu->insertAction(menu->actions().value(3), m_action);

    auto *proxy = window->proxyModel();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, this, &BulkEditController::updateEnabled);
    connect(proxy, &QAbstractItemModel::modelReset, this, &BulkEditController::updateEnabled);
    connect(window->repository(), &models::CronRepository::capabilitiesChanged, this,
            &BulkEditController::updateEnabled);
    updateEnabled();
}

BulkEditController::~BulkEditController() = default;

void BulkEditController::updateEnabled()
{
    const api::ServerCapabilities &can = m_window->repository()->capabilities();
    m_action->setEnabled(m_window->proxyModel()->rowCount() > 0 && can.cronsSupported
                         && can.supportsPatch);
}

BulkEditDialog *BulkEditController::openDialog()
{
    models::CronRepository *repository = m_window->repository();
    // A read-only profile: say so here rather than after the operator filled in the form.
    if (const QString refusal = repository->refusal(models::MutationKind::Update, 1);
        !refusal.isEmpty()) {
        QMessageBox::information(m_window, tr("Bulk Edit"), refusal);
        return nullptr;
    }
    models::CronTableModel *model = m_window->cronModel();
    models::CronFilterProxyModel *proxy = m_window->proxyModel();
    QList<api::Cron> selected;
    const QModelIndexList rows = m_window->tableView()->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        selected.append(model->cronAt(proxy->mapToSource(index).row()));
    QList<api::Cron> matching;
    matching.reserve(proxy->rowCount());
    for (int row = 0; row < proxy->rowCount(); ++row)
        matching.append(model->cronAt(proxy->mapToSource(proxy->index(row, 0)).row()));
    auto *dialog = new BulkEditDialog(repository, selected, matching, m_window->mutationTarget(),
                                      m_gate, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    return dialog;
}

} // namespace crondesk::ui
