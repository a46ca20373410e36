#include "httpfrontend.h"

#include "logging.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <sys/socket.h>
#endif

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

// What a connection's socket buffers before the reader has taken it: with the reader's own
// limits, the memory one connection can hold.
constexpr qint64 socketReadBufferBytes = 256 * 1024;
constexpr qint64 readChunkBytes = 64 * 1024;
// After refusing a request, how long to go on reading (and discarding) what the client still
// sends, so that closing does not reset the connection before the client has read the refusal.
constexpr qint64 lingerMs = 2000;
// File descriptors kept free for everything that is not a connection (the database, the
// listening socket, the event loop, stdio).
constexpr qint64 reservedDescriptors = 32;

QByteArray errorBody(const QString &detail)
{
    return HttpResponse::error(0, detail).body;
}

} // namespace

struct HttpFrontend::Connection
{
    explicit Connection(const HttpReadLimits &limits)
        : reader(limits)
    { }

    HttpRequestReader reader;
    qint64 lastActivityMs = 0;
    // Orders connections by their last activity where milliseconds tie (many are accepted or
    // read within one): "idle the longest" must be exact, not whichever a hash visits first.
    quint64 lastActivityOrder = 0;
    qint64 requestStartedMs = -1; // first byte of the request being read; -1 when none is
    qint64 closingSinceMs = -1; // refused and lingering; -1 otherwise
    bool busy = false; // a request is being answered (perhaps slowly, on purpose)
};

HttpFrontend::HttpFrontend(Intake intake, Handler handler, TimeSource now, Limits limits,
                           QObject *parent)
    : QObject(parent)
    , m_intake(std::move(intake))
    , m_handler(std::move(handler))
    , m_now(std::move(now))
    , m_limits(limits)
{
    m_clock.start();
    // Often enough for the shortest timeout a test may set; idle when there are no connections.
    const auto shortest = std::min(m_limits.idleTimeout, m_limits.requestTimeout);
    m_sweepTimer.setInterval(std::clamp<std::chrono::milliseconds>(
        shortest / 4, std::chrono::milliseconds(20), std::chrono::milliseconds(1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpFrontend::sweep);
}

HttpFrontend::~HttpFrontend()
{
    close();
}

qint64 HttpFrontend::raiseFileDescriptorLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<qint64>::max()
                                           : qint64(limit.rlim_cur);
#else
    return -1;
#endif
}

int HttpFrontend::effectiveMaxConnections() const
{
    qint64 room = m_limits.maxConnections;
#ifdef Q_OS_UNIX
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        room = std::min<qint64>(room, qint64(limit.rlim_cur) - reservedDescriptors);
#endif
    return int(std::max<qint64>(room, 4));
}

void HttpFrontend::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setLocalCertificate(certificate);
    m_tls.setPrivateKey(key);
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_useTls = true;
}

quint16 HttpFrontend::listen(const QHostAddress &address, quint16 port)
{
    close();
    if (m_useTls) {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(m_tls);
        m_server = std::move(server);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &HttpFrontend::acceptConnections);
    connect(m_server.get(), &QTcpServer::acceptError, this,
            [this](QAbstractSocket::SocketError error) {
                // Out of file descriptors (EMFILE), QTcpServer stops accepting for good. Make
                // room by closing idle connections, then accept again.
                qCWarning(lcSandbox) << "accept failed:" << error << "with" << m_connections.size()
                                     << "connections open";
                for (int i = 0; i < 16 && evictOne(); ++i) { }
                QTimer::singleShot(100, this, [this] {
                    if (m_server)
                        m_server->resumeAccepting();
                });
            });
    if (!m_server->listen(address, port)) {
        m_server.reset();
        return 0;
    }
    return m_server->serverPort();
}

