#include "crondetailswidget.h"

#include <models/common/displayformat.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

QString prettyJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented))
            .trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented))
            .trimmed();
    // A scalar: let QJsonDocument quote strings properly.
    const QString wrapped
        = QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
    return wrapped.mid(1, wrapped.size() - 2);
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

CronDetailsWidget::CronDetailsWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    auto *page = new QWidget(scroll);
    auto *pageLayout = new QVBoxLayout(page);
    scroll->setWidget(page);

    auto *header = new QHBoxLayout;
    m_title = new QLabel(page);
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->setObjectName(u"detailsTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_copyId = new QPushButton(tr("Copy ID"), page);
    m_copyId->setObjectName(u"copyIdButton"_s);
    m_copyId->setAccessibleName(tr("Copy cron ID"));
    connect(m_copyId, &QPushButton::clicked, this, [this] { copyToClipboard(m_cronId); });
    header->addWidget(m_title, 1);
    header->addWidget(m_copyId, 0, Qt::AlignTop);
    pageLayout->addLayout(header);

    m_body = new QWidget(page);
    m_content = m_body;
    m_contentLayout = new QVBoxLayout(m_body);
    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_body);
    pageLayout->addStretch(1);

    m_health = new QLabel(m_content);
    m_health->setObjectName(u"detailsHealth"_s);
    m_health->setWordWrap(true);
    m_health->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_contentLayout->addWidget(m_health);

    m_malformed = new QLabel(m_content);
    m_malformed->setObjectName(u"detailsMalformed"_s);
    m_malformed->setAccessibleName(tr("Malformed fields"));
    m_malformed->setWordWrap(true);
    m_malformed->setTextFormat(Qt::PlainText);
    m_malformed->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_malformed->setForegroundRole(QPalette::BrightText);
    m_malformed->setAutoFillBackground(true);
    m_malformed->setMargin(6);
    QPalette warning = m_malformed->palette();
    warning.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    warning.setColor(QPalette::BrightText, QColor(0x8e, 0x1b, 0x12));
    m_malformed->setPalette(warning);
    m_contentLayout->addWidget(m_malformed);

    m_fieldsBox = new QWidget(m_content);
    m_fields = new QFormLayout(m_fieldsBox);
    m_fields->setContentsMargins(0, 4, 0, 4);
    m_fields->setLabelAlignment(Qt::AlignRight);
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_contentLayout->addWidget(m_fieldsBox);

    m_input = addJsonBlock(tr("Input"), u"inputJson"_s);
    m_config = addJsonBlock(tr("Config"), u"configJson"_s);
    m_context = addJsonBlock(tr("Context"), u"contextJson"_s);
    m_options = addJsonBlock(tr("Interrupts, webhook and streaming"), u"optionsJson"_s);
    m_payload = addJsonBlock(tr("Whole payload"), u"payloadJson"_s);

    m_contentLayout->addWidget(sectionTitle(tr("Runs"), m_content));
    m_runsNote = new QLabel(m_content);
    m_runsNote->setObjectName(u"runsNote"_s);
    m_runsNote->setWordWrap(true);
    m_contentLayout->addWidget(m_runsNote);
    m_runs = new QTreeWidget(m_content);
    m_runs->setObjectName(u"runsList"_s);
    m_runs->setAccessibleName(tr("Latest runs"));
    m_runs->setRootIsDecorated(false);
    m_runs->setUniformRowHeights(true);
    m_runs->setHeaderLabels({tr("Status"), tr("Started"), tr("Duration"), tr("Run ID")});
    m_runs->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_runs->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_runs->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_runs->header()->setStretchLastSection(true);
    m_runs->setMinimumHeight(120);
    m_contentLayout->addWidget(m_runs);

    showNothing(tr("Select a cron to see its details."));
}

CronDetailsWidget::~CronDetailsWidget() = default;

