#pragma once

#include <models/audit/auditengine.h>
#include <models/audit/auditpolicy.h>
#include <models/audit/auditreport.h>

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeView;

namespace crondesk::api {
class ApiClient;
}
namespace crondesk::models {
class AuditFindingsFilterModel;
class AuditFindingsModel;
class AuditRunner;
class AuditServerReader;
class CronTableModel;
} // namespace crondesk::models

namespace crondesk::ui {

// The Audit view beside the inventory: the audit of the crons in the table (models/audit, the
// same engine as the health column and `crondeskctl audit`), its findings grouped by rule with
// severity icons and counts, filters, Acknowledge…, Export Report… and Print…. The audit runs on
// a worker thread; the view only displays and asks.
class AuditView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    AuditView(api::ApiClient *client, models::CronTableModel *crons, QWidget *parent = nullptr);
    ~AuditView() override;

    // The profile whose policy applies, kept in `policyDirectory` (AuditPolicyStore). Without a
    // profile (a URL, the sandbox) the default policy applies and acknowledgements last until
    // the app quits.
    void setPolicyProfile(const QString &profileName, const QString &policyDirectory);
    const models::AuditPolicy &policy() const { return m_policy; }
    // How the report names the deployment.
    void setDeploymentName(const QString &name) { m_deploymentName = name; }

    // Audits the table's crons as of the table's clock: reads what the server-state rules need
    // (when connected), then runs the audit off the GUI thread. finished() follows.
    void runAudit();
    // The table's crons changed (a load finished): audits now when the view is shown, else
    // the next time it is.
    void cronsChanged();
    bool isRunning() const;

    // Acknowledge… for the current finding: asks for a reason and an expiry.
    void acknowledgeCurrent();
    // Adds an acknowledgement to the policy, saves it for the profile and audits again.
    bool acknowledge(const models::AuditAcknowledgement &acknowledgement, QString *error = nullptr);
    void chooseExportFile();
    // The report as HTML (.html, .htm), Markdown (.md) or PDF (.pdf), by the file's suffix.
    bool exportReport(const QString &path, QString *error = nullptr) const;
    void printReport();
    void importPolicy(const QString &path);
    void exportPolicy(const QString &path);

    models::AuditFindingsModel *findingsModel() const { return m_model; }
    models::AuditFindingsFilterModel *filterModel() const { return m_filter; }
    QTreeView *treeView() const { return m_tree; }
    QComboBox *severityFilter() const { return m_severity; }
    QComboBox *ruleFilter() const { return m_rule; }
    QComboBox *acknowledgedFilter() const { return m_acknowledged; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    // The crons the selected finding is about (one, or the crons of a burst).
    void cronsSelected(const QStringList &cronIds);
    void finished();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onServerStateRead();
    void onAuditFinished(const models::AuditResult &result);
    void onCurrentChanged();
    void updateStatus();
    void updateActions();
    void reportError(const QString &message);
    models::AuditReportContext reportContext() const;

    api::ApiClient *m_client;
    models::CronTableModel *m_crons;
    models::AuditFindingsModel *m_model;
    models::AuditFindingsFilterModel *m_filter;
    models::AuditRunner *m_runner;
    QPointer<models::AuditServerReader> m_reader;
    models::AuditInput m_input; // the last audit's input, audited again after a change of policy

    QComboBox *m_severity;
    QComboBox *m_rule;
    QComboBox *m_acknowledged;
    QPushButton *m_auditButton;
    QPushButton *m_acknowledgeButton;
    QPushButton *m_exportButton;
    QPushButton *m_printButton;
    QToolButton *m_policyButton;
    QLabel *m_status;
    QTreeView *m_tree;
    QLabel *m_details;

    models::AuditPolicy m_policy;
    QString m_profileName;
    QString m_policyDirectory;
    QString m_deploymentName;
    QString m_problem; // the last error, shown in the status line
    bool m_stale = true;
};

} // namespace crondesk::ui
