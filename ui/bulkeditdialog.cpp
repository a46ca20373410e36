#include "bulkeditdialog.h"

#include <models/bulk/bulkapplier.h>
#include <models/bulk/bulkpreviewmodel.h>
#include <models/bulk/scheduleshift.h>
#include <models/editor/cronvalidation.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>
#include <models/session/cronrepository.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// A check box that turns its editors on and off: a field is changed only when ticked.
void bindEditors(QCheckBox *box, const QList<QWidget *> &editors)
{
    for (QWidget *editor : editors)
        editor->setEnabled(box->isChecked());
    QObject::connect(box, &QCheckBox::toggled, box, [editors](bool on) {
        for (QWidget *editor : editors)
            editor->setEnabled(on);
    });
}

} // namespace

BulkEditDialog::BulkEditDialog(models::CronRepository *repository, QList<api::Cron> selected,
                               QList<api::Cron> matching, models::MutationTarget target, Gate gate,
                               QWidget *parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_selected(std::move(selected))
    , m_matching(std::move(matching))
    , m_target(std::move(target))
    , m_gate(std::move(gate))
    , m_pages(new QStackedWidget(this))
    , m_preview(new models::BulkPreviewModel(this))
    , m_applier(new models::BulkApplier(repository, this))
{
    setWindowTitle(tr("Bulk Edit"));
    setObjectName(u"bulkEditDialog"_s);
    m_pages->addWidget(createChangesPage());
    m_pages->addWidget(createPreviewPage());

    auto *buttons = new QDialogButtonBox(this);
    m_back = buttons->addButton(tr("< &Back"), QDialogButtonBox::ActionRole);
    m_next = buttons->addButton(tr("&Preview >"), QDialogButtonBox::ActionRole);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_cancelSending = buttons->addButton(tr("&Stop Sending"), QDialogButtonBox::ActionRole);
    m_retry = buttons->addButton(tr("&Retry Failures"), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_back->setObjectName(u"backButton"_s);
    m_next->setObjectName(u"previewButton"_s);
    m_apply->setObjectName(u"applyButton"_s);
    m_cancelSending->setObjectName(u"stopSendingButton"_s);
    m_retry->setObjectName(u"retryButton"_s);
    m_cancelSending->setToolTip(
        tr("Send no more changes; those already sent finish and are reported"));
    // Buttons act only through their own signals; the box's accepted() would close the dialog.
    disconnect(buttons, nullptr, this, nullptr);
    connect(m_back, &QPushButton::clicked, this, [this] { setStep(Step::Changes); });
    connect(m_next, &QPushButton::clicked, this, &BulkEditDialog::showPreview);
    connect(m_apply, &QPushButton::clicked, this, &BulkEditDialog::apply);
    connect(m_cancelSending, &QPushButton::clicked, m_applier, &models::BulkApplier::cancel);
    connect(m_retry, &QPushButton::clicked, this, &BulkEditDialog::retryFailures);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    connect(m_preview, &models::BulkPreviewModel::checkedCountChanged, this,
            &BulkEditDialog::updateButtons);
    connect(m_applier, &models::BulkApplier::rowFinished, this,
            [this](qsizetype, const models::BulkResult &result) { m_preview->setResult(result); });
    connect(m_applier, &models::BulkApplier::progress, this,
            [this](qsizetype answered, qsizetype total) {
                m_progress->setMaximum(int(total));
                m_progress->setValue(int(answered));
            });
    connect(m_applier, &models::BulkApplier::finished, this, [this] {
        setStep(Step::Done);
        updateSummary();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    resize(900, 560);
    setStep(Step::Changes);
}

BulkEditDialog::~BulkEditDialog() = default;

QWidget *BulkEditDialog::createChangesPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);

    auto *which = new QGroupBox(tr("Crons"), page);
    auto *whichLayout = new QVBoxLayout(which);
    m_selectedRadio
        = new QRadioButton(tr("The %n selected cron(s)", nullptr, int(m_selected.size())), which);
    m_matchingRadio = new QRadioButton(
        tr("All %n cron(s) that match the current filters", nullptr, int(m_matching.size())),
        which);
    m_selectedRadio->setObjectName(u"selectedRadio"_s);
    m_matchingRadio->setObjectName(u"matchingRadio"_s);
    m_selectedRadio->setEnabled(!m_selected.isEmpty());
    (m_selected.isEmpty() ? m_matchingRadio : m_selectedRadio)->setChecked(true);
    whichLayout->addWidget(m_selectedRadio);
    whichLayout->addWidget(m_matchingRadio);
    layout->addWidget(which);

    auto *changes = new QGroupBox(tr("Changes (only the ticked fields change)"), page);
    auto *form = new QFormLayout(changes);
    auto row = [form, changes](QCheckBox *box, const QList<QWidget *> &editors) {
        auto *field = new QWidget(changes);
        auto *fieldLayout = new QHBoxLayout(field);
        fieldLayout->setContentsMargins(0, 0, 0, 0);
        for (QWidget *editor : editors)
            fieldLayout->addWidget(editor, editor->inherits("QLineEdit") ? 1 : 0);
        fieldLayout->addStretch(editors.size() == 1 && editors.first()->inherits("QLineEdit") ? 0
                                                                                              : 1);
        form->addRow(box, field);
        bindEditors(box, editors);
    };

    m_enabledBox = new QCheckBox(tr("E&nabled"), changes);
    m_enabledCombo = new QComboBox(changes);
    m_enabledCombo->addItem(tr("Enabled (resume)"), true);
    m_enabledCombo->addItem(tr("Paused"), false);
    m_enabledCombo->setAccessibleName(tr("Enabled"));
    row(m_enabledBox, {m_enabledCombo});

    m_scheduleBox = new QCheckBox(tr("&Schedule"), changes);
    m_scheduleMode = new QComboBox(changes);
    m_scheduleMode->addItem(tr("Shift the fire times by"));
    m_scheduleMode->addItem(tr("Replace with"));
    m_scheduleMode->setAccessibleName(tr("How to change the schedule"));
    m_shiftSpin = new QSpinBox(changes);
    m_shiftSpin->setRange(-models::maxShiftMinutes(), models::maxShiftMinutes());
    m_shiftSpin->setValue(60);
    m_shiftSpin->setSuffix(tr(" min"));
    m_shiftSpin->setAccessibleName(tr("Shift in minutes"));
    m_shiftSpin->setToolTip(tr("Minutes, later when positive, earlier when negative"));
    m_scheduleEdit = new QLineEdit(changes);
    m_scheduleEdit->setPlaceholderText(tr("e.g. 0 9 * * 1-5"));
    m_scheduleEdit->setAccessibleName(tr("New schedule"));
    row(m_scheduleBox, {m_scheduleMode, m_shiftSpin, m_scheduleEdit});
    auto showScheduleEditor = [this](int mode) {
        m_shiftSpin->setVisible(mode == 0);
        m_scheduleEdit->setVisible(mode == 1);
    };
    connect(m_scheduleMode, &QComboBox::currentIndexChanged, this, showScheduleEditor);
    showScheduleEditor(0);

    m_timezoneBox = new QCheckBox(tr("&Time zone"), changes);
    m_timezoneEdit = new QLineEdit(changes);
    m_timezoneEdit->setPlaceholderText(tr("IANA name, e.g. Europe/Berlin; empty for UTC"));
    m_timezoneEdit->setAccessibleName(tr("Time zone"));
    row(m_timezoneBox, {m_timezoneEdit});

    m_endTimeBox = new QCheckBox(tr("En&d time"), changes);
    m_endTimeMode = new QComboBox(changes);
    m_endTimeMode->addItem(tr("Set to"));
    m_endTimeMode->addItem(tr("Clear (no end)"));
    m_endTimeMode->setAccessibleName(tr("How to change the end time"));
    m_endTimeEdit = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addDays(30), changes);
    m_endTimeEdit->setTimeSpec(Qt::UTC);
    m_endTimeEdit->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    m_endTimeEdit->setCalendarPopup(true);
    m_endTimeEdit->setAccessibleName(tr("End time (UTC)"));
    row(m_endTimeBox, {m_endTimeMode, m_endTimeEdit});
    connect(m_endTimeMode, &QComboBox::currentIndexChanged, this,
            [this](int mode) { m_endTimeEdit->setVisible(mode == 0); });

    m_metadataBox = new QCheckBox(tr("&Metadata"), changes);
    m_metadataEdit = new QLineEdit(changes);
    m_metadataEdit->setPlaceholderText(tr("KEY=VALUE, KEY=VALUE (added or changed)"));
    m_metadataEdit->setAccessibleName(tr("Metadata keys to add or change"));
    m_metadataEdit->setToolTip(tr("Keys can be added or changed, not removed: the server merges "
                                  "metadata"));
    row(m_metadataBox, {m_metadataEdit});

    m_webhookBox = new QCheckBox(tr("&Webhook"), changes);
    m_webhookEdit = new QLineEdit(changes);
    m_webhookEdit->setPlaceholderText(tr("https://…"));
    m_webhookEdit->setAccessibleName(tr("Webhook URL"));
    row(m_webhookBox, {m_webhookEdit});

    m_completedBox = new QCheckBox(tr("On run &completed"), changes);
    m_completedCombo = new QComboBox(changes);
    m_completedCombo->addItem(tr("Delete the run's thread"), u"delete"_s);
    m_completedCombo->addItem(tr("Keep the run's thread"), u"keep"_s);
    m_completedCombo->setAccessibleName(tr("On run completed"));
    m_completedCombo->setToolTip(tr("Stateless crons only; thread crons are skipped for it"));
    row(m_completedBox, {m_completedCombo});

    m_strategyBox = new QCheckBox(tr("M&ultitask strategy"), changes);
    m_strategyCombo = new QComboBox(changes);
    for (const QString &strategy : {u"enqueue"_s, u"reject"_s, u"interrupt"_s, u"rollback"_s})
        m_strategyCombo->addItem(strategy, strategy);
    m_strategyCombo->setAccessibleName(tr("Multitask strategy"));
    m_strategyCombo->setToolTip(tr("Thread crons only; servers may ignore it in an update"));
    row(m_strategyBox, {m_strategyCombo});
    layout->addWidget(changes);

    m_problem = new QLabel(page);
    m_problem->setObjectName(u"problemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b3261e;"_s);
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addStretch();
    return page;
}

QWidget *BulkEditDialog::createPreviewPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_summary = new QLabel(page);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableView(page);
    m_table->setObjectName(u"previewTable"_s);
    m_table->setAccessibleName(tr("Preview of the bulk edit"));
    m_table->setModel(m_preview);
    m_table->setWordWrap(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::BulkPreviewModel::CronColumn, 220);
    m_table->setColumnWidth(models::BulkPreviewModel::ChangesColumn, 300);
    m_table->setColumnWidth(models::BulkPreviewModel::NextRunColumn, 170);
    layout->addWidget(m_table, 1);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setAccessibleName(tr("Changes answered"));
    m_progress->setFormat(tr("%v of %m answered"));
    layout->addWidget(m_progress);
    return page;
}