QPlainTextEdit *CronDetailsWidget::addJsonBlock(const QString &title, const QString &objectName)
{
    auto *row = new QHBoxLayout;
    row->addWidget(sectionTitle(title, m_content), 1);
    auto *copy = new QPushButton(tr("Copy"), m_content);
    copy->setAccessibleName(tr("Copy %1").arg(title));
    row->addWidget(copy);
    m_contentLayout->addLayout(row);

    auto *edit = new QPlainTextEdit(m_content);
    edit->setObjectName(objectName);
    edit->setAccessibleName(title);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setMaximumHeight(140);
    m_contentLayout->addWidget(edit);
    connect(copy, &QPushButton::clicked, this,
            [this, edit] { copyToClipboard(edit->toPlainText()); });
    return edit;
}

void CronDetailsWidget::copyToClipboard(const QString &text)
{
    QApplication::clipboard()->setText(text);
}

QString CronDetailsWidget::fieldText(const api::Cron &cron, QStringView field, const QString &value)
{
    const api::MalformedField *malformed = cron.malformedField(field);
    if (!malformed)
        return value;
    return tr("malformed — the server sent %1 (%2)").arg(malformed->received, malformed->problem);
}

void CronDetailsWidget::showNothing(const QString &message)
{
    m_cronId.clear();
    m_title->setText(message);
    m_copyId->hide();
    m_body->hide();
    m_health->clear();
    m_malformed->clear();
    m_malformed->hide();
    for (QPlainTextEdit *edit : {m_input, m_config, m_context, m_options, m_payload})
        edit->clear();
    m_runs->clear();
    m_runsNote->clear();
}

void CronDetailsWidget::showCron(const api::Cron &cron,
                                 const QList<std::pair<QString, QString>> &fields,
                                 const QStringList &healthLines)
{
    // The same cron shown again (a refresh, a tick) keeps its runs list: the window loads runs
    // only when another cron or thread is shown.
    const bool sameCron = m_cronId == cron.cronId;
    m_cronId = cron.cronId;
    m_title->setText(tr("Cron %1").arg(cron.cronId));
    m_copyId->show();
    m_body->show();
    m_health->setText(healthLines.join(u'\n'));
    // What arrived, verbatim (shortened), so that an auditor sees the server sent something
    // wrong rather than nothing.
    QStringList malformed;
    for (const api::MalformedField &field : cron.malformed)
        malformed << tr("%1: %2 — received %3").arg(field.field, field.problem, field.received);
    m_malformed->setText(malformed.isEmpty()
                             ? QString()
                             : tr("The server sent fields that cannot be read; they are shown as "
                                  "missing:")
                                 + u'\n' + malformed.join(u'\n'));
    m_malformed->setVisible(!malformed.isEmpty());

    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    for (const auto &[label, value] : fields) {
        auto *text = new QLabel(value.isEmpty() ? tr("—") : value, m_fieldsBox);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setWordWrap(true);
        // Long ids cannot wrap; let them be cut at the pane's edge rather than widen the pane
        // past the window (the full value is one Copy or selection away).
        text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        text->setToolTip(value);
        m_fields->addRow(label + u':', text);
    }

    const QJsonObject &payload = cron.payload;
    m_input->setPlainText(prettyJson(payload.value("input"_L1)));
    m_config->setPlainText(prettyJson(payload.value("config"_L1)));
    m_context->setPlainText(prettyJson(payload.value("context"_L1)));
    QJsonObject options;
    for (const auto key : {"interrupt_before"_L1, "interrupt_after"_L1, "webhook"_L1,
                           "multitask_strategy"_L1, "stream_mode"_L1, "stream_subgraphs"_L1,
                           "stream_resumable"_L1, "durability"_L1, "checkpoint_during"_L1}) {
        if (payload.contains(key))
            options.insert(key, payload.value(key));
    }
    m_options->setPlainText(prettyJson(options));
    m_payload->setPlainText(fieldText(cron, u"payload", prettyJson(payload)));
    if (!sameCron)
        m_runs->clear();
}

void CronDetailsWidget::showRunsLoading()
{
    m_runs->clear();
    m_runs->show();
    m_runsNote->setText(tr("Loading the thread's runs…"));
}

