// What may be done to crons, per profile: read-only refuses, production bulk needs a typed name.
#include <models/connections/mutationpolicy.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

Q_DECLARE_METATYPE(crondesk::models::MutationKind)
Q_DECLARE_METATYPE(crondesk::models::MutationDecision::Verdict)

using Verdict = MutationDecision::Verdict;

class TestMutationPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_appliesReadOnlyAndProductionRules_data()
    {
        QTest::addColumn<bool>("hasProfile");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<MutationKind>("kind");
        QTest::addColumn<int>("count");
        QTest::addColumn<Verdict>("verdict");

        QTest::newRow("no profile, bulk delete")
            << false << QString() << false << MutationKind::Delete << 50 << Verdict::Allowed;
        QTest::newRow("staging bulk delete")
            << true << u"staging"_s << false << MutationKind::Delete << 5 << Verdict::Allowed;
        QTest::newRow("production single delete")
            << true << u"production"_s << false << MutationKind::Delete << 1 << Verdict::Allowed;
        QTest::newRow("production bulk delete")
            << true << u"production"_s << false << MutationKind::Delete << 2
            << Verdict::NeedsTypedConfirmation;
        QTest::newRow("production bulk pause") << true << u"Prod"_s << false << MutationKind::Pause
                                               << 3 << Verdict::NeedsTypedConfirmation;
        QTest::newRow("production bulk resume")
            << true << u"production"_s << false << MutationKind::Resume << 3 << Verdict::Allowed;
        QTest::newRow("production update")
            << true << u"production"_s << false << MutationKind::Update << 1 << Verdict::Allowed;
        QTest::newRow("production bulk update")
            << true << u"production"_s << false << MutationKind::Update << 2
            << Verdict::NeedsTypedConfirmation;
        QTest::newRow("staging bulk update")
            << true << u"staging"_s << false << MutationKind::Update << 20 << Verdict::Allowed;
        for (const MutationKind kind :
             {MutationKind::Create, MutationKind::Update, MutationKind::Pause, MutationKind::Resume,
              MutationKind::Delete}) {
            QTest::addRow("read-only %s", qPrintable(mutationName(kind)))
                << true << u"development"_s << true << kind << 1 << Verdict::Refused;
        }
        QTest::newRow("read-only production bulk delete")
            << true << u"production"_s << true << MutationKind::Delete << 9 << Verdict::Refused;
    }
    void decide_appliesReadOnlyAndProductionRules()
    {
        QFETCH(bool, hasProfile);
        QFETCH(QString, environment);
        QFETCH(bool, readOnly);
        QFETCH(MutationKind, kind);
        QFETCH(int, count);
        QFETCH(Verdict, verdict);
        std::optional<ConnectionProfile> profile;
        if (hasProfile) {
            profile = ConnectionProfile {};
            profile->name = u"Acme Prod"_s;
            profile->environment = environment;
            profile->readOnly = readOnly;
        }
        const MutationDecision decision = decideMutation(profile, kind, count);
        QCOMPARE(decision.verdict, verdict);
        QCOMPARE(decision.reason.isEmpty(), verdict == Verdict::Allowed);
        if (verdict == Verdict::NeedsTypedConfirmation)
            QCOMPARE(decision.confirmationPhrase, u"Acme Prod"_s);
        if (verdict == Verdict::Refused)
            QVERIFY(decision.reason.contains(u"read-only"_s));
    }

    void typedConfirmation_mustMatchTheNameExactly_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << u"Acme Prod"_s << true;
        QTest::newRow("surrounding spaces") << u"  Acme Prod "_s << true;
        QTest::newRow("other case") << u"acme prod"_s << false;
        QTest::newRow("prefix") << u"Acme"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void typedConfirmation_mustMatchTheNameExactly()
    {
        QFETCH(QString, typed);
        QFETCH(bool, matches);
        QCOMPARE(typedConfirmationMatches(typed, u"Acme Prod"_s), matches);
        QVERIFY(!typedConfirmationMatches(QString(), QString()));
    }

    void undoText_isTrue_andOnlyDeleteCannotBeUndone_data()
    {
        QTest::addColumn<MutationKind>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pause") << MutationKind::Pause << u"Resume undoes a pause."_s;
        QTest::newRow("resume") << MutationKind::Resume << u"Pause undoes a resume"_s;
        QTest::newRow("create") << MutationKind::Create << u"Deleting the cron undoes this"_s;
        QTest::newRow("update") << MutationKind::Update << u"Editing again undoes this"_s;
        QTest::newRow("delete") << MutationKind::Delete << u"cannot be undone"_s;
    }
    void undoText_isTrue_andOnlyDeleteCannotBeUndone()
    {
        QFETCH(MutationKind, kind);
        QFETCH(QString, expected);
        const QString text = undoText(kind);
        QVERIFY2(text.contains(expected), qPrintable(text));
        QCOMPARE(text.contains(u"cannot"_s), kind == MutationKind::Delete);
        QVERIFY(text.endsWith(u'.'));
    }

    void mutationTarget_namesTheProfileNotTheUrl_data()
    {
        QTest::addColumn<bool>("hasProfile");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<bool>("sandbox");
        QTest::addColumn<QString>("described");
        QTest::addColumn<bool>("production");
        QTest::newRow("production profile")
            << true << u"production"_s << false << u"profile “Acme Prod” (production)"_s << true;
        QTest::newRow("unlabelled profile")
            << true << QString() << false << u"profile “Acme Prod”"_s << false;
        QTest::newRow("bare url") << false << QString() << false
                                  << u"https://acme.us.langgraph.app"_s << false;
        QTest::newRow("local sandbox")
            << false << QString() << true << u"the local sandbox"_s << false;
    }
    void mutationTarget_namesTheProfileNotTheUrl()
    {
        QFETCH(bool, hasProfile);
        QFETCH(QString, environment);
        QFETCH(bool, sandbox);
        QFETCH(QString, described);
        QFETCH(bool, production);
        std::optional<ConnectionProfile> profile;
        if (hasProfile) {
            profile = ConnectionProfile {};
            profile->name = u"Acme Prod"_s;
            profile->environment = environment;
        }
        const MutationTarget target
            = mutationTarget(profile, QUrl(u"https://acme.us.langgraph.app"_s), sandbox);
        QCOMPARE(target.describe(), described);
        QCOMPARE(target.production, production);
    }

    void requests_sayWhatHappensToWhichCronsWhere()
    {
        ConnectionProfile profile;
        profile.name = u"Acme Prod"_s;
        profile.environment = u"production"_s;
        const MutationTarget target = mutationTarget(profile, QUrl(u"https://x.example"_s), false);
        QList<crondesk::api::Cron> crons;
        for (int i = 0; i < 20; ++i) {
            crondesk::api::Cron cron;
            cron.cronId = u"cron-%1"_s.arg(i, 2, 10, QChar(u'0'));
            cron.schedule = u"0 9 * * *"_s;
            cron.enabled = true;
            crons.append(cron);
        }
        const MutationRequest remove = deleteRequest(crons, target);
        QCOMPARE(remove.kind, MutationKind::Delete);
        QCOMPARE(remove.cronCount, 20);
        QVERIFY2(remove.question.contains(u"on profile “Acme Prod” (production)"_s),
                 qPrintable(remove.question));
        QVERIFY(!remove.question.contains(u"x.example"_s));
        QVERIFY(remove.details.first().contains(u"cron-00  (0 9 * * *)"_s));
        QVERIFY(remove.details.last().contains(u"5"_s)); // … and 5 more
        QCOMPARE(remove.undo, undoText(MutationKind::Delete));
        QVERIFY(remove.warning);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        const MutationRequest pause
            = enableRequest(planSetEnabled(crons.mid(0, 3), false, now), target, now);
        QCOMPARE(pause.kind, MutationKind::Pause);
        QCOMPARE(pause.cronCount, 3);
        QVERIFY2(pause.question.contains(u"profile “Acme Prod” (production)"_s),
                 qPrintable(pause.question));
        QVERIFY(pause.details.join(u'\n').contains(u"cron-02"_s));
        QCOMPARE(pause.undo, u"Resume undoes a pause."_s);
        // The policy then asks for the name in that same confirmation.
        QVERIFY(decideMutation(profile, pause.kind, pause.cronCount).needsTypedConfirmation());
    }

    void mutationNames_roundTrip()
    {
        for (const MutationKind kind :
             {MutationKind::Create, MutationKind::Update, MutationKind::Pause, MutationKind::Resume,
              MutationKind::Delete})
            QCOMPARE(mutationFromName(mutationName(kind)), kind);
        QCOMPARE(mutationFromName(u"drop"_s), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestMutationPolicy)
#include "tst_mutationpolicy.moc"