QList<api::Cron> BulkEditDialog::chosenCrons() const
{
    return m_selectedRadio->isChecked() ? m_selected : m_matching;
}

std::optional<models::BulkEdit> BulkEditDialog::edit()
{
    models::BulkEdit edit;
    QString problem;
    if (m_enabledBox->isChecked())
        edit.enabled = m_enabledCombo->currentData().toBool();
    if (m_scheduleBox->isChecked()) {
        if (m_scheduleMode->currentIndex() == 0) {
            edit.scheduleChange = models::BulkEdit::Schedule::Shift;
            edit.shiftMinutes = m_shiftSpin->value();
            if (edit.shiftMinutes == 0)
                problem = tr("A shift of 0 minutes changes nothing; choose how far to move the "
                             "fire times.");
        } else {
            edit.scheduleChange = models::BulkEdit::Schedule::Replace;
            edit.schedule = m_scheduleEdit->text().trimmed();
            schedule::ParseError error;
            if (!schedule::CronExpression::parse(edit.schedule, &error).isValid())
                problem = error.message;
        }
    }
    if (m_timezoneBox->isChecked()) {
        edit.timezone = m_timezoneEdit->text().trimmed();
        if (!edit.timezone->isEmpty() && !schedule::isValidZoneName(*edit.timezone))
            problem = tr("“%1” is not an IANA time zone name, such as Europe/Berlin.")
                          .arg(*edit.timezone);
    }
    if (m_endTimeBox->isChecked()) {
        edit.endTimeChange = m_endTimeMode->currentIndex() == 0 ? models::BulkEdit::EndTime::Set
                                                                : models::BulkEdit::EndTime::Clear;
        edit.endTime = m_endTimeEdit->dateTime().toUTC();
    }
    if (m_metadataBox->isChecked()) {
        const QStringList pairs = m_metadataEdit->text().split(u',', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype equals = pair.indexOf(u'=');
            const QString key = pair.left(equals).trimmed();
            if (equals <= 0 || key.isEmpty()) {
                problem = tr("Metadata: “%1” is not KEY=VALUE.").arg(pair.trimmed());
                break;
            }
            edit.metadata.insert(key, pair.mid(equals + 1).trimmed());
        }
        if (problem.isEmpty() && edit.metadata.isEmpty())
            problem = tr("Metadata: give at least one KEY=VALUE.");
        if (problem.isEmpty())
            problem = models::correlationKeyProblem(edit.metadata);
    }
    if (m_webhookBox->isChecked())
        edit.webhook = m_webhookEdit->text().trimmed();
    if (m_completedBox->isChecked())
        edit.onRunCompleted = m_completedCombo->currentData().toString();
    if (m_strategyBox->isChecked())
        edit.multitaskStrategy = m_strategyCombo->currentData().toString();
    if (problem.isEmpty() && edit.isEmpty())
        problem = tr("Tick at least one field to change.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return std::nullopt;
    return edit;
}

void BulkEditDialog::showPreview()
{
    const std::optional<models::BulkEdit> planned = edit();
    if (!planned)
        return;
    m_edit = *planned;
    m_preview->setPlan(
        models::planBulkEdit(chosenCrons(), m_edit, QDateTime::currentDateTimeUtc()));
    m_progress->setValue(0);
    setStep(Step::Preview);
    updateSummary();
}

void BulkEditDialog::apply()
{
    startSending(m_preview->checkedRows());
}

void BulkEditDialog::startSending(const QList<models::BulkRow> &rows)
{
    if (rows.isEmpty())
        return;
    if (const QString refusal = m_repository->refusal(models::MutationKind::Update, rows.size());
        !refusal.isEmpty()) {
        m_summary->setText(refusal);
        return;
    }
    QPointer<BulkEditDialog> self(this);
    m_gate(models::bulkEditRequest(rows, m_target), [self, rows] {
        if (!self)
            return;
        self->m_progress->setMaximum(int(rows.size()));
        self->m_progress->setValue(0);
        if (!self->m_applier->start(rows)) {
            self->m_summary->setText(self->m_applier->refusal());
            return;
        }
        if (self->m_applier->isRunning())
            self->setStep(Step::Applying);
    });
}

void BulkEditDialog::retryFailures()
{
    // The failures did not change their crons: plan them again from the table's rows now.
    const QStringList ids = m_applier->failedIds();
    QList<api::Cron> crons;
    models::CronTableModel *model = m_repository->model();
    for (const QString &id : ids) {
        const int row = model->rowOf(id);
        if (row >= 0)
            crons.append(model->cronAt(row));
    }
    m_preview->setPlan(models::planBulkEdit(crons, m_edit, QDateTime::currentDateTimeUtc()));
    setStep(Step::Preview);
    updateSummary();
    startSending(m_preview->checkedRows());
}

void BulkEditDialog::setStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(step == Step::Changes ? 0 : 1);
    m_progress->setVisible(step == Step::Applying || step == Step::Done);
    updateButtons();
    if (step == Step::Applying)
        m_summary->setText(tr("Sending the changes…"));
}

