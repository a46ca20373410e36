// The cron editor's draft onto typed requests (api::CronCreate, api::CronPatch) with no JSON body
// in between, and the confirmation's diff read from the typed PATCH.
#include "draftfixtures.h"

#include <models/editor/crondiff.h>
#include <models/editor/cronmapping.h>

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using namespace crondesk::tests;
using models::CronDraft;
using models::DraftField;

Q_DECLARE_METATYPE(crondesk::models::CronDraft)
Q_DECLARE_METATYPE(crondesk::models::DraftField)

class TestCronMapping final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toCronCreate_sendsWhatIsSetAndNothingElse()
    {
        QCOMPARE(models::toCronCreate(validStateless()).toJson(),
                 parse("{\"assistant_id\":\"agent\",\"schedule\":\"0 9 * * 1-5\","
                       "\"enabled\":true}"));

        CronDraft full = CronDraft::fromCron(storedThreadCron());
        const api::CronCreate create = models::toCronCreate(full);
        // Typed all the way: the end time is the instant, never text read back.
        QCOMPARE(create.endTime, QDateTime(QDate(2027, 1, 1), QTime(5, 0), Qt::UTC));
        QCOMPARE(create.timezone, u"America/New_York"_s);
        const QJsonObject body = create.toJson();
        QCOMPARE(body.value("end_time"_L1).toString(), u"2027-01-01T05:00:00+00:00"_s);
        QCOMPARE(body.value("enabled"_L1).toBool(true), false);
        QCOMPARE(body.value("interrupt_before"_L1).toString(), u"*"_s);
        QCOMPARE(body.value("interrupt_after"_L1).toArray(), QJsonArray {u"tools"_s});
        QCOMPARE(body.value("stream_mode"_L1).toArray(), QJsonArray {u"updates"_s});
        QCOMPARE(body.value("multitask_strategy"_L1).toString(), u"reject"_s);
        QVERIFY(!body.contains("on_run_completed"_L1)); // not for thread crons
        QVERIFY(!body.contains("thread_id"_L1)); // goes in the path

        full.target = CronDraft::Target::Stateless;
        full.onRunCompleted = u"keep"_s;
        const QJsonObject stateless = models::toCronCreate(full).toJson();
        QCOMPARE(stateless.value("on_run_completed"_L1).toString(), u"keep"_s);
        QVERIFY(!stateless.contains("multitask_strategy"_L1));
    }

    // crondeskctl's options: exactly the fields given, whatever the target, and a "false" given
    // is sent (the editor leaves the stream flags out when they are off).
    void toCronCreate_withTheFieldsGiven_sendsExactlyThose_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<QList<DraftField>>("fields");
        QTest::addColumn<QJsonObject>("expected");
        const CronDraft draft = with(validStateless(), [](auto &d) {
            d.enabled = false;
            d.multitaskStrategy = u"reject"_s;
            d.streamResumable = false;
            d.timezone = u"Europe/Paris"_s;
        });
        QTest::newRow("none given: assistant and schedule only")
            << draft << QList<DraftField>()
            << object("{'assistant_id':'agent','schedule':'0 9 * * 1-5'}");
        QTest::newRow("enabled false, stream flag false, multitask on a stateless cron")
            << draft
            << QList<DraftField> {DraftField::Enabled, DraftField::StreamResumable,
                                  DraftField::MultitaskStrategy}
            << object("{'assistant_id':'agent','schedule':'0 9 * * 1-5','enabled':false,"
                      "'stream_resumable':false,'multitask_strategy':'reject'}");
        QTest::newRow("a field without a value is left to the server")
            << with(draft, [](auto &d) { d.timezone.clear(); })
            << QList<DraftField> {DraftField::Timezone, DraftField::Webhook}
            << object("{'assistant_id':'agent','schedule':'0 9 * * 1-5'}");
    }
    void toCronCreate_withTheFieldsGiven_sendsExactlyThose()
    {
        QFETCH(CronDraft, draft);
        QFETCH(QList<DraftField>, fields);
        QFETCH(QJsonObject, expected);
        QCOMPARE(models::toCronCreate(draft, fields).toJson(), expected);
    }

    void toCronPatch_sendsOnlyTheChangedFields_data()
    {
        QTest::addColumn<CronDraft>("edited");
        QTest::addColumn<QJsonObject>("expected");
        const CronDraft original = CronDraft::fromCron(storedThreadCron());
        QTest::newRow("nothing") << original << QJsonObject();
        QTest::newRow("reformatted JSON is no change")
            << with(original, [](auto &d) { d.context = u"{\"user_id\":\"u1\"}"_s; })
            << QJsonObject();
        QTest::newRow("schedule and enabled") << with(original, [](auto &d) {
            d.schedule = u"0 10 * * *"_s;
            d.enabled = true;
        }) << object("{'schedule':'0 10 * * *','enabled':true}");
        QTest::newRow("cleared end time is null")
            << with(original, [](auto &d) { d.endTime = QDateTime(); })
            << object("{'end_time':null}");
        QTest::newRow("zone change moves the end instant")
            << with(original, [](auto &d) { d.timezone = u"Europe/Berlin"_s; })
            << object("{'timezone':'Europe/Berlin','end_time':'2026-12-31T23:00:00+00:00'}");
        QTest::newRow("server default zone is sent as UTC") << with(original, [](auto &d) {
            d.timezone.clear();
            d.endTime = QDateTime();
        }) << object("{'timezone':'UTC','end_time':null}");
        QTest::newRow("metadata sends changed and added keys only") << with(original, [](auto &d) {
            d.metadata = u"{\"owner\":\"ops\",\"crondesk_request_id\":\"k1\","
                         "\"team\":\"infra\"}"_s;
        }) << object("{'metadata':{'team':'infra'}}");
        QTest::newRow("interrupts to none and stream defaults")
            << with(original,
                    [](auto &d) {
                        d.interruptBefore = {};
                        d.streamModes.clear();
                        d.streamSubgraphs = false;
                        d.durability.clear();
                    })
            << object("{'interrupt_before':[],'stream_mode':['values'],"
                      "'stream_subgraphs':false,'durability':'async'}");
        QTest::newRow("assistant, thread and multitask are not patchable") << with(
            original, [](auto &d) {
                d.assistant = u"echo"_s;
                d.threadId = u"x"_s;
                d.multitaskStrategy = u"enqueue"_s;
            }) << QJsonObject();
        QTest::newRow("a webhook cannot be removed")
            << with(original, [](auto &d) { d.webhook.clear(); }) << QJsonObject();
    }
    void toCronPatch_sendsOnlyTheChangedFields()
    {
        QFETCH(CronDraft, edited);
        QFETCH(QJsonObject, expected);
        const CronDraft original = CronDraft::fromCron(storedThreadCron());
        const api::CronPatch patch = models::toCronPatch(original, edited);
        QCOMPARE(patch.toJson(), expected);
        // The confirmation lists exactly the fields the PATCH sends (metadata key by key).
        const QList<models::FieldChange> changes = models::diff(original, edited);
        QSet<QString> listed;
        for (const models::FieldChange &change : changes) {
            QVERIFY(expected.contains(models::draftFieldKey(change.field)));
            QVERIFY(models::sends(patch, change.field));
            QVERIFY(change.before != change.after);
            listed.insert(models::draftFieldKey(change.field));
            if (change.field == DraftField::Metadata)
                QVERIFY(expected.value("metadata"_L1).toObject().contains(change.key));
        }
        QCOMPARE(listed.size(), expected.size());
    }

    // crondeskctl update and bulk edits: the fields given are set, those without a value back
    // to the server's default; metadata as given, for the server to merge.
    void toCronPatch_withTheFieldsGiven_setsExactlyThose_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<QList<DraftField>>("fields");
        QTest::addColumn<QJsonObject>("expected");
        const CronDraft draft = with(validStateless(), [](auto &d) {
            d.enabled = false;
            d.metadata = u"{\"owner\": \"ops\"}"_s;
        });
        QTest::newRow("schedule and enabled")
            << draft << QList<DraftField> {DraftField::Schedule, DraftField::Enabled}
            << object("{'schedule':'0 9 * * 1-5','enabled':false}");
        QTest::newRow("metadata whole") << draft << QList<DraftField> {DraftField::Metadata}
                                        << object("{'metadata':{'owner':'ops'}}");
        QTest::newRow("no end time clears it")
            << draft << QList<DraftField> {DraftField::EndTime} << object("{'end_time':null}");
        QTest::newRow("no zone is UTC")
            << draft << QList<DraftField> {DraftField::Timezone} << object("{'timezone':'UTC'}");
        QTest::newRow("no webhook sends nothing")
            << draft << QList<DraftField> {DraftField::Webhook} << QJsonObject();
        QTest::newRow("the end time as an instant")
            << with(draft,
                    [](auto &d) { d.endTime = QDateTime(QDate(2035, 1, 2), QTime(3, 4, 5)); })
            << QList<DraftField> {DraftField::EndTime}
            << object("{'end_time':'2035-01-02T03:04:05+00:00'}");
    }
    void toCronPatch_withTheFieldsGiven_setsExactlyThose()
    {
        QFETCH(CronDraft, draft);
        QFETCH(QList<DraftField>, fields);
        QFETCH(QJsonObject, expected);
        QCOMPARE(models::toCronPatch(draft, fields).toJson(), expected);
    }

    // sends() is what the review and the diff ask; it must say what the body carries.
    void sends_agreesWithTheBody()
    {
        const CronDraft full = CronDraft::fromCron(storedThreadCron());
        CronDraft edited = full;
        edited.endTime = QDateTime();
        edited.webhook = u"https://other.example.com/h"_s;
        const api::CronCreate create = models::toCronCreate(full);
        const api::CronPatch patch = models::toCronPatch(full, edited);
        for (int i = int(DraftField::Schedule); i < int(DraftField::Count); ++i) {
            const auto field = DraftField(i);
            const QString key = models::draftFieldKey(field);
            QCOMPARE(models::sends(create, field), create.toJson().contains(key));
            QCOMPARE(models::sends(patch, field), patch.toJson().contains(key));
        }
    }

    void diff_showsMetadataKeyByKeyAsTheServerMergesIt()
    {
        const CronDraft original = CronDraft::fromCron(storedThreadCron());
        CronDraft edited = original;
        // owner changes, team is added, the correlation key is taken out of the text.
        edited.metadata = u"{\"owner\": \"sre\", \"team\": {\"name\": \"infra\"}}"_s;
        const QList<models::FieldChange> changes = models::diff(original, edited);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(
            changes.at(0),
            (models::FieldChange {DraftField::Metadata, u"\"ops\""_s, u"\"sre\""_s, u"owner"_s}));
        QCOMPARE(changes.at(1),
                 (models::FieldChange {DraftField::Metadata, u"not set"_s,
                                       u"{\"name\":\"infra\"}"_s, u"team"_s}));
        // A key the edit leaves alone is not listed, whatever else changes.
        for (const models::FieldChange &change : changes) {
            QVERIFY(!change.before.contains(api::correlationMetadataKey));
            QVERIFY(!change.after.contains(api::correlationMetadataKey));
        }
        // What the text dropped stays on the server, and is said so.
        QCOMPARE(models::keptMetadataKeys(original, edited),
                 QStringList {QString(api::correlationMetadataKey)});
        QCOMPARE(models::keptMetadataKeys(original, original), QStringList());
    }

    void diff_showsReadableBeforeAndAfter()
    {
        const CronDraft original = CronDraft::fromCron(storedThreadCron());
        CronDraft edited = original;
        edited.schedule = u"0 10 * * *"_s;
        edited.endTime = QDateTime();
        edited.interruptBefore = {};
        const QList<models::FieldChange> changes = models::diff(original, edited);
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes.at(0),
                 (models::FieldChange {DraftField::Schedule, u"30 6 * * *"_s, u"0 10 * * *"_s}));
        QCOMPARE(changes.at(1).field, DraftField::EndTime);
        QCOMPARE(changes.at(1).before, u"2027-01-01 00:00 America/New_York"_s);
        QCOMPARE(changes.at(1).after, u"none"_s);
        QCOMPARE(changes.at(2).before, u"all nodes (*)"_s);
        QCOMPARE(changes.at(2).after, u"none"_s);
    }
};

QTEST_GUILESS_MAIN(TestCronMapping)
#include "tst_cronmapping.moc"
