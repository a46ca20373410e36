#pragma once

#include "faults.h"
#include "httpmessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

class QSslCertificate;
class QSslKey;
class QTcpServer;
class QTcpSocket;

namespace crondesk::sandbox {

// The sandbox's HTTP/1.1 server. It reads requests itself (HttpRequestReader), within limits,
// and writes raw responses (status line, headers, keep-alive), which is what lets it misbehave
// precisely on demand: delay, drop, truncate, trickle, lie about the content type. Being the CI
// server and a stand-in for a deployment behind a proxy, it must also survive clients that
// misbehave: a body over the limit is refused as soon as that is known (413), a head too large
// gets 431, a request that never completes gets 408, idle connections are closed, and at the
// connection cap (or the process's file limit) the least useful connection is closed so that a
// new one, such as a health check of /ok, is still served.
class HttpFrontend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontend)

public:
    // Records the request and says which fault (if any) applies to it.
    using Intake = std::function<std::optional<FaultRule>(const RecordedRequest &request)>;
    // Produces the real answer.
    using Handler = std::function<HttpResponse(const RecordedRequest &request)>;
    using TimeSource = std::function<QDateTime()>;

    struct Limits
    {
        HttpReadLimits read;
        // Open connections at most; fewer when the process's file limit leaves less room. A new
        // connection beyond it closes the connection idle the longest.
        int maxConnections = 256;
        // A connection with no request in progress is closed after this long (keep-alive).
        std::chrono::milliseconds idleTimeout {60000};
        // A request must arrive whole within this long of its first byte, or gets 408.
        std::chrono::milliseconds requestTimeout {30000};
    };

    HttpFrontend(Intake intake, Handler handler, TimeSource now, Limits limits,
                 QObject *parent = nullptr);
    ~HttpFrontend() override;

    // Serve HTTPS with this certificate and key (before listen()).
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    // Listens on address:port (0 picks one); returns the port, or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    // Stops listening and drops every connection.
    void close();

    int connectionCount() const { return int(m_connections.size()); }
    // Limits::maxConnections, lowered to what the file-descriptor limit leaves room for.
    int effectiveMaxConnections() const;

    // Serialises a response as HTTP/1.1 bytes: the head alone.
    static QByteArray head(const HttpResponse &response, bool closeConnection);

    // Raises this process's soft limit on open files to its hard limit (the default soft limit,
    // often 1,024, would make a few hundred idle connections exhaust it). Returns the new soft
    // limit.
    static qint64 raiseFileDescriptorLimit();

private:
    struct Connection;

    void acceptConnections();
    void adopt(QTcpSocket *socket);
    void touch(Connection &connection); // it was active now
    void drop(QTcpSocket *socket);
    bool evictOne();
    void serve(QTcpSocket *socket);
    void dispatch(const QPointer<QTcpSocket> &socket, const RecordedRequest &request,
                  bool closeConnection);
    void respond(const RecordedRequest &request, const std::optional<FaultRule> &fault,
                 const QPointer<QTcpSocket> &socket, bool closeConnection);
    void write(const QPointer<QTcpSocket> &socket, const HttpResponse &response,
               const std::optional<FaultRule> &fault, bool closeConnection, bool headOnly);
    void trickle(const QPointer<QTcpSocket> &socket, QByteArray bytes, int chunkBytes,
                 int intervalMs, bool closeConnection);
    // The response is out: serve the next request on the connection, or close it.
    void responseDone(const QPointer<QTcpSocket> &socket, bool closeConnection);
    // Answers a request that could not be read, then closes without resetting the connection.
    void refuse(QTcpSocket *socket, int status, const QString &detail);
    void sweep();
    qint64 nowMs() const { return m_clock.elapsed(); }

    Intake m_intake;
    Handler m_handler;
    TimeSource m_now;
    Limits m_limits;
    std::unique_ptr<QTcpServer> m_server;
    QSslConfiguration m_tls;
    bool m_useTls = false;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    quint64 m_activityCount = 0;
    QTimer m_sweepTimer;
    QElapsedTimer m_clock;
};

} // namespace crondesk::sandbox