void HttpFrontend::close()
{
    m_sweepTimer.stop();
    if (m_server) {
        m_server->close();
        m_server.reset();
    }
    const QList<QTcpSocket *> sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

void HttpFrontend::acceptConnections()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        if (m_connections.size() >= effectiveMaxConnections() && !evictOne()) {
            // Every connection is in the middle of a request: say so rather than wait.
            socket->setParent(this);
            HttpResponse busy = HttpResponse::error(503, u"Too many connections"_s);
            socket->write(head(busy, true) + busy.body);
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(lingerMs, socket, [socket] { socket->abort(); });
            continue;
        }
        adopt(socket);
    }
}

void HttpFrontend::adopt(QTcpSocket *socket)
{
    socket->setParent(this);
    socket->setReadBufferSize(socketReadBufferBytes);
    auto connection = std::make_shared<Connection>(m_limits.read);
    touch(*connection);
    m_connections.insert(socket, connection);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        const auto it = m_connections.constFind(socket);
        if (it == m_connections.constEnd())
            return;
        Connection &connection = **it;
        touch(connection);
        if (connection.closingSinceMs >= 0) {
            socket->readAll(); // lingering after a refusal: read, and forget
            return;
        }
        // While a request is answered, what follows stays in the socket (whose buffer is bounded,
        // so the client is slowed down by TCP rather than held in memory).
        if (!connection.busy)
            serve(socket);
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    // Bytes may have arrived with the connection (TLS: already decrypted).
    if (socket->bytesAvailable() > 0)
        serve(socket);
}

void HttpFrontend::touch(Connection &connection)
{
    connection.lastActivityMs = nowMs();
    connection.lastActivityOrder = ++m_activityCount;
}

void HttpFrontend::drop(QTcpSocket *socket)
{
    if (m_connections.remove(socket) == 0)
        return;
    socket->disconnect(this);
    socket->deleteLater();
    if (m_connections.isEmpty())
        m_sweepTimer.stop();
}

bool HttpFrontend::evictOne()
{
    // The least useful connection first: one lingering after a refusal, then the one idle the
    // longest, then the request that has been arriving the longest. Never one being answered.
    QTcpSocket *victim = nullptr;
    int victimRank = 3;
    std::pair<qint64, quint64> victimSince;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        const Connection &connection = **it;
        if (connection.busy)
            continue;
        int rank = 2;
        qint64 since = connection.requestStartedMs;
        if (connection.closingSinceMs >= 0) {
            rank = 0;
            since = connection.closingSinceMs;
        } else if (!connection.reader.hasPartialRequest()) {
            rank = 1;
            since = connection.lastActivityMs;
        }
        const std::pair<qint64, quint64> sinceInOrder {since, connection.lastActivityOrder};
        if (rank < victimRank || (rank == victimRank && sinceInOrder < victimSince)) {
            victim = it.key();
            victimRank = rank;
            victimSince = sinceInOrder;
        }
    }
    if (!victim)
        return false;
    qCDebug(lcSandbox) << "closing a connection to make room (rank" << victimRank << ")";
    victim->abort();
    drop(victim);
    return true;
}

void HttpFrontend::serve(QTcpSocket *socket)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.constEnd())
        return;
    const std::shared_ptr<Connection> connection = *it;
    while (!connection->busy && connection->closingSinceMs < 0) {
        HttpRequestReader &reader = connection->reader;
        const HttpRequestReader::Status status = reader.parse();
        if (status == HttpRequestReader::Status::Failed) {
            refuse(socket, reader.failureStatus(), reader.failureDetail());
            return;
        }
        if (status == HttpRequestReader::Status::NeedMore) {
            if (reader.wantsContinue()) {
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                reader.continueSent();
            }
            const QByteArray bytes = socket->read(readChunkBytes);
            if (bytes.isEmpty()) {
                if (!reader.hasPartialRequest())
                    connection->requestStartedMs = -1;
                return;
            }
            if (connection->requestStartedMs < 0)
                connection->requestStartedMs = nowMs();
            reader.append(bytes);
            continue;
        }
        const bool keepAlive = reader.keepAlive();
        RecordedRequest request = reader.takeRequest();
        request.receivedAt = m_now();
        connection->busy = true;
        connection->requestStartedMs = reader.hasPartialRequest() ? nowMs() : -1;
        dispatch(QPointer<QTcpSocket>(socket), request, !keepAlive);
    }
}

