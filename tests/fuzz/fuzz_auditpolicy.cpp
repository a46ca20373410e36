// Fuzzes the audit policy file loader (models/audit/auditpolicy.*): a policy is a JSON file people
// write by hand and hand to `crondeskctl audit --policy`, so any bytes must give either a policy or
// the problems, each a sentence placed at a line and column that exist in the text (or 0:0 for
// the whole file), in file order. A policy that loads survives writeAuditPolicy() and a load
// unchanged, and the writer writes the same text again.
#include "fuzzcheck.h"

#include <models/audit/auditpolicy.h>

#include <QCoreApplication>
#include <QStringList>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

QString describe(const models::AuditPolicyProblem &problem)
{
    return models::formatPolicyProblem(problem, u"policy.json"_s);
}

// The lines of the text the positions count in: the bytes as UTF-8 without a byte order mark,
// lines ended by '\n' only (an editor shows "\r\n" as one line end, and a column past the '\r'
// still lies on the line).
QStringList linesOf(QByteArrayView bytes)
{
    return QString::fromUtf8(models::withoutByteOrderMark(bytes)).split(u'\n');
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const models::AuditPolicyReading reading = models::readAuditPolicy(bytes);

    FUZZ_CHECK(reading.policy.has_value() == reading.problems.isEmpty(),
               QString::number(reading.problems.size()) + u" problem(s) and a policy"_s);
    const QStringList lines = linesOf(bytes);
    models::TextPosition previous;
    for (const models::AuditPolicyProblem &problem : reading.problems) {
        FUZZ_CHECK(!problem.message.isEmpty(), describe(problem));
        FUZZ_CHECK(problem.message.endsWith(u'.'), describe(problem));
        const models::TextPosition at = problem.position;
        if (at.line == 0) {
            FUZZ_CHECK(at.column == 0, describe(problem));
        } else {
            // Inside the text: on one of its lines, at most just past that line's last character
            // (where a truncated file ends).
            FUZZ_CHECK(at.line >= 1 && at.line <= lines.size(), describe(problem));
            FUZZ_CHECK(at.column >= 1 && at.column <= lines.at(at.line - 1).size() + 1,
                       describe(problem));
        }
        // File order, as an editor lists them; the problems that have no place come first.
        FUZZ_CHECK(std::pair(previous.line, previous.column) <= std::pair(at.line, at.column),
                   describe(problem));
        previous = at;
    }
    if (!reading.policy)
        return 0;

    const models::AuditPolicy &policy = *reading.policy;
    FUZZ_CHECK(policy.horizonDays >= 1 && policy.horizonDays <= models::AuditPolicy::maxHorizonDays,
               QString::number(policy.horizonDays));
    for (const QString &key : policy.requiredMetadata)
        FUZZ_CHECK(!key.trimmed().isEmpty(), u"an empty required metadata key"_s);
    for (const models::AuditAcknowledgement &acknowledgement : policy.acknowledgements) {
        FUZZ_CHECK(!acknowledgement.reason.isEmpty(), acknowledgement.cronId);
        FUZZ_CHECK(acknowledgement.until.isValid(), acknowledgement.cronId);
    }

    // Written and read again: the same policy, and the same text when written once more.
    const QByteArray written = models::writeAuditPolicy(policy);
    const models::AuditPolicyReading again = models::readAuditPolicy(written);
    FUZZ_CHECK(again.problems.isEmpty(), describe(again.problems.value(0)));
    FUZZ_CHECK(again.policy == policy, QString::fromUtf8(written));
    FUZZ_CHECK(models::writeAuditPolicy(*again.policy) == written, u"the text changed"_s);
    return 0;
}
