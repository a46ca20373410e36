#include "hostileserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crondesk::hostile {

namespace {

// What one connection may send before its request is complete; a test client never comes close.
constexpr qsizetype maxRequestBytes = 16 * 1024 * 1024;
// How much the server queues in the socket at once: an endless body is produced as it drains.
constexpr qint64 writeWindow = 256 * 1024;

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject Request::json() const
{
    return QJsonDocument::fromJson(body).object();
}

Answer Answer::json(const QByteArray &body, int status)
{
    Answer answer;
    answer.status = status;
    answer.body = body;
    return answer;
}

Answer Answer::json(const QJsonValue &value, int status)
{
    QByteArray body;
    if (value.isObject())
        body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        body = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    return json(body, status);
}

Answer Answer::error(int status, const QString &detail)
{
    return json(QJsonObject {{u"detail"_s, detail}}, status);
}

// One client connection: reads requests one after the other and writes each answer as it says,
// producing endless bodies only as fast as the socket drains.
class HostileServer::Connection final : public QObject
{
public:
    Connection(HostileServer *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        ++m_server->m_openConnections;
        ++m_server->m_connectionCount;
        connect(socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, &Connection::pump);
        connect(socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
        connect(&m_drip, &QTimer::timeout, this, &Connection::pump);
        m_drip.setSingleShot(true);
    }

private:
    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        --m_server->m_openConnections;
        m_drip.stop();
        deleteLater();
    }

    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (m_in.size() > maxRequestBytes) {
            m_socket->abort();
            return;
        }
        nextRequest();
    }

