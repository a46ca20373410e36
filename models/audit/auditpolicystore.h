#pragma once

#include <models/audit/auditpolicy.h>

#include <QString>

namespace crondesk::models {

// One audit policy per connection profile, each a policy file (docs/audit.md) in a folder beside
// the profiles file: ~/.config/crondesk/audit-policies/<profile>.json. A file the operator can
// read, diff, put under version control and hand to `crondeskctl audit --policy`; and
// `crondeskctl --profile NAME audit` uses the profile's without being told.
class AuditPolicyStore final
{
public:
    explicit AuditPolicyStore(QString directory);

    // The folder for the policies of the profiles kept in `profilesFile`.
    static QString directoryFor(const QString &profilesFile);

    QString directory() const { return m_directory; }
    // The file of a profile's policy: its name percent-encoded, so that any name is one file.
    QString filePath(const QString &profileName) const;
    bool hasPolicy(const QString &profileName) const;
    // The profile's policy; the default policy when it has none. A file that cannot be read or
    // is not a valid policy gives its problems (and no policy).
    AuditPolicyReading load(const QString &profileName) const;
    // Writes the profile's policy (atomically). Returns false and says why in `error`.
    bool save(const QString &profileName, const AuditPolicy &policy,
              QString *error = nullptr) const;

private:
    QString m_directory;
};

// A policy file anywhere (--policy FILE, Import…): at most 4 MiB, read and checked. Problems
// carry the file's line and column; one that cannot be opened says why.
AuditPolicyReading readAuditPolicyFile(const QString &path);
// Writes a policy file atomically (Export…, the profile's policy). Returns false with `error` set.
bool writeAuditPolicyFile(const QString &path, const AuditPolicy &policy, QString *error = nullptr);

} // namespace crondesk::models
