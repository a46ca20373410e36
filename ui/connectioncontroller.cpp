#include "connectioncontroller.h"

#include "environmentbadge.h"
#include "firstrundialog.h"
#include "journalview.h"
#include "profiledialog.h"
#include "profileswitcher.h"
#include "tlserrordialog.h"
#include "typedconfirmationdialog.h"

#include <models/connections/connectiontester.h>
#include <models/connections/credentialstore.h>
#include <models/connections/localsandbox.h>
#include <models/journal/journalrecorder.h>

#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

#include <memory>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

ConnectionController::ConnectionController(QWidget *window, QObject *parent)
    : ConnectionController(models::ProfileStore(), new models::CredentialStore(), // owned below
                           models::ChangeJournal(), window, parent)
{
    m_credentials->setParent(this);
}

ConnectionController::ConnectionController(models::ProfileStore profiles,
                                           models::CredentialStore *credentials,
                                           models::ChangeJournal journal, QWidget *window,
                                           QObject *parent)
    : QObject(parent)
    , m_profiles(std::move(profiles))
    , m_credentials(credentials)
    , m_recorder(new models::JournalRecorder(std::move(journal), u"crondesk"_s, this))
    , m_tester(new models::ConnectionTester(this))
    , m_window(window)
{
    connect(m_credentials, &models::CredentialStore::sessionOnlyChanged, this,
            [this](bool sessionOnly) {
                if (sessionOnly)
                    Q_EMIT notice(m_credentials->storageNote());
            });
    connect(m_recorder, &models::JournalRecorder::recordFailed, this, [this](const QString &error) {
        showMessage(tr("Change Not Journaled"),
                    tr("The change was made, but it could not be written to the change "
                       "journal.\n\n%1")
                        .arg(error),
                    true);
    });
}

ConnectionController::~ConnectionController() = default;

ProfileDialog *ConnectionController::profileDialog() const
{
    return m_profileDialog;
}

JournalView *ConnectionController::journalView() const
{
    return m_journalView;
}

// --- startup ---------------------------------------------------------------------------------

void ConnectionController::start(const StartOptions &options)
{
    m_environment = options.environment;
    m_urlFlag = options.url;
    m_keyFlag = options.apiKey;
    m_sandboxCrons = options.sandboxCrons;
    syncWidgets();

    std::optional<models::ConnectionProfile> profile;
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
    const QList<models::ConnectionProfile> all = m_profiles.load();
    if (!all.isEmpty()) {
        const QString last = m_profiles.lastUsed();
        auto it = std::find_if(all.cbegin(), all.cend(),
                               [&last](const auto &p) { return p.name == last; });
        connectTo(it != all.cend() ? *it : all.first(), {}, options.apiKey);
        return;
    }
    showFirstRun();
}

void ConnectionController::showFirstRun()
{
    const bool sandboxAvailable = !models::LocalSandbox::findExecutable().isEmpty();
    // Warm up the sandbox while the operator reads the choice, so that trying it is instant;
    // nothing is shown from it before the choice is made.
    if (sandboxAvailable)
        ensureSandbox();
    becomeUnavailable(tr("Welcome. Choose how to start."), false);

    auto *dialog = new FirstRunDialog(sandboxAvailable, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FirstRunDialog::sandboxChosen, this, &ConnectionController::startSandbox);
    connect(dialog, &FirstRunDialog::addDeploymentChosen, this, [this] {
        delete m_sandbox;
        m_sandbox = nullptr;
        openProfileDialog({}, true);
    });
    connect(dialog, &QDialog::rejected, this, [this] { Q_EMIT notConnected(); });
    dialog->open();
}

void ConnectionController::startSandbox()
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

