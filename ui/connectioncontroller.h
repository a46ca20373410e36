#pragma once

#include <models/api/apierror.h>
#include <models/connections/connectionsession.h>
#include <models/journal/changejournal.h>

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QWidget;

namespace crondesk::models {
class CredentialStore;
class JournalRecorder;
} // namespace crondesk::models

namespace crondesk::ui {

class EnvironmentBadge;
class JournalView;
class ProfileDialog;
class ProfileSwitcher;

// The widgets of the connection: it shows what the models::ConnectionSession decides and asks
// what the session needs to know. The first-run choice, the plain-http question, the profile
// dialog, the certificate dialog, the journal window, the switchers and badges that follow the
// active connection, and the confirmations before a mutation. The session owns the start-up
// order, the keys, the local sandbox and the rules; this class holds no connection state.
//
// Wiring (see desktopapp.cpp):
//   connect(controller, &ConnectionController::connectionReady, window,
//           &MainWindow::setDeployment);
//   connect(controller, &ConnectionController::connectionUnavailable, window,
//           &MainWindow::showPlaceholder);
//   toolBar->addWidget(controller->createSwitcher(toolBar));
//   statusBar()->addPermanentWidget(controller->createBadge(statusBar()));
// and, before any mutation, requestMutation(); after making the request, recorder()->track().
class ConnectionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionController)

public:
    using StartOptions = models::ConnectionSession::StartOptions;

    // `window` parents the dialogs. The default stores: the shared profiles file, the OS
    // keychain (service "crondesk"), the shared journal.
    explicit ConnectionController(QWidget *window, QObject *parent = nullptr);
    ConnectionController(models::ProfileStore profiles, models::CredentialStore *credentials,
                         models::ChangeJournal journal, QWidget *window, QObject *parent = nullptr);
    ~ConnectionController() override;

    models::ConnectionSession *session() const { return m_session; }

    // The start-up flow (ConnectionSession::start): --url (with --profile's settings if given),
    // else --profile, else the last used profile, else the first-run choice.
    void start(const StartOptions &options) { m_session->start(options); }

    bool isConnected() const { return m_session->isConnected(); }
    const models::ResolvedConnection &connection() const { return m_session->connection(); }
    // The profile in use; none for a bare --url or the local sandbox.
    const std::optional<models::ConnectionProfile> &activeProfile() const
    {
        return m_session->activeProfile();
    }
    bool isReadOnly() const { return m_session->isReadOnly(); }
    bool isSandbox() const { return m_session->isSandbox(); }
    QList<models::ConnectionProfile> profiles() const { return m_session->profiles(); }
    const models::ProfileStore &profileStore() const { return m_session->profileStore(); }
    models::CredentialStore *credentials() const { return m_session->credentials(); }
    // Records mutations to the change journal, for the current connection.
    models::JournalRecorder *recorder() const { return m_recorder; }

    // Widgets that follow the active connection; the caller places them (owned by `parent`).
    ProfileSwitcher *createSwitcher(QWidget *parent);
    EnvironmentBadge *createBadge(QWidget *parent);

    void switchToProfile(const QString &name) { m_session->switchToProfile(name); }
    // The profile dialog, with `select` selected, or a new profile started when `addNew`.
    void openProfileDialog(const QString &select = {}, bool addNew = false);
    // The journal window (one, raised if already open).
    void openJournal();
    void startSandbox() { m_session->startSandbox(); }

    // For a failed call: a Kind::Tls error opens the certificate dialog, where the operator may
    // trust that certificate for the active profile (the connection is then made again). Returns
    // false for any other error, which the caller shows itself.
    bool handleError(const api::ApiError &error);

    // The rules, without asking anything.
    models::MutationDecision decideMutation(models::MutationKind kind, qsizetype cronCount) const
    {
        return m_session->decideMutation(kind, cronCount);
    }
    // Where changes go now, as confirmations name it: the profile and its environment.
    models::MutationTarget mutationTarget() const { return m_session->mutationTarget(); }
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
    void showFirstRun(bool sandboxAvailable);
    void askPlainHttp(int ticket, const QString &host, const QString &keyNote,
                      const QString &profileName);
    void showProfileDialog(const QSet<QString> &withStoredKey, const QString &select, bool addNew);
    void saveProfileEdits(ProfileDialog *dialog, bool connectToCurrent);
    void syncWidgets();
    void showMessage(const QString &title, const QString &text, bool warning);

    models::ConnectionSession *m_session;
    models::JournalRecorder *m_recorder;
    QPointer<QWidget> m_window;
    QList<QPointer<ProfileSwitcher>> m_switchers;
    QList<QPointer<EnvironmentBadge>> m_badges;
    QPointer<ProfileDialog> m_profileDialog;
    QPointer<JournalView> m_journalView;
    bool m_openingProfileDialog = false;
};

} // namespace crondesk::ui
