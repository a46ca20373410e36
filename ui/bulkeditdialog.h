#pragma once

#include <models/api/cron.h>
#include <models/bulk/bulkedit.h>
#include <models/connections/mutationpolicy.h>

#include <QDialog>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace crondesk::models {
class BulkApplier;
class BulkPreviewModel;
class CronRepository;
} // namespace crondesk::models

namespace crondesk::ui {

// Crons ▸ Bulk Edit…: one change over many crons (docs/bulk-edit.md). Three steps in one window:
// the changes (a check box per field, then its value), the preview (models::BulkPreviewModel:
// every cron with its before and after and next run, skipped ones with why, a box to leave one
// out), and applying (progress, Stop Sending, then each cron's result and Retry Failures). It
// plans with models::planBulkEdit and sends with models::BulkApplier through the session; the
// one confirmation (typed on production) comes from `gate` before anything is sent. Going back
// never loses what was typed, nor does a failure.
class BulkEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkEditDialog)

public:
    using Gate = std::function<void(const models::MutationRequest &request,
                                    std::function<void()> proceed)>;

    // `selected`: the crons selected in the table; `matching`: every cron the filters show.
    BulkEditDialog(models::CronRepository *repository, QList<api::Cron> selected,
                   QList<api::Cron> matching, models::MutationTarget target, Gate gate,
                   QWidget *parent = nullptr);
    ~BulkEditDialog() override;

    enum class Step { Changes, Preview, Applying, Done };
    Step step() const { return m_step; }

    // The changes as the form says, or nullopt with the problem shown in the form.
    std::optional<models::BulkEdit> edit();
    // Changes → Preview (plans); Preview → Applying (asks, then sends).
    void showPreview();
    void apply();
    // Plans the failed crons again from the table's rows and sends them (after asking).
    void retryFailures();

    models::BulkPreviewModel *previewModel() const { return m_preview; }
    models::BulkApplier *applier() const { return m_applier; }
    QTableView *previewTable() const { return m_table; }

    // The form, for tests and screenshots.
    QCheckBox *enabledBox() const { return m_enabledBox; }
    QComboBox *enabledCombo() const { return m_enabledCombo; }
    QCheckBox *timezoneBox() const { return m_timezoneBox; }
    QLineEdit *timezoneEdit() const { return m_timezoneEdit; }
    QCheckBox *metadataBox() const { return m_metadataBox; }
    QLineEdit *metadataEdit() const { return m_metadataEdit; }
    QCheckBox *scheduleBox() const { return m_scheduleBox; }
    QComboBox *scheduleMode() const { return m_scheduleMode; }
    QLineEdit *scheduleEdit() const { return m_scheduleEdit; }
    QSpinBox *shiftSpin() const { return m_shiftSpin; }
    QCheckBox *webhookBox() const { return m_webhookBox; }
    QLineEdit *webhookEdit() const { return m_webhookEdit; }
    QRadioButton *selectedRadio() const { return m_selectedRadio; }
    QRadioButton *matchingRadio() const { return m_matchingRadio; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *cancelSendingButton() const { return m_cancelSending; }
    QPushButton *retryButton() const { return m_retry; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    QWidget *createChangesPage();
    QWidget *createPreviewPage();
    void setStep(Step step);
    void updateButtons();
    void updateSummary();
    void startSending(const QList<models::BulkRow> &rows);
    QList<api::Cron> chosenCrons() const;

    models::CronRepository *m_repository;
    QList<api::Cron> m_selected;
    QList<api::Cron> m_matching;
    models::MutationTarget m_target;
    Gate m_gate;
    Step m_step = Step::Changes;
    models::BulkEdit m_edit;

    QStackedWidget *m_pages;
    QRadioButton *m_selectedRadio = nullptr;
    QRadioButton *m_matchingRadio = nullptr;
    QCheckBox *m_enabledBox = nullptr;
    QComboBox *m_enabledCombo = nullptr;
    QCheckBox *m_timezoneBox = nullptr;
    QLineEdit *m_timezoneEdit = nullptr;
    QCheckBox *m_endTimeBox = nullptr;
    QComboBox *m_endTimeMode = nullptr;
    QDateTimeEdit *m_endTimeEdit = nullptr;
    QCheckBox *m_metadataBox = nullptr;
    QLineEdit *m_metadataEdit = nullptr;
    QCheckBox *m_webhookBox = nullptr;
    QLineEdit *m_webhookEdit = nullptr;
    QCheckBox *m_completedBox = nullptr;
    QComboBox *m_completedCombo = nullptr;
    QCheckBox *m_strategyBox = nullptr;
    QComboBox *m_strategyCombo = nullptr;
    QCheckBox *m_scheduleBox = nullptr;
    QComboBox *m_scheduleMode = nullptr;
    QLineEdit *m_scheduleEdit = nullptr;
    QSpinBox *m_shiftSpin = nullptr;
    QLabel *m_problem = nullptr;

    models::BulkPreviewModel *m_preview;
    models::BulkApplier *m_applier;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;

    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_cancelSending = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace crondesk::ui