void ConnectionController::ensureSandbox()
{
    if (m_sandbox)
        return; // running, or still starting: its signals will tell
    m_sandbox = new models::LocalSandbox(this);
    connect(m_sandbox, &models::LocalSandbox::started, this, [this] {
        if (m_activateSandboxWhenStarted)
            activateSandbox();
    });
    connect(m_sandbox, &models::LocalSandbox::failed, this, [this](const QString &message) {
        // Gone for good: the next time the sandbox is chosen, a new one is started.
        m_sandbox->deleteLater();
        m_sandbox = nullptr;
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

void ConnectionController::activateSandbox()
{
    m_activateSandboxWhenStarted = false;
    models::ResolvedConnection sandbox;
    sandbox.url = m_sandbox->url();
    sandbox.urlSource = models::UrlSource::None;
    m_onSandbox = true;
    activate(sandbox);
}

// --- connecting ------------------------------------------------------------------------------

void ConnectionController::switchToProfile(const QString &name)
{
    const std::optional<models::ConnectionProfile> profile = m_profiles.find(name);
    if (!profile) {
        syncWidgets();
        return;
    }
    // A switch drops --url and --api-key: they named the deployment the app started with.
    m_urlFlag.clear();
    m_keyFlag.clear();
    connectTo(profile, {}, {});
}

void ConnectionController::connectTo(std::optional<models::ConnectionProfile> profile,
                                     const QString &urlFlag, const QString &keyFlag)
{
    const int attempt = ++m_attempt;
    models::ConnectionInputs inputs;
    inputs.urlFlag = urlFlag;
    inputs.apiKeyFlag = keyFlag;
    inputs.profile = profile;
    inputs.environment = m_environment;
    if (!profile) {
        resolveAndConnect(inputs, attempt);
        return;
    }
    becomeUnavailable(tr("Connecting to “%1”…").arg(profile->name), false);
    m_credentials->readKey(profile->name, this,
                           [this, inputs, attempt](const models::CredentialStore::Result &result) {
                               models::ConnectionInputs withKey = inputs;
                               withKey.profileKey = result.found ? result.key : QString();
                               withKey.profileKeySessionOnly
                                   = result.storage == models::CredentialStore::Storage::Session;
                               resolveAndConnect(withKey, attempt);
                           });
}

void ConnectionController::resolveAndConnect(const models::ConnectionInputs &inputs, int attempt)
{
    if (attempt != m_attempt)
        return;
    const models::ResolvedConnection resolved = models::resolveConnection(inputs);
    if (!resolved.isValid()) {
        m_connected = false;
        becomeUnavailable(resolved.error, true);
        syncWidgets();
        return;
    }
    const bool acknowledged = resolved.profile && resolved.profile->plainHttpAcknowledged;
    if (resolved.sendsKeyInPlainText() && !acknowledged) {
        confirmPlainHttp(resolved, attempt);
        return;
    }
    activate(resolved);
}

void ConnectionController::confirmPlainHttp(const models::ResolvedConnection &resolved, int attempt)
{
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("API Key over Plain HTTP"),
        tr("The API key would be sent unencrypted to %1.").arg(resolved.url.host()),
        QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"plainHttpWarning"_s);
    box->setInformativeText(
        tr("This is plain http to another machine: anyone on the network path can read the key "
           "(%1) and use it. Use an https URL if the deployment offers one.")
            .arg(resolved.keyNote()));
    QPushButton *send = box->addButton(tr("Send Key over HTTP"), QMessageBox::AcceptRole);
    send->setObjectName(u"sendOverHttpButton"_s);
    QPushButton *cancel = box->addButton(tr("Don't Connect"), QMessageBox::RejectRole);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    QCheckBox *remember = nullptr;
    if (resolved.profile) {
        remember = new QCheckBox(tr("Don't ask again for profile “%1”").arg(resolved.profile->name),
                                 box);
        box->setCheckBox(remember);
    }
    connect(box, &QMessageBox::finished, this, [this, box, send, remember, resolved, attempt](int) {
        if (attempt != m_attempt)
            return;
        if (box->clickedButton() != send) {
            m_connected = false;
            becomeUnavailable(tr("Not connected: the API key was not sent over plain "
                                 "http."),
                              true);
            syncWidgets();
            return;
        }
        if (remember && remember->isChecked() && resolved.profile) {
            QList<models::ConnectionProfile> all = m_profiles.load();
            for (models::ConnectionProfile &profile : all) {
                if (profile.name == resolved.profile->name)
                    profile.plainHttpAcknowledged = true;
            }
            m_profiles.save(all);
        }
        activate(resolved);
    });
    box->open();
}

void ConnectionController::activate(const models::ResolvedConnection &resolved)
{
    if (!m_onSandbox || resolved.url != (m_sandbox ? m_sandbox->url() : QUrl())) {
        // Leaving the sandbox: it is no longer needed.
        m_onSandbox = false;
        if (m_sandbox) {
            m_sandbox->deleteLater();
            m_sandbox = nullptr;
        }
    }
    m_connection = resolved;
    m_connected = true;
    if (resolved.profile)
        m_profiles.setLastUsed(resolved.profile->name);
    m_recorder->setConnection(resolved);
    syncWidgets();
    Q_EMIT activeConnectionChanged();
    QString keyNote = m_onSandbox ? tr("local sandbox") : resolved.keyNote();
    if (resolved.keySessionOnly)
        keyNote += u" · "_s + tr("keychain unavailable");
    Q_EMIT connectionReady(resolved.requestFactory(), keyNote);
}

void ConnectionController::becomeUnavailable(const QString &message, bool isError)
{
    Q_EMIT connectionUnavailable(message, isError);
}

// --- widgets ---------------------------------------------------------------------------------

ProfileSwitcher *ConnectionController::createSwitcher(QWidget *parent)
{
    auto *switcher = new ProfileSwitcher(parent);
    m_switchers.append(switcher);
    connect(switcher, &ProfileSwitcher::profileChosen, this,
            [this](const models::ConnectionProfile &profile) { switchToProfile(profile.name); });
    connect(switcher, &ProfileSwitcher::manageRequested, this,
            [this] { openProfileDialog(activeProfile() ? activeProfile()->name : QString()); });
    syncWidgets();
    return switcher;
}

EnvironmentBadge *ConnectionController::createBadge(QWidget *parent)
{
    auto *badge = new EnvironmentBadge(parent);
    m_badges.append(badge);
    syncWidgets();
    return badge;
}

void ConnectionController::syncWidgets()
{
    const QList<models::ConnectionProfile> all = m_profiles.load();
    std::optional<models::ConnectionProfile> active;
    if (m_connected && m_connection.profile) {
        // The stored profile, which may have been edited since the connection was made.
        for (const models::ConnectionProfile &profile : all) {
            if (profile.name == m_connection.profile->name)
                active = profile;
        }
        if (!active)
            active = m_connection.profile;
    }
    const QString unprofiled = m_onSandbox ? tr("Local sandbox") : m_connection.url.host();
    for (const QPointer<ProfileSwitcher> &switcher : std::as_const(m_switchers)) {
        if (!switcher)
            continue;
        switcher->setProfiles(all);
        if (!m_connected)
            switcher->setActiveNone();
        else if (active)
            switcher->setActiveProfile(active->name);
        else
            switcher->setActiveUnprofiled(unprofiled);
    }
    for (const QPointer<EnvironmentBadge> &badge : std::as_const(m_badges)) {
        if (!badge)
            continue;
        if (!m_connected)
            badge->clear();
        else if (active)
            badge->setProfile(*active);
        else
            badge->setUnprofiled(m_onSandbox ? tr("LOCAL SANDBOX") : unprofiled);
    }
}

// --- profile dialog --------------------------------------------------------------------------

void ConnectionController::openProfileDialog(const QString &select, bool addNew)
{
    if (m_profileDialog) {
        m_profileDialog->raise();
        m_profileDialog->activateWindow();
        return;
    }
    const QList<models::ConnectionProfile> all = m_profiles.load();
    // Which profiles have a stored key: asked of the store first, so that the dialog can say.
    auto withKey = std::make_shared<QSet<QString>>();
    auto remaining = std::make_shared<qsizetype>(all.size());
    auto open = [this, all, withKey, select, addNew] {
        auto *dialog = new ProfileDialog(m_window);
        m_profileDialog = dialog;
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setProfiles(all, *withKey);
        dialog->setKeyStorageNote(m_credentials->isSessionOnly() ? m_credentials->storageNote()
                                                                 : QString(),
                                  m_credentials->isSessionOnly());
        if (addNew)
            dialog->addProfile();
        else if (!select.isEmpty())
            dialog->selectProfile(select);
        connect(dialog, &ProfileDialog::testRequested, this, &ConnectionController::runTest);
        connect(m_tester, &models::ConnectionTester::finished, dialog,
                &ProfileDialog::showTestResult);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog, addNew] { applyProfileEdits(dialog, addNew); });
        connect(dialog, &QDialog::rejected, this, [this, addNew] {
            m_tester->abort();
            if (addNew && !m_connected)
                Q_EMIT notConnected();
        });
        dialog->open();
    };
    if (all.isEmpty()) {
        open();
        return;
    }
    for (const models::ConnectionProfile &profile : all) {
        m_credentials->readKey(profile.name, this,
                               [withKey, remaining, open, name = profile.name](
                                   const models::CredentialStore::Result &result) {
                                   if (result.found)
                                       withKey->insert(name);
                                   if (--*remaining == 0)
                                       open();
                               });
    }
}

