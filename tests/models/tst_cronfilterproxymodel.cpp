#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::CronFilter;
using models::CronTableModel;

Q_DECLARE_METATYPE(crondesk::models::CronFilter)

namespace {

const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);

// Five crons that differ in every facet the filter knows.
QList<api::Cron> sampleCrons()
{
    QList<api::Cron> crons;
    auto add = [&crons](const char *id, const char *schedule) -> api::Cron & {
        api::Cron cron;
        cron.cronId = QString::fromLatin1(id);
        cron.schedule = QString::fromLatin1(schedule);
        cron.assistantId = u"asst-a"_s;
        crons.append(cron);
        return crons.last();
    };
    add("alpha", "0 13 * * *").nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(13, 0), Qt::UTC);
    api::Cron &beta = add("beta", "30 9 * * 1-5");
    beta.threadId = u"thread-1"_s;
    beta.timezone = u"Europe/Berlin"_s;
    beta.enabled = false;
    beta.metadata = QJsonObject {{"team"_L1, "infra"_L1}};
    api::Cron &gamma = add("gamma", "* * * * *");
    gamma.assistantId = u"asst-b"_s;
    gamma.payload = QJsonObject {{"webhook"_L1, "https://hooks.example.com"_L1}};
    gamma.nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(12, 1), Qt::UTC);
    api::Cron &delta = add("delta", "0 11 * * *");
    delta.nextRunDate = QDateTime(QDate(2026, 11, 21), QTime(11, 0), Qt::UTC); // overdue
    delta.metadata = QJsonObject {{"team"_L1, "data"_L1}};
    api::Cron &epsilon = add("epsilon", "0 12 * * *");
    epsilon.endTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    epsilon.timezone = u"Europe/Berlin"_s;
    return crons;
}

} // namespace

class TestCronFilterProxyModel final : public QObject
{
    Q_OBJECT

private:
    CronTableModel m_model;
    models::CronFilterProxyModel m_proxy;

