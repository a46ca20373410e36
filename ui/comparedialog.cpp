#include "comparedialog.h"

#include <models/compare/attribution.h>
#include <models/compare/snapshotdiff.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QThread>
#include <QTreeView>
#include <QVBoxLayout>

#include <thread>
#include <variant>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr auto liveSource = "live"_L1;

QString indented(const QJsonObject &cron)
{
    return cron.isEmpty() ? QString()
                          : QString::fromUtf8(QJsonDocument(cron).toJson(QJsonDocument::Indented));
}

QString idOf(const QJsonObject &cron)
{
    return cron.value("cron_id"_L1).toString();
}

// A side read for the comparison: a snapshot, or why it could not be read.
struct SideResult
{
    std::optional<models::Snapshot> snapshot;
    QString label;
    QString error;
};

SideResult readSide(const QString &source, const QString &label,
                    const std::optional<models::Snapshot> &current)
{
    if (source == liveSource) {
        if (!current)
            return {std::nullopt, label,
                    CompareDialog::tr("This connection has not finished loading.")};
        return {current, label, {}};
    }
    models::SnapshotReadResult read = models::readSnapshot(source);
    return {std::move(read.snapshot), label, read.message};
}

} // namespace

CompareDialog::CompareDialog(std::function<std::optional<models::Snapshot>()> current,
                             QList<models::AutoSnapshot> automatic, models::ChangeJournal journal,
                             QWidget *parent)
    : QDialog(parent)
    , m_current(std::move(current))
    , m_automatic(std::move(automatic))
    , m_journal(std::move(journal))
{
    setWindowTitle(tr("Compare"));
    setObjectName(u"compareDialog"_s);

    m_before = makeSourceCombo();
    m_before->setAccessibleName(tr("Before"));
    m_after = makeSourceCombo();
    m_after->setAccessibleName(tr("After"));
    // The usual question: what changed since the last automatic snapshot.
    if (m_before->count() > 1)
        m_before->setCurrentIndex(1);
    m_after->setCurrentIndex(0);
    auto *browseBefore = new QPushButton(tr("Open Snapshot…"), this);
    browseBefore->setAccessibleName(tr("Open a snapshot file as Before"));
    auto *browseAfter = new QPushButton(tr("Open Snapshot…"), this);
    browseAfter->setAccessibleName(tr("Open a snapshot file as After"));
    connect(browseBefore, &QPushButton::clicked, this, [this] { browse(m_before); });
    connect(browseAfter, &QPushButton::clicked, this, [this] { browse(m_after); });

    m_match = new QComboBox(this);
    m_match->addItem(tr("By cron id (the same deployment)"), int(models::MatchMode::Id));
    m_match->addItem(tr("By content (two deployments)"), int(models::MatchMode::Content));
    m_match->setAccessibleName(tr("Pair crons"));
    m_key = new QLineEdit(this);
    m_key->setPlaceholderText(tr("schedule,timezone,payload"));
    m_key->setAccessibleName(tr("Pairing key"));
    m_key->setToolTip(tr("The fields that pair crons by content, comma-separated, such as "
                         "metadata.name."));
    m_key->setEnabled(false);
    connect(m_match, &QComboBox::currentIndexChanged, this,
            [this] { m_key->setEnabled(m_match->currentData().toInt() != 0); });

    auto *form = new QFormLayout;
    auto sourceRow = [this](QComboBox *combo, QPushButton *button) {
        auto *row = new QHBoxLayout;
        row->addWidget(combo, 1);
        row->addWidget(button);
        return row;
    };
    // Labels with buddies, so that Alt+B, Alt+A and Alt+P reach the fields.
    auto label = [this](const QString &text, QWidget *buddy) {
        auto *result = new QLabel(text, this);
        result->setBuddy(buddy);
        return result;
    };
    form->addRow(label(tr("&Before:"), m_before), sourceRow(m_before, browseBefore));
    form->addRow(label(tr("&After:"), m_after), sourceRow(m_after, browseAfter));
    auto *matchRow = new QHBoxLayout;
    matchRow->addWidget(m_match);
    matchRow->addWidget(label(tr("&Key:"), m_key));
    matchRow->addWidget(m_key, 1);
    form->addRow(label(tr("&Pair:"), m_match), matchRow);

    m_compareButton = new QPushButton(tr("Co&mpare"), this);
    m_compareButton->setDefault(true);
    connect(m_compareButton, &QPushButton::clicked, this, &CompareDialog::compare);
    m_summary = new QLabel(tr("Choose two sources and press Compare."), this);
    m_summary->setObjectName(u"compareSummary"_s);
    m_summary->setWordWrap(true);
    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(m_summary, 1);
    compareRow->addWidget(m_compareButton);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter: cron id, field or value"));
    m_filter->setAccessibleName(tr("Filter the differences"));
    m_filter->setClearButtonEnabled(true);

    m_model = new QStandardItemModel(0, 4, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Cron or field"), tr("Before"), tr("After"), tr("Origin")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_view->expandAll();
    });
    m_view = new QTreeView(this);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Differences"));
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CompareDialog::showSelection);

    m_oldSide = new QPlainTextEdit(this);
    m_newSide = new QPlainTextEdit(this);
    for (QPlainTextEdit *side : {m_oldSide, m_newSide}) {
        side->setReadOnly(true);
        side->setLineWrapMode(QPlainTextEdit::NoWrap);
        side->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    m_oldSide->setAccessibleName(tr("The selected cron before"));
    m_newSide->setAccessibleName(tr("The selected cron after"));
    m_oldSide->setPlaceholderText(tr("Before: select a cron"));
    m_newSide->setPlaceholderText(tr("After: select a cron"));
    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(m_oldSide);
    sides->addWidget(m_newSide);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(sides);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::ActionRole);
    m_exportButton->setEnabled(false);
    connect(m_exportButton, &QPushButton::clicked, this, &CompareDialog::chooseExportFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(compareRow);
    layout->addWidget(m_filter);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(980, 680);
}