    // Parses one complete request from the input, if there is one.
    bool takeRequest(Request *request)
    {
        const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        const QList<QByteArray> lines = m_in.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() < 2)
            return false;
        request->method = requestLine.at(0);
        const QByteArray target = requestLine.at(1);
        const qsizetype question = target.indexOf('?');
        request->path = question < 0 ? target : target.left(question);
        request->query = question < 0 ? QByteArray() : target.mid(question + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request->headers.append(
                    {line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qint64 length = request->header("content-length").toLongLong();
        if (m_in.size() < headEnd + 4 + length)
            return false;
        request->body = m_in.mid(headEnd + 4, length);
        m_in.remove(0, headEnd + 4 + length);
        return true;
    }

    void nextRequest()
    {
        if (m_busy || m_gone)
            return;
        Request request;
        if (!takeRequest(&request))
            return;
        m_busy = true;
        m_answer = m_server->answer(request);
        if (m_answer.delayMs > 0)
            QTimer::singleShot(m_answer.delayMs, this, &Connection::begin);
        else
            begin();
    }

    void begin()
    {
        if (m_gone)
            return;
        const Answer &a = m_answer;
        if (!a.raw.isEmpty()) {
            m_socket->write(a.raw);
            m_server->m_bodyBytesSent += a.raw.size();
            m_closing = true;
            m_bodyDone = true;
            m_stalled = false;
            m_wire.clear();
            finishAnswer();
            return;
        }
        QByteArray head
            = "HTTP/1.1 " + QByteArray::number(a.status) + ' ' + reason(a.status) + "\r\n";
        if (!a.contentType.isEmpty())
            head += "content-type: " + a.contentType + "\r\n";
        switch (a.framing) {
        case Answer::Framing::ContentLength: {
            const qint64 length = a.declaredLength >= 0 ? a.declaredLength
                : a.endless                             ? qint64(1) << 50
                                                        : a.body.size();
            head += "content-length: " + QByteArray::number(length) + "\r\n";
            break;
        }
        case Answer::Framing::Chunked:
            head += "transfer-encoding: chunked\r\n";
            break;
        case Answer::Framing::UntilClose:
            break;
        }
        for (const auto &[name, value] : a.headers)
            head += name + ": " + value + "\r\n";
        m_closing = a.closeAfter || a.framing == Answer::Framing::UntilClose || a.cutAfter >= 0
            || (a.framing == Answer::Framing::Chunked && a.omitTerminator);
        // A cut is not announced: a server that dies mid-answer does not say so beforehand.
        if (a.closeAfter || a.framing == Answer::Framing::UntilClose)
            head += "connection: close\r\n";
        head += "\r\n";
        m_wire = head;
        m_bodyOffset = 0;
        m_bodySent = 0;
        m_bodyDone = false;
        m_stalled = a.stallAfterHead;
        pump();
    }

    // The next raw body piece, before framing; empty at the end.
    QByteArray nextPiece()
    {
        const Answer &a = m_answer;
        if (m_bodyOffset < a.body.size()) {
            const qsizetype size = a.chunkBytes > 0 ? a.chunkBytes : a.body.size();
            const QByteArray piece = a.body.mid(m_bodyOffset, size);
            m_bodyOffset += piece.size();
            return piece;
        }
        if (a.endless && !a.filler.isEmpty())
            return a.filler;
        return {};
    }

    // Frames body pieces into m_wire until it holds enough to write or the body is done.
    void refill()
    {
        const Answer &a = m_answer;
        const bool chunked = a.framing == Answer::Framing::Chunked;
        while (!m_bodyDone && m_wire.size() < writeWindow) {
            QByteArray piece = nextPiece();
            if (piece.isEmpty()) {
                if (chunked && !a.omitTerminator)
                    m_wire += "0\r\n\r\n";
                m_bodyDone = true;
                break;
            }
            bool cut = false;
            qsizetype announced = piece.size();
            if (a.cutAfter >= 0 && m_bodySent + piece.size() >= a.cutAfter) {
                piece.truncate(qsizetype(a.cutAfter - m_bodySent));
                cut = true;
            }
            if (chunked)
                m_wire += QByteArray::number(qint64(announced), 16) + "\r\n";
            m_wire += piece;
            m_bodySent += piece.size();
            m_server->m_bodyBytesSent += piece.size();
            if (cut) {
                // The chunk's data, its CRLF and the terminator never come.
                m_bodyDone = true;
                break;
            }
            if (chunked)
                m_wire += "\r\n";
        }
    }

    void pump()
    {
        if (m_gone || !m_busy)
            return;
        if (m_socket->bytesToWrite() > writeWindow)
            return; // bytesWritten calls again
        if (m_stalled) {
            // Only the head goes out; the rest never does.
            if (!m_wire.isEmpty())
                m_socket->write(std::exchange(m_wire, {}));
            return;
        }
        refill();
        if (m_answer.dripBytes > 0) {
            if (m_drip.isActive())
                return;
            if (!m_wire.isEmpty()) {
                m_socket->write(m_wire.left(m_answer.dripBytes));
                m_wire.remove(0, qMin<qsizetype>(m_answer.dripBytes, m_wire.size()));
                m_drip.start(m_answer.dripIntervalMs);
                return;
            }
        } else if (!m_wire.isEmpty()) {
            m_socket->write(std::exchange(m_wire, {}));
            if (!m_bodyDone)
                return; // more once this drains
        }
        if (!m_bodyDone || !m_wire.isEmpty())
            return;
        finishAnswer();
    }

    void finishAnswer()
    {
        m_busy = false;
        if (m_closing) {
            // Graceful: whatever was written arrives, then the connection ends.
            m_socket->disconnectFromHost();
            return;
        }
        QMetaObject::invokeMethod(this, &Connection::nextRequest, Qt::QueuedConnection);
    }

    HostileServer *m_server;
    QTcpSocket *m_socket;
    QTimer m_drip;
    QByteArray m_in;
    Answer m_answer;
    QByteArray m_wire;
    qsizetype m_bodyOffset = 0;
    qint64 m_bodySent = 0;
    bool m_bodyDone = false;
    bool m_busy = false;
    bool m_closing = false;
    bool m_stalled = false;
    bool m_gone = false;
};

HostileServer::HostileServer(Responder responder, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_responder(std::move(responder))
{
    connect(m_server, &QTcpServer::newConnection, this, &HostileServer::onNewConnection);
}

HostileServer::~HostileServer() = default;

void HostileServer::setResponder(Responder responder)
{
    m_responder = std::move(responder);
}

quint16 HostileServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return 0;
    return m_server->serverPort();
}

QUrl HostileServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    return url;
}

qsizetype HostileServer::countOf(QByteArrayView method, QByteArrayView path) const
{
    return std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const Request &request) {
        return request.method == method && request.path == path;
    });
}

void HostileServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new Connection(this, socket);
}

Answer HostileServer::answer(const Request &request)
{
    ++m_requestCount;
    m_requests.append(request);
    if (m_requests.size() > 1000)
        m_requests.removeFirst();
    Q_EMIT requestReceived(request.method, request.path);
    if (!m_responder)
        return Answer::error(404, u"Not Found"_s);
    return m_responder(request);
}

} // namespace crondesk::hostile
