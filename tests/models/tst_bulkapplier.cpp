// Applying a bulk edit through the session against the sandbox over loopback: a bounded number
// in flight, partial failure with the server's reasons, retry of the failures only, cancel,
// read-only refusal, and exactly one journal entry per cron with its before and after.
#include <models/api/apiclient.h>
#include <models/bulk/bulkapplier.h>
#include <models/bulk/bulkedit.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <tests/sandbox/sandboxserver.h>
#include <tests/sandbox/store.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::BulkResult;
using sandbox::SandboxServer;

class TestBulkApplier final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<models::CronRepository> m_repository;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<models::JournalRecorder> m_journal;

    void start(int crons)
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = crons, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        m_client = std::make_unique<api::ApiClient>(api::RequestFactory(m_server->baseUrl()));
        m_model = std::make_unique<models::CronTableModel>();
        m_repository = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        m_dir = std::make_unique<QTemporaryDir>();
        m_journal = std::make_unique<models::JournalRecorder>(
            models::ChangeJournal(m_dir->filePath(u"journal.jsonl"_s)), u"crondesk"_s);
        m_repository->setJournal(m_journal.get());
        QSignalSpy loaded(m_repository.get(), &models::CronRepository::loadSucceeded);
        m_repository->reload();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(m_model->rowCount(), crons);
    }

    QList<api::Cron> shownCrons(const QStringList &ids = {}) const
    {
        QList<api::Cron> crons;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const api::Cron &cron = m_model->cronAt(row);
            if (ids.isEmpty() || ids.contains(cron.cronId))
                crons.append(cron);
        }
        return crons;
    }

    static models::BulkEdit ownerEdit()
    {
        models::BulkEdit edit;
        edit.metadata = {{"cost_centre"_L1, "payments"_L1}};
        return edit;
    }

    QString serverOwner(const QString &cronId) const
    {
        const sandbox::CronRecord *record = m_server->store().cron(cronId);
        return record
            ? record->json.value("metadata"_L1).toObject().value("cost_centre"_L1).toString()
            : QString();
    }

    qsizetype requestsOf(QByteArrayView method) const
    {
        qsizetype count = 0;
        for (const sandbox::RecordedRequest &request : m_server->requests()) {
            if (request.method == method && request.path.startsWith(u"/runs/crons/"_s))
                ++count;
        }
        return count;
    }

    // Waits for the applier and for the journal entries of every row it answered.
    static void waitFinished(models::BulkApplier &applier)
    {
        if (applier.isRunning()) {
            QSignalSpy finished(&applier, &models::BulkApplier::finished);
            QVERIFY(finished.wait(60000));
        }
    }