void BulkEditDialog::updateButtons()
{
    const bool changes = m_step == Step::Changes;
    const bool preview = m_step == Step::Preview;
    const bool applying = m_step == Step::Applying;
    const bool done = m_step == Step::Done;
    m_back->setVisible(preview);
    m_next->setVisible(changes);
    m_apply->setVisible(preview);
    const int count = int(m_preview->checkedCount());
    m_apply->setText(tr("&Apply to %n cron(s)", nullptr, count));
    m_apply->setEnabled(preview && count > 0);
    m_cancelSending->setVisible(applying);
    m_retry->setVisible(done && !m_applier->failedIds().isEmpty());
    m_close->setEnabled(!applying);
    m_table->setEnabled(!applying);
    if (changes)
        m_next->setDefault(true);
    else if (preview)
        m_apply->setDefault(true);
}

void BulkEditDialog::updateSummary()
{
    const models::BulkPlan &plan = m_preview->plan();
    if (m_step == Step::Preview) {
        const QString change = tr("%n cron(s) will change", nullptr, int(plan.changeCount()));
        const QString skipped
            = tr("%n skipped (see why in the State column)", nullptr, int(plan.skipCount()));
        m_summary->setText(plan.skipCount() > 0
                               ? tr("%1; %2. Untick any cron to leave it out.").arg(change, skipped)
                               : tr("%1. Untick any cron to leave it out.").arg(change));
        return;
    }
    if (m_step == Step::Done) {
        const int applied = int(m_applier->count(models::BulkResult::Status::Applied));
        const int failed = int(m_applier->failedIds().size());
        const int notSent = int(m_applier->count(models::BulkResult::Status::NotSent));
        QStringList parts {tr("%n cron(s) changed", nullptr, applied)};
        if (failed > 0)
            parts.append(tr("%n failed (the reasons are in the State column)", nullptr, failed));
        if (notSent > 0)
            parts.append(tr("%n not sent", nullptr, notSent));
        m_summary->setText(parts.join(u"; "_s) + u'.');
    }
}

} // namespace crondesk::ui