CompareDialog::~CompareDialog()
{
    // The worker only reads files and computes; it is short, and must not outlive its results.
    if (m_worker) {
        m_worker->wait();
        delete m_worker; // its finished handler, which would have deleted it, goes with us
    }
}

QComboBox *CompareDialog::makeSourceCombo()
{
    auto *combo = new QComboBox(this);
    combo->addItem(tr("This connection now"), QString(liveSource));
    for (const models::AutoSnapshot &snapshot : std::as_const(m_automatic))
        combo->addItem(
            tr("Automatic snapshot of %1")
                .arg(QLocale().toString(snapshot.takenAt.toLocalTime(), QLocale::ShortFormat)),
            snapshot.path);
    return combo;
}

void CompareDialog::addSnapshotFile(const QString &path, bool before)
{
    const QString label = tr("Snapshot file %1").arg(QFileInfo(path).fileName());
    for (QComboBox *combo : {m_before, m_after})
        if (combo->findData(path) < 0)
            combo->addItem(label, path);
    QComboBox *target = before ? m_before : m_after;
    target->setCurrentIndex(target->findData(path));
}

void CompareDialog::browse(QComboBox *combo)
{
    auto *dialog = new QFileDialog(this, tr("Open Snapshot"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Snapshots (*.json)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, combo](const QString &path) { addSnapshotFile(path, combo == m_before); });
    dialog->open();
}

void CompareDialog::setBusy(bool busy)
{
    m_compareButton->setEnabled(!busy);
    m_before->setEnabled(!busy);
    m_after->setEnabled(!busy);
    if (busy)
        m_summary->setText(tr("Comparing…"));
}