void HttpFrontend::refuse(QTcpSocket *socket, int status, const QString &detail)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.constEnd())
        return;
    qCDebug(lcSandbox) << "refusing a request:" << status << detail;
    HttpResponse response;
    response.status = status;
    response.body = errorBody(detail);
    socket->write(head(response, true) + response.body);
    (*it)->closingSinceMs = nowMs();
    // Half-close: the client gets the whole refusal and an end of stream, while what it is still
    // sending is read and discarded until it stops (or lingerMs passes, see sweep()). Closing
    // outright with unread bytes would reset the connection, and the client could lose the
    // answer. TLS has its own closing handshake.
    auto *tls = qobject_cast<QSslSocket *>(socket);
    if (tls) {
        socket->disconnectFromHost();
        return;
    }
    auto shutdownWhenWritten = [socket] {
        if (socket->bytesToWrite() == 0) {
#ifdef Q_OS_UNIX
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
#else
            socket->disconnectFromHost();
#endif
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, shutdownWhenWritten);
    socket->flush();
    shutdownWhenWritten();
    socket->readAll();
}

void HttpFrontend::sweep()
{
    const qint64 now = nowMs();
    QList<QTcpSocket *> expired;
    QList<QTcpSocket *> late;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        const Connection &connection = **it;
        if (connection.busy)
            continue; // delays and trickles are on purpose
        if (connection.closingSinceMs >= 0) {
            if (now - connection.closingSinceMs > lingerMs)
                expired.append(it.key());
        } else if (connection.requestStartedMs >= 0) {
            if (now - connection.requestStartedMs > m_limits.requestTimeout.count())
                late.append(it.key());
        } else if (now - connection.lastActivityMs > m_limits.idleTimeout.count()) {
            expired.append(it.key());
        }
    }
    for (QTcpSocket *socket : std::as_const(late))
        refuse(socket, 408, u"Request not received in time"_s);
    for (QTcpSocket *socket : std::as_const(expired)) {
        socket->abort();
        drop(socket);
    }
}

