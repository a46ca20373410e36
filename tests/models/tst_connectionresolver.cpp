// Precedence: --url/--api-key, then the profile, then the environment, as the SDKs read it.
#include <models/connections/connectionresolver.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

Q_DECLARE_METATYPE(crondesk::models::ApiKeySource)
Q_DECLARE_METATYPE(crondesk::models::UrlSource)
Q_DECLARE_METATYPE(crondesk::models::ConnectionProblem)

namespace {

ConnectionProfile profile(const QString &url = u"https://prod.example.com"_s)
{
    ConnectionProfile p;
    p.name = u"prod"_s;
    p.url = QUrl(url);
    p.environment = u"production"_s;
    p.extraHeaders = {{"X-Auth-Scheme", "langsmith-api-key"}};
    return p;
}

} // namespace

class TestConnectionResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_followsFlagsThenProfileThenEnvironment_data()
    {
        QTest::addColumn<QString>("urlFlag");
        QTest::addColumn<QString>("keyFlag");
        QTest::addColumn<bool>("withProfile");
        QTest::addColumn<QString>("profileKey");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("url");
        QTest::addColumn<UrlSource>("urlSource");
        QTest::addColumn<QString>("key");
        QTest::addColumn<ApiKeySource>("keySource");

        const QStringList env {u"LANGGRAPH_API_KEY=lg-env"_s, u"LANGSMITH_API_KEY=ls-env"_s,
                               u"LANGCHAIN_API_KEY=lc-env"_s,
                               u"CRONDESK_URL=https://env.example.com"_s};
        const QString prodUrl = u"https://prod.example.com"_s;

        QTest::newRow("flags beat everything")
            << u"https://flag.example.com"_s << u"flag-key"_s << true << u"profile-key"_s << env
            << u"https://flag.example.com"_s << UrlSource::CommandLine << u"flag-key"_s
            << ApiKeySource::CommandLine;
        QTest::newRow("profile beats the environment")
            << QString() << QString() << true << u"profile-key"_s << env << prodUrl
            << UrlSource::Profile << u"profile-key"_s << ApiKeySource::Profile;
        QTest::newRow("key flag with the profile's URL")
            << QString() << u"flag-key"_s << true << u"profile-key"_s << env << prodUrl
            << UrlSource::Profile << u"flag-key"_s << ApiKeySource::CommandLine;
        QTest::newRow("profile without a key falls back to LANGGRAPH_API_KEY")
            << QString() << QString() << true << QString() << env << prodUrl << UrlSource::Profile
            << u"lg-env"_s << ApiKeySource::LangGraphEnv;
        QTest::newRow("then LANGSMITH_API_KEY")
            << QString() << QString() << true << QString() << env.mid(1) << prodUrl
            << UrlSource::Profile << u"ls-env"_s << ApiKeySource::LangSmithEnv;
        QTest::newRow("then LANGCHAIN_API_KEY")
            << QString() << QString() << true << QString() << env.mid(2) << prodUrl
            << UrlSource::Profile << u"lc-env"_s << ApiKeySource::LangChainEnv;
        QTest::newRow("no profile: URL from the environment variable")
            << QString() << QString() << false << QString() << env << u"https://env.example.com"_s
            << UrlSource::Environment << u"lg-env"_s << ApiKeySource::LangGraphEnv;
        QTest::newRow("url flag on the profile's origin keeps the profile's key")
            << u"https://prod.example.com:443/base"_s << QString() << true << u"profile-key"_s
            << env << u"https://prod.example.com:443/base"_s << UrlSource::CommandLine
            << u"profile-key"_s << ApiKeySource::Profile;
        QTest::newRow("url flag elsewhere never gets the profile's key")
            << u"https://other.example.com"_s << QString() << true << u"profile-key"_s << env
            << u"https://other.example.com"_s << UrlSource::CommandLine << u"lg-env"_s
            << ApiKeySource::LangGraphEnv;
        QTest::newRow("quoted key is cleaned like the SDK")
            << QString() << u" \"flag-key\" "_s << true << QString() << QStringList() << prodUrl
            << UrlSource::Profile << u"flag-key"_s << ApiKeySource::CommandLine;
        QTest::newRow("nothing at all")
            << QString() << QString() << false << QString() << QStringList() << QString()
            << UrlSource::None << QString() << ApiKeySource::None;
    }
    void resolve_followsFlagsThenProfileThenEnvironment()
    {
        QFETCH(QString, urlFlag);
        QFETCH(QString, keyFlag);
        QFETCH(bool, withProfile);
        QFETCH(QString, profileKey);
        QFETCH(QStringList, environment);
        QFETCH(QString, url);
        QFETCH(UrlSource, urlSource);
        QFETCH(QString, key);
        QFETCH(ApiKeySource, keySource);

        ConnectionInputs inputs;
        inputs.urlFlag = urlFlag;
        inputs.apiKeyFlag = keyFlag;
        if (withProfile)
            inputs.profile = profile();
        inputs.profileKey = profileKey;
        for (const QString &entry : environment)
            inputs.environment.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        inputs.urlVariable = u"CRONDESK_URL"_s;

        const ResolvedConnection resolved = resolveConnection(inputs);
        QCOMPARE(resolved.url.toString(), url);
        QCOMPARE(resolved.urlSource, urlSource);
        QCOMPARE(resolved.key.key, key);
        QCOMPARE(resolved.key.source, keySource);
        QCOMPARE(resolved.isValid(), !url.isEmpty());
    }

    void resolve_aKeyWithALineBreak_isRefusedWithoutShowingIt_data()
    {
        QTest::addColumn<QString>("keyFlag");
        QTest::addColumn<QString>("profileKey");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("source");
        const QString evil = u"SeCrEt\r\nX-Evil: 1"_s;
        QTest::newRow("--api-key") << evil << QString() << QStringList() << u"command line"_s;
        QTest::newRow("profile key") << QString() << evil << QStringList() << u"profile"_s;
        QTest::newRow("LANGGRAPH_API_KEY")
            << QString() << QString() << QStringList {u"LANGGRAPH_API_KEY="_s + evil}
            << u"LANGGRAPH_API_KEY"_s;
        QTest::newRow("LANGSMITH_API_KEY, LF only")
            << QString() << QString() << QStringList {u"LANGSMITH_API_KEY=SeCrEt\nX-Evil: 1"_s}
            << u"LANGSMITH_API_KEY"_s;
        QTest::newRow("LANGCHAIN_API_KEY, NUL")
            << QString() << QString() << QStringList {u"LANGCHAIN_API_KEY=SeCrEt\x01X-Evil"_s}
            << u"LANGCHAIN_API_KEY"_s;
    }
    void resolve_aKeyWithALineBreak_isRefusedWithoutShowingIt()
    {
        QFETCH(QString, keyFlag);
        QFETCH(QString, profileKey);
        QFETCH(QStringList, environment);
        QFETCH(QString, source);
        ConnectionInputs inputs;
        inputs.apiKeyFlag = keyFlag;
        inputs.profile = profile();
        inputs.profileKey = profileKey;
        for (const QString &entry : environment)
            inputs.environment.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        const ResolvedConnection resolved = resolveConnection(inputs);
        QVERIFY(!resolved.isValid());
        QCOMPARE(resolved.problem, ConnectionProblem::BadKey);
        QVERIFY2(resolved.error.contains(source), qPrintable(resolved.error));
        QVERIFY(!resolved.error.contains(u"SeCrEt"_s));
        QVERIFY(!resolved.error.contains(u"Evil"_s));
    }

    void resolve_aProfileWithUnreadableHeaders_isRefused()
    {
        ConnectionInputs inputs;
        inputs.profile = profile();
        inputs.profile->extraHeaders.clear();
        inputs.profile->headerProblem = u"Header line 1: the value contains a line break."_s;
        const ResolvedConnection resolved = resolveConnection(inputs);
        QVERIFY(!resolved.isValid());
        QCOMPARE(resolved.problem, ConnectionProblem::BadProfileHeaders);
        QVERIFY(resolved.error.contains(u"prod"_s));
    }

    void urlTextForDisplay_hidesAUserNameAndPassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("user and password")
            << u"http://user:PASS@host:8123/base"_s << u"http://***@host:8123/base"_s;
        QTest::newRow("invalid URL still hidden")
            << u"http://user:PA SS@host"_s << u"http://***@host"_s;
        QTest::newRow("@ in the password") << u"https://u:p@ss@host/"_s << u"https://***@host/"_s;
        QTest::newRow("no scheme") << u"user:PASS@host"_s << u"***@host"_s;
        QTest::newRow("@ in the path is not user info")
            << u"https://host/a@b?c=d@e"_s << u"https://host/a@b?c=d@e"_s;
        QTest::newRow("nothing to hide") << u"https://host"_s << u"https://host"_s;
    }
    void urlTextForDisplay_hidesAUserNameAndPassword()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(urlTextForDisplay(text), shown);
    }

    void resolve_aUrlWithAPassword_neverShowsIt_data()
    {
        QTest::addColumn<QString>("urlFlag");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("profileUrl");
        QTest::newRow("--url") << u"http://user:PASS@host"_s << QString() << QString();
        QTest::newRow("--url, not parseable")
            << u"http://user:PA SS@host"_s << QString() << QString();
        QTest::newRow("CRONDESK_URL") << QString() << u"https://u:PASS@host/x"_s << QString();
        QTest::newRow("profile URL") << QString() << QString() << u"https://u:PASS@host"_s;
    }
    void resolve_aUrlWithAPassword_neverShowsIt()
    {
        QFETCH(QString, urlFlag);
        QFETCH(QString, variable);
        QFETCH(QString, profileUrl);
        ConnectionInputs inputs;
        inputs.urlFlag = urlFlag;
        inputs.urlVariable = u"CRONDESK_URL"_s;
        inputs.environment.insert(u"CRONDESK_URL"_s, variable);
        if (!profileUrl.isEmpty()) {
            inputs.profile = profile();
            inputs.profile->url = QUrl(profileUrl);
        }
        const ResolvedConnection resolved = resolveConnection(inputs);
        QVERIFY(!resolved.isValid());
        QCOMPARE(resolved.problem, ConnectionProblem::BadUrl);
        QVERIFY(!resolved.error.isEmpty());
        QVERIFY2(!resolved.error.contains(u"PA"_s), qPrintable(resolved.error));
    }

    void keyNote_namesTheOriginNeverTheKey_data()
    {
        QTest::addColumn<bool>("sessionOnly");
        QTest::addColumn<QString>("note");
        QTest::newRow("keychain") << false << u"API key of profile “prod” (keychain)"_s;
        QTest::newRow("session") << true << u"API key of profile “prod” (this session only)"_s;
    }
    void keyNote_namesTheOriginNeverTheKey()
    {
        QFETCH(bool, sessionOnly);
        QFETCH(QString, note);
        ConnectionInputs inputs;
        inputs.profile = profile();
        inputs.profileKey = u"secret-profile-key"_s;
        inputs.profileKeySessionOnly = sessionOnly;
        const ResolvedConnection resolved = resolveConnection(inputs);
        QCOMPARE(resolved.keyNote(), note);
        QVERIFY(!resolved.keyNote().contains(u"secret"_s));
    }

    void requestFactory_carriesKeyAndProfileHeaders()
    {
        ConnectionInputs inputs;
        inputs.profile = profile();
        inputs.profileKey = u"k-123456"_s;
        const QNetworkRequest request
            = resolveConnection(inputs).requestFactory().createRequest({u"ok"_s});
        QCOMPARE(request.url(), QUrl(u"https://prod.example.com/ok"_s));
        QCOMPARE(request.rawHeader("x-api-key"), QByteArray("k-123456"));
        QCOMPARE(request.rawHeader("X-Auth-Scheme"), QByteArray("langsmith-api-key"));
    }

    void sendsKeyInPlainText_isTrueForRemoteHttpWithAKey()
    {
        ConnectionInputs inputs;
        inputs.profile = profile(u"http://deploy.example.com"_s);
        inputs.profileKey = u"k-123456"_s;
        QVERIFY(resolveConnection(inputs).sendsKeyInPlainText());
        inputs.profileKey.clear();
        QVERIFY(!resolveConnection(inputs).sendsKeyInPlainText());
        inputs.profile = profile(u"http://127.0.0.1:2024"_s);
        inputs.profileKey = u"k-123456"_s;
        QVERIFY(!resolveConnection(inputs).sendsKeyInPlainText());
    }

    void parseDeploymentUrl_refusesWhatIsNoDeployment_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("https") << u"https://a.example/x"_s << true;
        QTest::newRow("http with port") << u"http://127.0.0.1:2024"_s << true;
        QTest::newRow("no scheme") << u"a.example"_s << false;
        QTest::newRow("file") << u"file:///etc/passwd"_s << false;
        QTest::newRow("credentials") << u"https://me:pw@a.example"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void parseDeploymentUrl_refusesWhatIsNoDeployment()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        QCOMPARE(parseDeploymentUrl(text, &error).isValid(), valid);
        QCOMPARE(error.isEmpty(), valid);
    }
};

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
