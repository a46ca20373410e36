#include <models/api/apierror.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::api;

namespace {

// JSON fixtures written with single quotes, to keep them readable without escapes.
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

} // namespace
using Kind = ApiError::Kind;

Q_DECLARE_METATYPE(crondesk::api::ApiError::Kind)
Q_DECLARE_METATYPE(crondesk::api::ApiError::Resource)

class TestApiError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHttp_mapsStatusToKind_data()
    {
        // api-contract §7.13: the Python SDK's error tests, body {"message":"boom",...}.
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("400") << 400 << Kind::BadRequest;
        QTest::newRow("401") << 401 << Kind::Unauthorized;
        QTest::newRow("403") << 403 << Kind::Forbidden;
        QTest::newRow("404") << 404 << Kind::NotFound;
        QTest::newRow("405") << 405 << Kind::MethodNotAllowed;
        QTest::newRow("409") << 409 << Kind::Conflict;
        QTest::newRow("413") << 413 << Kind::PayloadTooLarge;
        QTest::newRow("418") << 418 << Kind::UnexpectedStatus;
        QTest::newRow("422") << 422 << Kind::Validation;
        QTest::newRow("429") << 429 << Kind::RateLimited;
        QTest::newRow("500") << 500 << Kind::Server;
        QTest::newRow("503") << 503 << Kind::Server;
    }
    void fromHttp_mapsStatusToKind()
    {
        QFETCH(int, status);
        QFETCH(Kind, kind);
        const ApiError error = errorFromHttp(
            status, {}, quoted("{'message':'boom','code':'abc','param':'p','type':'t'}"));
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.message, u"boom"_s);
    }

    void fromHttp_successIsNoError_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("200") << 200;
        QTest::newRow("201") << 201;
        QTest::newRow("204") << 204;
    }
    void fromHttp_successIsNoError()
    {
        QFETCH(int, status);
        QVERIFY(!errorFromHttp(status, {}, {}).isError());
    }

    void fromHttp_readsTheMessageFromEveryBodyShape_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("detail string")
            << QByteArray(quoted("{'detail':'Request body cannot be empty'}"))
            << u"Request body cannot be empty"_s;
        QTest::newRow("detail object")
            << QByteArray(quoted("{'detail':{'message':'nested'}}")) << u"nested"_s;
        QTest::newRow("detail list (FastAPI)")
            << QByteArray(quoted("{'detail':[{'loc':['body','schedule'],'msg':'field required'}]}"))
            << u"schedule: field required"_s;
        QTest::newRow("message") << QByteArray(quoted("{'message':'Validation failed'}"))
                                 << u"Validation failed"_s;
        QTest::newRow("error string") << QByteArray(quoted("{'error':'quota'}")) << u"quota"_s;
        QTest::newRow("error object")
            << QByteArray(quoted("{'error':{'message':'inner'}}")) << u"inner"_s;
        QTest::newRow("bare JSON string (old schema)")
            << QByteArray(quoted("'Not implemented'")) << u"Not implemented"_s;
        QTest::newRow("plain text") << QByteArray("Too many requests\n") << u"Too many requests"_s;
        QTest::newRow("empty body falls back to reason")
            << QByteArray() << u"Unprocessable Entity"_s;
    }
    void fromHttp_readsTheMessageFromEveryBodyShape()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QCOMPARE(errorFromHttp(422, {}, body).message, message);
    }

    // Found by tst_hostilematrix (redirect-loop): a redirect said only "HTTP 302". It is never
    // followed, so the message says where it points and that it was not followed.
    void redirect_saysWhereItPointsAndThatItIsNotFollowed_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<QString>("message");
        QTest::newRow("302 elsewhere")
            << 302 << QByteArray("https://login.example.com/sso")
            << u"The server redirects to https://login.example.com/sso; redirects are not "
               "followed: if that is the deployment, use its URL."_s;
        QTest::newRow("301 to itself") << 301 << QByteArray("/runs/crons/search")
                                       << u"The server redirects to /runs/crons/search; redirects "
                                          "are not followed: if that is the deployment, use its "
                                          "URL."_s;
        QTest::newRow("307 without a location")
            << 307 << QByteArray()
            << u"The server redirects without saying where to; redirects are not followed."_s;
        QTest::newRow("308 with a 300-character location")
            << 308 << QByteArray("/" + QByteArray(299, 'a'))
            << u"The server redirects to /"_s + QString(199, u'a')
                + u"…; redirects are not followed: if that is the deployment, use its URL."_s;
    }
    void redirect_saysWhereItPointsAndThatItIsNotFollowed()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, location);
        QFETCH(QString, message);
        HeaderList headers;
        if (!location.isEmpty())
            headers.append({"Location", location});
        const ApiError error = errorFromHttp(status, headers, "<html><body>Moved</body></html>"_ba);
        QCOMPARE(error.kind, Kind::UnexpectedStatus);
        QCOMPARE(error.message, message);
    }

    void fromHttp_keepsRequestId()
    {
        const ApiError error
            = errorFromHttp(404, {{"X-Request-Id", "req-123"}}, quoted("{'detail':'missing'}"));
        QCOMPARE(error.kind, Kind::NotFound);
        QCOMPARE(error.requestId, u"req-123"_s);
        QVERIFY(error.toString().contains(u"req-123"_s));
    }

    void fromHttp_rateLimitedWithTextBody_keepsRetryAfter()
    {
        const ApiError error = errorFromHttp(429, {{"Retry-After", "7"}}, "Too many requests");
        QCOMPARE(error.kind, Kind::RateLimited);
        QCOMPARE(error.retryAfter.count(), 7);
        QVERIFY(error.isTransient());
    }

    void fromHttp_retryAfterAsHttpDate_isSecondsFromNow()
    {
        const QByteArray date
            = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::RFC2822Date).toLatin1();
        const ApiError error = errorFromHttp(503, {{"retry-after", date}}, {});
        QVERIFY2(error.retryAfter.count() >= 100 && error.retryAfter.count() <= 121,
                 date.constData());
    }

    void fromHttp_validationDetail_namesTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("timezone") << QByteArray(
            "{\"detail\":\"Invalid timezone: 'Mars/Base'. Use IANA timezone format (e.g. "
            "'America/New_York').\"}")
                                  << u"timezone"_s;
        QTest::newRow("schedule") << QByteArray(quoted("{'detail':'Invalid cron schedule'}"))
                                  << u"schedule"_s;
        QTest::newRow("cron id") << QByteArray(
            quoted("{'detail':'Invalid cron ID: must be a UUID'}"))
                                 << u"cron_id"_s;
        QTest::newRow("required property")
            << QByteArray("{\"detail\":\"\\\"assistant_id\\\" is a required property\"}")
            << u"assistant_id"_s;
        QTest::newRow("webhook") << QByteArray(quoted("{'detail':'Webhook must use https'}"))
                                 << u"webhook"_s;
        QTest::newRow("unknown") << QByteArray(quoted("{'detail':'something else entirely'}"))
                                 << QString();
        QTest::newRow("FastAPI loc")
            << QByteArray(quoted("{'detail':[{'loc':['body','timezone'],'msg':'bad zone'}]}"))
            << u"timezone"_s;
        QTest::newRow("detail object with field")
            << QByteArray(quoted("{'detail':{'message':'bad','field':'end_time'}}"))
            << u"end_time"_s;
        QTest::newRow("param (Python SDK error shape)")
            << QByteArray(quoted("{'message':'boom','code':'abc','param':'webhook','type':'t'}"))
            << u"webhook"_s;
    }
    void fromHttp_validationDetail_namesTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QCOMPARE(errorFromHttp(422, {}, body).field, field);
    }

    // A missing route, or a feature the server does not have, is told from a refusal of what was
    // asked (it used to be told by matching the message wherever it was needed).
    void fromHttp_unsupported_tellsMissingRoutesFromRealRefusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("unsupported");
        QTest::newRow("405") << 405 << QByteArray("{\"detail\":\"Method Not Allowed\"}") << true;
        QTest::newRow("501") << 501 << QByteArray() << true;
        QTest::newRow("500 Not implemented (JS dev server)")
            << 500 << QByteArray("Not implemented") << true;
        QTest::newRow("502 not implemented") << 502 << QByteArray("route not implemented") << true;
        QTest::newRow("500 other") << 500 << QByteArray("{\"detail\":\"boom\"}") << false;
        QTest::newRow("404 router") << 404 << QByteArray("{\"detail\":\"Not Found\"}") << true;
        QTest::newRow("404 without a body") << 404 << QByteArray() << true;
        QTest::newRow("404 missing cron")
            << 404 << QByteArray("{\"detail\":\"Cron 1 not found\"}") << false;
        QTest::newRow("422") << 422 << QByteArray("{\"detail\":\"Invalid cron ID\"}") << false;
        QTest::newRow("422 that says not implemented")
            << 422 << QByteArray("{\"detail\":\"not implemented\"}") << false;
    }
    void fromHttp_unsupported_tellsMissingRoutesFromRealRefusals()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QTEST(errorFromHttp(status, {}, body).unsupported, "unsupported");
    }

    void fromHttp_notFound_saysWhichResourceIsMissing_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ApiError::Resource>("missing");
        using Resource = ApiError::Resource;
        QTest::newRow("thread") << 404 << QByteArray("{\"detail\":\"Thread 5b4a7f3c not found\"}")
                                << Resource::Thread;
        QTest::newRow("assistant")
            << 404 << QByteArray("{\"detail\":\"Assistant 'x' not found\"}") << Resource::Assistant;
        QTest::newRow("graph") << 404 << QByteArray("{\"detail\":\"No graph named 'x'\"}")
                               << Resource::Assistant;
        QTest::newRow("cron") << 404 << QByteArray("{\"detail\":\"Cron 'c' not found\"}")
                              << Resource::Cron;
        QTest::newRow("run") << 404 << QByteArray("{\"detail\":\"Run r not found\"}")
                             << Resource::Run;
        QTest::newRow("router") << 404 << QByteArray("{\"detail\":\"Not Found\"}")
                                << Resource::None;
        // Only a 404 says something is missing.
        QTest::newRow("422 about a thread")
            << 422 << QByteArray("{\"detail\":\"Thread id must be a UUID\"}") << Resource::None;
    }
    void fromHttp_notFound_saysWhichResourceIsMissing()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QTEST(errorFromHttp(status, {}, body).missing, "missing");
    }

    void fromHttp_quotedValue_isTracedToTheFieldThatSentIt_data()
    {
        QTest::addColumn<QByteArray>("detail");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("field");
        const QByteArray create = quoted("{'assistant_id':'agent','schedule':'0 8 * * *',"
                                         "'on_run_completed':'nope','enabled':true,"
                                         "'limit':0,'durability':'forever'}");
        QTest::newRow("enum string") << QByteArray(
            "{\"detail\":\"\\\"nope\\\" is not one of [\\\"delete\\\",\\\"keep\\\"]\"}")
                                     << create << u"on_run_completed"_s;
        QTest::newRow("number below minimum")
            << QByteArray(quoted("{'detail':'0 is less than the minimum of 1'}")) << create
            << u"limit"_s;
        QTest::newRow("value no field carries")
            << QByteArray(quoted("{'detail':'7 is less than the minimum of 1'}")) << create
            << QString();
        QTest::newRow("known detail wins")
            << QByteArray(quoted("{'detail':'Invalid cron schedule'}")) << create << u"schedule"_s;
        QTest::newRow("two fields with the value: no guess")
            << QByteArray(quoted("{'detail':'true is not of type string'}"))
            << quoted("{'enabled':true,'stream_subgraphs':true}") << QString();
    }
    void fromHttp_quotedValue_isTracedToTheFieldThatSentIt()
    {
        QFETCH(QByteArray, detail);
        QFETCH(QByteArray, request);
        QFETCH(QString, field);
        const ApiError error = errorFromHttp(422, {}, detail, request);
        QCOMPARE(error.kind, Kind::Validation);
        QCOMPARE(error.field, field);
    }

    void fromHttp_everyKindKeepsStatusMessageAndRequestId_data()
    {
        // api-contract §7.13: one body, every status; the typed kind and status survive.
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("400") << 400 << Kind::BadRequest;
        QTest::newRow("401") << 401 << Kind::Unauthorized;
        QTest::newRow("403") << 403 << Kind::Forbidden;
        QTest::newRow("404") << 404 << Kind::NotFound;
        QTest::newRow("409") << 409 << Kind::Conflict;
        QTest::newRow("422") << 422 << Kind::Validation;
        QTest::newRow("429") << 429 << Kind::RateLimited;
        QTest::newRow("500") << 500 << Kind::Server;
        QTest::newRow("503") << 503 << Kind::Server;
        QTest::newRow("418") << 418 << Kind::UnexpectedStatus;
    }
    void fromHttp_everyKindKeepsStatusMessageAndRequestId()
    {
        QFETCH(int, status);
        QFETCH(Kind, kind);
        const ApiError error
            = errorFromHttp(status, {{"X-Request-Id", "req-123"}},
                            quoted("{'message':'boom','code':'abc','param':'p','type':'t'}"));
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.message, u"boom"_s);
        QCOMPARE(error.requestId, u"req-123"_s);
        QVERIFY(error.toString().contains(u"boom"_s));
        QVERIFY(error.toString().contains(u"req-123"_s));
    }

    void fromNetwork_mapsTransportFailures()
    {
        QCOMPARE(errorFromNetwork(QNetworkReply::ConnectionRefusedError, u"refused"_s).kind,
                 Kind::Network);
        QCOMPARE(errorFromNetwork(QNetworkReply::RemoteHostClosedError, u"closed"_s).kind,
                 Kind::Network);
        QCOMPARE(errorFromNetwork(QNetworkReply::SslHandshakeFailedError, u"tls"_s).kind,
                 Kind::Tls);
        QCOMPARE(errorFromNetwork(QNetworkReply::TimeoutError, u"slow"_s).kind, Kind::Timeout);
        QCOMPARE(errorFromNetwork(QNetworkReply::OperationCanceledError, u"x"_s).kind,
                 Kind::Canceled);
        QVERIFY(!errorFromNetwork(QNetworkReply::NoError, {}).isError());
    }

    void transience_onlyForFailuresWorthRepeating()
    {
        QVERIFY(errorFromHttp(502, {}, {}).isTransient());
        QVERIFY(errorFromHttp(503, {}, {}).isTransient());
        QVERIFY(errorFromHttp(504, {}, {}).isTransient());
        QVERIFY(!errorFromHttp(500, {}, {}).isTransient());
        QVERIFY(!errorFromHttp(422, {}, {}).isTransient());
        QVERIFY(!errorFromHttp(404, {}, {}).isTransient());
        QVERIFY(errorFromNetwork(QNetworkReply::ConnectionRefusedError, {}).isTransient());
    }

    void badResponse_isItsOwnKind()
    {
        const ApiError error = badResponse(200, u"expected a JSON array of crons"_s);
        QCOMPARE(error.kind, Kind::BadResponse);
        QVERIFY(error.toString().contains(u"expected a JSON array"_s));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
