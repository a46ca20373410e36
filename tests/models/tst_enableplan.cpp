#include <models/common/translations.h>
#include <models/connections/enableplan.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);

api::Cron cron(const char *id, bool enabled, const QDateTime &nextRun,
               const QDateTime &endTime = {})
{
    api::Cron c;
    c.cronId = QString::fromLatin1(id);
    c.schedule = u"0 * * * *"_s;
    c.enabled = enabled;
    c.nextRunDate = nextRun;
    c.endTime = endTime;
    return c;
}

} // namespace

class TestEnablePlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // "%n cron(s)" reads "1 cron" or "3 crons" through the English plural forms.
        models::installTranslations(*QCoreApplication::instance());
    }

    void resume_listsCronsWhoseNextRunHasPassedAsFiringImmediately()
    {
        const QList<api::Cron> selected {
            cron("missed", false, now.addSecs(-3600)),
            cron("future", false, now.addSecs(3600)),
            cron("running", true, now.addSecs(-3600)),
            cron("ended", false, now.addSecs(-3600), now.addDays(-1)),
        };
        const models::EnablePlan plan = models::planSetEnabled(selected, true, now);
        QCOMPARE(plan.changingIds(), (QStringList {u"missed"_s, u"future"_s, u"ended"_s}));
        QCOMPARE(plan.unchanged.size(), 1);
        QCOMPARE(plan.firesImmediately.size(), 1);
        QCOMPARE(plan.firesImmediately.first().cronId, u"missed"_s);
        const QString text = plan.consequences(now).join(u'\n');
        QVERIFY(text.contains(u"will fire immediately"_s));
        QVERIFY(text.contains(u"missed"_s));
        QVERIFY(text.contains(u"1 selected cron already enabled"_s));
        QCOMPARE(plan.question(u"https://x"_s), u"Resume 3 crons on https://x?"_s);
    }

    void pause_sendsNothingForAlreadyPausedCronsAndSaysWhatPausingMeans()
    {
        const models::EnablePlan plan
            = models::planSetEnabled({cron("a", true, now), cron("b", false, now)}, false, now);
        QCOMPARE(plan.changingIds(), QStringList {u"a"_s});
        QVERIFY(plan.firesImmediately.isEmpty());
        QVERIFY(plan.consequences(now).join(u'\n').contains(u"do not fire until resumed"_s));
        QCOMPARE(plan.question(u"prod"_s), u"Pause 1 cron on prod?"_s);
    }

    void plan_ofOnlyUnchangedCrons_isEmpty()
    {
        QVERIFY(models::planSetEnabled({cron("a", true, now)}, true, now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnablePlan)
#include "tst_enableplan.moc"
