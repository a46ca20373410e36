#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QSslConfiguration>
#include <QUrl>

namespace crondesk::conformance {

// What came back for one request.
struct ProbeReply
{
    int status = 0; // 0 when no HTTP answer arrived
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool finished = false; // false when the wait timed out

    QByteArray header(QByteArrayView name) const;
    QJsonDocument document() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return document().object(); }
    QJsonArray array() const { return document().array(); }
    QString detail() const { return object().value(QLatin1StringView("detail")).toString(); }
};

// A deliberately plain HTTP client for the conformance suite: QNetworkAccessManager and nothing
// of the project's own client library, which must not be what validates the server.
class HttpProbe final
{
public:
    explicit HttpProbe(QUrl baseUrl);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    void setApiKey(const QByteArray &key) { m_apiKey = key; }
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }
    QNetworkAccessManager &manager() { return m_manager; }

    // Sends and waits (QSignalSpy::wait, at most `timeoutMs`) for the answer.
    ProbeReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    int timeoutMs = 15000);
    ProbeReply get(const QString &path) { return send("GET", path); }
    ProbeReply del(const QString &path) { return send("DELETE", path); }
    ProbeReply post(const QString &path, const QJsonObject &body);
    ProbeReply patch(const QString &path, const QJsonObject &body);

    // Starts a request without waiting, for tests that need several in flight.
    QNetworkReply *start(const QByteArray &method, const QString &path,
                         const QByteArray &body = {});
    static ProbeReply collect(QNetworkReply *reply);

private:
    QUrl m_baseUrl;
    QByteArray m_apiKey;
    std::optional<QSslConfiguration> m_ssl;
    QNetworkAccessManager m_manager;
};

QByteArray toJson(const QJsonObject &object);

} // namespace crondesk::conformance
