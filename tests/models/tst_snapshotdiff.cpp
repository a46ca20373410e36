// Snapshots and their diff (issue 16): the file format and its errors, secrets kept out, pairing
// by id and by content, field-level changes, journal attribution and the reports.
#include <models/compare/attribution.h>
#include <models/compare/diffreport.h>
#include <models/compare/snapshot.h>
#include <models/compare/snapshotdiff.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject cron(const QString &id, const QString &schedule = u"0 9 * * *"_s,
                 const QJsonObject &metadata = {}, const QString &assistant = u"a1"_s)
{
    return QJsonObject {{"cron_id"_L1, id},
                        {"assistant_id"_L1, assistant},
                        {"thread_id"_L1, QJsonValue()},
                        {"schedule"_L1, schedule},
                        {"timezone"_L1, u"UTC"_s},
                        {"payload"_L1, QJsonObject {{"input"_L1, QJsonObject {{"q"_L1, 1}}}}},
                        {"metadata"_L1, metadata},
                        {"enabled"_L1, true},
                        {"next_run_date"_L1, u"2026-12-02T09:00:00Z"_s},
                        {"updated_at"_L1, u"2026-12-01T09:00:00Z"_s}};
}

QStringList ids(const QList<QJsonObject> &crons)
{
    QStringList list;
    for (const QJsonObject &c : crons)
        list.append(c.value("cron_id"_L1).toString());
    return list;
}

QStringList fieldNames(const QList<CronFieldChange> &changes)
{
    QStringList names;
    for (const CronFieldChange &change : changes)
        names.append(change.field);
    return names;
}

JournalEntry entry(const QString &action, const QString &id, const QDateTime &time,
                   const QString &url = u"http://127.0.0.1:8123"_s)
{
    JournalEntry e;
    e.time = time;
    e.client = u"crondeskctl"_s;
    e.url = url;
    e.operatorName = u"alice"_s;
    e.action = action;
    e.cronId = id;
    e.succeeded = true;
    return e;
}

} // namespace

class TestSnapshotDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffFields_ofTwoCrons_listsExactlyTheChangedFields_data()
    {
        QTest::addColumn<QJsonObject>("oldCron");
        QTest::addColumn<QJsonObject>("newCron");
        QTest::addColumn<QStringList>("ignore");
        QTest::addColumn<QStringList>("expected");
        const QStringList defaults = DiffOptions::defaultIgnoredFields();
        QTest::newRow("identical") << json(R"({"schedule":"a"})") << json(R"({"schedule":"a"})")
                                   << defaults << QStringList {};
        QTest::newRow("schedule") << json(R"({"schedule":"a"})") << json(R"({"schedule":"b"})")
                                  << defaults << QStringList {u"schedule"_s};
        QTest::newRow("next run and updated ignored by default")
            << json(R"({"next_run_date":"x","updated_at":"1"})")
            << json(R"({"next_run_date":"y","updated_at":"2"})") << defaults << QStringList {};
        QTest::newRow("next run reported when not ignored")
            << json(R"({"next_run_date":"x"})") << json(R"({"next_run_date":"y"})")
            << QStringList {} << QStringList {u"next_run_date"_s};
        QTest::newRow("metadata key by key")
            << json(R"({"metadata":{"a":1,"b":2,"c":3}})")
            << json(R"({"metadata":{"a":1,"b":5,"d":4}})") << defaults
            << QStringList {u"metadata.b"_s, u"metadata.c"_s, u"metadata.d"_s};
        QTest::newRow("payload key by key") << json(R"({"payload":{"input":{"q":1},"config":{}}})")
                                            << json(R"({"payload":{"input":{"q":2},"config":{}}})")
                                            << defaults << QStringList {u"payload.input"_s};
        QTest::newRow("metadata from null")
            << json(R"({"metadata":null})") << json(R"({"metadata":{"team":"x"}})") << defaults
            << QStringList {u"metadata.team"_s};
        QTest::newRow("ignoring a prefix ignores its keys")
            << json(R"({"metadata":{"a":1},"schedule":"a"})")
            << json(R"({"metadata":{"a":2},"schedule":"b"})") << QStringList {u"metadata"_s}
            << QStringList {u"schedule"_s};
        QTest::newRow("one metadata key ignored")
            << json(R"({"metadata":{"a":1,"b":1}})") << json(R"({"metadata":{"a":2,"b":2}})")
            << QStringList {u"metadata.a"_s} << QStringList {u"metadata.b"_s};
        QTest::newRow("a field only on one side")
            << json(R"({"end_time":"2027-01-01T00:00:00Z"})") << json(R"({})") << defaults
            << QStringList {u"end_time"_s};
        QTest::newRow("payload copies of top-level fields compared once")
            << json(R"({"schedule":"a","payload":{"schedule":"a","input":{}}})")
            << json(R"({"schedule":"b","payload":{"schedule":"b","input":{}}})") << defaults
            << QStringList {u"schedule"_s};
        QTest::newRow("enabled") << json(R"({"enabled":true})") << json(R"({"enabled":false})")
                                 << defaults << QStringList {u"enabled"_s};
    }

    void diffFields_ofTwoCrons_listsExactlyTheChangedFields()
    {
        QFETCH(QJsonObject, oldCron);
        QFETCH(QJsonObject, newCron);
        QFETCH(QStringList, ignore);
        QFETCH(QStringList, expected);
        QCOMPARE(fieldNames(diffFields(oldCron, newCron, ignore)), expected);
    }

    void diffFields_aMissingSide_isUndefinedNotNull()
    {
        const QList<CronFieldChange> changes
            = diffFields(json(R"({"metadata":{"a":null}})"), json(R"({"metadata":{}})"), {});
        QCOMPARE(changes.size(), 1);
        QVERIFY(changes.first().oldValue.isNull());
        QVERIFY(changes.first().newValue.isUndefined());
    }

    void diffCrons_byId_reportsAddedRemovedChangedAndUnchanged()
    {
        const QList<QJsonObject> before {cron(u"1"_s), cron(u"2"_s), cron(u"3"_s)};
        QJsonObject patched = cron(u"2"_s, u"0 10 * * *"_s);
        patched.insert("next_run_date"_L1, u"2026-12-02T10:00:00Z"_s);
        const QList<QJsonObject> after {cron(u"1"_s), patched, cron(u"4"_s)};
        const SnapshotDiff diff = diffCrons(before, after, DiffOptions {});
        QCOMPARE(ids(diff.added), QStringList {u"4"_s});
        QCOMPARE(ids(diff.removed), QStringList {u"3"_s});
        QCOMPARE(diff.changed.size(), 1);
        QCOMPARE(diff.changed.first().oldId(), u"2"_s);
        QCOMPARE(fieldNames(diff.changed.first().fields), QStringList {u"schedule"_s});
        QCOMPARE(diff.unchanged, 1);
        QVERIFY(diff.hasDifferences());
        QVERIFY(diff.ambiguous.isEmpty());
    }

    void diffCrons_ofTheSameCrons_hasNoDifference_data()
    {
        QTest::addColumn<int>("match");
        QTest::newRow("id") << int(MatchMode::Id);
        QTest::newRow("content") << int(MatchMode::Content);
    }

    void diffCrons_ofTheSameCrons_hasNoDifference()
    {
        QFETCH(int, match);
        const QList<QJsonObject> crons {cron(u"1"_s), cron(u"2"_s, u"5 * * * *"_s)};
        DiffOptions options;
        options.match = MatchMode(match);
        const SnapshotDiff diff = diffCrons(crons, crons, options);
        QVERIFY(!diff.hasDifferences());
        QCOMPARE(diff.unchanged, 2);
    }

    void diffCrons_byContent_pairsAcrossDeploymentsByGraph()
    {
        // Staging and production: other ids, other assistant ids, the same graph.
        const QList<QJsonObject> staging {cron(u"s1"_s, u"0 9 * * *"_s, {}, u"as"_s)};
        const QList<QJsonObject> production {cron(u"p1"_s, u"0 9 * * *"_s, {}, u"ap"_s)};
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons(staging, production, options, {{u"as"_s, u"agent"_s}},
                                            {{u"ap"_s, u"agent"_s}});
        QVERIFY(!diff.hasDifferences());
        QCOMPARE(diff.unchanged, 1);
        // Without the graphs, the assistant ids differ and nothing pairs.
        const SnapshotDiff unpaired = diffCrons(staging, production, options);
        QCOMPARE(ids(unpaired.removed), QStringList {u"s1"_s});
        QCOMPARE(ids(unpaired.added), QStringList {u"p1"_s});
    }

    void diffCrons_byContent_aChangedKeyFieldIsRemovedAndAdded()
    {
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff
            = diffCrons({cron(u"1"_s)}, {cron(u"1"_s, u"0 10 * * *"_s)}, options);
        QCOMPARE(ids(diff.removed), QStringList {u"1"_s});
        QCOMPARE(ids(diff.added), QStringList {u"1"_s});
        QVERIFY(diff.changed.isEmpty());
    }

    void diffCrons_byContentWithTheDefaultKey_pairsDespiteTheMetadataCopyInThePayload()
    {
        QJsonObject a = cron(u"1"_s, u"0 9 * * *"_s, json(R"({"x":1})"));
        QJsonObject b = cron(u"1"_s, u"0 9 * * *"_s, json(R"({"x":2})"));
        for (QJsonObject *c : {&a, &b}) {
            QJsonObject payload = c->value("payload"_L1).toObject();
            payload.insert("metadata"_L1, c->value("metadata"_L1));
            c->insert("payload"_L1, payload);
        }
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons({a}, {b}, options);
        QCOMPARE(diff.changed.size(), 1);
        QCOMPARE(fieldNames(diff.changed.first().fields), QStringList {u"metadata.x"_s});
    }

    void diffCrons_byContentWithAMetadataKey_pairsAndReportsTheSchedule()
    {
        DiffOptions options;
        options.match = MatchMode::Content;
        options.key = {u"metadata.name"_s};
        const SnapshotDiff diff
            = diffCrons({cron(u"s1"_s, u"0 9 * * *"_s, json(R"({"name":"report"})"))},
                        {cron(u"p1"_s, u"0 10 * * *"_s, json(R"({"name":"report"})"))}, options);
        QCOMPARE(diff.changed.size(), 1);
        QCOMPARE(diff.changed.first().oldId(), u"s1"_s);
        QCOMPARE(diff.changed.first().newId(), u"p1"_s);
        // cron_id differs too, but it names the cron in one deployment only.
        QCOMPARE(fieldNames(diff.changed.first().fields), QStringList {u"schedule"_s});
    }

    void diffCrons_byContent_pairsPayloadsThatDifferOnlyInKeyOrderOrTopLevelCopies()
    {
        // The same cron created by two scripts: the payload's members in another order, and one
        // deployment's payload repeating the schedule (a top-level field, not part of the key).
        QJsonObject staging = cron(u"s1"_s);
        QJsonObject production = cron(u"p1"_s);
        staging.insert("payload"_L1, json(R"({"input":{"q":1},"config":{"tags":["a"]}})"));
        production.insert(
            "payload"_L1,
            json(R"({"schedule":"0 9 * * *","config":{"tags":["a"]},"input":{"q":1}})"));
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons({staging}, {production}, options);
        QVERIFY(!diff.hasDifferences());
        QCOMPARE(diff.unchanged, 1);
    }

    void diffCrons_byContent_aPayloadThatDiffersInAnyNestedValueIsRemovedAndAdded_data()
    {
        QTest::addColumn<QByteArray>("newPayload");
        QTest::newRow("nested value") << QByteArray(R"({"input":{"q":2}})");
        QTest::newRow("nested type") << QByteArray(R"({"input":{"q":"1"}})");
        QTest::newRow("extra member") << QByteArray(R"({"input":{"q":1},"config":{}})");
        QTest::newRow("array order") << QByteArray(R"({"input":{"q":1},"x":[2,1]})");
    }

    void diffCrons_byContent_aPayloadThatDiffersInAnyNestedValueIsRemovedAndAdded()
    {
        QFETCH(QByteArray, newPayload);
        QJsonObject before = cron(u"s1"_s);
        if (newPayload.contains("[2,1]"))
            before.insert("payload"_L1, json(R"({"input":{"q":1},"x":[1,2]})"));
        QJsonObject after = cron(u"p1"_s);
        after.insert("payload"_L1, QJsonDocument::fromJson(newPayload).object());
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons({before}, {after}, options);
        QCOMPARE(ids(diff.removed), QStringList {u"s1"_s});
        QCOMPARE(ids(diff.added), QStringList {u"p1"_s});
        QCOMPARE(diff.unchanged, 0);
    }

    void diffCrons_byContent_anAmbiguousGroupShowsItsKeyWithThePayloadWrittenOut()
    {
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons({cron(u"o1"_s, u"0 9 * * *"_s, json(R"({"n":1})")),
                                             cron(u"o2"_s, u"0 9 * * *"_s, json(R"({"n":2})"))},
                                            {cron(u"n1"_s, u"0 9 * * *"_s, json(R"({"n":3})")),
                                             cron(u"n2"_s, u"0 9 * * *"_s, json(R"({"n":4})"))},
                                            options);
        QCOMPARE(diff.ambiguous.size(), 1);
        QCOMPARE(diff.ambiguous.first().key,
                 u"assistant a1; stateless; schedule=\"0 9 * * *\"; timezone=\"UTC\"; "
                 "payload={\"input\":{\"q\":1}}"_s);
    }

    void diffCrons_byContent_statelessAndThreadCronsNeverPair()
    {
        QJsonObject threaded = cron(u"2"_s);
        threaded.insert("thread_id"_L1, u"t"_s);
        DiffOptions options;
        options.match = MatchMode::Content;
        const SnapshotDiff diff = diffCrons({cron(u"1"_s)}, {threaded}, options);
        QCOMPARE(diff.removed.size(), 1);
        QCOMPARE(diff.added.size(), 1);
    }

    void diffCrons_withSeveralDifferingCronsUnderOneKey_reportsThemAmbiguous()
    {
        DiffOptions options;
        options.match = MatchMode::Content;
        options.key = {u"metadata.name"_s};
        const QJsonObject name = json(R"({"name":"x"})");
        const SnapshotDiff diff = diffCrons(
            {cron(u"o1"_s, u"1 * * * *"_s, name), cron(u"o2"_s, u"2 * * * *"_s, name)},
            {cron(u"n1"_s, u"3 * * * *"_s, name), cron(u"n2"_s, u"4 * * * *"_s, name)}, options);
        QCOMPARE(diff.ambiguous.size(), 1);
        QCOMPARE(ids(diff.ambiguous.first().oldCrons), (QStringList {u"o1"_s, u"o2"_s}));
        QCOMPARE(ids(diff.ambiguous.first().newCrons), (QStringList {u"n1"_s, u"n2"_s}));
        QVERIFY(diff.added.isEmpty() && diff.removed.isEmpty() && diff.changed.isEmpty());
        QVERIFY(diff.hasDifferences());
    }

    void diffCrons_withIdenticalDuplicates_pairsThemAndTheOneLeftIsAChange()
    {
        DiffOptions options;
        options.match = MatchMode::Content;
        options.key = {u"metadata.name"_s};
        const QJsonObject name = json(R"({"name":"x"})");
        const SnapshotDiff diff
            = diffCrons({cron(u"o1"_s, u"1 * * * *"_s, name), cron(u"o2"_s, u"2 * * * *"_s, name)},
                        {cron(u"n1"_s, u"2 * * * *"_s, name), cron(u"n2"_s, u"5 * * * *"_s, name),
                         cron(u"n3"_s, u"1 * * * *"_s, name)},
                        options);
        QCOMPARE(diff.unchanged, 2);
        QCOMPARE(ids(diff.added), QStringList {u"n2"_s});
        QVERIFY(diff.ambiguous.isEmpty());
    }

    void snapshot_roundTrip_keepsEveryMember()
    {
        Snapshot snapshot;
        snapshot.takenAt = QDateTime(QDate(2026, 12, 2), QTime(1, 2, 3), Qt::UTC);
        snapshot.serverUrl = u"https://prod.example"_s;
        snapshot.serverVersion = u"0.12.0"_s;
        snapshot.capabilities = json(R"({"patch":true})");
        snapshot.assistants = QJsonArray {json(R"({"assistant_id":"a1","graph_id":"agent"})")};
        snapshot.crons = cronsFromJson({cron(u"1"_s), cron(u"2"_s)});
        const SnapshotReadResult read = snapshotFromJsonText(snapshotToJsonText(snapshot), u"x"_s);
        QVERIFY2(read.snapshot, qPrintable(read.message));
        QCOMPARE(read.snapshot->takenAt, snapshot.takenAt);
        QCOMPARE(read.snapshot->serverUrl, snapshot.serverUrl);
        QCOMPARE(read.snapshot->serverVersion, snapshot.serverVersion);
        QCOMPARE(read.snapshot->capabilities, snapshot.capabilities);
        QCOMPARE(read.snapshot->assistants, snapshot.assistants);
        QCOMPARE(read.snapshot->crons, snapshot.crons);
        QCOMPARE(read.snapshot->graphByAssistant().value(u"a1"_s), u"agent"_s);
        const QJsonObject root = QJsonDocument::fromJson(snapshotToJsonText(snapshot)).object();
        QCOMPARE(root.value("format"_L1).toString(), u"crondesk-snapshot"_s);
        QCOMPARE(root.value("version"_L1).toInt(), 1);
    }

    void readSnapshot_ofABadFile_saysWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << QByteArray(R"({"format":"crondesk-snapshot","ver)")
                                   << int(SnapshotProblem::Corrupt) << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << int(SnapshotProblem::Corrupt)
                               << u"not an object"_s;
        QTest::newRow("other format")
            << QByteArray(R"({"format":"something","version":1})")
            << int(SnapshotProblem::WrongFormat) << u"not a Cron Desk snapshot"_s;
        QTest::newRow("future version")
            << QByteArray(R"({"format":"crondesk-snapshot","version":2})")
            << int(SnapshotProblem::FutureVersion) << u"newer Cron Desk"_s;
        QTest::newRow("version text")
            << QByteArray(R"({"format":"crondesk-snapshot","version":"1"})")
            << int(SnapshotProblem::Malformed) << u"\"version\""_s;
        QTest::newRow("no time") << QByteArray(
            R"({"format":"crondesk-snapshot","version":1,"server":{},)"
            R"("assistants":[],"crons":[]})")
                                 << int(SnapshotProblem::Malformed) << u"taken_at"_s;
        QTest::newRow("crons not an array")
            << QByteArray(R"({"format":"crondesk-snapshot","version":1,)"
                          R"("taken_at":"2026-12-02T00:00:00Z","server":{},"assistants":[],)"
                          R"("crons":{}})")
            << int(SnapshotProblem::Malformed) << u"its crons cannot be read"_s;
        QTest::newRow("cron without id")
            << QByteArray(R"({"format":"crondesk-snapshot","version":1,)"
                          R"("taken_at":"2026-12-02T00:00:00Z","server":{},"assistants":[],)"
                          R"("crons":[{"schedule":"x"}]})")
            << int(SnapshotProblem::Malformed) << u"cron_id"_s;
    }

    void readSnapshot_ofABadFile_saysWhatIsWrong()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, problem);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        const SnapshotReadResult read = readSnapshot(path);
        QVERIFY(!read.snapshot);
        QCOMPARE(int(read.problem), problem);
        QVERIFY2(read.message.contains(message), qPrintable(read.message));
        QVERIFY2(read.message.contains(path), qPrintable(read.message));
        QVERIFY(read.message.endsWith(u'.'));
    }

    // The reader finds the crons of the files Cron Desk writes without scanning them (they are
    // the last member); any other layout must read the same as through QJsonDocument.
    void readSnapshot_ofAnyMemberLayout_readsEveryCron_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QByteArray head = R"({"format":"crondesk-snapshot","version":1,)"
                                R"("taken_at":"2026-12-02T00:00:00Z","server":{},)";
        const QByteArray a = R"({"cron_id":"a","schedule":"0 1 * * *","payload":{"crons":[1]}})";
        const QByteArray b = R"({"cron_id":"b","schedule":"0 2 * * *"})";
        QTest::newRow("crons last") << head + R"("assistants":[],"crons":[)" + a + "," + b + "]}";
        QTest::newRow("crons first")
            << QByteArray(R"({"crons":[)" + a + "," + b
                          + R"(],"format":"crondesk-snapshot","version":1,)"
                            R"("taken_at":"2026-12-02T00:00:00Z","server":{},"assistants":[]})");
        QTest::newRow("crons before assistants")
            << head + R"("crons":[)" + a + "," + b + R"(],"assistants":[{"crons":[]}]})";
        QTest::newRow("spaces and a final newline")
            << head + "\"assistants\" : [ ] ,\n \"crons\" : [ " + a + " , " + b + " ] }\n\n";
    }

    void readSnapshot_ofAnyMemberLayout_readsEveryCron()
    {
        QFETCH(QByteArray, text);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"layout.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        const SnapshotReadResult read = readSnapshot(path);
        QVERIFY2(read.snapshot, qPrintable(read.message));
        QCOMPARE(read.snapshot->crons.size(), 2);
        QCOMPARE(read.snapshot->crons.at(0).cronId, u"a"_s);
        QCOMPARE(read.snapshot->crons.at(1).cronId, u"b"_s);
        QCOMPARE(read.snapshot->crons.at(0).payload.object(), json(R"({"crons":[1]})"));
        QCOMPARE(read.snapshot->assistants.size(),
                 QJsonDocument::fromJson(text).object().value("assistants"_L1).toArray().size());
    }

    void readSnapshots_readsEachFile_andReportsEachProblemInOrder()
    {
        QTemporaryDir dir;
        Snapshot snapshot;
        snapshot.takenAt = QDateTime(QDate(2026, 12, 2), QTime(1, 2, 3), Qt::UTC);
        snapshot.crons = cronsFromJson({cron(u"1"_s), cron(u"2"_s)});
        const QString good = dir.filePath(u"good.json"_s);
        QVERIFY(writeSnapshot(snapshot, good));
        const QString future = dir.filePath(u"future.json"_s);
        QFile file(future);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format":"crondesk-snapshot","version":2,"crons":[]})");
        file.close();

        const QList<SnapshotReadResult> reads
            = readSnapshots({future, good, dir.filePath(u"missing.json"_s)});
        QCOMPARE(reads.size(), 3);
        QCOMPARE(reads.at(0).problem, SnapshotProblem::FutureVersion);
        QVERIFY(reads.at(0).message.contains(future));
        QVERIFY2(reads.at(1).snapshot, qPrintable(reads.at(1).message));
        QCOMPARE(reads.at(1).snapshot->crons, snapshot.crons);
        QCOMPARE(reads.at(2).problem, SnapshotProblem::Unreadable);
    }

    void readSnapshot_ofAMissingFile_isUnreadable()
    {
        const SnapshotReadResult read = readSnapshot(u"/nonexistent/snapshot.json"_s);
        QCOMPARE(read.problem, SnapshotProblem::Unreadable);
    }

    void urlWithoutCredentials_dropsUserInfoQueryAndFragment_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"https://h.example/"_s << u"https://h.example"_s;
        QTest::newRow("user info")
            << u"https://u:secret@h.example:8443/x"_s << u"https://h.example:8443/x"_s;
        QTest::newRow("query") << u"https://h.example/?api_key=secret#frag"_s
                               << u"https://h.example"_s;
    }

    void urlWithoutCredentials_dropsUserInfoQueryAndFragment()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(urlWithoutCredentials(QUrl(url)), expected);
    }

    void redactSecrets_replacesEveryStringHoldingAKey()
    {
        Snapshot snapshot;
        snapshot.serverUrl = u"https://h.example"_s;
        QJsonObject leaky = cron(u"1"_s);
        leaky.insert("payload"_L1,
                     json(R"({"config":{"headers":{"x-api-key":"lsv2_sk_known_key_123"}}})"));
        snapshot.crons = cronsFromJson({leaky, cron(u"2"_s)});
        const Snapshot redacted = redactSecrets(snapshot, {u"lsv2_sk_known_key_123"_s, u"1"_s});
        const QByteArray text = snapshotToJsonText(redacted);
        QVERIFY(!text.contains("lsv2_sk_known_key_123"));
        QVERIFY(text.contains("[redacted]"));
        // A one-character "secret" is not applied: it would mangle every cron.
        QCOMPARE(redacted.crons.at(1), snapshot.crons.at(1));
    }

    void redactSecrets_ofAKeyTheServerEscaped_stillRedactsIt_data()
    {
        QTest::addColumn<QByteArray>("escaped");
        QTest::addColumn<QString>("secret");
        QTest::newRow("\\u escape")
            << QByteArray("\\u006csv2_sk_known_key_123") << u"lsv2_sk_known_key_123"_s;
        QTest::newRow("escaped solidus")
            << QByteArray("lsv2\\/sk+known/key=") << u"lsv2/sk+known/key="_s;
    }

    void redactSecrets_ofAKeyTheServerEscaped_stillRedactsIt()
    {
        QFETCH(QByteArray, escaped);
        QFETCH(QString, secret);
        // Read from text, as from a file or a search page: the payload stays the text that was
        // read, escapes included, until it is used.
        const QByteArray text = "{\"format\":\"crondesk-snapshot\",\"version\":1,\"taken_at\":"
                                "\"2026-12-02T01:00:00Z\","
                                "\"server\":{},\"assistants\":[],\"crons\":[{\"cron_id\":\"1\","
                                "\"schedule\":\"* * * * *\","
                                "\"payload\":{\"config\":{\"headers\":{\"x-api-key\":\""
            + escaped + "\"}}}}]}";
        const SnapshotReadResult read = snapshotFromJsonText(text, u"s.json"_s);
        QVERIFY2(read.snapshot, qPrintable(read.message));
        const QByteArray written = snapshotToJsonText(redactSecrets(*read.snapshot, {secret}));
        QVERIFY(!written.contains(secret.toUtf8()));
        QVERIFY(written.contains("[redacted]"));
    }

    void attributeDiff_namesTheJournalEntryOrSaysElsewhere()
    {
        const QDateTime t0(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
        const QDateTime t1 = t0.addSecs(3600);
        const QString url = u"http://127.0.0.1:8123"_s;
        SnapshotDiff diff;
        diff.added = {cron(u"new"_s), cron(u"foreign"_s)};
        diff.removed = {cron(u"gone"_s)};
        diff.changed = {CronChange {cron(u"edited"_s), cron(u"edited"_s), {}},
                        CronChange {cron(u"edited2"_s), cron(u"edited2"_s), {}}};
        const QList<JournalEntry> journal {
            entry(u"create"_s, u"new"_s, t0.addSecs(60)),
            entry(u"delete"_s, u"gone"_s, t0.addSecs(120), url + u"/"_s),
            entry(u"update"_s, u"edited"_s, t0.addSecs(180)),
            // Outside the window, another deployment, or failed: not an explanation.
            entry(u"create"_s, u"foreign"_s, t1.addSecs(60)),
            entry(u"update"_s, u"edited2"_s, t0.addSecs(200), u"http://other:1"_s),
        };
        const DiffAttribution attribution = attributeDiff(diff, journal, url, t0, url, t1);
        QVERIFY(attribution.added.at(0).startsWith(u"by Cron Desk (journal entry "_s));
        QVERIFY(attribution.added.at(0).contains(u"create"_s));
        QCOMPARE(attribution.added.at(1), u"not in the journal: changed elsewhere"_s);
        QVERIFY(attribution.removed.at(0).startsWith(u"by Cron Desk"_s));
        QVERIFY(attribution.changed.at(0).contains(u"update by alice with crondeskctl"_s));
        QCOMPARE(attribution.changed.at(1), u"not in the journal: changed elsewhere"_s);
    }

    void attributeDiff_failedWritesExplainNothing()
    {
        const QDateTime t0(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
        JournalEntry failed = entry(u"delete"_s, u"gone"_s, t0.addSecs(1));
        failed.succeeded = false;
        SnapshotDiff diff;
        diff.removed = {cron(u"gone"_s)};
        const DiffAttribution attribution
            = attributeDiff(diff, {failed}, u"http://127.0.0.1:8123"_s, t0,
                            u"http://127.0.0.1:8123"_s, t0.addSecs(10));
        QCOMPARE(attribution.removed.at(0), u"not in the journal: changed elsewhere"_s);
    }

    void diffReportToJson_hasTheDocumentedShape()
    {
        DiffReport report;
        report.oldSide = {u"old.json"_s, QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC)};
        report.newSide = {u"@prod"_s, {}};
        report.diff = diffCrons({cron(u"1"_s), cron(u"2"_s, u"1 * * * *"_s, json(R"({"a":1})"))},
                                {cron(u"2"_s, u"2 * * * *"_s, json(R"({"b":1})")), cron(u"3"_s)},
                                DiffOptions {});
        const QJsonObject root = diffReportToJson(report);
        QCOMPARE(root.value("old"_L1).toObject().value("source"_L1).toString(), u"old.json"_s);
        QCOMPARE(root.value("old"_L1).toObject().value("taken_at"_L1).toString(),
                 u"2026-12-01T00:00:00Z"_s);
        // The crons in their wire form, every field.
        const QJsonObject added = root.value("added"_L1).toArray().first().toObject();
        QCOMPARE(added.value("cron_id"_L1).toString(), u"3"_s);
        QCOMPARE(added.value("payload"_L1).toObject(), cron(u"3"_s).value("payload"_L1).toObject());
        QVERIFY(added.contains("end_time"_L1));
        QCOMPARE(root.value("removed"_L1).toArray().first().toObject().value("cron_id"_L1),
                 QJsonValue(u"1"_s));
        const QJsonObject changed = root.value("changed"_L1).toArray().first().toObject();
        QCOMPARE(changed.value("old_id"_L1).toString(), u"2"_s);
        QCOMPARE(changed.value("new_id"_L1).toString(), u"2"_s);
        const QJsonObject fields = changed.value("fields"_L1).toObject();
        QCOMPARE(fields.value("schedule"_L1).toObject(),
                 json(R"({"old":"1 * * * *","new":"2 * * * *"})"));
        QCOMPARE(fields.value("metadata.a"_L1).toObject(), json(R"({"old":1})"));
        QCOMPARE(fields.value("metadata.b"_L1).toObject(), json(R"({"new":1})"));
        QCOMPARE(root.value("unchanged"_L1).toInt(), 0);
        QVERIFY(!root.contains("attribution"_L1));
    }

    void renderDiffReport_escapesServerText_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("forbidden");
        QTest::newRow("table: no escape character") << int(DiffFormat::Table) << QByteArray("\x1b");
        QTest::newRow("html: no tag") << int(DiffFormat::Html) << QByteArray("<script>");
        QTest::newRow("markdown: no raw pipe in a cell")
            << int(DiffFormat::Markdown) << QByteArray("a|b");
    }

    void renderDiffReport_escapesServerText()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, forbidden);
        DiffReport report;
        report.oldSide.source = u"old"_s;
        report.newSide.source = u"new"_s;
        report.diff
            = diffCrons({}, {cron(u"<script>a|b\x1b[2J"_s, u"<script>a|b"_s)}, DiffOptions {});
        const QByteArray text = renderDiffReport(report, DiffFormat(format));
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(forbidden), text.constData());
    }

    void parseDiffFormat_knowsTheFourFormats()
    {
        QCOMPARE(parseDiffFormat(u"table"_s), DiffFormat::Table);
        QCOMPARE(parseDiffFormat(u"JSON"_s), DiffFormat::Json);
        QCOMPARE(parseDiffFormat(u"md"_s), DiffFormat::Markdown);
        QCOMPARE(parseDiffFormat(u"html"_s), DiffFormat::Html);
        QVERIFY(!parseDiffFormat(u"csv"_s));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotDiff)
#include "tst_snapshotdiff.moc"
