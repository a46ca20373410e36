#include "apinetworkmanager.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

#include <cstring>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// The most a status line and the headers of one answer may take: an API server sends a few
// hundred bytes; a server that sends more is not one.
constexpr qsizetype maxHeadBytes = 64 * 1024;
// Kept-alive connections per host: the fetcher keeps four requests in flight.
constexpr int maxIdlePerHost = 6;

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
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

bool isToken(QByteArrayView text, QByteArrayView token)
{
    return text.trimmed().compare(token, Qt::CaseInsensitive) == 0;
}

} // namespace

// One HTTP/1.1 exchange: the request written once, the answer read exactly as framed. See
// ApiNetworkManager for why.
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
        fail(OperationCanceledError, Tr::tr("Operation canceled"), true);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_content.size() - m_readPosition + QNetworkReply::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_content.size() - m_readPosition);
        if (count <= 0)
            return isFinished() ? -1 : 0;
        std::memcpy(data, m_content.constData() + m_readPosition, size_t(count));
        m_readPosition += count;
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
    enum class Stage {
        Connecting,
        Status,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers
    };
    enum class Framing { None, Length, Chunked, UntilClose };

    // Sends the request on a kept-alive connection or a new one (`fresh`: never a kept one).
    void start(bool fresh)
    {
        if (isFinished())
            return;
        const QUrl url = request().url();
        const bool tls = url.scheme() == "https"_L1;
        m_reused = false;
        if (!fresh) {
            if (QTcpSocket *idle = m_manager->takeIdle(m_key)) {
                m_reused = true;
                adopt(idle);
                send();
                return;
            }
        }
        QTcpSocket *socket = tls ? new QSslSocket(m_manager) : new QTcpSocket(m_manager);
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
            socket->connectToHost(url.host(), quint16(url.port(80)));
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
        m_stage = Stage::Status;
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
        const QString text = m_socket ? m_socket->errorString() : QString();
        dropSocket();
        fail(networkError(error), text);
    }

    void onReadyRead()
    {
        if (isFinished() || !m_socket)
            return;
        m_in += m_socket->readAll();
        if (m_stage == Stage::Connecting) {
            // Bytes before the request went out: not an answer to it.
            dropSocket();
            fail(ProtocolFailure, Tr::tr("The server sent data before the request"));
            return;
        }
        parse(false);
    }

    // The connection ended: the end of a body read until the close, or an answer cut short.
    void onClosed()
    {
        if (isFinished() || !m_socket)
            return;
        m_in += m_socket->readAll();
        parse(true);
        if (isFinished())
            return;
        dropSocket();
        if (!m_anyAnswer) {
            if (m_reused && m_verb == "GET") {
                // A kept-alive connection the server had closed: a GET may go again, once.
                m_in.clear();
                start(true);
                return;
            }
            fail(m_reused ? ContentReSendError : RemoteHostClosedError,
                 Tr::tr("The connection closed before the server answered"));
            return;
        }
        if (m_stage == Stage::Status || m_stage == Stage::Headers) {
            fail(RemoteHostClosedError,
                 Tr::tr("The answer was cut off: the connection closed in its headers"));
        } else if (m_framing == Framing::Length) {
            fail(RemoteHostClosedError,
                 Tr::tr("The answer was cut off: the connection closed after %1 of %2 bytes")
                     .arg(m_content.size())
                     .arg(m_expected));
        } else {
            fail(RemoteHostClosedError,
                 Tr::tr("The answer was cut off: the connection closed after %1 bytes, before the "
                        "last chunk")
                     .arg(m_content.size()));
        }
    }

    // Takes one line ending in LF (CR LF) off the input; false while there is none.
    bool takeLine(QByteArray *line)
    {
        const qsizetype end = m_in.indexOf('\n');
        if (end < 0) {
            if (m_in.size() > maxHeadBytes)
                protocolError(Tr::tr("A line of the answer's head is too long"));
            return false;
        }
        *line = m_in.left(end);
        if (line->endsWith('\r'))
            line->chop(1);
        m_in.remove(0, end + 1);
        m_headBytes += end + 1;
        if (m_headBytes > maxHeadBytes) {
            protocolError(
                Tr::tr("The answer's head is larger than %1 KiB").arg(maxHeadBytes / 1024));
            return false;
        }
        return true;
    }

    void protocolError(const QString &message)
    {
        dropSocket();
        fail(ProtocolFailure, message);
    }

    void parse(bool closed)
    {
        if (!m_in.isEmpty())
            m_anyAnswer = true;
        QByteArray line;
        while (!isFinished()) {
            switch (m_stage) {
            case Stage::Connecting:
                return;
            case Stage::Status: {
                if (!takeLine(&line))
                    return;
                if (line.isEmpty() && m_headBytes <= 4)
                    continue; // a stray CRLF before the status line
                const QList<QByteArray> parts = line.split(' ');
                bool ok = false;
                const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
                if (!line.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
                    protocolError(Tr::tr("The server's answer is not HTTP"));
                    return;
                }
                m_status = status;
                m_http10 = line.startsWith("HTTP/1.0");
                m_reason = parts.size() > 2 ? line.mid(parts.at(0).size() + parts.at(1).size() + 2)
                                            : QByteArray();
                m_headers.clear();
                m_stage = Stage::Headers;
                break;
            }
            case Stage::Headers:
                if (!takeLine(&line))
                    return;
                if (!line.isEmpty()) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon <= 0) {
                        protocolError(Tr::tr("A header line of the answer has no name"));
                        return;
                    }
                    m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                    break;
                }
                if (m_status >= 100 && m_status < 200) {
                    m_stage = Stage::Status; // 100 Continue and the like: the answer follows
                    m_headBytes = 0;
                    break;
                }
                if (!headersDone())
                    return;
                break;
            case Stage::Body:
                if (m_framing == Framing::Length) {
                    const qint64 wanted = m_expected - m_content.size();
                    takeBody(std::min<qint64>(wanted, m_in.size()));
                    if (!isFinished() && m_content.size() == m_expected) {
                        complete();
                        return;
                    }
                } else { // until the close
                    takeBody(m_in.size());
                    if (closed) {
                        complete();
                        return;
                    }
                }
                return;
            case Stage::ChunkSize: {
                if (!takeLine(&line))
                    return;
                m_headBytes = 0; // chunk lines are limited one by one
                const qsizetype extension = line.indexOf(';');
                const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
                bool ok = false;
                const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
                if (!ok || size < 0) {
                    protocolError(Tr::tr("The answer's chunked framing is broken"));
                    return;
                }
                m_chunkLeft = size;
                m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
                break;
            }
            case Stage::ChunkData: {
                const qint64 count = std::min<qint64>(m_chunkLeft, m_in.size());
                takeBody(count);
                m_chunkLeft -= count;
                if (m_chunkLeft > 0)
                    return;
                m_stage = Stage::ChunkEnd;
                break;
            }
            case Stage::ChunkEnd:
                if (!takeLine(&line))
                    return;
                if (!line.isEmpty()) {
                    protocolError(Tr::tr("The answer's chunked framing is broken"));
                    return;
                }
                m_headBytes = 0;
                m_stage = Stage::ChunkSize;
                break;
            case Stage::Trailers:
                if (!takeLine(&line))
                    return;
                if (line.isEmpty()) {
                    complete();
                    return;
                }
                break;
            }
        }
    }

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : m_headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    // Publishes the head and decides how the body is framed; false when it failed.
    bool headersDone()
    {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_status);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QString::fromLatin1(m_reason));
        for (const auto &[name, value] : m_headers) {
            const QByteArray existing = rawHeader(name);
            setRawHeader(name, existing.isEmpty() ? value : existing + ", " + value);
        }
        const QByteArray connection = header("connection").toLower();
        m_keepAlive = m_http10 ? connection.contains("keep-alive") : !connection.contains("close");
        const QByteArray coding = header("content-encoding");
        if (!coding.isEmpty() && !isToken(coding, "identity")) {
            protocolError(Tr::tr("The server compressed its answer (%1) although asked not to")
                              .arg(QString::fromLatin1(coding)));
            return false;
        }
        const QByteArray transfer = header("transfer-encoding");
        const QByteArray length = header("content-length");
        if (m_verb == "HEAD" || m_status == 204 || m_status == 304) {
            m_framing = Framing::None;
        } else if (!transfer.isEmpty()) {
            // Chunked must come last; any other coding is read until the close (RFC 9112 §6.3).
            m_framing = transfer.toLower().trimmed().endsWith("chunked") ? Framing::Chunked
                                                                         : Framing::UntilClose;
        } else if (!length.isEmpty()) {
            bool ok = false;
            m_expected = length.trimmed().toLongLong(&ok);
            if (!ok || m_expected < 0 || length.contains(',')) {
                protocolError(Tr::tr("The answer's Content-Length \"%1\" is not a length")
                                  .arg(QString::fromLatin1(length.left(40))));
                return false;
            }
            m_framing = m_expected == 0 ? Framing::None : Framing::Length;
        } else {
            m_framing = Framing::UntilClose;
        }
        if (m_framing == Framing::UntilClose)
            m_keepAlive = false;
        Q_EMIT metaDataChanged();
        if (isFinished())
            return false;
        switch (m_framing) {
        case Framing::None:
            complete();
            return false;
        case Framing::Chunked:
            m_stage = Stage::ChunkSize;
            m_headBytes = 0;
            break;
        case Framing::Length:
        case Framing::UntilClose:
            m_stage = Stage::Body;
            // A length announced up front lets the receiver refuse the answer before reading it.
            if (m_framing == Framing::Length)
                Q_EMIT downloadProgress(0, m_expected);
            break;
        }
        return !isFinished();
    }

    void takeBody(qint64 count)
    {
        if (count <= 0)
            return;
        m_content.append(m_in.constData(), count);
        m_in.remove(0, count);
        Q_EMIT downloadProgress(m_content.size(), m_framing == Framing::Length ? m_expected : -1);
        if (!isFinished())
            Q_EMIT readyRead();
    }

    void complete()
    {
        if (isFinished())
            return; // aborted by a receiver of the last readyRead
        // Bytes beyond the answer on a connection we did not ask to pipeline: do not reuse it.
        releaseSocket(m_keepAlive && m_in.isEmpty());
        m_in.clear();
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

    ApiNetworkManager *m_manager;
    QByteArray m_verb;
    QByteArray m_body;
    QString m_key;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_in; // received, not yet parsed
    QByteArray m_content; // the body so far
    qint64 m_readPosition = 0;
    Stage m_stage = Stage::Connecting;
    Framing m_framing = Framing::None;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_reason;
    qint64 m_expected = 0;
    qint64 m_chunkLeft = 0;
    qsizetype m_headBytes = 0;
    int m_status = 0;
    bool m_http10 = false;
    bool m_keepAlive = false;
    bool m_reused = false;
    bool m_anyAnswer = false;
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

void ApiNetworkManager::forget(QTcpSocket *socket)
{
    for (QList<QPointer<QTcpSocket>> &sockets : m_idle)
        sockets.removeAll(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace crondesk::api
