// Proxies (models/api/proxyrules.h, docs/connections.md): which proxy the environment chooses for
// a URL, and the client reaching the sandbox through a CONNECT proxy written here.
#include <models/api/apiclient.h>
#include <models/api/apinetworkmanager.h>
#include <models/api/proxyrules.h>
#include <tests/sandbox/sandboxserver.h>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using api::ProxyRules;
using Kind = api::ApiError::Kind;

namespace {

// An HTTP proxy that tunnels every CONNECT to one fixed target (the sandbox on loopback), whatever
// host the client asked for, and remembers the request heads it was sent.
class TunnelProxy final : public QObject
{
public:
    TunnelProxy(quint16 targetPort, QByteArray requiredAuthorization = {})
        : m_targetPort(targetPort)
        , m_requiredAuthorization(std::move(requiredAuthorization))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, &TunnelProxy::accept);
    }

    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> heads;

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            client->setParent(this);
            auto *head = new QByteArray;
            connect(client, &QTcpSocket::readyRead, this, [this, client, head] {
                head->append(client->readAll());
                const qsizetype end = head->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                heads.append(head->left(end));
                const QByteArray rest = head->mid(end + 4);
                const bool authorized = m_requiredAuthorization.isEmpty()
                    || head->contains(QByteArray(QByteArray("\r\nProxy-Authorization: ")
                                                 + m_requiredAuthorization));
                delete head;
                disconnect(client, &QTcpSocket::readyRead, this, nullptr);
                if (!heads.last().startsWith("CONNECT ") || !authorized) {
                    client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                  "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    client->disconnectFromHost();
                    return;
                }
                auto *target = new QTcpSocket(client);
                connect(target, &QTcpSocket::connected, client, [client, target, rest] {
                    client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                    target->write(rest);
                });
                connect(client, &QTcpSocket::readyRead, target,
                        [client, target] { target->write(client->readAll()); });
                connect(target, &QTcpSocket::readyRead, client,
                        [client, target] { client->write(target->readAll()); });
                connect(target, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                connect(client, &QTcpSocket::disconnected, target, &QTcpSocket::disconnectFromHost);
                target->connectToHost(QHostAddress::LocalHost, m_targetPort);
            });
        }
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    QByteArray m_requiredAuthorization;
};

ProxyRules rulesOf(const QStringList &variables)
{
    QProcessEnvironment environment;
    for (const QString &variable : variables)
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    return ProxyRules::fromEnvironment(environment);
}

// "http proxy.example:3128", "socks5 host:1080", "none", or "error".
QString describe(const api::ProxyChoice &choice)
{
    if (!choice.error.isEmpty())
        return u"error"_s;
    switch (choice.proxy.type()) {
    case QNetworkProxy::NoProxy:
        return u"none"_s;
    case QNetworkProxy::HttpProxy:
        return u"http %1:%2"_s.arg(choice.proxy.hostName()).arg(choice.proxy.port());
    case QNetworkProxy::Socks5Proxy:
        return u"socks5 %1:%2"_s.arg(choice.proxy.hostName()).arg(choice.proxy.port());
    default:
        return u"other"_s;
    }
}

// Waits for a count; its result, or -1 and the error.
std::pair<qint64, api::ApiError> outcomeOf(api::CountRequest *request)
{
    QSignalSpy finished(request, &api::ApiRequest::finished);
    api::ApiError error;
    QObject::connect(request, &api::ApiRequest::failed,
                     [&error](const api::ApiError &failure) { error = failure; });
    if (!finished.wait(10000)) {
        error.kind = Kind::Timeout;
        error.message = u"the test timed out"_s;
    }
    return {error.kind == Kind::None ? request->result() : -1, error};
}

} // namespace

