#include "apinetworkmanager.h"

#include "http1responseparser.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// Kept-alive connections per host: the fetcher keeps four requests in flight.
constexpr int maxIdlePerHost = 6;
// Reads through the parser's input: small while the head comes (a big body should go past it),
// a socket's usual read otherwise.
constexpr qint64 headReadBytes = 4 * 1024;
constexpr qint64 inputReadBytes = 64 * 1024;
// The most read from an unbuffered socket before the event loop gets a turn.
constexpr qint64 readBudgetBytes = 4 * 1024 * 1024;

QString connectionKey(const QUrl &url)
{
    const bool tls = url.scheme() == "https"_L1;
    return url.scheme() + u"://"_s + url.host(QUrl::FullyEncoded) + u':'
        + QString::number(url.port(tls ? 443 : 80));
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ApiNetworkManager)
};

QNetworkReply::NetworkError networkError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::NetworkError:
        return QNetworkReply::UnknownNetworkError;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError:
        return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyTimeoutError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyProtocolError:
        return QNetworkReply::ProtocolFailure;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

bool isToken(QByteArrayView text, QByteArrayView token)
{
    return text.trimmed().compare(token, Qt::CaseInsensitive) == 0;
}

} // namespace

// One HTTP/1.1 exchange: the request written once, the answer read exactly as framed (by
// Http1ResponseParser). See ApiNetworkManager for why.
class Http1Reply final : public QNetworkReply
{
public:
    Http1Reply(ApiNetworkManager *manager, QNetworkAccessManager::Operation operation,
               const QNetworkRequest &request, QByteArray verb, QByteArray body)
        : QNetworkReply(manager)
        , m_manager(manager)
        , m_verb(std::move(verb))
        , m_body(std::move(body))
        , m_key(connectionKey(request.url()))
        , m_parser(m_verb)
    {
        setOperation(operation);
        setRequest(request);
        setUrl(request.url());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        // Like Qt's replies, it starts once the caller has had the chance to connect.
        QMetaObject::invokeMethod(
            this, [this] { start(false); }, Qt::QueuedConnection);
    }

    ~Http1Reply() override { dropSocket(); }

    void abort() override
    {
        if (isFinished())
            return;
        dropSocket();
        // Like Qt's replies, an aborted one is closed and holds nothing: the body so far (up to a
        // page's 256 MiB when a limit stopped it) is freed now, not read out and copied by a
        // receiver that only wants the error.
        m_parser = Parser(m_verb);
        QIODevice::close();
        fail(OperationCanceledError, Tr::tr("Operation canceled"), true);
    }

    // The body not yet read, as one array (see Http1ResponseParser::takeWholeBody()).
    QByteArray takeWholeBody() { return m_parser.takeWholeBody(); }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_parser.bodyAvailable() + QNetworkReply::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = m_parser.readBody(data, maxSize);
        if (count <= 0)
            return isFinished() ? -1 : 0;
        return count;
    }

    void ignoreSslErrors() override { m_ignoreAllSslErrors = true; }
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override
    {
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.data()))
            tls->ignoreSslErrors(errors);
    }
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override
    {
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.data()))
            configuration = tls->sslConfiguration();
        else
            configuration = request().sslConfiguration();
    }

