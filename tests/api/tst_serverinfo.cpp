// Server versions, the capability landmarks of api-contract §0.2, and "not implemented" answers.
#include <models/api/apierror.h>
#include <models/api/serverinfo.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::api;

namespace {

QJsonObject object(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}

} // namespace

class TestServerInfo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_readsChangelogVersions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::addColumn<int>("patch");
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("stageNumber");
        QTest::newRow("release") << u"0.7.69"_s << 0 << 7 << 69 << 4 << 0;
        QTest::newRow("rc") << u"0.9.0rc1"_s << 0 << 9 << 0 << 3 << 1;
        QTest::newRow("dev") << u"0.10.0.dev3"_s << 0 << 10 << 0 << 0 << 3;
        QTest::newRow("beta with dash") << u"1.2.3-b2"_s << 1 << 2 << 3 << 2 << 2;
        QTest::newRow("post") << u"0.12.0.post1"_s << 0 << 12 << 0 << 5 << 1;
        QTest::newRow("two parts") << u"0.14"_s << 0 << 14 << 0 << 4 << 0;
        QTest::newRow("v prefix, spaces") << u" v0.14.1 "_s << 0 << 14 << 1 << 4 << 0;
        QTest::newRow("four parts") << u"0.7.15.1"_s << 0 << 7 << 15 << 4 << 0;
        QTest::newRow("local suffix") << u"0.12.0+abc"_s << 0 << 12 << 0 << 4 << 0;
    }
    void parse_readsChangelogVersions()
    {
        QFETCH(QString, text);
        const auto version = ServerVersion::parse(text);
        QVERIFY(version);
        QTEST(version->major, "major");
        QTEST(version->minor, "minor");
        QTEST(version->patch, "patch");
        QTEST(version->stage, "stage");
        QTEST(version->stageNumber, "stageNumber");
    }

    void parse_rejectsWhatIsNotAVersion_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("word") << u"latest"_s;
        QTest::newRow("one number") << u"12"_s;
        QTest::newRow("dots only") << u".."_s;
    }
    void parse_rejectsWhatIsNotAVersion()
    {
        QFETCH(QString, text);
        QVERIFY(!ServerVersion::parse(text));
    }

    void versions_orderAsPythonPackagingDoes()
    {
        const QStringList ascending {u"0.2.45"_s,   u"0.2.69"_s,     u"0.2.133"_s, u"0.7.9"_s,
                                     u"0.7.15"_s,   u"0.9.0.dev1"_s, u"0.9.0a1"_s, u"0.9.0b2"_s,
                                     u"0.9.0rc1"_s, u"0.9.0rc2"_s,   u"0.9.0"_s,   u"0.9.0.post1"_s,
                                     u"0.10.0"_s,   u"0.12.0"_s,     u"1.0.0"_s};
        for (qsizetype i = 1; i < ascending.size(); ++i) {
            const auto lower = ServerVersion::parse(ascending.at(i - 1));
            const auto higher = ServerVersion::parse(ascending.at(i));
            QVERIFY2(*lower < *higher,
                     qPrintable(ascending.at(i - 1) + u" < "_s + ascending.at(i)));
        }
    }

    // The landmarks table of api-contract §0.2, one row per boundary on each side.
    void forVersion_followsTheLandmarks_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("paging");
        QTest::addColumn<bool>("count");
        QTest::addColumn<bool>("onRunCompleted");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("patch");
        QTest::addColumn<bool>("timezone");
        QTest::addColumn<bool>("metadataFilter");
        QTest::addColumn<bool>("getById");
        QTest::newRow("0.2.45") << u"0.2.45"_s << false << false << false << false << false << false
                                << false << false;
        QTest::newRow("0.2.69 sort and paging")
            << u"0.2.69"_s << true << false << false << false << false << false << false << false;
        QTest::newRow("0.2.132") << u"0.2.132"_s << true << false << false << false << false
                                 << false << false << false;
        QTest::newRow("0.2.133 count")
            << u"0.2.133"_s << true << true << false << false << false << false << false << false;
        QTest::newRow("0.5.18 on_run_completed")
            << u"0.5.18"_s << true << true << true << false << false << false << false << false;
        QTest::newRow("0.7.14") << u"0.7.14"_s << true << true << true << false << false << false
                                << false << false;
        QTest::newRow("0.7.15 enabled")
            << u"0.7.15"_s << true << true << true << true << false << false << false << false;
        QTest::newRow("0.7.20") << u"0.7.20"_s << true << true << true << true << false << false
                                << false << false;
        QTest::newRow("0.7.21 PATCH")
            << u"0.7.21"_s << true << true << true << true << true << false << false << false;
        QTest::newRow("0.7.68") << u"0.7.68"_s << true << true << true << true << true << false
                                << false << false;
        QTest::newRow("0.7.69 timezone")
            << u"0.7.69"_s << true << true << true << true << true << true << false << false;
        QTest::newRow("0.8.99") << u"0.8.99"_s << true << true << true << true << true << true
                                << false << false;
        QTest::newRow("0.9.0.dev1 before the rc")
            << u"0.9.0.dev1"_s << true << true << true << true << true << true << false << false;
        QTest::newRow("0.9.0rc1 metadata filter")
            << u"0.9.0rc1"_s << true << true << true << true << true << true << true << false;
        QTest::newRow("0.9.5") << u"0.9.5"_s << true << true << true << true << true << true << true
                               << false;
        QTest::newRow("0.10.0rc1 GET by id")
            << u"0.10.0rc1"_s << true << true << true << true << true << true << true << true;
        QTest::newRow("0.12.0") << u"0.12.0"_s << true << true << true << true << true << true
                                << true << true;
        QTest::newRow("0.14.1") << u"0.14.1"_s << true << true << true << true << true << true
                                << true << true;
    }
    void forVersion_followsTheLandmarks()
    {
        QFETCH(QString, version);
        const ServerCapabilities capabilities = ServerCapabilities::forVersion(version);
        QVERIFY(capabilities.versionKnown);
        QCOMPARE(capabilities.version, version);
        QVERIFY(capabilities.cronsSupported);
        QTEST(capabilities.supportsSortAndPaging, "paging");
        QTEST(capabilities.supportsCount, "count");
        QTEST(capabilities.supportsOnRunCompleted, "onRunCompleted");
        QTEST(capabilities.supportsEnabled, "enabled");
        QTEST(capabilities.supportsPatch, "patch");
        QTEST(capabilities.supportsTimezone, "timezone");
        QTEST(capabilities.supportsMetadataFilter, "metadataFilter");
        QTEST(capabilities.supportsGetById, "getById");
    }

    void forVersion_unknownVersion_assumesACurrentServer()
    {
        const ServerCapabilities capabilities = ServerCapabilities::forVersion(u"unknown"_s);
        QVERIFY(!capabilities.versionKnown);
        QVERIFY(capabilities.supportsPatch && capabilities.supportsGetById
                && capabilities.supportsMetadataFilter && capabilities.cronsSupported);
    }

    void serverInfo_readsTheRealShapeAndTheJsDevServer()
    {
        // api-contract §4.1: `host`, not `metadata`; the JS dev server has no py version.
        const auto python = serverInfoFromJson(
            object("{'version':'0.14.1','langgraph_py_version':'1.2.11',"
                   "'flags':{'assistants':true,'crons':true},'host':{'kind':'self-hosted'}}"));
        QVERIFY(python);
        QCOMPARE(python->version, u"0.14.1"_s);
        QCOMPARE(python->langgraphPyVersion, u"1.2.11"_s);
        QVERIFY(python->flag("crons"_L1));
        QVERIFY(!python->flag("langsmith"_L1));
        QVERIFY(python->flag("langsmith"_L1, true));
        QCOMPARE(python->hostKind(), u"self-hosted"_s);

        const auto js = serverInfoFromJson(
            object("{'langgraph_js_version':'0.2.0','context':'js','flags':{'crons':false}}"));
        QVERIFY(js);
        QVERIFY(js->version.isEmpty());
        QCOMPARE(js->context, u"js"_s);
        QVERIFY(!js->flag("crons"_L1, true));
    }
};

QTEST_GUILESS_MAIN(TestServerInfo)
#include "tst_serverinfo.moc"
