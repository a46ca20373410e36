// Http1ResponseParser given an answer in reads of every size, as a socket hands them over, through
// the three ways in: a view (always copied), an array of its own (taken without a copy when it is
// a large read of body bytes alone), and straight from the connection's buffer into the body
// (appendBodyFrom, as Http1Reply reads). The body must come out the same, byte for byte, however it
// came in; the fuzzer covers small reads and odd framing, this covers the large reads it cannot
// reach.
#include <models/api/http1responseparser.h>

#include <QBuffer>
#include <QTest>

using namespace crondesk::api;

namespace {

QByteArray bodyOf(qsizetype size)
{
    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = char('a' + (i * 7 + i / 1000) % 26);
    return body;
}

QByteArray chunked(const QByteArray &body, qsizetype chunk)
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        const QByteArray part = body.mid(at, chunk);
        out += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

struct Read
{
    Http1ResponseParser::Event event = Http1ResponseParser::Event::NeedMore;
    QByteArray body;
};

// Feeds `answer` cut at `cuts` (sizes of successive reads; the rest in one), alternating the two
// ways in when `mixed`, reading the body out as it arrives.
Read feed(const QByteArray &answer, const QList<qsizetype> &cuts, bool owned, bool mixed)
{
    Http1ResponseParser parser("GET");
    Read read;
    qsizetype at = 0;
    int n = 0;
    auto drain = [&] {
        for (;;) {
            read.event = parser.next();
            if (read.event == Http1ResponseParser::Event::Body) {
                QByteArray part(parser.bodyAvailable(), Qt::Uninitialized);
                part.truncate(parser.readBody(part.data(), part.size()));
                read.body += part;
                continue;
            }
            if (read.event != Http1ResponseParser::Event::Head)
                return;
        }
    };
    QList<qsizetype> sizes = cuts;
    sizes.append(answer.size());
    for (const qsizetype size : std::as_const(sizes)) {
        if (at >= answer.size())
            break;
        QByteArray piece = answer.mid(at, size);
        at += piece.size();
        if (owned && (!mixed || n++ % 2 == 0))
            parser.append(std::move(piece));
        else
            parser.append(QByteArrayView(piece));
        drain();
    }
    return read;
}

// As Http1Reply reads its socket: `answer` arrives in the connection's buffer cut at `cuts`; the
// head is handed over line by line, body bytes go straight into the body while they can, the rest
// through append(); the body is taken
// whole at the end, or read out as it arrives when `streamed`. Returns what is left unread in the
// connection in `left`.
Read feedAsSocket(const QByteArray &answer, const QList<qsizetype> &cuts, bool streamed,
                  QByteArray *left = nullptr)
{
    Http1ResponseParser parser("GET");
    QBuffer socket;
    socket.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    Read read;
    auto drain = [&] {
        for (;;) {
            read.event = parser.next();
            if (read.event == Http1ResponseParser::Event::Body && streamed) {
                QByteArray part(parser.bodyAvailable(), Qt::Uninitialized);
                part.truncate(parser.readBody(part.data(), part.size()));
                read.body += part;
                continue;
            }
            if (read.event == Http1ResponseParser::Event::Complete)
                read.body += parser.takeWholeBody();
            if (read.event != Http1ResponseParser::Event::Head
                && read.event != Http1ResponseParser::Event::Body)
                return;
        }
    };
    QList<qsizetype> sizes = cuts;
    sizes.append(answer.size());
    qsizetype at = 0;
    for (const qsizetype size : std::as_const(sizes)) {
        if (at >= answer.size() || read.event == Http1ResponseParser::Event::Complete)
            break;
        socket.buffer().append(answer.mid(at, size));
        at += qMin(size, answer.size() - at);
        while (parser.readingHead() && socket.canReadLine()) {
            parser.append(socket.readLine());
            drain();
        }
        while (read.event != Http1ResponseParser::Event::Complete
               && parser.appendBodyFrom(socket) > 0)
            drain();
        if (read.event != Http1ResponseParser::Event::Complete && socket.bytesAvailable() > 0) {
            parser.append(socket.readAll());
            drain();
        }
    }
    if (left)
        *left = socket.readAll() + answer.mid(at);
    return read;
}

} // namespace

