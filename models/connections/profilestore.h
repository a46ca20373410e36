#pragma once

#include <models/connections/connectionprofile.h>

#include <QList>
#include <QString>

#include <optional>

namespace crondesk::models {

// The connection profiles on disk: an INI file shared by crondesk and crondeskctl
// (~/.config/crondesk/profiles.conf). Holds no API key, ever: those are in the keychain.
class ProfileStore final
{
public:
    // The shared file in the user's configuration directory (honours QStandardPaths' test mode).
    ProfileStore();
    // A file of the caller's choosing, for tests.
    explicit ProfileStore(QString filePath);

    QString filePath() const { return m_filePath; }
    static QString defaultFilePath();

    // In the order they were saved. Unreadable entries (no name) are skipped.
    QList<ConnectionProfile> load() const;
    std::optional<ConnectionProfile> find(const QString &name) const;
    // Replaces every profile. Returns false when the file could not be written.
    bool save(const QList<ConnectionProfile> &profiles, QString *error = nullptr) const;

    // The profile the app opened last, so that it opens it again.
    QString lastUsed() const;
    void setLastUsed(const QString &name) const;

private:
    QString m_filePath;
};

} // namespace crondesk::models
