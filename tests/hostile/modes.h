#pragma once

#include <tests/hostile/hostileserver.h>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::hostile {

// A fake Agent Server that answers the routes the client uses (GET /ok, GET /info, cron count,
// search, get and create, assistant and thread search) sanely, from a fixed list of crons, with
// the search's limit and offset honoured. A mode then breaks one behaviour.
struct FakeAgentServer
{
    QList<QByteArray> crons; // what search returns, in order: JSON objects as text
    qint64 count = -1; // what count answers; -1: the number of crons

    Answer answer(const Request &request) const;

    // A well-formed cron with a UUID made from `index`, as JSON text; `payload` and `metadata`
    // are JSON text too, so that a test can put anything there.
    static QByteArray cron(qint64 index, const QByteArray &payload = "{}",
                           const QByteArray &metadata = "{}");
    static QString cronId(qint64 index);
    // The search answer for crons [offset, offset + limit) of `crons`.
    static QByteArray page(const QList<QByteArray> &crons, qint64 offset, qint64 limit);
};

// One way for a whole server to misbehave, by name. Names (see modeNames()):
//   ok                    the sane fake, three crons
//   truncated-length      every answer announces its Content-Length and stops half-way
//   truncated-chunked     chunked answers cut inside a chunk's data
//   chunked-unterminated  chunked answers without the last, zero-size chunk
//   bad-chunk-size        chunked answers whose chunk size is not a hexadecimal number
//   endless-body          a Content-Length of 2^50 and a body that never ends
//   endless-chunked       chunks that never end
//   huge-answer           chunks of 64 KiB that never end: a size limit comes before a timeout
//   endless-until-close   no length at all and a body that never ends
//   stall-after-headers   the head of every answer, then silence
//   slow-drip             every answer one byte every 200 ms
//   endless-paging        every cron search answers a full page of new crons; count says 5
//   repeating-paging      every cron search answers the same full page; count says 1000
//   huge-count            count says 2000000000000; three crons
//   deep-json             three crons, one with an input nested 600 deep and one 2000 deep
//   wrong-types           crons with a garbage next_run_date, a string payload, an array of
//                         metadata and a string `enabled`
//   html-200              every answer is 200 with an HTML page
//   redirect-loop         every answer is a 302 to itself
//   retry-after-odd       every answer is 429 with a Retry-After of -1, huge, a word or a date
QStringList modeNames();
// What a mode does, one sentence; empty for an unknown name.
QString modeDescription(const QString &name);
// The responder of a mode; nullopt for an unknown name.
std::optional<HostileServer::Responder> modeResponder(const QString &name);

// A JSON value nested `depth` arrays deep: [[[...1...]]].
QByteArray deeplyNested(int depth);

} // namespace crondesk::hostile
