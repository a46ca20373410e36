// The option-value parsers of crondeskctl.
#include <app/cli/cliparse.h>
#include <app/cli/output.h>
#include <models/api/assistant.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
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
    void parseShift_readsHoursAndMinutesWithASign_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("minutes"); // 0: refused
        QTest::newRow("minutes later") << u"+30m"_s << 30;
        QTest::newRow("an hour earlier") << u"-1h"_s << -60;
        QTest::newRow("both") << u"+1h30m"_s << 90;
        QTest::newRow("unsigned is later") << u"90m"_s << 90;
        QTest::newRow("a week") << u"-168h"_s << -10080;
        QTest::newRow("more than a week") << u"+168h1m"_s << 0;
        QTest::newRow("zero") << u"+0m"_s << 0;
        QTest::newRow("days are not a unit") << u"1d"_s << 0;
        QTest::newRow("no unit") << u"30"_s << 0;
        QTest::newRow("minutes before hours") << u"30m1h"_s << 0;
        QTest::newRow("empty") << QString() << 0;
    }
    void parseShift_readsHoursAndMinutesWithASign()
    {
        QFETCH(QString, text);
        QFETCH(int, minutes);
        QString error;
        const std::optional<int> parsed = cli::parseShift(text, &error);
        if (minutes == 0) {
            QVERIFY(!parsed);
            QVERIFY(error.contains(u"is not a shift"_s));
        } else {
            QCOMPARE(parsed, std::optional<int>(minutes));
        }
    }

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

    void parseHeaders_refusesControlCharactersWithoutEchoingTheValue_data()
    {
        QTest::addColumn<QString>("header");
        QTest::newRow("CR LF and the key") << u"X-A: b\r\nx-api-key: KEY"_s;
        QTest::newRow("LF") << u"X-A: b\nX-Evil: 1"_s;
        QTest::newRow("CR") << u"X-A: b\rX-Evil: 1"_s;
        QTest::newRow("NUL") << QStringView(u"X-A: b\0X-Evil", 14).toString();
        QTest::newRow("escape") << u"X-A: \x1b[2JX-Evil"_s;
        QTest::newRow("DEL") << u"X-A: b\x7fX-Evil"_s;
        QTest::newRow("name with a line break") << u"X-A\r\nX-Evil: 1"_s;
        QTest::newRow("non-ASCII name") << u"X-Évil: 1"_s;
    }
    void parseHeaders_refusesControlCharactersWithoutEchoingTheValue()
    {
        QFETCH(QString, header);
        QString error;
        QVERIFY(!cli::parseHeaders({header}, &error));
        QVERIFY(error.startsWith(u"--header"_s));
        QVERIFY2(!error.contains(u"Evil"_s) && !error.contains(u"KEY"_s), qPrintable(error));
    }

    void parseWholeNumber_acceptsPlainDigitsWithinTheRange_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<qint64>("value");
        QTest::newRow("one") << u"1"_s << true << qint64(1);
        QTest::newRow("spaces around") << u" 42 "_s << true << qint64(42);
        QTest::newRow("the maximum") << u"1000"_s << true << qint64(1000);
        QTest::newRow("leading zeros") << u"007"_s << true << qint64(7);
        QTest::newRow("zero") << u"0"_s << false << qint64(0);
        QTest::newRow("above") << u"1001"_s << false << qint64(0);
        QTest::newRow("negative") << u"-1"_s << false << qint64(0);
        QTest::newRow("plus sign") << u"+5"_s << false << qint64(0);
        QTest::newRow("fraction") << u"1.5"_s << false << qint64(0);
        QTest::newRow("exponent") << u"1e3"_s << false << qint64(0);
        QTest::newRow("hex") << u"0x10"_s << false << qint64(0);
        QTest::newRow("overflow") << u"99999999999999999999999"_s << false << qint64(0);
        QTest::newRow("nan") << u"nan"_s << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("space inside") << u"1 0"_s << false << qint64(0);
        QTest::newRow("Arabic-Indic digits") << u"٣"_s << false << qint64(0);
    }
    void parseWholeNumber_acceptsPlainDigitsWithinTheRange()
    {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        QFETCH(qint64, value);
        QString error;
        const std::optional<qint64> parsed = cli::parseWholeNumber(text, 1, 1000, &error);
        QCOMPARE(parsed.has_value(), accepted);
        if (accepted)
            QCOMPARE(*parsed, value);
        else
            QVERIFY2(error.contains(u"from 1 to 1000"_s), qPrintable(error));
    }

    void parseDecimal_neverLetsATimeoutBeSwitchedOff_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<double>("value");
        QTest::newRow("30") << u"30"_s << true << 30.0;
        QTest::newRow("2.5") << u"2.5"_s << true << 2.5;
        QTest::newRow(".5") << u".5"_s << true << 0.5;
        QTest::newRow("the minimum") << u"0.1"_s << true << 0.1;
        QTest::newRow("the maximum") << u"3600"_s << true << 3600.0;
        QTest::newRow("trailing point") << u"5."_s << true << 5.0;
        QTest::newRow("nan") << u"nan"_s << false << 0.0;
        QTest::newRow("NaN") << u"NaN"_s << false << 0.0;
        QTest::newRow("inf") << u"inf"_s << false << 0.0;
        QTest::newRow("infinity") << u"Infinity"_s << false << 0.0;
        QTest::newRow("1e308") << u"1e308"_s << false << 0.0;
        QTest::newRow("9223372036854776") << u"9223372036854776"_s << false << 0.0;
        QTest::newRow("0.0001") << u"0.0001"_s << false << 0.0;
        QTest::newRow("1e-9") << u"1e-9"_s << false << 0.0;
        QTest::newRow("zero") << u"0"_s << false << 0.0;
        QTest::newRow("negative") << u"-1"_s << false << 0.0;
        QTest::newRow("just above") << u"3600.001"_s << false << 0.0;
        QTest::newRow("hex") << u"0x10"_s << false << 0.0;
        QTest::newRow("comma") << u"1,5"_s << false << 0.0;
        QTest::newRow("two points") << u"1.2.3"_s << false << 0.0;
        QTest::newRow("point alone") << u"."_s << false << 0.0;
        QTest::newRow("very long") << QString(400, u'1') << false << 0.0;
    }
    void parseDecimal_neverLetsATimeoutBeSwitchedOff()
    {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        QFETCH(double, value);
        QString error;
        const std::optional<double> parsed
            = cli::parseDecimal(text, cli::MinTimeoutSeconds, cli::MaxTimeoutSeconds, &error);
        QCOMPARE(parsed.has_value(), accepted);
        if (accepted)
            QCOMPARE(*parsed, value);
        else
            QVERIFY2(error.contains(u"from 0.1 to 3600"_s), qPrintable(error));
    }

    void readOptionFile_refusesDevicesAndStopsAtTheCap()
    {
        QString error;
        QVERIFY(!cli::readOptionFile(u"/dev/zero"_s, &error));
        QVERIFY2(error.contains(u"not a regular file or a pipe"_s), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(!cli::readOptionFile(dir.path(), &error));
        QVERIFY(!cli::readOptionFile(dir.filePath(u"missing"_s), &error));
        QVERIFY(error.contains(u"cannot read"_s));

        QFile big(dir.filePath(u"big"_s));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(cli::MaxOptionFileBytes + 1));
        big.close();
        QVERIFY(!cli::readOptionFile(big.fileName(), &error));
        QVERIFY2(error.contains(u"larger than 10 MiB"_s), qPrintable(error));

        QFile fits(dir.filePath(u"fits"_s));
        QVERIFY(fits.open(QIODevice::WriteOnly));
        QVERIFY(fits.resize(cli::MaxOptionFileBytes));
        fits.close();
        const std::optional<QByteArray> read = cli::readOptionFile(fits.fileName(), &error);
        QVERIFY(read);
        QCOMPARE(read->size(), cli::MaxOptionFileBytes);
    }

    void readOptionFile_fromAnEndlessPipe_stopsAtTheCap()
    {
        // A pipe says nothing of its size: reading stops at the cap instead of running out of
        // memory (as `--input @<(yes)` would).
        QTemporaryDir dir;
        const QString fifo = dir.filePath(u"fifo"_s);
        QProcess mkfifo;
        mkfifo.start(u"mkfifo"_s, {fifo});
        QVERIFY(mkfifo.waitForFinished(10000) && mkfifo.exitCode() == 0);
        QProcess writer; // the shell opens the pipe, so that nothing here blocks on it
        writer.start(u"sh"_s, {u"-c"_s, u"exec yes > \"$0\""_s, fifo});
        QVERIFY(writer.waitForStarted(10000));
        QString error;
        QVERIFY(!cli::readOptionFile(fifo, &error));
        QVERIFY2(error.contains(u"larger than 10 MiB"_s), qPrintable(error));
        writer.kill();
        writer.waitForFinished(10000);
    }

    void parseJsonArgument_skipsAByteOrderMark()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"bom.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xEF\xBB\xBF{\"a\": 1}\n");
        file.close();
        QString error;
        const std::optional<QJsonValue> value
            = cli::parseJsonArgument(u"@"_s + file.fileName(), &error);
        QVERIFY2(value, qPrintable(error));
        QCOMPARE(value->toObject(), object("{'a': 1}"));
        const std::optional<QJsonObject> metadata
            = cli::parseMetadata({u"@"_s + file.fileName()}, &error);
        QVERIFY2(metadata, qPrintable(error));
        QCOMPARE(*metadata, object("{'a': 1}"));
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
