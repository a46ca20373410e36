// The connection controller against the sandbox: precedence of flags, profile and environment;
// the first-run choice; the plain-http warning; read-only and production rules; trusting a
// certificate; saving profiles and keys; and, over the whole run, the API keys never written to
// a settings file, the journal or the log.
#include <models/api/apiclient.h>
#include <models/connections/credentialstore.h>
#include <models/journal/journalrecorder.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/connectioncontroller.h>
#include <ui/desktopapp.h>
#include <ui/environmentbadge.h>
#include <ui/firstrundialog.h>
#include <ui/mainwindow.h>
#include <ui/profiledialog.h>
#include <ui/profileswitcher.h>
#include <ui/tlserrordialog.h>
#include <ui/typedconfirmationdialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMainWindow>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;
using ui::ConnectionController;

Q_DECLARE_METATYPE(crondesk::models::MutationKind)

namespace {

// Every message of the run, whatever its category or level.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog.append(message);
    }
    if (type != QtDebugMsg && previousHandler)
        previousHandler(type, context, message);
}

const QString sandboxKey = u"lsv2_sk_sandbox_secret_4f9a2c"_s;
const QString flagKey = u"lsv2_sk_flag_secret_77b1e0"_s;
const QString typedKey = u"lsv2_sk_typed_in_dialog_c3d2"_s;
const QString environmentKey = u"lsv2_sk_environment_91aa"_s;

} // namespace

