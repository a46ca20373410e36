// --tls-cert/--tls-key: the sandbox serves HTTPS, so clients' certificate handling can be tested.
#include "httpprobe.h"
#include "sandboxprocess.h"

#include <tests/sandbox/sandboxserver.h>

#include <QFile>
#include <QSslCertificate>
#include <QTest>

using namespace Qt::StringLiterals;
using crondesk::conformance::HttpProbe;
using crondesk::conformance::ProbeReply;
using crondesk::conformance::SandboxProcess;
using crondesk::sandbox::SandboxServer;

namespace {

// A self-signed certificate for 127.0.0.1 and localhost, valid until 2126, made for this suite.
QString dataFile(const char *name)
{
    return QStringLiteral(QT_TESTCASE_SOURCEDIR "/data/") + QLatin1StringView(name);
}

QSslConfiguration trusting()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(dataFile("sandbox-test-cert.pem")));
    return configuration;
}

SandboxServer::Options tlsOptions()
{
    SandboxServer::Options options;
    options.scheduler = false;
    options.tlsCertificatePath = dataFile("sandbox-test-cert.pem");
    options.tlsKeyPath = dataFile("sandbox-test-key.pem");
    return options;
}

} // namespace

class TestSandboxTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void https_withTrustedCertificate_works();
    void https_withUntrustedCertificate_failsTheHandshake();
    void plainHttp_toTlsPort_getsNoAnswer();
    void badCertificateFiles_failToStart();
    void executable_withTlsFlags_printsHttpsUrl();
};

void TestSandboxTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend available");
    QVERIFY(QFile::exists(dataFile("sandbox-test-cert.pem")));
}

void TestSandboxTls::https_withTrustedCertificate_works()
{
    SandboxServer server(tlsOptions());
    QVERIFY(server.listen() != 0);
    QCOMPARE(server.baseUrl().scheme(), u"https"_s);
    HttpProbe http(server.baseUrl());
    http.setSslConfiguration(trusting());
    const ProbeReply ok = http.get(u"/ok"_s);
    QCOMPARE(ok.error, QNetworkReply::NoError);
    QCOMPARE(ok.status, 200);
    const ProbeReply created = http.post(
        u"/runs/crons"_s, {{u"assistant_id"_s, u"agent"_s}, {u"schedule"_s, u"0 8 * * *"_s}});
    QCOMPARE(created.status, 200);
    QCOMPARE(http.post(u"/runs/crons/count"_s, {}).body, QByteArray("1"));
}

void TestSandboxTls::https_withUntrustedCertificate_failsTheHandshake()
{
    SandboxServer server(tlsOptions());
    QVERIFY(server.listen() != 0);
    HttpProbe http(server.baseUrl());
    const ProbeReply reply = http.get(u"/ok"_s);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
}

void TestSandboxTls::plainHttp_toTlsPort_getsNoAnswer()
{
    SandboxServer server(tlsOptions());
    QVERIFY(server.listen() != 0);
    QUrl plain = server.baseUrl();
    plain.setScheme(u"http"_s);
    HttpProbe http(plain);
    const ProbeReply reply = http.send("GET", u"/ok"_s, {}, 5000);
    QCOMPARE(reply.status, 0);
}

void TestSandboxTls::badCertificateFiles_failToStart()
{
    SandboxServer::Options options = tlsOptions();
    options.tlsKeyPath = dataFile("missing-key.pem");
    SandboxServer server(options);
    QCOMPARE(server.listen(), quint16(0));
    QVERIFY(!server.errorString().isEmpty());

    options = tlsOptions();
    options.tlsKeyPath = options.tlsCertificatePath; // a certificate is not a key
    SandboxServer wrong(options);
    QCOMPARE(wrong.listen(), quint16(0));
}

void TestSandboxTls::executable_withTlsFlags_printsHttpsUrl()
{
    SandboxProcess sandbox;
    const QUrl url
        = sandbox.start({u"--port"_s, u"0"_s, u"--tls-cert"_s, dataFile("sandbox-test-cert.pem"),
                         u"--tls-key"_s, dataFile("sandbox-test-key.pem")});
    QCOMPARE(url.scheme(), u"https"_s);
    HttpProbe http(url);
    http.setSslConfiguration(trusting());
    QCOMPARE(http.get(u"/ok"_s).status, 200);
    QCOMPARE(SandboxProcess().run({u"--tls-cert"_s, dataFile("sandbox-test-cert.pem")}), 2);
}

QTEST_GUILESS_MAIN(TestSandboxTls)
#include "tst_sandbox_tls.moc"
