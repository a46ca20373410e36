#include <models/connections/apikey.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

Q_DECLARE_METATYPE(crondesk::models::ApiKeySource)

class TestApiKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_followsTheSdkPrecedence_data()
    {
        QTest::addColumn<QString>("explicitKey");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("key");
        QTest::addColumn<ApiKeySource>("source");
        const QStringList all {u"LANGGRAPH_API_KEY=lg"_s, u"LANGSMITH_API_KEY=ls"_s,
                               u"LANGCHAIN_API_KEY=lc"_s};
        QTest::newRow("explicit wins")
            << u"flag"_s << all << u"flag"_s << ApiKeySource::CommandLine;
        QTest::newRow("LANGGRAPH first")
            << QString() << all << u"lg"_s << ApiKeySource::LangGraphEnv;
        QTest::newRow("then LANGSMITH")
            << QString() << all.mid(1) << u"ls"_s << ApiKeySource::LangSmithEnv;
        QTest::newRow("then LANGCHAIN")
            << QString() << all.mid(2) << u"lc"_s << ApiKeySource::LangChainEnv;
        QTest::newRow("empty variable is skipped")
            << QString() << QStringList {u"LANGGRAPH_API_KEY=  "_s, u"LANGCHAIN_API_KEY=lc"_s}
            << u"lc"_s << ApiKeySource::LangChainEnv;
        QTest::newRow("none") << QString() << QStringList() << QString() << ApiKeySource::None;
    }
    void resolve_followsTheSdkPrecedence()
    {
        QFETCH(QString, explicitKey);
        QFETCH(QStringList, environment);
        QFETCH(QString, key);
        QFETCH(ApiKeySource, source);
        QProcessEnvironment env;
        for (const QString &entry : environment)
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        const ResolvedApiKey resolved = resolveApiKey(explicitKey, ApiKeySource::CommandLine, env);
        QCOMPARE(resolved.key, key);
        QCOMPARE(resolved.source, source);
    }

    void clean_stripsWhitespaceThenQuotes_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("clean");
        QTest::newRow("spaces") << u"  key \n"_s << u"key"_s;
        QTest::newRow("double quotes") << u"\"key\""_s << u"key"_s;
        QTest::newRow("single quotes") << u"'key'"_s << u"key"_s;
        QTest::newRow("both, nested") << u" \"'key'\" "_s << u"key"_s;
        QTest::newRow("inner quote kept") << u"ke\"y"_s << u"ke\"y"_s;
    }
    void clean_stripsWhitespaceThenQuotes()
    {
        QFETCH(QString, raw);
        QFETCH(QString, clean);
        QCOMPARE(cleanApiKey(raw), clean);
    }

    void describeSource_namesTheOriginNeverTheKey()
    {
        QCOMPARE(describeSource(ApiKeySource::LangSmithEnv), u"API key from LANGSMITH_API_KEY"_s);
        QCOMPARE(describeSource(ApiKeySource::None), u"no API key"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiKey)
#include "tst_apikey.moc"