class TestConnectionController final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<QMainWindow> m_window;
    models::CredentialStore *m_credentials = nullptr;
    ConnectionController *m_controller = nullptr;

    QString profilesPath() const { return m_dir.filePath(u"profiles.conf"_s); }
    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }
    models::ProfileStore store() const { return models::ProfileStore(profilesPath()); }

    models::ConnectionProfile profile(const QString &name, const QString &environment,
                                      bool readOnly = false) const
    {
        models::ConnectionProfile p;
        p.name = name;
        p.url = m_server->baseUrl();
        p.environment = environment;
        p.readOnly = readOnly;
        return p;
    }

    void storeKey(const QString &name, const QString &key)
    {
        bool done = false;
        m_credentials->writeKey(name, key, this, [&done](const auto &) { done = true; });
        QTRY_VERIFY(done);
    }

    ConnectionController::StartOptions options() const
    {
        ConnectionController::StartOptions o;
        o.environment = QProcessEnvironment();
        o.environment.insert(u"LANGSMITH_API_KEY"_s, environmentKey);
        return o;
    }

    template<typename T>
    T *openDialog() const
    {
        const QList<T *> dialogs = m_window->findChildren<T *>();
        for (T *dialog : dialogs) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    // Waits for connectionReady and returns the factory and the key note.
    std::optional<std::pair<api::RequestFactory, QString>> awaitReady(QSignalSpy &ready)
    {
        if (ready.isEmpty() && !ready.wait(20000))
            return std::nullopt;
        const QList<QVariant> arguments = ready.takeFirst();
        return std::make_pair(arguments.at(0).value<api::RequestFactory>(),
                              arguments.at(1).toString());
    }

    static models::MutationRequest request(models::MutationKind kind, int count)
    {
        models::MutationRequest r;
        r.kind = kind;
        r.cronCount = count;
        r.title = u"Test"_s;
        r.question = u"Go?"_s;
        r.actionText = u"Go"_s;
        return r;
    }

    api::ApiError okThrough(const api::RequestFactory &factory)
    {
        api::ApiClient client(factory);
        api::ApiError error;
        bool done = false;
        client.countCrons({})->then(
            this, [&done](qint64) { done = true; },
            [&done, &error](const api::ApiError &e) {
                error = e;
                done = true;
            });
        if (!QTest::qWaitFor([&done] { return done; }, 20000))
            error.message = u"no answer"_s;
        return error;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<api::RequestFactory>();
        // Everything at debug level, except Qt HttpServer's own request dump: that is the
        // in-process sandbox (the server side, a test fixture) printing the headers it received.
        QLoggingCategory::setFilterRules(u"*.debug=true\nqt.httpserver*.debug=false"_s);
        previousHandler = qInstallMessageHandler(captureMessage);
    }

    void init()
    {
        QFile::remove(profilesPath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 4, .apiKey = sandboxKey, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_window = std::make_unique<QMainWindow>();
        m_window->show();
        m_credentials = new models::CredentialStore(u"crondesk-test"_s);
        m_credentials->setKeychainEnabled(false);
        m_controller
            = new ConnectionController(store(), m_credentials, models::ChangeJournal(journalPath()),
                                       m_window.get(), m_window.get());
        m_credentials->setParent(m_controller);
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
    }

    void start_withAProfile_usesItsStoredKey_andSaysWhereItCameFrom()
    {
        QVERIFY(store().save({profile(u"staging"_s, u"staging"_s)}));
        storeKey(u"staging"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"staging"_s;
        m_controller->start(o);
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QCOMPARE(result->second,
                 u"API key of profile “staging” (this session only) · keychain unavailable"_s);
        QVERIFY(!okThrough(result->first).isError());
        QCOMPARE(m_controller->activeProfile()->name, u"staging"_s);
        QCOMPARE(store().lastUsed(), u"staging"_s);
    }

    void start_precedence_data()
    {
        QTest::addColumn<bool>("urlFlag");
        QTest::addColumn<QString>("keyFlag");
        QTest::addColumn<bool>("profileKey");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("sentKey");
        QTest::newRow("flags beat the profile")
            << true << flagKey << true << u"API key from the command line"_s << flagKey;
        QTest::newRow("profile beats the environment")
            << false << QString() << true << u"API key of profile “p” (this session only)"_s
            << sandboxKey;
        QTest::newRow("environment when the profile has no key")
            << false << QString() << false << u"API key from LANGSMITH_API_KEY"_s << environmentKey;
        QTest::newRow("url flag with the profile's origin keeps its key")
            << true << QString() << true << u"API key of profile “p” (this session only)"_s
            << sandboxKey;
    }
    void start_precedence()
    {
        QFETCH(bool, urlFlag);
        QFETCH(QString, keyFlag);
        QFETCH(bool, profileKey);
        QFETCH(QString, note);
        QFETCH(QString, sentKey);
        QVERIFY(store().save({profile(u"p"_s, u"development"_s)}));
        if (profileKey)
            storeKey(u"p"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"p"_s;
        o.apiKey = keyFlag;
        if (urlFlag)
            o.url = m_server->baseUrl().toString();
        m_controller->start(o);
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QVERIFY2(result->second.startsWith(note), qPrintable(result->second));
        QCOMPARE(result->first.createRequest({u"ok"_s}).rawHeader("x-api-key"), sentKey.toUtf8());
    }

    void start_withAnUnknownProfile_saysSo()
    {
        QSignalSpy unavailable(m_controller, &ConnectionController::connectionUnavailable);
        ConnectionController::StartOptions o = options();
        o.profile = u"nope"_s;
        m_controller->start(o);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(unavailable.first().at(0).toString().contains(u"“nope”"_s));
        QVERIFY(unavailable.first().at(1).toBool());
    }

    void start_withoutProfiles_offersTheSandboxOrANewDeployment()
    {
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        m_controller->start(options());
        QTRY_VERIFY(openDialog<ui::FirstRunDialog>());
        ui::FirstRunDialog *dialog = openDialog<ui::FirstRunDialog>();
        // CTest points CRONDESK_SANDBOX at the built crondesk-sandbox.
        QVERIFY(dialog->sandboxButton()->isEnabled());
        QCOMPARE(ready.count(), 0);
        dialog->sandboxButton()->click();
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QCOMPARE(result->second, u"local sandbox"_s);
        QVERIFY(m_controller->isSandbox());
        QCOMPARE(result->first.baseUrl().host(), u"127.0.0.1"_s);
    }

    // A sandbox that cannot start says why; choosing it again starts a new one. (The guard puts
    // the built sandbox back even when an assertion ends the test early.)
    void sandbox_thatFailsToStart_saysSo_andCanBeTriedAgain()
    {
        const QByteArray builtSandbox = qgetenv("CRONDESK_SANDBOX");
        QVERIFY(!builtSandbox.isEmpty());
        const auto restore = qScopeGuard([&] { qputenv("CRONDESK_SANDBOX", builtSandbox); });
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        QSignalSpy unavailable(m_controller, &ConnectionController::connectionUnavailable);
        qputenv("CRONDESK_SANDBOX", "/bin/false"); // starts, then exits 1 without listening
        ConnectionController::StartOptions broken = options();
        broken.sandbox = true;
        m_controller->start(broken);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(unavailable.cbegin(), unavailable.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 return arguments.at(1).toBool()
                                                     && arguments.at(0).toString().contains(
                                                         u"exit code 1"_s);
                                             }),
                                 10000);
        QCOMPARE(ready.count(), 0);
        QVERIFY(!m_controller->isConnected());

        qputenv("CRONDESK_SANDBOX", builtSandbox);
        m_controller->startSandbox();
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QVERIFY(m_controller->isSandbox());
    }

    void start_withoutProfiles_addADeployment_opensTheProfileDialogAndConnects()
    {
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        m_controller->start(options());
        QTRY_VERIFY(openDialog<ui::FirstRunDialog>());
        openDialog<ui::FirstRunDialog>()->addDeploymentButton()->click();
        QTRY_VERIFY(m_controller->profileDialog());
        ui::ProfileDialog *dialog = m_controller->profileDialog();
        dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"first"_s);
        dialog->findChild<QLineEdit *>(u"urlEdit"_s)->setText(m_server->baseUrl().toString());
        dialog->findChild<QComboBox *>(u"environmentCombo"_s)->setCurrentText(u"staging"_s);
        dialog->findChild<QLineEdit *>(u"apiKeyEdit"_s)->setText(typedKey);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QCOMPARE(m_controller->activeProfile()->name, u"first"_s);
        QCOMPARE(result->first.createRequest({u"ok"_s}).rawHeader("x-api-key"), typedKey.toUtf8());
        QCOMPARE(store().load().size(), 1);
        // Without a keychain the window is told the key lasts for this session only.
        QVERIFY(result->second.contains(u"this session only"_s));
    }

    void readOnlyProfile_refusesEveryMutation_data()
    {
        QTest::addColumn<models::MutationKind>("kind");
        QTest::newRow("create") << models::MutationKind::Create;
        QTest::newRow("update") << models::MutationKind::Update;
        QTest::newRow("pause") << models::MutationKind::Pause;
        QTest::newRow("resume") << models::MutationKind::Resume;
        QTest::newRow("delete") << models::MutationKind::Delete;
    }
    void readOnlyProfile_refusesEveryMutation()
    {
        QFETCH(models::MutationKind, kind);
        QVERIFY(store().save({profile(u"audit"_s, u"production"_s, true)}));
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"audit"_s;
        m_controller->start(o);
        QVERIFY(awaitReady(ready));
        QVERIFY(m_controller->isReadOnly());
        bool proceeded = false;
        m_controller->requestMutation(request(kind, 1), this, [&proceeded] { proceeded = true; });
        QTRY_VERIFY(openDialog<QMessageBox>());
        QVERIFY(openDialog<QMessageBox>()->text().contains(u"read-only"_s));
        QVERIFY(!proceeded);
    }

    void readOnlyProfile_clientRefusesMutationsEvenWhenAskedDirectly()
    {
        QVERIFY(store().save({profile(u"audit"_s, u"production"_s, true)}));
        storeKey(u"audit"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"audit"_s;
        m_controller->start(o);
        const auto result = awaitReady(ready);
        QVERIFY(result);
        QVERIFY(result->first.isReadOnly());
        const QString id = m_server
                               ->createCron(QJsonObject {{"schedule"_L1, u"0 9 * * *"_s},
                                                         {"assistant_id"_L1, u"agent"_s}})
                               .value("cron_id"_L1)
                               .toString();
        m_server->clearRequests();
        api::ApiClient client(result->first);
        std::optional<api::ApiError> refused;
        client.deleteCron(id)->then(
            this, [](const api::Empty &) {}, [&refused](const api::ApiError &e) { refused = e; });
        QTRY_VERIFY(refused);
        QCOMPARE(refused->kind, api::ApiError::Kind::Forbidden);
        QVERIFY(refused->message.contains(u"read-only"_s));
        api::CronPatch pause;
        pause.enabled = false;
        refused.reset();
        client.updateCron(id, pause)->then(
            this, [](const api::Cron &) {}, [&refused](const api::ApiError &e) { refused = e; });
        QTRY_VERIFY(refused);
        QCOMPARE(refused->kind, api::ApiError::Kind::Forbidden);
        QVERIFY(m_server->requests().isEmpty()); // nothing reached the server
        // Reading still works.
        QVERIFY(!okThrough(result->first).isError());
    }

    void productionProfile_bulkDeleteOrPause_needsTheTypedName_data()
    {
        QTest::addColumn<models::MutationKind>("kind");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("typed");
        QTest::newRow("delete one") << models::MutationKind::Delete << 1 << false;
        QTest::newRow("delete three") << models::MutationKind::Delete << 3 << true;
        QTest::newRow("pause two") << models::MutationKind::Pause << 2 << true;
        QTest::newRow("resume five") << models::MutationKind::Resume << 5 << false;
    }
    void productionProfile_bulkDeleteOrPause_needsTheTypedName()
    {
        QFETCH(models::MutationKind, kind);
        QFETCH(int, count);
        QFETCH(bool, typed);
        QVERIFY(store().save({profile(u"Acme Prod"_s, u"production"_s)}));
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"Acme Prod"_s;
        m_controller->start(o);
        QVERIFY(awaitReady(ready));
        bool proceeded = false;
        m_controller->requestMutation(request(kind, count), this,
                                      [&proceeded] { proceeded = true; });
        QVERIFY(!proceeded);
        if (!typed) {
            // One plain question, with the action's own button.
            QTRY_VERIFY(openDialog<QMessageBox>());
            QVERIFY(!openDialog<ui::TypedConfirmationDialog>());
            QMessageBox *box = openDialog<QMessageBox>();
            const QList<QAbstractButton *> buttons = box->buttons();
            const auto confirm = std::find_if(buttons.begin(), buttons.end(), [box](auto *b) {
                return box->buttonRole(b) == QMessageBox::AcceptRole;
            });
            QVERIFY(confirm != buttons.end());
            QCOMPARE((*confirm)->text(), u"Go"_s);
            (*confirm)->click();
            QTRY_VERIFY(proceeded);
            return;
        }
        QTRY_VERIFY(openDialog<ui::TypedConfirmationDialog>());
        QVERIFY(!openDialog<QMessageBox>());
        ui::TypedConfirmationDialog *dialog = openDialog<ui::TypedConfirmationDialog>();
        QTest::keyClicks(dialog->phraseEdit(), u"Acme Prod"_s);
        dialog->confirmButton()->click();
        QVERIFY(proceeded);
    }

    void productionProfile_bulkDeleteFromTheWindow_asksOnceNamingTheProfile()
    {
        QVERIFY(store().save({profile(u"Acme Prod"_s, u"production"_s)}));
        storeKey(u"Acme Prod"_s, sandboxKey);
        ui::MainWindow window;
        connect(m_controller, &ConnectionController::connectionReady, &window,
                &ui::MainWindow::setDeployment);
        ui::attachMutationRules(&window, m_controller);
        window.show();
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"Acme Prod"_s;
        m_controller->start(o);
        QVERIFY(awaitReady(ready));
        QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 4, 20000);
        window.tableView()->selectAll();
        m_server->clearRequests();

        window.deleteSelected();
        // The one dialog says what happens, where, that it cannot be undone, and asks for the
        // name; there is no question before it and none after.
        QTRY_VERIFY(openDialog<ui::TypedConfirmationDialog>());
        const auto anyMessageBox = [&window, this] {
            return openDialog<QMessageBox>() || !window.findChildren<QMessageBox *>().isEmpty();
        };
        QVERIFY(!anyMessageBox());
        ui::TypedConfirmationDialog *dialog = openDialog<ui::TypedConfirmationDialog>();
        QStringList texts;
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            texts << label->text();
        const QString text = texts.join(u'\n');
        QVERIFY2(text.contains(u"Delete 4"_s), qPrintable(text));
        QVERIFY2(text.contains(u"profile “Acme Prod” (production)"_s), qPrintable(text));
        QVERIFY2(!text.contains(m_server->baseUrl().host()), qPrintable(text));
        QVERIFY2(text.contains(u"cannot be undone"_s), qPrintable(text));
        QTest::keyClicks(dialog->phraseEdit(), u"Acme Prod"_s);
        QTest::keyClick(dialog->phraseEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 0, 20000);
        QVERIFY(!anyMessageBox());
        int deletes = 0;
        for (const auto &request : m_server->requests())
            deletes += request.method == "DELETE" ? 1 : 0;
        QCOMPARE(deletes, 4);
    }

    void plainHttp_toAnotherMachine_warnsBeforeTheKeyIsSent_data()
    {
        QTest::addColumn<bool>("send");
        QTest::addColumn<bool>("remember");
        QTest::newRow("don't connect") << false << false;
        QTest::newRow("send once") << true << false;
        QTest::newRow("send, don't ask again") << true << true;
    }
    void plainHttp_toAnotherMachine_warnsBeforeTheKeyIsSent()
    {
        QFETCH(bool, send);
        QFETCH(bool, remember);
        models::ConnectionProfile remote = profile(u"lab"_s, u"development"_s);
        remote.url = QUrl(u"http://192.0.2.10:8123"_s); // TEST-NET-1: never reached
        QVERIFY(store().save({remote}));
        storeKey(u"lab"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        QSignalSpy unavailable(m_controller, &ConnectionController::connectionUnavailable);
        ConnectionController::StartOptions o = options();
        o.profile = u"lab"_s;
        m_controller->start(o);

        QTRY_VERIFY(m_window->findChild<QMessageBox *>(u"plainHttpWarning"_s));
        auto *box = m_window->findChild<QMessageBox *>(u"plainHttpWarning"_s);
        QVERIFY(box->text().contains(u"192.0.2.10"_s));
        QCOMPARE(ready.count(), 0); // nothing was sent before the answer
        if (remember)
            box->checkBox()->setChecked(true);
        if (send)
            box->findChild<QPushButton *>(u"sendOverHttpButton"_s)->click();
        else {
            const QList<QAbstractButton *> buttons = box->buttons();
            for (QAbstractButton *button : buttons) {
                if (box->buttonRole(button) == QMessageBox::RejectRole)
                    button->click();
            }
        }
        if (send) {
            QVERIFY(awaitReady(ready));
        } else {
            QTRY_VERIFY(!unavailable.isEmpty() && unavailable.last().at(1).toBool());
            QCOMPARE(ready.count(), 0);
        }
        QCOMPARE(store().find(u"lab"_s)->plainHttpAcknowledged, remember);
    }

    void tlsError_offersTheCertificate_andTrustingItReconnects()
    {
        const QString certificate = QFINDTESTDATA("../models/data/tls-test-cert.pem");
        const QString key = QFINDTESTDATA("../models/data/tls-test-key.pem");
        QVERIFY(!certificate.isEmpty());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.apiKey = sandboxKey,
                                    .tlsCertificatePath = certificate,
                                    .tlsKeyPath = key,
                                    .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        QVERIFY(store().save({profile(u"tls"_s, u"staging"_s)}));
        storeKey(u"tls"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"tls"_s;
        m_controller->start(o);
        auto result = awaitReady(ready);
        QVERIFY(result);
        const api::ApiError error = okThrough(result->first);
        QCOMPARE(error.kind, api::ApiError::Kind::Tls);

        QVERIFY(m_controller->handleError(error));
        QTRY_VERIFY(openDialog<ui::TlsErrorDialog>());
        ui::TlsErrorDialog *dialog = openDialog<ui::TlsErrorDialog>();
        const QString fingerprint = QString::fromLatin1(QSslCertificate::fromPath(certificate)
                                                            .first()
                                                            .digest(QCryptographicHash::Sha256)
                                                            .toHex());
        QCOMPARE(dialog->fingerprint(), fingerprint);
        dialog->checkedBox()->setChecked(true);
        dialog->trustButton()->click();

        result = awaitReady(ready);
        QVERIFY(result);
        QCOMPARE(store().find(u"tls"_s)->pinnedCertificates, QStringList {fingerprint});
        QCOMPARE(result->first.pinnedCertificates(), QStringList {fingerprint});
        const api::ApiError after = okThrough(result->first);
        QVERIFY2(!after.isError(), qPrintable(after.toString()));
        QVERIFY(!m_controller->handleError(api::ApiError {}));
    }

    void profileDialog_savesTheProfile_andTheKeyOnlyInTheCredentialStore()
    {
        QVERIFY(store().save({profile(u"old"_s, u"staging"_s)}));
        storeKey(u"old"_s, sandboxKey);
        QSignalSpy changed(m_controller, &ConnectionController::profilesChanged);
        m_controller->openProfileDialog(u"old"_s);
        QTRY_VERIFY(m_controller->profileDialog());
        ui::ProfileDialog *dialog = m_controller->profileDialog();
        // Renamed, and a new key typed in.
        auto *name = dialog->findChild<QLineEdit *>(u"nameEdit"_s);
        name->clear();
        QTest::keyClicks(name, u"renamed"_s);
        dialog->findChild<QLineEdit *>(u"apiKeyEdit"_s)->setText(typedKey);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        QVERIFY(changed.wait(10000) || changed.count() == 1);
        QCOMPARE(store().load().first().name, u"renamed"_s);

        std::optional<models::CredentialStore::Result> renamed, old;
        m_credentials->readKey(u"renamed"_s, this, [&renamed](const auto &r) { renamed = r; });
        m_credentials->readKey(u"old"_s, this, [&old](const auto &r) { old = r; });
        QTRY_VERIFY(renamed && old);
        QCOMPARE(renamed->key, typedKey);
        QVERIFY(!old->found);
        QFile file(profilesPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(typedKey.toUtf8()));
    }

    void switcherAndBadge_followTheActiveProfile()
    {
        QVERIFY(store().save(
            {profile(u"Acme Prod"_s, u"production"_s), profile(u"dev"_s, u"development"_s)}));
        ui::ProfileSwitcher *switcher = m_controller->createSwitcher(m_window.get());
        ui::EnvironmentBadge *badge = m_controller->createBadge(m_window.get());
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"dev"_s;
        m_controller->start(o);
        QVERIFY(awaitReady(ready));
        QCOMPARE(badge->text(), u"DEVELOPMENT"_s);
        QCOMPARE(switcher->comboBox()->currentText(), u"dev"_s);

        const int prod = switcher->comboBox()->findText(u"Acme Prod"_s);
        switcher->comboBox()->setCurrentIndex(prod);
        Q_EMIT switcher->comboBox()->activated(prod);
        QVERIFY(awaitReady(ready));
        QCOMPARE(m_controller->activeProfile()->name, u"Acme Prod"_s);
        QCOMPARE(badge->text(), u"PRODUCTION"_s);
        QCOMPARE(badge->colour(), u"#c62828"_s);
        QCOMPARE(switcher->badge()->colour(), u"#c62828"_s);
    }

    void recorder_journalsMutationsUnderTheActiveProfile()
    {
        QVERIFY(store().save({profile(u"journaled"_s, u"staging"_s)}));
        storeKey(u"journaled"_s, sandboxKey);
        QSignalSpy ready(m_controller, &ConnectionController::connectionReady);
        ConnectionController::StartOptions o = options();
        o.profile = u"journaled"_s;
        m_controller->start(o);
        const auto result = awaitReady(ready);
        QVERIFY(result);
        api::ApiClient client(result->first);
        api::CronCreate create;
        create.assistantId = u"agent"_s;
        create.schedule = u"0 3 * * *"_s;
        QSignalSpy recorded(m_controller->recorder(), &models::JournalRecorder::recorded);
        m_controller->recorder()->track(client.createCron(create), models::MutationKind::Create, {},
                                        {}, create.toJson());
        QVERIFY(recorded.wait(20000));
        const models::JournalEntry entry = models::ChangeJournal(journalPath()).readAll().last();
        QCOMPARE(entry.profile, u"journaled"_s);
        QCOMPARE(entry.client, u"crondesk"_s);
        QVERIFY(entry.succeeded);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        // Everything this run wrote: the profiles, the journal, Qt's test-mode directories.
        QStringList files;
        for (const QString &root :
             {m_dir.path(), QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
              QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
              QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)}) {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
        }
        QVERIFY(files.contains(journalPath()));
        QVERIFY(files.contains(profilesPath()));
        const QString log = capturedLog.join(u'\n');
        QVERIFY2(!log.isEmpty(), "the run logged nothing: the capture is broken");
        for (const QString &key : {sandboxKey, flagKey, typedKey, environmentKey}) {
            for (const QString &path : std::as_const(files)) {
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY2(!file.readAll().contains(key.toUtf8()),
                         qPrintable(u"an API key is in "_s + path));
            }
            QVERIFY2(!log.contains(key), "an API key is in the log");
        }
    }
};

QTEST_MAIN(TestConnectionController)
#include "tst_connectioncontroller.moc"
