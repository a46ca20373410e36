// The create and update bodies, checked field for field against api-contract §7.
#include <models/api/cronwrite.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace crondesk::api;

namespace {

// JSON fixtures written with single quotes, to keep them readable without escapes.
QJsonObject object(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(text).replace('\'', '"'), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad fixture %s: %s", text, qPrintable(error.errorString()));
    return document.object();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

CronCreate create(const QString &schedule, const QString &assistant)
{
    CronCreate cron;
    cron.schedule = schedule;
    cron.assistantId = assistant;
    return cron;
}

} // namespace

Q_DECLARE_METATYPE(CronCreate)
Q_DECLARE_METATYPE(CronPatch)

class TestCronWrite final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createBody_matchesTheContractsExamples_data()
    {
        QTest::addColumn<CronCreate>("cron");
        QTest::addColumn<QJsonObject>("expected");

        // §7.1: only the two required fields, no end_time key.
        QTest::newRow("7.1 create")
            << create(u"0 12 * * *"_s, u"asst_456"_s)
            << object("{'schedule':'0 12 * * *','assistant_id':'asst_456'}");

        // §7.2: an aware UTC end time, as isoformat() writes it.
        CronCreate withEnd = create(u"0 12 * * *"_s, u"asst_456"_s);
        withEnd.endTime = utc(2025, 6, 15, 12, 0, 0);
        QTest::newRow("7.2 end_time")
            << withEnd
            << object("{'schedule':'0 12 * * *','assistant_id':'asst_456',"
                      "'end_time':'2025-06-15T12:00:00+00:00'}");

        // §7.3 with end time: the zone of the QDateTime does not matter, the instant does.
        CronCreate threadEnd = create(u"0 0 * * *"_s, u"asst_123"_s);
        threadEnd.endTime = QDateTime(QDate(2026, 1, 1), QTime(1, 59, 59), QTimeZone(7200));
        QTest::newRow("7.3 end_time from another zone")
            << threadEnd
            << object("{'schedule':'0 0 * * *','assistant_id':'asst_123',"
                      "'end_time':'2025-12-31T23:59:59+00:00'}");

        // §7.4: enabled is sent either way; false is not dropped.
        for (const bool enabled : {true, false}) {
            CronCreate cron = create(u"0 12 * * *"_s, u"asst_456"_s);
            cron.enabled = enabled;
            QJsonObject expected = object("{'schedule':'0 12 * * *','assistant_id':'asst_456'}");
            expected.insert(u"enabled"_s, enabled);
            QTest::addRow("7.4 enabled %s", enabled ? "true" : "false") << cron << expected;
        }

        // §7.11: the integration test's create with a graph name, input and metadata.
        CronCreate integration = create(u"0 0 1 1 *"_s, u"agent"_s);
        integration.input = object("{'messages':[],'value':'init','items':[]}");
        integration.metadata = object("{'suite':'integration','label':'crons-async'}");
        QTest::newRow("7.11 integration")
            << integration
            << object("{'schedule':'0 0 1 1 *','assistant_id':'agent',"
                      "'input':{'messages':[],'value':'init','items':[]},"
                      "'metadata':{'suite':'integration','label':'crons-async'}}");

        // Every field, under its wire name.
        CronCreate every = create(u"*/5 * * * *"_s, u"agent"_s);
        every.timezone = u"Europe/Paris"_s;
        every.endTime = utc(2030, 1, 2, 3, 4, 5);
        every.input = QJsonArray {object("{'a':1}"), object("{'b':2}")};
        every.metadata = object("{'owner':'ops'}");
        every.config = object("{'configurable':{'foo':'bar'},'tags':['t'],'recursion_limit':5}");
        every.context = object("{'user':'test'}");
        every.webhook = u"https://example.com/hook"_s;
        every.interruptBefore = QJsonArray {u"node1"_s, u"node2"_s};
        every.interruptAfter = u"*"_s;
        every.onRunCompleted = u"keep"_s;
        every.multitaskStrategy = u"enqueue"_s;
        every.enabled = false;
        every.streamMode = QJsonArray {u"values"_s, u"updates"_s};
        every.streamSubgraphs = true;
        every.streamResumable = false;
        every.durability = u"sync"_s;
        QTest::newRow("every field")
            << every
            << object("{'schedule':'*/5 * * * *','assistant_id':'agent',"
                      "'timezone':'Europe/Paris','end_time':'2030-01-02T03:04:05+00:00',"
                      "'input':[{'a':1},{'b':2}],'metadata':{'owner':'ops'},"
                      "'config':{'configurable':{'foo':'bar'},'tags':['t'],'recursion_limit':5},"
                      "'context':{'user':'test'},'webhook':'https://example.com/hook',"
                      "'interrupt_before':['node1','node2'],'interrupt_after':'*',"
                      "'on_run_completed':'keep','multitask_strategy':'enqueue','enabled':false,"
                      "'stream_mode':['values','updates'],'stream_subgraphs':true,"
                      "'stream_resumable':false,'durability':'sync'}");

        // A single stream mode stays a string; empty objects are sent because they were set.
        CronCreate single = create(u"0 * * * *"_s, u"echo"_s);
        single.streamMode = u"values"_s;
        single.metadata = QJsonObject();
        QTest::newRow("stream mode string, empty metadata")
            << single
            << object("{'schedule':'0 * * * *','assistant_id':'echo','stream_mode':'values',"
                      "'metadata':{}}");

        // An undefined JSON value and an invalid instant mean "not given", never null.
        CronCreate undefinedValues = create(u"0 * * * *"_s, u"echo"_s);
        undefinedValues.input = QJsonValue(QJsonValue::Undefined);
        undefinedValues.endTime = QDateTime();
        QTest::newRow("undefined is not sent")
            << undefinedValues << object("{'schedule':'0 * * * *','assistant_id':'echo'}");
    }
    void createBody_matchesTheContractsExamples()
    {
        QFETCH(CronCreate, cron);
        QFETCH(QJsonObject, expected);
        QCOMPARE(cron.toJson(), expected);
    }

