// Fuzzes the HTTP/1.1 answer reader of the API client (models/api/http1responseparser.*, behind
// ApiNetworkManager's Http1Reply): bytes as a server, or anything posing as one, sends them. The
// first input byte picks the request's method (GET, HEAD, POST) and the size of the pieces the rest
// arrives in; the connection closes after the last byte. The reader must come to the same verdict
// (complete or failed, and why; status, headers, body, framing) whether the bytes come at once or
// piece by piece; a complete answer framed by Content-Length has exactly that many body bytes, a
// failed one says why; the head is reported once, before any body. A third reading takes the bytes
// as Http1Reply does from its socket: the head line by line, body bytes of a known length straight
// from the connection's buffer (appendBodyFrom), the rest through append(), the body handed over
// whole at the end (takeWholeBody); it must come to the same verdict and body, and leave bytes
// after the body unread.
#include "fuzzcheck.h"

#include <models/api/http1responseparser.h>

#include <QBuffer>

#include <algorithm>

using namespace crondesk;
using namespace Qt::StringLiterals;
using Parser = api::Http1ResponseParser;

namespace {

struct Outcome
{
    Parser::Event event = Parser::Event::NeedMore;
    Parser::Failure failure = Parser::Failure::None;
    int status = 0;
    Parser::HeaderList headers;
    QByteArray body;
    Parser::Framing framing = Parser::Framing::None;
    bool keepAlive = false;
    int heads = 0;
};

// Moves up to `count` body bytes out of the parser into the outcome, as a reply's reader would.
void take(Parser &parser, Outcome *outcome, qint64 count)
{
    const qint64 available = parser.bodyAvailable();
    QByteArray part(qsizetype(std::min(count, available)), Qt::Uninitialized);
    FUZZ_CHECK(parser.readBody(part.data(), part.size()) == part.size(), u"a short read"_s);
    FUZZ_CHECK(parser.bodyAvailable() == available - part.size(), u"available"_s);
    outcome->body += part;
}

// Reads events until the parser needs more bytes or is done, taking body bytes `readSize` at a
// time as they come, and the rest at the end (all at once with takeWholeBody() when `whole`).
void drain(Parser &parser, Outcome *outcome, qint64 readSize, bool whole = false)
{
    for (int guard = 0; guard < 1'000'000; ++guard) {
        const Parser::Event event = parser.next();
        switch (event) {
        case Parser::Event::NeedMore:
            return;
        case Parser::Event::Head:
            ++outcome->heads;
            FUZZ_CHECK(outcome->heads == 1, u"the head reported twice"_s);
            FUZZ_CHECK(parser.status() >= 200 && parser.status() <= 999,
                       QString::number(parser.status()));
            FUZZ_CHECK(parser.bodySize() == 0, u"body before the head"_s);
            break;
        case Parser::Event::Body:
            FUZZ_CHECK(outcome->heads == 1, u"body without a head"_s);
            if (parser.framing() == Parser::Framing::Length)
                FUZZ_CHECK(parser.bodySize() <= parser.expectedLength(),
                           QString::number(parser.bodySize()));
            take(parser, outcome, readSize);
            break;
        case Parser::Event::Complete:
        case Parser::Event::Failed:
            outcome->event = event;
            outcome->failure = parser.failure();
            outcome->status = parser.status();
            outcome->headers = parser.headers();
            if (whole)
                outcome->body += parser.takeWholeBody();
            else
                take(parser, outcome, parser.bodyAvailable());
            FUZZ_CHECK(parser.bodyAvailable() == 0 && outcome->body.size() == parser.bodySize(),
                       QString::number(outcome->body.size()));
            outcome->framing = parser.framing();
            outcome->keepAlive = parser.keepAlive();
            FUZZ_CHECK(parser.next() == event, u"the verdict changed"_s);
            return;
        }
    }
    FUZZ_CHECK(false, u"the parser never settles"_s);
}

// What every complete or failed reading must hold.
void check(const Parser &parser, const Outcome &outcome)
{
    FUZZ_CHECK(outcome.event == Parser::Event::Complete || outcome.event == Parser::Event::Failed,
               u"no verdict after the close"_s);
    if (outcome.event == Parser::Event::Failed) {
        FUZZ_CHECK(outcome.failure != Parser::Failure::None, u"failed without a reason"_s);
        FUZZ_CHECK(!parser.errorString().isEmpty(), u"failed without a message"_s);
    } else {
        FUZZ_CHECK(outcome.heads == 1, u"complete without a head"_s);
        if (outcome.framing == Parser::Framing::Length)
            FUZZ_CHECK(outcome.body.size() == parser.expectedLength(),
                       QString::number(outcome.body.size()));
        if (outcome.framing == Parser::Framing::None)
            FUZZ_CHECK(outcome.body.isEmpty(), u"a body where none may be"_s);
        if (outcome.framing == Parser::Framing::UntilClose)
            FUZZ_CHECK(!outcome.keepAlive, u"kept alive after a body read to the close"_s);
    }
}

Outcome read(const QByteArray &verb, const QByteArray &bytes, qsizetype piece)
{
    Parser parser(verb);
    Outcome outcome;
    for (qsizetype at = 0; at < bytes.size() && outcome.event == Parser::Event::NeedMore;
         at += piece) {
        parser.append(QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)));
        drain(parser, &outcome, piece * 3);
    }
    if (outcome.event == Parser::Event::NeedMore) {
        parser.close();
        drain(parser, &outcome, piece * 3);
    }
    check(parser, outcome);
    return outcome;
}

