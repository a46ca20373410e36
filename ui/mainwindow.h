#pragma once

#include <models/api/apierror.h>
#include <models/api/requestfactory.h>

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace crondesk::api {
class ApiClient;
}
namespace crondesk::models {
class CronRepository;
class CronTableModel;
} // namespace crondesk::models

namespace crondesk::ui {

// The cron inventory of one deployment: a sortable, filterable table with refresh and delete.
// It displays and asks; the repository does the talking to the server.
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

    QTableView *tableView() const { return m_table; }
    models::CronTableModel *cronModel() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    models::CronRepository *repository() const { return m_repository; }

    void refresh();
    // Asks to delete the selected crons; deletes them once the operator confirms.
    void deleteSelected();

private:
    enum class Page { Table, State };

    void createActions();
    void createCentralWidget();
    void showState(const QString &title, const QString &detail, bool offerRetry);
    void onLoadingChanged(bool loading);
    void onLoadProgress(qint64 fetched, qint64 total);
    void onLoadSucceeded();
    void onLoadFailed(const api::ApiError &error);
    void onDeleteFailed(const QString &cronId, const api::ApiError &error);
    void updateCountLabel();
    void updateActions();
    QStringList selectedCronIds() const;

    api::ApiClient *m_client;
    models::CronTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    models::CronRepository *m_repository;

    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_banner;
    QLabel *m_stateTitle;
    QLabel *m_stateDetail;
    QPushButton *m_retryButton;
    QLineEdit *m_filterEdit;
    QTimer *m_filterTimer;
    QLabel *m_countLabel;
    QLabel *m_connectionLabel;
    QProgressBar *m_progress;
    QAction *m_refreshAction;
    QAction *m_deleteAction;
    QAction *m_cancelAction;
    QStringList m_failedDeletes;
};

} // namespace crondesk::ui
