// The undo planner: what undoing one journal entry sends, or why it is refused, branch by branch.
#include <models/api/timestamp.h>
#include <models/undo/undoplanner.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using namespace crondesk::models;

// Declared before the first QTest::addColumn that needs it: a later declaration is a
// specialization after instantiation, which the optimised CI build rejects.
Q_DECLARE_METATYPE(crondesk::models::UndoInputs::Thread)

namespace {

const QString url = u"http://127.0.0.1:8123"_s;

QJsonObject cronJson(const QString &schedule, const QString &timezone = {}, bool enabled = true)
{
    api::Cron cron;
    cron.cronId = u"c1"_s;
    cron.assistantId = u"agent"_s;
    cron.schedule = schedule;
    cron.timezone = timezone;
    cron.enabled = enabled;
    cron.payload = QJsonObject {{u"input"_s, QJsonObject {{u"q"_s, 1}}},
                                {u"webhook"_s, u"https://hook.example/a"_s}};
    cron.metadata = QJsonObject {{u"team"_s, u"billing"_s}};
    return api::cronToJson(cron);
}

api::Cron cronOf(const QJsonObject &json)
{
    return api::cronFromJson(json).value();
}

JournalEntry entryOf(const QString &action, const QJsonValue &before, const QJsonValue &after,
                     const QJsonValue &request)
{
    JournalEntry entry;
    entry.id = u"a1b2c3d4e5f6"_s;
    entry.time = QDateTime(QDate(2026, 11, 21), QTime(10, 1), Qt::UTC);
    entry.client = u"crondesk"_s;
    entry.url = url;
    entry.action = action;
    entry.cronId = u"c1"_s;
    entry.before = before;
    entry.after = after;
    entry.request = request;
    entry.succeeded = true;
    entry.httpStatus = 200;
    return entry;
}

// An update of the schedule from "0 9 * * *" to "0 10 * * *".
JournalEntry scheduleUpdate()
{
    return entryOf(u"update"_s, cronJson(u"0 9 * * *"_s), cronJson(u"0 10 * * *"_s),
                   QJsonObject {{u"schedule"_s, u"0 10 * * *"_s}});
}

UndoInputs inputsWith(const std::optional<QJsonObject> &current)
{
    UndoInputs inputs;
    if (current)
        inputs.current = cronOf(*current);
    inputs.url = url;
    inputs.now = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
    return inputs;
}

} // namespace

class TestUndoPlanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void update_isUndoneByPatchingBackExactlyTheFieldsItChanged()
    {
        JournalEntry entry = entryOf(
            u"update"_s, cronJson(u"0 9 * * *"_s, u"Europe/Berlin"_s),
            cronJson(u"0 10 * * *"_s, u"Asia/Tokyo"_s),
            QJsonObject {{u"schedule"_s, u"0 10 * * *"_s}, {u"timezone"_s, u"Asia/Tokyo"_s}});
        const UndoPlan plan
            = planUndo(entry, inputsWith(cronJson(u"0 10 * * *"_s, u"Asia/Tokyo"_s)));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.step, UndoPlan::Step::Patch);
        QCOMPARE(plan.kind, MutationKind::Update);
        QCOMPARE(plan.journalAction, u"undo"_s);
        QCOMPARE(plan.entryId, u"a1b2c3d4e5f6"_s);
        QCOMPARE(
            plan.patch.toJson(),
            (QJsonObject {{u"schedule"_s, u"0 9 * * *"_s}, {u"timezone"_s, u"Europe/Berlin"_s}}));
        QCOMPARE(plan.changes.size(), 2);
        QCOMPARE(plan.changes.at(0),
                 (UndoFieldChange {u"schedule"_s, u"0 10 * * *"_s, u"0 9 * * *"_s}));
        QCOMPARE(plan.summary(),
                 u"Set what the update changed on cron c1 back to what it was before."_s);
    }

    void update_changedSince_isRefusedWithAFieldLevelDiff()
    {
        const UndoPlan plan = planUndo(scheduleUpdate(), inputsWith(cronJson(u"0 11 * * *"_s)));
        QVERIFY(!plan.isPossible());
        QCOMPARE(plan.conflicts,
                 QStringList {u"schedule was changed since: the update set “0 10 * * *”, it is "
                              "now “0 11 * * *”."_s});
        QCOMPARE(plan.refusal,
                 u"Cron c1 was changed since this update; undoing it would overwrite those "
                 "changes."_s);
        QVERIFY(plan.describe().contains(plan.conflicts.first()));
    }

    void update_ofACronDeletedSince_isRefused()
    {
        const UndoPlan plan = planUndo(scheduleUpdate(), inputsWith(std::nullopt));
        QVERIFY(!plan.isPossible());
        QCOMPARE(plan.refusal, u"Cron c1 no longer exists, so this update cannot be undone."_s);
    }

    void pauseAndResume_areUndoneByTheOpposite_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("enabledBefore");
        QTest::addColumn<MutationKind>("undoKind");
        QTest::newRow("pause") << u"pause"_s << true << MutationKind::Resume;
        QTest::newRow("resume") << u"resume"_s << false << MutationKind::Pause;
    }

    void pauseAndResume_areUndoneByTheOpposite()
    {
        QFETCH(QString, action);
        QFETCH(bool, enabledBefore);
        QFETCH(MutationKind, undoKind);
        const JournalEntry entry = entryOf(action, cronJson(u"0 9 * * *"_s, {}, enabledBefore),
                                           cronJson(u"0 9 * * *"_s, {}, !enabledBefore),
                                           QJsonObject {{u"enabled"_s, !enabledBefore}});
        const UndoPlan plan
            = planUndo(entry, inputsWith(cronJson(u"0 9 * * *"_s, {}, !enabledBefore)));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.kind, undoKind);
        QCOMPARE(plan.patch.toJson(), (QJsonObject {{u"enabled"_s, enabledBefore}}));

        // Someone resumed (or paused) it again since: nothing to undo, and the diff says so.
        const UndoPlan changed
            = planUndo(entry, inputsWith(cronJson(u"0 9 * * *"_s, {}, enabledBefore)));
        QVERIFY(!changed.isPossible());
        QCOMPARE(changed.conflicts.size(), 1);
        QVERIFY(changed.conflicts.first().startsWith(u"enabled was changed since"_s));
    }

    void update_ofMetadata_setsChangedKeysBack_andSaysAddedKeysStay()
    {
        QJsonObject before = cronJson(u"0 9 * * *"_s);
        QJsonObject after = before;
        after.insert(u"metadata"_s,
                     QJsonObject {{u"team"_s, u"payments"_s}, {u"owner"_s, u"alice"_s}});
        const JournalEntry entry = entryOf(
            u"update"_s, before, after,
            QJsonObject {{u"metadata"_s,
                          QJsonObject {{u"team"_s, u"payments"_s}, {u"owner"_s, u"alice"_s}}}});
        const UndoPlan plan = planUndo(entry, inputsWith(after));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.patch.toJson(),
                 (QJsonObject {{u"metadata"_s, QJsonObject {{u"team"_s, u"billing"_s}}}}));
        QCOMPARE(plan.notes.size(), 1);
        QVERIFY(plan.notes.first().contains(u"“owner” stays"_s));
    }

    void update_thatOnlyAddedAMetadataKey_cannotBeUndone()
    {
        QJsonObject before = cronJson(u"0 9 * * *"_s);
        QJsonObject after = before;
        after.insert(u"metadata"_s,
                     QJsonObject {{u"team"_s, u"billing"_s}, {u"owner"_s, u"alice"_s}});
        const JournalEntry entry
            = entryOf(u"update"_s, before, after,
                      QJsonObject {{u"metadata"_s, QJsonObject {{u"owner"_s, u"alice"_s}}}});
        const UndoPlan plan = planUndo(entry, inputsWith(after));
        QVERIFY(!plan.isPossible());
        QCOMPARE(plan.refusal, u"Nothing of this update can be set back."_s);
    }

    void update_thatSetAnEndTime_isUndoneByClearingIt()
    {
        QJsonObject after = cronJson(u"0 9 * * *"_s);
        after.insert(u"end_time"_s, u"2027-01-01T00:00:00+00:00"_s);
        const JournalEntry entry
            = entryOf(u"update"_s, cronJson(u"0 9 * * *"_s), after,
                      QJsonObject {{u"end_time"_s, u"2027-01-01T00:00:00+00:00"_s}});
        // The server writes the instant its own way: still the value the update set.
        QJsonObject now = after;
        now.insert(u"end_time"_s, u"2027-01-01T00:00:00Z"_s);
        const UndoPlan plan = planUndo(entry, inputsWith(now));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QVERIFY(plan.patch.clearEndTime);
        QCOMPARE(plan.patch.toJson(), (QJsonObject {{u"end_time"_s, QJsonValue::Null}}));
    }

    void update_ofARunParameter_setsThePayloadValueBack()
    {
        QJsonObject after = cronJson(u"0 9 * * *"_s);
        QJsonObject payload = after.value(u"payload"_s).toObject();
        payload.insert(u"webhook"_s, u"https://hook.example/b"_s);
        after.insert(u"payload"_s, payload);
        const JournalEntry entry
            = entryOf(u"update"_s, cronJson(u"0 9 * * *"_s), after,
                      QJsonObject {{u"webhook"_s, u"https://hook.example/b"_s}});
        const UndoPlan plan = planUndo(entry, inputsWith(after));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.patch.toJson(), (QJsonObject {{u"webhook"_s, u"https://hook.example/a"_s}}));
    }

    void entriesTheJournalDidNotRecordInFull_areRefused_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QJsonValue>("before");
        QTest::addColumn<QString>("expected");
        QTest::newRow("update, whole before")
            << u"update"_s << QJsonValue(u"[not recorded: 70000 bytes]"_s)
            << u"[not recorded: 70000 bytes]"_s;
        QJsonObject bigInput = cronJson(u"0 9 * * *"_s);
        bigInput.insert(u"payload"_s, u"[not recorded: 9000 bytes]"_s);
        QTest::newRow("delete, payload")
            << u"delete"_s << QJsonValue(bigInput) << u"payload ([not recorded: 9000 bytes])"_s;
        QTest::newRow("delete, whole before")
            << u"delete"_s << QJsonValue(u"[not recorded: 70000 bytes]"_s)
            << u"[not recorded: 70000 bytes]"_s;
        QTest::newRow("update, before null")
            << u"update"_s << QJsonValue(QJsonValue::Null) << u"did not record the cron"_s;
    }

    void entriesTheJournalDidNotRecordInFull_areRefused()
    {
        QFETCH(QString, action);
        QFETCH(QJsonValue, before);
        QFETCH(QString, expected);
        const bool update = action == "update"_L1;
        const JournalEntry entry = entryOf(
            action, before, update ? QJsonValue(cronJson(u"0 10 * * *"_s)) : QJsonValue(),
            update ? QJsonValue(QJsonObject {{u"schedule"_s, u"0 10 * * *"_s}}) : QJsonValue());
        const UndoPlan plan = planUndo(
            entry, inputsWith(update ? std::optional(cronJson(u"0 10 * * *"_s)) : std::nullopt));
        QVERIFY(!plan.isPossible());
        QVERIFY2(plan.refusal.contains(expected), qPrintable(plan.refusal));
    }

    void entriesThatCannotBeUndone_areRefused_data()
    {
        QTest::addColumn<JournalEntry>("entry");
        QTest::addColumn<QString>("expected");
        JournalEntry failed = scheduleUpdate();
        failed.succeeded = false;
        failed.httpStatus = 422;
        QTest::newRow("failed") << failed << u"This update failed, so there is nothing to undo."_s;
        JournalEntry run = scheduleUpdate();
        run.action = u"run"_s;
        QTest::newRow("run") << run << u"A run cannot be undone."_s;
        JournalEntry undo = scheduleUpdate();
        undo.action = u"undo"_s;
        QTest::newRow("undo") << undo
                              << u"An undo cannot itself be undone; change the cron again "
                                 "instead."_s;
        JournalEntry elsewhere = scheduleUpdate();
        elsewhere.url = u"https://prod.example"_s;
        QTest::newRow("another deployment")
            << elsewhere
            << u"This update was made on https://prod.example; connect to that deployment to "
               "undo it."_s;
    }

    void entriesThatCannotBeUndone_areRefused()
    {
        QFETCH(JournalEntry, entry);
        QFETCH(QString, expected);
        const UndoPlan plan = planUndo(entry, inputsWith(cronJson(u"0 10 * * *"_s)));
        QVERIFY(!plan.isPossible());
        QCOMPARE(plan.refusal, expected);
    }

    void anEntryAlreadyUndone_isRefused_butAFailedUndoDoesNotCount()
    {
        const JournalEntry entry = scheduleUpdate();
        UndoInputs inputs = inputsWith(cronJson(u"0 10 * * *"_s));
        JournalEntry undo = entryOf(u"undo"_s, {}, {}, {});
        undo.id = u"ffff00001111"_s;
        undo.undoes = entry.id;
        undo.succeeded = false;
        inputs.journal = {entry, undo};
        QVERIFY(planUndo(entry, inputs).isPossible());
        inputs.journal[1].succeeded = true;
        const UndoPlan plan = planUndo(entry, inputs);
        QVERIFY(!plan.isPossible());
        QCOMPARE(plan.refusal,
                 u"This update was already undone (entry ffff00001111, 2026-11-21 10:01 UTC)."_s);
    }

    void delete_isRestoredFromTheJournaledCron_withANewId()
    {
        QJsonObject before = cronJson(u"0 9 * * *"_s, u"Europe/Berlin"_s, false);
        before.insert(u"end_time"_s, u"2027-06-01T00:00:00+00:00"_s);
        before.insert(u"on_run_completed"_s, u"keep"_s);
        QJsonObject metadata = before.value(u"metadata"_s).toObject();
        metadata.insert(api::correlationMetadataKey, u"old-request"_s);
        before.insert(u"metadata"_s, metadata);
        const JournalEntry entry = entryOf(u"delete"_s, before, {}, {});
        const UndoPlan plan = planUndo(entry, inputsWith(std::nullopt));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.step, UndoPlan::Step::Recreate);
        QCOMPARE(plan.kind, MutationKind::Create);
        QCOMPARE(plan.journalAction, u"restore"_s);
        QVERIFY(plan.threadId.isEmpty());
        const api::CronCreate &create = plan.create;
        QCOMPARE(create.assistantId, u"agent"_s);
        QCOMPARE(create.schedule, u"0 9 * * *"_s);
        QCOMPARE(create.timezone, std::optional(u"Europe/Berlin"_s));
        QCOMPARE(create.endTime, std::optional(QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC)));
        QCOMPARE(create.onRunCompleted, std::optional(u"keep"_s));
        QCOMPARE(create.enabled, std::optional(false));
        QCOMPARE(create.webhook, std::optional(u"https://hook.example/a"_s));
        QCOMPARE(create.input, std::optional(QJsonValue(QJsonObject {{u"q"_s, 1}})));
        // The old correlation key named the old create; the new create brings its own.
        QCOMPARE(create.metadata, std::optional(QJsonObject {{u"team"_s, u"billing"_s}}));
        QVERIFY(plan.notes.contains(
            u"The cron is created again with a new id; the old id c1 cannot be reused."_s));
    }

    void delete_ofAThreadCron_isRestoredOnItsThread_onlyIfTheThreadExists_data()
    {
        QTest::addColumn<UndoInputs::Thread>("thread");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("exists") << UndoInputs::Thread::Exists << QString();
        QTest::newRow("missing")
            << UndoInputs::Thread::Missing
            << u"The cron ran on thread t1, which no longer exists, so it cannot be restored."_s;
        QTest::newRow("unknown") << UndoInputs::Thread::Unknown
                                 << u"Whether thread t1 still exists could not be checked, so "
                                    "the cron is not restored."_s;
    }

    void delete_ofAThreadCron_isRestoredOnItsThread_onlyIfTheThreadExists()
    {
        QFETCH(UndoInputs::Thread, thread);
        QFETCH(QString, refusal);
        QJsonObject before = cronJson(u"0 9 * * *"_s);
        before.insert(u"thread_id"_s, u"t1"_s);
        const JournalEntry entry = entryOf(u"delete"_s, before, {}, {});
        QCOMPARE(threadToCheck(entry), u"t1"_s);
        UndoInputs inputs = inputsWith(std::nullopt);
        inputs.thread = thread;
        const UndoPlan plan = planUndo(entry, inputs);
        QCOMPARE(plan.refusal, refusal);
        if (refusal.isEmpty())
            QCOMPARE(plan.threadId, u"t1"_s);
    }

    void delete_ofACronThatStillExists_orWhoseEndTimePassed_isNotRestored()
    {
        const JournalEntry entry = entryOf(u"delete"_s, cronJson(u"0 9 * * *"_s), {}, {});
        QCOMPARE(planUndo(entry, inputsWith(cronJson(u"0 9 * * *"_s))).refusal,
                 u"Cron c1 still exists, so there is nothing to restore."_s);
        QJsonObject ended = cronJson(u"0 9 * * *"_s);
        ended.insert(u"end_time"_s, u"2026-01-01T00:00:00+00:00"_s);
        const UndoPlan plan
            = planUndo(entryOf(u"delete"_s, ended, {}, {}), inputsWith(std::nullopt));
        QVERIFY(!plan.isPossible());
        QVERIFY(plan.refusal.contains(u"has passed"_s));
    }

    void create_isUndoneByDeletingTheCron_unlessChangedSince()
    {
        const JournalEntry entry
            = entryOf(u"create"_s, QJsonValue(QJsonValue::Null), cronJson(u"0 9 * * *"_s),
                      QJsonObject {{u"schedule"_s, u"0 9 * * *"_s}});
        const UndoPlan plan = planUndo(entry, inputsWith(cronJson(u"0 9 * * *"_s)));
        QVERIFY2(plan.isPossible(), qPrintable(plan.refusal));
        QCOMPARE(plan.step, UndoPlan::Step::Delete);
        QCOMPARE(plan.kind, MutationKind::Delete);

        const UndoPlan changed = planUndo(entry, inputsWith(cronJson(u"0 9 * * 1"_s)));
        QVERIFY(!changed.isPossible());
        QCOMPARE(changed.conflicts,
                 QStringList {u"schedule was changed since: the create set “0 9 * * *”, it is "
                              "now “0 9 * * 1”."_s});

        QCOMPARE(planUndo(entry, inputsWith(std::nullopt)).refusal,
                 u"Cron c1 no longer exists, so there is nothing to undo."_s);
    }

    void findJournalEntry_takesAnIdOrAnUnambiguousPrefix()
    {
        JournalEntry a = scheduleUpdate();
        a.id = u"abcd11112222"_s;
        JournalEntry b = scheduleUpdate();
        b.id = u"abcd33334444"_s;
        const QList<JournalEntry> entries {a, b};
        QString error;
        QCOMPARE(findJournalEntry(entries, u"abcd33334444"_s, &error)->id, b.id);
        QCOMPARE(findJournalEntry(entries, u"abcd1"_s, &error)->id, a.id);
        QVERIFY(!findJournalEntry(entries, u"abcd"_s, &error));
        QCOMPARE(error, u"2 journal entries have ids starting with “abcd”; give more of the id."_s);
        QVERIFY(!findJournalEntry(entries, u"abc"_s, &error));
        QVERIFY(!findJournalEntry(entries, u"ffff"_s, &error));
        QCOMPARE(error, u"No journal entry has the id “ffff”."_s);
    }

    void undoDecision_followsTheProfile()
    {
        const UndoPlan plan = planUndo(scheduleUpdate(), inputsWith(cronJson(u"0 10 * * *"_s)));
        QVERIFY(!undoDecision(std::nullopt, plan).isRefused());
        QVERIFY(!undoDecision(std::nullopt, plan).needsTypedConfirmation());
        ConnectionProfile profile;
        profile.name = u"Acme Prod"_s;
        profile.environment = u"production"_s;
        const MutationDecision production = undoDecision(profile, plan);
        QVERIFY(production.needsTypedConfirmation());
        QCOMPARE(production.confirmationPhrase, u"Acme Prod"_s);
        profile.readOnly = true;
        QVERIFY(undoDecision(profile, plan).isRefused());
    }
};

QTEST_GUILESS_MAIN(TestUndoPlanner)
#include "tst_undoplanner.moc"
