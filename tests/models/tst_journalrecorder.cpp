// One journal entry per mutation, with the cron before and after and the server's answer, made
// through the real client against the sandbox.
#include <models/api/apiclient.h>
#include <models/api/croncreator.h>
#include <models/journal/changejournal.h>
#include <models/journal/journalrecorder.h>
#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

Q_DECLARE_METATYPE(crondesk::models::MutationKind)

namespace {

const QString apiKey = u"lsv2_sk_journal_test_0123456789"_s;

api::CronCreate hourly()
{
    api::CronCreate create;
    create.assistantId = u"agent"_s;
    create.schedule = u"0 * * * *"_s;
    create.metadata = QJsonObject {{u"team"_s, u"ops"_s}};
    return create;
}

} // namespace

class TestJournalRecorder final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::JournalRecorder> m_recorder;

    QString journalPath() const { return m_dir.filePath(u"journal.jsonl"_s); }
    QList<models::JournalEntry> entries() const
    {
        return models::ChangeJournal(journalPath()).readAll();
    }

    // Waits for the entry the recorder writes once `request` has its answer.
    models::JournalEntry awaitEntry()
    {
        QSignalSpy recorded(m_recorder.get(), &models::JournalRecorder::recorded);
        if (!recorded.wait(20000))
            return {};
        return recorded.first().first().value<models::JournalEntry>();
    }

    api::Cron createdCron()
    {
        auto *request = m_client->createCron(hourly());
        m_recorder->track(request, models::MutationKind::Create, {}, QJsonValue(),
                          hourly().toJson());
        const models::JournalEntry entry = awaitEntry();
        return api::cronFromJson(entry.after.toObject()).value_or(api::Cron {});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<models::JournalEntry>();
    }

    void init()
    {
        QFile::remove(journalPath());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.apiKey = apiKey, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        api::RequestFactory factory(m_server->baseUrl());
        factory.setApiKey(apiKey);
        m_client = std::make_unique<api::ApiClient>(factory);
        m_recorder = std::make_unique<models::JournalRecorder>(models::ChangeJournal(journalPath()),
                                                               u"crondesk"_s);
        m_recorder->setConnection(u"acme-prod"_s, m_server->baseUrl().toString(), apiKey);
    }

    void cleanup()
    {
        m_recorder.reset();
        m_client.reset();
        m_server.reset();
    }

    void create_recordsTheCronTheServerMade()
    {
        const api::Cron cron = createdCron();
        QVERIFY(!cron.cronId.isEmpty());
        const QList<models::JournalEntry> written = entries();
        QCOMPARE(written.size(), 1);
        const models::JournalEntry &entry = written.first();
        QCOMPARE(entry.action, u"create"_s);
        QCOMPARE(entry.cronId, cron.cronId);
        QVERIFY(entry.before.isNull());
        QCOMPARE(entry.after.toObject().value("schedule"_L1).toString(), u"0 * * * *"_s);
        QCOMPARE(entry.request.toObject().value("assistant_id"_L1).toString(), u"agent"_s);
        QVERIFY(entry.succeeded);
        QCOMPARE(entry.httpStatus, 200);
        QCOMPARE(entry.profile, u"acme-prod"_s);
        QCOMPARE(entry.url, m_server->baseUrl().toString());
        QCOMPARE(entry.client, u"crondesk"_s);
        QCOMPARE(entry.operatorName, models::currentOperator());
        QVERIFY(!entry.operatorName.isEmpty());
        QVERIFY(qAbs(entry.time.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    }

    void eachMutation_appendsOneEntryWithBeforeAndAfter_data()
    {
        QTest::addColumn<models::MutationKind>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("beforeValue");
        QTest::addColumn<QJsonValue>("afterValue");
        QTest::newRow("update") << models::MutationKind::Update << u"schedule"_s
                                << QJsonValue(u"0 * * * *"_s) << QJsonValue(u"*/5 * * * *"_s);
        QTest::newRow("pause") << models::MutationKind::Pause << u"enabled"_s << QJsonValue(true)
                               << QJsonValue(false);
        QTest::newRow("resume") << models::MutationKind::Resume << u"enabled"_s << QJsonValue(false)
                                << QJsonValue(true);
    }
    void eachMutation_appendsOneEntryWithBeforeAndAfter()
    {
        QFETCH(models::MutationKind, kind);
        QFETCH(QString, field);
        QFETCH(QJsonValue, beforeValue);
        QFETCH(QJsonValue, afterValue);

        api::Cron before = createdCron();
        QVERIFY(!before.cronId.isEmpty());
        if (kind == models::MutationKind::Resume) {
            api::CronPatch pause;
            pause.enabled = false;
            m_recorder->track(m_client->updateCron(before.cronId, pause),
                              models::MutationKind::Pause, before.cronId, api::cronToJson(before),
                              pause.toJson());
            before = api::cronFromJson(awaitEntry().after.toObject()).value_or(api::Cron {});
        }
        const qsizetype entriesBefore = entries().size();

        api::CronPatch patch;
        if (kind == models::MutationKind::Update)
            patch.schedule = u"*/5 * * * *"_s;
        else
            patch.enabled = kind == models::MutationKind::Resume;
        m_recorder->track(m_client->updateCron(before.cronId, patch), kind, before.cronId,
                          api::cronToJson(before), patch.toJson());
        const models::JournalEntry entry = awaitEntry();

        const QList<models::JournalEntry> written = entries();
        QCOMPARE(written.size(), entriesBefore + 1);
        QCOMPARE(written.last(), entry);
        QCOMPARE(entry.action, models::mutationName(kind));
        QCOMPARE(entry.cronId, before.cronId);
        QCOMPARE(entry.before.toObject().value(field), beforeValue);
        QCOMPARE(entry.after.toObject().value(field), afterValue);
        QCOMPARE(entry.request, QJsonValue(patch.toJson()));
        QVERIFY(entry.succeeded);
        QCOMPARE(entry.httpStatus, 200);
    }

    void delete_recordsTheCronAsItWasAndNothingAfter()
    {
        const api::Cron cron = createdCron();
        m_recorder->trackDelete(m_client->deleteCron(cron.cronId), cron.cronId,
                                api::cronToJson(cron));
        const models::JournalEntry entry = awaitEntry();
        QCOMPARE(entry.action, u"delete"_s);
        QCOMPARE(entry.before.toObject().value("cron_id"_L1).toString(), cron.cronId);
        QVERIFY(entry.after.isNull());
        QVERIFY(entry.succeeded);
        QVERIFY(entry.httpStatus == 204 || entry.httpStatus == 200);
        QCOMPARE(entries().size(), 2);
    }

    void failedMutation_isRecordedWithTheServersAnswer()
    {
        const QString missing = u"00000000-0000-4000-8000-000000000000"_s;
        m_recorder->trackDelete(m_client->deleteCron(missing), missing, QJsonValue());
        const models::JournalEntry entry = awaitEntry();
        QVERIFY(!entry.succeeded);
        QCOMPARE(entry.httpStatus, 404);
        QVERIFY(entry.serverMessage.contains(u"404"_s));
        QCOMPARE(entries().size(), 1);
    }

    void everyRecordedEntry_getsItsOwnId_asWrittenAndAsSignalled()
    {
        models::JournalEntry entry;
        entry.action = u"pause"_s;
        entry.cronId = u"c1"_s;
        QSignalSpy recorded(m_recorder.get(), &models::JournalRecorder::recorded);
        QVERIFY(m_recorder->record(entry));
        QVERIFY(m_recorder->record(entry));
        const QList<models::JournalEntry> written = entries();
        QCOMPARE(written.size(), 2);
        QCOMPARE(written.at(0).id.size(), 12);
        QVERIFY(written.at(0).id != written.at(1).id);
        QCOMPARE(recorded.first().first().value<models::JournalEntry>().id, written.at(0).id);
    }

    void exactlyOnceCreate_isRecordedOnce()
    {
        api::CronCreator *creator = m_client->createCronOnce(hourly());
        m_recorder->trackCreate(creator);
        const models::JournalEntry entry = awaitEntry();
        QVERIFY(entry.succeeded);
        QVERIFY(!entry.cronId.isEmpty());
        QCOMPARE(entries().size(), 1);
    }

    void journal_neverContainsTheApiKey()
    {
        // The key is in the request log of the sandbox as a header, and in a cron's metadata
        // (an operator pasted it there): the journal redacts it.
        api::CronCreate create = hourly();
        create.metadata = QJsonObject {{u"oops"_s, apiKey}};
        m_recorder->track(m_client->createCron(create), models::MutationKind::Create, {},
                          QJsonValue(), create.toJson());
        QVERIFY(awaitEntry().succeeded);
        QFile file(journalPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(apiKey.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestJournalRecorder)
#include "tst_journalrecorder.moc"
