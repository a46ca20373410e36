// The health badges: one level per kind of state, each drawn differently.
#include <ui/healthicons.h>

#include <QImage>
#include <QPixmap>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::HealthFlag;
using models::HealthFlags;
using ui::HealthLevel;

Q_DECLARE_METATYPE(crondesk::ui::HealthLevel)

class TestHealthIcons final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthLevel_ofFlags_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<HealthLevel>("level");
        QTest::newRow("healthy") << 0 << HealthLevel::Healthy;
        QTest::newRow("paused") << int(HealthFlag::Paused) << HealthLevel::Inactive;
        QTest::newRow("ended") << int(HealthFlag::Ended) << HealthLevel::Ended;
        // Ended and paused: it will not fire even when resumed; that is the news.
        QTest::newRow("ended and paused")
            << int(HealthFlags(HealthFlag::Ended) | HealthFlag::Paused) << HealthLevel::Ended;
        QTest::newRow("frequent") << int(HealthFlag::Frequent) << HealthLevel::Warning;
        // A due row is being re-read: no green tick claiming it ran, no alarm before the answer.
        QTest::newRow("due, checking") << int(HealthFlag::Due) << HealthLevel::Checking;
        QTest::newRow("due and frequent")
            << int(HealthFlags(HealthFlag::Due) | HealthFlag::Frequent) << HealthLevel::Warning;
        QTest::newRow("ended with a problem")
            << int(HealthFlags(HealthFlag::Ended) | HealthFlag::InvalidSchedule)
            << HealthLevel::Problem;
    }
    void healthLevel_ofFlags()
    {
        QFETCH(int, flags);
        QFETCH(HealthLevel, level);
        QCOMPARE(ui::healthLevel(HealthFlags(flags)), level);
    }

    void endedIcon_differsFromPausedAndEveryOtherLevel()
    {
        const QList<HealthLevel> levels {HealthLevel::Healthy,  HealthLevel::Checking,
                                         HealthLevel::Inactive, HealthLevel::Ended,
                                         HealthLevel::Warning,  HealthLevel::Problem};
        QList<QImage> images;
        for (const HealthLevel level : levels)
            images.append(ui::healthIcon(level).pixmap(24, 24).toImage());
        for (qsizetype a = 0; a < images.size(); ++a) {
            QVERIFY(!images[a].isNull());
            for (qsizetype b = a + 1; b < images.size(); ++b)
                QVERIFY2(images[a] != images[b], qPrintable(u"%1 and %2"_s.arg(a).arg(b)));
        }
    }
};

QTEST_MAIN(TestHealthIcons)
#include "tst_healthicons.moc"
