// The cron editor's value type and its form rules (the requests and the diff: tst_cronmapping).
#include "draftfixtures.h"

#include <models/api/cron.h>
#include <models/editor/cronmapping.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::CronDraft;
using models::DraftField;
using models::DraftProblem;
using models::ValidationContext;

Q_DECLARE_METATYPE(crondesk::models::CronDraft)
Q_DECLARE_METATYPE(crondesk::models::ValidationContext)
Q_DECLARE_METATYPE(crondesk::models::DraftField)

using namespace crondesk::tests;

class TestCronDraft final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_reportsTheRuleAtItsField_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<ValidationContext>("context");
        QTest::addColumn<DraftField>("field");
        QTest::addColumn<bool>("isError");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        const ValidationContext create;
        QTest::newRow("no assistant")
            << with(validStateless(), [](auto &d) { d.assistant.clear(); }) << create
            << DraftField::Assistant << true << u"Choose an assistant"_s << 0 << 0;
        QTest::newRow("thread cron without a thread")
            << with(validThread(), [](auto &d) { d.threadId.clear(); }) << create
            << DraftField::Thread << true << u"Choose a thread"_s << 0 << 0;
        QTest::newRow("thread id that is not a UUID")
            << with(validThread(), [](auto &d) { d.threadId = u"thread-1"_s; }) << create
            << DraftField::Thread << true << u"is not a thread id"_s << 0 << 0;
        QTest::newRow("no schedule")
            << with(validStateless(), [](auto &d) { d.schedule.clear(); }) << create
            << DraftField::Schedule << true << u"Enter a schedule"_s << 0 << 0;
        QTest::newRow("hour out of range, at its column")
            << with(validStateless(), [](auto &d) { d.schedule = u"0 25 * * *"_s; }) << create
            << DraftField::Schedule << true << u"25"_s << 1 << 3;
        QTest::newRow("never fires")
            << with(validStateless(), [](auto &d) { d.schedule = u"0 0 30 2 *"_s; }) << create
            << DraftField::Schedule << true << u"never fires"_s << 0 << 0;
        QTest::newRow("every two minutes costs")
            << with(validStateless(), [](auto &d) { d.schedule = u"*/2 * * * *"_s; }) << create
            << DraftField::Schedule << false << u"720 runs a day"_s << 0 << 0;
        QTest::newRow("seconds field is not portable")
            << with(validStateless(), [](auto &d) { d.schedule = u"0 9 * * * 30"_s; }) << create
            << DraftField::Schedule << false << u"sixth field"_s << 0 << 0;
        QTest::newRow("unknown zone")
            << with(validStateless(), [](auto &d) { d.timezone = u"Mars/Base"_s; }) << create
            << DraftField::Timezone << true << u"Mars/Base"_s << 0 << 0;
        QTest::newRow("zone Qt reads as a POSIX rule")
            << with(validStateless(), [](auto &d) { d.timezone = u"Berl"_s; }) << create
            << DraftField::Timezone << true << u"“Berl” is not an IANA time zone name"_s << 0 << 0;
        QTest::newRow("fixed offset zone")
            << with(validStateless(), [](auto &d) { d.timezone = u"UTC+02:00"_s; }) << create
            << DraftField::Timezone << true << u"fixed offsets"_s << 0 << 0;
        QTest::newRow("input that is not JSON, at its line and column")
            << with(validStateless(), [](auto &d) { d.input = u"{\n  \"a\": 1,\n  \"b\": }"_s; })
            << create << DraftField::Input << true << u"line 3"_s << 3 << 8;
        QTest::newRow("input list of numbers")
            << with(validStateless(), [](auto &d) { d.input = u"[{}, 2]"_s; }) << create
            << DraftField::Input << true << u"only objects"_s << 1 << 6;
        QTest::newRow("config that is a list")
            << with(validStateless(), [](auto &d) { d.config = u"[]"_s; }) << create
            << DraftField::Config << true << u"must be a JSON object"_s << 1 << 1;
        QTest::newRow("config tags that are not strings")
            << with(validStateless(), [](auto &d) { d.config = u"{\n\"tags\": [1]}"_s; }) << create
            << DraftField::Config << true << u"list of strings"_s << 2 << 9;
        QTest::newRow("context that is a string")
            << with(validStateless(), [](auto &d) { d.context = u"\"x\""_s; }) << create
            << DraftField::Context << true << u""_s << 1 << 1;
        QTest::newRow("reserved metadata key")
            << with(validStateless(), [](auto &d) { d.metadata = u"{\"cron_id\": \"x\"}"_s; })
            << create << DraftField::Metadata << false << u"reserved key \"cron_id\""_s << 1 << 13;
        QTest::newRow("webhook with another scheme")
            << with(validStateless(), [](auto &d) { d.webhook = u"ftp://example.com/x"_s; })
            << create << DraftField::Webhook << true << u"http or https"_s << 0 << 0;
        QTest::newRow("webhook that is not a URL")
            << with(validStateless(), [](auto &d) { d.webhook = u"https://exa mple.com"_s; })
            << create << DraftField::Webhook << true << u"not a valid URL"_s << 0 << 0;
        QTest::newRow("webhook without host")
            << with(validStateless(), [](auto &d) { d.webhook = u"https:///path"_s; }) << create
            << DraftField::Webhook << true << u"no host"_s << 0 << 0;
        QTest::newRow("plain http webhook")
            << with(validStateless(), [](auto &d) { d.webhook = u"http://example.com/h"_s; })
            << create << DraftField::Webhook << false << u"Plain http"_s << 0 << 0;
        QTest::newRow("loopback webhook")
            << with(validStateless(), [](auto &d) { d.webhook = u"https://127.0.0.1/h"_s; })
            << create << DraftField::Webhook << false << u"loopback"_s << 0 << 0;
        QTest::newRow("no node selected")
            << with(
                   validStateless(),
                   [](auto &d) { d.interruptBefore.mode = models::InterruptNodes::Mode::Selected; })
            << create << DraftField::InterruptBefore << false << u"No node"_s << 0 << 0;
        QTest::newRow("star among node names")
            << with(validStateless(),
                    [](auto &d) {
                        d.interruptAfter = {models::InterruptNodes::Mode::Selected, {u"*"_s}};
                    })
            << create << DraftField::InterruptAfter << true << u"cannot be mixed"_s << 0 << 0;
        ValidationContext withGraph;
        withGraph.graphNodes = {u"agent"_s, u"tools"_s};
        QTest::newRow("node not in the graph")
            << with(validStateless(),
                    [](auto &d) {
                        d.interruptBefore
                            = {models::InterruptNodes::Mode::Selected, {u"tools"_s, u"tool"_s}};
                    })
            << withGraph << DraftField::InterruptBefore << false << u": tool."_s << 0 << 0;
        ValidationContext withSchema;
        withSchema.inputSchema
            = parse("{\"type\":\"object\",\"required\":[\"messages\"],\"properties\":{"
                    "\"messages\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/M\"}}},"
                    "\"$defs\":{\"M\":{\"type\":\"object\",\"properties\":{\"role\":{\"type\":"
                    "\"string\"}}}}}");
        QTest::newRow("input against the assistant's schema, through $ref")
            << with(validStateless(),
                    [](auto &d) { d.input = u"{\"messages\": [\n  {\"role\": 7}\n]}"_s; })
            << withSchema << DraftField::Input << false << u"messages[0].role: the assistant"_s << 2
            << 12;
        QTest::newRow("input missing a required key")
            << with(validStateless(), [](auto &d) { d.input = u"{}"_s; }) << withSchema
            << DraftField::Input << false << u"\"messages\" is missing"_s << 1 << 1;
        ValidationContext configSchema;
        configSchema.configSchema
            = parse("{\"type\":\"object\",\"properties\":{\"model_name\":{\"enum\":[\"openai\","
                    "\"anthropic\"]}}}");
        QTest::newRow("config.configurable against the schema")
            << with(validStateless(),
                    [](auto &d) { d.config = u"{\"configurable\": {\"model_name\": \"x\"}}"_s; })
            << configSchema << DraftField::Config << false << u"is not one of"_s << 1 << 33;
        ValidationContext later;
        later.now = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("end time passed")
            << with(validStateless(),
                    [](auto &d) { d.endTime = QDateTime(QDate(2026, 5, 1), QTime(0, 0), Qt::UTC); })
            << later << DraftField::EndTime << false << u"has passed"_s << 0 << 0;
        QTest::newRow("end time in the spring-forward gap")
            << with(validStateless(),
                    [](auto &d) {
                        d.timezone = u"Europe/Berlin"_s;
                        d.endTime = QDateTime(QDate(2030, 3, 31), QTime(2, 30), Qt::UTC);
                    })
            << create << DraftField::EndTime << false << u"will be 2030-03-31 03:30"_s << 0 << 0;
        QTest::newRow("edit: a webhook cannot be removed")
            << with(validStateless(), [](auto &d) { d.webhook.clear(); })
            << editOf(
                   with(validStateless(), [](auto &d) { d.webhook = u"https://example.com/h"_s; }))
            << DraftField::Webhook << true << u"cannot remove a webhook"_s << 0 << 0;
        QTest::newRow("edit: removed metadata keys stay")
            << with(validStateless(), [](auto &d) { d.metadata = u"{\"a\": 1}"_s; })
            << editOf(with(validStateless(), [](auto &d) { d.metadata = u"{\"a\":1,\"b\":2}"_s; }))
            << DraftField::Metadata << false << u"removed keys stay: b"_s << 0 << 0;
        QTest::newRow("edit: emptied input becomes {}")
            << validStateless()
            << editOf(with(validStateless(), [](auto &d) { d.input = u"{\"a\": 1}"_s; }))
            << DraftField::Input << false << u"saved as {}"_s << 0 << 0;
        QTest::newRow("create with the correlation key")
            << with(validStateless(),
                    [](auto &d) {
                        d.metadata = u"{\"owner\": \"ops\",\n \"crondesk_request_id\": \"x\"}"_s;
                    })
            << create << DraftField::Metadata << true << u"is reserved"_s << 2 << 25;
        QTest::newRow("edit: changing the correlation key")
            << with(validStateless(),
                    [](auto &d) { d.metadata = u"{\"crondesk_request_id\": \"y\"}"_s; })
            << editOf(with(validStateless(),
                           [](auto &d) { d.metadata = u"{\"crondesk_request_id\": \"x\"}"_s; }))
            << DraftField::Metadata << true << u"is reserved"_s << 1 << 25;
        QTest::newRow("edit: enabling a paused cron")
            << validStateless()
            << editOf(with(validStateless(), [](auto &d) { d.enabled = false; }))
            << DraftField::Enabled << false << u"fire as soon as"_s << 0 << 0;
    }
    void validate_reportsTheRuleAtItsField()
    {
        QFETCH(CronDraft, draft);
        QFETCH(ValidationContext, context);
        QFETCH(DraftField, field);
        QFETCH(bool, isError);
        QFETCH(QString, messagePart);
        QFETCH(int, line);
        QFETCH(int, column);

        const QList<DraftProblem> problems = models::validate(draft, context);
        const auto found = std::find_if(problems.begin(), problems.end(), [&](const auto &p) {
            return p.field == field && p.isError() == isError && p.message.contains(messagePart);
        });
        if (found == problems.end()) {
            for (const DraftProblem &p : problems)
                qWarning() << int(p.field) << p.isError() << p.message;
            QFAIL("the expected problem was not reported");
        }
        QCOMPARE(found->position.line, line);
        QCOMPARE(found->position.column, column);
        QVERIFY(!found->message.isEmpty());
        // One rule, one problem: no error elsewhere in an otherwise valid draft.
        for (const DraftProblem &p : problems) {
            if (p.isError())
                QCOMPARE(p.field, field);
        }
        QCOMPARE(models::hasErrors(problems), isError);
    }

    void validate_acceptsCompleteDrafts_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<ValidationContext>("context");
        QTest::newRow("minimal stateless") << validStateless() << ValidationContext();
        QTest::newRow("graph name or UUID") << with(validStateless(), [](auto &d) {
            d.assistant = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
        }) << ValidationContext();
        QTest::newRow("thread cron on a new thread") << with(validThread(), [](auto &d) {
            d.threadId.clear();
            d.createThread = true;
        }) << ValidationContext();
        QTest::newRow("every field") << with(validThread(), [](auto &d) {
            d.timezone = u"Europe/Berlin"_s;
            d.endTime = QDateTime(QDate(2031, 1, 1), QTime(12, 0), Qt::UTC);
            d.enabled = false;
            d.input = u"[{\"a\": 1}, {\"b\": 2}]"_s;
            d.config = u"{\"tags\": [\"x\"], \"recursion_limit\": 10, \"configurable\": {}}"_s;
            d.context = u"{\"user\": \"u\"}"_s;
            d.metadata = u"{\"owner\": \"ops\"}"_s;
            d.interruptBefore.mode = models::InterruptNodes::Mode::All;
            d.interruptAfter = {models::InterruptNodes::Mode::Selected, {u"tools"_s}};
            d.webhook = u"https://hooks.example.com/x?y=1"_s;
            d.multitaskStrategy = u"rollback"_s;
            d.streamModes = {u"values"_s, u"messages-tuple"_s};
            d.streamSubgraphs = true;
            d.streamResumable = true;
            d.durability = u"exit"_s;
        }) << ValidationContext();
        QTest::newRow("edit ignores assistant and thread")
            << with(validThread(), [](auto &d) { d.threadId = u"legacy"_s; })
            << editOf(with(validThread(), [](auto &d) { d.threadId = u"legacy"_s; }));
    }
    void validate_acceptsCompleteDrafts()
    {
        QFETCH(CronDraft, draft);
        QFETCH(ValidationContext, context);
        const QList<DraftProblem> problems = models::validate(draft, context);
        for (const DraftProblem &p : problems)
            qWarning() << int(p.field) << p.isError() << p.message;
        QVERIFY(problems.isEmpty());
    }

    // The one rule the editor and crondeskctl share for the correlation key.
    void correlationKeyProblem_refusesTheKeyUnlessItIsTheCronsOwn_data()
    {
        QTest::addColumn<QByteArray>("metadata");
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<bool>("refused");
        QTest::newRow("no key") << QByteArray(R"({"owner":"ops"})") << QByteArray("{}") << false;
        QTest::newRow("a new create with the key")
            << QByteArray(R"({"crondesk_request_id":"x"})") << QByteArray("{}") << true;
        QTest::newRow("an empty value")
            << QByteArray(R"({"crondesk_request_id":""})") << QByteArray("{}") << true;
        QTest::newRow("edit keeping the cron's own")
            << QByteArray(R"({"crondesk_request_id":"x"})")
            << QByteArray(R"({"crondesk_request_id":"x"})") << false;
        QTest::newRow("edit changing it") << QByteArray(R"({"crondesk_request_id":"y"})")
                                          << QByteArray(R"({"crondesk_request_id":"x"})") << true;
    }
    void correlationKeyProblem_refusesTheKeyUnlessItIsTheCronsOwn()
    {
        QFETCH(QByteArray, metadata);
        QFETCH(QByteArray, original);
        QFETCH(bool, refused);
        const QString problem = models::correlationKeyProblem(
            QJsonDocument::fromJson(metadata).object(), QJsonDocument::fromJson(original).object());
        QCOMPARE(!problem.isEmpty(), refused);
        if (refused) {
            QVERIFY(problem.contains(u"crondesk_request_id"_s));
            QVERIFY(problem.endsWith(u'.'));
        }
    }

    void fromCron_readsRunParametersFromThePayload()
    {
        const CronDraft draft = CronDraft::fromCron(storedThreadCron());
        QCOMPARE(draft.target, CronDraft::Target::Thread);
        QCOMPARE(draft.assistant, u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s);
        QCOMPARE(draft.threadId, ThreadId);
        QCOMPARE(draft.timezone, u"America/New_York"_s);
        // Shown in the cron's zone, and back to the same instant.
        QCOMPARE(draft.endTime.date(), QDate(2027, 1, 1));
        QCOMPARE(draft.endTime.time(), QTime(0, 0));
        QCOMPARE(draft.endInstant(), QDateTime(QDate(2027, 1, 1), QTime(5, 0), Qt::UTC));
        QVERIFY(!draft.enabled);
        QVERIFY(draft.input.contains(u"\"content\": \"hi\""_s));
        QVERIFY(draft.config.contains(u"\"model_name\": \"openai\""_s));
        QVERIFY(draft.context.contains(u"\"user_id\": \"u1\""_s));
        QVERIFY(draft.metadata.contains(api::correlationMetadataKey));
        QCOMPARE(draft.interruptBefore.mode, models::InterruptNodes::Mode::All);
        QCOMPARE(draft.interruptAfter.nodes, QStringList {u"tools"_s});
        QCOMPARE(draft.webhook, u"https://hooks.example.com/cron"_s);
        QCOMPARE(draft.multitaskStrategy, u"reject"_s);
        QCOMPARE(draft.streamModes, QStringList {u"updates"_s});
        QVERIFY(draft.streamSubgraphs);
        QVERIFY(draft.streamResumable);
        QCOMPARE(draft.durability, u"sync"_s);
        QVERIFY(models::validate(draft, editOf(draft)).isEmpty());
    }

    void cloneOf_dropsTheCorrelationKey()
    {
        const CronDraft clone = CronDraft::cloneOf(storedThreadCron());
        QVERIFY(!clone.metadata.contains(api::correlationMetadataKey));
        QVERIFY(clone.metadata.contains(u"owner"_s));
        QCOMPARE(clone.schedule, u"30 6 * * *"_s);
    }

    void withoutCorrelationKey_keepsEveryOtherKey()
    {
        const CronDraft draft = CronDraft::fromCron(storedThreadCron()).withoutCorrelationKey();
        QVERIFY(!draft.metadata.contains(api::correlationMetadataKey));
        QVERIFY(draft.metadata.contains(u"\"owner\": \"ops\""_s));
        CronDraft onlyKey = validStateless();
        onlyKey.metadata = u"{\"crondesk_request_id\": \"k\"}"_s;
        QVERIFY(onlyKey.withoutCorrelationKey().metadata.isEmpty());
        // An edit that starts without the key never sends it, and never lists it.
        CronDraft edited = draft;
        edited.metadata = u"{\"owner\": \"ops\", \"env\": \"prod\"}"_s;
        QCOMPARE(models::toCronPatch(draft, edited).toJson(),
                 parse("{\"metadata\":{\"env\":\"prod\"}}"));
    }

    void draftFieldFromKey_mapsServerFieldNames_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<DraftField>("field");
        QTest::newRow("timezone") << u"timezone"_s << DraftField::Timezone;
        QTest::newRow("end_time") << u"end_time"_s << DraftField::EndTime;
        QTest::newRow("assistant_id") << u"assistant_id"_s << DraftField::Assistant;
        QTest::newRow("thread_id") << u"thread_id"_s << DraftField::Thread;
        QTest::newRow("configurable") << u"configurable"_s << DraftField::Config;
        QTest::newRow("stream_mode") << u"stream_mode"_s << DraftField::StreamMode;
        QTest::newRow("unknown") << u"select"_s << DraftField::None;
        QTest::newRow("empty") << QString() << DraftField::None;
    }
    void draftFieldFromKey_mapsServerFieldNames()
    {
        QFETCH(QString, key);
        QFETCH(DraftField, field);
        QCOMPARE(models::draftFieldFromKey(key), field);
    }
};

QTEST_GUILESS_MAIN(TestCronDraft)
#include "tst_crondraft.moc"
