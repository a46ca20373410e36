// The metadata filter's text: what it parses to, what it says it applies, and why a text is not
// a filter.
#include <models/inventory/metadatafilter.h>

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

class TestMetadataFilter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_readsValuesAsTheJsonTheServerCompares_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<QString>("description");
        QTest::newRow("empty") << QString() << QJsonObject() << QString();
        QTest::newRow("text") << u"team=infra"_s << QJsonObject {{"team"_L1, "infra"_L1}}
                              << u"team = \"infra\""_s;
        QTest::newRow("number and spaces")
            << u" team = infra ,tier=2"_s << QJsonObject {{"team"_L1, "infra"_L1}, {"tier"_L1, 2}}
            << u"team = \"infra\", tier = 2"_s;
        QTest::newRow("quoted number stays text")
            << u"tier=\"2\""_s << QJsonObject {{"tier"_L1, "2"_L1}} << u"tier = \"2\""_s;
        QTest::newRow("boolean") << u"critical=true"_s << QJsonObject {{"critical"_L1, true}}
                                 << u"critical = true"_s;
        QTest::newRow("trailing comma")
            << u"team=infra,"_s << QJsonObject {{"team"_L1, "infra"_L1}} << u"team = \"infra\""_s;
    }
    void parse_readsValuesAsTheJsonTheServerCompares()
    {
        QFETCH(QString, text);
        QFETCH(QJsonObject, filter);
        QFETCH(QString, description);
        QString error;
        const std::optional<QJsonObject> parsed = models::parseMetadataFilter(text, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, filter);
        QCOMPARE(models::describeMetadataFilter(*parsed), description);
    }

    void parse_ofTextThatIsNotAFilter_saysWhyInASentence_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("no equals")
            << u"team"_s << u"“team” is not key=value, such as team=infra."_s;
        QTest::newRow("second term")
            << u"team=infra, oops"_s << u"“oops” is not key=value, such as team=infra."_s;
        QTest::newRow("no key") << u"=infra"_s << u"“=infra” has no key before the “=”."_s;
    }
    void parse_ofTextThatIsNotAFilter_saysWhyInASentence()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!models::parseMetadataFilter(text, &message));
        QCOMPARE(message, error);
    }
};

QTEST_GUILESS_MAIN(TestMetadataFilter)
#include "tst_metadatafilter.moc"
