// Fuzzes the change journal's reader (models/journal/changejournal.*): journal.jsonl is appended to
// by two programs, may be cut by a crash mid-line, and is exported and shown in the journal view.
// Any bytes must read as the entries that parse (each with a time and an action) and a count of
// the lines skipped; each entry must survive its own JSON form; and what append() would write of it
// (bounded, then redacted) must never contain a secret given to setSecrets().
#include "fuzzcheck.h"

#include <models/journal/changejournal.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

const QString secret = u"K3y-s3cr3t-v4lue"_s;

QString scratchPath()
{
    static QTemporaryDir dir(QDir(u"/dev/shm"_s).exists()
                                 ? u"/dev/shm/crondesk-fuzz-XXXXXX"_s
                                 : QDir::tempPath() + u"/crondesk-fuzz-XXXXXX"_s);
    return dir.filePath(u"journal.jsonl"_s);
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
    const QString path = scratchPath();
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate), path);
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    models::ChangeJournal journal(path);
    journal.setSecrets({secret, u"abc"_s /* too short to redact */});
    int skipped = -1;
    QString error;
    const QList<models::JournalEntry> entries = journal.readAll(&skipped, &error);
    FUZZ_CHECK(error.isEmpty(), error);
    FUZZ_CHECK(skipped >= 0, QString::number(skipped));
    const qsizetype lines = fuzz::bytes(data, size).count('\n') + 1;
    FUZZ_CHECK(entries.size() + skipped <= lines, QString::number(entries.size()));

    for (const models::JournalEntry &entry : entries) {
        FUZZ_CHECK(entry.time.isValid() && entry.time.timeSpec() == Qt::UTC,
                   entry.time.toString(Qt::ISODateWithMs));
        FUZZ_CHECK(!entry.action.isEmpty(), u"an entry without an action"_s);
        // Its own JSON form reads back as itself (after one pass, which settles null / absent).
        const std::optional<models::JournalEntry> once
            = models::JournalEntry::fromJson(entry.toJson());
        FUZZ_CHECK(once, QString::fromUtf8(QJsonDocument(entry.toJson()).toJson()));
        FUZZ_CHECK(once->time == entry.time && once->action == entry.action
                       && once->cronId == entry.cronId && once->url == entry.url
                       && once->serverMessage == entry.serverMessage,
                   entry.cronId);
        const std::optional<models::JournalEntry> twice
            = models::JournalEntry::fromJson(once->toJson());
        FUZZ_CHECK(twice && *twice == *once, entry.cronId);
        // What append() writes: bounded, then without the secret anywhere.
        const models::JournalEntry bounded = models::ChangeJournal::bounded(entry);
        FUZZ_CHECK(bounded.serverMessage.size()
                       <= models::ChangeJournal::MaxJournalMessageCharacters + 64,
                   QString::number(bounded.serverMessage.size()));
        const QByteArray line
            = QJsonDocument(journal.redacted(bounded).toJson()).toJson(QJsonDocument::Compact);
        FUZZ_CHECK(!QString::fromUtf8(line).contains(secret), QString::fromUtf8(line));
        (void)models::JournalFilter {u"a"_s, {}, {}, {}, {}, true}.matches(entry);
    }
    return 0;
}
