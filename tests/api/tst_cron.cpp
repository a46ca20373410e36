#include <models/api/cron.h>
#include <models/api/timestamp.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::api;

namespace {

// JSON fixtures written with single quotes, to keep them readable without escapes.
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The reference decoding: QJsonDocument, then the object decoder, element by element.
std::optional<QList<Cron>> referenceList(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return std::nullopt;
    QList<Cron> crons;
    for (const QJsonValue &element : document.array()) {
        if (!element.isObject())
            return std::nullopt;
        std::optional<Cron> cron = cronFromJson(element.toObject());
        if (!cron)
            return std::nullopt;
        crons.append(*cron);
    }
    return crons;
}

// A page as the server sends it: compact, every field, nested payload and metadata.
QByteArray samplePage()
{
    return quoted(
        "[{'assistant_id':'fe096781-5601-53d2-b2f6-0d3403f7e9ca',"
        "'created_at':'2025-01-04T00:00:00+00:00','cron_id':'9438c321-bb1c-4927-9088-cf687236a7f3',"
        "'enabled':true,'end_time':null,'metadata':{'critical':true,'env':'prod','seed_index':0},"
        "'next_run_date':'2026-11-22T08:00:00.123456+00:00','on_run_completed':'delete',"
        "'payload':{'config':{'configurable':{}},'input':{'messages':[{'content':'T\\u00e9st "
        "\\ud83d\\ude00 \\n','role':'user'}]},'n':[1,-2.5e3,0.0,null,false]},"
        "'schedule':'0 8 * * *','thread_id':null,'timezone':'Europe/Paris',"
        "'updated_at':'2025-01-04T02:00:00Z','user_id':null},"
        " {'cron_id':'c2','schedule':'*/5 * * * *','enabled':false,'thread_id':'t\\/1',"
        "'metadata':{},'payload':{},'x_unknown':{'deep':[[[{}]]]}}]");
}

} // namespace

