// What may be done to crons, per profile: read-only refuses, production bulk needs a typed name.
#include <models/mutationpolicy.h>

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
