#include "connectioncontroller.h"

#include "environmentbadge.h"
#include "firstrundialog.h"
#include "journalview.h"
#include "profiledialog.h"
#include "profileswitcher.h"
#include "tlserrordialog.h"
#include "typedconfirmationdialog.h"

#include <models/connections/credentialstore.h>
#include <models/journal/journalrecorder.h>

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

ConnectionController::ConnectionController(QWidget *window, QObject *parent)
    : ConnectionController(models::ProfileStore(), new models::CredentialStore(), // owned below
                           models::ChangeJournal(), window, parent)
{
    credentials()->setParent(this);
}

ConnectionController::ConnectionController(models::ProfileStore profiles,
                                           models::CredentialStore *credentials,
                                           models::ChangeJournal journal, QWidget *window,
                                           QObject *parent)
    : QObject(parent)
    , m_session(new models::ConnectionSession(std::move(profiles), credentials, this))
    , m_recorder(new models::JournalRecorder(std::move(journal), u"crondesk"_s, this))
    , m_window(window)
{
    using Session = models::ConnectionSession;
    // The journal follows the connection before anyone hears of it, so that the first change
    // made on it is recorded under it.
    connect(m_session, &Session::activeConnectionChanged, this, [this] {
        m_recorder->setConnection(m_session->connection());
        Q_EMIT activeConnectionChanged();
    });
    connect(m_session, &Session::connectionReady, this, &ConnectionController::connectionReady);
    connect(m_session, &Session::connectionUnavailable, this,
            &ConnectionController::connectionUnavailable);
    connect(m_session, &Session::profilesChanged, this, &ConnectionController::profilesChanged);
    connect(m_session, &Session::notice, this, &ConnectionController::notice);
    connect(m_session, &Session::stateChanged, this, &ConnectionController::syncWidgets);
    connect(m_session, &Session::firstRunChoiceNeeded, this, &ConnectionController::showFirstRun);
    connect(m_session, &Session::plainHttpQuestion, this, &ConnectionController::askPlainHttp);
    connect(m_session, &Session::profileTestStarted, this, [this] {
        if (m_profileDialog)
            m_profileDialog->showTestRunning();
    });
    connect(m_session, &Session::profileTestFinished, this,
            [this](const models::ConnectionTestResult &result) {
                if (m_profileDialog)
                    m_profileDialog->showTestResult(result);
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

// --- questions the session asks --------------------------------------------------------------

void ConnectionController::showFirstRun(bool sandboxAvailable)
{
    auto *dialog = new FirstRunDialog(sandboxAvailable, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FirstRunDialog::sandboxChosen, m_session,
            &models::ConnectionSession::startSandbox);
    connect(dialog, &FirstRunDialog::addDeploymentChosen, this, [this] {
        m_session->discardSandbox();
        openProfileDialog({}, true);
    });
    connect(dialog, &QDialog::rejected, this, [this] { Q_EMIT notConnected(); });
    dialog->open();
}

void ConnectionController::askPlainHttp(int ticket, const QString &host, const QString &keyNote,
                                        const QString &profileName)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("API Key over Plain HTTP"),
                                tr("The API key would be sent unencrypted to %1.").arg(host),
                                QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"plainHttpWarning"_s);
    box->setInformativeText(
        tr("This is plain http to another machine: anyone on the network path can read the key "
           "(%1) and use it. Use an https URL if the deployment offers one.")
            .arg(keyNote));
    QPushButton *send = box->addButton(tr("Send Key over HTTP"), QMessageBox::AcceptRole);
    send->setObjectName(u"sendOverHttpButton"_s);
    QPushButton *cancel = box->addButton(tr("Don't Connect"), QMessageBox::RejectRole);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    QCheckBox *remember = nullptr;
    if (!profileName.isEmpty()) {
        remember = new QCheckBox(tr("Don't ask again for profile “%1”").arg(profileName), box);
        box->setCheckBox(remember);
    }
    connect(box, &QMessageBox::finished, this, [this, box, send, remember, ticket](int) {
        m_session->answerPlainHttp(ticket, box->clickedButton() == send,
                                   remember && remember->isChecked());
    });
    box->open();
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
    const QList<models::ConnectionProfile> all = m_session->profiles();
    const bool connected = m_session->isConnected();
    // The stored profile, which may have been edited since the connection was made.
    const std::optional<models::ConnectionProfile> active
        = connected ? m_session->storedActiveProfile() : std::nullopt;
    const bool onSandbox = m_session->isSandbox();
    const QString unprofiled = onSandbox ? tr("Local sandbox") : connection().url.host();
    for (const QPointer<ProfileSwitcher> &switcher : std::as_const(m_switchers)) {
        if (!switcher)
            continue;
        switcher->setProfiles(all);
        if (!connected)
            switcher->setActiveNone();
        else if (active)
            switcher->setActiveProfile(active->name);
        else
            switcher->setActiveUnprofiled(unprofiled);
    }
    for (const QPointer<EnvironmentBadge> &badge : std::as_const(m_badges)) {
        if (!badge)
            continue;
        if (!connected)
            badge->clear();
        else if (active)
            badge->setProfile(*active);
        else
            badge->setUnprofiled(onSandbox ? tr("LOCAL SANDBOX") : unprofiled);
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
    if (m_openingProfileDialog)
        return;
    m_openingProfileDialog = true;
    // Which profiles have a stored key: asked of the store first, so that the dialog can say.
    m_session->findStoredKeys(this, [this, select, addNew](const QSet<QString> &withStoredKey) {
        m_openingProfileDialog = false;
        showProfileDialog(withStoredKey, select, addNew);
    });
}

void ConnectionController::showProfileDialog(const QSet<QString> &withStoredKey,
                                             const QString &select, bool addNew)
{
    auto *dialog = new ProfileDialog(m_window);
    m_profileDialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProfiles(m_session->profiles(), withStoredKey);
    const models::CredentialStore *store = credentials();
    dialog->setKeyStorageNote(store->isSessionOnly() ? store->storageNote() : QString(),
                              store->isSessionOnly());
    if (addNew)
        dialog->addProfile();
    else if (!select.isEmpty())
        dialog->selectProfile(select);
    connect(dialog, &ProfileDialog::testRequested, m_session,
            &models::ConnectionSession::testProfile);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, addNew] { saveProfileEdits(dialog, addNew); });
    connect(dialog, &QDialog::rejected, this, [this, addNew] {
        m_session->abortProfileTest();
        if (addNew && !isConnected())
            Q_EMIT notConnected();
    });
    dialog->open();
}

void ConnectionController::saveProfileEdits(ProfileDialog *dialog, bool connectToCurrent)
{
    models::ConnectionSession::ProfileChanges changes;
    changes.profiles = dialog->profiles();
    changes.edits = dialog->edits();
    changes.removed = dialog->removedProfiles();
    changes.current = dialog->currentProfileName();
    changes.connectToCurrent = connectToCurrent;
    QString error;
    if (!m_session->saveProfiles(changes, &error))
        showMessage(tr("Profiles Not Saved"), error, true);
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
    const QString profileName = activeProfile() && !isSandbox() ? activeProfile()->name : QString();
    auto *dialog = new TlsErrorDialog(connection().url.host(), error, profileName, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TlsErrorDialog::trustRequested, this,
            [this, profileName](const QString &fingerprint) {
                QString problem;
                if (!m_session->trustCertificate(profileName, fingerprint, &problem))
                    showMessage(tr("Profiles Not Saved"), problem, true);
            });
    dialog->open();
    return true;
}

// --- mutations -------------------------------------------------------------------------------

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