class TestProxy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proxyFor_followsTheEnvironmentAsCurlDoes_data()
    {
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");

        const QString prod = u"https://prod.example.com"_s;
        QTest::newRow("nothing set") << QStringList() << prod << u"none"_s;
        QTest::newRow("https_proxy for https")
            << QStringList {u"https_proxy=http://proxy.corp:3128"_s} << prod
            << u"http proxy.corp:3128"_s;
        QTest::newRow("HTTPS_PROXY too")
            << QStringList {u"HTTPS_PROXY=proxy.corp:8080"_s} << prod << u"http proxy.corp:8080"_s;
        QTest::newRow("http_proxy is not for https")
            << QStringList {u"http_proxy=http://proxy.corp:3128"_s} << prod << u"none"_s;
        QTest::newRow("http_proxy for http")
            << QStringList {u"http_proxy=http://proxy.corp:3128"_s} << u"http://prod.example.com"_s
            << u"http proxy.corp:3128"_s;
        QTest::newRow("HTTP_PROXY is ignored, as curl does")
            << QStringList {u"HTTP_PROXY=http://evil:1"_s} << u"http://prod.example.com"_s
            << u"none"_s;
        QTest::newRow("all_proxy when the scheme's own is unset")
            << QStringList {u"all_proxy=socks5h://gw:1081"_s} << prod << u"socks5 gw:1081"_s;
        QTest::newRow("the scheme's own wins over all_proxy")
            << QStringList {u"all_proxy=socks5://gw:1081"_s, u"https_proxy=proxy:3128"_s} << prod
            << u"http proxy:3128"_s;
        QTest::newRow("default port 1080") << QStringList {u"https_proxy=http://proxy.corp"_s}
                                           << prod << u"http proxy.corp:1080"_s;
        QTest::newRow("no_proxy: the domain and its subdomains")
            << QStringList {u"https_proxy=proxy:3128"_s, u"no_proxy=example.com"_s} << prod
            << u"none"_s;
        QTest::newRow("no_proxy: a leading dot")
            << QStringList {u"https_proxy=proxy:3128"_s, u"NO_PROXY=.example.com"_s} << prod
            << u"none"_s;
        QTest::newRow("no_proxy: only whole labels")
            << QStringList {u"https_proxy=proxy:3128"_s, u"no_proxy=ample.com"_s} << prod
            << u"http proxy:3128"_s;
        QTest::newRow("no_proxy: a CIDR range")
            << QStringList {u"https_proxy=proxy:3128"_s, u"no_proxy=intranet, 10.0.0.0/8"_s}
            << u"https://10.1.2.3:8123"_s << u"none"_s;
        QTest::newRow("no_proxy: outside the range")
            << QStringList {u"https_proxy=proxy:3128"_s, u"no_proxy=10.0.0.0/8"_s}
            << u"https://192.168.1.2"_s << u"http proxy:3128"_s;
        QTest::newRow("no_proxy=*")
            << QStringList {u"https_proxy=proxy:3128"_s, u"no_proxy=*"_s} << prod << u"none"_s;
        QTest::newRow("loopback never: 127.0.0.1")
            << QStringList {u"http_proxy=proxy:3128"_s} << u"http://127.0.0.1:2024"_s << u"none"_s;
        QTest::newRow("loopback never: localhost")
            << QStringList {u"all_proxy=proxy:3128"_s} << u"http://localhost:2024"_s << u"none"_s;
        QTest::newRow("loopback never: ::1")
            << QStringList {u"all_proxy=proxy:3128"_s} << u"http://[::1]:2024"_s << u"none"_s;
        QTest::newRow("an https:// proxy is refused, not bypassed")
            << QStringList {u"https_proxy=https://proxy:3128"_s} << prod << u"error"_s;
        QTest::newRow("garbage is refused, not bypassed")
            << QStringList {u"https_proxy=http://"_s} << prod << u"error"_s;
    }

    void proxyFor_followsTheEnvironmentAsCurlDoes()
    {
        QFETCH(QStringList, variables);
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(describe(rulesOf(variables).proxyFor(QUrl(url))), expected);
    }

    void proxyFor_credentials_reachTheProxyButNeverTheMessage()
    {
        const api::ProxyChoice choice
            = rulesOf({u"https_proxy=http://ops:s3cret@proxy.corp:3128"_s})
                  .proxyFor(QUrl(u"https://prod.example.com"_s));
        QCOMPARE(choice.proxy.user(), u"ops"_s);
        QCOMPARE(choice.proxy.password(), u"s3cret"_s);
        QVERIFY(!choice.display.contains(u"s3cret"_s));
        const api::ProxyChoice refused = rulesOf({u"https_proxy=https://ops:s3cret@proxy:3128"_s})
                                             .proxyFor(QUrl(u"https://prod.example.com"_s));
        QVERIFY(!refused.error.isEmpty());
        QVERIFY2(!refused.error.contains(u"s3cret"_s), qPrintable(refused.error));
    }

    void client_reachesTheDeploymentThroughTheProxy()
    {
        sandbox::SandboxServer server({.seedCount = 3});
        QVERIFY(server.listen() != 0);
        TunnelProxy proxy(quint16(server.baseUrl().port()));
        // A host no resolver knows: only the proxy can reach it (it tunnels to the sandbox).
        const QUrl url(u"http://crons.prod.example:%1"_s.arg(server.baseUrl().port()));
        api::ApiClient client {api::RequestFactory(url)};
        auto *manager = qobject_cast<api::ApiNetworkManager *>(client.networkAccessManager());
        QVERIFY(manager);
        manager->setProxyRules(rulesOf({u"http_proxy=http://127.0.0.1:%1"_s.arg(proxy.port())}));

        const auto [count, error] = outcomeOf(client.countCrons({}));
        QVERIFY2(error.kind == Kind::None, qPrintable(error.message));
        QCOMPARE(count, 3);
        QVERIFY(!proxy.heads.isEmpty());
        QVERIFY2(proxy.heads.first().startsWith(
                     u"CONNECT crons.prod.example:%1 "_s.arg(url.port()).toLatin1()),
                 proxy.heads.first().constData());
    }

    void client_sendsTheProxyCredentials_andAFailureNamesTheProxy()
    {
        sandbox::SandboxServer server({.seedCount = 2});
        QVERIFY(server.listen() != 0);
        TunnelProxy proxy(quint16(server.baseUrl().port()), "Basic b3BzOnMzY3JldA=="); // ops:s3cret
        const QUrl url(u"http://crons.prod.example:%1"_s.arg(server.baseUrl().port()));
        api::ApiClient client {api::RequestFactory(url)};
        auto *manager = qobject_cast<api::ApiNetworkManager *>(client.networkAccessManager());
        QVERIFY(manager);

        manager->setProxyRules(
            rulesOf({u"http_proxy=http://ops:wrong@127.0.0.1:%1"_s.arg(proxy.port())}));
        const auto [refusedCount, error] = outcomeOf(client.countCrons({}));
        QCOMPARE(refusedCount, -1);
        QCOMPARE(error.kind, Kind::Network);
        QVERIFY2(error.message.contains(u"127.0.0.1:%1"_s.arg(proxy.port())),
                 qPrintable(error.message));
        QVERIFY2(!error.message.contains(u"wrong"_s), qPrintable(error.message));

        manager->setProxyRules(
            rulesOf({u"http_proxy=http://ops:s3cret@127.0.0.1:%1"_s.arg(proxy.port())}));
        const auto [count, failure] = outcomeOf(client.countCrons({}));
        QVERIFY2(failure.kind == Kind::None, qPrintable(failure.message));
        QCOMPARE(count, 2);
    }

    void client_withAProxyItCannotUse_failsBeforeSendingAndSaysWhy()
    {
        sandbox::SandboxServer server({.seedCount = 1});
        QVERIFY(server.listen() != 0);
        api::ApiClient client {api::RequestFactory(
            QUrl(u"http://crons.prod.example:%1"_s.arg(server.baseUrl().port())))};
        auto *manager = qobject_cast<api::ApiNetworkManager *>(client.networkAccessManager());
        QVERIFY(manager);
        manager->setProxyRules(rulesOf({u"http_proxy=https://proxy.corp:3128"_s}));
        const auto [count, error] = outcomeOf(client.countCrons({}));
        QCOMPARE(count, -1);
        QVERIFY(error.notSent);
        QVERIFY2(error.message.contains(u"https://proxy.corp:3128"_s), qPrintable(error.message));
    }
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
