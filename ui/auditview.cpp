#include "auditview.h"

#include "auditacknowledgedialog.h"
#include "auditreportdocument.h"

#include <models/api/apiclient.h>
#include <models/audit/auditfindingsmodel.h>
#include <models/audit/auditpolicystore.h>
#include <models/audit/auditreport.h>
#include <models/audit/auditrunner.h>
#include <models/audit/auditserverreader.h>
#include <models/audit/cronrules.h>
#include <models/common/displayformat.h>
#include <models/inventory/crontablemodel.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// A round badge in the severity's colour (the report's), with a mark that tells the severities
// apart without colour: a cross for an error, an exclamation mark for a warning, an "i" for a
// note.
QIcon severityIcon(models::AuditSeverity severity)
{
    static const std::array<QIcon, 3> icons = [] {
        std::array<QIcon, 3> made;
        for (const models::AuditSeverity each :
             {models::AuditSeverity::Info, models::AuditSeverity::Warning,
              models::AuditSeverity::Error}) {
            QIcon icon;
            for (const int size : {16, 24, 32}) {
                QPixmap pixmap(size, size);
                pixmap.fill(Qt::transparent);
                QPainter painter(&pixmap);
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(models::severityColour(each)));
                painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
                QFont font = painter.font();
                font.setBold(true);
                font.setPixelSize(size * 3 / 4);
                painter.setFont(font);
                painter.setPen(Qt::white);
                const QString mark = each == models::AuditSeverity::Error ? u"\u00d7"_s
                    : each == models::AuditSeverity::Warning              ? u"!"_s
                                                                          : u"i"_s;
                painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, mark);
                painter.end();
                icon.addPixmap(pixmap);
            }
            made.at(int(each)) = icon;
        }
        return made;
    }();
    return icons.at(int(severity));
}

// The severity icon on the first column of every row.
class SeverityIconDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != models::AuditFindingsModel::FindingColumn)
            return;
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = severityIcon(
            models::AuditSeverity(index.data(models::AuditFindingsModel::SeverityRole).toInt()));
        option->decorationSize = QSize(16, 16);
        if (!index.parent().isValid())
            option->font.setBold(true);
    }
};

QString severityCounts(const models::AuditResult &result)
{
    // One call per count: lupdate loops for ever on counted translations nested in .arg().
    const int errors = result.count(models::AuditSeverity::Error);
    const int warnings = result.count(models::AuditSeverity::Warning);
    const int notes = result.count(models::AuditSeverity::Info);
    const QString errorText = QCoreApplication::translate("AuditView", "%n error(s)", "", errors);
    const QString warningText
        = QCoreApplication::translate("AuditView", "%n warning(s)", "", warnings);
    const QString noteText = QCoreApplication::translate("AuditView", "%n note(s)", "", notes);
    return QCoreApplication::translate("AuditView", "%1, %2, %3")
        .arg(errorText, warningText, noteText);
}