private:
    // Sends the request on a kept-alive connection or a new one (`fresh`: never a kept one).
    void start(bool fresh)
    {
        if (isFinished())
            return;
        const QUrl url = request().url();
        const bool tls = url.scheme() == "https"_L1;
        m_reused = false;
        m_sent = false;
        if (!fresh) {
            if (QTcpSocket *idle = m_manager->takeIdle(m_key)) {
                m_reused = true;
                adopt(idle);
                send();
                return;
            }
        }
        const ProxyChoice route = m_manager->proxyRules().proxyFor(url);
        if (!route.error.isEmpty()) {
            fail(ProxyNotFoundError, route.error);
            return;
        }
        m_proxyDisplay = route.display;
        QTcpSocket *socket = tls ? new QSslSocket(m_manager) : new QTcpSocket(m_manager);
        // Through an HTTP proxy the socket tunnels with CONNECT, so TLS still runs end to end and
        // the request below is the same as without a proxy.
        socket->setProxy(route.proxy);
        adopt(socket);
        if (auto *tlsSocket = qobject_cast<QSslSocket *>(socket)) {
            QSslConfiguration configuration = request().sslConfiguration();
            // HTTP/1.1 only: this client does not speak HTTP/2.
            configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
            tlsSocket->setSslConfiguration(configuration);
            tlsSocket->setPeerVerifyName(url.host());
            connect(tlsSocket, &QSslSocket::sslErrors, this, &Http1Reply::onSslErrors);
            connect(tlsSocket, &QSslSocket::encrypted, this, &Http1Reply::send);
            tlsSocket->connectToHostEncrypted(url.host(), quint16(url.port(443)));
        } else {
            connect(socket, &QTcpSocket::connected, this, &Http1Reply::send);
            // Unbuffered: a read goes to the kernel for exactly the bytes asked for, so a body is
            // copied once, from the kernel into its array, not first into Qt's ring buffer (a
            // sixth of the network thread's time in a 100,000-cron fetch). Through a proxy the
            // socket keeps Qt's buffering, as TLS does.
            const QIODevice::OpenMode mode = route.proxy.type() == QNetworkProxy::NoProxy
                ? QIODevice::ReadWrite | QIODevice::Unbuffered
                : QIODevice::ReadWrite;
            socket->connectToHost(url.host(), quint16(url.port(80)), mode);
        }
    }

    void adopt(QTcpSocket *socket)
    {
        m_socket = socket;
        connect(socket, &QTcpSocket::readyRead, this, &Http1Reply::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &Http1Reply::onClosed);
        connect(socket, &QAbstractSocket::errorOccurred, this, &Http1Reply::onSocketError);
    }

    // The socket is no longer this reply's: kept alive for the next request, or closed.
    void releaseSocket(bool keepAlive)
    {
        QTcpSocket *socket = m_socket.data();
        m_socket.clear();
        if (!socket)
            return;
        socket->disconnect(this);
        if (keepAlive)
            m_manager->keepIdle(m_key, socket);
        else {
            socket->abort();
            socket->deleteLater();
        }
    }
    void dropSocket() { releaseSocket(false); }

    void send()
    {
        if (isFinished() || !m_socket)
            return;
        const QUrl url = request().url();
        QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        QByteArray head = m_verb + ' ' + target + " HTTP/1.1\r\nHost: "
            + url.authority(QUrl::FullyEncoded | QUrl::RemoveUserInfo).toLatin1() + "\r\n";
        bool hasLength = false;
        for (const QByteArray &name : request().rawHeaderList()) {
            if (isToken(name, "content-length"))
                hasLength = true;
            if (isToken(name, "accept-encoding") || isToken(name, "connection")
                || isToken(name, "host"))
                continue; // ours to decide
            head += name + ": " + request().rawHeader(name) + "\r\n";
        }
        if (!hasLength && (!m_body.isEmpty() || m_verb != "GET"))
            head += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n";
        // Nothing compressed: the length on the wire is the length of the answer.
        head += "Accept-Encoding: identity\r\n\r\n";
        m_sent = true;
        m_socket->write(head + m_body);
    }

    void onSslErrors(const QList<QSslError> &errors)
    {
        auto *tls = qobject_cast<QSslSocket *>(m_socket.data());
        if (!tls)
            return;
        if (m_ignoreAllSslErrors) {
            tls->ignoreSslErrors();
            return;
        }
        // The receiver may call ignoreSslErrors(errors) right here, as with Qt's own replies.
        Q_EMIT sslErrors(errors);
    }

    void onSocketError(QAbstractSocket::SocketError error)
    {
        if (isFinished())
            return;
        if (error == QAbstractSocket::RemoteHostClosedError) {
            onClosed();
            return;
        }
        QString text = m_socket ? m_socket->errorString() : QString();
        if (!m_reused && !m_proxyDisplay.isEmpty())
            text = Tr::tr("Through the proxy %1: %2").arg(m_proxyDisplay, text);
        dropSocket();
        fail(networkError(error), text);
    }

    void onReadyRead()
    {
        if (isFinished() || !m_socket)
            return;
        if (!m_sent) {
            // Bytes before the request went out: not an answer to it.
            dropSocket();
            fail(ProtocolFailure, Tr::tr("The server sent data before the request"));
            return;
        }
        // Body bytes of a known length go from the socket straight into the body's one array;
        // everything else (the head, chunked framing, a body read until the close, bytes after
        // the answer) through the parser's input, a read at a time: small ones while the head
        // comes, so that little of the body takes the longer way.
        // An unbuffered socket reads from the kernel, where a sender that never pauses always
        // has more: after a few MiB the event loop (and the transfer's timeout) gets its turn,
        // and the socket, still readable, signals again. A buffered one signals only new
        // arrivals, so what Qt has buffered is read to the end.
        const bool unbuffered = m_socket->openMode().testFlag(QIODevice::Unbuffered);
        qint64 budget = readBudgetBytes;
        for (;;) {
            qint64 count = m_parser.appendBodyFrom(*m_socket);
            if (count == 0) {
                const QByteArray bytes
                    = m_socket->read(m_parser.readingHead() ? headReadBytes : inputReadBytes);
                if (bytes.isEmpty())
                    break;
                count = bytes.size();
                m_parser.append(bytes);
            }
            parse();
            if (isFinished() || !m_socket)
                return;
            budget -= count;
            if (unbuffered && budget <= 0)
                return;
        }
        // An unbuffered socket tells of the peer's close only by failing a read: no
        // disconnected(), no error signal; the read above has found it.
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onClosed();
    }

    // The connection ended: the end of a body read until the close, or an answer cut short.
    void onClosed()
    {
        if (isFinished() || !m_socket)
            return;
        m_parser.append(m_socket->readAll());
        m_parser.close();
        parse();
    }

    // Publishes what the parser read, as far as the bytes go.
    void parse()
    {
        while (!isFinished()) {
            switch (m_parser.next()) {
            case Parser::Event::NeedMore:
                return;
            case Parser::Event::Head:
                headDone();
                break;
            case Parser::Event::Body:
                Q_EMIT downloadProgress(
                    m_parser.bodySize(),
                    m_parser.framing() == Parser::Framing::Length ? m_parser.expectedLength() : -1);
                if (!isFinished())
                    Q_EMIT readyRead();
                break;
            case Parser::Event::Complete:
                complete();
                return;
            case Parser::Event::Failed:
                failed();
                return;
            }
        }
    }

    void failed()
    {
        dropSocket();
        switch (m_parser.failure()) {
        case Parser::Failure::NoAnswer:
            if (m_reused && m_verb == "GET") {
                // A kept-alive connection the server had closed: a GET may go again, once.
                m_parser = Parser(m_verb);
                start(true);
                return;
            }
            fail(m_reused ? ContentReSendError : RemoteHostClosedError, m_parser.errorString());
            return;
        case Parser::Failure::CutOff:
            fail(RemoteHostClosedError, m_parser.errorString());
            return;
        case Parser::Failure::Protocol:
        case Parser::Failure::None:
            fail(ProtocolFailure, m_parser.errorString());
            return;
        }
    }

    // Publishes the head; the receiver may abort from metaDataChanged.
    void headDone()
    {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_parser.status());
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute,
                     QString::fromLatin1(m_parser.reason()));
        for (const auto &[name, value] : m_parser.headers()) {
            const QByteArray existing = rawHeader(name);
            setRawHeader(name, existing.isEmpty() ? value : existing + ", " + value);
        }
        Q_EMIT metaDataChanged();
        // A length announced up front lets the receiver refuse the answer before reading it.
        if (!isFinished() && m_parser.framing() == Parser::Framing::Length)
            Q_EMIT downloadProgress(0, m_parser.expectedLength());
    }

    void complete()
    {
        if (isFinished())
            return; // aborted by a receiver of the last readyRead
        // Bytes beyond the answer on a connection we did not ask to pipeline: do not reuse it.
        const bool extraBytes
            = m_parser.hasExtraBytes() || (m_socket && m_socket->bytesAvailable() > 0);
        releaseSocket(m_parser.keepAlive() && !extraBytes);
        setFinished(true);
        // Queued, as Qt's replies do: the receiver may delete or reuse things from its slot.
        QMetaObject::invokeMethod(this, &QNetworkReply::finished, Qt::QueuedConnection);
    }

    void fail(NetworkError code, const QString &message, bool now = false)
    {
        if (isFinished())
            return;
        setError(code, message);
        setFinished(true);
        auto emitAll = [this, code] {
            Q_EMIT errorOccurred(code);
            Q_EMIT finished();
        };
        if (now)
            emitAll();
        else
            QMetaObject::invokeMethod(this, emitAll, Qt::QueuedConnection);
    }

    using Parser = Http1ResponseParser;

    ApiNetworkManager *m_manager;
    QByteArray m_verb;
    QByteArray m_body;
    QString m_key;
    QPointer<QTcpSocket> m_socket;
    Parser m_parser;
    bool m_sent = false; // the request went out on the current socket
    bool m_reused = false;
    QString m_proxyDisplay; // the proxy of a new connection, for its error messages
    bool m_ignoreAllSslErrors = false;
};

