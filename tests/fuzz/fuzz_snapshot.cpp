// Fuzzes the snapshot loader (models/compare/snapshot.*): a crondesk-snapshot file is shared
// between people and read back by `crondeskctl diff` and the Compare view, so any bytes must give
// either a snapshot or one problem with a one-line message naming the file. A snapshot that loads
// must survive a write and a load unchanged (what could not be read is not written back), its
// written form must be what the writer writes again, and once the secrets are redacted the text
// written must not contain them anywhere.
//
// The bytes are given as the file's mapping would be (QByteArray::fromRawData, no terminating
// NUL), so that ASan sees a read past the end of the text.
#include "fuzzcheck.h"

#include <models/compare/snapshot.h>

#include <QCoreApplication>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

const QString fileName = u"fuzz.crondesk-snapshot.json"_s;

// Long enough to be redacted (8 characters at least); the dictionary holds it, so that inputs
// carry it in crons, assistants, keys and the server's fields, raw or escaped.
const QString secret = u"lsv2_fuzz_secret_7f3a"_s;

bool isOneLine(const QString &text)
{
    return !text.contains(u'\n') && !text.contains(u'\r') && !text.contains(QChar(0));
}

// What a cron is after a write and a load: the fields that could not be read are written empty,
// and read back as empty, not as malformed.
api::Cron written(api::Cron cron)
{
    cron.malformed.clear();
    return cron;
}

// Qt 6.4's JSON parser drops a U+FEFF that begins a string (raw, not escaped: it decodes with
// QString::fromUtf8, which takes it for a byte order mark) and files an object's key so changed
// under its original bytes, where lookups and == no longer find it. Such text makes objects that
// compare unequal to themselves written and read again; it is Qt's, and everything read through
// QJsonDocument has it. For such input the objects (capabilities, assistants, payload, metadata)
// are not compared, the rest is, and the text written must still be stable.
bool qtDropsByteOrderMarks(const QByteArray &text)
{
    return text.contains("\"\xEF\xBB\xBF");
}

void checkSameSnapshot(const models::Snapshot &expected, const models::Snapshot &actual,
                       bool compareObjects)
{
    FUZZ_CHECK(actual.takenAt == expected.takenAt,
               expected.takenAt.toString(Qt::ISODateWithMs) + u" became "_s
                   + actual.takenAt.toString(Qt::ISODateWithMs));
    FUZZ_CHECK(actual.serverUrl == expected.serverUrl, expected.serverUrl);
    FUZZ_CHECK(actual.serverVersion == expected.serverVersion, expected.serverVersion);
    if (compareObjects) {
        FUZZ_CHECK(actual.capabilities == expected.capabilities, u"capabilities"_s);
        FUZZ_CHECK(actual.assistants == expected.assistants, u"assistants"_s);
    }
    FUZZ_CHECK(actual.crons.size() == expected.crons.size(),
               QString::number(expected.crons.size()) + u" crons became "_s
                   + QString::number(actual.crons.size()));
    for (qsizetype i = 0; i < expected.crons.size(); ++i) {
        api::Cron want = written(expected.crons.at(i));
        api::Cron got = actual.crons.at(i);
        if (!compareObjects) {
            want.payload = got.payload = QJsonObject();
            want.metadata = got.metadata = QJsonObject();
        }
        FUZZ_CHECK(got == want, u"cron "_s + want.cronId);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const models::SnapshotReadResult result = models::snapshotFromJsonText(text, fileName);

    // Either a snapshot or a problem, and a problem says what in one sentence about the file.
    FUZZ_CHECK(result.snapshot.has_value() == (result.problem == models::SnapshotProblem::None),
               result.message);
    if (!result.snapshot) {
        FUZZ_CHECK(result.problem != models::SnapshotProblem::Unreadable, result.message);
        FUZZ_CHECK(isOneLine(result.message), result.message);
        FUZZ_CHECK(result.message.contains(fileName), result.message);
        FUZZ_CHECK(result.message.endsWith(u'.'), result.message);
        return 0;
    }
    FUZZ_CHECK(result.message.isEmpty(), result.message);
    const models::Snapshot &snapshot = *result.snapshot;
    FUZZ_CHECK(snapshot.takenAt.isValid(), u"a snapshot without its instant"_s);
    for (const api::Cron &cron : snapshot.crons)
        FUZZ_CHECK(!cron.cronId.isEmpty() && !cron.schedule.isEmpty(), cron.cronId);

    // Redacted first, while payloads and metadata are still the text read (a comparison parses
    // them): the secret is nowhere in what is written, and the result still loads. The writer
    // escapes only quotes, backslashes and control characters, so a secret of letters, digits and
    // underscores held by any string (escaped as \u0073 in the input or not) would show here.
    const models::Snapshot redacted = models::redactSecrets(snapshot, {secret});
    const QByteArray redactedText = models::snapshotToJsonText(redacted);
    FUZZ_CHECK(!redactedText.contains(secret.toUtf8()), u"the secret was written"_s);
    const models::SnapshotReadResult reread = models::snapshotFromJsonText(redactedText, fileName);
    FUZZ_CHECK(reread.snapshot.has_value(), reread.message);
    const models::Snapshot &clean = *reread.snapshot;
    FUZZ_CHECK(!clean.serverUrl.contains(secret) && !clean.serverVersion.contains(secret),
               clean.serverUrl);
    FUZZ_CHECK(clean.crons.size() == snapshot.crons.size(), u"redaction lost crons"_s);

    // Written and read again: the same snapshot, and the same text when written once more.
    const QByteArray once = models::snapshotToJsonText(snapshot);
    const models::SnapshotReadResult again = models::snapshotFromJsonText(once, fileName);
    FUZZ_CHECK(again.snapshot.has_value(), again.message);
    checkSameSnapshot(snapshot, *again.snapshot, !qtDropsByteOrderMarks(text));
    FUZZ_CHECK(models::snapshotToJsonText(*again.snapshot) == once, u"the text changed"_s);
    return 0;
}