bool writeText(const QString &path, const QString &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

AuditView::AuditView(api::ApiClient *client, models::CronTableModel *crons, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_crons(crons)
    , m_model(new models::AuditFindingsModel(this))
    , m_filter(new models::AuditFindingsFilterModel(this))
    , m_runner(new models::AuditRunner(this))
    , m_severity(new QComboBox(this))
    , m_rule(new QComboBox(this))
    , m_acknowledged(new QComboBox(this))
    , m_auditButton(new QPushButton(tr("&Audit Again"), this))
    , m_acknowledgeButton(new QPushButton(tr("Ac&knowledge…"), this))
    , m_exportButton(new QPushButton(tr("E&xport Report…"), this))
    , m_printButton(new QPushButton(tr("&Print…"), this))
    , m_policyButton(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_details(new QLabel(this))
{
    setObjectName(u"auditView"_s);
    m_filter->setSourceModel(m_model);

    m_severity->setObjectName(u"auditSeverityFilter"_s);
    m_severity->setAccessibleName(tr("Severity filter"));
    m_severity->addItem(tr("All severities"), -1);
    for (const models::AuditSeverity severity :
         {models::AuditSeverity::Error, models::AuditSeverity::Warning,
          models::AuditSeverity::Info})
        m_severity->addItem(severityIcon(severity), models::severityTitle(severity), int(severity));
    m_rule->setObjectName(u"auditRuleFilter"_s);
    m_rule->setAccessibleName(tr("Rule filter"));
    m_rule->addItem(tr("All rules"), -1);
    for (const models::AuditRuleInfo &info : models::auditRules())
        m_rule->addItem(u"%1 (%2)"_s.arg(models::ruleTitle(info.rule), info.id), int(info.rule));
    m_acknowledged->setObjectName(u"auditAcknowledgedFilter"_s);
    m_acknowledged->setAccessibleName(tr("Acknowledged filter"));
    m_acknowledged->addItem(tr("All findings"),
                            int(models::AuditFindingsFilterModel::Acknowledged::Any));
    m_acknowledged->addItem(tr("Not acknowledged"),
                            int(models::AuditFindingsFilterModel::Acknowledged::Not));
    m_acknowledged->addItem(tr("Acknowledged"),
                            int(models::AuditFindingsFilterModel::Acknowledged::Only));

    m_auditButton->setObjectName(u"auditAgainButton"_s);
    m_auditButton->setAccessibleName(tr("Audit again"));
    m_auditButton->setToolTip(tr("Audit the crons in the table again, as of now."));
    m_acknowledgeButton->setObjectName(u"acknowledgeButton"_s);
    m_acknowledgeButton->setAccessibleName(tr("Acknowledge finding"));
    m_acknowledgeButton->setToolTip(
        tr("Accept the selected finding for a while, with a reason; it stays in the audit, "
           "marked acknowledged."));
    m_exportButton->setObjectName(u"exportReportButton"_s);
    m_exportButton->setAccessibleName(tr("Export report"));
    m_exportButton->setToolTip(tr("Save the audit report as HTML, Markdown or PDF."));
    m_printButton->setObjectName(u"printReportButton"_s);
    m_printButton->setAccessibleName(tr("Print report"));
    m_printButton->setToolTip(tr("Print the audit report."));
    m_policyButton->setObjectName(u"auditPolicyButton"_s);
    m_policyButton->setText(tr("Po&licy"));
    m_policyButton->setAccessibleName(tr("Audit policy"));
    m_policyButton->setPopupMode(QToolButton::InstantPopup);
    m_policyButton->setFocusPolicy(Qt::StrongFocus);
    auto *policyMenu = new QMenu(m_policyButton);
    policyMenu->addAction(tr("&Import Policy…"), this, [this] {
        auto *dialog = new QFileDialog(this, tr("Import Audit Policy"));
        dialog->setObjectName(u"importPolicyDialog"_s);
        dialog->setAcceptMode(QFileDialog::AcceptOpen);
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setNameFilters({tr("Audit policy (*.json)")});
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &AuditView::importPolicy);
        dialog->open();
    });
    policyMenu->addAction(tr("&Export Policy…"), this, [this] {
        auto *dialog = new QFileDialog(this, tr("Export Audit Policy"));
        dialog->setObjectName(u"exportPolicyDialog"_s);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilters({tr("Audit policy (*.json)")});
        dialog->setDefaultSuffix(u"json"_s);
        dialog->selectFile(u"audit-policy.json"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &AuditView::exportPolicy);
        dialog->open();
    });
    m_policyButton->setMenu(policyMenu);

    m_status->setObjectName(u"auditStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(u"auditFindings"_s);
    m_tree->setAccessibleName(tr("Audit findings"));
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new SeverityIconDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(models::AuditFindingsModel::FindingColumn, 330);
    m_tree->setColumnWidth(models::AuditFindingsModel::SeverityColumn, 80);
    m_tree->setColumnWidth(models::AuditFindingsModel::CountColumn, 70);
    m_tree->setColumnWidth(models::AuditFindingsModel::AcknowledgedColumn, 150);

    m_details->setObjectName(u"auditFindingDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAccessibleName(tr("Finding details"));

    auto *filters = new QHBoxLayout;
    const auto addFilter = [this, filters](const QString &text, QComboBox *box) {
        auto *label = new QLabel(text, this);
        label->setBuddy(box);
        filters->addWidget(label);
        filters->addWidget(box);
    };
    addFilter(tr("&Severity:"), m_severity);
    addFilter(tr("R&ule:"), m_rule);
    addFilter(tr("S&how:"), m_acknowledged);
    filters->addStretch(1);
    filters->addWidget(m_auditButton);
    filters->addWidget(m_acknowledgeButton);
    filters->addWidget(m_exportButton);
    filters->addWidget(m_printButton);
    filters->addWidget(m_policyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(filters);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_details);
    setTabOrder(m_severity, m_rule);
    setTabOrder(m_rule, m_acknowledged);
    setTabOrder(m_acknowledged, m_auditButton);
    setTabOrder(m_auditButton, m_acknowledgeButton);
    setTabOrder(m_acknowledgeButton, m_exportButton);
    setTabOrder(m_exportButton, m_printButton);
    setTabOrder(m_printButton, m_policyButton);
    setTabOrder(m_policyButton, m_tree);

    const auto comboValue = [](QComboBox *box) { return box->currentData().toInt(); };
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this, comboValue] {
        const int value = comboValue(m_severity);
        m_filter->setSeverity(value < 0 ? std::nullopt
                                        : std::optional(models::AuditSeverity(value)));
        m_tree->expandAll();
        updateStatus();
    });
    connect(m_rule, &QComboBox::currentIndexChanged, this, [this, comboValue] {
        const int value = comboValue(m_rule);
        m_filter->setRule(value < 0 ? std::nullopt : std::optional(models::AuditRule(value)));
        m_tree->expandAll();
        updateStatus();
    });
    connect(m_acknowledged, &QComboBox::currentIndexChanged, this, [this, comboValue] {
        m_filter->setAcknowledged(
            models::AuditFindingsFilterModel::Acknowledged(comboValue(m_acknowledged)));
        m_tree->expandAll();
        updateStatus();
    });
    connect(m_auditButton, &QPushButton::clicked, this, &AuditView::runAudit);
    connect(m_acknowledgeButton, &QPushButton::clicked, this, &AuditView::acknowledgeCurrent);
    connect(m_exportButton, &QPushButton::clicked, this, &AuditView::chooseExportFile);
    connect(m_printButton, &QPushButton::clicked, this, &AuditView::printReport);
    connect(m_runner, &models::AuditRunner::finished, this, &AuditView::onAuditFinished);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditView::onCurrentChanged);

    updateStatus();
    updateActions();
}

AuditView::~AuditView() = default;

void AuditView::setPolicyProfile(const QString &profileName, const QString &policyDirectory)
{
    m_profileName = profileName;
    m_policyDirectory = policyDirectory;
    m_problem.clear();
    m_policy = models::AuditPolicy();
    if (!profileName.isEmpty() && !policyDirectory.isEmpty()) {
        const models::AuditPolicyReading reading
            = models::AuditPolicyStore(policyDirectory).load(profileName);
        if (reading.policy) {
            m_policy = *reading.policy;
        } else {
            const models::AuditPolicyStore store(policyDirectory);
            m_problem = tr("The profile's audit policy cannot be used, so the default policy "
                           "applies: %1")
                            .arg(reading.problems.isEmpty()
                                     ? QString()
                                     : models::formatPolicyProblem(reading.problems.first(),
                                                                   store.filePath(profileName)));
        }
    }
    // The health column judges each cron under the same policy as the audit.
    m_crons->setRuleSettings(models::CronRuleSettings::fromPolicy(m_policy));
    m_model->clear();
    m_stale = true;
    updateStatus();
    updateActions();
}

bool AuditView::isRunning() const
{
    return m_runner->isRunning() || m_reader;
}

void AuditView::cronsChanged()
{
    m_stale = true;
    if (isVisible())
        runAudit();
}

void AuditView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && m_crons->rowCount() > 0 && !isRunning())
        runAudit();
}