private Q_SLOTS:
    void apply_withFaultsOnSome_appliesAndJournalsTheRest_andRetryFinishesTheJob()
    {
        start(500);
        const QList<api::Cron> crons = shownCrons();
        // Seven of them refuse their PATCH once, with the server's reason.
        QStringList faulty;
        for (int i = 3; i < 500; i += 71)
            faulty.append(crons.at(i).cronId);
        QCOMPARE(faulty.size(), 7);
        for (const QString &id : std::as_const(faulty)) {
            sandbox::FaultRule rule;
            rule.method = "PATCH";
            rule.path = u"/runs/crons/"_s + id;
            rule.action = sandbox::FaultRule::Action::Status;
            rule.status = 422;
            rule.body = R"({"detail":"Webhook host is blocked by policy"})";
            rule.times = 1;
            m_server->addFault(rule);
        }
        m_server->clearRequests();
        QSignalSpy recorded(m_journal.get(), &models::JournalRecorder::recorded);

        const models::BulkPlan plan
            = models::planBulkEdit(crons, ownerEdit(), QDateTime::currentDateTimeUtc());
        QCOMPARE(plan.changeCount(), 500);
        models::BulkApplier applier(m_repository.get());
        QSignalSpy progress(&applier, &models::BulkApplier::progress);
        QVERIFY(applier.start(plan.rows));
        waitFinished(applier);

        QCOMPARE(applier.count(BulkResult::Status::Applied), 493);
        QCOMPARE(applier.count(BulkResult::Status::Failed), 7);
        QCOMPARE(applier.failedIds(), faulty);
        for (const BulkResult &result : applier.results()) {
            if (result.isFailure())
                QCOMPARE(result.error.message, u"Webhook host is blocked by policy"_s);
            else
                QCOMPARE(result.after.metadata.value("cost_centre"_L1).toString(), u"payments"_s);
        }
        // Bounded: never more than four at once, and it did use them.
        QCOMPARE(applier.peakInFlight(), models::BulkApplier::defaultMaxInFlight);
        QCOMPARE(progress.last().at(0).value<qsizetype>(), 500);
        // Only the faulty ones are unchanged on the server; each applied one was read again and
        // the table shows the server's version.
        for (const api::Cron &cron : crons)
            QCOMPARE(serverOwner(cron.cronId),
                     faulty.contains(cron.cronId) ? QString() : u"payments"_s);
        QCOMPARE(requestsOf("PATCH"), 500);
        QCOMPARE(requestsOf("GET"), 493);
        QCOMPARE(m_model->cronAt(m_model->rowOf(crons.first().cronId))
                     .metadata.value("cost_centre"_L1)
                     .toString(),
                 u"payments"_s);

        // One journal entry per cron, with the cron before and the server's cron after.
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 500, 10000);
        const QList<models::JournalEntry> entries = m_journal->journal().readAll();
        QCOMPARE(entries.size(), 500);
        QSet<QString> journaled;
        for (const models::JournalEntry &entry : entries) {
            QVERIFY(!journaled.contains(entry.cronId));
            journaled.insert(entry.cronId);
            QCOMPARE(entry.action, u"update"_s);
            QVERIFY(entry.before.isObject());
            QCOMPARE(entry.succeeded, !faulty.contains(entry.cronId));
            if (entry.succeeded)
                QCOMPARE(entry.after["metadata"_L1]["cost_centre"_L1].toString(), u"payments"_s);
            else
                QCOMPARE(entry.serverMessage.contains(u"blocked by policy"_s), true);
        }

        // Retry: the failures only, planned again from the crons as they are now.
        m_server->clearRequests();
        const models::BulkPlan retry = models::planBulkEdit(
            shownCrons(applier.failedIds()), ownerEdit(), QDateTime::currentDateTimeUtc());
        QCOMPARE(retry.changeCount(), 7);
        QVERIFY(applier.start(retry.rows));
        waitFinished(applier);
        QCOMPARE(applier.count(BulkResult::Status::Applied), 7);
        QVERIFY(applier.failedIds().isEmpty());
        QCOMPARE(requestsOf("PATCH"), 7);
        for (const api::Cron &cron : crons)
            QCOMPARE(serverOwner(cron.cronId), u"payments"_s);
        // The done ones are now skipped by a new plan: nothing left to send.
        QCOMPARE(models::planBulkEdit(shownCrons(), ownerEdit(), QDateTime::currentDateTimeUtc())
                     .changeCount(),
                 0);
    }

    void cancel_sendsNothingNew_andReportsWhatWasInFlight()
    {
        start(60);
        // Slow answers, so that cancel comes while most are still to be sent.
        sandbox::FaultRule slow;
        slow.method = "PATCH";
        slow.delayMs = 50;
        m_server->addFault(slow);
        m_server->clearRequests();
        const QList<api::Cron> crons = shownCrons();
        const models::BulkPlan plan
            = models::planBulkEdit(crons, ownerEdit(), QDateTime::currentDateTimeUtc());
        models::BulkApplier applier(m_repository.get());
        connect(&applier, &models::BulkApplier::rowFinished, &applier,
                [&applier](qsizetype, const BulkResult &result) {
                    if (result.status == BulkResult::Status::Applied)
                        applier.cancel();
                });
        QSignalSpy finished(&applier, &models::BulkApplier::finished);
        QVERIFY(applier.start(plan.rows));
        QVERIFY(finished.wait(30000));
        QVERIFY(applier.isCanceled());

        const qsizetype applied = applier.count(BulkResult::Status::Applied);
        const qsizetype notSent = applier.count(BulkResult::Status::NotSent);
        // The first answer canceled it: that one and the others already in flight finished.
        QVERIFY2(applied >= 1 && applied <= models::BulkApplier::defaultMaxInFlight,
                 qPrintable(QString::number(applied)));
        QCOMPARE(applied + notSent, 60);
        QCOMPARE(applier.count(BulkResult::Status::Pending), 0);
        QCOMPARE(requestsOf("PATCH"), applied);
        int changed = 0;
        for (const api::Cron &cron : crons)
            changed += serverOwner(cron.cronId) == "payments"_L1 ? 1 : 0;
        QCOMPARE(changed, applied);
        // Not sent is not a failure: a retry is for what the server refused.
        QVERIFY(applier.failedIds().isEmpty());
    }

    void readOnlyProfile_refusesBeforeSendingAnything()
    {
        start(5);
        models::ConnectionProfile profile;
        profile.name = u"Acme Prod"_s;
        profile.environment = u"production"_s;
        profile.readOnly = true;
        m_repository->setProfile(profile);
        m_server->clearRequests();
        const models::BulkPlan plan
            = models::planBulkEdit(shownCrons(), ownerEdit(), QDateTime::currentDateTimeUtc());
        models::BulkApplier applier(m_repository.get());
        QSignalSpy finished(&applier, &models::BulkApplier::finished);
        QVERIFY(!applier.start(plan.rows));
        QVERIFY2(applier.refusal().contains(u"read-only"_s), qPrintable(applier.refusal()));
        QVERIFY(!applier.isRunning());
        QTest::qWait(0);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(requestsOf("PATCH"), 0);
        QVERIFY(m_journal->journal().readAll().isEmpty());
    }

    void skippedRows_areNotSent()
    {
        start(3);
        m_server->clearRequests();
        QList<api::Cron> crons = shownCrons();
        models::BulkPlan plan
            = models::planBulkEdit(crons, ownerEdit(), QDateTime::currentDateTimeUtc());
        plan.rows[1].skipReason = u"Unticked in the preview."_s;
        models::BulkApplier applier(m_repository.get());
        QVERIFY(applier.start(plan.rows));
        waitFinished(applier);
        QCOMPARE(applier.results().size(), 2);
        QCOMPARE(requestsOf("PATCH"), 2);
        QCOMPARE(serverOwner(crons.at(1).cronId), QString());
    }
};

QTEST_GUILESS_MAIN(TestBulkApplier)
#include "tst_bulkapplier.moc"
