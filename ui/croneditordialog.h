#pragma once

#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/connections/mutationpolicy.h>
#include <models/editor/crondraft.h>
#include <models/editor/cronvalidation.h>
#include <ui/formdialog.h>

#include <QSet>

#include <functional>
#include <memory>

class QTimer;

namespace crondesk::models {
class CronSubmitter;
class CronEditorLookups;
struct SubmitFailure;
} // namespace crondesk::models

namespace Ui {
class CronEditorForm;
}

namespace crondesk::ui {

class FieldMessageLabel;

// Creates, edits and clones a cron with every field the server knows.
//
//     auto *dialog = new CronEditorDialog(CronEditorDialog::Mode::Edit,
//                                         session->newEditorSubmitter(before), lookups, cron,
//                                         this);
//     dialog->setAttribute(Qt::WA_DeleteOnClose);
//     connect(dialog, &CronEditorDialog::cronSaved, this, &Window::showServerCron);
//     dialog->open();
//
// The form is validated live (models::validate); the schedule preview shows the description and
// the next runs. Submitting disables the form and shows progress; on success cronSaved() carries
// the cron as the server stored it and the dialog accepts; on failure the form comes back as it
// was, with the server's message at the field it names. An edit first shows the field-level
// diff, and sends a PATCH with only the changed fields; a create (or clone) first shows a review
// of what will be created, where, and when it first fires. Enter in a field never submits, and
// closing with unsaved input asks first (GuardedDialog). The dialog never exec()s.
class CronEditorDialog final : public FormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronEditorDialog)

public:
    enum class Mode { Create, Edit, Clone };
    Q_ENUM(Mode)

    // `cron` is the cron to edit or clone; ignored for Create. The dialog saves through
    // `submitter` (the session's write path) and fills its pickers from `lookups`; it takes both
    // over. It never sees the network client.
    CronEditorDialog(Mode mode, models::CronSubmitter *submitter,
                     models::CronEditorLookups *lookups, const api::Cron &cron = {},
                     QWidget *parent = nullptr);
    ~CronEditorDialog() override;

    Mode mode() const { return m_mode; }
    // The form as it stands, every field as typed.
    models::CronDraft draft() const;
    // Fills the form (e.g. to start a create from a template).
    void setDraft(const models::CronDraft &draft);
    // The problems the form shows now, errors and warnings (after validation has run).
    QList<models::DraftProblem> problems() const { return m_problems; }
    // The messages shown at one field.
    QString fieldMessage(models::DraftField field) const;

    models::CronSubmitter *submitter() const { return m_submitter; }
    // For tests and screenshots: a fixed "now" for the preview and the end-time checks.
    void setClock(std::function<QDateTime()> now);
    // Brings the field into view and gives it the keyboard focus.
    void focusField(models::DraftField field);
    // Where the cron is saved, as the review and the diff name it. Without one, the client's URL.
    void setTarget(const models::MutationTarget &target) { m_target = target; }

Q_SIGNALS:
    // The cron as the server returned it after the save.
    void cronSaved(const crondesk::api::Cron &serverCron);

protected:
    bool validate() override;
    QDialog *createConfirmation() override;
    void apply() override;
    bool hasUnsavedChanges() const override;
    QString discardQuestionText() const override;

private:
    void setUpWidgets();
    void connectFields();
    void touch(models::DraftField field);
    void scheduleRevalidation();
    void revalidate();
    bool blocksSubmit(const models::DraftProblem &problem) const;
    qsizetype blockingErrorCount() const;
    void showErrorCount(qsizetype errors);
    void updateTarget();
    void updatePreview();
    void updateEndTimeZone();
    void updateHelpTexts();
    void onAssistantChanged();
    void onSaved(const api::Cron &cron);
    void onFailed(const models::SubmitFailure &failure);
    FieldMessageLabel *messageLabel(models::DraftField field) const;
    QWidget *fieldWidget(models::DraftField field) const;
    models::ValidationContext validationContext() const;

    std::unique_ptr<Ui::CronEditorForm> m_ui;
    Mode m_mode;
    api::Cron m_cron;
    models::CronDraft m_original;
    models::CronDraft m_baseline; // the form as it was filled in, for "unsaved changes"
    models::MutationTarget m_target;
    models::CronSubmitter *m_submitter;
    models::CronEditorLookups *m_lookups;
    QTimer *m_validationTimer;
    QTimer *m_assistantTimer;
    std::function<QDateTime()> m_now;
    QSet<models::DraftField> m_touched;
    bool m_showAllErrors = false;
    bool m_filling = false;
    bool m_showsErrorCount = false; // the form message is "Fix the fields … (N found)"
    std::optional<models::DraftProblem> m_serverProblem;
    QList<models::DraftProblem> m_problems;
    QStringList m_graphNodes;
    api::AssistantSchemas m_schemas;
};

} // namespace crondesk::ui
