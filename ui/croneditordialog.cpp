#include "croneditordialog.h"

#include "createreviewdialog.h"
#include "diffconfirmationdialog.h"
#include "jsontextedit.h"
#include "ui_croneditordialog.h"
#include "windowsize.h"

#include <models/common/displayformat.h>
#include <models/editor/crondiff.h>
#include <models/editor/croneditorlookups.h>
#include <models/editor/cronreview.h>
#include <models/schedule/zonerules.h>
#include <models/session/cronsubmitter.h>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

using models::DraftField;

namespace {

// Selects the item holding `value`, adding one first when the combo has none, so a value the
// server stored (or none at all) survives an edit unchanged instead of snapping to a default.
void setComboValue(QComboBox *combo, const QString &value, const QString &labelForEmpty)
{
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(value.isEmpty() ? labelForEmpty : value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

QDateTime wallClock(const QDateTimeEdit *edit)
{
    return QDateTime(edit->date(), edit->time(), Qt::UTC);
}

} // namespace

CronEditorDialog::CronEditorDialog(Mode mode, models::CronSubmitter *submitter,
                                   models::CronEditorLookups *lookups, const api::Cron &cron,
                                   QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::CronEditorForm>())
    , m_mode(mode)
    , m_cron(cron)
    , m_submitter(submitter)
    , m_lookups(lookups)
    , m_validationTimer(new QTimer(this))
    , m_assistantTimer(new QTimer(this))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    setObjectName(u"cronEditorDialog"_s);
    m_submitter->setParent(this);
    m_lookups->setParent(this);
    m_target = models::mutationTarget(std::nullopt, m_lookups->serverUrl(), false);
    m_ui->setupUi(form());
    setUpWidgets();

    // Validation and the preview follow typing closely; the assistant's graph and schemas are
    // a server round trip, so they wait until the operator pauses.
    m_validationTimer->setSingleShot(true);
    m_validationTimer->setInterval(120);
    m_assistantTimer->setSingleShot(true);
    m_assistantTimer->setInterval(400);
    connect(m_validationTimer, &QTimer::timeout, this, &CronEditorDialog::revalidate);
    connect(m_assistantTimer, &QTimer::timeout, this,
            [this] { m_lookups->loadAssistantDetails(m_ui->assistantPicker->value().trimmed()); });

    switch (mode) {
    case Mode::Create: {
        setWindowTitle(tr("New cron"));
        setSubmitText(tr("&Create cron"));
        models::CronDraft draft;
        draft.multitaskStrategy = u"enqueue"_s;
        draft.onRunCompleted = u"delete"_s;
        setDraft(draft);
        break;
    }
    case Mode::Edit:
        setWindowTitle(tr("Edit cron %1").arg(models::shortId(cron.cronId)));
        setSubmitText(tr("Re&view and save…"));
        // Without Cron Desk's correlation key: the server keeps it whatever the edit says.
        m_original = models::CronDraft::fromCron(cron).withoutCorrelationKey();
        setDraft(m_original);
        break;
    case Mode::Clone:
        setWindowTitle(tr("Clone of cron %1").arg(models::shortId(cron.cronId)));
        setSubmitText(tr("&Create clone"));
        setDraft(models::CronDraft::cloneOf(cron));
        break;
    }
    const bool editing = mode == Mode::Edit;
    m_ui->editNote->setVisible(editing);
    m_ui->statelessRadio->setEnabled(!editing);
    m_ui->threadRadio->setEnabled(!editing);
    m_ui->assistantPicker->setReadOnly(editing);
    m_ui->threadPicker->setReadOnly(editing);
    m_ui->multitaskCombo->setEnabled(!editing);
    if (editing)
        m_ui->multitaskCombo->setToolTip(
            tr("The server cannot change the multitask strategy of an existing cron."));

    connectFields();

    connect(m_submitter, &models::CronSubmitter::progress, this,
            &CronEditorDialog::setProgressText);
    connect(m_submitter, &models::CronSubmitter::threadCreated, this,
            [this](const QString &threadId) {
                // Shown in the form, so that another attempt uses this thread, not a new one.
                const QScopedValueRollback filling(m_filling, true);
                m_ui->threadPicker->setCreatesNewThread(false);
                m_ui->threadPicker->setThreadId(threadId);
            });
    connect(m_submitter, &models::CronSubmitter::saved, this, &CronEditorDialog::onSaved);
    connect(m_submitter, &models::CronSubmitter::failed, this, &CronEditorDialog::onFailed);

    connect(m_lookups, &models::CronEditorLookups::assistantsLoaded, m_ui->assistantPicker,
            &AssistantPicker::setAssistants);
    connect(m_lookups, &models::CronEditorLookups::assistantsFailed, this,
            [this](const api::ApiError &error) {
                m_ui->assistantPicker->setLoadError(error.toString());
            });
    connect(m_lookups, &models::CronEditorLookups::threadsLoaded, m_ui->threadPicker,
            &ThreadPicker::setRecentThreads);
    connect(
        m_lookups, &models::CronEditorLookups::threadsFailed, this,
        [this](const api::ApiError &error) { m_ui->threadPicker->setLoadError(error.toString()); });
    connect(m_ui->threadPicker, &ThreadPicker::checkRequested, m_lookups,
            &models::CronEditorLookups::checkThread);
    connect(m_lookups, &models::CronEditorLookups::threadChecked, m_ui->threadPicker,
            &ThreadPicker::setCheckResult);
    connect(m_lookups, &models::CronEditorLookups::graphLoaded, this,
            [this](const QString &, const QStringList &nodes) {
                m_graphNodes = nodes;
                m_ui->interruptBeforePicker->setAvailableNodes(nodes);
                m_ui->interruptAfterPicker->setAvailableNodes(nodes);
                scheduleRevalidation();
            });
    connect(m_lookups, &models::CronEditorLookups::schemasLoaded, this,
            [this](const QString &, const api::AssistantSchemas &schemas) {
                m_schemas = schemas;
                const bool any = !schemas.inputSchema.isEmpty() || !schemas.configSchema.isEmpty()
                    || !schemas.contextSchema.isEmpty();
                m_ui->schemaNote->setText(
                    any ? tr("Input, config.configurable and context are checked against the "
                             "schemas of graph %1. Mismatches are warnings; they do not stop "
                             "saving.")
                              .arg(schemas.graphId)
                        : tr("The assistant's graph publishes no JSON schemas to check against."));
                scheduleRevalidation();
            });
    connect(m_lookups, &models::CronEditorLookups::detailsFailed, this,
            [this](const QString &, const api::ApiError &error) {
                m_graphNodes.clear();
                m_schemas = {};
                m_ui->interruptBeforePicker->setAvailableNodes({});
                m_ui->interruptAfterPicker->setAvailableNodes({});
                m_ui->schemaNote->setText(
                    tr("The assistant's graph and schemas could not be loaded (%1), so node "
                       "names and payloads are not checked against them.")
                        .arg(error.toString()));
                scheduleRevalidation();
            });

    m_lookups->loadAssistants();
    if (!editing)
        m_lookups->loadRecentThreads();
    m_lookups->loadAssistantDetails(m_ui->assistantPicker->value().trimmed());

    updateTarget();
    updateHelpTexts();
    revalidate();
    resize(fittedToScreen(this, QSize(800, 720)));
    if (!editing)
        m_ui->assistantPicker->setFocus();
    else
        m_ui->scheduleEdit->setFocus();
}

CronEditorDialog::~CronEditorDialog() = default;

void CronEditorDialog::setUpWidgets()
{
    m_ui->schemaNote->setText(
        tr("Once an assistant is chosen, the payload is checked against its graph's schemas."));
    m_ui->inputEditor->setFieldName(tr("Input JSON"));
    m_ui->inputEditor->setPlaceholderText(tr("Not set, e.g. {\"messages\": []}"));
    m_ui->configEditor->setFieldName(tr("Config JSON"));
    m_ui->configEditor->setPlaceholderText(tr("Not set, e.g. {\"configurable\": {}}"));
    m_ui->contextEditor->setFieldName(tr("Context JSON"));
    m_ui->metadataEditor->setFieldName(tr("Metadata JSON"));
    m_ui->metadataEditor->setPlaceholderText(tr("Not set, e.g. {\"owner\": \"ops\"}"));
    m_ui->interruptBeforePicker->setFieldName(tr("Interrupt before"));
    m_ui->interruptAfterPicker->setFieldName(tr("Interrupt after"));
    m_ui->scheduleEdit->setAccessibleName(tr("Schedule"));
    m_ui->webhookEdit->setAccessibleName(tr("Webhook URL"));
    m_ui->endTimeEdit->setAccessibleName(tr("End time"));
    m_ui->endTimeCheck->setAccessibleName(tr("Stop at an end time"));
    m_ui->streamModeList->setAccessibleName(tr("Stream modes"));
    m_ui->schedulePreview->setAccessibleName(tr("Schedule preview"));
    m_ui->scheduleMessage->setDescribedWidget(m_ui->scheduleEdit);
    m_ui->webhookMessage->setDescribedWidget(m_ui->webhookEdit);
    m_ui->timezoneMessage->setDescribedWidget(m_ui->timezonePicker);
    m_ui->endTimeMessage->setDescribedWidget(m_ui->endTimeEdit);
    m_ui->assistantMessage->setDescribedWidget(m_ui->assistantPicker->lineEdit());
    m_ui->threadMessage->setDescribedWidget(m_ui->threadPicker->lineEdit());

    m_ui->multitaskCombo->addItem(tr("enqueue: wait for the thread (default)"), u"enqueue"_s);
    m_ui->multitaskCombo->addItem(tr("reject: skip the run"), u"reject"_s);
    m_ui->multitaskCombo->addItem(tr("interrupt: stop the running run"), u"interrupt"_s);
    m_ui->multitaskCombo->addItem(tr("rollback: undo the running run"), u"rollback"_s);
    m_ui->onRunCompletedCombo->addItem(tr("delete the run's thread (default)"), u"delete"_s);
    m_ui->onRunCompletedCombo->addItem(tr("keep the run's thread"), u"keep"_s);
    m_ui->durabilityCombo->addItem(tr("Server default (async)"), QString());
    m_ui->durabilityCombo->addItem(tr("sync: checkpoint after each step, before the next"),
                                   u"sync"_s);
    m_ui->durabilityCombo->addItem(tr("async: checkpoint in the background"), u"async"_s);
    m_ui->durabilityCombo->addItem(tr("exit: checkpoint only when the run ends"), u"exit"_s);
    for (const QString &mode : models::streamModeNames()) {
        auto *item = new QListWidgetItem(mode, m_ui->streamModeList);
        item->setData(Qt::UserRole, mode);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_ui->streamModeList->setToolTip(tr("None checked: the server's default, values"));

    // A wall-clock time in the cron's zone: kept in UTC terms so the operator's own zone can
    // never shift or reject it.
    m_ui->endTimeEdit->setTimeSpec(Qt::UTC);
    const QDateTime defaultEnd = m_now().addDays(30);
    m_ui->endTimeEdit->setDateTime(QDateTime(defaultEnd.date(), QTime(0, 0), Qt::UTC));
    m_ui->endTimeEdit->setEnabled(false);
    m_ui->multitaskHelp->setObjectName(u"multitaskHelp"_s);
    m_ui->onRunCompletedHelp->setObjectName(u"onRunCompletedHelp"_s);
    for (QLabel *help :
         {m_ui->multitaskHelp, m_ui->onRunCompletedHelp, m_ui->editNote, m_ui->schemaNote,
          m_ui->inputHint, m_ui->configHint, m_ui->contextHint, m_ui->metadataHint}) {
        QPalette palette = help->palette();
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
        help->setPalette(palette);
        // Wrapped text in a form row only gets the row's width when it asks to grow.
        help->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }
}

void CronEditorDialog::connectFields()
{
    const auto on = [this](DraftField field) {
        return [this, field] {
            if (m_filling)
                return;
            touch(field);
        };
    };
    connect(m_ui->statelessRadio, &QRadioButton::toggled, this, [this, on] {
        updateTarget();
        on(DraftField::Target)();
    });
    connect(m_ui->assistantPicker, &AssistantPicker::valueChanged, this, [this, on] {
        on(DraftField::Assistant)();
        onAssistantChanged();
    });
    connect(m_ui->threadPicker, &ThreadPicker::changed, this, on(DraftField::Thread));
    connect(m_ui->scheduleEdit, &QLineEdit::textChanged, this, on(DraftField::Schedule));
    connect(m_ui->presetBar, &SchedulePresetBar::useRequested, this,
            [this](const QString &expression) {
                // Through the undo stack: Ctrl+Z brings back what the operator had typed.
                m_ui->scheduleEdit->selectAll();
                m_ui->scheduleEdit->insert(expression);
                m_ui->scheduleEdit->setFocus();
            });
    connect(m_ui->timezonePicker, &TimeZonePicker::zoneNameChanged, this, [this, on] {
        updateEndTimeZone();
        on(DraftField::Timezone)();
    });
    connect(m_ui->endTimeCheck, &QCheckBox::toggled, this, [this, on](bool checked) {
        m_ui->endTimeEdit->setEnabled(checked);
        updateEndTimeZone();
        on(DraftField::EndTime)();
    });
    connect(m_ui->endTimeEdit, &QDateTimeEdit::dateTimeChanged, this, [this, on] {
        updateEndTimeZone();
        on(DraftField::EndTime)();
    });
    connect(m_ui->enabledCheck, &QCheckBox::toggled, this, on(DraftField::Enabled));
    connect(m_ui->inputEditor, &JsonFieldEditor::textChanged, this, on(DraftField::Input));
    connect(m_ui->configEditor, &JsonFieldEditor::textChanged, this, on(DraftField::Config));
    connect(m_ui->contextEditor, &JsonFieldEditor::textChanged, this, on(DraftField::Context));
    connect(m_ui->metadataEditor, &JsonFieldEditor::textChanged, this, on(DraftField::Metadata));
    connect(m_ui->interruptBeforePicker, &InterruptPicker::changed, this,
            on(DraftField::InterruptBefore));
    connect(m_ui->interruptAfterPicker, &InterruptPicker::changed, this,
            on(DraftField::InterruptAfter));
    connect(m_ui->webhookEdit, &QLineEdit::textChanged, this, on(DraftField::Webhook));
    connect(m_ui->multitaskCombo, &QComboBox::currentIndexChanged, this, [this, on] {
        updateHelpTexts();
        on(DraftField::MultitaskStrategy)();
    });
    connect(m_ui->onRunCompletedCombo, &QComboBox::currentIndexChanged, this, [this, on] {
        updateHelpTexts();
        on(DraftField::OnRunCompleted)();
    });
    connect(m_ui->streamModeList, &QListWidget::itemChanged, this, on(DraftField::StreamMode));
    connect(m_ui->streamSubgraphsCheck, &QCheckBox::toggled, this, on(DraftField::StreamSubgraphs));
    connect(m_ui->streamResumableCheck, &QCheckBox::toggled, this, on(DraftField::StreamResumable));
    connect(m_ui->durabilityCombo, &QComboBox::currentIndexChanged, this,
            on(DraftField::Durability));
}

models::CronDraft CronEditorDialog::draft() const
{
    models::CronDraft draft;
    draft.target = m_ui->threadRadio->isChecked() ? models::CronDraft::Target::Thread
                                                  : models::CronDraft::Target::Stateless;
    draft.assistant = m_ui->assistantPicker->value();
    draft.threadId = m_ui->threadPicker->threadId();
    draft.createThread = m_ui->threadPicker->createsNewThread();
    draft.schedule = m_ui->scheduleEdit->text();
    draft.timezone = m_ui->timezonePicker->zoneName();
    if (m_ui->endTimeCheck->isChecked())
        draft.endTime = wallClock(m_ui->endTimeEdit);
    draft.enabled = m_ui->enabledCheck->isChecked();
    draft.input = m_ui->inputEditor->text();
    draft.config = m_ui->configEditor->text();
    draft.context = m_ui->contextEditor->text();
    draft.metadata = m_ui->metadataEditor->text();
    draft.interruptBefore = m_ui->interruptBeforePicker->selection();
    draft.interruptAfter = m_ui->interruptAfterPicker->selection();
    draft.webhook = m_ui->webhookEdit->text();
    draft.multitaskStrategy = m_ui->multitaskCombo->currentData().toString();
    draft.onRunCompleted = m_ui->onRunCompletedCombo->currentData().toString();
    for (int row = 0; row < m_ui->streamModeList->count(); ++row) {
        const QListWidgetItem *item = m_ui->streamModeList->item(row);
        if (item->checkState() == Qt::Checked)
            draft.streamModes.append(item->data(Qt::UserRole).toString());
    }
    draft.streamSubgraphs = m_ui->streamSubgraphsCheck->isChecked();
    draft.streamResumable = m_ui->streamResumableCheck->isChecked();
    draft.durability = m_ui->durabilityCombo->currentData().toString();
    return draft;
}

void CronEditorDialog::setDraft(const models::CronDraft &draft)
{
    const QScopedValueRollback filling(m_filling, true);
    (draft.isThreadBound() ? m_ui->threadRadio : m_ui->statelessRadio)->setChecked(true);
    m_ui->assistantPicker->setValue(draft.assistant);
    m_ui->threadPicker->setThreadId(draft.threadId);
    m_ui->threadPicker->setCreatesNewThread(draft.createThread);
    m_ui->scheduleEdit->setText(draft.schedule);
    m_ui->timezonePicker->setZoneName(draft.timezone);
    m_ui->endTimeCheck->setChecked(draft.endTime.isValid());
    // Set here, not only when the box is toggled: filling the form toggles it before (and
    // without) the operator, and the end time must then be editable at once.
    m_ui->endTimeEdit->setEnabled(draft.endTime.isValid());
    if (draft.endTime.isValid())
        m_ui->endTimeEdit->setDateTime(
            QDateTime(draft.endTime.date(), draft.endTime.time(), Qt::UTC));
    m_ui->enabledCheck->setChecked(draft.enabled);
    m_ui->inputEditor->setText(draft.input);
    m_ui->configEditor->setText(draft.config);
    m_ui->contextEditor->setText(draft.context);
    m_ui->metadataEditor->setText(draft.metadata);
    m_ui->interruptBeforePicker->setSelection(draft.interruptBefore);
    m_ui->interruptAfterPicker->setSelection(draft.interruptAfter);
    m_ui->webhookEdit->setText(draft.webhook);
    setComboValue(m_ui->multitaskCombo, draft.multitaskStrategy, tr("server default (enqueue)"));
    setComboValue(m_ui->onRunCompletedCombo, draft.onRunCompleted, tr("server default (delete)"));
    for (int row = 0; row < m_ui->streamModeList->count(); ++row) {
        QListWidgetItem *item = m_ui->streamModeList->item(row);
        item->setCheckState(draft.streamModes.contains(item->data(Qt::UserRole).toString())
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    for (const QString &mode : draft.streamModes) {
        if (!models::streamModeNames().contains(mode)) {
            auto *item = new QListWidgetItem(mode, m_ui->streamModeList);
            item->setData(Qt::UserRole, mode);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Checked);
        }
    }
    m_ui->streamSubgraphsCheck->setChecked(draft.streamSubgraphs);
    m_ui->streamResumableCheck->setChecked(draft.streamResumable);
    setComboValue(m_ui->durabilityCombo, draft.durability, tr("Server default (async)"));
    updateTarget();
    updateEndTimeZone();
    updateHelpTexts();
    scheduleRevalidation();
    m_baseline = this->draft();
}

bool CronEditorDialog::hasUnsavedChanges() const
{
    return draft() != m_baseline;
}

QString CronEditorDialog::discardQuestionText() const
{
    if (m_mode == Mode::Edit)
        return tr("Your changes to cron %1 have not been saved. Discard them?")
            .arg(models::shortId(m_cron.cronId));
    return tr("The new cron has not been created. Discard what you entered?");
}

QString CronEditorDialog::fieldMessage(DraftField field) const
{
    if (field == DraftField::Input)
        return m_ui->inputEditor->messages();
    if (field == DraftField::Config)
        return m_ui->configEditor->messages();
    if (field == DraftField::Context)
        return m_ui->contextEditor->messages();
    if (field == DraftField::Metadata)
        return m_ui->metadataEditor->messages();
    const FieldMessageLabel *label = messageLabel(field);
    return label ? label->plainText() : QString();
}

void CronEditorDialog::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    m_ui->schedulePreview->setClock(m_now);
    revalidate();
}

void CronEditorDialog::touch(DraftField field)
{
    m_touched.insert(field);
    if (m_serverProblem && m_serverProblem->field == field)
        m_serverProblem.reset(); // the operator is acting on it
    scheduleRevalidation();
}

void CronEditorDialog::scheduleRevalidation()
{
    m_validationTimer->start();
}

models::ValidationContext CronEditorDialog::validationContext() const
{
    models::ValidationContext context;
    context.mode = m_mode == Mode::Edit ? models::ValidationContext::Mode::Edit
                                        : models::ValidationContext::Mode::Create;
    if (m_mode == Mode::Edit)
        context.original = m_original;
    context.now = m_now();
    context.inputSchema = m_schemas.inputSchema;
    context.configSchema = m_schemas.configSchema;
    context.contextSchema = m_schemas.contextSchema;
    context.graphNodes = m_graphNodes;
    return context;
}

void CronEditorDialog::revalidate()
{
    m_validationTimer->stop();
    updatePreview();
    const models::CronDraft current = draft();
    m_problems = models::validate(current, validationContext());
    if (m_serverProblem)
        m_problems.prepend(*m_serverProblem);

    // Errors of fields the operator has not touched yet wait for the first submit; a fresh form
    // full of red would only be noise. Warnings always show.
    QHash<DraftField, QList<models::DraftProblem>> shown;
    for (const models::DraftProblem &problem : std::as_const(m_problems)) {
        if (problem.isError() && !m_showAllErrors && !m_touched.contains(problem.field)
            && !(m_serverProblem && problem == *m_serverProblem))
            continue;
        shown[problem.field].append(problem);
    }
    for (int i = int(DraftField::Target); i < int(DraftField::Count); ++i) {
        const auto field = DraftField(i);
        const QList<models::DraftProblem> list = shown.value(field);
        switch (field) {
        case DraftField::Input:
            m_ui->inputEditor->setProblems(list);
            break;
        case DraftField::Config:
            m_ui->configEditor->setProblems(list);
            break;
        case DraftField::Context:
            m_ui->contextEditor->setProblems(list);
            break;
        case DraftField::Metadata:
            m_ui->metadataEditor->setProblems(list);
            break;
        default:
            if (FieldMessageLabel *label = messageLabel(field))
                label->setProblems(list);
        }
    }

    // Mark the tabs that hold a shown error, so nothing wrong hides on another page.
    const auto tabHasError = [&shown](std::initializer_list<DraftField> fields) {
        for (const DraftField field : fields) {
            const QList<models::DraftProblem> list = shown.value(field);
            if (std::any_of(list.begin(), list.end(), [](const auto &p) { return p.isError(); }))
                return true;
        }
        return false;
    };
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const auto mark = [&](QTabWidget *tabs, QWidget *page, bool error) {
        tabs->setTabIcon(tabs->indexOf(page), error ? errorIcon : QIcon());
        tabs->setTabToolTip(tabs->indexOf(page), error ? tr("Has errors") : QString());
    };
    mark(m_ui->tabs, m_ui->scheduleTab,
         tabHasError({DraftField::Assistant, DraftField::Thread, DraftField::Schedule,
                      DraftField::Timezone, DraftField::EndTime, DraftField::Enabled}));
    mark(m_ui->tabs, m_ui->payloadTab,
         tabHasError(
             {DraftField::Input, DraftField::Config, DraftField::Context, DraftField::Metadata}));
    mark(m_ui->tabs, m_ui->optionsTab,
         tabHasError({DraftField::InterruptBefore, DraftField::InterruptAfter, DraftField::Webhook,
                      DraftField::MultitaskStrategy, DraftField::OnRunCompleted,
                      DraftField::StreamMode, DraftField::Durability}));
    mark(m_ui->payloadTabs, m_ui->inputPage, tabHasError({DraftField::Input}));
    mark(m_ui->payloadTabs, m_ui->configPage, tabHasError({DraftField::Config}));
    mark(m_ui->payloadTabs, m_ui->contextPage, tabHasError({DraftField::Context}));
    mark(m_ui->payloadTabs, m_ui->metadataPage, tabHasError({DraftField::Metadata}));

    // The count a failed submit showed follows the fixes, down to none.
    if (m_showsErrorCount) {
        const qsizetype errors = blockingErrorCount();
        if (errors > 0)
            showErrorCount(errors);
        else
            clearMessage();
        m_showsErrorCount = errors > 0;
    }
}

bool CronEditorDialog::blocksSubmit(const models::DraftProblem &problem) const
{
    // The server's last word stays on display, but does not block: the operator may know
    // better (or the server may have changed its mind), and it answers again anyway.
    return problem.isError() && !(m_serverProblem && problem == *m_serverProblem);
}

qsizetype CronEditorDialog::blockingErrorCount() const
{
    return std::count_if(m_problems.begin(), m_problems.end(),
                         [this](const auto &problem) { return blocksSubmit(problem); });
}

void CronEditorDialog::showErrorCount(qsizetype errors)
{
    showError(tr("Fix the fields marked in red before saving (%n found).", nullptr, int(errors)));
}

void CronEditorDialog::updateTarget()
{
    const bool thread = m_ui->threadRadio->isChecked();
    // A message label shows itself only when it has something to say.
    const auto showRow
        = [](std::initializer_list<QWidget *> widgets, FieldMessageLabel *message, bool visible) {
              for (QWidget *widget : widgets)
                  widget->setVisible(visible);
              message->setVisible(visible && !message->problems().isEmpty());
          };
    showRow({m_ui->threadLabel, m_ui->threadPicker}, m_ui->threadMessage, thread);
    showRow({m_ui->multitaskLabel, m_ui->multitaskCombo, m_ui->multitaskHelp},
            m_ui->multitaskMessage, thread);
    showRow({m_ui->onRunCompletedLabel, m_ui->onRunCompletedCombo, m_ui->onRunCompletedHelp},
            m_ui->onRunCompletedMessage, !thread);
}

void CronEditorDialog::updatePreview()
{
    m_ui->schedulePreview->setSchedule(m_ui->scheduleEdit->text(),
                                       m_ui->timezonePicker->zoneName());
}

void CronEditorDialog::updateEndTimeZone()
{
    const QString zone = m_ui->timezonePicker->zoneName();
    const models::CronDraft current = draft();
    QString text = zone.isEmpty() ? tr("UTC") : zone;
    // Qt would take "Berl" for a POSIX rule (UTC); do not let the end time look zoned by it.
    if (!zone.isEmpty() && !schedule::isValidZoneName(zone))
        text = tr("%1 (not a time zone)").arg(zone);
    const QDateTime instant = current.endInstant();
    if (instant.isValid() && !zone.isEmpty() && zone != u"UTC")
        text += u"  "_s + tr("(%1)").arg(models::formatInstant(instant, QString()));
    m_ui->endTimeZoneLabel->setText(text);
}

void CronEditorDialog::updateHelpTexts()
{
    const QString multitask = m_ui->multitaskCombo->currentData().toString();
    if (multitask == u"reject")
        m_ui->multitaskHelp->setText(tr("When the thread is still busy at a firing, that run is "
                                        "not started; the server only logs it."));
    else if (multitask == u"interrupt")
        m_ui->multitaskHelp->setText(tr("When the thread is still busy, the running run is "
                                        "interrupted and the new one starts."));
    else if (multitask == u"rollback")
        m_ui->multitaskHelp->setText(tr("When the thread is still busy, the running run is "
                                        "stopped and its changes rolled back, then the new one "
                                        "starts."));
    else
        m_ui->multitaskHelp->setText(tr("When the thread is still busy at a firing, the new run "
                                        "waits until the thread is free."));
    const QString completion = m_ui->onRunCompletedCombo->currentData().toString();
    if (completion == u"keep")
        m_ui->onRunCompletedHelp->setText(
            tr("Each firing's thread, with the run's state and messages, stays on the server. "
               "Nothing cleans them up for you: use thread TTLs or delete them yourself."));
    else
        m_ui->onRunCompletedHelp->setText(tr(
            "Each firing runs on a fresh thread that is deleted when the run completes, so "
            "nothing of the run is left to inspect afterwards (use the webhook to see results)."));
}

void CronEditorDialog::onAssistantChanged()
{
    if (m_mode == Mode::Edit)
        return;
    m_ui->schemaNote->setText(tr("Loading the assistant's graph and schemas…"));
    m_assistantTimer->start();
}

void CronEditorDialog::focusField(DraftField field)
{
    QWidget *widget = fieldWidget(field);
    if (!widget)
        return;
    // Walk up to the pages that hold the widget and show them.
    for (QWidget *page = widget; page; page = page->parentWidget()) {
        if (auto *stack = qobject_cast<QTabWidget *>(
                page->parentWidget() ? page->parentWidget()->parentWidget() : nullptr)) {
            const int index = stack->indexOf(page);
            if (index >= 0)
                stack->setCurrentIndex(index);
        }
    }
    widget->setFocus(Qt::OtherFocusReason);
    // Put the cursor where a JSON problem is.
    const auto problem = std::find_if(m_problems.begin(), m_problems.end(), [field](const auto &p) {
        return p.field == field && p.isError() && p.position.line > 0;
    });
    if (problem != m_problems.end()) {
        if (auto *json = qobject_cast<JsonTextEdit *>(widget))
            json->goTo(problem->position);
        else if (field == DraftField::Schedule)
            m_ui->scheduleEdit->setCursorPosition(problem->position.column - 1);
    }
}

FieldMessageLabel *CronEditorDialog::messageLabel(DraftField field) const
{
    switch (field) {
    case DraftField::Assistant:
        return m_ui->assistantMessage;
    case DraftField::Thread:
        return m_ui->threadMessage;
    case DraftField::Schedule:
        return m_ui->scheduleMessage;
    case DraftField::Timezone:
        return m_ui->timezoneMessage;
    case DraftField::EndTime:
        return m_ui->endTimeMessage;
    case DraftField::Enabled:
        return m_ui->enabledMessage;
    case DraftField::InterruptBefore:
        return m_ui->interruptBeforeMessage;
    case DraftField::InterruptAfter:
        return m_ui->interruptAfterMessage;
    case DraftField::Webhook:
        return m_ui->webhookMessage;
    case DraftField::MultitaskStrategy:
        return m_ui->multitaskMessage;
    case DraftField::OnRunCompleted:
        return m_ui->onRunCompletedMessage;
    case DraftField::StreamMode:
    case DraftField::StreamSubgraphs:
    case DraftField::StreamResumable:
        return m_ui->streamModeMessage;
    case DraftField::Durability:
        return m_ui->durabilityMessage;
    default:
        return nullptr;
    }
}

QWidget *CronEditorDialog::fieldWidget(DraftField field) const
{
    switch (field) {
    case DraftField::Target:
        return m_ui->statelessRadio;
    case DraftField::Assistant:
        return m_ui->assistantPicker->lineEdit();
    case DraftField::Thread:
        return m_ui->threadPicker->lineEdit();
    case DraftField::Schedule:
        return m_ui->scheduleEdit;
    case DraftField::Timezone:
        return m_ui->timezonePicker;
    case DraftField::EndTime:
        return m_ui->endTimeEdit;
    case DraftField::Enabled:
        return m_ui->enabledCheck;
    case DraftField::Input:
        return m_ui->inputEditor->editor();
    case DraftField::Config:
        return m_ui->configEditor->editor();
    case DraftField::Context:
        return m_ui->contextEditor->editor();
    case DraftField::Metadata:
        return m_ui->metadataEditor->editor();
    case DraftField::InterruptBefore:
        return m_ui->interruptBeforePicker->modeCombo();
    case DraftField::InterruptAfter:
        return m_ui->interruptAfterPicker->modeCombo();
    case DraftField::Webhook:
        return m_ui->webhookEdit;
    case DraftField::MultitaskStrategy:
        return m_ui->multitaskCombo;
    case DraftField::OnRunCompleted:
        return m_ui->onRunCompletedCombo;
    case DraftField::StreamMode:
        return m_ui->streamModeList;
    case DraftField::StreamSubgraphs:
        return m_ui->streamSubgraphsCheck;
    case DraftField::StreamResumable:
        return m_ui->streamResumableCheck;
    case DraftField::Durability:
        return m_ui->durabilityCombo;
    case DraftField::None:
    case DraftField::Count:
        break;
    }
    return nullptr;
}

bool CronEditorDialog::validate()
{
    m_showAllErrors = true;
    m_showsErrorCount = false;
    revalidate();
    const qsizetype errors = blockingErrorCount();
    if (errors == 0) {
        if (m_mode == Mode::Edit && models::diff(m_original, draft()).isEmpty()) {
            showInformation(tr("Nothing has changed, so there is nothing to save."));
            return false;
        }
        return true;
    }
    const auto first = std::find_if(m_problems.begin(), m_problems.end(),
                                    [this](const auto &problem) { return blocksSubmit(problem); });
    showErrorCount(errors);
    m_showsErrorCount = true;
    focusField(first->field);
    return false;
}

QDialog *CronEditorDialog::createConfirmation()
{
    const models::CronDraft current = draft();
    if (m_mode == Mode::Edit) {
        return new DiffConfirmationDialog(models::shortId(m_cron.cronId), m_target.describe(),
                                          models::diff(m_original, current),
                                          models::keptMetadataKeys(m_original, current), this);
    }
    // Every create is reviewed, on every deployment: it is the write whose runs start on their
    // own, and the review is where the destination and the first fire times are checked.
    auto *review = new CreateReviewDialog(models::reviewCreate(current, m_target, m_now()),
                                          submitButton()->text(), this);
    if (m_mode == Mode::Clone)
        review->setWindowTitle(
            tr("Review the Clone of Cron %1").arg(models::shortId(m_cron.cronId)));
    return review;
}

void CronEditorDialog::apply()
{
    const models::CronDraft current = draft();
    if (m_mode == Mode::Edit)
        m_submitter->update(m_cron.cronId, m_original, current);
    else
        m_submitter->create(current);
}

void CronEditorDialog::onSaved(const api::Cron &cron)
{
    Q_EMIT cronSaved(cron);
    applySucceeded();
}

void CronEditorDialog::onFailed(const models::SubmitFailure &failure)
{
    if (failure.field != DraftField::None) {
        m_serverProblem
            = models::DraftProblem {failure.field,
                                    models::DraftProblem::Severity::Error,
                                    tr("The server says: %1").arg(failure.error.message),
                                    {}};
    }
    applyFailed(failure.message);
    revalidate();
    if (failure.field != DraftField::None)
        focusField(failure.field);
}

} // namespace crondesk::ui
