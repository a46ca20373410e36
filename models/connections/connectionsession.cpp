#include "connectionsession.h"

#include "credentialstore.h"

#include <algorithm>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace crondesk::models {

ConnectionSession::ConnectionSession(ProfileStore profiles, CredentialStore *credentials,
                                     QObject *parent)
    : QObject(parent)
    , m_profiles(std::move(profiles))
    , m_credentials(credentials)
    , m_tester(new ConnectionTester(this))
{
    connect(m_credentials, &CredentialStore::sessionOnlyChanged, this, [this](bool sessionOnly) {
        if (sessionOnly)
            Q_EMIT notice(m_credentials->storageNote());
    });
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionSession::profileTestFinished);
}

ConnectionSession::~ConnectionSession() = default;

// --- start-up --------------------------------------------------------------------------------

void ConnectionSession::start(const StartOptions &options)
{
    m_environment = options.environment;
    m_urlFlag = options.url;
    m_keyFlag = options.apiKey;
    m_sandboxCrons = options.sandboxCrons;
    Q_EMIT stateChanged();

    std::optional<ConnectionProfile> profile;
    if (!options.profile.isEmpty()) {
        profile = m_profiles.find(options.profile);
        if (!profile) {
            becomeUnavailable(tr("There is no connection profile called “%1”. Choose one from "
                                 "the switcher or add it under Profiles….")
                                  .arg(options.profile),
                              true);
            return;
        }
    }
    if (!options.url.isEmpty() || profile) {
        connectTo(profile, options.url, options.apiKey);
        return;
    }
    if (options.sandbox) {
        startSandbox();
        return;
    }
    const QList<ConnectionProfile> all = m_profiles.load();
    if (!all.isEmpty()) {
        const QString last = m_profiles.lastUsed();
        auto it = std::find_if(all.cbegin(), all.cend(),
                               [&last](const auto &p) { return p.name == last; });
        connectTo(it != all.cend() ? *it : all.first(), {}, options.apiKey);
        return;
    }
    const bool sandboxAvailable = !LocalSandbox::findExecutable().isEmpty();
    // Warm up the sandbox while the operator reads the choice, so that trying it is instant;
    // nothing is shown from it before the choice is made.
    if (sandboxAvailable)
        ensureSandbox();
    becomeUnavailable(tr("Welcome. Choose how to start."), false);
    Q_EMIT firstRunChoiceNeeded(sandboxAvailable);
}

// --- the local sandbox -----------------------------------------------------------------------

void ConnectionSession::startSandbox()
{
    ++m_attempt;
    if (m_sandbox && m_sandbox->isRunning()) {
        activateSandbox();
        return;
    }
    becomeUnavailable(tr("Starting the local sandbox server with sample crons…"), false);
    m_activateSandboxWhenStarted = true;
    ensureSandbox();
}

void ConnectionSession::discardSandbox()
{
    if (m_sandbox && !m_onSandbox)
        dropSandbox();
}

void ConnectionSession::ensureSandbox()
{
    if (m_sandbox)
        return; // running, or still starting: its signals will tell
    m_sandbox = new LocalSandbox(this);
    connect(m_sandbox, &LocalSandbox::started, this, [this] {
        if (m_activateSandboxWhenStarted)
            activateSandbox();
    });
    connect(m_sandbox, &LocalSandbox::failed, this, [this](const QString &message) {
        // Gone for good: the next time the sandbox is chosen, a new one is started.
        std::exchange(m_sandbox, nullptr)->deleteLater();
        if (m_activateSandboxWhenStarted || m_onSandbox) {
            m_connected = false;
            becomeUnavailable(message + u"\n\n"_s
                                  + tr("Add a deployment in the Connection menu, "
                                       "under Profiles…."),
                              true);
        }
    });
    m_sandbox->start(m_sandboxCrons);
}

void ConnectionSession::dropSandbox()
{
    LocalSandbox *sandbox = std::exchange(m_sandbox, nullptr);
    sandbox->disconnect(this);
    // It stops in the background; the GUI never waits for the process to end.
    connect(sandbox, &LocalSandbox::stopped, sandbox, &QObject::deleteLater);
    sandbox->stop();
}

void ConnectionSession::activateSandbox()
{
    m_activateSandboxWhenStarted = false;
    ResolvedConnection sandbox;
    sandbox.url = m_sandbox->url();
    sandbox.urlSource = UrlSource::None;
    m_onSandbox = true;
    activate(sandbox);
}

// --- connecting ------------------------------------------------------------------------------

void ConnectionSession::switchToProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_profiles.find(name);
    if (!profile) {
        Q_EMIT stateChanged();
        return;
    }
    // A switch drops --url and --api-key: they named the deployment the app started with.
    m_urlFlag.clear();
    m_keyFlag.clear();
    connectTo(profile, {}, {});
}

