#pragma once

#include <models/api/requestfactory.h>
#include <models/connections/connectionresolver.h>
#include <models/connections/connectiontester.h>
#include <models/connections/keymigration.h>
#include <models/connections/localsandbox.h>
#include <models/connections/mutationpolicy.h>
#include <models/connections/profilestore.h>

#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QSet>

#include <functional>
#include <optional>

namespace crondesk::models {

class CredentialStore;

// Which deployment the app talks to, decided without a widget: the start-up order (--url, then
// --profile, then the profile used last, else the first-run choice), reading the profile's key,
// resolving URL and key, the local sandbox's lifetime, saving profile edits and carrying their
// keys over (a KeyMigration), trusting a certificate, testing a profile, and the mutation rules
// of the active connection. Whatever needs the operator (the first-run choice, the plain-http
// question) it asks through a signal and continues when answered; the widget glue
// (ui::ConnectionController) shows the dialogs.
class ConnectionSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionSession)

public:
    struct StartOptions
    {
        QString url; // --url
        QString apiKey; // --api-key
        QString profile; // --profile
        bool sandbox = false; // --sandbox: straight to the local sandbox, no questions
        int sandboxCrons = LocalSandbox::defaultSampleCrons;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    };

    // What the profile dialog returns, to be saved.
    struct ProfileChanges
    {
        QList<ConnectionProfile> profiles; // all of them, in order
        QList<ProfileEdit> edits;
        QStringList removed; // original names
        QString current; // the profile selected when the dialog closed
        bool connectToCurrent = false; // the first-run "Add a deployment": connect to it
    };

    // The session does not own `credentials`.
    ConnectionSession(ProfileStore profiles, CredentialStore *credentials,
                      QObject *parent = nullptr);
    ~ConnectionSession() override;

    void start(const StartOptions &options);
    void switchToProfile(const QString &name);
    // Connects to the local sandbox, starting it unless it runs.
    void startSandbox();
    // The sandbox warmed up for the first-run choice is not wanted after all.
    void discardSandbox();
    // The answer to plainHttpQuestion(`ticket`); ignored when another connection has been asked
    // for since.
    void answerPlainHttp(int ticket, bool send, bool remember);

    // Saves the profiles, then carries the keys over; profilesChanged() follows once the keys
    // are done, and the active connection is made again when its profile changed. False (and
    // why in `error`) when the profiles file could not be written; nothing changed then.
    bool saveProfiles(const ProfileChanges &changes, QString *error);
    // Trusts the certificate for the profile and reconnects when it is the active one.
    bool trustCertificate(const QString &profileName, const QString &fingerprint, QString *error);
    // "Test connection" of a profile as edited: with the typed key, else the key stored under
    // `storedKeyProfile`. Answers with profileTestStarted() then profileTestFinished(), or at
    // once with profileTestFinished() when the profile cannot be tested.
    void testProfile(const ConnectionProfile &profile, const QString &typedKey,
                     const QString &storedKeyProfile);
    void abortProfileTest();
    // The names of the profiles that have a key in the credential store, once all are known.
    void findStoredKeys(const QObject *context, std::function<void(const QSet<QString> &)> done);

    bool isConnected() const { return m_connected; }
    const ResolvedConnection &connection() const { return m_connection; }
    // The profile in use; none for a bare --url or the local sandbox.
    const std::optional<ConnectionProfile> &activeProfile() const { return m_connection.profile; }
    // The profile in use as stored now: edits made since connecting (label, read-only) count.
    std::optional<ConnectionProfile> storedActiveProfile() const;
    bool isReadOnly() const { return m_connected && m_connection.isReadOnly(); }
    bool isSandbox() const { return m_connected && m_onSandbox; }
    QList<ConnectionProfile> profiles() const { return m_profiles.load(); }
    // Where the profiles live: per-profile files (audit policies) are kept beside it.
    const ProfileStore &profileStore() const { return m_profiles; }
    CredentialStore *credentials() const { return m_credentials; }

    // The rules, without asking anything.
    MutationDecision decideMutation(MutationKind kind, qsizetype cronCount) const;
    // Where changes go now, as confirmations name it: the profile and its environment.
    MutationTarget mutationTarget() const;

Q_SIGNALS:
    // `keyNote` says where the key came from, never the key.
    void connectionReady(const crondesk::api::RequestFactory &factory, const QString &keyNote);
    // Nothing to show yet (starting) or any more (refused, cancelled, failed).
    void connectionUnavailable(const QString &message, bool isError);
    // The active connection (or its absence) changed: emitted before connectionReady().
    void activeConnectionChanged();
    // Anything the switcher and badge show may have changed.
    void stateChanged();
    void profilesChanged();
    // A one-line message for the status bar ("Keys are kept for this session only", ...).
    void notice(const QString &message);
    // No profile and no flag: the operator chooses the sandbox (startSandbox()) or a new
    // profile.
    void firstRunChoiceNeeded(bool sandboxAvailable);
    // The key would go unencrypted to `host`: answerPlainHttp(ticket, ...) continues.
    // `profileName` is empty for a connection without a profile.
    void plainHttpQuestion(int ticket, const QString &host, const QString &keyNote,
                           const QString &profileName);
    void profileTestStarted();
    void profileTestFinished(const crondesk::models::ConnectionTestResult &result);

private:
    void connectTo(std::optional<ConnectionProfile> profile, const QString &urlFlag,
                   const QString &keyFlag);
    void resolveAndConnect(const ConnectionInputs &inputs, int attempt);
    void activate(const ResolvedConnection &resolved);
    void activateSandbox();
    void ensureSandbox();
    // Stops the sandbox in the background and forgets it.
    void dropSandbox();
    void becomeUnavailable(const QString &message, bool isError);
    void afterProfilesSaved(const ProfileChanges &changes, bool keptForSessionOnly);
    void runProfileTest(const ConnectionProfile &profile, const QString &key, bool sessionOnly);

    ProfileStore m_profiles;
    CredentialStore *m_credentials;
    ConnectionTester *m_tester;
    QProcessEnvironment m_environment;
    ResolvedConnection m_connection;
    bool m_connected = false;
    bool m_onSandbox = false;
    int m_attempt = 0; // each connection attempt; stale asynchronous answers are dropped
    int m_testGeneration = 0; // each profile test, likewise
    std::optional<ResolvedConnection> m_plainHttpPending; // asked about in attempt m_attempt
    QString m_keyFlag; // --api-key, kept for reconnects to --url
    QString m_urlFlag;
    int m_sandboxCrons = LocalSandbox::defaultSampleCrons;
    LocalSandbox *m_sandbox = nullptr;
    bool m_activateSandboxWhenStarted = false;
};

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::api::RequestFactory)
