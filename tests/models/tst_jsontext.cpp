// JSON text helpers of the editor: parse errors with line and column, path location, the schema
// subset that turns an assistant's /schemas into warnings.
#include <models/common/jsontext.h>
#include <models/editor/jsonschemacheck.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::JsonPath;

Q_DECLARE_METATYPE(crondesk::models::JsonPath)

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestJsonText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseJsonText_reportsWhereItFails_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isValid");
        QTest::addColumn<bool>("isEmpty");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("blank") << u"  \n "_s << true << true << 0 << 0;
        QTest::newRow("object") << u"{\"a\": [1, 2]}"_s << true << false << 0 << 0;
        QTest::newRow("array") << u"[{}]"_s << true << false << 0 << 0;
        QTest::newRow("missing value on line 2")
            << u"{\"a\": 1,\n \"b\": }"_s << false << false << 2 << 7;
        QTest::newRow("unterminated") << u"{\"a\": 1"_s << false << false << 1 << 7;
        // Columns count characters, not UTF-8 bytes.
        QTest::newRow("after non-ASCII text") << u"{\"ä\": \"ö\" x}"_s << false << false << 1 << 11;
        QTest::newRow("scalar at the top") << u"42"_s << false << false << 1 << 1;
    }
    void parseJsonText_reportsWhereItFails()
    {
        QFETCH(QString, text);
        QFETCH(bool, isValid);
        QFETCH(bool, isEmpty);
        QFETCH(int, line);
        QFETCH(int, column);
        const models::JsonText parsed = models::parseJsonText(text);
        QCOMPARE(parsed.isValid, isValid);
        QCOMPARE(parsed.isEmpty, isEmpty);
        if (!isValid) {
            QVERIFY(!parsed.message.isEmpty());
            QCOMPARE(parsed.position.line, line);
            QCOMPARE(parsed.position.column, column);
        }
    }

    void readJsonValue_skipsAByteOrderMarkAndNothingElse_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QJsonValue>("value");
        const QByteArray bom("\xEF\xBB\xBF");
        QTest::newRow("object") << QByteArray(R"({"a": 1})") << true
                                << QJsonValue(QJsonObject {{u"a"_s, 1}});
        QTest::newRow("BOM, object")
            << bom + R"({"a": 1})" << true << QJsonValue(QJsonObject {{u"a"_s, 1}});
        QTest::newRow("BOM, array") << bom + R"(["x"])" << true << QJsonValue(QJsonArray {u"x"_s});
        QTest::newRow("BOM, scalar") << bom + "3" << true << QJsonValue(3);
        QTest::newRow("BOM, spaces, string") << bom + "  \"s\"\n" << true << QJsonValue(u"s"_s);
        QTest::newRow("BOM in the middle")
            << QByteArray(R"({"a":)") + bom + "1}" << false << QJsonValue();
        QTest::newRow("two BOMs") << bom + bom + "{}" << false << QJsonValue();
        QTest::newRow("BOM, broken") << bom + "{nope" << false << QJsonValue();
        QTest::newRow("two values") << QByteArray("1, 2") << false << QJsonValue();
    }
    void readJsonValue_skipsAByteOrderMarkAndNothingElse()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QFETCH(QJsonValue, value);
        QString problem;
        const std::optional<QJsonValue> read = models::readJsonValue(bytes, &problem);
        QCOMPARE(read.has_value(), valid);
        if (valid)
            QCOMPARE(*read, value);
        else
            QVERIFY(!problem.isEmpty());
    }

    void parseJsonText_acceptsAByteOrderMark()
    {
        QVERIFY(models::parseJsonText(u"\uFEFF{\"a\": 1}"_s).isValid);
        const models::JsonText broken = models::parseJsonText(u"\uFEFF{\"a\": }"_s);
        QVERIFY(!broken.isValid);
        QCOMPARE(broken.position.line, 1);
        QCOMPARE(broken.position.column, 8); // at the brace, counting the BOM as a character
    }

    void locateJsonPath_findsTheValue_data()
    {
        QTest::addColumn<JsonPath>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("top") << JsonPath {} << 1 << 1;
        QTest::newRow("key") << JsonPath {u"b"_s} << 3 << 8;
        QTest::newRow("nested index") << JsonPath {u"b"_s, qsizetype(1), u"c"_s} << 5 << 11;
        QTest::newRow("key with escapes") << JsonPath {u"q\"x"_s} << 7 << 11;
    }
    void locateJsonPath_findsTheValue()
    {
        QFETCH(JsonPath, path);
        QFETCH(int, line);
        QFETCH(int, column);
        const QString text
            = u"{\n  \"a\": \"{[,]}\",\n  \"b\": [\n    {},\n    {\"c\": true}\n  ],\n"
              "  \"q\\\"x\": 1\n}"_s;
        QVERIFY(models::parseJsonText(text).isValid);
        const auto position = models::locateJsonPath(text, path);
        QVERIFY(position);
        QCOMPARE(position->line, line);
        QCOMPARE(position->column, column);
        QVERIFY(!models::locateJsonPath(text, {u"missing"_s}));
    }

    void formatJsonPath_readsLikeCode()
    {
        QCOMPARE(models::formatJsonPath({u"messages"_s, qsizetype(0), u"role"_s}),
                 u"messages[0].role"_s);
        QCOMPARE(models::formatJsonPath({}), QString());
    }

    void checkJsonSchema_reportsMismatches_data()
    {
        QTest::addColumn<QJsonObject>("schema");
        QTest::addColumn<QJsonObject>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("messagePart");
        const QJsonObject schema
            = parse("{\"type\":\"object\",\"required\":[\"n\"],\"additionalProperties\":false,"
                    "\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
                    "\"s\":{\"type\":\"string\",\"maxLength\":3},\"e\":{\"enum\":[\"a\",\"b\"]},"
                    "\"l\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/I\"}},"
                    "\"u\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}},"
                    "\"definitions\":{\"I\":{\"type\":\"object\",\"required\":[\"id\"]}}}");
        QTest::newRow("valid") << schema << parse("{\"n\":3,\"s\":\"abc\",\"l\":[{\"id\":1}]}")
                               << QString() << QString();
        QTest::newRow("missing required")
            << schema << parse("{}") << QString() << u"\"n\" is missing"_s;
        QTest::newRow("number for integer")
            << schema << parse("{\"n\":1.5}") << u"n"_s << u"expected integer"_s;
        QTest::newRow("above maximum")
            << schema << parse("{\"n\":9}") << u"n"_s << u"above the maximum 5"_s;
        QTest::newRow("too long") << schema << parse("{\"n\":1,\"s\":\"abcd\"}") << u"s"_s
                                  << u"at most 3"_s;
        QTest::newRow("enum") << schema << parse("{\"n\":1,\"e\":\"c\"}") << u"e"_s
                              << u"not one of \"a\", \"b\""_s;
        QTest::newRow("unknown property")
            << schema << parse("{\"n\":1,\"x\":0}") << u"x"_s << u"not a known property"_s;
        QTest::newRow("through $ref") << schema << parse("{\"n\":1,\"l\":[{\"id\":1},{}]}")
                                      << u"l[1]"_s << u"\"id\" is missing"_s;
        QTest::newRow("anyOf") << schema << parse("{\"n\":1,\"u\":5}") << u"u"_s
                               << u"none of the allowed forms"_s;
    }
    void checkJsonSchema_reportsMismatches()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(QJsonObject, value);
        QFETCH(QString, path);
        QFETCH(QString, messagePart);
        const QList<models::SchemaIssue> issues = models::checkJsonSchema(value, schema);
        if (messagePart.isEmpty()) {
            QVERIFY(issues.isEmpty());
            return;
        }
        QCOMPARE(issues.size(), 1);
        QCOMPARE(models::formatJsonPath(issues.first().path), path);
        QVERIFY2(issues.first().message.contains(messagePart), qPrintable(issues.first().message));
    }

    void checkJsonSchema_stopsAtTheLimitAndOnSelfReference()
    {
        const QJsonObject recursive
            = parse("{\"$ref\":\"#/$defs/N\",\"$defs\":{\"N\":{\"type\":\"object\","
                    "\"properties\":{\"next\":{\"$ref\":\"#/$defs/N\"},\"v\":{\"type\":"
                    "\"string\"}}}}}");
        QJsonObject value {{u"v"_s, 1}};
        for (int i = 0; i < 30; ++i)
            value = QJsonObject {{u"next"_s, value}, {u"v"_s, i}};
        QCOMPARE(models::checkJsonSchema(value, recursive, 5).size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
