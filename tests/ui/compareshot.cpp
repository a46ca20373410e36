// Shows the Compare dialog with a realistic diff for docs/screenshots/compare-dialog.png (not a
// test): two snapshot files a day apart, a journal that explains one of the changes, a changed
// cron selected so that both sides show.
//   xshot -s 1100x760 OUT.png -- compare-shot
#include <models/common/translations.h>
#include <models/compare/snapshot.h>
#include <models/journal/changejournal.h>
#include <ui/comparedialog.h>

#include <QApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QJsonObject cron(const QString &id, const QString &name, const QString &schedule,
                 const QString &zone = u"Europe/Berlin"_s, bool enabled = true)
{
    const QJsonObject metadata {{"name"_L1, name}, {"owner"_L1, u"ops"_s}};
    return QJsonObject {
        {"cron_id"_L1, id},
        {"assistant_id"_L1, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s},
        {"thread_id"_L1, QJsonValue()},
        {"schedule"_L1, schedule},
        {"timezone"_L1, zone},
        {"enabled"_L1, enabled},
        {"end_time"_L1, QJsonValue()},
        {"on_run_completed"_L1, u"delete"_s},
        {"metadata"_L1, metadata},
        {"payload"_L1,
         QJsonObject {{"input"_L1, QJsonObject {{"task"_L1, name}}},
                      {"config"_L1, QJsonObject {{"configurable"_L1, QJsonObject {}}}}}},
        {"next_run_date"_L1, u"2026-12-03T08:00:00+00:00"_s},
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    models::installTranslations(app);
    QTemporaryDir dir;
    const QDateTime yesterday(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    models::Snapshot before;
    before.takenAt = yesterday;
    before.serverUrl = u"https://prod.example"_s;
    QList<QJsonObject> beforeCrons {
        cron(u"1f0c2a7e-0001"_s, u"nightly-report"_s, u"0 2 * * *"_s),
        cron(u"1f0c2a7e-0002"_s, u"invoice-reminders"_s, u"0 9 * * 1-5"_s),
        cron(u"1f0c2a7e-0003"_s, u"cleanup"_s, u"30 3 * * 0"_s),
        cron(u"1f0c2a7e-0004"_s, u"weekly-digest"_s, u"0 8 * * 1"_s),
        cron(u"1f0c2a7e-0005"_s, u"sync-crm"_s, u"*/15 * * * *"_s, u"UTC"_s),
    };
    QList<QJsonObject> afterCrons = beforeCrons;
    afterCrons[1] = cron(u"1f0c2a7e-0002"_s, u"invoice-reminders"_s, u"30 9 * * 1-5"_s,
                         u"Europe/Berlin"_s, false);
    QJsonObject digest = afterCrons.at(3);
    QJsonObject metadata = digest.value("metadata"_L1).toObject();
    metadata.insert("owner"_L1, u"marketing"_s);
    digest.insert("metadata"_L1, metadata);
    afterCrons[3] = digest;
    afterCrons.removeAt(2);
    afterCrons.append(cron(u"1f0c2a7e-0006"_s, u"churn-alerts"_s, u"0 7 * * *"_s));
    before.crons = models::cronsFromJson(beforeCrons);
    models::Snapshot after = before;
    after.takenAt = yesterday.addDays(1);
    after.crons = models::cronsFromJson(afterCrons);
    const QString beforePath = dir.filePath(u"prod-2026-12-01.json"_s);
    const QString afterPath = dir.filePath(u"prod-2026-12-02.json"_s);
    models::writeSnapshot(before, beforePath);
    models::writeSnapshot(after, afterPath);

    models::ChangeJournal journal(dir.filePath(u"journal.jsonl"_s));
    models::JournalEntry entry;
    entry.time = yesterday.addSecs(3 * 3600);
    entry.client = u"crondesk"_s;
    entry.url = u"https://prod.example"_s;
    entry.operatorName = u"alice"_s;
    entry.action = u"update"_s;
    entry.cronId = u"1f0c2a7e-0002"_s;
    entry.succeeded = true;
    journal.append(entry);

    ui::CompareDialog dialog([] { return std::optional<models::Snapshot>(); }, {}, journal);
    dialog.addSnapshotFile(beforePath, true);
    dialog.addSnapshotFile(afterPath, false);
    dialog.resize(1080, 720);
    dialog.show();
    QObject::connect(&dialog, &ui::CompareDialog::compared, &dialog, [&dialog] {
        QTreeView *view = dialog.resultView();
        // The second changed cron's first field: both sides of it show below.
        const QModelIndex changed = view->model()->index(2, 0);
        const QModelIndex invoice = view->model()->index(0, 0, changed);
        view->setCurrentIndex(view->model()->index(0, 0, invoice));
        for (int column = 0; column < 4; ++column)
            view->resizeColumnToContents(column);
    });
    dialog.compare();
    return app.exec();
}