// As Http1Reply reads its socket: the bytes arrive in `piece`s in the connection's buffer; body
// bytes go straight into the body while they can, everything else through append().
Outcome readAsSocket(const QByteArray &verb, const QByteArray &bytes, qsizetype piece)
{
    Parser parser(verb);
    Outcome outcome;
    QBuffer socket;
    socket.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    for (qsizetype at = 0; at < bytes.size() && outcome.event == Parser::Event::NeedMore;
         at += piece) {
        socket.buffer().append(
            QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)));
        while (outcome.event == Parser::Event::NeedMore && parser.readingHead()
               && socket.canReadLine()) {
            const QByteArray line = socket.readLine();
            FUZZ_CHECK(line.endsWith('\n'), u"a line without its end"_s);
            parser.append(line);
            drain(parser, &outcome, 0, true);
        }
        if (outcome.event != Parser::Event::NeedMore)
            break;
        for (;;) {
            const qint64 before = socket.bytesAvailable();
            const qint64 direct = parser.appendBodyFrom(socket);
            FUZZ_CHECK(direct >= 0 && socket.bytesAvailable() == before - direct,
                       QString::number(direct));
            if (direct == 0)
                break;
            FUZZ_CHECK(parser.framing() == Parser::Framing::Length
                           && parser.bodySize() <= parser.expectedLength(),
                       QString::number(parser.bodySize()));
            FUZZ_CHECK(parser.next() == Parser::Event::Body, u"direct bytes not reported"_s);
            drain(parser, &outcome, 0, true);
            if (outcome.event != Parser::Event::NeedMore) {
                // Read up to the body's end, never past it.
                FUZZ_CHECK(outcome.event == Parser::Event::Complete, u"failed after direct"_s);
                check(parser, outcome);
                return outcome;
            }
        }
        if (socket.bytesAvailable() > 0) {
            parser.append(socket.readAll());
            drain(parser, &outcome, 0, true);
        }
    }
    if (outcome.event == Parser::Event::NeedMore) {
        parser.close();
        drain(parser, &outcome, 0, true);
    }
    check(parser, outcome);
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const QByteArray verbs[] = {"GET", "HEAD", "POST"};
    const QByteArray &verb = verbs[data[0] % 3];
    const qsizetype piece = 1 + (data[0] >> 2) % 17;
    const QByteArray bytes = fuzz::bytes(data + 1, size - 1);

    const Outcome whole = read(verb, bytes, std::max<qsizetype>(1, bytes.size()));
    const Outcome pieces = read(verb, bytes, piece);
    const Outcome socket = readAsSocket(verb, bytes, piece);
    const QString what = QString::fromLatin1(bytes.left(200).toPercentEncoding());
    FUZZ_CHECK(whole.event == pieces.event, what);
    FUZZ_CHECK(whole.failure == pieces.failure, what);
    if (whole.event == Parser::Event::Complete) {
        FUZZ_CHECK(whole.status == pieces.status, what);
        FUZZ_CHECK(whole.headers == pieces.headers, what);
        FUZZ_CHECK(whole.body == pieces.body, what);
        FUZZ_CHECK(whole.framing == pieces.framing, what);
        FUZZ_CHECK(whole.keepAlive == pieces.keepAlive, what);
    }
    FUZZ_CHECK(whole.event == socket.event, what);
    FUZZ_CHECK(whole.failure == socket.failure, what);
    if (whole.event == Parser::Event::Complete) {
        FUZZ_CHECK(whole.status == socket.status, what);
        FUZZ_CHECK(whole.headers == socket.headers, what);
        FUZZ_CHECK(whole.body == socket.body, what);
        FUZZ_CHECK(whole.framing == socket.framing, what);
        FUZZ_CHECK(whole.keepAlive == socket.keepAlive, what);
    }
    return 0;
}