class TestHttp1ResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeReads_giveTheBodyExactly_data()
    {
        QTest::addColumn<bool>("isChunked");
        QTest::addColumn<qsizetype>("chunk");
        QTest::addColumn<QList<qsizetype>>("cuts");
        const qsizetype k = 1024;
        const QList<qsizetype> mixedCuts {100, 70 * k, 64 * k, 1, 200 * k, 64 * k - 1, 3, 90 * k};
        QTest::newRow("length, large and small reads") << false << qsizetype(0) << mixedCuts;
        QTest::newRow("length, head with body, then one read")
            << false << qsizetype(0) << QList<qsizetype> {150 * k};
        QTest::newRow("length, reads of exactly 64 KiB")
            << false << qsizetype(0) << QList<qsizetype>(12, 64 * k);
        QTest::newRow("chunked 100 KiB, mixed reads") << true << 100 * k << mixedCuts;
        QTest::newRow("chunked 64 KiB, reads of 64 KiB")
            << true << 64 * k << QList<qsizetype>(12, 64 * k);
        QTest::newRow("chunked 1 KiB, large reads")
            << true << k << QList<qsizetype> {300 * k, 300 * k};
    }
    void largeReads_giveTheBodyExactly()
    {
        QFETCH(bool, isChunked);
        QFETCH(qsizetype, chunk);
        QFETCH(QList<qsizetype>, cuts);
        const QByteArray body = bodyOf(700 * 1024 + 13);
        const QByteArray answer = isChunked
            ? QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + chunked(body, chunk))
            : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                         + "\r\n\r\n" + body);
        for (const auto &[owned, mixed] :
             {std::pair {false, false}, std::pair {true, false}, std::pair {true, true}}) {
            const Read read = feed(answer, cuts, owned, mixed);
            QCOMPARE(read.event, Http1ResponseParser::Event::Complete);
            QCOMPARE(read.body.size(), body.size());
            QVERIFY(read.body == body);
        }
    }

    // Read as Http1Reply reads its socket, the same answers give the same body, whether it is read
    // out as it arrives or taken whole at the end.
    void readFromTheConnection_givesTheBodyExactly_data() { largeReads_giveTheBodyExactly_data(); }
    void readFromTheConnection_givesTheBodyExactly()
    {
        QFETCH(bool, isChunked);
        QFETCH(qsizetype, chunk);
        QFETCH(QList<qsizetype>, cuts);
        const QByteArray body = bodyOf(700 * 1024 + 13);
        const QByteArray answer = isChunked
            ? QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + chunked(body, chunk))
            : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                         + "\r\n\r\n" + body);
        for (const bool streamed : {false, true}) {
            const Read read = feedAsSocket(answer, cuts, streamed);
            QCOMPARE(read.event, Http1ResponseParser::Event::Complete);
            QCOMPARE(read.body.size(), body.size());
            QVERIFY(read.body == body);
        }
    }

    // Reading straight from the connection stops at the body's end: what follows (the start of
    // an answer nobody asked for) stays in the connection, so that it is not taken for body and
    // the connection is not kept for another request.
    void readFromTheConnection_leavesTheBytesAfterTheBody()
    {
        const QByteArray body = bodyOf(200 * 1024);
        const QByteArray extra = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno";
        const QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body + extra;
        QByteArray left;
        const Read read = feedAsSocket(answer, {100, 64 * 1024, 150 * 1024}, false, &left);
        QCOMPARE(read.event, Http1ResponseParser::Event::Complete);
        QVERIFY(read.body == body);
        QCOMPARE(left, extra);
    }

    // A body of known length whose connection closes early is cut off, also when its bytes were
    // read straight from the connection.
    void readFromTheConnection_cutOff_isAnError()
    {
        const QByteArray body = bodyOf(300 * 1024);
        Http1ResponseParser parser("GET");
        parser.append(QByteArray("HTTP/1.1 200 OK\r\nContent-Length: "
                                 + QByteArray::number(body.size() + 10) + "\r\n\r\n"));
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Head);
        QBuffer socket;
        socket.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        socket.buffer() = body;
        QCOMPARE(parser.appendBodyFrom(socket), body.size());
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Body);
        QCOMPARE(parser.next(), Http1ResponseParser::Event::NeedMore);
        QCOMPARE(parser.appendBodyFrom(socket), 0);
        parser.close();
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Failed);
        QCOMPARE(parser.failure(), Http1ResponseParser::Failure::CutOff);
    }

    // Only a body of known length is read straight from the connection: a head, a chunked body
    // or one read until the close goes through append(), where its framing is judged.
    void readFromTheConnection_onlyForABodyOfKnownLength()
    {
        QBuffer socket;
        socket.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        socket.buffer() = "HTTP/1.1 200 OK\r\n";
        Http1ResponseParser beforeHead("GET");
        QCOMPARE(beforeHead.appendBodyFrom(socket), 0);

        Http1ResponseParser chunkedAnswer("GET");
        chunkedAnswer.append(QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        QCOMPARE(chunkedAnswer.next(), Http1ResponseParser::Event::Head);
        socket.buffer() = "5\r\nhello\r\n0\r\n\r\n";
        socket.seek(0);
        QCOMPARE(chunkedAnswer.appendBodyFrom(socket), 0);

        Http1ResponseParser untilClose("GET");
        untilClose.append(QByteArray("HTTP/1.1 200 OK\r\n\r\n"));
        QCOMPARE(untilClose.next(), Http1ResponseParser::Event::Head);
        QCOMPARE(untilClose.appendBodyFrom(socket), 0);
        QCOMPARE(socket.bytesAvailable(), socket.buffer().size());
    }

    // A body cut off inside a large read is still an error, whichever way it came in.
    void largeRead_cutOff_isAnError()
    {
        const QByteArray body = bodyOf(300 * 1024);
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: "
            + QByteArray::number(body.size() + 10) + "\r\n\r\n";
        Http1ResponseParser parser("GET");
        parser.append(std::move(head));
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Head);
        parser.append(QByteArray(body));
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Body);
        QCOMPARE(parser.bodyAvailable(), body.size());
        parser.close();
        QCOMPARE(parser.next(), Http1ResponseParser::Event::Failed);
        QCOMPARE(parser.failure(), Http1ResponseParser::Failure::CutOff);
    }
};

QTEST_GUILESS_MAIN(TestHttp1ResponseParser)
#include "tst_http1responseparser.moc"