void CompareDialog::compare()
{
    if (m_worker)
        return;
    setBusy(true);
    const QString beforeSource = m_before->currentData().toString();
    const QString afterSource = m_after->currentData().toString();
    const QString beforeLabel = m_before->currentText();
    const QString afterLabel = m_after->currentText();
    // The live side is taken here, on the GUI thread that owns the model; files are read by the
    // worker.
    std::optional<models::Snapshot> current;
    if (beforeSource == liveSource || afterSource == liveSource)
        current = m_current();
    models::DiffOptions options;
    options.match = models::MatchMode(m_match->currentData().toInt());
    if (options.match == models::MatchMode::Content)
        for (const QString &part : m_key->text().split(u',', Qt::SkipEmptyParts))
            options.key.append(part.trimmed());
    auto result = std::make_shared<std::variant<models::DiffReport, QString>>();
    m_worker = QThread::create([=, journal = m_journal] {
        // Both sides at once, as crondeskctl diff reads them (models::readSnapshots).
        SideResult after;
        std::thread afterReader([&] { after = readSide(afterSource, afterLabel, current); });
        const SideResult before = readSide(beforeSource, beforeLabel, current);
        afterReader.join();
        if (!before.snapshot || !after.snapshot) {
            *result = before.snapshot ? after.error : before.error;
            return;
        }
        models::DiffReport report;
        report.oldSide = {before.label, before.snapshot->takenAt};
        report.newSide = {after.label, after.snapshot->takenAt};
        report.diff = models::diffCrons(before.snapshot->crons, after.snapshot->crons, options,
                                        before.snapshot->graphByAssistant(),
                                        after.snapshot->graphByAssistant());
        if (report.diff.hasDifferences())
            report.attribution = models::attributeDiff(
                report.diff, journal.readAll(), before.snapshot->serverUrl,
                before.snapshot->takenAt, after.snapshot->serverUrl, after.snapshot->takenAt);
        *result = std::move(report);
    });
    connect(m_worker, &QThread::finished, this, [this, result] {
        m_worker->deleteLater();
        m_worker = nullptr;
        setBusy(false);
        if (const QString *error = std::get_if<QString>(result.get())) {
            m_summary->setText(*error);
            return;
        }
        showReport(std::get<models::DiffReport>(*result));
    });
    m_worker->start();
}