void CronDetailsWidget::showRuns(const QList<RunLine> &runs)
{
    m_runs->clear();
    m_runs->show();
    m_runsNote->setText(runs.isEmpty() ? tr("The thread has no runs yet.") : QString());
    for (const RunLine &run : runs) {
        auto *item = new QTreeWidgetItem(m_runs);
        item->setText(0, run.status);
        item->setText(1,
                      run.createdAt.isValid()
                          ? run.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)
                          : QString());
        item->setText(3, run.runId);
        if (run.status == "error"_L1 || run.status == "timeout"_L1)
            item->setForeground(0, QColor(0xc6, 0x28, 0x28));
        else if (run.status == "success"_L1)
            item->setForeground(0, QColor(0x2e, 0x7d, 0x32));
    }
}

namespace {

QString durationText(qint64 ms)
{
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 60)
        return CronDetailsWidget::tr("%n s", "", int(seconds));
    return CronDetailsWidget::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

void addRunItem(QTreeWidget *tree, const api::Run &run, bool other, const QString &error = {})
{
    auto *item = new QTreeWidgetItem(tree);
    const models::RunOutcome outcome = models::runOutcome(run.status);
    item->setText(0, models::runOutcomeText(outcome));
    item->setToolTip(0, run.status);
    item->setText(1,
                  run.createdAt.isValid()
                      ? run.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)
                      : QString());
    const auto duration = models::runDurationMs(run);
    item->setText(2, duration ? durationText(*duration) : QString());
    item->setText(3, run.runId);
    if (other) {
        for (int column = 0; column < 4; ++column)
            item->setForeground(column, tree->palette().color(QPalette::PlaceholderText));
    } else if (outcome == models::RunOutcome::Failed || outcome == models::RunOutcome::TimedOut) {
        item->setForeground(0, QColor(0xc6, 0x28, 0x28));
    } else if (outcome == models::RunOutcome::Succeeded) {
        item->setForeground(0, QColor(0x2e, 0x7d, 0x32));
    }
    if (error.isEmpty())
        return;
    // The error under its run, across the columns: it is what the operator came for.
    const QString text = QCoreApplication::translate("CronDetailsWidget", "Error: %1").arg(error);
    auto *line = new QTreeWidgetItem(item);
    line->setText(0, text);
    line->setToolTip(0, text);
    line->setFirstColumnSpanned(true);
    line->setFlags(Qt::ItemIsEnabled);
    line->setForeground(0, QColor(0xc6, 0x28, 0x28));
    for (int column = 0; column < 4; ++column)
        item->setToolTip(column, text);
    item->setExpanded(true);
}

} // namespace

void CronDetailsWidget::showRunHistory(const models::CronRunHistory &history)
{
    m_runs->clear();
    if (!history.available) {
        m_runs->hide();
        m_runsNote->setText(tr("No history available. %1").arg(history.unavailableReason));
        return;
    }
    m_runs->show();
    if (history.runs.isEmpty())
        m_runsNote->setText(tr("This cron has no runs on record yet."));
    else if (history.match == models::RunMatch::ThreadOnly)
        m_runsNote->setText(tr("This cron has no metadata that tells its runs apart, so every run "
                               "on its thread is listed as its own."));
    else
        m_runsNote->setText(tr("Runs of this cron: %1, newest first.").arg(history.runs.size()));
    for (const api::Run &run : history.runs)
        addRunItem(m_runs, run, false, history.errors.value(run.runId));
    if (history.otherRuns.isEmpty())
        return;
    auto *heading = new QTreeWidgetItem(m_runs);
    heading->setText(0, tr("Other runs on this thread: %1").arg(history.otherRuns.size()));
    heading->setFirstColumnSpanned(true);
    heading->setFlags(Qt::ItemIsEnabled);
    QFont font = heading->font(0);
    font.setBold(true);
    heading->setFont(0, font);
    for (const api::Run &run : history.otherRuns)
        addRunItem(m_runs, run, true);
}

void CronDetailsWidget::showRunsError(const QString &message)
{
    m_runs->clear();
    m_runsNote->setText(models::asSentence(tr("Could not load the runs: %1").arg(message)));
}

void CronDetailsWidget::showRunsNotApplicable(const QString &message)
{
    m_runs->clear();
    m_runs->hide();
    m_runsNote->setText(message);
}

} // namespace crondesk::ui
