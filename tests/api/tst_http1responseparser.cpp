// Http1ResponseParser given an answer in reads of every size, as a socket hands them over, through
// both ways in: a view (always copied) and an array of its own (taken without a copy when it is a
// large read of body bytes alone). The body must come out the same, byte for byte, however it came
// in; the fuzzer covers small reads and odd framing, this covers the large reads it cannot reach.
#include <models/api/http1responseparser.h>

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
