#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace crondesk::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One request exactly as it reached the server, for the request log and the handlers.
struct RecordedRequest
{
    QByteArray method; // "GET", "POST", "PATCH", ...
    QString path; // percent-encoded, as sent, without the query
    QByteArray query; // percent-encoded query string, without '?'
    HeaderList headers; // names as sent
    QByteArray body; // raw bytes
    QDateTime receivedAt; // from the sandbox's clock

    // The first value of a header, matched case-insensitively; null if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
};

// One request on its way through the router: the recorded request plus what routing found.
struct ApiRequest
{
    const RecordedRequest &raw;
    QStringList pathParameters; // percent-decoded, in pattern order
    QUrlQuery query;
};

// What a handler answers; the HTTP front end turns it into bytes (and may mangle them on purpose).
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    HeaderList headers;

    static HttpResponse json(const QJsonValue &value, int status = 200);
    // A body that is already serialised JSON.
    static HttpResponse rawJson(QByteArray body, int status = 200);
    // The server's error shape: {"detail": "..."}.
    static HttpResponse error(int status, const QString &detail);
    static HttpResponse noContent();
};

// "OK", "Not Found", ... for the status line.
QByteArray reasonPhrase(int status);

} // namespace crondesk::sandbox
