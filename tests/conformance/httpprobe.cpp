#include "httpprobe.h"

#include <QBuffer>
#include <QSignalSpy>

namespace crondesk::conformance {

using namespace Qt::StringLiterals;

QByteArray ProbeReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpProbe::HttpProbe(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl))
{ }

QNetworkReply *HttpProbe::start(const QByteArray &method, const QString &path,
                                const QByteArray &body)
{
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(path.mid(question + 1), QUrl::TolerantMode);
    QNetworkRequest request(url);
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (!m_apiKey.isNull())
        request.setRawHeader("x-api-key", m_apiKey);
    if (m_ssl)
        request.setSslConfiguration(*m_ssl);
    if (body.isNull())
        return m_manager.sendCustomRequest(request, method);
    return m_manager.sendCustomRequest(request, method, body);
}

ProbeReply HttpProbe::collect(QNetworkReply *reply)
{
    ProbeReply result;
    result.finished = reply->isFinished();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.errorString = reply->errorString();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    return result;
}

ProbeReply HttpProbe::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           int timeoutMs)
{
    QNetworkReply *reply = start(method, path, body);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(timeoutMs);
    }
    ProbeReply result = collect(reply);
    if (!result.finished)
        reply->abort();
    reply->deleteLater();
    return result;
}

ProbeReply HttpProbe::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, toJson(body));
}

ProbeReply HttpProbe::patch(const QString &path, const QJsonObject &body)
{
    return send("PATCH", path, toJson(body));
}

} // namespace crondesk::conformance
