// Shows the main window on an in-process sandbox in one state, for the screenshots in
// docs/screenshots (not a test). Run it under ../shared/tools/xshot.
//
//   mainwindow-shot [--crons N] [--filter TEXT] [--metadata TEXT] [--paused] [--select ROW]
//                   [--select-count N] [--health-problems] [--thread-crons] [--show-runs]
//                   [--about] [--shortcuts] [--audit]
//                   [--timeline] [--timeline-from ISO8601] [--timeline-minutes]
//                   [--timeline-zone ZONE] [--timeline-activate]
//
// --timeline shows the Timeline dock, its window starting at --timeline-from (for a picture
// with a clock change in it), on the clock of --timeline-zone; --timeline-activate presses
// Enter on the heatmap's busiest cell, so the table is filtered to the crons that fire then.
//
// The window fills the screen, so `xshot -s 1024x700` pictures it at 1024×700. --about and
// --shortcuts show that dialog alone (a second window is black under Xvfb). --audit serves the
// sandbox's audit scenario (--crons then adds sample crons) and shows the Audit pane.
#include <models/common/translations.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/aboutdialog.h>
#include <ui/auditview.h>
#include <ui/crondetailswidget.h>
#include <ui/filterbar.h>
#include <ui/heatmapwidget.h>
#include <ui/mainwindow.h>
#include <ui/shortcutsdialog.h>
#include <ui/timelineview.h>

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Cron Desk"_s);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    const QCommandLineOption crons(u"crons"_s, u"Sample crons."_s, u"N"_s, u"120"_s);
    const QCommandLineOption filter(u"filter"_s, u"Search text."_s, u"TEXT"_s);
    const QCommandLineOption paused(u"paused"_s, u"Only paused crons."_s);
    const QCommandLineOption problems(u"health-problems"_s, u"Only crons with a problem."_s);
    const QCommandLineOption select(u"select"_s, u"Row to select."_s, u"ROW"_s, u"0"_s);
    const QCommandLineOption threadOnly(u"thread-crons"_s, u"Only thread crons."_s);
    const QCommandLineOption runs(u"show-runs"_s,
                                  u"Scroll the details pane down to the thread's runs."_s);
    const QCommandLineOption metadata(u"metadata"_s, u"Metadata filter text."_s, u"TEXT"_s);
    const QCommandLineOption about(u"about"_s, u"Show the About box alone."_s);
    const QCommandLineOption shortcuts(u"shortcuts"_s, u"Show the shortcuts alone."_s);
    const QCommandLineOption audit(u"audit"_s, u"The audit scenario, in the Audit pane."_s);
    const QCommandLineOption selectCount(u"select-count"_s, u"Rows to select from --select on."_s,
                                         u"N"_s, u"1"_s);
    const QCommandLineOption timeline(u"timeline"_s, u"Show the Timeline dock."_s);
    const QCommandLineOption timelineFrom(u"timeline-from"_s, u"The Timeline's now."_s,
                                          u"ISO8601"_s);
    const QCommandLineOption timelineMinutes(u"timeline-minutes"_s,
                                             u"Hours by minutes over 24 hours."_s);
    const QCommandLineOption timelineZone(u"timeline-zone"_s, u"The Timeline's clock."_s,
                                          u"ZONE"_s);
    const QCommandLineOption timelineActivate(u"timeline-activate"_s,
                                              u"Enter on the busiest cell."_s);
    const QCommandLineOption timelineHeight(u"timeline-height"_s,
                                            u"The dock's share of the window's height."_s,
                                            u"FRACTION"_s, u"0.58"_s);
    parser.addOptions({crons, filter, paused, problems, select, selectCount, threadOnly, runs,
                       metadata, about, shortcuts, timeline, timelineFrom, timelineMinutes,
                       timelineZone, timelineActivate, timelineHeight, audit});
    parser.process(app);
    crondesk::models::installTranslations(app);

    sandbox::SandboxServer server(
        {.seedCount = parser.isSet(audit) && !parser.isSet(crons) ? 0 : parser.value(crons).toInt(),
         .scenario = parser.isSet(audit) ? u"audit"_s : QString(),
         .scheduler = false});
    if (server.listen() == 0)
        return 1;
    ui::MainWindow window;
    window.setGeometry(QGuiApplication::primaryScreen()->geometry());
    window.setConnectionName(u"Local sandbox"_s, QString());
    if (parser.isSet(shortcuts)) {
        ui::ShortcutsDialog dialog(window.menuBar());
        dialog.show();
        return app.exec();
    }
    if (parser.isSet(timeline)) {
        ui::TimelineView *view = window.timelineView();
        if (parser.isSet(timelineFrom))
            view->setNow(QDateTime::fromString(parser.value(timelineFrom), Qt::ISODate));
        if (parser.isSet(timelineMinutes))
            view->setGridLayout(models::HeatmapGrid::Layout::HoursByMinutes);
        if (parser.isSet(timelineZone))
            view->setClockZone(parser.value(timelineZone));
        window.timelineDock()->show();
        window.resizeDocks({window.timelineDock()},
                           {int(window.height() * parser.value(timelineHeight).toDouble())},
                           Qt::Vertical);
        if (parser.isSet(timelineActivate)) {
            QObject::connect(view, &ui::TimelineView::heatmapUpdated, &window, [view] {
                static bool once = false;
                if (once)
                    return;
                once = true;
                view->heatmap()->setFocus();
                QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
                QApplication::sendEvent(view->heatmap(), &enter);
            });
        }
    }
    if (parser.isSet(audit)) {
        window.auditDock()->show();
        // The finding of the selected row, once the audit is in: its cron is selected above.
        QObject::connect(window.auditView(), &ui::AuditView::finished, &window, [&window] {
            QTreeView *findings = window.auditView()->treeView();
            const QModelIndex first = findings->model()->index(0, 0);
            findings->setCurrentIndex(findings->model()->index(0, 0, first));
            findings->setFocus();
        });
    }
    window.show();
    if (parser.isSet(audit))
        window.resizeDocks({window.auditDock()}, {window.height() * 11 / 20}, Qt::Vertical);
    window.setDeployment(api::RequestFactory(server.baseUrl()), u"no API key"_s);
    if (parser.isSet(about)) {
        window.hide();
        QObject::connect(
            window.repository(), &models::CronRepository::capabilitiesChanged, &window, [&window] {
                auto *dialog = new ui::AboutDialog(window.deploymentName(),
                                                   window.repository()->capabilities().version);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
        return app.exec();
    }

    QObject::connect(window.repository(), &models::CronRepository::loadSucceeded, &window, [&] {
        if (parser.isSet(filter))
            window.filterBar()->searchEdit()->setText(parser.value(filter));
        if (parser.isSet(metadata) && window.filterBar()->metadataEdit()->text().isEmpty())
            window.filterBar()->metadataEdit()->setText(parser.value(metadata));
        if (parser.isSet(paused)) {
            auto *state = window.findChild<QComboBox *>(u"stateFilter"_s);
            state->setCurrentIndex(state->findText(u"Paused only"_s));
        }
        if (parser.isSet(threadOnly)) {
            auto *target = window.findChild<QComboBox *>(u"targetFilter"_s);
            target->setCurrentIndex(target->findText(u"Thread only"_s));
        }
        if (parser.isSet(problems)) {
            auto *health = window.findChild<QComboBox *>(u"healthFilter"_s);
            health->setCurrentIndex(health->findText(u"Any problem"_s));
        }
        if (!parser.isSet(audit))
            QTimer::singleShot(400, &window, [&] {
                const int first = parser.value(select).toInt();
                window.tableView()->selectRow(first);
                QAbstractItemModel *rows = window.tableView()->model();
                for (int row = first + 1;
                     row < std::min(rows->rowCount(), first + parser.value(selectCount).toInt());
                     ++row)
                    window.tableView()->selectionModel()->select(rows->index(row, 0),
                                                                 QItemSelectionModel::Select
                                                                     | QItemSelectionModel::Rows);
            });
        if (parser.isSet(runs)) {
            QTimer::singleShot(1500, &window, [&] {
                auto *scroll
                    = window.findChild<ui::CronDetailsWidget *>()->findChild<QScrollArea *>();
                scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
            });
        }
    });
    return app.exec();
}
