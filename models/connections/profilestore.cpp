#include "profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

constexpr auto profilesArray = "profiles"_L1;
constexpr auto lastUsedKey = "lastUsed"_L1;

} // namespace

ProfileStore::ProfileStore()
    : m_filePath(defaultFilePath())
{ }

ProfileStore::ProfileStore(QString filePath)
    : m_filePath(std::move(filePath))
{ }

QString ProfileStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/crondesk/profiles.conf"_s;
}

QList<ConnectionProfile> ProfileStore::load() const
{
    QSettings settings(m_filePath, QSettings::IniFormat);
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(profilesArray);
    // The array's "size" is only what the file claims: a damaged or hand-edited file can say
    // 2147483647 (found by fuzz_profilestore, which then ran for hours). Read the entries that
    // are there, in their order, rather than one per claimed index.
    QList<int> indices;
    const QStringList groups = settings.childGroups();
    for (const QString &group : groups) {
        bool isNumber = false;
        const int number = group.toInt(&isNumber);
        if (isNumber && number >= 1 && number <= count)
            indices.append(number - 1);
    }
    std::sort(indices.begin(), indices.end());
    for (const int i : std::as_const(indices)) {
        settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = settings.value("name"_L1).toString();
        if (profile.name.isEmpty())
            continue;
        profile.url = QUrl(settings.value("url"_L1).toString(), QUrl::StrictMode);
        profile.environment = settings.value("environment"_L1).toString();
        profile.colour = settings.value("colour"_L1).toString();
        profile.readOnly = settings.value("readOnly"_L1, false).toBool();
        profile.plainHttpAcknowledged = settings.value("plainHttpAcknowledged"_L1, false).toBool();
        // Re-parsed on load, so that a hand-edited file cannot smuggle in a reserved header or a
        // control character; what was wrong is kept, for the profile to be refused with a reason.
        // One header per entry: an entry with a line break in it is refused, not split into two
        // headers (the second one of the file editor's choosing).
        const QStringList headerEntries = settings.value("headers"_L1).toStringList();
        QString headerError;
        for (qsizetype line = 0; line < headerEntries.size() && headerError.isEmpty(); ++line) {
            const QString entry = headerEntries.at(line).trimmed();
            if (entry.contains(u'\n') || entry.contains(u'\r'))
                headerError = QCoreApplication::translate("ConnectionProfile",
                                                          "Header line %1: the value contains a "
                                                          "line break or another control "
                                                          "character.")
                                  .arg(line + 1);
        }
        if (headerError.isEmpty()
            && !parseHeaderLines(headerEntries.join(u'\n'), &profile.extraHeaders, &headerError))
            profile.extraHeaders.clear();
        profile.headerProblem = headerError;
        const QStringList pins = settings.value("pinnedCertificates"_L1).toStringList();
        for (const QString &pin : pins) {
            if (const QString normalised = normaliseFingerprint(pin); !normalised.isEmpty())
                profile.pinnedCertificates.append(normalised);
        }
        profiles.append(profile);
    }
    settings.endArray();
    return profiles;
}

std::optional<ConnectionProfile> ProfileStore::find(const QString &name) const
{
    const QList<ConnectionProfile> profiles = load();
    for (const ConnectionProfile &profile : profiles) {
        if (profile.name == name)
            return profile;
    }
    // A name typed on a command line may differ in case; accept that when it is unambiguous.
    std::optional<ConnectionProfile> match;
    for (const ConnectionProfile &profile : profiles) {
        if (profile.name.compare(name, Qt::CaseInsensitive) == 0) {
            if (match)
                return std::nullopt;
            match = profile;
        }
    }
    return match;
}

bool ProfileStore::save(const QList<ConnectionProfile> &profiles, QString *error) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSettings settings(m_filePath, QSettings::IniFormat);
    const QString lastUsedName = settings.value(lastUsedKey).toString();
    settings.remove(profilesArray);
    settings.beginWriteArray(profilesArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &profile = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue("name"_L1, profile.name);
        settings.setValue("url"_L1, profile.url.toString(QUrl::FullyEncoded));
        settings.setValue("environment"_L1, profile.environment);
        settings.setValue("colour"_L1, profile.colour);
        settings.setValue("readOnly"_L1, profile.readOnly);
        settings.setValue("plainHttpAcknowledged"_L1, profile.plainHttpAcknowledged);
        settings.setValue("headers"_L1,
                          headerLines(profile.extraHeaders).split(u'\n', Qt::SkipEmptyParts));
        settings.setValue("pinnedCertificates"_L1, profile.pinnedCertificates);
    }
    settings.endArray();
    bool lastUsedExists = false;
    for (const ConnectionProfile &profile : profiles)
        lastUsedExists = lastUsedExists || profile.name == lastUsedName;
    if (!lastUsedExists)
        settings.remove(lastUsedKey);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Could not write %1.")
                         .arg(QDir::toNativeSeparators(m_filePath));
        return false;
    }
    return true;
}

QString ProfileStore::lastUsed() const
{
    return QSettings(m_filePath, QSettings::IniFormat).value(lastUsedKey).toString();
}

void ProfileStore::setLastUsed(const QString &name) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSettings settings(m_filePath, QSettings::IniFormat);
    settings.setValue(lastUsedKey, name);
}

} // namespace crondesk::models
