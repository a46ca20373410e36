#include "snapshotcontroller.h"

#include "comparedialog.h"
#include "mainwindow.h"

#include <models/api/apiclient.h>
#include <models/compare/autosnapshotstore.h>
#include <models/compare/snapshot.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QStatusBar>
#include <QThread>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

SnapshotController::SnapshotController(MainWindow *window, models::ChangeJournal journal,
                                       QString autoSnapshotDirectory)
    : QObject(window)
    , m_window(window)
    , m_journal(std::move(journal))
    , m_autoDirectory(autoSnapshotDirectory.isEmpty()
                          ? models::AutoSnapshotStore::defaultDirectory()
                          : std::move(autoSnapshotDirectory))
{
    m_saveAction = new QAction(tr("Save &Snapshot…"), this);
    m_saveAction->setObjectName(u"saveSnapshotAction"_s);
    m_saveAction->setStatusTip(tr("Save every loaded cron to a snapshot file, to compare later."));
    m_saveAction->setEnabled(false);
    connect(m_saveAction, &QAction::triggered, this, &SnapshotController::chooseSnapshotFile);
    m_compareAction = new QAction(tr("C&ompare…"), this);
    m_compareAction->setObjectName(u"compareAction"_s);
    m_compareAction->setStatusTip(
        tr("Compare this connection with a snapshot, or two snapshots with each other."));
    connect(m_compareAction, &QAction::triggered, this, &SnapshotController::openCompareDialog);
    if (auto *file = window->menuBar()->findChild<QMenu *>(u"fileMenu"_s)) {
        // Before Print and Quit: beside Export, which they resemble.
        const QList<QAction *> actions = file->actions();
        QAction *before = actions.size() > 1 ? actions.at(1) : nullptr;
        file->insertAction(before, m_saveAction);
        file->insertAction(before, m_compareAction);
    }
    connect(window->repository(), &models::CronRepository::loadSucceeded, this, [this] {
        m_loaded = true;
        m_saveAction->setEnabled(true);
        saveAutomatic();
    });
    connect(window->repository(), &models::CronRepository::loadFailed, this, [this] {
        // What is shown may be partial: a snapshot of it would claim too much.
        m_loaded = false;
        m_saveAction->setEnabled(false);
    });
}

SnapshotController::~SnapshotController()
{
    for (QThread *writer : std::as_const(m_writers)) {
        writer->wait();
        delete writer;
    }
}

std::optional<models::Snapshot> SnapshotController::currentSnapshot() const
{
    if (!m_loaded)
        return std::nullopt;
    const models::CronRepository *repository = m_window->repository();
    return models::makeSnapshot(repository->client()->baseUrl(), repository->capabilities(), {},
                                m_window->cronModel()->crons(), QDateTime::currentDateTimeUtc());
}

void SnapshotController::writeInBackground(const QString &label, std::function<QString()> write)
{
    QPointer<QStatusBar> status = m_window->statusBar();
    auto message = std::make_shared<QString>();
    QThread *thread = QThread::create([write, message] { *message = write(); });
    m_writers.append(thread);
    connect(thread, &QThread::finished, this, [this, thread, status, message, label] {
        m_writers.removeOne(thread);
        thread->deleteLater();
        if (status && !label.isEmpty())
            status->showMessage(message->isEmpty() ? label : *message, 5000);
    });
    thread->start();
}

void SnapshotController::saveAutomatic()
{
    // The crons are copied here (implicitly shared values whose lazy parts are thread-safe to
    // read); turning them into JSON and writing them is the worker's.
    const models::CronRepository *repository = m_window->repository();
    const QUrl url = repository->client()->baseUrl();
    const api::ServerCapabilities capabilities = repository->capabilities();
    const QList<api::Cron> crons = m_window->cronModel()->crons();
    const QString name = m_window->deploymentName();
    const QString directory = m_autoDirectory;
    QPointer<SnapshotController> self(this);
    writeInBackground({}, [=] {
        const models::Snapshot snapshot
            = models::makeSnapshot(url, capabilities, {}, crons, QDateTime::currentDateTimeUtc());
        QString error;
        models::AutoSnapshotStore(directory).save(name, snapshot, &error);
        return error;
    });
}

void SnapshotController::chooseSnapshotFile()
{
    auto *dialog = new QFileDialog(m_window, tr("Save Snapshot"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Snapshots (*.json)"));
    dialog->setDefaultSuffix(u"json"_s);
    dialog->selectFile(u"crons-%1.json"_s.arg(QDate::currentDate().toString(Qt::ISODate)));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const std::optional<models::Snapshot> snapshot = currentSnapshot();
        if (!snapshot)
            return;
        const int count = int(snapshot->crons.size());
        writeInBackground(tr("Saved %n cron(s) to %1.", "", count).arg(path), [snapshot, path] {
            QString error;
            models::writeSnapshot(*snapshot, path, &error);
            return error;
        });
    });
    dialog->open();
}

void SnapshotController::openCompareDialog()
{
    const QString name = m_window->deploymentName();
    auto *dialog = new CompareDialog([this] { return currentSnapshot(); },
                                     models::AutoSnapshotStore(m_autoDirectory).list(name),
                                     m_journal, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void SnapshotController::openCompareDialogWith(const QString &path)
{
    auto *dialog = new CompareDialog([this] { return currentSnapshot(); }, {}, m_journal, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->addSnapshotFile(path, true);
    dialog->afterCombo()->setCurrentIndex(0); // this connection, as loaded now
    dialog->show();
    dialog->compare();
}

} // namespace crondesk::ui
