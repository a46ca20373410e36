#include "httpfrontend.h"

#include "logging.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QTimer>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

RecordedRequest record(const QHttpServerRequest &request, const QDateTime &now)
{
    RecordedRequest recorded;
    recorded.method = methodName(request.method());
    const QUrl url = request.url();
    recorded.path = url.path(QUrl::FullyEncoded);
    recorded.query = url.query(QUrl::FullyEncoded).toUtf8();
    recorded.headers = request.headers();
    recorded.body = request.body();
    recorded.receivedAt = now;
    return recorded;
}

bool wantsClose(const RecordedRequest &request)
{
    return request.header("connection").trimmed().compare("close", Qt::CaseInsensitive) == 0;
}

} // namespace

HttpFrontend::HttpFrontend(Intake intake, Handler handler, TimeSource now, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_intake(std::move(intake))
    , m_handler(std::move(handler))
    , m_now(std::move(now))
{ }

HttpFrontend::~HttpFrontend() = default;

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

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const RecordedRequest recorded = record(request, m_now());
    const std::optional<FaultRule> fault = m_intake(recorded);
    QPointer<QTcpSocket> guardedSocket(socket);
    if (fault && fault->delayMs > 0) {
        // The handler runs after the delay too: a slow server is slow to act, not just to answer.
        QTimer::singleShot(fault->delayMs, this, [this, recorded, fault, guardedSocket] {
            respond(recorded, fault, guardedSocket);
        });
    } else {
        respond(recorded, fault, guardedSocket);
    }
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest always handles; kept for completeness.
    const RecordedRequest recorded = record(request, m_now());
    write(QPointer<QTcpSocket>(socket), HttpResponse::error(404, u"Not Found"_s), std::nullopt,
          wantsClose(recorded));
}

void HttpFrontend::respond(const RecordedRequest &request, const std::optional<FaultRule> &fault,
                           const QPointer<QTcpSocket> &socket)
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
    write(socket, response, fault, wantsClose(request));
}

void HttpFrontend::write(const QPointer<QTcpSocket> &socket, const HttpResponse &original,
                         const std::optional<FaultRule> &fault, bool closeConnection)
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

    const QByteArray bytes = head(response, closeConnection) + response.body;
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
    if (closeConnection)
        socket->disconnectFromHost();
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
        if (closeConnection)
            socket->disconnectFromHost();
        return;
    }
    // Parented to the socket, so a client that gives up ends the trickle with the connection.
    QTimer::singleShot(intervalMs, socket.data(),
                       [socket, bytes, chunkBytes, intervalMs, closeConnection] {
                           trickle(socket, bytes, chunkBytes, intervalMs, closeConnection);
                       });
}

} // namespace crondesk::sandbox