    void createBody_neverSendsNull()
    {
        CronCreate cron = create(u"0 * * * *"_s, u"echo"_s);
        cron.input = QJsonValue(QJsonValue::Undefined);
        const QJsonObject body = cron.toJson();
        for (auto it = body.begin(); it != body.end(); ++it)
            QVERIFY2(!it.value().isNull(), qPrintable(it.key()));
    }

    void patchBody_matchesTheContractsExamples_data()
    {
        QTest::addColumn<CronPatch>("patch");
        QTest::addColumn<QJsonObject>("expected");

        // §7.5 and §7.12: exactly schedule and enabled: false; no end_time.
        CronPatch update;
        update.schedule = u"0 10 * * *"_s;
        update.enabled = false;
        QTest::newRow("7.5 update")
            << update << object("{'schedule':'0 10 * * *','enabled':false}");

        // §7.6.
        CronPatch withEnd;
        withEnd.schedule = u"0 10 * * *"_s;
        withEnd.endTime = utc(2025, 12, 31, 23, 59, 59);
        withEnd.enabled = true;
        QTest::newRow("7.6 end_time")
            << withEnd
            << object("{'schedule':'0 10 * * *','end_time':'2025-12-31T23:59:59+00:00',"
                      "'enabled':true}");

        // §7.7: the only null the client ever sends.
        CronPatch clear;
        clear.clearEndTime = true;
        QTest::newRow("7.7 clear end_time") << clear << object("{'end_time':null}");

        // Clearing wins over a value set at the same time.
        CronPatch both;
        both.endTime = utc(2025, 12, 31, 23, 59, 59);
        both.clearEndTime = true;
        QTest::newRow("clear wins") << both << object("{'end_time':null}");

        // §7.8: only enabled, no schedule key.
        for (const bool enabled : {true, false}) {
            CronPatch patch;
            patch.enabled = enabled;
            QJsonObject expected;
            expected.insert(u"enabled"_s, enabled);
            QTest::addRow("7.8 enabled %s", enabled ? "true" : "false") << patch << expected;
        }

        // §7.12 camelCase to snake_case.
        CronPatch renamed;
        renamed.schedule = u"0 10 * * *"_s;
        renamed.endTime = utc(2024, 12, 31, 23, 59, 59);
        renamed.interruptBefore = QJsonArray {u"node1"_s, u"node2"_s};
        renamed.interruptAfter = u"*"_s;
        renamed.onRunCompleted = u"delete"_s;
        QTest::newRow("7.12 snake case")
            << renamed
            << object("{'schedule':'0 10 * * *','end_time':'2024-12-31T23:59:59+00:00',"
                      "'interrupt_before':['node1','node2'],'interrupt_after':'*',"
                      "'on_run_completed':'delete'}");

        // §7.12 all updatable fields.
        CronPatch all;
        all.schedule = u"0 10 * * *"_s;
        all.endTime = utc(2024, 12, 31, 23, 59, 59);
        all.input = object("{'message':'updated'}");
        all.metadata = object("{'env':'prod'}");
        all.config = object("{'configurable':{'foo':'bar'}}");
        all.context = object("{'user':'test'}");
        all.webhook = u"https://example.com/webhook"_s;
        all.interruptBefore = QJsonArray {u"node1"_s};
        all.interruptAfter = QJsonArray {u"node2"_s};
        all.onRunCompleted = u"keep"_s;
        all.enabled = false;
        QTest::newRow("7.12 all updatable fields")
            << all
            << object("{'schedule':'0 10 * * *','end_time':'2024-12-31T23:59:59+00:00',"
                      "'input':{'message':'updated'},'metadata':{'env':'prod'},"
                      "'config':{'configurable':{'foo':'bar'}},'context':{'user':'test'},"
                      "'webhook':'https://example.com/webhook','interrupt_before':['node1'],"
                      "'interrupt_after':['node2'],'on_run_completed':'keep','enabled':false}");

        // The fields newer servers added.
        CronPatch newer;
        newer.timezone = u"America/New_York"_s;
        newer.streamMode = u"updates"_s;
        newer.streamSubgraphs = false;
        newer.streamResumable = true;
        newer.durability = u"exit"_s;
        QTest::newRow("timezone and stream options")
            << newer
            << object("{'timezone':'America/New_York','stream_mode':'updates',"
                      "'stream_subgraphs':false,'stream_resumable':true,'durability':'exit'}");
    }
    void patchBody_matchesTheContractsExamples()
    {
        QFETCH(CronPatch, patch);
        QFETCH(QJsonObject, expected);
        QCOMPARE(patch.toJson(), expected);
        QVERIFY(!patch.isEmpty());
    }

    void patch_withNothingSet_isEmpty()
    {
        CronPatch patch;
        QVERIFY(patch.isEmpty());
        QCOMPARE(patch.toJson(), QJsonObject());
        patch.input = QJsonValue(QJsonValue::Undefined);
        QVERIFY(patch.isEmpty());
        patch.enabled = false;
        QVERIFY(!patch.isEmpty());
    }

    void correlationKey_isNotAReservedMetadataKey()
    {
        // api-contract §1: the server strips these silently; a key among them would be lost.
        const QStringList reserved {u"thread_id"_s, u"assistant_id"_s, u"run_id"_s, u"cron_id"_s};
        QVERIFY(!reserved.contains(QString(correlationMetadataKey)));
    }
};

QTEST_GUILESS_MAIN(TestCronWrite)
#include "tst_cronwrite.moc"
