// Shows the connection UI in one state against an in-process sandbox, for screenshots:
//     connection-shot
//     profile-dialog|main-window-production|tls|typed-confirmation|journal|first-run
// Not a test; docs/screenshots/profile-dialog.png and main-window-production.png are taken from
// it with /work/shared/tools/xshot. Profiles and the journal go to a temporary directory; keys to
// the keychain when one answers (run it inside tests/models/with-keyring.sh for that), else to
// the session.
#include <models/common/translations.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/connectioncontroller.h>
#include <ui/desktopapp.h>
#include <ui/firstrundialog.h>
#include <ui/journalview.h>
#include <ui/mainwindow.h>
#include <ui/profiledialog.h>
#include <ui/tlserrordialog.h>
#include <ui/typedconfirmationdialog.h>

#include <QApplication>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QList<models::ConnectionProfile> sampleProfiles(const QUrl &sandboxUrl)
{
    models::ConnectionProfile prod;
    prod.name = u"Acme production"_s;
    prod.url = sandboxUrl;
    prod.environment = u"production"_s;
    prod.extraHeaders = {{"X-Auth-Scheme", "langsmith-api-key"}};
    models::ConnectionProfile staging;
    staging.name = u"Acme staging"_s;
    staging.url = QUrl(u"https://acme-staging.us.langgraph.app"_s);
    staging.environment = u"staging"_s;
    models::ConnectionProfile audit;
    audit.name = u"Acme production (audit)"_s;
    audit.url = QUrl(u"https://acme.us.langgraph.app"_s);
    audit.environment = u"production"_s;
    audit.readOnly = true;
    models::ConnectionProfile lab;
    lab.name = u"Lab"_s;
    lab.url = QUrl(u"http://10.20.0.7:8123"_s);
    lab.environment = u"development"_s;
    return {prod, staging, audit, lab};
}