class TestCron final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_contractExampleCron_readsEveryField()
    {
        // api-contract §3.4: a stateless cron as the server returns it.
        const auto cron = cronFromJson(object(quoted(
            "{"
            "          'cron_id': '1ef3cefa-4c09-6926-96d0-3dc97fd5e39b',"
            "          'assistant_id': 'fe096781-5601-53d2-b2f6-0d3403f7e9ca',"
            "          'thread_id': null, 'on_run_completed': 'delete', 'end_time': null,"
            "          'schedule': '4 * * * *', 'timezone': null,"
            "          'created_at': '2024-07-08T06:02:23.073257+00:00',"
            "          'updated_at': '2024-07-08T06:02:23.073257+00:00',"
            "          'user_id': null,"
            "          'payload': {'assistant_id': 'fe096781-5601-53d2-b2f6-0d3403f7e9ca', "
            "'schedule': '4 * * * *',"
            "                      'input': {'start_time': ''}, 'config': {'configurable': {}}},"
            "          'next_run_date': '2024-07-25T17:04:00+00:00', 'metadata': {}, 'enabled': "
            "true}")));
        QVERIFY(cron);
        QCOMPARE(cron->cronId, u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s);
        QCOMPARE(cron->assistantId, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s);
        QVERIFY(cron->isStateless());
        QCOMPARE(cron->onRunCompleted, u"delete"_s);
        QVERIFY(!cron->endTime.isValid());
        QCOMPARE(cron->schedule, u"4 * * * *"_s);
        QVERIFY(cron->timezone.isEmpty());
        QCOMPARE(cron->createdAt, parseTimestamp(u"2024-07-08T06:02:23.073+00:00"_s));
        QCOMPARE(cron->nextRunDate, QDateTime(QDate(2024, 7, 25), QTime(17, 4), Qt::UTC));
        QCOMPARE(cron->payload.value("input"_L1).toObject().value("start_time"_L1).toString(),
                 QString());
        QVERIFY(cron->metadata.isEmpty());
        QVERIFY(cron->enabled);
    }

    void decode_canonicalUpdateFixture_withoutTimezoneKey()
    {
        // api-contract §7.5: the SDKs' canonical Cron fixture, a thread cron with no timezone key.
        const auto cron = cronFromJson(object(
            quoted("{'cron_id':'cron_123','assistant_id':'asst_123',"
                   "          "
                   "'thread_id':'thread_123','on_run_completed':null,'end_time':'2025-12-31T23:59:"
                   "59+00:00',"
                   "          'schedule':'0 10 * * "
                   "*','created_at':'2024-01-01T00:00:00Z','updated_at':'2024-01-02T00:00:00Z',"
                   "          "
                   "'payload':{},'user_id':null,'next_run_date':'2024-01-03T10:00:00Z','metadata':{"
                   "},'enabled':true}")));
        QVERIFY(cron);
        QCOMPARE(cron->threadId, u"thread_123"_s);
        QVERIFY(!cron->isStateless());
        QVERIFY(cron->onRunCompleted.isEmpty());
        QCOMPARE(cron->endTime, QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59), Qt::UTC));
        QVERIFY(cron->timezone.isEmpty());
        QCOMPARE(cron->updatedAt, QDateTime(QDate(2024, 1, 2), QTime(0, 0), Qt::UTC));
    }

    void decode_jsFixtureWithMissingOptionalKeys_succeeds()
    {
        // api-contract §7.12: next_run_date, end_time, user_id, metadata, timezone and
        // on_run_completed are all absent.
        const auto cron = cronFromJson(object(quoted(
            "{'cron_id':'cron_123','assistant_id':'asst_123',"
            "          'thread_id':'thread_123','schedule':'0 0 * * "
            "*','created_at':'2024-01-01T00:00:00Z',"
            "          'updated_at':'2024-01-02T00:00:00Z',"
            "          "
            "'payload':{'input':{'message':'test'},'metadata':{'env':'test'}},'enabled':true}")));
        QVERIFY(cron);
        QVERIFY(!cron->nextRunDate.isValid());
        QVERIFY(!cron->endTime.isValid());
        QVERIFY(cron->userId.isEmpty());
        QVERIFY(cron->metadata.isEmpty());
        QCOMPARE(cron->payload.value("metadata"_L1).toObject().value("env"_L1).toString(),
                 u"test"_s);
    }

    void decode_minimalCron_defaultsEverythingElse()
    {
        const auto cron = cronFromJson(object(quoted("{'cron_id':'c1','schedule':'@daily'}")));
        QVERIFY(cron);
        QVERIFY(cron->enabled); // servers before 0.7.15 cannot pause
        QVERIFY(cron->assistantId.isEmpty());
        QVERIFY(!cron->createdAt.isValid());
    }

    void decode_readsRunParametersFromPayload()
    {
        const auto cron = cronFromJson(object(quoted(
            "{'cron_id':'c1','schedule':'* * * * *',"
            "          "
            "'payload':{'webhook':'https://example.com/hook','multitask_strategy':'enqueue'}}")));
        QVERIFY(cron);
        QCOMPARE(cron->webhook(), u"https://example.com/hook"_s);
        QCOMPARE(cron->multitaskStrategy(), u"enqueue"_s);
    }

    void runParameters_ofAListedCron_areReadWithoutKeepingTheParse()
    {
        const auto crons = cronListFromJson(quoted(
            "[{'cron_id':'c1','schedule':'* * * * *','payload':{'webhook':'https://h.example/x',"
            "'multitask_strategy':'reject','input':{}}}]"));
        QVERIFY(crons);
        const Cron &cron = crons->first();
        QVERIFY(cron.payload.isUnparsed());
        const Cron::RunParameters run = cron.runParameters();
        QCOMPARE(run.webhook, u"https://h.example/x"_s);
        QCOMPARE(run.multitaskStrategy, u"reject"_s);
        QVERIFY(cron.payload.isUnparsed()); // still compact text
    }

    void decode_wrongTypedOptionalFields_areTreatedAsMissing()
    {
        const auto cron = cronFromJson(object(quoted("{'cron_id':'c1','schedule':'* * * * *',"
                                                     "          "
                                                     "'thread_id':42,'metadata':'oops','payload':["
                                                     "1,2],'enabled':'yes','end_time':'soon'}")));
        QVERIFY(cron);
        QVERIFY(cron->isStateless());
        QVERIFY(cron->metadata.isEmpty());
        QVERIFY(cron->payload.isEmpty());
        QVERIFY(cron->enabled);
        QVERIFY(!cron->endTime.isValid());
    }

    // A value of the wrong type is kept out of the cron, which stays, and recorded with what
    // the server actually sent: an auditor must see that something arrived, and what.
    void decode_wrongTypedFields_areRecordedAsMalformed_data()
    {
        QTest::addColumn<QByteArray>("member");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("received");
        QTest::addColumn<QString>("problem");
        QTest::newRow("garbage next_run_date")
            << quoted("'next_run_date':'soon, probably'") << u"next_run_date"_s
            << u"\"soon, probably\""_s << u"not a timestamp"_s;
        QTest::newRow("numeric created_at") << quoted("'created_at':1735689600") << u"created_at"_s
                                            << u"1735689600"_s << u"not a timestamp"_s;
        QTest::newRow("empty end_time")
            << quoted("'end_time':''") << u"end_time"_s << u"\"\""_s << u"not a timestamp"_s;
        QTest::newRow("string payload") << quoted("'payload':'not an object'") << u"payload"_s
                                        << u"\"not an object\""_s << u"not an object"_s;
        QTest::newRow("metadata array") << quoted("'metadata':['owner', 'ops']") << u"metadata"_s
                                        << u"[\"owner\",\"ops\"]"_s << u"not an object"_s;
        QTest::newRow("enabled as text")
            << quoted("'enabled':'yes'") << u"enabled"_s << u"\"yes\""_s << u"not true or false"_s;
        QTest::newRow("numeric thread_id")
            << quoted("'thread_id':42") << u"thread_id"_s << u"42"_s << u"not a string"_s;
        QTest::newRow("object timezone") << quoted("'timezone':{'name':'UTC'}") << u"timezone"_s
                                         << u"{\"name\":\"UTC\"}"_s << u"not a string"_s;
    }
    void decode_wrongTypedFields_areRecordedAsMalformed()
    {
        QFETCH(QByteArray, member);
        QFETCH(QString, field);
        QFETCH(QString, received);
        QFETCH(QString, problem);
        const QByteArray cron = "{\"cron_id\":\"c1\",\"schedule\":\"0 9 * * *\"," + member + '}';
        const QList<MalformedField> expected {{field, received, problem}};
        // The same from every decoder: a page, one cron as text, one cron as an object.
        const auto fromPage = cronListFromJson('[' + cron
                                               + ",{\"cron_id\":\"c2\","
                                                 "\"schedule\":\"@daily\"}]");
        QVERIFY(fromPage);
        QCOMPARE(fromPage->size(), 2);
        QCOMPARE(fromPage->at(0).malformed, expected);
        QVERIFY(fromPage->at(1).malformed.isEmpty());
        const auto fromText = cronFromJsonText(cron);
        QVERIFY(fromText);
        QCOMPARE(fromText->malformed, expected);
        const auto fromObject = cronFromJson(object(cron));
        QVERIFY(fromObject);
        QCOMPARE(fromObject->malformed, expected);
        QCOMPARE(*fromText, *fromObject);
        QCOMPARE(fromPage->at(0), *fromObject);
        // What the cron shows for it: nothing, never the garbage as a value.
        QVERIFY(!fromObject->nextRunDate.isValid() || field != "next_run_date"_L1);
        QCOMPARE(fromObject->malformedField(field)->received, received);
        QVERIFY(!fromObject->malformedField(u"schedule"));
    }

    void decode_nullAndMissingFields_areNotMalformed()
    {
        const QByteArray cron = quoted(
            "{'cron_id':'c1','schedule':'@daily','thread_id':null,'end_time':null,"
            "'next_run_date':null,'payload':null,'metadata':null,'enabled':null,'user_id':null}");
        QVERIFY(cronFromJsonText(cron)->malformed.isEmpty());
        QVERIFY(cronFromJson(object(cron))->malformed.isEmpty());
    }

    void decode_longMalformedValue_isCutShort()
    {
        const QByteArray cron = "{\"cron_id\":\"c1\",\"schedule\":\"@daily\",\"payload\":\""
            + QByteArray(5000, 'x') + "\"}";
        const auto decoded = cronFromJsonText(cron);
        QVERIFY(decoded);
        QCOMPARE(decoded->malformed.first().received.size(), MalformedField::maxReceivedLength);
        QVERIFY(decoded->malformed.first().received.endsWith(u'…'));
    }

    // The deepest nesting the client reads is what QJsonDocument reads (and so what the sandbox
    // and the server accept in a request).
    void maxReadableNesting_isQJsonDocumentsOwnLimit()
    {
        const auto nested = [](int depth) -> QByteArray {
            return QByteArray(depth, '[') + QByteArray(depth, ']');
        };
        QJsonParseError error;
        QJsonDocument::fromJson(nested(maxReadableNesting), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QJsonDocument::fromJson(nested(maxReadableNesting + 1), &error);
        QCOMPARE(error.error, QJsonParseError::DeepNesting);
    }

    // A cron whose input nests as deep as a server stores it is read whole, in a page and alone.
    void decode_payloadAsDeepAsAServerStores_isReadWhole_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("600, the report") << 600;
        QTest::newRow("the most a request may nest") << maxReadableNesting - 1;
    }
    void decode_payloadAsDeepAsAServerStores_isReadWhole()
    {
        QFETCH(int, depth);
        const QByteArray input = QByteArray(depth, '[') + '7' + QByteArray(depth, ']');
        const QByteArray cron
            = "{\"cron_id\":\"deep\",\"schedule\":\"@daily\",\"payload\":{\"input\":" + input
            + "}}";
        const auto page = cronListFromJson("[{\"cron_id\":\"a\",\"schedule\":\"@daily\"}," + cron
                                           + ",{\"cron_id\":\"b\",\"schedule\":\"@daily\"}]");
        QVERIFY(page);
        QCOMPARE(page->size(), 3);
        const auto alone = cronFromJsonText(cron);
        QVERIFY(alone);
        for (const Cron &decoded : {page->at(1), *alone}) {
            QVERIFY(decoded.malformed.isEmpty());
            QJsonValue value = decoded.payload.value("input"_L1);
            int levels = 0;
            while (value.isArray()) {
                value = value.toArray().first();
                ++levels;
            }
            QCOMPARE(levels, depth);
            QCOMPARE(value.toInt(), 7);
        }
    }

    // Deeper than readable: that field of that cron is unreadable and says so; the cron and the
    // page are kept.
    void decodeList_payloadDeeperThanReadable_losesOnlyThatField_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("one past the limit") << maxReadableNesting;
        QTest::newRow("2000") << 2000;
        QTest::newRow("a million") << 1000000;
    }
    void decodeList_payloadDeeperThanReadable_losesOnlyThatField()
    {
        QFETCH(int, depth);
        const QByteArray input = QByteArray(depth, '[') + QByteArray(depth, ']');
        const QByteArray page
            = "[{\"cron_id\":\"a\",\"schedule\":\"@daily\"},"
              "{\"cron_id\":\"deep\",\"schedule\":\"@daily\",\"metadata\":{\"k\":1},"
              "\"payload\":{\"input\":"
            + input + "}},{\"cron_id\":\"b\",\"schedule\":\"@daily\"}]";
        QString error;
        const auto crons = cronListFromJson(page, &error);
        QVERIFY2(crons, qPrintable(error));
        QCOMPARE(crons->size(), 3);
        const Cron &deep = crons->at(1);
        QVERIFY(deep.payload.isEmpty());
        QCOMPARE(deep.metadata.value("k"_L1).toInt(), 1);
        QCOMPARE(deep.malformed.size(), 1);
        QCOMPARE(deep.malformed.first().field, u"payload"_s);
        QVERIFY(deep.malformed.first().problem.contains(QString::number(maxReadableNesting)));
        QVERIFY(deep.malformed.first().received.startsWith(u"{\"input\":[[["_s));
        QVERIFY(crons->at(0).malformed.isEmpty());
        // Deep values elsewhere are validated and skipped, at any depth, without recursion.
        const QByteArray unknown
            = "[{\"cron_id\":\"c\",\"schedule\":\"@daily\",\"x\":" + input + "}]";
        QVERIFY(cronListFromJson(unknown));
        QVERIFY(!cronListFromJson(unknown.chopped(3) + "}]")); // and still strictly
    }

    void decode_requiredFieldMissingOrNull_fails_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no cron_id") << QByteArray(quoted("{'schedule':'* * * * *'}"));
        QTest::newRow("null cron_id")
            << QByteArray(quoted("{'cron_id':null,'schedule':'* * * * *'}"));
        QTest::newRow("numeric cron_id")
            << QByteArray(quoted("{'cron_id':7,'schedule':'* * * * *'}"));
        QTest::newRow("no schedule") << QByteArray(quoted("{'cron_id':'c1'}"));
        QTest::newRow("null schedule") << QByteArray(quoted("{'cron_id':'c1','schedule':null}"));
    }
    void decode_requiredFieldMissingOrNull_fails()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!cronFromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY(!error.isEmpty());
    }

    void decodeList_rejectsAnythingButAnArrayOfCrons_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("object") << QByteArray(quoted("{'crons':[]}"));
        QTest::newRow("truncated") << QByteArray("[{\"cron_id\":\"c1\",\"sched");
        QTest::newRow("html") << QByteArray("<html>502</html>");
        QTest::newRow("element not an object")
            << QByteArray(quoted("[{'cron_id':'c1','schedule':'@daily'},3]"));
        QTest::newRow("element without id") << QByteArray(quoted("[{'schedule':'@daily'}]"));
    }
    void decodeList_rejectsAnythingButAnArrayOfCrons()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!cronListFromJson(body, &error));
        QVERIFY(!error.isEmpty());
    }

    void decodeList_emptyArray_isAnEmptyList()
    {
        const auto crons = cronListFromJson("[]");
        QVERIFY(crons);
        QVERIFY(crons->isEmpty());
    }

    void decodeList_fastDecoder_agreesWithQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("server page") << samplePage();
        QTest::newRow("whitespace everywhere")
            << quoted(" \n[ { 'cron_id' : 'c' , 'schedule' :'s', 'metadata' : { 'a' : [ 1 , 2 ] "
                      "} } ,\t{'cron_id':'d','schedule':'s'} ] \r\n");
        QTest::newRow("wrong types are missing")
            << quoted("[{'cron_id':'c','schedule':'s','timezone':5,'enabled':'yes','payload':[1],"
                      "'metadata':'x','end_time':7,'thread_id':{'a':1}}]");
        QTest::newRow("escaped key") << quoted("[{'cron\\u005fid':'c','sched\\u0075le':'s'}]");
        QTest::newRow("non-ASCII text")
            << QByteArray("[{\"cron_id\":\"c\",\"schedule\":\"s\",\"timezone\":"
                          "\"Am\xc3\xa9rica/\xe2\x82\xac\"}]");
        QTest::newRow("empty") << QByteArray("[]");
        QTest::newRow("bad timestamp is invalid, not an error")
            << quoted("[{'cron_id':'c','schedule':'s','created_at':'yesterday'}]");
    }
    void decodeList_fastDecoder_agreesWithQJsonDocument()
    {
        QFETCH(QByteArray, body);
        QString error;
        const auto fast = cronListFromJson(body, &error);
        QVERIFY2(fast, qPrintable(error));
        const auto reference = referenceList(body);
        QVERIFY(reference);
        QCOMPARE(fast->size(), reference->size());
        for (qsizetype i = 0; i < fast->size(); ++i) {
            const Cron &a = fast->at(i);
            const Cron &b = reference->at(i);
            QCOMPARE(a.cronId, b.cronId);
            QCOMPARE(a.assistantId, b.assistantId);
            QCOMPARE(a.threadId, b.threadId);
            QCOMPARE(a.schedule, b.schedule);
            QCOMPARE(a.timezone, b.timezone);
            QCOMPARE(a.onRunCompleted, b.onRunCompleted);
            QCOMPARE(a.userId, b.userId);
            QCOMPARE(a.endTime, b.endTime);
            QCOMPARE(a.nextRunDate, b.nextRunDate);
            QCOMPARE(a.createdAt, b.createdAt);
            QCOMPARE(a.updatedAt, b.updatedAt);
            QCOMPARE(a.enabled, b.enabled);
            QCOMPARE(a.metadata.isEmpty(), b.metadata.isEmpty());
            QCOMPARE(a.payload.object(), b.payload.object());
            QCOMPARE(a.metadata.object(), b.metadata.object());
            QCOMPARE(a, b);
        }
    }

    // Found by fuzz_crondecoder_vs_qjson: a lone surrogate escape read as U+FFFD, where
    // QJsonDocument (the payload's reader) and Python keep the code unit.
    void decodeList_loneSurrogateEscape_readsAsQJsonDocumentDoes_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("high alone") << QByteArray(R"("\ud800")");
        QTest::newRow("low alone") << QByteArray(R"("\udc00x")");
        QTest::newRow("high at the end") << QByteArray(R"("a\ud83d")");
        QTest::newRow("high before a letter") << QByteArray(R"("\ud83d\u0041")");
        QTest::newRow("two highs") << QByteArray(R"("\ud83d\ud83d\ude00")");
        QTest::newRow("pair") << QByteArray(R"("\ud83d\ude00")");
    }
    void decodeList_loneSurrogateEscape_readsAsQJsonDocumentDoes()
    {
        QFETCH(QByteArray, value);
        const QByteArray page = R"([{"cron_id":)" + value + R"(,"schedule":)" + value
            + R"(,"metadata":{"k":)" + value + "}}]";
        const QString expected
            = QJsonDocument::fromJson('[' + value + ']').array().first().toString();
        const auto crons = cronListFromJson(page);
        QVERIFY(crons);
        QCOMPARE(crons->first().cronId, expected);
        QCOMPARE(crons->first().schedule, expected);
        QCOMPARE(crons->first().metadata.value("k"_L1).toString(), expected);
        const auto one = cronFromJsonText(page.sliced(1, page.size() - 2));
        QVERIFY(one);
        QCOMPARE(one->cronId, expected);
    }

    // Found by fuzz_crondecoder_vs_qjson: a U+FEFF right after an escape was dropped (each run of
    // text between escapes was decoded as if it began a document, with a byte order mark),
    // where QJsonDocument and Python keep the character.
    void decodeList_byteOrderMarkAfterAnEscape_isKept_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("after \\n") << QByteArray("\"x\\n\xEF\xBB\xBFy\"");
        QTest::newRow("after \\u0041") << QByteArray("\"\\u0041\xEF\xBB\xBF\"");
        QTest::newRow("after \\\"") << QByteArray("\"\\\"\xEF\xBB\xBFz\"");
        QTest::newRow("inside plain text") << QByteArray("\"x\xEF\xBB\xBFy\"");
    }
    void decodeList_byteOrderMarkAfterAnEscape_isKept()
    {
        QFETCH(QByteArray, value);
        const QByteArray page = R"([{"cron_id":"c1","schedule":)" + value + "}]";
        const QString expected
            = QJsonDocument::fromJson('[' + value + ']').array().first().toString();
        QVERIFY(expected.contains(QChar(0xFEFF)));
        const auto crons = cronListFromJson(page);
        QVERIFY(crons);
        QCOMPARE(crons->first().schedule, expected);
    }

    // Found by fuzz_crondecoder_vs_qjson: a member name that begins with U+FEFF was read as the
    // name without it, so "\uFEFFtimezone" set the time zone. It is another name (Python's json,
    // the server's, keeps the mark; QJsonDocument cannot find the member by the bare name either).
    void decodeList_memberNameBeginningWithByteOrderMark_isAnotherName_data()
    {
        QTest::addColumn<QByteArray>("bom");
        QTest::newRow("raw") << QByteArray("\xEF\xBB\xBF");
        QTest::newRow("escaped") << QByteArray("\\uFEFF");
    }
    void decodeList_memberNameBeginningWithByteOrderMark_isAnotherName()
    {
        QFETCH(QByteArray, bom);
        const QByteArray page = quoted("[{'cron_id':'c1','schedule':'5 * * * *','") + bom
            + quoted("timezone':'Europe/Paris','thread_id':null}]");
        const auto crons = cronListFromJson(page);
        QVERIFY(crons);
        QCOMPARE(crons->size(), 1);
        QCOMPARE(crons->first().timezone, QString());
        const auto reference = referenceList(page);
        QVERIFY(reference);
        QCOMPARE(reference->first().timezone, QString());

        const QByteArray idOnly
            = quoted("[{'") + bom + quoted("cron_id':'c1','schedule':'5 * * * *'}]");
        QVERIFY(!cronListFromJson(idOnly));
        QVERIFY(!referenceList(idOnly));
    }

    // Found by fuzz_crondecoder_vs_qjson: a member named twice left what was wrong with the first
    // one recorded, although the last one counts (as in QJsonDocument and Python's json).
    void decodeList_memberNamedTwice_theLastCounts_data()
    {
        QTest::addColumn<QByteArray>("members");
        QTest::newRow("enabled") << quoted("'enabled':'yes','enabled':false");
        QTest::newRow("payload") << quoted("'payload':[1],'payload':{'a':1}");
        QTest::newRow("metadata") << quoted("'metadata':{'a':1},'metadata':'x'");
        QTest::newRow("next_run_date")
            << quoted("'next_run_date':'soon','next_run_date':'2030-01-01T09:00:00Z'");
        QTest::newRow("thread_id") << quoted("'thread_id':5,'thread_id':null");
        QTest::newRow("escaped name") << quoted("'enabled':1,'enable\\u0064':true");
    }
    void decodeList_memberNamedTwice_theLastCounts()
    {
        QFETCH(QByteArray, members);
        const QByteArray page = quoted("[{'cron_id':'c','schedule':'s',") + members + "}]";
        const auto crons = cronListFromJson(page);
        QVERIFY(crons);
        const auto reference = referenceList(page);
        QVERIFY(reference);
        QCOMPARE(crons->first().malformed, reference->first().malformed);
        QCOMPARE(crons->first(), reference->first());
    }

    // Found by fuzz_crondecoder_vs_qjson: a byte order mark before a page failed the page
    // ("bad number"), while every other answer (read by QJsonDocument) and every JSON a person
    // types skip it.
    void decode_byteOrderMark_isSkippedAsElsewhere()
    {
        const QByteArray bom = "\xEF\xBB\xBF";
        const auto page = cronListFromJson(bom + samplePage());
        QVERIFY(page);
        QCOMPARE(*page, *cronListFromJson(samplePage()));
        const auto one = cronFromJsonText(bom + quoted("{'cron_id':'c','schedule':'s'}"));
        QVERIFY(one);
        QCOMPARE(one->cronId, u"c"_s);
        QVERIFY(!cronListFromJson(bom + bom + "[]")); // once, at the start, and nowhere else
        QVERIFY(!cronListFromJson(" " + bom + "[]"));
    }

    // Found by fuzz_lazyjson: a payload holding a number no double holds passed the decoder's
    // check, then QJsonDocument refused it and the payload read as {} without a word.
    void decodeList_numberNoDoubleHolds_losesOnlyItsFieldAndSaysSo_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::newRow("1e400") << QByteArray("1e400");
        QTest::newRow("-1e400") << QByteArray("-1e400");
        QTest::newRow("1e-400") << QByteArray("1e-400");
        QTest::newRow("just past the largest") << QByteArray("1.7976931348623159e308");
        QTest::newRow("400 digits") << QByteArray(400, '9');
    }
    void decodeList_numberNoDoubleHolds_losesOnlyItsFieldAndSaysSo()
    {
        QFETCH(QByteArray, number);
        const QByteArray page = quoted("[{'cron_id':'a','schedule':'s','payload':{'input':{'n':[")
            + number + quoted("]}},'metadata':{'k':1},'x_unknown':") + number
            + quoted("},{'cron_id':'b','schedule':'s','metadata':{'n':") + number
            + quoted("},'payload':{'ok':true}}]");
        QString error;
        const auto crons = cronListFromJson(page, &error);
        QVERIFY2(crons, qPrintable(error));
        QCOMPARE(crons->size(), 2);
        const Cron &a = crons->at(0);
        QVERIFY(a.payload.isEmpty());
        QCOMPARE(a.metadata.value("k"_L1).toInt(), 1);
        QCOMPARE(a.malformed.size(), 1);
        QCOMPARE(a.malformed.first().field, u"payload"_s);
        QCOMPARE(a.malformed.first().problem, u"holds a number out of range"_s);
        const Cron &b = crons->at(1);
        QVERIFY(b.metadata.isEmpty());
        QCOMPARE(b.payload.value("ok"_L1).toBool(), true);
        QCOMPARE(b.malformed.size(), 1);
        QCOMPARE(b.malformed.first().field, u"metadata"_s);
        // The largest and smallest numbers a double holds are read as QJsonDocument reads them.
        const auto fine = cronListFromJson(
            quoted("[{'cron_id':'a','schedule':'s','payload':{'n':[1.7976931348623157e308,"
                   "4.9e-324,12345678901234567890]}}]"));
        QVERIFY(fine);
        QVERIFY(fine->first().malformed.isEmpty());
        QCOMPARE(fine->first().payload.value("n"_L1).toArray().size(), 3);
    }

    void decodeList_specialCharacters_atEveryOffset_decodeAsQJsonDocumentDoes_data()
    {
        // The scanner reads strings eight bytes at a time; put each kind of special byte at
        // every position of such a word, and past it.
        QTest::addColumn<QByteArray>("value"); // the JSON text of a string value
        const QList<QPair<const char *, QByteArray>> specials {
            {"escaped quote", "\\\""},
            {"escaped backslash", "\\\\"},
            {"newline escape", "\\n"},
            {"unicode escape", "\\u00e9"},
            {"surrogate pair", "\\ud83d\\ude00"},
            {"two-byte UTF-8", "\xc3\xa9"},
            {"three-byte UTF-8", "\xe2\x82\xac"},
            {"four-byte UTF-8", "\xf0\x9f\x98\x80"},
        };
        for (const auto &[name, special] : specials) {
            for (int offset = 0; offset <= 17; ++offset) {
                const QByteArray value
                    = '"' + QByteArray(offset, 'a') + special + QByteArray(17 - offset, 'b') + '"';
                QTest::addRow("%s at %d", name, offset) << value;
            }
        }
    }
    void decodeList_specialCharacters_atEveryOffset_decodeAsQJsonDocumentDoes()
    {
        QFETCH(QByteArray, value);
        const QByteArray body
            = "[{\"cron_id\":\"c\",\"schedule\":" + value + ",\"metadata\":{\"k\":" + value + "}}]";
        QString error;
        const auto crons = cronListFromJson(body, &error);
        QVERIFY2(crons, qPrintable(error));
        const QString expected
            = QJsonDocument::fromJson("[" + value + "]").array().first().toString();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(crons->first().schedule, expected);
        QCOMPARE(crons->first().metadata.value("k"_L1).toString(), expected);
    }

    void decodeList_rawControlCharacter_atEveryOffset_isRefused()
    {
        for (int offset = 0; offset <= 17; ++offset) {
            const QByteArray body = "[{\"cron_id\":\"c\",\"schedule\":\"" + QByteArray(offset, 'a')
                + '\x01' + QByteArray(17 - offset, 'b') + "\"}]";
            QVERIFY2(!cronListFromJson(body), qPrintable(QString::number(offset)));
        }
    }

    void decodeList_nestedObjects_stayTextUntilRead()
    {
        const auto crons = cronListFromJson(samplePage());
        QVERIFY(crons);
        const Cron &cron = crons->first();
        QVERIFY(cron.payload.isUnparsed());
        QVERIFY(!cron.metadata.isEmpty()); // answered from the text
        QVERIFY(cron.metadata.isUnparsed());
        QVERIFY(crons->at(1).metadata.isEmpty());
        QVERIFY(cron.payload.toCompactJson().startsWith("{\"config\":{"));
        const Cron copy = cron; // copies share the one parse
        QCOMPARE(copy.metadata.value("env"_L1).toString(), u"prod"_s);
        QVERIFY(!cron.metadata.isUnparsed());
        const QJsonObject &input = cron.payload.object().value("input"_L1).toObject();
        QCOMPARE(input.value("messages"_L1).toArray().first().toObject().value("content"_L1),
                 QJsonValue(QString::fromUtf8("T\xc3\xa9st \xf0\x9f\x98\x80 \n")));
        // Assigning a QJsonObject replaces the text.
        Cron edited = cron;
        edited.payload = QJsonObject {{"x"_L1, 1}};
        QVERIFY(!edited.payload.isUnparsed());
        QCOMPARE(edited.payload.value("x"_L1), QJsonValue(1));
        QVERIFY(!(edited == cron));
    }

    void decodeList_everyPrefixOfAPage_isRefused()
    {
        // A truncated answer must never pass for a shorter page.
        const QByteArray page = samplePage();
        for (qsizetype length = 0; length < page.size(); ++length) {
            QString error;
            const QByteArray prefix = page.left(length);
            QVERIFY2(!cronListFromJson(prefix, &error), prefix.constData());
            QVERIFY(!error.isEmpty());
        }
    }

    void decodeList_malformedJson_isRefused_data()
    {
        // RFC 8259 strictly; QJsonDocument lets a few of these through (bad escapes, raw control
        // characters, "1."), which no server sends.
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("trailing comma") << quoted("[{'cron_id':'c','schedule':'s'},]");
        QTest::newRow("garbage after") << quoted("[{'cron_id':'c','schedule':'s'}] x");
        QTest::newRow("bad escape") << quoted("[{'cron_id':'c\\q','schedule':'s'}]");
        QTest::newRow("short \\u") << quoted("[{'cron_id':'\\u12','schedule':'s'}]");
        QTest::newRow("raw control character")
            << QByteArray("[{\"cron_id\":\"c\td\",\"schedule\":\"s\"}]");
        QTest::newRow("invalid UTF-8 in a nested string")
            << QByteArray("[{\"cron_id\":\"c\",\"schedule\":\"s\",\"payload\":{\"a\":"
                          "\"\xc3\x28\"}}]");
        QTest::newRow("leading zero") << quoted("[{'cron_id':'c','schedule':'s','n':01}]");
        QTest::newRow("bare minus") << quoted("[{'cron_id':'c','schedule':'s','n':-}]");
        QTest::newRow("dot without digits") << quoted("[{'cron_id':'c','schedule':'s','n':1.}]");
        QTest::newRow("bad literal") << quoted("[{'cron_id':'c','schedule':'s','enabled':tru}]");
        QTest::newRow("missing colon") << quoted("[{'cron_id' 'c','schedule':'s'}]");
        QTest::newRow("unquoted key") << quoted("[{cron_id:'c','schedule':'s'}]");
        QTest::newRow("nested unclosed")
            << quoted("[{'cron_id':'c','schedule':'s','payload':{'a':[1,2}}]");
        QTest::newRow("object, not array") << quoted("{'cron_id':'c','schedule':'s'}");
        QTest::newRow("array of numbers") << QByteArray("[1,2]");
        QTest::newRow("html") << QByteArray("<!-- not json --> {\"detail\": ");
    }
    void decodeList_malformedJson_isRefused()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!cronListFromJson(body, &error));
        QVERIFY(!error.isEmpty());
    }

    void timestamps_fromBytesAndText_agree_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("server") << u"2024-07-08T06:02:23.073257+00:00"_s;
        QTest::newRow("Z") << u"2024-01-01T00:00:00Z"_s;
        QTest::newRow("offset") << u"2024-02-29T23:30:00-05:30"_s;
        QTest::newRow("before 1970") << u"1969-12-31T23:59:59.5+00:00"_s;
        QTest::newRow("far future") << u"2399-12-31T23:59:59Z"_s;
        QTest::newRow("not a leap day") << u"2023-02-29T00:00:00Z"_s;
        QTest::newRow("hour 24") << u"2023-01-01T24:00:00Z"_s;
    }
    void timestamps_fromBytesAndText_agree()
    {
        QFETCH(QString, text);
        const QDateTime fromText = parseTimestamp(QStringView(text));
        const QDateTime fromBytes = parseTimestamp(QByteArrayView(text.toLatin1()));
        QCOMPARE(fromBytes, fromText);
        const QDateTime viaQt = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (fromText.isValid() && text.size() <= 29)
            QCOMPARE(fromText, viaQt);
    }

    void toJson_thenDecode_roundTrips()
    {
        Cron cron;
        cron.cronId = u"c1"_s;
        cron.assistantId = u"a1"_s;
        cron.threadId = u"t1"_s;
        cron.schedule = u"0 9 * * 1-5"_s;
        cron.timezone = u"America/New_York"_s;
        cron.endTime = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
        cron.nextRunDate = QDateTime(QDate(2026, 11, 23), QTime(14, 0), Qt::UTC);
        cron.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        cron.updatedAt = cron.createdAt;
        cron.metadata = QJsonObject {{"team"_L1, "infra"_L1}};
        cron.payload = QJsonObject {{"input"_L1, QJsonObject {{"x"_L1, 1}}}};
        cron.enabled = false;
        const QJsonObject json = cronToJson(cron);
        QVERIFY(json.value("on_run_completed"_L1).isNull());
        QVERIFY(json.value("user_id"_L1).isNull());
        const auto decoded = cronFromJson(json);
        QVERIFY(decoded);
        QCOMPARE(*decoded, cron);
    }
};

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
