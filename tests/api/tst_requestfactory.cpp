#include <models/api/requestfactory.h>

#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::api::RequestFactory;

class TestRequestFactory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodePathSegment_keepsEachIdInOneSegment_data()
    {
        // api-contract §7.15 (the Python SDK's path-encoding tests).
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("uuid") << u"550e8400-e29b-41d4-a716-446655440000"_s
                              << QByteArray("550e8400-e29b-41d4-a716-446655440000");
        QTest::newRow("slash") << u"foo/bar"_s << QByteArray("foo%2Fbar");
        QTest::newRow("dot") << u"."_s << QByteArray("%2E");
        QTest::newRow("dot dot") << u".."_s << QByteArray("%2E%2E");
        QTest::newRow("dotted name") << u"agent.v1"_s << QByteArray("agent.v1");
        QTest::newRow("dot dot slash") << u"../bar"_s << QByteArray("..%2Fbar");
        QTest::newRow("query and fragment") << u"a?b#c"_s << QByteArray("a%3Fb%23c");
        QTest::newRow("space and unicode") << u"a b/é"_s << QByteArray("a%20b%2F%C3%A9");
    }
    void encodePathSegment_keepsEachIdInOneSegment()
    {
        QFETCH(QString, id);
        QFETCH(QByteArray, encoded);
        QCOMPARE(RequestFactory::encodePathSegment(id), encoded);
    }

    void url_neverLetsAnIdEscapeItsSegment_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("traversal")
            << u"https://example.com"_s << u"../runs/crons/x"_s
            << QByteArray("https://example.com/runs/crons/..%2Fruns%2Fcrons%2Fx");
        QTest::newRow("base with path") << u"https://example.com/api/"_s << u"abc"_s
                                        << QByteArray("https://example.com/api/runs/crons/abc");
        QTest::newRow("base with port") << u"http://127.0.0.1:2024"_s << u"c1"_s
                                        << QByteArray("http://127.0.0.1:2024/runs/crons/c1");
    }
    void url_neverLetsAnIdEscapeItsSegment()
    {
        QFETCH(QString, base);
        QFETCH(QString, id);
        QFETCH(QByteArray, expected);
        const RequestFactory factory {QUrl(base)};
        const QUrl url = factory.url({u"runs"_s, u"crons"_s, id});
        QCOMPARE(url.toEncoded(), expected);
    }

    void createRequest_sendsKeyOnlyInXApiKey()
    {
        RequestFactory factory {QUrl(u"https://example.com"_s)};
        QNetworkRequest request = factory.createRequest({u"ok"_s});
        QVERIFY(!request.hasRawHeader("x-api-key"));
        factory.setApiKey(u"secret"_s);
        request = factory.createRequest({u"ok"_s});
        QCOMPARE(request.rawHeader("x-api-key"), QByteArray("secret"));
        QVERIFY(!request.hasRawHeader("Authorization"));
    }

    void createRequest_setsUserAgentAndExtraHeaders()
    {
        RequestFactory factory {QUrl(u"https://example.com"_s)};
        factory.setExtraHeaders(
            {{"X-Auth-Scheme", "langsmith-api-key"}, {"X-Api-Key", "smuggled"}});
        factory.setApiKey(u"real"_s);
        const QNetworkRequest request = factory.createRequest({u"info"_s});
        QCOMPARE(request.header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 QByteArray("crondesk/" CRONDESK_VERSION));
        QCOMPARE(request.rawHeader("X-Auth-Scheme"), QByteArray("langsmith-api-key"));
        // The key has its own setter; an extra header cannot replace or duplicate it.
        QCOMPARE(request.rawHeader("x-api-key"), QByteArray("real"));
        QCOMPARE(factory.extraHeaders().size(), 1);
    }

    void isValidHeaderValue_refusesEveryControlCharacter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("langsmith-api-key") << true;
        QTest::newRow("spaces and tab") << QByteArray("a b\tc") << true;
        QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("CR LF and a header") << QByteArray("b\r\nx-api-key: KEY") << false;
        QTest::newRow("LF alone") << QByteArray("b\nX-Evil: 1") << false;
        QTest::newRow("CR alone") << QByteArray("b\rX-Evil: 1") << false;
        QTest::newRow("NUL") << QByteArray("b\0c", 3) << false;
        QTest::newRow("escape") << QByteArray("\x1b[31m") << false;
        QTest::newRow("bell") << QByteArray("a\x07") << false;
        QTest::newRow("DEL") << QByteArray("a\x7f") << false;
    }
    void isValidHeaderValue_refusesEveryControlCharacter()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        QCOMPARE(RequestFactory::isValidHeaderValue(value), valid);
    }

    void isValidHeaderName_acceptsOnlyTokens_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("X-Auth-Scheme") << true;
        QTest::newRow("RFC 9110 punctuation") << QByteArray("x!#$%&'*+-.^_`|~1") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("space") << QByteArray("X A") << false;
        QTest::newRow("colon") << QByteArray("X:A") << false;
        QTest::newRow("CR LF") << QByteArray("X\r\nY") << false;
        QTest::newRow("non-ASCII") << QByteArray("X-\xc3\xa9") << false;
    }
    void isValidHeaderName_acceptsOnlyTokens()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, valid);
        QCOMPARE(RequestFactory::isValidHeaderName(name), valid);
    }

    void createRequest_neverSetsAHeaderWithALineBreak_data()
    {
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::newRow("extra header") << u"real-key"_s << QByteArray("b\r\nx-api-key: KEY");
        QTest::newRow("API key") << u"KEY\r\nX-Evil: 1"_s << QByteArray("b");
        QTest::newRow("both, LF only") << u"KEY\nX-Evil: 1"_s << QByteArray("b\nX-Evil: 1");
    }
    void createRequest_neverSetsAHeaderWithALineBreak()
    {
        QFETCH(QString, apiKey);
        QFETCH(QByteArray, headerValue);
        RequestFactory factory {QUrl(u"https://example.com"_s)};
        factory.setApiKey(apiKey);
        factory.setExtraHeaders({{"X-A", headerValue}});
        const QNetworkRequest request = factory.createRequest({u"info"_s});
        for (const QByteArray &name : request.rawHeaderList()) {
            const QByteArray value = request.rawHeader(name);
            QVERIFY2(RequestFactory::isValidHeaderValue(value), name.constData());
        }
        // The problem is named, and neither the key nor the header's value is in the sentence.
        const QString problem = factory.headerProblem();
        QVERIFY(!problem.isEmpty());
        QVERIFY(!problem.contains(u"KEY"_s));
        QVERIFY(!problem.contains(u"Evil"_s));
    }

    void headerProblem_isEmptyForValidHeaders()
    {
        RequestFactory factory {QUrl(u"https://example.com"_s)};
        factory.setApiKey(u"lsv2_pt_0123"_s);
        factory.setExtraHeaders({{"X-Auth-Scheme", "langsmith-api-key"}});
        QCOMPARE(factory.headerProblem(), QString());
    }

    void isSafePathSegment_rejectsWhatAUrlCannotCarry()
    {
        QVERIFY(!RequestFactory::isSafePathSegment(QString()));
        QVERIFY(!RequestFactory::isSafePathSegment(u"."_s));
        QVERIFY(!RequestFactory::isSafePathSegment(u".."_s));
        QVERIFY(RequestFactory::isSafePathSegment(u"..."_s));
        QVERIFY(RequestFactory::isSafePathSegment(u"../x"_s));
        QVERIFY(RequestFactory::isSafePathSegment(u"agent.v1"_s));
    }
};

QTEST_GUILESS_MAIN(TestRequestFactory)
#include "tst_requestfactory.moc"
