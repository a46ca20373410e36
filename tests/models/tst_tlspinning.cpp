// TLS errors against the sandbox serving a self-signed certificate: surfaced with the
// certificate's subject, issuer and SHA-256 fingerprint, never ignored silently; trusting exactly
// that certificate in a profile makes the connection work, any other pin does not.
#include <models/api/apiclient.h>
#include <models/connections/connectionresolver.h>
#include <models/connections/connectiontester.h>
#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;

namespace {

QString dataFile(const char *name)
{
    return QFINDTESTDATA(u"data/"_s + QLatin1StringView(name));
}

} // namespace

class TestTlsPinning final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QString m_fingerprint;

    models::ResolvedConnection connectionPinning(const QStringList &pins)
    {
        models::ConnectionProfile profile;
        profile.name = u"self-signed"_s;
        profile.url = m_server->baseUrl();
        profile.environment = u"staging"_s;
        profile.pinnedCertificates = pins;
        models::ConnectionInputs inputs;
        inputs.profile = profile;
        return models::resolveConnection(inputs);
    }

    // Runs GET /ok with a fresh client and returns the error (Kind::None on success).
    api::ApiError okThrough(const api::RequestFactory &factory)
    {
        api::ApiClient client(factory);
        api::ApiError error;
        auto *request = client.ok();
        bool done = false;
        request->then(
            this, [&done](const QJsonObject &) { done = true; },
            [&done, &error](const api::ApiError &e) {
                error = e;
                done = true;
            });
        if (!QTest::qWaitFor([&done] { return done; }, 20000))
            error.message = u"no answer"_s;
        return error;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!dataFile("tls-test-cert.pem").isEmpty());
        const QList<QSslCertificate> certificates
            = QSslCertificate::fromPath(dataFile("tls-test-cert.pem"));
        QCOMPARE(certificates.size(), 1);
        m_fingerprint
            = QString::fromLatin1(certificates.first().digest(QCryptographicHash::Sha256).toHex());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 3,
                                    .tlsCertificatePath = dataFile("tls-test-cert.pem"),
                                    .tlsKeyPath = dataFile("tls-test-key.pem"),
                                    .scheduler = false});
        QVERIFY2(m_server->listen() != 0, qPrintable(m_server->errorString()));
        QCOMPARE(m_server->baseUrl().scheme(), u"https"_s);
    }

    void cleanupTestCase() { m_server.reset(); }

    void untrustedCertificate_failsAsTlsWithSubjectIssuerAndFingerprint()
    {
        const api::ApiError error = okThrough(connectionPinning({}).requestFactory());
        QCOMPARE(error.kind, api::ApiError::Kind::Tls);
        QCOMPARE(error.certificate.sha256Fingerprint, m_fingerprint);
        QVERIFY2(error.certificate.subject.contains(u"CN=127.0.0.1"_s),
                 qPrintable(error.certificate.subject));
        QVERIFY(error.certificate.subject.contains(u"O=Cron Desk connection tests"_s));
        // Self-signed: issued by itself.
        QCOMPARE(error.certificate.issuer, error.certificate.subject);
        QVERIFY(!error.certificate.problems.isEmpty());
        QVERIFY(error.certificate.notAfter > QDateTime::currentDateTimeUtc());
        QVERIFY(!error.message.isEmpty());
    }

    void pinnedCertificate_connects()
    {
        const api::ApiError error = okThrough(connectionPinning({m_fingerprint}).requestFactory());
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
    }

    void anotherPinnedFingerprint_stillFails_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::newRow("another certificate") << u"ab"_s.repeated(32);
        QTest::newRow("almost this one") << m_fingerprint.left(63) + u"0"_s;
    }
    void anotherPinnedFingerprint_stillFails()
    {
        QFETCH(QString, pin);
        if (pin == m_fingerprint)
            QSKIP("the altered fingerprint happens to be the real one");
        const api::ApiError error = okThrough(connectionPinning({pin}).requestFactory());
        QCOMPARE(error.kind, api::ApiError::Kind::Tls);
        QCOMPARE(error.certificate.sha256Fingerprint, m_fingerprint);
    }

    void pinsOfAProfile_doNotApplyToAnotherOrigin()
    {
        models::ConnectionInputs inputs;
        inputs.profile = connectionPinning({m_fingerprint}).profile;
        QUrl elsewhere = m_server->baseUrl();
        elsewhere.setHost(u"localhost"_s);
        inputs.urlFlag = elsewhere.toString();
        QVERIFY(models::resolveConnection(inputs).requestFactory().pinnedCertificates().isEmpty());
    }

    void connectionTest_reportsTheCertificate_thenSucceedsOncePinned()
    {
        models::ConnectionTester tester;
        QSignalSpy finished(&tester, &models::ConnectionTester::finished);

        tester.start(connectionPinning({}).requestFactory());
        QVERIFY(finished.wait(20000));
        auto result = finished.takeFirst().first().value<models::ConnectionTestResult>();
        QVERIFY(!result.succeeded);
        QCOMPARE(result.error.kind, api::ApiError::Kind::Tls);
        QCOMPARE(result.error.certificate.sha256Fingerprint, m_fingerprint);

        tester.start(connectionPinning({m_fingerprint}).requestFactory());
        QVERIFY(finished.wait(20000));
        result = finished.takeFirst().first().value<models::ConnectionTestResult>();
        QVERIFY2(result.succeeded, qPrintable(result.summary()));
        QCOMPARE(result.serverVersion, u"0.12.0"_s);
        QCOMPARE(result.cronCount, 3);
        QVERIFY(result.summary().contains(u"Agent Server 0.12.0"_s));
        QVERIFY(result.summary().contains(u"✓ Pause and resume"_s));
    }
};

QTEST_GUILESS_MAIN(TestTlsPinning)
#include "tst_tlspinning.moc"