void AuditView::runAudit()
{
    m_stale = false;
    if (m_reader)
        m_reader->cancel();
    delete m_reader;
    m_runner->cancel();

    m_input = models::AuditInput();
    m_input.now = m_crons->now();
    m_input.serverUrl = m_client->baseUrl().toDisplayString();
    const int rows = m_crons->rowCount();
    m_input.crons.reserve(rows);
    for (int row = 0; row < rows; ++row)
        m_input.crons.append({m_crons->cronAt(row), m_crons->readAt(row)});
    // last-run-failed judges the crons whose runs the table has read (the rows that have been
    // on screen); reading every cron's runs for an audit is crondeskctl audit --runs.
    if (const QHash<QString, models::AuditLastRun> runs = m_crons->knownLastRuns(); !runs.isEmpty())
        m_input.lastRuns = runs;
    else
        m_input.lastRunsUnavailable = tr("No run history has been read yet: the Last run column "
                                         "reads it for the rows on screen.");

    if (m_client->baseUrl().isEmpty()) {
        m_input.assistantsUnavailable = tr("Not connected to a server.");
        m_input.threadsUnavailable = m_input.assistantsUnavailable;
        m_runner->start(m_input, m_policy);
    } else {
        QList<api::Cron> crons;
        crons.reserve(rows);
        for (const models::AuditCron &cron : std::as_const(m_input.crons))
            crons.append(cron.cron);
        m_reader = new models::AuditServerReader(m_client, this);
        connect(m_reader, &models::AuditServerReader::finished, this,
                [this](const models::AuditServerState &state) {
                    state.applyTo(&m_input);
                    m_reader->deleteLater();
                    m_reader = nullptr;
                    m_runner->start(m_input, m_policy);
                });
        m_reader->start(crons);
    }
    updateStatus();
    updateActions();
}