QByteArray HttpFrontend::head(const HttpResponse &response, bool closeConnection)
{
    // Lower-case names, as uvicorn sends them.
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\n";
    const bool bodyless = response.status == 204 || response.status == 304 || response.status < 200;
    if (!bodyless) {
        if (!response.contentType.isEmpty())
            bytes += "content-type: " + response.contentType + "\r\n";
        bytes += "content-length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    for (const auto &[name, value] : response.headers)
        bytes += name.toLower() + ": " + value + "\r\n";
    if (closeConnection)
        bytes += "connection: close\r\n";
    bytes += "\r\n";
    return bytes;
}

void HttpFrontend::dispatch(const QPointer<QTcpSocket> &socket, const RecordedRequest &request,
                            bool closeConnection)
{
    const std::optional<FaultRule> fault = m_intake(request);
    if (fault && fault->delayMs > 0) {
        // The handler runs after the delay too: a slow server is slow to act, not just to answer.
        QTimer::singleShot(fault->delayMs, this, [this, request, fault, socket, closeConnection] {
            respond(request, fault, socket, closeConnection);
        });
    } else {
        respond(request, fault, socket, closeConnection);
    }
}

void HttpFrontend::respond(const RecordedRequest &request, const std::optional<FaultRule> &fault,
                           const QPointer<QTcpSocket> &socket, bool closeConnection)
{
    HttpResponse response;
    if (fault && fault->commitDelayMs >= 0
        && (fault->action == FaultRule::Action::Status
            || fault->action == FaultRule::Action::Drop)) {
        // A slow commit: the answer, or the dropped connection, now; the change later.
        QTimer::singleShot(fault->commitDelayMs, this, [this, request] { m_handler(request); });
        if (fault->action == FaultRule::Action::Drop) {
            if (socket)
                socket->disconnectFromHost();
            return;
        }
    }
    if (fault && fault->action == FaultRule::Action::StatusAfterHandling)
        m_handler(request); // done, and its answer lost
    if (fault
        && (fault->action == FaultRule::Action::Status
            || fault->action == FaultRule::Action::StatusAfterHandling)) {
        response.status = fault->status;
        response.body
            = fault->body.isEmpty() ? QByteArray(R"({"detail":"Injected fault"})") : fault->body;
        if (!fault->contentType.isEmpty())
            response.contentType = fault->contentType;
    } else {
        response = m_handler(request);
    }
    if (fault)
        response.headers += fault->headers;
    write(socket, response, fault, closeConnection, request.method == "HEAD");
}

void HttpFrontend::write(const QPointer<QTcpSocket> &socket, const HttpResponse &original,
                         const std::optional<FaultRule> &fault, bool closeConnection, bool headOnly)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;

    HttpResponse response = original;
    const FaultRule::Action action = fault ? fault->action : FaultRule::Action::None;
    switch (action) {
    case FaultRule::Action::Truncate:
        response.body.truncate(response.body.size() / 2);
        break;
    case FaultRule::Action::Malformed:
        response.body = "<!-- not json --> {\"detail\": ";
        break;
    case FaultRule::Action::WrongContentType:
        response.contentType = fault->contentType.isEmpty() ? QByteArray("text/html; charset=utf-8")
                                                            : fault->contentType;
        break;
    default:
        break;
    }

    // No body after a HEAD, a 204, a 304 or a 1xx: the head says there is none, and stray bytes
    // would be read as the start of the next response.
    const bool bodyless
        = headOnly || response.status == 204 || response.status == 304 || response.status < 200;
    const QByteArray bytes
        = head(response, closeConnection) + (bodyless ? QByteArray() : response.body);
    if (action == FaultRule::Action::Drop) {
        const qint64 keep = fault->afterBytes < 0
            ? bytes.size() / 2
            : std::min<qint64>(fault->afterBytes, bytes.size());
        socket->write(bytes.left(keep));
        // A graceful close after the partial write: the client sees the connection end in the
        // middle of a response it was promised in full.
        socket->disconnectFromHost();
        return;
    }
    if (action == FaultRule::Action::Trickle) {
        trickle(socket, bytes, fault->chunkBytes, fault->intervalMs, closeConnection);
        return;
    }
    socket->write(bytes);
    responseDone(socket, closeConnection);
}

void HttpFrontend::trickle(const QPointer<QTcpSocket> &socket, QByteArray bytes, int chunkBytes,
                           int intervalMs, bool closeConnection)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(bytes.left(chunkBytes));
    socket->flush();
    bytes.remove(0, chunkBytes);
    if (bytes.isEmpty()) {
        responseDone(socket, closeConnection);
        return;
    }
    // Parented to the socket, so a client that gives up ends the trickle with the connection.
    QTimer::singleShot(intervalMs, socket.data(),
                       [this, socket, bytes, chunkBytes, intervalMs, closeConnection] {
                           trickle(socket, bytes, chunkBytes, intervalMs, closeConnection);
                       });
}

void HttpFrontend::responseDone(const QPointer<QTcpSocket> &socket, bool closeConnection)
{
    if (!socket)
        return;
    const auto it = m_connections.constFind(socket.data());
    if (it == m_connections.constEnd())
        return;
    if (closeConnection) {
        socket->disconnectFromHost();
        return;
    }
    (*it)->busy = false;
    touch(**it);
    // Queued: a pipelined request already read must not recurse through this call.
    QMetaObject::invokeMethod(
        this,
        [this, socket] {
            if (socket)
                serve(socket.data());
        },
        Qt::QueuedConnection);
}

} // namespace crondesk::sandbox
