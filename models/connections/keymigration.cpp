#include "keymigration.h"

namespace crondesk::models {

QList<KeyOperation> planKeyMigration(const QList<ProfileEdit> &edits, const QStringList &removed)
{
    using Kind = KeyOperation::Kind;
    QList<KeyOperation> operations;
    for (const QString &name : removed)
        operations.append({Kind::Remove, name, {}, {}});
    for (const ProfileEdit &edit : edits) {
        const QString &name = edit.profile.name;
        const QString &original = edit.originalName;
        const bool renamed = !original.isEmpty() && original != name;
        const bool keyFollows = renamed && edit.hadStoredKey && !edit.forgetKey;
        if (edit.forgetKey && edit.hadStoredKey)
            operations.append({Kind::Remove, original, {}, {}});
        if (!edit.newKey.isEmpty()) {
            operations.append({Kind::Write, name, {}, edit.newKey});
            // The typed key replaces the one stored under the old name.
            if (keyFollows)
                operations.append({Kind::Remove, original, {}, {}});
        } else if (keyFollows) {
            operations.append({Kind::Move, name, original, {}});
        }
    }
    return operations;
}

KeyMigration::KeyMigration(CredentialStore *store, QList<KeyOperation> operations, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_operations(std::move(operations))
{ }

KeyMigration::~KeyMigration() = default;

void KeyMigration::start()
{
    runNext();
}

void KeyMigration::runNext()
{
    if (m_next >= m_operations.size()) {
        Q_EMIT finished(m_keptForSessionOnly);
        deleteLater();
        return;
    }
    const KeyOperation &operation = m_operations.at(m_next++);
    // Every callback is bound to this object: the store drops it if the job is gone.
    auto thenNext = [this](const CredentialStore::Result &result) {
        note(result);
        runNext();
    };
    switch (operation.kind) {
    case KeyOperation::Kind::Remove:
        m_store->removeKey(operation.name, this, thenNext);
        return;
    case KeyOperation::Kind::Write:
        m_store->writeKey(operation.name, operation.key, this, thenNext);
        return;
    case KeyOperation::Kind::Move:
        m_store->readKey(operation.from, this,
                         [this, thenNext, to = operation.name,
                          from = operation.from](const CredentialStore::Result &read) {
                             if (!read.found) {
                                 runNext();
                                 return;
                             }
                             m_store->writeKey(
                                 to, read.key, this,
                                 [this, thenNext, from](const CredentialStore::Result &written) {
                                     note(written);
                                     m_store->removeKey(from, this, thenNext);
                                 });
                         });
        return;
    }
}

void KeyMigration::note(const CredentialStore::Result &result)
{
    if (result.storage == CredentialStore::Storage::Session)
        m_keptForSessionOnly = true;
}

} // namespace crondesk::models