void ConnectionController::runTest(const models::ConnectionProfile &profile,
                                   const QString &typedKey, const QString &storedKeyProfile)
{
    auto test = [this, profile](const QString &key, bool sessionOnly) {
        models::ConnectionInputs inputs;
        inputs.profile = profile;
        inputs.profileKey = key;
        inputs.profileKeySessionOnly = sessionOnly;
        inputs.environment = m_environment;
        const models::ResolvedConnection resolved = models::resolveConnection(inputs);
        if (!m_profileDialog)
            return;
        if (!resolved.isValid()) {
            models::ConnectionTestResult result;
            result.failedStep = tr("The URL");
            result.error.kind = api::ApiError::Kind::Network;
            result.error.message = resolved.error;
            m_profileDialog->showTestResult(result);
            return;
        }
        if (resolved.sendsKeyInPlainText() && !profile.plainHttpAcknowledged) {
            models::ConnectionTestResult result;
            result.failedStep = tr("Not tested");
            result.error.kind = api::ApiError::Kind::Canceled;
            result.error.message
                = tr("the API key would go unencrypted over plain http; tick “Send the API key "
                     "over plain http to this host anyway” to test regardless.");
            m_profileDialog->showTestResult(result);
            return;
        }
        m_profileDialog->showTestRunning();
        m_tester->start(resolved.requestFactory());
    };
    if (!typedKey.isEmpty() || storedKeyProfile.isEmpty()) {
        test(typedKey, false);
        return;
    }
    m_credentials->readKey(storedKeyProfile, this,
                           [test](const models::CredentialStore::Result &result) {
                               test(result.found ? result.key : QString(),
                                    result.storage == models::CredentialStore::Storage::Session);
                           });
}