void CompareDialog::showReport(const models::DiffReport &report)
{
    m_report = report;
    const models::SnapshotDiff &diff = report.diff;
    m_model->removeRows(0, m_model->rowCount());
    auto cronRow = [](const QString &title, const QJsonObject &oldCron, const QJsonObject &newCron,
                      const QString &origin) {
        QList<QStandardItem *> row {
            new QStandardItem(title), new QStandardItem(oldCron.value("schedule"_L1).toString()),
            new QStandardItem(newCron.value("schedule"_L1).toString()), new QStandardItem(origin)};
        for (QStandardItem *item : row) {
            item->setEditable(false);
            item->setData(indented(oldCron), OldJsonRole);
            item->setData(indented(newCron), NewJsonRole);
        }
        return row;
    };
    auto section = [this](const QString &title) {
        auto *item = new QStandardItem(title);
        item->setEditable(false);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        QList<QStandardItem *> row {item, new QStandardItem, new QStandardItem, new QStandardItem};
        for (QStandardItem *cell : row)
            cell->setEditable(false);
        m_model->appendRow(row);
        return item;
    };
    auto note = [](const QStringList &notes, qsizetype i) {
        return i < notes.size() ? notes.at(i) : QString();
    };
    QStandardItem *added = section(tr("Added (%n)", "", int(diff.added.size())));
    for (qsizetype i = 0; i < diff.added.size(); ++i)
        added->appendRow(cronRow(idOf(diff.added.at(i)), {}, diff.added.at(i),
                                 note(report.attribution.added, i)));
    QStandardItem *removed = section(tr("Removed (%n)", "", int(diff.removed.size())));
    for (qsizetype i = 0; i < diff.removed.size(); ++i)
        removed->appendRow(cronRow(idOf(diff.removed.at(i)), diff.removed.at(i), {},
                                   note(report.attribution.removed, i)));
    QStandardItem *changed = section(tr("Changed (%n)", "", int(diff.changed.size())));
    for (qsizetype i = 0; i < diff.changed.size(); ++i) {
        const models::CronChange &change = diff.changed.at(i);
        const QString title = change.oldId() == change.newId()
            ? change.oldId()
            : tr("%1 → %2").arg(change.oldId(), change.newId());
        QList<QStandardItem *> row
            = cronRow(title, change.oldCron, change.newCron, note(report.attribution.changed, i));
        row.at(1)->setText(tr("%n field(s)", "", int(change.fields.size())));
        row.at(2)->setText(QString());
        for (const models::CronFieldChange &field : change.fields) {
            QList<QStandardItem *> fieldRow {
                new QStandardItem(field.field),
                new QStandardItem(models::jsonValueText(field.oldValue)),
                new QStandardItem(models::jsonValueText(field.newValue)), new QStandardItem};
            for (QStandardItem *item : fieldRow) {
                item->setEditable(false);
                item->setData(indented(change.oldCron), OldJsonRole);
                item->setData(indented(change.newCron), NewJsonRole);
            }
            row.first()->appendRow(fieldRow);
        }
        changed->appendRow(row);
    }
    if (!diff.ambiguous.isEmpty()) {
        QStandardItem *ambiguous
            = section(tr("Ambiguous pairings (%n)", "", int(diff.ambiguous.size())));
        for (const models::AmbiguousPairing &pairing : diff.ambiguous) {
            QStringList olds;
            QStringList news;
            for (const QJsonObject &cron : pairing.oldCrons)
                olds.append(idOf(cron));
            for (const QJsonObject &cron : pairing.newCrons)
                news.append(idOf(cron));
            QList<QStandardItem *> row {new QStandardItem(pairing.key),
                                        new QStandardItem(olds.join(u", "_s)),
                                        new QStandardItem(news.join(u", "_s)), new QStandardItem};
            for (QStandardItem *item : row)
                item->setEditable(false);
            ambiguous->appendRow(row);
        }
    }
    m_view->expandAll();
    for (int column = 0; column < 3; ++column)
        m_view->resizeColumnToContents(column);
    m_summary->setText(diff.hasDifferences()
                           ? tr("%1 added, %2 removed, %3 changed, %4 unchanged.")
                                 .arg(tr("%n cron(s)", "", int(diff.added.size())))
                                 .arg(diff.removed.size())
                                 .arg(diff.changed.size())
                                 .arg(diff.unchanged)
                           : tr("No difference: %n cron(s) unchanged.", "", int(diff.unchanged)));
    m_exportButton->setEnabled(true);
    Q_EMIT compared();
}

void CompareDialog::showSelection()
{
    const QModelIndex index = m_view->currentIndex();
    m_oldSide->setPlainText(index.data(OldJsonRole).toString());
    m_newSide->setPlainText(index.data(NewJsonRole).toString());
}

bool CompareDialog::exportTo(const QString &path, QString *error) const
{
    if (!m_report)
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const models::DiffFormat format = suffix == "html"_L1 || suffix == "htm"_L1
        ? models::DiffFormat::Html
        : suffix == "json"_L1 ? models::DiffFormat::Json
                              : models::DiffFormat::Markdown;
    const QByteArray bytes = models::renderDiffReport(*m_report, format);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

void CompareDialog::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Differences"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("Markdown (*.md)"), tr("HTML (*.html)"), tr("JSON (*.json)")});
    dialog->setDefaultSuffix(u"md"_s);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains("html"_L1)       ? u"html"_s
                                     : filter.contains("json"_L1) ? u"json"_s
                                                                  : u"md"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        m_summary->setText(exportTo(path, &error) ? tr("Exported the differences to %1.").arg(path)
                                                  : error);
    });
    dialog->open();
}

} // namespace crondesk::ui
