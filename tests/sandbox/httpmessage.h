#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

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

// What one request may take, enforced while it is read (docs/sandbox.md, "Limits").
struct HttpReadLimits
{
    qsizetype maxBodyBytes = 10 * 1024 * 1024; // 413, as soon as Content-Length or the bytes say so
    qsizetype maxHeadBytes = 64 * 1024; // request line and headers together: 431
    qsizetype maxRequestLineBytes = 16 * 1024; // 414
    int maxHeaderCount = 100; // 431
};

// Reads HTTP/1.1 requests from the bytes of one connection, incrementally, without ever holding
// more than the limits allow: a body announced or found to be too large, or a head too long, is
// refused as soon as that is known, not after reading it. Handles Content-Length and chunked
// bodies, Expect: 100-continue and pipelined requests (the bytes after one request are the start
// of the next). Refuses what a strict server refuses (RFC 9112): a bad request line, a header
// line without a colon or with a control character, conflicting lengths, obsolete line folding.
class HttpRequestReader final
{
public:
    enum class Status { NeedMore, Complete, Failed };

    explicit HttpRequestReader(HttpReadLimits limits = {});

    void append(QByteArrayView bytes);
    // Reads as far as the bytes allow. After Complete, takeRequest(); after Failed, the status and
    // detail to answer with (the connection must then be closed: its framing is lost).
    Status parse();
    // The request read, and the reader ready for the next one (with any bytes already received).
    RecordedRequest takeRequest();
    int failureStatus() const { return m_failureStatus; }
    QString failureDetail() const { return m_failureDetail; }

    // Whether the last request read keeps the connection open (HTTP/1.1 without
    // "Connection: close", HTTP/1.0 with "Connection: keep-alive").
    bool keepAlive() const { return m_keepAlive; }
    // Some bytes of a request (or of the next one) have arrived and it is not complete yet.
    bool hasPartialRequest() const;
    // The head of a request with "Expect: 100-continue" is read and its body is awaited: the
    // server should say "100 Continue" once (then call continueSent()).
    bool wantsContinue() const { return m_wantsContinue && !m_continueSent; }
    void continueSent() { m_continueSent = true; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_position; }

private:
    enum class Phase { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    Status fail(int status, const QString &detail);
    Status parseHead();
    // The next line (without its CRLF or LF), or nullopt when it is not all here yet.
    std::optional<QByteArrayView> nextLine(qsizetype maxBytes, bool *tooLong);
    void compact();

    HttpReadLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    Phase m_phase = Phase::Head;
    RecordedRequest m_request;
    qsizetype m_remaining = 0; // of the body (Content-Length) or of the current chunk
    qsizetype m_trailerBytes = 0;
    bool m_keepAlive = true;
    bool m_wantsContinue = false;
    bool m_continueSent = false;
    int m_failureStatus = 0;
    QString m_failureDetail;
};

// What handling a JSON body will cost, counted in one pass over the bytes without building
// anything: every value at any depth, and the members of the largest object. Not a validator:
// malformed text is counted as far as it goes (the handler refuses it properly). Counting stops
// once `stopAt` values have been seen, and below 1,024 levels of nesting (the parser's own limit).
struct JsonWork
{
    qsizetype values = 0;
    qsizetype largestObject = 0;
};
JsonWork measureJson(QByteArrayView text, qsizetype stopAt);

} // namespace crondesk::sandbox