    QStringList visibleIds() const
    {
        QStringList ids;
        for (int row = 0; row < m_proxy.rowCount(); ++row)
            ids.append(m_proxy.index(row, 0).data(CronTableModel::CronIdRole).toString());
        ids.sort();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model.setNow(now);
        m_model.upsertCrons(sampleCrons());
        m_proxy.setSourceModel(&m_model);
        new QAbstractItemModelTester(&m_proxy,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void filter_data()
    {
        QTest::addColumn<CronFilter>("filter");
        QTest::addColumn<QStringList>("ids");
        CronFilter f;
        QTest::newRow("nothing") << f
                                 << QStringList {u"alpha"_s, u"beta"_s, u"delta"_s, u"epsilon"_s,
                                                 u"gamma"_s};
        f = {};
        f.text = u"BERLIN"_s;
        QTest::newRow("text, any case") << f << QStringList {u"beta"_s, u"epsilon"_s};
        f = {};
        f.text = u"monday through friday"_s;
        QTest::newRow("text matches the description") << f << QStringList {u"beta"_s};
        f = {};
        f.enabled = CronFilter::Enabled::PausedOnly;
        QTest::newRow("paused") << f << QStringList {u"beta"_s};
        f = {};
        f.target = CronFilter::Target::ThreadOnly;
        QTest::newRow("thread crons") << f << QStringList {u"beta"_s};
        f = {};
        f.assistantId = u"asst-b"_s;
        QTest::newRow("assistant") << f << QStringList {u"gamma"_s};
        f = {};
        f.timezone = QString();
        QTest::newRow("server default zone")
            << f << QStringList {u"alpha"_s, u"delta"_s, u"gamma"_s};
        f = {};
        f.webhook = CronFilter::Webhook::With;
        QTest::newRow("has webhook") << f << QStringList {u"gamma"_s};
        f = {};
        f.endTimePassedOnly = true;
        QTest::newRow("end time passed") << f << QStringList {u"epsilon"_s};
        f = {};
        f.health = models::HealthFlag::Overdue;
        QTest::newRow("overdue") << f << QStringList {u"delta"_s};
        f = {};
        f.health = models::HealthFlags(models::HealthFlag::Frequent) | models::HealthFlag::Paused;
        QTest::newRow("any of two flags") << f << QStringList {u"beta"_s, u"gamma"_s};
        f = {};
        f.metadata = QJsonObject {{"team"_L1, "infra"_L1}};
        QTest::newRow("metadata") << f << QStringList {u"beta"_s};
        f = {};
        f.timezone = u"Europe/Berlin"_s;
        f.enabled = CronFilter::Enabled::EnabledOnly;
        QTest::newRow("facets combine") << f << QStringList {u"epsilon"_s};
        f = {};
        f.cronIds = QSet<QString> {u"beta"_s, u"gamma"_s, u"not-loaded"_s};
        QTest::newRow("cron ids in a set") << f << QStringList {u"beta"_s, u"gamma"_s};
        f.enabled = CronFilter::Enabled::EnabledOnly;
        QTest::newRow("cron ids and a facet") << f << QStringList {u"gamma"_s};
        f = {};
        f.cronIds = QSet<QString> {};
        QTest::newRow("an empty set of ids lets nothing through") << f << QStringList {};
    }
    void filter()
    {
        QFETCH(CronFilter, filter);
        QFETCH(QStringList, ids);
        m_proxy.setCronFilter(filter);
        QCOMPARE(visibleIds(), ids);
    }

    void sort_byNextRun_putsCronsWithoutOneLast()
    {
        m_proxy.setCronFilter({});
        m_proxy.sort(CronTableModel::NextRunColumn, Qt::AscendingOrder);
        QCOMPARE(m_proxy.index(0, 0).data(CronTableModel::CronIdRole).toString(), u"delta"_s);
        QCOMPARE(m_proxy.index(1, 0).data(CronTableModel::CronIdRole).toString(), u"gamma"_s);
        QCOMPARE(m_proxy.index(2, 0).data(CronTableModel::CronIdRole).toString(), u"alpha"_s);
    }

    void sort_byHealth_putsProblemsFirst()
    {
        m_proxy.sort(CronTableModel::HealthColumn, Qt::AscendingOrder);
        QCOMPARE(m_proxy.index(0, 0).data(CronTableModel::CronIdRole).toString(), u"delta"_s);
    }

    void sortByLastRun_putsCronsWhoseRunsAreNotKnownLast_inEitherOrder_data()
    {
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("firstTwo");
        QTest::newRow("ascending") << Qt::AscendingOrder << QStringList {u"gamma"_s, u"alpha"_s};
        QTest::newRow("descending") << Qt::DescendingOrder << QStringList {u"alpha"_s, u"gamma"_s};
    }

    void sortByLastRun_putsCronsWhoseRunsAreNotKnownLast_inEitherOrder()
    {
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, firstTwo);
        m_proxy.setCronFilter({});
        m_proxy.setFilterText({});
        auto known = [](const char *runId, QTime at) {
            models::CronLastRunState state;
            state.kind = models::CronLastRunState::Kind::Known;
            state.lastRun = {QString::fromLatin1(runId), u"success"_s,
                             QDateTime(QDate(2026, 11, 21), at, Qt::UTC)};
            state.lastSuccessAt = state.lastRun.at;
            return state;
        };
        models::CronLastRunState loading;
        loading.kind = models::CronLastRunState::Kind::Loading;
        m_model.setLastRuns({{u"alpha"_s, known("r1", QTime(11, 0))},
                             {u"gamma"_s, known("r2", QTime(10, 0))},
                             {u"beta"_s, loading}});
        m_proxy.sort(CronTableModel::LastRunColumn, order);
        QStringList ids;
        for (int row = 0; row < m_proxy.rowCount(); ++row)
            ids.append(m_proxy.index(row, 0).data(CronTableModel::CronIdRole).toString());
        // A descending sort must not bring the rows not read yet to the top: the window reads
        // the rows on screen, and would then read every row, a screen at a time.
        QCOMPARE(ids.mid(0, 2), firstTwo);
        QCOMPARE(ids.size(), 5);
    }

    void visibleSourceRows_followTheProxyOrder()
    {
        m_proxy.setFilterText(u"a"_s);
        const QList<int> rows = m_proxy.visibleSourceRows();
        QCOMPARE(rows.size(), m_proxy.rowCount());
        QCOMPARE(rows.first(), m_proxy.mapToSource(m_proxy.index(0, 0)).row());
    }
};

QTEST_GUILESS_MAIN(TestCronFilterProxyModel)
#include "tst_cronfilterproxymodel.moc"
