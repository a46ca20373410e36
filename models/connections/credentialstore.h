#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace crondesk::models {

// API keys of connection profiles, in the OS keychain (Secret Service, macOS Keychain, Windows
// Credential Manager) through QtKeychain. Every call is asynchronous: the keychain may have to ask
// the user to unlock it. When no keychain backend answers, keys are kept in memory for this
// session only and isSessionOnly() says so; nothing is ever written to a file in plain text
// (QtKeychain's insecure fallback stays off).
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    enum class Storage { Keychain, Session };

    struct Result
    {
        bool ok = false; // false: the operation failed (see error)
        bool found = false; // for reads: a key exists for the profile
        QString key; // for reads
        Storage storage = Storage::Keychain; // where the key was read from or written to
        QString error; // why the keychain could not be used, or why the operation failed
    };
    using Callback = std::function<void(const Result &)>;

    // `service` names the keychain entries' owner ("crondesk"); tests pass their own.
    explicit CredentialStore(QObject *parent = nullptr);
    explicit CredentialStore(QString service, QObject *parent = nullptr);
    ~CredentialStore() override;

    QString service() const { return m_service; }

    // False: never ask the keychain, keep keys for the session only (e.g. crondesk
    // --no-keychain, or a test of the fallback).
    void setKeychainEnabled(bool enabled);
    bool isKeychainEnabled() const { return m_keychainEnabled; }
    // True once the keychain has been found unusable (or was disabled): keys written since then
    // are forgotten when the program ends.
    bool isSessionOnly() const { return m_sessionOnly; }
    // Why the keychain could not be used, as a sentence (see keychainErrorSentence), for the
    // "kept for this session only" message.
    QString keychainError() const { return m_keychainError; }
    // One sentence for the window: where keys are kept.
    QString storageNote() const;

    // Each calls `callback` exactly once, later, in `context`'s thread, unless `context` has been
    // destroyed by then.
    void readKey(const QString &profileName, const QObject *context, Callback callback);
    void writeKey(const QString &profileName, const QString &key, const QObject *context,
                  Callback callback);
    // Removing a key that does not exist succeeds.
    void removeKey(const QString &profileName, const QObject *context, Callback callback);

Q_SIGNALS:
    void sessionOnlyChanged(bool sessionOnly);

private:
    QString entryName(const QString &profileName) const;
    void markKeychainUnusable(const QString &error);
    void deliver(const QObject *context, Callback callback, const Result &result);

    QString m_service;
    QHash<QString, QString> m_sessionKeys;
    QString m_keychainError;
    bool m_keychainEnabled = true;
    bool m_sessionOnly = false;
};

// A keychain backend's error text (often a raw D-Bus error such as "The name
// org.freedesktop.secrets was not provided by any .service files") turned into a sentence an
// operator can act on. The raw text goes to the log, never to the window.
QString keychainErrorSentence(const QString &backendMessage);

} // namespace crondesk::models
