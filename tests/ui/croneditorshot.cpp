// Shows the cron editor in one state against an in-process sandbox, for screenshots:
//     croneditor-shot create|error|diff|review
// Not a test; docs/screenshots/editor-*.png are taken from it with /work/shared/tools/xshot.
#include <models/api/apiclient.h>
#include <models/editor/croneditorlookups.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/croneditordialog.h>
#include <ui/diffconfirmationdialog.h>
#include <ui/jsonfieldeditor.h>
#include <ui/jsontextedit.h>
#include <ui/timezonepicker.h>

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    return dialog->findChild<T *>(QString::fromLatin1(name));
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString state = app.arguments().value(1, u"create"_s);

    sandbox::SandboxServer server({.seedCount = 6, .scheduler = false});
    if (server.listen() == 0)
        return 1;
    api::ApiClient client {api::RequestFactory(server.baseUrl())};

    ui::CronEditorDialog::Mode mode = ui::CronEditorDialog::Mode::Create;
    api::Cron cron;
    if (state == u"diff") {
        mode = ui::CronEditorDialog::Mode::Edit;
        const QJsonObject created = server.createCron(
            QJsonDocument::fromJson(
                "{\"assistant_id\":\"agent\",\"schedule\":\"0 9 * * 1-5\",\"timezone\":"
                "\"Europe/Berlin\",\"end_time\":\"2026-12-31T23:00:00+00:00\",\"metadata\":"
                "{\"owner\":\"ops\"},\"webhook\":\"https://hooks.example.com/cron\","
                "\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Morning report\"}]}}")
                .object());
        cron = api::cronFromJson(created).value_or(api::Cron());
    }
    models::CronTableModel model;
    models::CronRepository session(&client, &model);
    ui::CronEditorDialog dialog(mode, session.newEditorSubmitter({}),
                                new models::CronEditorLookups(&client), cron);
    dialog.setClock(fixedNow);
    models::ConnectionProfile production;
    production.name = u"Acme production"_s;
    production.environment = u"production"_s;
    dialog.setTarget(models::mutationTarget(production, server.baseUrl(), false));
    // For "diff" and "review" only the confirmation is shown: on Xvfb without a window manager
    // a second top-level window of this process stays unpainted (black) in the screenshot.
    if (state != u"diff" && state != u"review")
        dialog.open();

    const auto type = [&dialog](const char *name, const QString &text) {
        child<QLineEdit>(&dialog, name)->setText(text);
    };
    if (state == u"review") {
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"30 6 * * 1-5"_s);
        child<ui::TimeZonePicker>(&dialog, "timezonePicker")->setZoneName(u"Europe/Berlin"_s);
        child<QCheckBox>(&dialog, "endTimeCheck")->setChecked(true);
        child<QDateTimeEdit>(&dialog, "endTimeEdit")
            ->setDateTime(QDateTime(QDate(2026, 12, 31), QTime(18, 0), Qt::UTC));
        child<ui::JsonFieldEditor>(&dialog, "inputEditor")
            ->setText(
                u"{\"messages\": [{\"role\": \"user\", \"content\": \"Morning report for "
                "the operations team, with yesterday's failed runs and the queue depth\"}]}"_s);
        child<ui::JsonFieldEditor>(&dialog, "metadataEditor")
            ->setText(u"{\"owner\": \"ops\", \"team\": \"reporting\"}"_s);
        type("webhookEdit", u"https://hooks.example.com/cron"_s);
        QTimer::singleShot(300, &dialog, [&dialog] { dialog.submitButton()->click(); });
    } else if (state == u"create" || state == u"error") {
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", state == u"create" ? u"30 2 * * *"_s : u"30 25 * * 1-5"_s);
        child<ui::TimeZonePicker>(&dialog, "timezonePicker")->setZoneName(u"Europe/Berlin"_s);
        child<QCheckBox>(&dialog, "endTimeCheck")->setChecked(true);
        child<QDateTimeEdit>(&dialog, "endTimeEdit")
            ->setDateTime(QDateTime(QDate(2026, 12, 31), QTime(18, 0), Qt::UTC));
        child<ui::JsonFieldEditor>(&dialog, "inputEditor")
            ->setText(state == u"create"
                          ? u"{\"messages\": [{\"role\": \"user\", \"content\": \"Report\"}]}"_s
                          : u"{\"messages\": [\n  {\"role\": \"user\" \"content\": 1}\n]}"_s);
        if (state == u"error") {
            type("webhookEdit", u"ftp://hooks.example.com/cron"_s);
            QTimer::singleShot(1500, &dialog, [&dialog] { dialog.submitButton()->click(); });
        }
    } else if (state == u"options" || state == u"payload") {
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"0 9 * * *"_s);
        type("webhookEdit", u"http://hooks.example.com/cron"_s);
        child<ui::JsonFieldEditor>(&dialog, "configEditor")
            ->setText(u"{\"configurable\": {\"model_name\": \"gpt\", \"temperature\": 3}}"_s);
        child<QTabWidget>(&dialog, "payloadTabs")->setCurrentIndex(1);
        child<QTabWidget>(&dialog, "tabs")->setCurrentIndex(state == u"options" ? 2 : 1);
    } else if (state == u"diff") {
        type("scheduleEdit", u"0 8 * * 1-5"_s);
        child<QCheckBox>(&dialog, "endTimeCheck")->setChecked(false);
        child<QCheckBox>(&dialog, "enabledCheck")->setChecked(false);
        child<ui::JsonFieldEditor>(&dialog, "metadataEditor")
            ->setText(u"{\"team\": \"reporting\", \"runbook\": "
                      "\"https://wiki.example.com/ops/runbooks/morning-report-cron-escalation-and-"
                      "retries\"}"_s);
        QTimer::singleShot(300, &dialog, [&dialog] { dialog.submitButton()->click(); });
    }
    QObject::connect(&dialog, &QDialog::finished, &app, &QCoreApplication::quit);
    return app.exec();
}
