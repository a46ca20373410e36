// The option-value parsers of crondeskctl.
#include <app/cli/cliparse.h>
#include <app/cli/output.h>
#include <models/api/assistant.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QJsonObject object(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}

} // namespace

class TestCliParse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseBool_acceptsTheUsualSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // -1: refused
        QTest::newRow("true") << u"true"_s << 1;
        QTest::newRow("YES") << u"YES"_s << 1;
        QTest::newRow("on") << u"on"_s << 1;
        QTest::newRow("1") << u"1"_s << 1;
        QTest::newRow("false") << u"false"_s << 0;
        QTest::newRow("No") << u"No"_s << 0;
        QTest::newRow("off") << u"off"_s << 0;
        QTest::newRow("0") << u"0"_s << 0;
        QTest::newRow("maybe") << u"maybe"_s << -1;
        QTest::newRow("empty") << QString() << -1;
    }
    void parseBool_acceptsTheUsualSpellings()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QString error;
        const auto value = cli::parseBool(text, &error);
        if (expected < 0) {
            QVERIFY(!value);
            QVERIFY(!error.isEmpty());
        } else {
            QCOMPARE(value, std::optional<bool>(expected == 1));
        }
    }

    void parseJsonArgument_readsTextOrAFile()
    {
        QString error;
        QCOMPARE(cli::parseJsonArgument(u"{\"a\":[1,2]}"_s, &error)->toObject(),
                 object("{'a':[1,2]}"));
        QCOMPARE(*cli::parseJsonArgument(u"  42 "_s, &error), QJsonValue(42));
        QVERIFY(!cli::parseJsonArgument(u"{oops"_s, &error));
        QVERIFY(error.contains(u"not valid JSON"_s));

        QTemporaryDir dir;
        QFile file(dir.filePath(u"config.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"configurable\": {\"x\": 1}}\n");
        file.close();
        QCOMPARE(cli::parseJsonArgument(u"@"_s + file.fileName(), &error)->toObject(),
                 object("{'configurable':{'x':1}}"));
        QVERIFY(!cli::parseJsonArgument(u"@"_s + dir.filePath(u"missing"_s), &error));
        QVERIFY(error.contains(u"cannot read"_s));
    }

    void parseMetadata_mergesPairsAndObjects_data()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("pairs") << QStringList {u"owner=alice"_s, u"team=infra"_s}
                               << object("{'owner':'alice','team':'infra'}");
        QTest::newRow("JSON scalars stay typed")
            << QStringList {u"tier=2"_s, u"paid=true"_s, u"note=null"_s}
            << object("{'tier':2,'paid':true,'note':null}");
        QTest::newRow("quoted JSON string") << QStringList {u"n=\"2\""_s} << object("{'n':'2'}");
        QTest::newRow("value with equals") << QStringList {u"q=a=b"_s} << object("{'q':'a=b'}");
        QTest::newRow("object then pair overrides")
            << QStringList {u"{\"a\":1,\"b\":2}"_s, u"b=x"_s} << object("{'a':1,'b':'x'}");
        QTest::newRow("empty value") << QStringList {u"k="_s} << object("{'k':''}");
    }
    void parseMetadata_mergesPairsAndObjects()
    {
        QFETCH(QStringList, values);
        QFETCH(QJsonObject, expected);
        QString error;
        const auto metadata = cli::parseMetadata(values, &error);
        QVERIFY2(metadata, qPrintable(error));
        QCOMPARE(*metadata, expected);
    }

    void parseMetadata_refusesWhatIsNotAPairOrObject()
    {
        QString error;
        QVERIFY(!cli::parseMetadata({u"novalue"_s}, &error));
        QVERIFY(!cli::parseMetadata({u"=x"_s}, &error));
        QVERIFY(!cli::parseMetadata({u"{\"a\":"_s}, &error));
    }

    void parseInterrupts_starListOrJson()
    {
        QString error;
        QCOMPARE(*cli::parseInterrupts(u"*"_s, &error), QJsonValue(u"*"_s));
        QCOMPARE(*cli::parseInterrupts(u"agent, tools"_s, &error),
                 QJsonValue(QJsonArray {u"agent"_s, u"tools"_s}));
        QCOMPARE(*cli::parseInterrupts(u"[\"a\"]"_s, &error), QJsonValue(QJsonArray {u"a"_s}));
        QVERIFY(!cli::parseInterrupts(u"[1]"_s, &error));
    }

    void parseStreamMode_oneIsAStringSeveralAnArray()
    {
        QString error;
        QCOMPARE(*cli::parseStreamMode(u"values"_s, &error), QJsonValue(u"values"_s));
        QCOMPARE(*cli::parseStreamMode(u"values,updates"_s, &error),
                 QJsonValue(QJsonArray {u"values"_s, u"updates"_s}));
        QVERIFY(!cli::parseStreamMode(u" , "_s, &error));
    }

    void parseInstant_needsAnOffset_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime instant(QDate(2030, 1, 1), QTime(22, 0), Qt::UTC);
        QTest::newRow("Z") << u"2030-01-01T22:00:00Z"_s << instant;
        QTest::newRow("offset") << u"2030-01-02T00:00:00+02:00"_s << instant;
        QTest::newRow("negative offset") << u"2030-01-01T17:00:00-05:00"_s << instant;
        QTest::newRow("no offset") << u"2030-01-01T22:00:00"_s << QDateTime();
        QTest::newRow("date only") << u"2030-01-01"_s << QDateTime();
        QTest::newRow("garbage") << u"soon"_s << QDateTime();
    }
    void parseInstant_needsAnOffset()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QString error;
        const auto instant = cli::parseInstant(text, &error);
        if (expected.isValid()) {
            QVERIFY2(instant, qPrintable(error));
            QCOMPARE(*instant, expected);
        } else {
            QVERIFY(!instant);
            QVERIFY(error.contains(u"offset"_s));
        }
    }

    void parseHeaders_nameValueAndNoApiKey()
    {
        QString error;
        const auto headers = cli::parseHeaders(
            {u"X-Auth-Scheme: langsmith-api-key"_s, u"X-Team=ops"_s, u"X-Url: http://a:b"_s},
            &error);
        QVERIFY(headers);
        QCOMPARE(headers->size(), 3);
        QCOMPARE(headers->at(0),
                 (QPair<QByteArray, QByteArray>("X-Auth-Scheme", "langsmith-api-key")));
        QCOMPARE(headers->at(1), (QPair<QByteArray, QByteArray>("X-Team", "ops")));
        QCOMPARE(headers->at(2), (QPair<QByteArray, QByteArray>("X-Url", "http://a:b")));
        QVERIFY(!cli::parseHeaders({u"X-Api-Key: secret"_s}, &error));
        QVERIFY(!cli::parseHeaders({u"no separator"_s}, &error));
        QVERIFY(!cli::parseHeaders({u": value"_s}, &error));
    }

    void assistantFilterId_turnsGraphNamesIntoSystemAssistantIds()
    {
        QCOMPARE(cli::assistantFilterId(u"agent"_s), u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s);
        QCOMPARE(cli::assistantFilterId(u"echo"_s), u"046b5dc7-2108-582c-9c6c-31d556d138f0"_s);
        QCOMPARE(cli::assistantFilterId(u"FE096781-5601-53D2-B2F6-0D3403F7E9CA"_s),
                 u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s);
    }

    void textTable_alignsColumns()
    {
        QCOMPARE(cli::textTable({{u"A"_s, u"BB"_s}, {u"ccc"_s, u"d"_s}}), u"A    BB\nccc  d\n"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cliparse.moc"
