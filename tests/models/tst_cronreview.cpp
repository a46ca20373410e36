// The review before a cron is created: what, where, and when it first fires.
#include <models/api/cronwrite.h>
#include <models/editor/cronreview.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::CreateReview;
using models::CronDraft;
using models::DraftField;

Q_DECLARE_METATYPE(crondesk::models::CronDraft)

namespace {

const QString ThreadId = u"5b4a7f3c-1d2e-4f60-8a9b-0c1d2e3f4a5b"_s;

// Friday 2026-03-20 12:00 UTC, a week before Europe's clocks change.
const QDateTime Now(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC);

CronDraft weekdayReport()
{
    CronDraft draft;
    draft.assistant = u"agent"_s;
    draft.schedule = u"30 6 * * 1-5"_s;
    draft.timezone = u"Europe/Berlin"_s;
    draft.onRunCompleted = u"delete"_s;
    draft.input = u"{\"messages\": [{\"role\": \"user\", \"content\": \"Report\"}]}"_s;
    draft.metadata = u"{\"owner\": \"ops\", \"crondesk_request_id\": \"left-over\"}"_s;
    return draft;
}

models::MutationTarget production()
{
    models::ConnectionProfile profile;
    profile.name = u"Acme Prod"_s;
    profile.environment = u"production"_s;
    profile.url = QUrl(u"https://acme.us.langgraph.app"_s);
    return models::mutationTarget(profile, profile.url, false);
}

QString valueOf(const QList<models::ReviewRow> &rows, DraftField field)
{
    for (const models::ReviewRow &row : rows) {
        if (row.field == field)
            return row.value;
    }
    return u"(no row)"_s;
}

QString allText(const CreateReview &review)
{
    QStringList texts {review.question};
    for (const models::ReviewRow &row : review.where + review.what)
        texts << row.label << row.value;
    return (texts + review.notes).join(u'\n');
}

} // namespace

class TestCronReview final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void review_saysWhatWhereAndWhenItFirstFires()
    {
        const CreateReview review = models::reviewCreate(weekdayReport(), production(), Now);
        // Where: the profile and its environment, never the URL.
        QCOMPARE(review.question, u"Create this cron on profile “Acme Prod” (production)?"_s);
        QVERIFY(review.production);
        QCOMPARE(valueOf(review.where, DraftField::None), u"profile “Acme Prod” (production)"_s);
        QCOMPARE(valueOf(review.where, DraftField::Assistant), u"agent"_s);
        QCOMPARE(valueOf(review.where, DraftField::Target),
                 u"a new thread for each run (stateless)"_s);
        QVERIFY(!allText(review).contains(u"langgraph.app"_s));
        // What: the schedule in words, the zone, the payload that is sent.
        QVERIFY2(valueOf(review.what, DraftField::Schedule).startsWith(u"30 6 * * 1-5 — "_s),
                 qPrintable(valueOf(review.what, DraftField::Schedule)));
        QCOMPARE(valueOf(review.what, DraftField::Timezone), u"Europe/Berlin"_s);
        QCOMPARE(valueOf(review.what, DraftField::EndTime), u"none"_s);
        QVERIFY(valueOf(review.what, DraftField::Input).contains(u"Report"_s));
        QCOMPARE(valueOf(review.what, DraftField::Metadata), u"{\"owner\":\"ops\"}"_s);
        QCOMPARE(valueOf(review.what, DraftField::OnRunCompleted), u"delete"_s);
        QCOMPARE(valueOf(review.what, DraftField::Config), u"(no row)"_s); // not sent
        // Cron Desk's own correlation key is not part of what the operator creates.
        QVERIFY(!allText(review).contains(api::correlationMetadataKey));
        // When: Monday, Tuesday, Wednesday at 06:30 in Berlin (CET, UTC+1).
        QCOMPARE(review.cronZone, u"Europe/Berlin"_s);
        QCOMPARE(review.firstRuns,
                 (QList<QDateTime> {QDateTime(QDate(2026, 3, 23), QTime(5, 30), Qt::UTC),
                                    QDateTime(QDate(2026, 3, 24), QTime(5, 30), Qt::UTC),
                                    QDateTime(QDate(2026, 3, 25), QTime(5, 30), Qt::UTC)}));
        QVERIFY(allText(review).contains(u"production deployment"_s));
    }

    void review_namesTheThreadItRunsOn_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<QString>("runsOn");
        CronDraft thread = weekdayReport();
        thread.target = CronDraft::Target::Thread;
        thread.threadId = ThreadId;
        QTest::newRow("existing thread") << thread << u"thread "_s + ThreadId;
        thread.createThread = true;
        thread.threadId.clear();
        QTest::newRow("new thread") << thread << u"a new thread, created before the cron"_s;
    }
    void review_namesTheThreadItRunsOn()
    {
        QFETCH(CronDraft, draft);
        QFETCH(QString, runsOn);
        const CreateReview review = models::reviewCreate(draft, production(), Now);
        QCOMPARE(valueOf(review.where, DraftField::Target), runsOn);
        // A thread cron has a multitask strategy, not a completion choice.
        QCOMPARE(valueOf(review.what, DraftField::OnRunCompleted), u"(no row)"_s);
    }

    void review_whenItWillNotFire_saysWhyInsteadOfTimes_data()
    {
        QTest::addColumn<CronDraft>("draft");
        QTest::addColumn<QString>("note");
        CronDraft paused = weekdayReport();
        paused.enabled = false;
        QTest::newRow("paused") << paused << u"created paused"_s;
        CronDraft ended = weekdayReport();
        ended.endTime = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("end passed") << ended << u"end time has passed"_s;
        CronDraft endsFirst = weekdayReport();
        endsFirst.endTime = QDateTime(QDate(2026, 3, 22), QTime(12, 0), Qt::UTC); // a Sunday
        QTest::newRow("ends before the first run") << endsFirst << u"before its end time"_s;
    }
    void review_whenItWillNotFire_saysWhyInsteadOfTimes()
    {
        QFETCH(CronDraft, draft);
        QFETCH(QString, note);
        const CreateReview review = models::reviewCreate(draft, production(), Now);
        QVERIFY(review.firstRuns.isEmpty());
        QVERIFY2(review.notes.join(u' ').contains(note), qPrintable(review.notes.join(u' ')));
    }

    void review_stopsListingAtTheEndTime()
    {
        CronDraft draft = weekdayReport();
        draft.endTime = QDateTime(QDate(2026, 3, 24), QTime(12, 0), Qt::UTC); // Tuesday noon
        const CreateReview review = models::reviewCreate(draft, production(), Now);
        QCOMPARE(review.firstRuns.size(), 2);
    }

    void review_withoutAProfile_namesTheDeploymentByItsUrl()
    {
        const models::MutationTarget bare
            = models::mutationTarget(std::nullopt, QUrl(u"http://127.0.0.1:8123"_s), false);
        const CreateReview review = models::reviewCreate(weekdayReport(), bare, Now);
        QCOMPARE(review.question, u"Create this cron on http://127.0.0.1:8123?"_s);
        QVERIFY(!review.production);
        QVERIFY(!allText(review).contains(u"production deployment"_s));
    }
};

QTEST_GUILESS_MAIN(TestCronReview)
#include "tst_cronreview.moc"
