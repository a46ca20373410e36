// Fuzzes LazyJsonObject (models/api/lazyjson.*), a JSON object kept as a slice of a page until it
// is first read. Its contract: the slice it is given has been checked to be one well-formed object,
// and then reading it is reading that object. Two ways in:
//   1. Text QJsonDocument reads as an object, placed at an offset inside a larger buffer: before
//      the parse isEmpty() and toCompactJson() answer from the text; after it (through a copy,
//      which shares the parse) the object is the one QJsonDocument reads, equal to a lazy object
//      made from another buffer, and its compact text is QJsonDocument's.
//   2. Text the page decoder validated as a cron's payload: the decoder's check must be one that
//      the parse behind LazyJsonObject agrees with, or the payload would silently read as {}.
#include "fuzzcheck.h"

#include <models/api/cron.h>
#include <models/api/lazyjson.h>

#include <QJsonDocument>
#include <QJsonParseError>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

QString show(const QByteArray &input)
{
    return QString::fromUtf8(input.left(300).toPercentEncoding(" {}[]\":,"));
}

void checkSlice(const QByteArray &text, const QJsonObject &expected)
{
    const QByteArray buffer = "[1," + text + ",2]";
    const qsizetype begin = 3;
    const qsizetype end = begin + text.size();
    const api::LazyJsonObject lazy = api::LazyJsonObject::fromValidatedJson(buffer, begin, end);
    FUZZ_CHECK(lazy.isUnparsed(), show(text));
    FUZZ_CHECK(lazy.isEmpty() == expected.isEmpty(), show(text));
    FUZZ_CHECK(lazy.toCompactJson() == text, show(text));

    const api::LazyJsonObject copy = lazy; // shares the parse
    FUZZ_CHECK(copy.object() == expected, show(text));
    FUZZ_CHECK(!lazy.isUnparsed(), show(text));
    FUZZ_CHECK(lazy.size() == expected.size(), show(text));
    FUZZ_CHECK(lazy.isEmpty() == expected.isEmpty(), show(text));
    FUZZ_CHECK(lazy.toCompactJson() == QJsonDocument(expected).toJson(QJsonDocument::Compact),
               show(text));

    // The same text in another buffer, still unparsed: equal without a parse, and equal to the
    // object itself.
    const QByteArray other = text + ' ';
    const api::LazyJsonObject second
        = api::LazyJsonObject::fromValidatedJson(other, 0, text.size());
    const api::LazyJsonObject third = api::LazyJsonObject::fromValidatedJson(other, 0, text.size());
    FUZZ_CHECK(second == third, show(text));
    FUZZ_CHECK(second == lazy, show(text));
    FUZZ_CHECK(second == expected, show(text));

    // Two slices in one allocation, one of them absent.
    api::LazyJsonObject first;
    api::LazyJsonObject none = expected; // overwritten with an empty, non-lazy object
    api::LazyJsonObject::fromValidatedJson(buffer, {begin, end}, {}, &first, &none);
    FUZZ_CHECK(!none.isUnparsed() && none.isEmpty(), show(text));
    FUZZ_CHECK(first.object() == expected, show(text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    // 1. Text that QJsonDocument validates.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    const QByteArray trimmed = input.trimmed();
    if (error.error == QJsonParseError::NoError && document.isObject() && trimmed.startsWith('{'))
        checkSlice(trimmed, document.object());

    // 2. Text that the page decoder validates as a payload.
    const QByteArray page = R"([{"cron_id":"c","schedule":"* * * * *","payload":)" + input + "}]";
    const std::optional<QList<api::Cron>> crons = api::cronListFromJson(page);
    if (!crons || crons->size() != 1)
        return 0;
    const api::Cron &cron = crons->first();
    if (cron.malformedField(u"payload"))
        return 0;
    // The text the decoder kept as the payload, which LazyJsonObject parses on the first read:
    // the input, or only its first object when the input goes on with more members of the cron
    // (`{...},"enabled":false`; found by fuzzing: the harness took the whole input for the
    // payload). Before that read, toCompactJson() is that text.
    const QByteArray kept = cron.payload.toCompactJson();
    QJsonParseError parse;
    const QJsonDocument own = QJsonDocument::fromJson(kept, &parse);
    FUZZ_CHECK(parse.error == QJsonParseError::NoError && own.isObject(),
               u"the decoder accepted a payload that does not parse: "_s + parse.errorString()
                   + u" in "_s + show(kept));
    FUZZ_CHECK(cron.payload.object() == own.object(), show(kept));
    return 0;
}