void AuditView::onAuditFinished(const models::AuditResult &result)
{
    const QModelIndex current = m_tree->currentIndex();
    const QString currentCron = current.data(models::AuditFindingsModel::CronIdRole).toString();
    const int currentRule = current.data(models::AuditFindingsModel::RuleRole).toInt();
    m_model->setResult(result);
    m_tree->expandAll();
    // Keep the finding the operator was looking at (e.g. the one just acknowledged).
    if (current.isValid()) {
        const QModelIndex rule = m_model->ruleIndex(models::AuditRule(currentRule));
        for (int row = 0; rule.isValid() && row < m_model->rowCount(rule); ++row) {
            const QModelIndex finding = m_model->index(row, 0, rule);
            if (finding.data(models::AuditFindingsModel::CronIdRole).toString() == currentCron) {
                m_tree->setCurrentIndex(m_filter->mapFromSource(finding));
                break;
            }
        }
    }
    updateStatus();
    updateActions();
    Q_EMIT finished();
}

void AuditView::onCurrentChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    const models::AuditFinding *finding = m_model->findingAt(m_filter->mapToSource(current));
    if (!finding) {
        const bool rule = current.isValid();
        m_details->setText(rule ? models::ruleExplanation(models::AuditRule(
                               current.data(models::AuditFindingsModel::RuleRole).toInt()))
                                : QString());
    } else {
        QStringList lines {finding->message};
        if (!finding->suggestion.isEmpty())
            lines.append(tr("Suggestion: %1").arg(finding->suggestion));
        if (!finding->evidence.isEmpty())
            lines.append(tr("Evidence: %1")
                             .arg(QString::fromUtf8(
                                 QJsonDocument(finding->evidence).toJson(QJsonDocument::Compact))));
        if (finding->acknowledged)
            lines.append(tr("Acknowledged until %1: %2")
                             .arg(models::formatInstant(finding->acknowledgedUntil, QString()),
                                  finding->acknowledgementReason));
        m_details->setText(lines.join(u'\n'));
        const QStringList ids
            = current.data(models::AuditFindingsModel::CronIdsRole).toStringList();
        if (!ids.isEmpty())
            Q_EMIT cronsSelected(ids);
    }
    updateActions();
}

void AuditView::updateStatus()
{
    QString text;
    if (isRunning()) {
        text = tr("Auditing %n cron(s)…", "", int(m_input.crons.size()));
    } else if (!m_model->hasResult()) {
        text = m_crons->rowCount() == 0 ? tr("No crons to audit yet.")
                                        : tr("Not audited yet: choose Audit Again.");
    } else {
        const models::AuditResult &result = m_model->result();
        text = tr("%n cron(s) audited as of %1", "", result.cronCount)
                   .arg(models::formatInstant(result.now, QString()));
        text += u": "_s + tr("%n finding(s)", "", int(result.findings.size())) + u" ("_s
            + severityCounts(result) + u"; "_s
            + tr("%n acknowledged", "", result.acknowledgedCount()) + u")."_s;
        const int shown = m_filter->visibleFindingCount();
        if (shown != result.findings.size())
            text += u" "_s + tr("The filters show %n of them.", "", shown);
        if (!result.notEvaluated.isEmpty()) {
            QStringList rules;
            for (const models::AuditSkippedRule &skipped : result.notEvaluated)
                rules.append(u"%1: %2"_s.arg(models::ruleId(skipped.rule), skipped.reason));
            // Each reason is a sentence of its own.
            text += u" "_s + tr("Not evaluated: %1").arg(models::asSentence(rules.join(u" "_s)));
        }
        if (m_profileName.isEmpty())
            text += u" "_s + tr("Policy: the default (no profile).");
        else
            text += u" "_s + tr("Policy: profile %1.").arg(m_profileName);
    }
    if (!m_problem.isEmpty())
        text += u"\n"_s + m_problem;
    m_status->setText(text);
}

