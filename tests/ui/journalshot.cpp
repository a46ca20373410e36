// Shows the change journal with the undo confirmation of an update open, for
// docs/screenshots/journal-undo.png (not a test): an in-process sandbox, a few changes made
// through the session (create, pause, update of schedule and timezone, delete), the update
// selected and Undo… pressed. On Xvfb without a window manager a second top-level window stays
// unpainted, so the harness renders both windows itself (QWidget::grab) and saves the dialog
// drawn over the journal to OUT.png:
//   xvfb-run journal-shot OUT.png [changed]   (or: xshot -w 10 /dev/null -- journal-shot …)
// With "changed", someone else changes the cron after the update and the refusal shows.
#include <models/api/apiclient.h>
#include <models/api/cronwrite.h>
#include <models/common/translations.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalmodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/journalview.h>
#include <ui/undodialog.h>

#include <QAction>
#include <QApplication>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    models::installTranslations(app);
    QTemporaryDir dir;
    sandbox::SandboxServer server({.seedCount = 0, .scheduler = false});
    server.listen();
    api::ApiClient client {api::RequestFactory(server.baseUrl())};
    models::CronTableModel model;
    models::JournalRecorder recorder(models::ChangeJournal(dir.filePath(u"journal.jsonl"_s)),
                                     u"crondesk"_s);
    recorder.setConnection(u"staging"_s, server.baseUrl().toString(), QString());
    models::CronRepository repository(&client, &model);
    repository.setJournal(&recorder);

    auto cron = [&](const QString &name, const QString &schedule) {
        return server
            .createCron(QJsonObject {{"assistant_id"_L1, "agent"_L1},
                                     {"schedule"_L1, schedule},
                                     {"timezone"_L1, "Europe/Berlin"_L1},
                                     {"metadata"_L1, QJsonObject {{"name"_L1, name}}}})
            .value("cron_id"_L1)
            .toString();
    };
    const QString report = cron(u"nightly-report"_s, u"0 2 * * *"_s);
    const QString invoices = cron(u"invoice-reminders"_s, u"0 9 * * 1-5"_s);
    const QString cleanup = cron(u"cleanup"_s, u"30 3 * * 0"_s);

    ui::JournalView view(recorder.journal());
    view.setUndoSession(&repository, u"profile “staging” (staging)"_s);
    QObject::connect(&recorder, &models::JournalRecorder::recorded, &view,
                     &ui::JournalView::addEntry);
    view.resize(1180, 740);
    view.move(10, 10);
    view.show();

    // One change after the other, each once the journal has the previous one.
    int step = 0;
    auto next = [&] {
        switch (step++) {
        case 0:
            repository.setCronsEnabled({report}, false);
            break;
        case 1: {
            api::CronPatch patch;
            patch.schedule = u"30 9 * * 1-5"_s;
            patch.timezone = u"America/New_York"_s;
            auto *request = client.getCron(invoices);
            request->then(
                &view,
                [&, patch](const api::Cron &before) {
                    repository.sendUpdate(invoices, patch, api::cronToJson(before));
                },
                [](const api::ApiError &) {});
            break;
        }
        case 2:
            // "changed": someone else moves the updated cron on, so the undo is refused.
            if (app.arguments().value(2) == "changed"_L1) {
                api::CronPatch theirs;
                theirs.schedule = u"45 9 * * 1-5"_s;
                client.updateCron(invoices, theirs);
            }
            repository.reload();
            QObject::connect(
                &repository, &models::CronRepository::loadSucceeded, &view,
                [&] { repository.deleteCrons({cleanup}); }, Qt::SingleShotConnection);
            break;
        default: {
            // Select the update and ask to undo it (read again: columns fitted to the entries).
            view.reload();
            QTableView *table = view.tableView();
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QModelIndex index = table->model()->index(row, 0);
                if (table->model()->index(row, models::JournalModel::ActionColumn).data()
                    == u"update"_s) {
                    table->setCurrentIndex(index);
                    break;
                }
            }
            view.undoAction()->trigger();
            const QString out = app.arguments().value(1);
            auto *poll = new QTimer(&view);
            QObject::connect(poll, &QTimer::timeout, &view, [&view, poll, out] {
                auto *dialog = view.findChild<ui::UndoDialog *>();
                if (!dialog || !dialog->isVisible())
                    return;
                poll->stop();
                QPixmap shot = view.grab();
                const QPixmap front = dialog->grab();
                QPainter painter(&shot);
                // The window's frame as a plain title bar, which grab() leaves out.
                constexpr int titleHeight = 26;
                const QPoint at((shot.width() - front.width()) / 2,
                                (shot.height() - front.height()) / 3);
                const QRect frame(at - QPoint(0, titleHeight),
                                  front.size() + QSize(0, titleHeight));
                painter.fillRect(frame.translated(4, 4), QColor(0, 0, 0, 60));
                painter.fillRect(QRect(frame.topLeft(), QSize(frame.width(), titleHeight)),
                                 QColor(0x3b, 0x4b, 0x5c));
                painter.setPen(Qt::white);
                painter.drawText(QRect(frame.topLeft(), QSize(frame.width(), titleHeight)),
                                 Qt::AlignCenter, dialog->windowTitle());
                painter.drawPixmap(at, front);
                painter.setPen(QColor(0x80, 0x80, 0x80));
                painter.drawRect(frame.adjusted(0, 0, -1, -1));
                painter.end();
                if (!out.isEmpty())
                    shot.save(out);
                QCoreApplication::quit();
            });
            poll->start(300);
            return;
        }
        }
    };
    QObject::connect(&recorder, &models::JournalRecorder::recorded, &view,
                     [&] { QTimer::singleShot(50, &view, next); });
    QTimer::singleShot(0, &view, next);
    return app.exec();
}
