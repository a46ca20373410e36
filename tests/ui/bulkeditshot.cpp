// Shows the Bulk Edit dialog against an in-process sandbox, for screenshots:
//     bulkedit-shot form|preview|failure
// preview: eight crons of a billing team moved from UTC to Europe/Berlin and given an owner, one
// already done (skipped). failure: the fire times shifted by +30 min, two crons refused by the
// server, one whose schedule cannot be shifted past midnight (skipped). Not a test;
// docs/screenshots/ bulk-preview.png and bulk-partial-failure.png are taken from it with
// /work/shared/tools/xshot:
//     xshot -s 1000x640 -w 4 OUT.png -- bulkedit-shot preview
#include <models/api/apiclient.h>
#include <models/bulk/bulkapplier.h>
#include <models/common/translations.h>
#include <models/inventory/crontablemodel.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/bulkeditdialog.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;
using namespace crondesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    models::installTranslations(app);
    const QString state = app.arguments().value(1, u"preview"_s);

    sandbox::SandboxServer server({.scheduler = false});
    if (server.listen() == 0)
        return 1;
    const QList<std::pair<QString, QString>> crons {
        {u"invoice-reminders"_s, u"0 9 * * 1-5"_s}, {u"dunning-run"_s, u"30 6 * * *"_s},
        {u"ledger-close"_s, u"0 23 L * *"_s},       {u"payout-sync"_s, u"*/20 * * * *"_s},
        {u"tax-export"_s, u"45 23 1 * *"_s},        {u"refund-audit"_s, u"45 17 * * 5"_s},
        {u"fx-rates"_s, u"0 */4 * * *"_s},          {u"chargeback-digest"_s, u"0 8 * * 1"_s},
    };
    for (const auto &[name, schedule] : crons) {
        QJsonObject body {
            {"assistant_id"_L1, u"agent"_s},
            {"schedule"_L1, schedule},
            {"metadata"_L1, QJsonObject {{"name"_L1, name}, {"team"_L1, u"billing"_s}}}};
        if (name == "fx-rates"_L1) {
            body.insert("timezone"_L1, u"Europe/Berlin"_s);
            body.insert("metadata"_L1,
                        QJsonObject {{"name"_L1, name},
                                     {"team"_L1, u"billing"_s},
                                     {"owner"_L1, u"payments"_s}});
        }
        server.createCron(body);
    }

    api::ApiClient client {api::RequestFactory(server.baseUrl())};
    models::CronTableModel model;
    models::CronRepository repository(&client, &model);
    models::MutationTarget target;
    target.profileName = u"Billing Staging"_s;
    target.environment = u"staging"_s;
    ui::BulkEditDialog *dialog = nullptr;
    QObject::connect(&repository, &models::CronRepository::loadSucceeded, &app, [&] {
        QList<api::Cron> all;
        for (int row = 0; row < model.rowCount(); ++row)
            all.append(model.cronAt(row));
        dialog = new ui::BulkEditDialog(
            &repository, {}, all, target,
            [](const models::MutationRequest &, std::function<void()> proceed) { proceed(); });
        dialog->resize(1000, 640);
        if (state == "failure"_L1) {
            for (int i : {1, 5}) {
                sandbox::FaultRule rule;
                rule.method = "PATCH";
                rule.path = u"/runs/crons/"_s + all.at(i).cronId;
                rule.action = sandbox::FaultRule::Action::Status;
                rule.status = i == 1 ? 409 : 503;
                rule.body = i == 1 ? R"({"detail":"Cron is locked by a change freeze"})"
                                   : R"({"detail":"Database is read-only during maintenance"})";
                server.addFault(rule);
            }
            dialog->scheduleBox()->setChecked(true);
            dialog->shiftSpin()->setValue(30);
            dialog->show();
            dialog->showPreview();
            dialog->apply();
        } else if (state == "form"_L1) {
            dialog->timezoneBox()->setChecked(true);
            dialog->timezoneEdit()->setText(u"Europe/Berlin"_s);
            dialog->metadataBox()->setChecked(true);
            dialog->metadataEdit()->setText(u"owner=payments"_s);
            dialog->show();
        } else {
            dialog->timezoneBox()->setChecked(true);
            dialog->timezoneEdit()->setText(u"Europe/Berlin"_s);
            dialog->metadataBox()->setChecked(true);
            dialog->metadataEdit()->setText(u"owner=payments"_s);
            dialog->show();
            dialog->showPreview();
        }
    });
    repository.reload();
    return app.exec();
}
