#include "journalview.h"

#include "undodialog.h"

#include <models/journal/journalmodel.h>
#include <models/session/cronrepository.h>
#include <models/session/undorunner.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    if (value.isNull() || value.isUndefined())
        return u"null\n"_s;
    return value.toVariant().toString() + u'\n';
}

void setChoices(QComboBox *combo, const QString &allText, const QStringList &choices)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString &choice : choices)
        combo->addItem(choice, choice);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace

JournalView::JournalView(models::ChangeJournal journal, QWidget *parent)
    : QDialog(parent)
    , m_journal(std::move(journal))
    , m_model(new models::JournalModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_profile(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_failedOnly(new QCheckBox(tr("&Failures only"), this))
    , m_table(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_undoAction(new QAction(tr("&Undo…"), this))
    , m_undoButton(new QPushButton(tr("&Undo…"), this))
{
    setObjectName(u"journalView"_s);
    setWindowTitle(tr("Change Journal"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setSizeGripEnabled(true);

    m_search->setPlaceholderText(tr("Search cron id, profile, URL, operator, message…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the journal"));
    m_action->setAccessibleName(tr("Action"));
    m_profile->setAccessibleName(tr("Profile"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("All time"), 0);
    m_period->addItem(tr("Last 24 hours"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(models::JournalModel::SortRole);
    m_table->setModel(m_sorted);
    m_table->setObjectName(u"journalTable"_s);
    m_table->setAccessibleName(tr("Journal entries"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::JournalModel::TimeColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    m_details->setReadOnly(true);
    m_details->setObjectName(u"journalDetails"_s);
    m_details->setAccessibleName(tr("Selected entry: before, after and the server's answer"));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an entry to see the cron before and after."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    auto *actionLabel = new QLabel(tr("&Action:"), this);
    actionLabel->setBuddy(m_action);
    filters->addWidget(actionLabel);
    filters->addWidget(m_action);
    auto *profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profile);
    filters->addWidget(profileLabel);
    filters->addWidget(m_profile);
    filters->addWidget(m_period);
    filters->addWidget(m_failedOnly);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    QPushButton *exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(u"exportButton"_s);
    // Undo and restore: the button, the table's context menu and Ctrl+Z do the same.
    m_undoAction->setObjectName(u"undoEntryAction"_s);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_undoAction);
    m_table->addAction(m_undoAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_undoButton->setObjectName(u"undoButton"_s);
    m_undoButton->setAccessibleName(tr("Undo or restore the selected entry"));
    buttons->addButton(m_undoButton, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    connect(m_search, &QLineEdit::textChanged, this, &JournalView::applyFilter);
    connect(m_action, &QComboBox::currentIndexChanged, this, &JournalView::applyFilter);
    connect(m_profile, &QComboBox::currentIndexChanged, this, &JournalView::applyFilter);
    connect(m_period, &QComboBox::currentIndexChanged, this, &JournalView::applyFilter);
    connect(m_failedOnly, &QCheckBox::toggled, this, &JournalView::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JournalView::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JournalView::showDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JournalView::updateUndoAction);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JournalView::updateUndoAction);
    connect(m_undoAction, &QAction::triggered, this, &JournalView::undoSelected);
    connect(m_undoButton, &QPushButton::clicked, this, &JournalView::undoSelected);
    connect(reloadButton, &QPushButton::clicked, this, &JournalView::reload);
    connect(exportButton, &QPushButton::clicked, this, &JournalView::chooseExportFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(1000, 620);
    reload();
    updateUndoAction();
}

JournalView::~JournalView() = default;

void JournalView::reload()
{
    int skipped = 0;
    QString error;
    m_model->setEntries(m_journal.readAll(&skipped, &error));
    refreshChoices();
    QString status = tr("Changes shown: %1").arg(m_model->rowCount());
    if (skipped > 0)
        status += u" · "_s + tr("unreadable lines skipped: %1").arg(skipped);
    if (!error.isEmpty())
        status = error;
    m_status->setText(status + u" · "_s + QDir::toNativeSeparators(m_journal.filePath()));
    m_table->resizeColumnsToContents();
}

void JournalView::addEntry(const models::JournalEntry &entry)
{
    m_model->appendEntry(entry);
    refreshChoices();
}

void JournalView::refreshChoices()
{
    setChoices(m_action, tr("All actions"), m_model->actions());
    setChoices(m_profile, tr("All profiles"), m_model->profiles());
}

void JournalView::applyFilter()
{
    models::JournalFilter filter;
    filter.text = m_search->text();
    filter.action = m_action->currentData().toString();
    filter.profile = m_profile->currentData().toString();
    filter.failedOnly = m_failedOnly->isChecked();
    if (const int days = m_period->currentData().toInt(); days > 0)
        filter.from = QDateTime::currentDateTimeUtc().addDays(-days);
    m_model->setFilter(filter);
    m_status->setText(tr("Changes shown: %1").arg(m_model->rowCount()) + u" · "_s
                      + QDir::toNativeSeparators(m_journal.filePath()));
}

void JournalView::showDetails()
{
    const QModelIndex current = m_sorted->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const models::JournalEntry &entry = m_model->entryAt(current.row());
    QString text;
    text += tr("%1 of cron %2 by %3 via %4, profile “%5” (%6)")
                .arg(entry.action, entry.cronId.isEmpty() ? tr("(none)") : entry.cronId,
                     entry.operatorName, entry.client, entry.profile, entry.url)
        + u'\n';
    text += entry.succeeded
        ? tr("Server answered %1.").arg(entry.httpStatus)
        : tr("Failed: %1")
              .arg(entry.serverMessage.isEmpty() ? tr("no answer") : entry.serverMessage);
    if (!entry.requestId.isEmpty())
        text += u' ' + tr("Request id %1.").arg(entry.requestId);
    text += u"\n\n"_s;
    if (!entry.request.isNull() && !entry.request.isUndefined())
        text += tr("Sent:") + u'\n' + prettyJson(entry.request) + u'\n';
    text += tr("Before:") + u'\n' + prettyJson(entry.before) + u'\n';
    text += tr("After:") + u'\n' + prettyJson(entry.after);
    m_details->setPlainText(text);
}

void JournalView::setUndoSession(models::CronRepository *repository, const QString &where)
{
    m_repository = repository;
    m_where = where;
    updateUndoAction();
}

void JournalView::updateUndoAction()
{
    const QModelIndex current = m_sorted->mapToSource(m_table->currentIndex());
    bool undoable = false;
    bool restore = false;
    if (current.isValid()) {
        const models::JournalEntry &entry = m_model->entryAt(current.row());
        static const QStringList actions {u"update"_s, u"pause"_s, u"resume"_s, u"delete"_s,
                                          u"create"_s};
        undoable = entry.succeeded && actions.contains(entry.action);
        restore = entry.action == "delete"_L1;
    }
    const QString text = restore ? tr("&Restore…") : tr("&Undo…");
    m_undoAction->setText(text);
    m_undoButton->setText(text);
    const bool enabled = undoable && m_repository;
    m_undoAction->setEnabled(enabled);
    m_undoButton->setEnabled(enabled);
    m_undoButton->setToolTip(m_repository
                                 ? tr("Undo the selected change, or restore a deleted cron "
                                      "(Ctrl+Z).")
                                 : tr("Connect to a deployment to undo its changes."));
}

void JournalView::undoSelected()
{
    const QModelIndex current = m_sorted->mapToSource(m_table->currentIndex());
    if (!current.isValid() || !m_repository || !m_undoAction->isEnabled())
        return;
    const models::JournalEntry entry = m_model->entryAt(current.row());
    models::UndoRunner *runner = m_repository->newUndoRunner(this);
    m_undoAction->setEnabled(false);
    m_undoButton->setEnabled(false);
    m_status->setText(tr("Reading cron %1 to plan the undo…").arg(entry.cronId));
    connect(runner, &models::UndoRunner::planned, this, [this, runner] { showUndoPlan(runner); });
    connect(runner, &models::UndoRunner::prepareFailed, this,
            [this, runner](const api::ApiError &error) {
                runner->deleteLater();
                updateUndoAction();
                showUndoOutcome(tr("Undo Not Possible"),
                                tr("The cron could not be read: %1").arg(error.toString()), true);
            });
    runner->prepare(entry, m_model->entries());
}

void JournalView::showUndoPlan(models::UndoRunner *runner)
{
    updateUndoAction();
    m_status->setText(runner->plan().summary());
    auto *dialog = new UndoDialog(runner->plan(), runner->decision(), m_where, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::rejected, runner, &QObject::deleteLater);
    connect(dialog, &QDialog::accepted, this, [this, runner] {
        connect(runner, &models::UndoRunner::succeeded, this,
                [this, runner](const QString &message) {
                    runner->deleteLater();
                    m_status->setText(message);
                    showUndoOutcome(tr("Done"), message, false);
                });
        connect(runner, &models::UndoRunner::refused, this, [this, runner](const QString &why) {
            runner->deleteLater();
            m_status->setText(why);
            showUndoOutcome(tr("Nothing Was Changed"), why, true);
        });
        connect(
            runner, &models::UndoRunner::failed, this, [this, runner](const api::ApiError &error) {
                runner->deleteLater();
                const QString text = tr("The server refused the undo: %1").arg(error.toString());
                m_status->setText(text);
                showUndoOutcome(tr("Undo Failed"), text, true);
            });
        m_status->setText(tr("Sending the undo…"));
        runner->execute();
    });
    dialog->open();
}

void JournalView::showUndoOutcome(const QString &title, const QString &text, bool warning)
{
    auto *box = new QMessageBox(warning ? QMessageBox::Warning : QMessageBox::Information, title,
                                text, QMessageBox::Ok, this);
    box->setObjectName(u"undoOutcome"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool JournalView::exportTo(const QString &path, QString *error) const
{
    return models::exportJournal(m_model->visibleEntries(), path, models::exportFormatFor(path),
                                 error);
}

void JournalView::chooseExportFile()
{
    auto *dialog
        = new QFileDialog(this, tr("Export Journal"),
                          QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                              + u"/crondesk-journal.csv"_s,
                          tr("CSV (*.csv);;JSON Lines (*.jsonl)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!exportTo(path, &error)) {
            auto *box = new QMessageBox(
                QMessageBox::Warning, tr("Export Failed"),
                tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error),
                QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        m_status->setText(tr("Exported %1 changes to %2")
                              .arg(m_model->rowCount())
                              .arg(QDir::toNativeSeparators(path)));
    });
    dialog->open();
}

} // namespace crondesk::ui