void ConnectionSession::connectTo(std::optional<ConnectionProfile> profile, const QString &urlFlag,
                                  const QString &keyFlag)
{
    const int attempt = ++m_attempt;
    ConnectionInputs inputs;
    inputs.urlFlag = urlFlag;
    inputs.apiKeyFlag = keyFlag;
    inputs.profile = profile;
    inputs.environment = m_environment;
    if (!profile) {
        resolveAndConnect(inputs, attempt);
        return;
    }
    becomeUnavailable(tr("Connecting to “%1”…").arg(profile->name), false);
    m_credentials->readKey(
        profile->name, this, [this, inputs, attempt](const CredentialStore::Result &result) {
            ConnectionInputs withKey = inputs;
            withKey.profileKey = result.found ? result.key : QString();
            withKey.profileKeySessionOnly = result.storage == CredentialStore::Storage::Session;
            resolveAndConnect(withKey, attempt);
        });
}

void ConnectionSession::resolveAndConnect(const ConnectionInputs &inputs, int attempt)
{
    if (attempt != m_attempt)
        return;
    const ResolvedConnection resolved = resolveConnection(inputs);
    if (!resolved.isValid()) {
        m_connected = false;
        becomeUnavailable(resolved.error, true);
        Q_EMIT stateChanged();
        return;
    }
    const bool acknowledged = resolved.profile && resolved.profile->plainHttpAcknowledged;
    if (resolved.sendsKeyInPlainText() && !acknowledged) {
        m_plainHttpPending = resolved;
        Q_EMIT plainHttpQuestion(attempt, resolved.url.host(), resolved.keyNote(),
                                 resolved.profile ? resolved.profile->name : QString());
        return;
    }
    activate(resolved);
}

void ConnectionSession::answerPlainHttp(int ticket, bool send, bool remember)
{
    if (ticket != m_attempt || !m_plainHttpPending)
        return;
    const ResolvedConnection resolved = *std::exchange(m_plainHttpPending, std::nullopt);
    if (!send) {
        m_connected = false;
        becomeUnavailable(tr("Not connected: the API key was not sent over plain http."), true);
        Q_EMIT stateChanged();
        return;
    }
    if (remember && resolved.profile) {
        QList<ConnectionProfile> all = m_profiles.load();
        for (ConnectionProfile &profile : all) {
            if (profile.name == resolved.profile->name)
                profile.plainHttpAcknowledged = true;
        }
        m_profiles.save(all);
    }
    activate(resolved);
}

void ConnectionSession::activate(const ResolvedConnection &resolved)
{
    if (!m_onSandbox || resolved.url != (m_sandbox ? m_sandbox->url() : QUrl())) {
        // Leaving the sandbox: it is no longer needed.
        m_onSandbox = false;
        if (m_sandbox)
            dropSandbox();
    }
    m_connection = resolved;
    m_connected = true;
    if (resolved.profile)
        m_profiles.setLastUsed(resolved.profile->name);
    Q_EMIT stateChanged();
    Q_EMIT activeConnectionChanged();
    QString keyNote = m_onSandbox ? tr("local sandbox") : resolved.keyNote();
    if (resolved.keySessionOnly)
        keyNote += u" · "_s + tr("keychain unavailable");
    Q_EMIT connectionReady(resolved.requestFactory(), keyNote);
}

void ConnectionSession::becomeUnavailable(const QString &message, bool isError)
{
    Q_EMIT connectionUnavailable(message, isError);
}

std::optional<ConnectionProfile> ConnectionSession::storedActiveProfile() const
{
    std::optional<ConnectionProfile> profile = m_connection.profile;
    if (profile) {
        if (const auto stored = m_profiles.find(profile->name))
            profile = stored;
    }
    return profile;
}

// --- profiles and keys -----------------------------------------------------------------------

bool ConnectionSession::saveProfiles(const ProfileChanges &changes, QString *error)
{
    abortProfileTest();
    if (!m_profiles.save(changes.profiles, error))
        return false;
    auto *migration
        = new KeyMigration(m_credentials, planKeyMigration(changes.edits, changes.removed), this);
    connect(migration, &KeyMigration::finished, this, [this, changes](bool keptForSessionOnly) {
        afterProfilesSaved(changes, keptForSessionOnly);
    });
    migration->start();
    return true;
}

void ConnectionSession::afterProfilesSaved(const ProfileChanges &changes, bool keptForSessionOnly)
{
    if (keptForSessionOnly)
        Q_EMIT notice(m_credentials->storageNote());
    Q_EMIT profilesChanged();
    Q_EMIT stateChanged();
    if (changes.connectToCurrent && !changes.current.isEmpty()) {
        switchToProfile(changes.current);
        return;
    }
    if (!m_connected || !m_connection.profile || m_onSandbox)
        return;
    const QString active = m_connection.profile->name;
    if (changes.removed.contains(active)) {
        m_connected = false;
        m_connection = {};
        Q_EMIT stateChanged();
        becomeUnavailable(tr("The profile in use was removed. Choose another one."), false);
        return;
    }
    for (const ProfileEdit &edit : changes.edits) {
        if (edit.originalName == active) {
            // Its URL, key, headers or trust may have changed: connect again.
            if (m_urlFlag.isEmpty())
                switchToProfile(edit.profile.name);
            return;
        }
    }
}

