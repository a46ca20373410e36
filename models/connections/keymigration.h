#pragma once

#include <models/connections/connectionprofile.h>
#include <models/connections/credentialstore.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace crondesk::models {

// One profile as the profile dialog returns it, with what became of its stored API key.
struct ProfileEdit
{
    ConnectionProfile profile;
    QString originalName; // the name it had when the dialog opened; empty for a new profile
    bool hadStoredKey = false; // a key was stored under originalName
    QString newKey; // typed in: store it under profile.name
    bool forgetKey = false; // remove the stored key
};

// One step of carrying profile edits over to the credential store.
struct KeyOperation
{
    enum class Kind {
        Remove, // the key stored under `name`
        Write, // `key` under `name`
        Move, // the key stored under `from` (if any) to `name`
    };

    Kind kind = Kind::Remove;
    QString name;
    QString from; // Move only
    QString key; // Write only

    friend bool operator==(const KeyOperation &, const KeyOperation &) = default;
};

// The keychain steps that follow saved profile edits, in the order they must run: the keys of
// removed profiles go, a forgotten key goes, a typed key is written under the (new) name, and a
// renamed profile's key follows it to the new name.
QList<KeyOperation> planKeyMigration(const QList<ProfileEdit> &edits, const QStringList &removed);

// Runs key operations against a CredentialStore one after the other (each waits for the
// keychain's answer to the one before), then reports once through finished() and deletes itself.
// It owns its state; nothing refers back to it after it is gone. Destroying it (or its parent)
// part-way abandons the rest.
class KeyMigration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyMigration)

public:
    KeyMigration(CredentialStore *store, QList<KeyOperation> operations, QObject *parent = nullptr);
    ~KeyMigration() override;

    void start();

Q_SIGNALS:
    // `keptForSessionOnly`: a key went to the session store because the keychain could not be
    // used.
    void finished(bool keptForSessionOnly);

private:
    void runNext();
    void note(const CredentialStore::Result &result);

    CredentialStore *m_store;
    QList<KeyOperation> m_operations;
    qsizetype m_next = 0;
    bool m_keptForSessionOnly = false;
};

} // namespace crondesk::models
