#include "auditpolicystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("AuditPolicy", text);
}

// A policy is a few kilobytes; anything this big is not one, and is not read into memory whole.
constexpr qint64 maxPolicyBytes = 4 * 1024 * 1024;

AuditPolicyReading fileProblem(const QString &message)
{
    AuditPolicyReading reading;
    reading.problems.append({TextPosition {}, QString(), message});
    return reading;
}

} // namespace

AuditPolicyStore::AuditPolicyStore(QString directory)
    : m_directory(std::move(directory))
{ }

QString AuditPolicyStore::directoryFor(const QString &profilesFile)
{
    return QFileInfo(profilesFile).absoluteDir().filePath(u"audit-policies"_s);
}

QString AuditPolicyStore::filePath(const QString &profileName) const
{
    // Percent-encoding keeps every name one file name ("prod/eu" is not a folder, ".." is not
    // the parent) and still readable for the common ones.
    QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(profileName, " "));
    if (encoded.startsWith(u'.'))
        encoded.replace(0, 1, u"%2E"_s);
    return QDir(m_directory).filePath(encoded + u".json"_s);
}

bool AuditPolicyStore::hasPolicy(const QString &profileName) const
{
    return QFileInfo::exists(filePath(profileName));
}

AuditPolicyReading AuditPolicyStore::load(const QString &profileName) const
{
    if (!hasPolicy(profileName)) {
        AuditPolicyReading reading;
        reading.policy = AuditPolicy();
        return reading;
    }
    return readAuditPolicyFile(filePath(profileName));
}

bool AuditPolicyStore::save(const QString &profileName, const AuditPolicy &policy,
                            QString *error) const
{
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = translate("Cannot create the folder %1.").arg(m_directory);
        return false;
    }
    return writeAuditPolicyFile(filePath(profileName), policy, error);
}

AuditPolicyReading readAuditPolicyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileProblem(translate("Cannot read the policy file: %1.").arg(file.errorString()));
    const QByteArray bytes = file.read(maxPolicyBytes + 1);
    if (bytes.size() > maxPolicyBytes)
        return fileProblem(translate("This file is larger than 4 MiB: it is not a policy."));
    return readAuditPolicy(bytes);
}

bool writeAuditPolicyFile(const QString &path, const AuditPolicy &policy, QString *error)
{
    QSaveFile file(path);
    const QByteArray bytes = writeAuditPolicy(policy);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = translate("Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace crondesk::models