models::JournalEntry journalEntry(const QString &action, const QString &cronId, int minutesAgo,
                                  bool succeeded)
{
    models::JournalEntry e;
    e.time = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    e.client = minutesAgo % 2 ? u"crondeskctl"_s : u"crondesk"_s;
    e.profile = u"Acme production"_s;
    e.url = u"https://acme.us.langgraph.app"_s;
    e.operatorName = u"alice"_s;
    e.action = action;
    e.cronId = cronId;
    e.before = QJsonObject {
        {u"cron_id"_s, cronId}, {u"schedule"_s, u"0 9 * * 1-5"_s}, {u"enabled"_s, true}};
    e.after = succeeded ? QJsonValue(QJsonObject {{u"cron_id"_s, cronId},
                                                  {u"schedule"_s, u"0 9 * * 1-5"_s},
                                                  {u"enabled"_s, action != "pause"_L1}})
                        : QJsonValue(QJsonValue::Null);
    e.succeeded = succeeded;
    e.httpStatus = succeeded ? 200 : 404;
    e.serverMessage = succeeded ? QString() : u"Not found (404): Cron not found"_s;
    return e;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    models::installTranslations(app);
    QApplication::setApplicationName(u"crondesk"_s);
    QApplication::setApplicationDisplayName(u"Cron Desk"_s);
    const QString state = app.arguments().value(1, u"profile-dialog"_s);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;

    const QString key = u"lsv2_sk_screenshot_only_0000"_s;
    sandbox::SandboxServer server({.seedCount = 48, .apiKey = key, .scheduler = false});
    if (server.listen() == 0)
        return 1;

    const models::ProfileStore profiles(dir.filePath(u"profiles.conf"_s));
    profiles.save(sampleProfiles(server.baseUrl()));
    auto *credentials = new models::CredentialStore(u"crondesk-screenshot"_s);
    const models::ChangeJournal journal(dir.filePath(u"journal.jsonl"_s));
    journal.append(journalEntry(u"create"_s, u"1ef3cefa-7a11-4c2e-9a51-0b3f9d6c2a10"_s, 95, true));
    journal.append(journalEntry(u"update"_s, u"1ef3cefa-7a11-4c2e-9a51-0b3f9d6c2a10"_s, 64, true));
    journal.append(journalEntry(u"pause"_s, u"5b2d77e0-13c4-4f5e-8d0a-6e1a2b3c4d5e"_s, 31, true));
    journal.append(journalEntry(u"delete"_s, u"00000000-0000-4000-8000-000000000000"_s, 12, false));
    journal.append(journalEntry(u"resume"_s, u"5b2d77e0-13c4-4f5e-8d0a-6e1a2b3c4d5e"_s, 3, true));

    // Dialogs are shown alone: under Xvfb without a window manager a second window comes out
    // black in a screen capture.
    const models::ConnectionProfile production = sampleProfiles(server.baseUrl()).first();
    if (state == "profile-dialog"_L1) {
        auto *dialog = new ui::ProfileDialog;
        dialog->setProfiles(sampleProfiles(server.baseUrl()), {production.name});
        dialog->selectProfile(production.name);
        dialog->findChild<QPushButton *>(u"testButton"_s)->click();
        models::ConnectionTestResult result;
        result.succeeded = true;
        result.serverVersion = u"0.12.0"_s;
        result.capabilities = api::ServerCapabilities::forVersion(u"0.12.0"_s);
        result.cronCount = 48;
        dialog->showTestResult(result);
        dialog->open();
        return app.exec();
    }
    if (state == "tls"_L1) {
        api::ApiError error;
        error.kind = api::ApiError::Kind::Tls;
        error.message = u"The certificate is self-signed, and untrusted"_s;
        error.certificate.subject = u"CN=acme.internal, O=Acme Corp"_s;
        error.certificate.issuer = u"CN=Acme Private CA, O=Acme Corp"_s;
        error.certificate.sha256Fingerprint
            = u"dc8b317f9d8a5515db4c14fcfe0d95829084ef00b991fe55b62c96acac399ad7"_s;
        error.certificate.problems = {error.message};
        error.certificate.notBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        error.certificate.notAfter = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
        auto *dialog = new ui::TlsErrorDialog(u"acme.internal"_s, error, production.name);
        dialog->open();
        return app.exec();
    }
    if (state == "typed-confirmation"_L1) {
        QList<api::Cron> crons;
        for (int i = 0; i < 12; ++i) {
            api::Cron cron;
            cron.cronId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            cron.schedule = i % 2 ? u"0 9 * * 1-5"_s : u"*/30 * * * *"_s;
            crons.append(cron);
        }
        auto *dialog = new ui::TypedConfirmationDialog(
            models::deleteRequest(crons, models::mutationTarget(production, production.url, false)),
            models::decideMutation(production, models::MutationKind::Delete, 12));
        dialog->open();
        return app.exec();
    }
    if (state == "first-run"_L1) {
        auto *dialog = new ui::FirstRunDialog(true);
        dialog->open();
        return app.exec();
    }
    if (state == "journal"_L1) {
        auto *view = new ui::JournalView(journal);
        view->tableView()->selectRow(1);
        view->show();
        return app.exec();
    }

    auto *window = new ui::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    auto *controller = new ui::ConnectionController(profiles, credentials, journal, window, window);
    credentials->setParent(controller);
    ui::attachConnectionUi(window, controller);
    ui::connectMainWindow(window, controller);
    // The whole screen, so that `xshot -s 1024x700` pictures the window at 1024×700.
    window->setGeometry(QGuiApplication::primaryScreen()->geometry());
    window->show();

    ui::ConnectionController::StartOptions options;
    options.profile = production.name;
    options.environment = QProcessEnvironment();
    // The production profile's key first (in the keychain when one answers), then connect.
    credentials->writeKey(production.name, key, controller,
                          [controller, options](const auto &) { controller->start(options); });
    return app.exec();
}