// Key operations after the dialog, one after the other; then the profiles are announced and the
// active connection made again if its profile changed.
struct ConnectionController::PendingKeyOps
{
    QList<std::function<void(std::function<void()>)>> steps;
    bool wentToSession = false;
};

void ConnectionController::applyProfileEdits(ProfileDialog *dialog, bool connectToCurrent)
{
    m_tester->abort();
    const QList<ProfileDialog::Edit> edits = dialog->edits();
    const QStringList removed = dialog->removedProfiles();
    const QString current = dialog->currentProfileName();
    QString error;
    if (!m_profiles.save(dialog->profiles(), &error)) {
        showMessage(tr("Profiles Not Saved"), error, true);
        return;
    }

    auto ops = std::make_shared<PendingKeyOps>();
    auto keyStep =
        [this, ops](std::function<void(const QObject *, models::CredentialStore::Callback)> call) {
            ops->steps.append([this, ops, call](std::function<void()> next) {
                call(this, [ops, next](const models::CredentialStore::Result &result) {
                    if (result.storage == models::CredentialStore::Storage::Session)
                        ops->wentToSession = true;
                    next();
                });
            });
        };
    for (const QString &name : removed)
        keyStep(
            [this, name](const QObject *c, auto done) { m_credentials->removeKey(name, c, done); });
    for (const ProfileDialog::Edit &edit : edits) {
        const QString name = edit.profile.name;
        const QString original = edit.originalName;
        const bool renamed = !original.isEmpty() && original != name;
        if (edit.forgetKey && edit.hadStoredKey)
            keyStep([this, original](const QObject *c, auto done) {
                m_credentials->removeKey(original, c, done);
            });
        if (!edit.newKey.isEmpty()) {
            const QString key = edit.newKey;
            keyStep([this, name, key](const QObject *c, auto done) {
                m_credentials->writeKey(name, key, c, done);
            });
            if (renamed && edit.hadStoredKey && !edit.forgetKey)
                keyStep([this, original](const QObject *c, auto done) {
                    m_credentials->removeKey(original, c, done);
                });
        } else if (renamed && edit.hadStoredKey && !edit.forgetKey) {
            // Move the stored key to the new name.
            ops->steps.append([this, ops, name, original](std::function<void()> next) {
                m_credentials->readKey(
                    original, this,
                    [this, ops, name, original, next](const models::CredentialStore::Result &r) {
                        if (!r.found) {
                            next();
                            return;
                        }
                        m_credentials->writeKey(
                            name, r.key, this,
                            [this, ops, original, next](const models::CredentialStore::Result &w) {
                                ops->wentToSession = ops->wentToSession
                                    || w.storage == models::CredentialStore::Storage::Session;
                                m_credentials->removeKey(original, this,
                                                         [next](const auto &) { next(); });
                            });
                    });
            });
        }
    }

    auto finish = [this, ops, edits, removed, current, connectToCurrent] {
        if (ops->wentToSession)
            Q_EMIT notice(m_credentials->storageNote());
        Q_EMIT profilesChanged();
        syncWidgets();
        if (connectToCurrent && !current.isEmpty()) {
            switchToProfile(current);
            return;
        }
        if (!m_connected || !m_connection.profile || m_onSandbox)
            return;
        const QString active = m_connection.profile->name;
        if (removed.contains(active)) {
            m_connected = false;
            m_connection = {};
            syncWidgets();
            becomeUnavailable(tr("The profile in use was removed. Choose another one."), false);
            return;
        }
        for (const ProfileDialog::Edit &edit : edits) {
            if (edit.originalName == active) {
                // Its URL, key, headers or trust may have changed: connect again.
                if (m_urlFlag.isEmpty())
                    switchToProfile(edit.profile.name);
                return;
            }
        }
    };
    // Run the steps in order, then finish.
    auto run = std::make_shared<std::function<void(qsizetype)>>();
    *run = [ops, finish, run](qsizetype index) {
        if (index >= ops->steps.size()) {
            finish();
            return;
        }
        ops->steps.at(index)([run, index] { (*run)(index + 1); });
    };
    (*run)(0);
}

