// Connection profiles: form rules, the plain-http rule, header lines, fingerprints, colours.
#include <models/connections/connectionprofile.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

namespace {

ConnectionProfile validProfile()
{
    ConnectionProfile profile;
    profile.name = u"prod"_s;
    profile.url = QUrl(u"https://prod.example.com"_s);
    profile.environment = u"production"_s;
    return profile;
}

QStringList fieldsOf(const QList<ProfileProblem> &problems)
{
    QStringList fields;
    for (const ProfileProblem &problem : problems)
        fields.append(problem.field);
    return fields;
}

} // namespace

class TestConnectionProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_reportsEachBrokenRuleAtItsField_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("colour");
        QTest::addColumn<QString>("field");
        QTest::newRow("valid") << u"prod"_s << u"https://a.example"_s << QString() << QString();
        QTest::newRow("empty name")
            << QString() << u"https://a.example"_s << QString() << u"name"_s;
        QTest::newRow("name taken, other case")
            << u"STAGING"_s << u"https://a.example"_s << QString() << u"name"_s;
        QTest::newRow("padded name")
            << u" prod"_s << u"https://a.example"_s << QString() << u"name"_s;
        QTest::newRow("empty url") << u"prod"_s << QString() << QString() << u"url"_s;
        QTest::newRow("ftp url") << u"prod"_s << u"ftp://a.example"_s << QString() << u"url"_s;
        QTest::newRow("password in url")
            << u"prod"_s << u"https://u:p@a.example"_s << QString() << u"url"_s;
        QTest::newRow("query") << u"prod"_s << u"https://a.example?x=1"_s << QString() << u"url"_s;
        QTest::newRow("bad colour")
            << u"prod"_s << u"https://a.example"_s << u"red"_s << u"colour"_s;
        QTest::newRow("good colour")
            << u"prod"_s << u"https://a.example"_s << u"#A0B1C2"_s << QString();
    }
    void validate_reportsEachBrokenRuleAtItsField()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QString, colour);
        QFETCH(QString, field);
        ConnectionProfile profile;
        profile.name = name;
        profile.url = QUrl(url, QUrl::StrictMode);
        profile.colour = colour;
        ConnectionProfile other;
        other.name = u"staging"_s;
        const QStringList fields = fieldsOf(validateProfile(profile, {other}));
        if (field.isEmpty())
            QVERIFY2(fields.isEmpty(), qPrintable(fields.join(u',')));
        else
            QCOMPARE(fields, QStringList {field});
    }

    void sendsKeyInPlainText_warnsOnlyForHttpOffTheMachine_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("hasKey");
        QTest::addColumn<bool>("warn");
        QTest::newRow("http remote with key") << u"http://deploy.example.com"_s << true << true;
        QTest::newRow("http private address") << u"http://10.0.0.5:8123"_s << true << true;
        QTest::newRow("http remote without key")
            << u"http://deploy.example.com"_s << false << false;
        QTest::newRow("https remote") << u"https://deploy.example.com"_s << true << false;
        QTest::newRow("localhost") << u"http://localhost:2024"_s << true << false;
        QTest::newRow("127.0.0.1") << u"http://127.0.0.1:2024"_s << true << false;
        QTest::newRow("127.8.9.10") << u"http://127.8.9.10"_s << true << false;
        QTest::newRow("ipv6 loopback") << u"http://[::1]:2024"_s << true << false;
        QTest::newRow("localhost lookalike") << u"http://localhost.example.com"_s << true << true;
    }
    void sendsKeyInPlainText_warnsOnlyForHttpOffTheMachine()
    {
        QFETCH(QString, url);
        QFETCH(bool, hasKey);
        QFETCH(bool, warn);
        QCOMPARE(sendsKeyInPlainText(QUrl(url), hasKey), warn);
    }

    void parseHeaderLines_acceptsNameValueLinesAndRefusesCredentials_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("count");
        QTest::newRow("two headers, blank line")
            << u"X-Auth-Scheme: langsmith-api-key\n\nX-Team:  ops "_s << true << 2;
        QTest::newRow("empty") << QString() << true << 0;
        QTest::newRow("no colon") << u"X-Team ops"_s << false << 0;
        QTest::newRow("space in name") << u"X Team: ops"_s << false << 0;
        QTest::newRow("x-api-key") << u"X-Api-Key: secret"_s << false << 0;
        QTest::newRow("authorization") << u"Authorization: Bearer x"_s << false << 0;
        QTest::newRow("cookie") << u"cookie: a=b"_s << false << 0;
        QTest::newRow("non-ascii name") << u"Tëam: ops"_s << false << 0;
    }
    void parseHeaderLines_acceptsNameValueLinesAndRefusesCredentials()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(int, count);
        HeaderList headers;
        QString error;
        QCOMPARE(parseHeaderLines(text, &headers, &error), ok);
        QCOMPARE(error.isEmpty(), ok);
        if (ok)
            QCOMPARE(headers.size(), count);
    }

    void headerLines_roundTrips()
    {
        const HeaderList headers {{"X-Auth-Scheme", "langsmith-api-key"}, {"X-Team", "ops"}};
        HeaderList parsed;
        QVERIFY(parseHeaderLines(headerLines(headers), &parsed));
        QCOMPARE(parsed, headers);
    }

    void normaliseFingerprint_acceptsCommonSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString hex = u"ab"_s.repeated(32);
        QTest::newRow("plain lower") << hex << true;
        QTest::newRow("upper with colons")
            << formatFingerprint(QByteArray::fromHex(hex.toLatin1())) << true;
        QTest::newRow("spaces") << u"AB "_s.repeated(32) << true;
        QTest::newRow("too short") << u"ab"_s.repeated(31) << false;
        QTest::newRow("not hex") << u"zz"_s.repeated(32) << false;
        QTest::newRow("sha-1 length") << u"ab"_s.repeated(20) << false;
    }
    void normaliseFingerprint_acceptsCommonSpellings()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const QString normalised = normaliseFingerprint(text);
        QCOMPARE(normalised.isEmpty(), !valid);
        if (valid)
            QCOMPARE(normalised, u"ab"_s.repeated(32));
    }

    void isProduction_readsTheEnvironmentLabel_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<bool>("production");
        QTest::newRow("production") << u"production"_s << true;
        QTest::newRow("Production") << u"Production"_s << true;
        QTest::newRow("PROD") << u" PROD "_s << true;
        QTest::newRow("staging") << u"staging"_s << false;
        QTest::newRow("preproduction") << u"preproduction"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void isProduction_readsTheEnvironmentLabel()
    {
        QFETCH(QString, label);
        QFETCH(bool, production);
        ConnectionProfile profile = validProfile();
        profile.environment = label;
        QCOMPARE(profile.isProduction(), production);
    }

    void effectiveColour_isRedForProductionUnlessChosen()
    {
        ConnectionProfile profile = validProfile();
        QCOMPARE(profile.effectiveColour(), u"#c62828"_s);
        QCOMPARE(textColourOn(profile.effectiveColour()), u"#ffffff"_s);
        profile.colour = u"#FFEE00"_s;
        QCOMPARE(profile.effectiveColour(), u"#ffee00"_s);
        QCOMPARE(textColourOn(profile.effectiveColour()), u"#000000"_s);
    }
};

QTEST_GUILESS_MAIN(TestConnectionProfile)
#include "tst_connectionprofile.moc"
