#pragma once

#include "faults.h"
#include "httpmessage.h"

#include <QAbstractHttpServer>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace crondesk::sandbox {

// The sandbox's HTTP/1.1 front end. It takes parsed requests from Qt HttpServer and writes raw
// responses itself (status line, headers, keep-alive), which is what lets it misbehave precisely
// on demand: delay, drop, truncate, trickle, lie about the content type.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontend)

public:
    // Records the request and says which fault (if any) applies to it.
    using Intake = std::function<std::optional<FaultRule>(const RecordedRequest &request)>;
    // Produces the real answer.
    using Handler = std::function<HttpResponse(const RecordedRequest &request)>;
    using TimeSource = std::function<QDateTime()>;

    HttpFrontend(Intake intake, Handler handler, TimeSource now, QObject *parent = nullptr);
    ~HttpFrontend() override;

    // Serialises a response as HTTP/1.1 bytes: the head alone and head plus body.
    static QByteArray head(const HttpResponse &response, bool closeConnection);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void respond(const RecordedRequest &request, const std::optional<FaultRule> &fault,
                 const QPointer<QTcpSocket> &socket);
    void write(const QPointer<QTcpSocket> &socket, const HttpResponse &response,
               const std::optional<FaultRule> &fault, bool closeConnection);
    static void trickle(const QPointer<QTcpSocket> &socket, QByteArray bytes, int chunkBytes,
                        int intervalMs, bool closeConnection);

    Intake m_intake;
    Handler m_handler;
    TimeSource m_now;
};

} // namespace crondesk::sandbox
