#include "credentialstore.h"

#include "logging.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::models {

QString keychainErrorSentence(const QString &backendMessage)
{
    const QString message = backendMessage.toLower();
    auto mentions = [&message](std::initializer_list<const char *> needles) {
        return std::any_of(needles.begin(), needles.end(), [&message](const char *needle) {
            return message.contains(QLatin1StringView(needle));
        });
    };
    // No Secret Service or KWallet on the session bus, or no session bus at all.
    if (mentions({"not provided by any .service", "serviceunknown", "dbus", "d-bus",
                  "failed to connect to socket", "could not connect", "no keychain service",
                  "no backend", "org.freedesktop.secrets", "kwalletd", "not available"}))
        return CredentialStore::tr(
            "No system keychain is running (such as GNOME Keyring or KWallet).");
    if (mentions({"locked", "unlock", "denied", "dismiss", "cancel"}))
        return CredentialStore::tr("The system keychain is locked or refused access.");
    return CredentialStore::tr("The system keychain could not be used.");
}

CredentialStore::CredentialStore(QObject *parent)
    : CredentialStore(u"crondesk"_s, parent)
{ }

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{ }

CredentialStore::~CredentialStore() = default;

void CredentialStore::setKeychainEnabled(bool enabled)
{
    m_keychainEnabled = enabled;
    if (enabled || m_sessionOnly)
        return;
    // Asked for, so nothing to warn about in the log.
    m_keychainError = tr("The keychain is turned off.");
    m_sessionOnly = true;
    Q_EMIT sessionOnlyChanged(true);
}

QString CredentialStore::storageNote() const
{
    if (!m_sessionOnly)
        return tr("API keys are kept in the system keychain.");
    return tr("%1 API keys are kept for this session only and must be entered again next time.")
        .arg(m_keychainError);
}

QString CredentialStore::entryName(const QString &profileName) const
{
    return u"profile/"_s + profileName;
}

void CredentialStore::markKeychainUnusable(const QString &error)
{
    m_keychainError = keychainErrorSentence(error);
    if (m_sessionOnly)
        return;
    m_sessionOnly = true;
    // The error text comes from the keychain backend and names no secret; the log keeps it
    // verbatim for whoever has to fix the keychain.
    qCWarning(lcConnections) << "keychain unusable, keeping API keys for this session:" << error;
    Q_EMIT sessionOnlyChanged(true);
}

void CredentialStore::deliver(const QObject *context, Callback callback, const Result &result)
{
    // Always later, never from inside the call, so callers see one behaviour with or without a
    // keychain.
    QTimer::singleShot(0, context,
                       [callback = std::move(callback), result]() { callback(result); });
}

void CredentialStore::readKey(const QString &profileName, const QObject *context, Callback callback)
{
    if (const auto it = m_sessionKeys.constFind(profileName); it != m_sessionKeys.cend()) {
        deliver(context, std::move(callback), {true, true, it.value(), Storage::Session, {}});
        return;
    }
    if (!m_keychainEnabled) {
        deliver(context, std::move(callback), {true, false, {}, Storage::Session, {}});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(entryName(profileName));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this,
            [this, guard = QPointer<const QObject>(context),
             callback = std::move(callback)](QKeychain::Job *finished) {
                Result result;
                result.ok = true;
                result.storage = Storage::Keychain;
                if (finished->error() == QKeychain::NoError) {
                    result.found = true;
                    result.key = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                } else if (finished->error() != QKeychain::EntryNotFound) {
                    markKeychainUnusable(finished->errorString());
                    result.storage = Storage::Session;
                    result.error = m_keychainError;
                }
                if (guard)
                    callback(result);
            });
    job->start();
}

void CredentialStore::writeKey(const QString &profileName, const QString &key,
                               const QObject *context, Callback callback)
{
    if (!m_keychainEnabled) {
        m_sessionKeys.insert(profileName, key);
        deliver(context, std::move(callback), {true, false, {}, Storage::Session, {}});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(entryName(profileName));
    job->setInsecureFallback(false);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, profileName, key, guard = QPointer<const QObject>(context),
             callback = std::move(callback)](QKeychain::Job *finished) {
                Result result;
                result.ok = true;
                if (finished->error() == QKeychain::NoError) {
                    m_sessionKeys.remove(profileName);
                    result.storage = Storage::Keychain;
                } else {
                    markKeychainUnusable(finished->errorString());
                    m_sessionKeys.insert(profileName, key);
                    result.storage = Storage::Session;
                    result.error = m_keychainError;
                }
                if (guard)
                    callback(result);
            });
    job->start();
}

void CredentialStore::removeKey(const QString &profileName, const QObject *context,
                                Callback callback)
{
    m_sessionKeys.remove(profileName);
    if (!m_keychainEnabled) {
        deliver(context, std::move(callback), {true, false, {}, Storage::Session, {}});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(entryName(profileName));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this,
            [this, guard = QPointer<const QObject>(context),
             callback = std::move(callback)](QKeychain::Job *finished) {
                Result result;
                result.ok = true;
                result.storage = Storage::Keychain;
                const QKeychain::Error error = finished->error();
                if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
                    // Deleting a missing entry is reported as CouldNotDeleteEntry by some
                    // backends; only a keychain that cannot be reached at all is a problem.
                    if (error == QKeychain::CouldNotDeleteEntry) {
                        result.error = keychainErrorSentence(finished->errorString());
                    } else {
                        markKeychainUnusable(finished->errorString());
                        result.storage = Storage::Session;
                        result.error = m_keychainError;
                    }
                }
                if (guard)
                    callback(result);
            });
    job->start();
}

} // namespace crondesk::models