// --- journal ---------------------------------------------------------------------------------

void ConnectionController::openJournal()
{
    if (!m_journalView) {
        m_journalView = new JournalView(m_recorder->journal(), m_window);
        m_journalView->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_recorder, &models::JournalRecorder::recorded, m_journalView,
                &JournalView::addEntry);
    } else {
        m_journalView->reload();
    }
    m_journalView->show();
    m_journalView->raise();
    m_journalView->activateWindow();
}

// --- errors and trust ------------------------------------------------------------------------

bool ConnectionController::handleError(const api::ApiError &error)
{
    if (error.kind != api::ApiError::Kind::Tls)
        return false;
    const QString profileName = activeProfile() && !m_onSandbox ? activeProfile()->name : QString();
    auto *dialog = new TlsErrorDialog(m_connection.url.host(), error, profileName, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TlsErrorDialog::trustRequested, this,
            [this, profileName](const QString &fingerprint) {
                trustCertificate(profileName, fingerprint);
            });
    dialog->open();
    return true;
}

void ConnectionController::trustCertificate(const QString &profileName, const QString &fingerprint)
{
    const QString pin = models::normaliseFingerprint(fingerprint);
    if (profileName.isEmpty() || pin.isEmpty())
        return;
    QList<models::ConnectionProfile> all = m_profiles.load();
    for (models::ConnectionProfile &profile : all) {
        if (profile.name == profileName && !profile.pinnedCertificates.contains(pin))
            profile.pinnedCertificates.append(pin);
    }
    QString error;
    if (!m_profiles.save(all, &error)) {
        showMessage(tr("Profiles Not Saved"), error, true);
        return;
    }
    Q_EMIT notice(tr("Certificate %1 is trusted for profile “%2”.")
                      .arg(models::formatFingerprint(pin), profileName));
    Q_EMIT profilesChanged();
    if (m_connected && m_connection.profile && m_connection.profile->name == profileName)
        connectTo(m_profiles.find(profileName), m_urlFlag, m_keyFlag);
}

// --- mutations -------------------------------------------------------------------------------

models::MutationDecision ConnectionController::decideMutation(models::MutationKind kind,
                                                              qsizetype cronCount) const
{
    if (!m_connected)
        return {models::MutationDecision::Verdict::Refused, tr("Not connected."), {}};
    // The stored profile counts: a profile made read-only in the dialog is read-only at once.
    std::optional<models::ConnectionProfile> profile = m_connection.profile;
    if (profile) {
        if (const auto stored = m_profiles.find(profile->name))
            profile = stored;
    }
    return models::decideMutation(profile, kind, cronCount);
}

models::MutationTarget ConnectionController::mutationTarget() const
{
    if (!m_connected)
        return {};
    // The stored profile counts, as for the rules: a label changed in the dialog shows at once.
    std::optional<models::ConnectionProfile> profile = m_connection.profile;
    if (profile) {
        if (const auto stored = m_profiles.find(profile->name))
            profile = stored;
    }
    return models::mutationTarget(profile, m_connection.url, m_onSandbox);
}

void ConnectionController::requestMutation(const models::MutationRequest &request,
                                           const QObject *context, std::function<void()> proceed)
{
    confirmMutation(request, decideMutation(request.kind, request.cronCount), m_window, context,
                    std::move(proceed));
}

void ConnectionController::showMessage(const QString &title, const QString &text, bool warning)
{
    auto *box = new QMessageBox(warning ? QMessageBox::Warning : QMessageBox::Information, title,
                                text, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace crondesk::ui
