#pragma once

#include <models/api/proxyrules.h>

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QPointer>

class QNetworkReply;
class QTcpSocket;

namespace crondesk::api {

// The network access manager of the API client: a QNetworkAccessManager whose http and https
// exchanges are its own HTTP/1.1 client (Http1Reply), so that an answer counts as received only
// when its framing says it is complete.
//
// Why not Qt's: Qt 6.4 ends an HTTP/1 reply successfully when the connection closes while the body
// is still being read (QHttpProtocolHandler treats a close in the data state as "the server did not
// send a length"), whatever the Content-Length or chunked framing promised, and whether it notices
// depends on a race between the last bytes and the close. A count of 35 cut after "3" then reads
// as 3. Here a body is complete only when Content-Length bytes arrived, the last chunk was read,
// or, without either, the connection closed; anything else fails with RemoteHostClosedError and
// says the answer was cut off.
//
// Also, unlike Qt's: nothing is compressed (Accept-Encoding: identity, so the length sent is the
// length read), redirects are never followed, a request is never sent again on its own except a
// GET on a kept-alive connection the server had closed meanwhile, and downloadProgress reports the
// body as it arrives, so that ApiRequest can stop an answer that grows past its bound before it is
// held whole. Other schemes go to Qt.
class ApiNetworkManager final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiNetworkManager)

public:
    explicit ApiNetworkManager(QObject *parent = nullptr);
    ~ApiNetworkManager() override;

    // Closes the connections kept alive between requests (they were made with the settings of
    // the time, TLS included).
    void dropIdleConnections();
    int idleConnectionCount() const;

    // Where new connections go (ProxyRules): the process environment's proxy variables unless
    // set otherwise. Connections kept alive keep the route they were made with.
    void setProxyRules(const ProxyRules &rules) { m_proxyRules = rules; }
    const ProxyRules &proxyRules() const { return m_proxyRules; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    friend class Http1Reply;
    // A connection kept alive for `key` ("https://host:443"), or nullptr.
    QTcpSocket *takeIdle(const QString &key);
    // Keeps a connection whose last answer was complete, for the next request to `key`.
    void keepIdle(const QString &key, QTcpSocket *socket);
    void forget(QTcpSocket *socket);

    QHash<QString, QList<QPointer<QTcpSocket>>> m_idle;
    ProxyRules m_proxyRules = ProxyRules::fromEnvironment(QProcessEnvironment::systemEnvironment());
};

// Everything a finished reply holds, as one array. An answer read by ApiNetworkManager with a
// Content-Length was written once into an array of that length, which is handed over as it is;
// any other reply is read into an array of the right size at once (QIODevice::readAll() grows its
// array a chunk at a time, copying a page's megabyte again and again).
QByteArray takeReplyBody(QNetworkReply *reply);

} // namespace crondesk::api