void ConnectionSession::findStoredKeys(const QObject *context,
                                       std::function<void(const QSet<QString> &)> done)
{
    const QList<ConnectionProfile> all = m_profiles.load();
    if (all.isEmpty()) {
        done({});
        return;
    }
    // Shared by the reads, which hold no reference to each other: the last one answers.
    struct Pending
    {
        QSet<QString> withKey;
        qsizetype remaining = 0;
        std::function<void(const QSet<QString> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = all.size();
    pending->done = std::move(done);
    for (const ConnectionProfile &profile : all) {
        m_credentials->readKey(profile.name, context,
                               [pending, name = profile.name](const CredentialStore::Result &r) {
                                   if (r.found)
                                       pending->withKey.insert(name);
                                   if (--pending->remaining == 0)
                                       pending->done(pending->withKey);
                               });
    }
}

bool ConnectionSession::trustCertificate(const QString &profileName, const QString &fingerprint,
                                         QString *error)
{
    const QString pin = normaliseFingerprint(fingerprint);
    if (profileName.isEmpty() || pin.isEmpty())
        return true;
    QList<ConnectionProfile> all = m_profiles.load();
    for (ConnectionProfile &profile : all) {
        if (profile.name == profileName && !profile.pinnedCertificates.contains(pin))
            profile.pinnedCertificates.append(pin);
    }
    if (!m_profiles.save(all, error))
        return false;
    Q_EMIT notice(
        tr("Certificate %1 is trusted for profile “%2”.").arg(formatFingerprint(pin), profileName));
    Q_EMIT profilesChanged();
    if (m_connected && m_connection.profile && m_connection.profile->name == profileName)
        connectTo(m_profiles.find(profileName), m_urlFlag, m_keyFlag);
    return true;
}

// --- testing a profile -----------------------------------------------------------------------

void ConnectionSession::testProfile(const ConnectionProfile &profile, const QString &typedKey,
                                    const QString &storedKeyProfile)
{
    // A key still being read for an earlier test, or one aborted since, is not used.
    const int test = ++m_testGeneration;
    if (!typedKey.isEmpty() || storedKeyProfile.isEmpty()) {
        runProfileTest(profile, typedKey, false);
        return;
    }
    m_credentials->readKey(storedKeyProfile, this,
                           [this, profile, test](const CredentialStore::Result &result) {
                               if (test != m_testGeneration)
                                   return;
                               runProfileTest(profile, result.found ? result.key : QString(),
                                              result.storage == CredentialStore::Storage::Session);
                           });
}

void ConnectionSession::abortProfileTest()
{
    ++m_testGeneration;
    m_tester->abort();
}

void ConnectionSession::runProfileTest(const ConnectionProfile &profile, const QString &key,
                                       bool sessionOnly)
{
    ConnectionInputs inputs;
    inputs.profile = profile;
    inputs.profileKey = key;
    inputs.profileKeySessionOnly = sessionOnly;
    inputs.environment = m_environment;
    const ResolvedConnection resolved = resolveConnection(inputs);
    if (!resolved.isValid()) {
        ConnectionTestResult result;
        result.failedStep = tr("The URL");
        result.error.kind = api::ApiError::Kind::Network;
        result.error.message = resolved.error;
        Q_EMIT profileTestFinished(result);
        return;
    }
    if (resolved.sendsKeyInPlainText() && !profile.plainHttpAcknowledged) {
        ConnectionTestResult result;
        result.failedStep = tr("Not tested");
        result.error.kind = api::ApiError::Kind::Canceled;
        result.error.message
            = tr("the API key would go unencrypted over plain http; tick “Send the API key "
                 "over plain http to this host anyway” to test regardless.");
        Q_EMIT profileTestFinished(result);
        return;
    }
    Q_EMIT profileTestStarted();
    m_tester->start(resolved.requestFactory());
}

// --- mutations -------------------------------------------------------------------------------

MutationDecision ConnectionSession::decideMutation(MutationKind kind, qsizetype cronCount) const
{
    if (!m_connected)
        return {MutationDecision::Verdict::Refused, tr("Not connected."), {}};
    // The stored profile counts: a profile made read-only in the dialog is read-only at once.
    return models::decideMutation(storedActiveProfile(), kind, cronCount);
}

MutationTarget ConnectionSession::mutationTarget() const
{
    if (!m_connected)
        return {};
    // The stored profile counts, as for the rules: a label changed in the dialog shows at once.
    return models::mutationTarget(storedActiveProfile(), m_connection.url, m_onSandbox);
}

} // namespace crondesk::models