ApiNetworkManager::ApiNetworkManager(QObject *parent)
    : QNetworkAccessManager(parent)
{ }

ApiNetworkManager::~ApiNetworkManager()
{
    dropIdleConnections();
}

void ApiNetworkManager::dropIdleConnections()
{
    for (const QList<QPointer<QTcpSocket>> &sockets : std::as_const(m_idle)) {
        for (const QPointer<QTcpSocket> &socket : sockets) {
            if (socket) {
                socket->disconnect(this);
                socket->abort();
                socket->deleteLater();
            }
        }
    }
    m_idle.clear();
}

int ApiNetworkManager::idleConnectionCount() const
{
    int count = 0;
    for (const QList<QPointer<QTcpSocket>> &sockets : m_idle) {
        for (const QPointer<QTcpSocket> &socket : sockets)
            count += socket ? 1 : 0;
    }
    return count;
}

QNetworkReply *ApiNetworkManager::createRequest(Operation op, const QNetworkRequest &request,
                                                QIODevice *outgoingData)
{
    const QString scheme = request.url().scheme();
    if (scheme != "http"_L1 && scheme != "https"_L1)
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    QByteArray verb;
    switch (op) {
    case GetOperation:
        verb = "GET";
        break;
    case HeadOperation:
        verb = "HEAD";
        break;
    case PostOperation:
        verb = "POST";
        break;
    case PutOperation:
        verb = "PUT";
        break;
    case DeleteOperation:
        verb = "DELETE";
        break;
    case CustomOperation:
        verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    case UnknownOperation:
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }
    // The bodies of API requests are small JSON documents, read here once.
    const QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
    return new Http1Reply(this, op, request, verb, body);
}

