// Differential fuzzing of the page decoder (models/api/cronlistparser.cpp, a one-pass scanner)
// against the decoder it replaced: QJsonDocument, then cronFromJson on each element
// (listFromJson). On the same bytes both must accept or both refuse, and when both accept, give
// the same crons: every field both read, the payload and metadata objects, the same malformed
// fields with the same problems.
//
// Where they differ on purpose (docs/RELIABILITY.md, "Fuzzing"), the oracle says so:
//   - Nesting. QJsonDocument refuses a whole document nested deeper than 1,024 levels; the scanner
//     reads any depth (without recursion) and loses only a payload or metadata nested deeper than
//     maxReadableNesting, flagged malformed (issue 20, defect 4: one cron must not cost the
//     listing). So when QJsonDocument says DeepNesting, the scanner may accept; nothing is
//     compared then.
//   - Numbers beyond a double's range (1e400, 1e-400, 400 digits). QJsonDocument refuses the whole
//     document; the scanner reads the page and flags a payload or metadata holding one (an ignored
//     or wrongly typed field holding one is no reason to lose the page). So when QJsonDocument
//     says IllegalNumber and the text does hold such a number, the scanner may accept.
//   - Text that is not JSON (RFC 8259) but that QJsonDocument takes anyway: "1." and ".5",
//     escapes such as "\x", raw control characters in strings. The scanner refuses them, the
//     way Python's json (the server's) would; the oracle checks that its refusal points at one.
//   - The text of MalformedField::received. Both give the value as compact JSON, cut to 200
//     characters; the scanner re-compacts the raw bytes only up to 800 bytes (a bound on the work
//     for a value that is wrong anyway), so a longer value with white space in it may read
//     differently once cut. Compared only when neither was cut.
#include "fuzzcheck.h"

#include <models/api/cron.h>
#include <models/api/jsonlist.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

QString show(const QByteArray &input)
{
    return QString::fromUtf8(input.left(300).toPercentEncoding(" {}[]\":,"));
}

QString showFields(const QList<api::MalformedField> &fields)
{
    QStringList parts;
    for (const api::MalformedField &f : fields)
        parts.append(f.field + u"=" + f.received + u" (" + f.problem + u")");
    return parts.join(u"; "_s);
}

// Whether the text, outside strings, holds a number token that no double holds.
bool holdsNumberOutOfRange(const QByteArray &input)
{
    bool inString = false;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const char c = input.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            continue;
        qsizetype end = i;
        while (end < input.size() && QByteArrayView("+-.eE0123456789").contains(input.at(end)))
            ++end;
        bool ok = false;
        (void)QByteArrayView(input).sliced(i, end - i).toDouble(&ok);
        if (!ok && end - i > 1)
            return true;
        i = end - 1;
    }
    return false;
}

// Whether the scanner refused the text where QJsonDocument is more lenient than RFC 8259.
bool refusedWhereQtIsLenient(const QString &error, const QByteArray &input)
{
    static const QRegularExpression pattern(u"^invalid JSON at offset (\\d+): (.*)$"_s);
    const QRegularExpressionMatch match = pattern.match(error);
    if (!match.hasMatch())
        return false;
    const qsizetype offset = match.captured(1).toLongLong();
    const QString what = match.captured(2);
    auto at = [&input](qsizetype i) { return i >= 0 && i < input.size() ? input.at(i) : '\0'; };
    if (what == "bad number"_L1)
        return at(offset) == '.' || at(offset - 1) == '.'; // "1.", "1.e5", ".5", "-.5"
    if (what == "bad escape"_L1)
        return !QByteArrayView("\"\\/bfnrtu").contains(at(offset));
    if (what == "control character in a string"_L1)
        return uchar(at(offset)) < 0x20;
    return false;
}

void compare(const api::Cron &scanned, const api::Cron &oracle, const QByteArray &input)
{
    const QString where = u" in "_s + show(input);
    FUZZ_CHECK(scanned.cronId == oracle.cronId, u"cron_id"_s + where);
    FUZZ_CHECK(scanned.assistantId == oracle.assistantId, u"assistant_id"_s + where);
    FUZZ_CHECK(scanned.threadId == oracle.threadId, u"thread_id"_s + where);
    FUZZ_CHECK(scanned.schedule == oracle.schedule, u"schedule"_s + where);
    FUZZ_CHECK(scanned.timezone == oracle.timezone, u"timezone"_s + where);
    FUZZ_CHECK(scanned.onRunCompleted == oracle.onRunCompleted, u"on_run_completed"_s + where);
    FUZZ_CHECK(scanned.userId == oracle.userId, u"user_id"_s + where);
    FUZZ_CHECK(scanned.endTime == oracle.endTime, u"end_time"_s + where);
    FUZZ_CHECK(scanned.nextRunDate == oracle.nextRunDate, u"next_run_date"_s + where);
    FUZZ_CHECK(scanned.createdAt == oracle.createdAt, u"created_at"_s + where);
    FUZZ_CHECK(scanned.updatedAt == oracle.updatedAt, u"updated_at"_s + where);
    FUZZ_CHECK(scanned.enabled == oracle.enabled, u"enabled"_s + where);
    FUZZ_CHECK(scanned.payload.object() == oracle.payload.object(), u"payload"_s + where);
    FUZZ_CHECK(scanned.metadata.object() == oracle.metadata.object(), u"metadata"_s + where);
    const QString malformed
        = showFields(scanned.malformed) + u" vs "_s + showFields(oracle.malformed) + where;
    FUZZ_CHECK(scanned.malformed.size() == oracle.malformed.size(), malformed);
    for (qsizetype i = 0; i < scanned.malformed.size(); ++i) {
        const api::MalformedField &a = scanned.malformed.at(i);
        const api::MalformedField &b = oracle.malformed.at(i);
        FUZZ_CHECK(a.field == b.field && a.problem == b.problem, malformed);
        if (!a.received.endsWith(u'…') && !b.received.endsWith(u'…'))
            FUZZ_CHECK(a.received == b.received, malformed);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    QJsonParseError parseError;
    (void)QJsonDocument::fromJson(input, &parseError);
    QString oracleError;
    const std::optional<QList<api::Cron>> oracle = api::listFromJson<api::Cron>(
        input, "crons",
        [](const QJsonObject &object, QString *error) { return api::cronFromJson(object, error); },
        &oracleError);
    QString scannerError;
    const std::optional<QList<api::Cron>> scanned = api::cronListFromJson(input, &scannerError);

    if (parseError.error == QJsonParseError::DeepNesting)
        return 0; // the scanner reads deeper documents on purpose (see above)
    if (parseError.error == QJsonParseError::IllegalNumber && scanned
        && holdsNumberOutOfRange(input))
        return 0; // read on purpose, the number's field flagged or ignored (see above)
    if (oracle && !scanned && refusedWhereQtIsLenient(scannerError, input))
        return 0; // not JSON, although QJsonDocument reads it (see above)

    FUZZ_CHECK(bool(scanned) == bool(oracle),
               u"scanner: "_s + (scanned ? u"accepted"_s : scannerError) + u"; QJsonDocument: "_s
                   + (oracle ? u"accepted"_s : oracleError) + u" in "_s + show(input));
    if (!scanned)
        return 0;
    FUZZ_CHECK(scanned->size() == oracle->size(), show(input));
    for (qsizetype i = 0; i < scanned->size(); ++i)
        compare(scanned->at(i), oracle->at(i), input);
    return 0;
}
