// Fuzzes the mapping of an HTTP answer to an ApiError (models/api/apierror.*): a status, headers
// and a body, all of the server's choosing. Input: two bytes of status (taken modulo 1000), header
// lines up to an empty line, the body, then after a NUL the body of the request that was sent (for
// the field a validation detail quotes). A 2xx is never an error, anything else always one, with
// its status, a kind, a message and a one-line description; Retry-After is never below -1.
#include "fuzzcheck.h"

#include <models/api/apierror.h>

#include <QJsonDocument>

using namespace crondesk;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int status = ((int(data[0]) << 8) | int(data[1])) % 1000;
    QByteArray rest = fuzz::bytes(data + 2, size - 2);
    QByteArray requestBody;
    if (const qsizetype nul = rest.indexOf('\0'); nul >= 0) {
        requestBody = rest.mid(nul + 1);
        rest.truncate(nul);
    }
    api::HeaderList headers;
    qsizetype end = rest.indexOf("\n\n");
    const QByteArray head = end < 0 ? QByteArray() : rest.left(end);
    const QByteArray body = end < 0 ? rest : rest.mid(end + 2);
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }

    for (const api::ApiError &error : {api::errorFromHttp(status, headers, body),
                                       api::errorFromHttp(status, headers, body, requestBody)}) {
        if (status >= 200 && status <= 299) {
            FUZZ_CHECK(!error.isError(), QString::number(status));
            continue;
        }
        FUZZ_CHECK(error.isError(), QString::number(status));
        FUZZ_CHECK(error.httpStatus == status, QString::number(status));
        FUZZ_CHECK(!error.message.isEmpty(), QString::number(status));
        FUZZ_CHECK(error.retryAfter.count() >= -1, QString::number(error.retryAfter.count()));
        FUZZ_CHECK(!api::kindName(error.kind).isEmpty(), QString::number(int(error.kind)));
        const QString line = error.toString();
        FUZZ_CHECK(line.startsWith(api::kindName(error.kind)), line);
        (void)error.isAmbiguous();
        (void)error.isAnswerLost();
        (void)error.isTransient();
        if (error.kind == api::ApiError::Kind::Server
            || error.kind == api::ApiError::Kind::BadResponse)
            FUZZ_CHECK(error.isAmbiguous() == (status != 501), line);
    }

    // The same text as a transport failure's message, and as a detail to find a field in.
    const QString text = QString::fromUtf8(body);
    for (const QNetworkReply::NetworkError code :
         {QNetworkReply::NoError, QNetworkReply::ConnectionRefusedError,
          QNetworkReply::RemoteHostClosedError, QNetworkReply::TimeoutError,
          QNetworkReply::OperationCanceledError, QNetworkReply::SslHandshakeFailedError,
          QNetworkReply::ContentReSendError, QNetworkReply::ProtocolFailure}) {
        const api::ApiError error = api::errorFromNetwork(code, text);
        FUZZ_CHECK(error.isError() == (code != QNetworkReply::NoError), QString::number(code));
        FUZZ_CHECK(error.httpStatus == 0, QString::number(code));
        (void)error.toString();
    }
    (void)api::badResponse(status, text, headers).toString();
    (void)api::fieldFromDetail(text);
    (void)api::fieldFromQuotedValue(text, QJsonDocument::fromJson(requestBody).object());
    return 0;
}
