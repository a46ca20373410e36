// Fuzzes the request handling of the sandbox (tests/sandbox), the project's stand-in for an Agent
// Server and its CI server: bytes as a client sends them on one connection, read by
// HttpRequestReader (within its limits, pipelined requests one after another) and each request
// answered by SandboxServer::handleRequest (API key, body limits, routing, the handlers), without
// a socket, on a fresh server with a manual clock so that a run depends on its input only.
// The reader must read the same requests, and fail the same way, whether the bytes come at once or
// in pieces; every answer must have a status a client can read, and a JSON answer must be JSON.
#include "fuzzcheck.h"

#include <tests/sandbox/clock.h>
#include <tests/sandbox/httpfrontend.h>
#include <tests/sandbox/httpmessage.h>
#include <tests/sandbox/sandboxserver.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace crondesk;
using namespace crondesk::sandbox;
using namespace Qt::StringLiterals;

namespace {

struct Reading
{
    QList<RecordedRequest> requests;
    HttpRequestReader::Status last = HttpRequestReader::Status::NeedMore;
    int failureStatus = 0;
};

constexpr int maxRequests = 8;

HttpReadLimits limits()
{
    // Smaller than the defaults, so that the fuzzer reaches them with small inputs.
    return {.maxBodyBytes = 2048,
            .maxHeadBytes = 1024,
            .maxRequestLineBytes = 512,
            .maxHeaderCount = 16};
}

Reading read(const QByteArray &bytes, qsizetype piece)
{
    HttpRequestReader reader(limits());
    Reading reading;
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        reader.append(QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)));
        for (;;) {
            reading.last = reader.parse();
            if (reading.last == HttpRequestReader::Status::Complete) {
                reading.requests.append(reader.takeRequest());
                if (reading.requests.size() == maxRequests)
                    return reading;
                if (reader.wantsContinue())
                    reader.continueSent();
                continue;
            }
            if (reader.wantsContinue())
                reader.continueSent();
            break;
        }
        if (reading.last == HttpRequestReader::Status::Failed) {
            reading.failureStatus = reader.failureStatus();
            FUZZ_CHECK(reading.failureStatus >= 400 && reading.failureStatus <= 599,
                       QString::number(reading.failureStatus));
            FUZZ_CHECK(!reader.failureDetail().isEmpty(), u"refused without a reason"_s);
            return reading;
        }
    }
    return reading;
}

bool sameRequest(const RecordedRequest &a, const RecordedRequest &b)
{
    return a.method == b.method && a.path == b.path && a.query == b.query && a.headers == b.headers
        && a.body == b.body;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 13;
    const QByteArray bytes = fuzz::bytes(data + 1, size - 1);
    const QString what = QString::fromLatin1(bytes.left(200).toPercentEncoding());

    const Reading whole = read(bytes, std::max<qsizetype>(1, bytes.size()));
    const Reading pieces = read(bytes, piece);
    FUZZ_CHECK(whole.requests.size() == pieces.requests.size(), what);
    for (qsizetype i = 0; i < whole.requests.size(); ++i)
        FUZZ_CHECK(sameRequest(whole.requests.at(i), pieces.requests.at(i)), what);
    FUZZ_CHECK(whole.failureStatus == pieces.failureStatus,
               QString::number(whole.failureStatus) + u" / "_s
                   + QString::number(pieces.failureStatus) + u" for "_s + what);

    ManualClock clock(QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC));
    SandboxServer server({.seedCount = 2,
                          .clock = &clock,
                          .scheduler = false,
                          .maxRequestBodyBytes = limits().maxBodyBytes,
                          .maxJsonValues = 200,
                          .maxJsonObjectMembers = 50});
    for (RecordedRequest request : whole.requests) {
        request.receivedAt = clock.now();
        const HttpResponse response = server.handleRequest(request);
        FUZZ_CHECK(response.status >= 200 && response.status <= 599,
                   QString::number(response.status) + u" for "_s + what);
        FUZZ_CHECK(!reasonPhrase(response.status).isEmpty(), QString::number(response.status));
        if (response.contentType.startsWith("application/json") && !response.body.isEmpty()) {
            QJsonParseError error;
            // In an array: a count is a bare number, which QJsonDocument does not read alone.
            (void)QJsonDocument::fromJson('[' + response.body + ']', &error);
            FUZZ_CHECK(error.error == QJsonParseError::NoError,
                       QString::fromUtf8(response.body.left(200)) + u" for "_s + what);
        }
        const QByteArray head = HttpFrontend::head(response, false);
        FUZZ_CHECK(head.startsWith("HTTP/1.1 ") && head.endsWith("\r\n\r\n"),
                   QString::fromLatin1(head));
    }
    return 0;
}