void AuditView::updateActions()
{
    const bool haveResult = m_model->hasResult();
    m_exportButton->setEnabled(haveResult);
    m_printButton->setEnabled(haveResult);
    const models::AuditFinding *finding
        = m_model->findingAt(m_filter->mapToSource(m_tree->currentIndex()));
    m_acknowledgeButton->setEnabled(finding && !finding->acknowledged && !isRunning());
}

void AuditView::reportError(const QString &message)
{
    m_problem = message;
    updateStatus();
}

models::AuditReportContext AuditView::reportContext() const
{
    return {QDateTime::currentDateTimeUtc(), m_deploymentName};
}

void AuditView::acknowledgeCurrent()
{
    const models::AuditFinding *finding
        = m_model->findingAt(m_filter->mapToSource(m_tree->currentIndex()));
    if (!finding)
        return;
    const QString where = m_profileName.isEmpty()
        ? tr("With no profile, it lasts until Cron Desk quits.")
        : tr("It is saved in the audit policy of profile %1.").arg(m_profileName);
    auto *dialog = new AuditAcknowledgeDialog(*finding, m_model->result().now, where, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (!acknowledge(dialog->acknowledgement(), &error))
            reportError(tr("The acknowledgement could not be saved: %1").arg(error));
    });
    dialog->open();
}

bool AuditView::acknowledge(const models::AuditAcknowledgement &acknowledgement, QString *error)
{
    models::AuditPolicy policy = m_policy;
    policy.acknowledgements.append(acknowledgement);
    if (!m_profileName.isEmpty() && !m_policyDirectory.isEmpty()
        && !models::AuditPolicyStore(m_policyDirectory).save(m_profileName, policy, error))
        return false;
    m_policy = policy;
    m_problem.clear();
    // Judged again on the same crons and instant: only the acknowledgement changed.
    m_runner->start(m_input, m_policy);
    updateStatus();
    updateActions();
    return true;
}

void AuditView::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Audit Report"));
    dialog->setObjectName(u"exportReportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("HTML report (*.html)"), tr("Markdown (*.md)"), tr("PDF (*.pdf)")});
    dialog->setDefaultSuffix(u"html"_s);
    dialog->selectFile(u"cron-audit.html"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"*.md"_s)        ? u"md"_s
                                     : filter.contains(u"*.pdf"_s) ? u"pdf"_s
                                                                   : u"html"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!exportReport(path, &error))
            reportError(tr("The report could not be saved to %1: %2").arg(path, error));
    });
    dialog->open();
}

bool AuditView::exportReport(const QString &path, QString *error) const
{
    if (!m_model->hasResult()) {
        if (error)
            *error = tr("There is no audit to report yet.");
        return false;
    }
    const models::AuditResult &result = m_model->result();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "pdf"_L1)
        return writeAuditReportPdf(result, reportContext(), path, error);
    if (suffix == "md"_L1 || suffix == "markdown"_L1)
        return writeText(path, models::auditReportMarkdown(result, reportContext()), error);
    return writeText(path, models::auditReportHtml(result, reportContext()), error);
}

void AuditView::printReport()
{
    if (!m_model->hasResult())
        return;
    auto *printer = new QPrinter(QPrinter::HighResolution);
    auto *dialog = new QPrintDialog(printer, this);
    dialog->setObjectName(u"printReportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QObject::destroyed, this, [printer] { delete printer; });
    connect(dialog, qOverload<QPrinter *>(&QPrintDialog::accepted), this, [this](QPrinter *chosen) {
        printAuditReport(m_model->result(), reportContext(), chosen);
    });
    dialog->open();
}

void AuditView::importPolicy(const QString &path)
{
    const models::AuditPolicyReading reading = models::readAuditPolicyFile(path);
    if (!reading.policy) {
        reportError(tr("The policy was not imported: %1")
                        .arg(reading.problems.isEmpty()
                                 ? QString()
                                 : models::formatPolicyProblem(reading.problems.first(), path)));
        return;
    }
    QString error;
    if (!m_profileName.isEmpty() && !m_policyDirectory.isEmpty()
        && !models::AuditPolicyStore(m_policyDirectory)
                .save(m_profileName, *reading.policy, &error)) {
        reportError(tr("The policy could not be saved for the profile: %1").arg(error));
        return;
    }
    m_policy = *reading.policy;
    m_problem.clear();
    m_crons->setRuleSettings(models::CronRuleSettings::fromPolicy(m_policy));
    runAudit();
}

void AuditView::exportPolicy(const QString &path)
{
    QString error;
    if (!models::writeAuditPolicyFile(path, m_policy, &error))
        reportError(tr("The policy could not be saved to %1: %2").arg(path, error));
}

} // namespace crondesk::ui
