// Shows View ▸ Changes Since… in the inventory for docs/screenshots/inventory-changes-since.png
// (not a test): the sandbox's crons, a snapshot "from yesterday", then crons added, deleted and
// changed on the server; after a refresh the marked rows, the banner, and the tooltip of one
// changed row. Run it under ../shared/tools/xshot:
//   xshot -w 6 -s 1024x700 OUT.png -- changessince-shot
#include <models/common/translations.h>
#include <models/compare/snapshot.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/changejournal.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/changessincecontroller.h>
#include <ui/mainwindow.h>
#include <ui/snapshotcontroller.h>

#include <QApplication>
#include <QCursor>
#include <QHeaderView>
#include <QScreen>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Cron Desk"_s);
    QStandardPaths::setTestModeEnabled(true);
    models::installTranslations(app);
    QTemporaryDir dir;

    sandbox::SandboxServer server({.seedCount = 14, .scheduler = false});
    if (server.listen() == 0)
        return 1;
    ui::MainWindow window;
    window.setGeometry(QGuiApplication::primaryScreen()->geometry());
    window.setConnectionName(u"Local sandbox"_s, QString());
    auto *snapshots = new ui::SnapshotController(
        &window, models::ChangeJournal(dir.filePath(u"journal.jsonl"_s)), dir.filePath(u"auto"_s));
    auto *changes = new ui::ChangesSinceController(&window, snapshots);
    const QString path = dir.filePath(u"yesterday.json"_s);
    QString changedId;

    int loads = 0;
    QObject::connect(window.repository(), &models::CronRepository::loadSucceeded, &window, [&] {
        if (++loads == 1) {
            // Yesterday's snapshot, then a day's work on the server.
            std::optional<models::Snapshot> snapshot = snapshots->currentSnapshot();
            snapshot->takenAt = QDateTime(QDate::currentDate().addDays(-1), QTime(9, 0));
            models::writeSnapshot(*snapshot, path);
            const models::CronTableModel *model = window.cronModel();
            QStringList ids;
            for (int row = 0; row < model->rowCount(); ++row)
                ids.append(model->cronAt(row).cronId);
            server.handleLocally("PATCH", u"/runs/crons/"_s + ids.at(1),
                                 {{u"schedule"_s, u"0 10 * * *"_s}});
            server.handleLocally("PATCH", u"/runs/crons/"_s + ids.at(4), {{u"enabled"_s, false}});
            server.handleLocally("PATCH", u"/runs/crons/"_s + ids.at(6),
                                 {{u"metadata"_s, QJsonObject {{u"owner"_s, u"marketing"_s}}}});
            server.handleLocally("DELETE", u"/runs/crons/"_s + ids.at(8));
            server.handleLocally("DELETE", u"/runs/crons/"_s + ids.at(10));
            server.createCron(
                QJsonObject {{"assistant_id"_L1, "agent"_L1},
                             {"schedule"_L1, "0 7 * * 1-5"_L1},
                             {"metadata"_L1, QJsonObject {{"name"_L1, "churn-alerts"_L1}}}});
            changedId = ids.at(1);
            window.refresh();
        } else if (loads == 2) {
            changes->showChangesSince(path);
        }
    });
    QObject::connect(changes, &ui::ChangesSinceController::computed, &window, [&] {
        // The tooltip of the row whose schedule changed, as hovering shows it, once the banner
        // has taken its place (a relayout would hide it).
        QTimer::singleShot(500, &window, [&] {
            QTableView *table = window.tableView();
            const QModelIndex index = window.proxyModel()->mapFromSource(window.cronModel()->index(
                window.cronModel()->rowOf(changedId), models::CronTableModel::ScheduleColumn));
            const QRect cell = table->visualRect(index);
            const QString own = index.data(Qt::ToolTipRole).toString();
            const QString change
                = index.data(models::CronTableModel::ChangeSinceTextRole).toString();
            const QPoint where = table->viewport()->mapToGlobal(cell.center());
            QCursor::setPos(where);
            QToolTip::showText(where, own.isEmpty() ? change : own + u"\n\n" + change,
                               table->viewport(), {}, 60000);
        });
    });
    window.show();
    window.setDeployment(api::RequestFactory(server.baseUrl()), u"no API key"_s);
    return app.exec();
}
