#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpServer;

namespace crondesk::hostile {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP request as the hostile server read it.
struct Request
{
    QByteArray method;
    QByteArray path; // as sent, without the query
    QByteArray query;
    HeaderList headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    // The body as a JSON object; empty when it is not one.
    QJsonObject json() const;
};

// How one answer goes out, faults included. The default is a well-formed JSON answer with a
// Content-Length; every other member breaks one thing on purpose.
struct Answer
{
    enum class Framing {
        ContentLength, // "content-length: N"
        Chunked, // "transfer-encoding: chunked"
        UntilClose, // neither: the body ends when the connection closes (HTTP/1.0 style)
    };

    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    HeaderList headers; // added after the framing headers
    QByteArray body;
    Framing framing = Framing::ContentLength;

    int chunkBytes = 0; // Chunked: the most body bytes per chunk; 0: the whole body in one
    qint64 declaredLength = -1; // ContentLength: the length announced; -1: the body's own
    // Close the connection once this many body bytes have been sent (inside a chunk's data when
    // chunked); -1: never cut.
    qint64 cutAfter = -1;
    bool omitTerminator = false; // Chunked: never send the last, zero-size chunk, then close
    // After `body`, send `filler` again and again until the client goes away (with a huge
    // declared length when framed by ContentLength).
    bool endless = false;
    QByteArray filler = QByteArrayLiteral("                                ");
    // Send the head, then nothing at all, keeping the connection open.
    bool stallAfterHead = false;
    int dripBytes = 0; // > 0: send the whole answer this many bytes at a time ...
    int dripIntervalMs = 100; // ... with this pause in between
    int delayMs = 0; // wait this long before sending anything
    // When set, exactly these bytes are sent instead of a head and a body, then the connection
    // closes: for answers that are not HTTP at all, or broken in their head.
    QByteArray raw;
    bool closeAfter = false; // close the connection after the answer (with "connection: close")

    static Answer json(const QByteArray &body, int status = 200);
    static Answer json(const QJsonValue &value, int status = 200);
    // The Agent Server's error shape: {"detail": "..."}.
    static Answer error(int status, const QString &detail);
};

// A small HTTP/1.1 server on 127.0.0.1 that answers each request as its responder says, byte
// for byte, including answers no well-behaved server sends: cut short, framed wrongly, never
// ending, stalled, dripped. For tests of the client's defences (tests/api, tests/cli) and the
// crondesk-hostile executable; see modes.h for a ready-made misbehaving Agent Server.
class HostileServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostileServer)

public:
    using Responder = std::function<Answer(const Request &)>;

    explicit HostileServer(Responder responder = {}, QObject *parent = nullptr);
    ~HostileServer() override;

    void setResponder(Responder responder);
    // Listens on 127.0.0.1; port 0 picks a free one. Returns the port, 0 on failure.
    quint16 listen(quint16 port = 0);
    QUrl baseUrl() const;

    // Requests answered so far (the latest 1,000) and how many in all.
    const QList<Request> &requests() const { return m_requests; }
    qint64 requestCount() const { return m_requestCount; }
    // How many of them went to `path` (exactly, without the query).
    qsizetype countOf(QByteArrayView method, QByteArrayView path) const;
    // Body bytes written so far, over every answer: how much a client was made to read.
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }
    // Connections open now, and accepted in all.
    int openConnections() const { return m_openConnections; }
    int connectionCount() const { return m_connectionCount; }

Q_SIGNALS:
    void requestReceived(const QByteArray &method, const QByteArray &path);

private:
    class Connection;
    friend class Connection;

    void onNewConnection();
    Answer answer(const Request &request);

    QTcpServer *m_server;
    Responder m_responder;
    QList<Request> m_requests;
    qint64 m_requestCount = 0;
    qint64 m_bodyBytesSent = 0;
    int m_openConnections = 0;
    int m_connectionCount = 0;
};

} // namespace crondesk::hostile
