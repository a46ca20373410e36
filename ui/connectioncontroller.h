#pragma once

#include <models/api/apierror.h>
#include <models/api/requestfactory.h>
#include <models/connections/connectionresolver.h>
#include <models/connections/mutationpolicy.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>
#include <optional>

class QWidget;

namespace crondesk::models {
class ConnectionTester;
class CredentialStore;
class JournalRecorder;
class LocalSandbox;
} // namespace crondesk::models

namespace crondesk::ui {

class EnvironmentBadge;
class JournalView;
class ProfileDialog;
class ProfileSwitcher;

// Which deployment the app talks to, and everything that guards it: profiles and their keys,
// the precedence of flags, profile and environment, the first-run choice, the plain-http
// warning, trusting a certificate, the read-only and production rules for mutations, and the
// change journal. The main window asks it; it never touches the window's model.
//
// Wiring (see desktopapp.cpp):
//   connect(controller, &ConnectionController::connectionReady, window,
//   &MainWindow::setDeployment); connect(controller, &ConnectionController::connectionUnavailable,
//   window,
//           &MainWindow::showPlaceholder);
//   toolBar->addWidget(controller->createSwitcher(toolBar));
//   statusBar()->addPermanentWidget(controller->createBadge(statusBar()));
// and, before any mutation, requestMutation(); after making the request, recorder()->track().
class ConnectionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionController)

public:
    struct StartOptions
    {
        QString url; // --url
        QString apiKey; // --api-key
        QString profile; // --profile
        bool sandbox = false; // --sandbox: straight to the local sandbox, no questions
        int sandboxCrons = 60;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    };

    // `window` parents the dialogs. The default stores: the shared profiles file, the OS
    // keychain (service "crondesk"), the shared journal.
    explicit ConnectionController(QWidget *window, QObject *parent = nullptr);
    ConnectionController(models::ProfileStore profiles, models::CredentialStore *credentials,
                         models::ChangeJournal journal, QWidget *window, QObject *parent = nullptr);
    ~ConnectionController() override;

    // The startup flow: --url (with --profile's settings if given), else --profile, else the
    // last used profile, else the first-run choice (local sandbox or a new profile).
    void start(const StartOptions &options);

    bool isConnected() const { return m_connected; }
    const models::ResolvedConnection &connection() const { return m_connection; }
    // The profile in use; none for a bare --url or the local sandbox.
    const std::optional<models::ConnectionProfile> &activeProfile() const
    {
        return m_connection.profile;
    }
    bool isReadOnly() const { return m_connected && m_connection.isReadOnly(); }
    bool isSandbox() const { return m_connected && m_onSandbox; }
    QList<models::ConnectionProfile> profiles() const { return m_profiles.load(); }
    const models::ProfileStore &profileStore() const { return m_profiles; }
    models::CredentialStore *credentials() const { return m_credentials; }
    // Records mutations to the change journal, for the current connection.
    models::JournalRecorder *recorder() const { return m_recorder; }

    // Widgets that follow the active connection; the caller places them (owned by `parent`).
    ProfileSwitcher *createSwitcher(QWidget *parent);
    EnvironmentBadge *createBadge(QWidget *parent);

    void switchToProfile(const QString &name);
    // The profile dialog, with `select` selected, or a new profile started when `addNew`.
    void openProfileDialog(const QString &select = {}, bool addNew = false);
    // The journal window (one, raised if already open).
    void openJournal();
    void startSandbox();

    // For a failed call: a Kind::Tls error opens the certificate dialog, where the operator may
    // trust that certificate for the active profile (the connection is then made again). Returns
    // false for any other error, which the caller shows itself.
    bool handleError(const api::ApiError &error);

    // The rules, without asking anything.
    models::MutationDecision decideMutation(models::MutationKind kind, qsizetype cronCount) const;
    // Where changes go now, as confirmations name it: the profile and its environment.
    models::MutationTarget mutationTarget() const;
    // Asks once, then runs `proceed` in `context` once the operator confirmed: one question
    // saying what `request` does; on production, for bulk deletes and pauses, the same dialog
    // asks for the profile name; never on a read-only profile (a message says why).
    void requestMutation(const models::MutationRequest &request, const QObject *context,
                         std::function<void()> proceed);

    // The dialogs currently open, for tests and screenshots.
    ProfileDialog *profileDialog() const;
    JournalView *journalView() const;

Q_SIGNALS:
    // Connect the window here. `keyNote` says where the key came from, never the key.
    void connectionReady(const crondesk::api::RequestFactory &factory, const QString &keyNote);
    // Nothing to show yet (starting) or any more (refused, cancelled, failed).
    void connectionUnavailable(const QString &message, bool isError);
    // No connection and none on the way (the first-run choice or the profile dialog closed
    // without one): the window points at the Connection menu.
    void notConnected();
    void activeConnectionChanged();
    void profilesChanged();
    // A one-line message for the status bar ("Keys are kept for this session only", ...).
    void notice(const QString &message);

private:
    struct PendingKeyOps;

    void connectTo(std::optional<models::ConnectionProfile> profile, const QString &urlFlag,
                   const QString &keyFlag);
    void resolveAndConnect(const models::ConnectionInputs &inputs, int attempt);
    void confirmPlainHttp(const models::ResolvedConnection &resolved, int attempt);
    void activate(const models::ResolvedConnection &resolved);
    void activateSandbox();
    // Starts the local sandbox unless one is running or starting.
    void ensureSandbox();
    void becomeUnavailable(const QString &message, bool isError);
    void showFirstRun();
    void applyProfileEdits(ProfileDialog *dialog, bool connectToCurrent);
    void runTest(const models::ConnectionProfile &profile, const QString &typedKey,
                 const QString &storedKeyProfile);
    void trustCertificate(const QString &profileName, const QString &fingerprint);
    void syncWidgets();
    void showMessage(const QString &title, const QString &text, bool warning);

    models::ProfileStore m_profiles;
    models::CredentialStore *m_credentials;
    models::JournalRecorder *m_recorder;
    models::ConnectionTester *m_tester;
    QPointer<QWidget> m_window;
    QProcessEnvironment m_environment;
    models::ResolvedConnection m_connection;
    bool m_connected = false;
    bool m_onSandbox = false;
    int m_attempt = 0; // each connection attempt; stale asynchronous answers are dropped
    QString m_keyFlag; // --api-key, kept for reconnects to --url
    QString m_urlFlag;
    int m_sandboxCrons = 60;
    models::LocalSandbox *m_sandbox = nullptr;
    bool m_activateSandboxWhenStarted = false;
    QList<QPointer<ProfileSwitcher>> m_switchers;
    QList<QPointer<EnvironmentBadge>> m_badges;
    QPointer<ProfileDialog> m_profileDialog;
    QPointer<JournalView> m_journalView;
};

} // namespace crondesk::ui

Q_DECLARE_METATYPE(crondesk::api::RequestFactory)
