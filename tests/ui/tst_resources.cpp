#include <QFile>
#include <QIcon>
#include <QTest>

using namespace Qt::StringLiterals;

class TestResources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applicationIcon_resolvesFromTheCompiledResources()
    {
        QFile icon(u":/icons/crondesk.svg"_s);
        QVERIFY(icon.open(QIODevice::ReadOnly));
        QVERIFY(icon.readAll().contains("<svg"));
        QVERIFY(!QIcon(u":/icons/crondesk.svg"_s).isNull());
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