QTcpSocket *ApiNetworkManager::takeIdle(const QString &key)
{
    QList<QPointer<QTcpSocket>> &sockets = m_idle[key];
    while (!sockets.isEmpty()) {
        QPointer<QTcpSocket> socket = sockets.takeLast();
        if (!socket)
            continue;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            return socket;
        socket->abort();
        socket->deleteLater();
    }
    return nullptr;
}

void ApiNetworkManager::keepIdle(const QString &key, QTcpSocket *socket)
{
    QList<QPointer<QTcpSocket>> &sockets = m_idle[key];
    sockets.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
    if (socket->state() != QAbstractSocket::ConnectedState || sockets.size() >= maxIdlePerHost) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // An idle connection that closes, or says anything unasked, is of no further use.
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { forget(socket); });
    sockets.append(socket);
}

QByteArray takeReplyBody(QNetworkReply *reply)
{
    if (auto *own = dynamic_cast<Http1Reply *>(reply))
        return own->takeWholeBody();
    const qint64 available = reply->bytesAvailable();
    if (available <= 0)
        return reply->readAll();
    QByteArray bytes(qsizetype(available), Qt::Uninitialized);
    const qint64 read = reply->read(bytes.data(), available);
    bytes.truncate(qsizetype(std::max<qint64>(read, 0)));
    if (reply->bytesAvailable() > 0)
        bytes += reply->readAll();
    return bytes;
}

void ApiNetworkManager::forget(QTcpSocket *socket)
{
    for (QList<QPointer<QTcpSocket>> &sockets : m_idle)
        sockets.removeAll(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace crondesk::api
