// Fuzzes the decoder of what the server says about crons (models/api/cronlistparser.cpp): a search
// page (an array of crons, read in one pass with payload and metadata left as validated text) and
// one cron on its own (the answer to a get, create or update). Beyond "no sanitizer report":
//   - a page that decodes in full also decodes with only ids required, to the same crons;
//   - one cron decodes on its own exactly as it does as a page of one;
//   - every decoded cron has its required fields, its malformed fields in order, each of them
//     empty, and lazy payload/metadata whose emptiness read from the text matches the parse;
//   - the wire form of a decoded cron decodes back to the same cron.
#include "fuzzcheck.h"

#include <models/api/cron.h>

#include <QJsonDocument>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

void checkCron(const api::Cron &cron, api::CronDecoding decoding, const QByteArray &input)
{
    const QString where = QString::fromUtf8(input.left(200));
    FUZZ_CHECK(!cron.cronId.isEmpty(), where);
    if (decoding == api::CronDecoding::Full)
        FUZZ_CHECK(!cron.schedule.isEmpty(), where);
    for (qsizetype i = 1; i < cron.malformed.size(); ++i)
        FUZZ_CHECK(cron.malformed.at(i - 1).field <= cron.malformed.at(i).field, where);
    for (const api::MalformedField &field : cron.malformed) {
        FUZZ_CHECK(!field.problem.isEmpty(), where);
        FUZZ_CHECK(field.received.size() <= api::MalformedField::maxReceivedLength, where);
    }
    if (cron.malformedField(u"next_run_date"))
        FUZZ_CHECK(!cron.nextRunDate.isValid(), where);
    if (cron.malformedField(u"payload"))
        FUZZ_CHECK(cron.payload.isEmpty(), where);
    if (cron.malformedField(u"metadata"))
        FUZZ_CHECK(cron.metadata.isEmpty(), where);
    if (cron.malformedField(u"enabled"))
        FUZZ_CHECK(cron.enabled, where);
    for (const api::LazyJsonObject *lazy : {&cron.payload, &cron.metadata}) {
        const bool emptyFromText = lazy->isEmpty();
        const QByteArray text = lazy->toCompactJson();
        FUZZ_CHECK(emptyFromText == lazy->object().isEmpty(),
                   where + u" " + QString::fromUtf8(text));
        FUZZ_CHECK(!lazy->isUnparsed(), where);
    }
}

// cronToJson, then back: the same cron (a decoded cron has nothing malformed left to say).
void checkRoundTrip(api::Cron cron, const QByteArray &input)
{
    cron.malformed.clear();
    QString error;
    const std::optional<api::Cron> again = api::cronFromJson(api::cronToJson(cron), &error);
    FUZZ_CHECK(again, error + u" for " + QString::fromUtf8(input.left(200)));
    FUZZ_CHECK(*again == cron,
               QString::fromUtf8(
                   QJsonDocument(api::cronToJson(cron)).toJson(QJsonDocument::Compact) + " became "
                   + QJsonDocument(api::cronToJson(*again)).toJson(QJsonDocument::Compact)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    QString error;
    const std::optional<QList<api::Cron>> full = api::cronListFromJson(input, &error);
    FUZZ_CHECK(full || !error.isEmpty(), u"a refused page without a reason"_s);
    const std::optional<QList<api::Cron>> ids
        = api::cronListFromJson(input, nullptr, api::CronDecoding::IdOnly);
    if (full) {
        FUZZ_CHECK(ids && *ids == *full, QString::fromUtf8(input.left(200)));
        for (const api::Cron &cron : *full) {
            checkCron(cron, api::CronDecoding::Full, input);
            checkRoundTrip(cron, input);
        }
    } else if (ids) {
        for (const api::Cron &cron : *ids)
            checkCron(cron, api::CronDecoding::IdOnly, input);
    }

    error.clear();
    const std::optional<api::Cron> one = api::cronFromJsonText(input, &error);
    FUZZ_CHECK(one || !error.isEmpty(), u"a refused cron without a reason"_s);
    if (one)
        checkCron(*one, api::CronDecoding::Full, input);
    // One cron reads alike on its own and as a page of one. A byte order mark may open a
    // document only, so it stays in front of the page's '['.
    const QByteArray bom = "\xEF\xBB\xBF";
    const QByteArray asPage = input.startsWith(bom)
        ? QByteArray(bom + '[' + input.sliced(bom.size()) + ']')
        : QByteArray('[' + input + ']');
    const std::optional<QList<api::Cron>> page = api::cronListFromJson(asPage);
    FUZZ_CHECK(bool(one) == (page && page->size() == 1), QString::fromUtf8(input.left(200)));
    if (one)
        FUZZ_CHECK(page->first() == *one, QString::fromUtf8(input.left(200)));
    return 0;
}
