// Fuzzes the profile file loader (models/connections/profilestore.*): profiles.conf is an INI file
// that people edit by hand and that both crondesk and crondeskctl read at start, so any bytes must
// load quickly into profiles that have a name, carry no header with a line break (a profile whose
// headers cannot be read says why instead) and survive a save and a load unchanged.
#include "fuzzcheck.h"

#include <models/connections/profilestore.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

QString scratchDirectory()
{
    // In memory where there is such a place: the loader reads a file, and this runs millions of
    // times.
    static QTemporaryDir dir(QDir(u"/dev/shm"_s).exists()
                                 ? u"/dev/shm/crondesk-fuzz-XXXXXX"_s
                                 : QDir::tempPath() + u"/crondesk-fuzz-XXXXXX"_s);
    return dir.path();
}

// A new name each time: QSettings caches files by name and may not notice a rewrite.
QString nextPath()
{
    static quint64 counter = 0;
    return scratchDirectory() + u"/profiles-"_s + QString::number(++counter) + u".conf"_s;
}

bool hasLineBreak(const QByteArray &bytes)
{
    return bytes.contains('\n') || bytes.contains('\r') || bytes.contains('\0');
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    QStandardPaths::setTestModeEnabled(true);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = nextPath();
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly), path);
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const models::ProfileStore store(path);
    const QList<models::ConnectionProfile> profiles = store.load();
    for (const models::ConnectionProfile &profile : profiles) {
        FUZZ_CHECK(!profile.name.isEmpty(), u"a profile without a name"_s);
        if (!profile.headerProblem.isEmpty())
            FUZZ_CHECK(profile.extraHeaders.isEmpty(), profile.headerProblem);
        for (const auto &[name, value] : profile.extraHeaders)
            FUZZ_CHECK(!hasLineBreak(name) && !hasLineBreak(value), profile.name);
    }
    if (!profiles.isEmpty())
        (void)store.find(profiles.first().name.toUpper());
    (void)store.lastUsed();

    // Saved and loaded again: the same profiles (what could not be read is not written back).
    const QString copyPath = nextPath();
    const models::ProfileStore copy(copyPath);
    FUZZ_CHECK(copy.save(profiles), copyPath);
    const QList<models::ConnectionProfile> again = copy.load();
    FUZZ_CHECK(again.size() == profiles.size(),
               QString::number(profiles.size()) + u" became "_s + QString::number(again.size()));
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        models::ConnectionProfile expected = profiles.at(i);
        expected.headerProblem.clear();
        models::ConnectionProfile actual = again.at(i);
        FUZZ_CHECK(actual.headerProblem.isEmpty(), actual.headerProblem);
        if (!expected.url.isValid()) {
            // An unreadable URL is written as what it was read as: nothing usable either way.
            FUZZ_CHECK(!actual.url.isValid() || actual.url.isEmpty(), actual.url.toString());
            actual.url = expected.url;
        } else {
            // The same URL, compared as the text it is written as: QUrl's == also compares how a
            // part was spelled, and "#a#b" read back from the "#a%23b" it is written as differs
            // there while meaning the same (crash-url-fragment-spelling in the corpus).
            FUZZ_CHECK(actual.url.toString(QUrl::FullyEncoded)
                           == expected.url.toString(QUrl::FullyEncoded),
                       actual.url.toString(QUrl::FullyEncoded));
            actual.url = expected.url;
        }
        FUZZ_CHECK(actual == expected, expected.name);
    }
    QFile::remove(path);
    QFile::remove(copyPath);
    return 0;
}
