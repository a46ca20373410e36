#include <models/api/cron.h>
#include <models/api/timestamp.h>

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
