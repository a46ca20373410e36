#include "httpmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QVarLengthArray>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.isNull() ? QByteArray("") : value;
    }
    return {};
}

HttpResponse HttpResponse::json(const QJsonValue &value, int status)
{
    QByteArray body;
    if (value.isObject())
        body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else // a bare scalar (count endpoints): wrap and unwrap, QJsonDocument only holds containers
        body = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    return rawJson(std::move(body), status);
}

HttpResponse HttpResponse::rawJson(QByteArray body, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &detail)
{
    return json(QJsonObject {{u"detail"_s, detail}}, status);
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

namespace {

bool isTokenByte(char c)
{
    static constexpr QByteArrayView punctuation("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || punctuation.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), isTokenByte);
}

// RFC 9110 §5.5: no control character but the tab in a field value.
bool isFieldValue(QByteArrayView text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
    });
}

QByteArrayView trimmedField(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    for (const QByteArray &item : list.toByteArray().split(',')) {
        if (trimmedField(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString tooLargeDetail(qsizetype limit)
{
    return u"Request body too large (limit: %1 bytes)"_s.arg(limit);
}

} // namespace

HttpRequestReader::HttpRequestReader(HttpReadLimits limits)
    : m_limits(limits)
{ }

void HttpRequestReader::append(QByteArrayView bytes)
{
    compact();
    m_buffer.append(bytes);
}

void HttpRequestReader::compact()
{
    // Dropping what was read costs a copy of the rest: do it when the rest is small or the read
    // part large, so a long body streaming through is not copied again and again.
    if (m_position > 0 && (m_position == m_buffer.size() || m_position >= 64 * 1024)) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
}

bool HttpRequestReader::hasPartialRequest() const
{
    return m_phase != Phase::Head || bufferedBytes() > 0;
}

HttpRequestReader::Status HttpRequestReader::fail(int status, const QString &detail)
{
    m_phase = Phase::Failed;
    m_failureStatus = status;
    m_failureDetail = detail;
    m_buffer.clear();
    m_position = 0;
    m_request = {};
    return Status::Failed;
}

std::optional<QByteArrayView> HttpRequestReader::nextLine(qsizetype maxBytes, bool *tooLong)
{
    *tooLong = false;
    const qsizetype newline = m_buffer.indexOf('\n', m_position);
    if (newline < 0) {
        *tooLong = bufferedBytes() > maxBytes;
        return std::nullopt;
    }
    QByteArrayView line(m_buffer.constData() + m_position, newline - m_position);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.size() > maxBytes) {
        *tooLong = true;
        return std::nullopt;
    }
    m_position = newline + 1;
    return line;
}

HttpRequestReader::Status HttpRequestReader::parseHead()
{
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    while (m_position < m_buffer.size()
           && (m_buffer.at(m_position) == '\n' || m_buffer.at(m_position) == '\r'))
        ++m_position;
    // The head ends with an empty line; until it is all here, only its size is checked.
    qsizetype end = -1;
    for (qsizetype at = m_buffer.indexOf('\n', m_position); at >= 0;
         at = m_buffer.indexOf('\n', at + 1)) {
        if (at + 1 < m_buffer.size() && m_buffer.at(at + 1) == '\n') {
            end = at + 2;
            break;
        }
        if (at + 2 < m_buffer.size() && m_buffer.at(at + 1) == '\r'
            && m_buffer.at(at + 2) == '\n') {
            end = at + 3;
            break;
        }
        if (at - m_position > m_limits.maxHeadBytes)
            break;
    }
    const qsizetype firstNewline = m_buffer.indexOf('\n', m_position);
    const qsizetype requestLineBytes
        = (firstNewline < 0 ? m_buffer.size() : firstNewline) - m_position;
    if (requestLineBytes > m_limits.maxRequestLineBytes)
        return fail(414,
                    u"Request line too long (limit: %1 bytes)"_s.arg(m_limits.maxRequestLineBytes));
    if ((end < 0 ? bufferedBytes() : end - m_position) > m_limits.maxHeadBytes)
        return fail(
            431, u"Request header fields too large (limit: %1 bytes)"_s.arg(m_limits.maxHeadBytes));
    if (end < 0)
        return Status::NeedMore;

    const QByteArrayView head(m_buffer.constData() + m_position, end - m_position);
    m_position = end;
    QList<QByteArrayView> lines;
    for (qsizetype start = 0; start < head.size();) {
        qsizetype newline = head.indexOf('\n', start);
        if (newline < 0)
            newline = head.size();
        QByteArrayView line = head.sliced(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.isEmpty())
            lines.append(line);
        start = newline + 1;
    }

    const QList<QByteArray> parts = lines.value(0).toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()
        || !isFieldValue(parts.at(1)))
        return fail(400, u"Invalid HTTP request line"_s);
    const QByteArray &version = parts.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505, u"Only HTTP/1.0 and HTTP/1.1 are supported"_s);
    if (lines.size() - 1 > m_limits.maxHeaderCount)
        return fail(431, u"Too many header fields (limit: %1)"_s.arg(m_limits.maxHeaderCount));

    m_request = {};
    m_request.method = parts.at(0);
    // Origin form ("/path?query") is read under a placeholder origin, so that a path starting
    // with "//" stays a path rather than becoming a host; the absolute form is read as it is.
    const QByteArray &target = parts.at(1);
    const QUrl url
        = QUrl::fromEncoded(target.startsWith('/') ? QByteArray("http://sandbox" + target) : target,
                            QUrl::TolerantMode);
    m_request.path = url.path(QUrl::FullyEncoded);
    m_request.query = url.query(QUrl::FullyEncoded).toUtf8();
    m_request.headers.reserve(lines.size() - 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, u"Obsolete line folding in a header field"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, u"Invalid header field name"_s);
        const QByteArrayView value = trimmedField(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return fail(400, u"Invalid character in a header field value"_s);
        m_request.headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    }

    const QByteArray connection = m_request.header("connection");
    m_keepAlive = version == "HTTP/1.1" ? !hasToken(connection, "close")
                                        : hasToken(connection, "keep-alive");
    const QByteArray transferEncoding = m_request.header("transfer-encoding");
    qsizetype contentLength = -1;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        // A list of equal values is allowed (RFC 9110 §8.6); anything else could frame the body
        // differently for another reader of the same bytes.
        for (const QByteArray &item : value.split(',')) {
            const QByteArrayView digits = trimmedField(item);
            bool ok = !digits.isEmpty() && digits.size() <= 18
                && std::all_of(digits.cbegin(), digits.cend(),
                               [](char c) { return c >= '0' && c <= '9'; });
            const qsizetype length = ok ? digits.toLongLong(&ok) : -1;
            if (!ok || (contentLength >= 0 && length != contentLength))
                return fail(400, u"Invalid Content-Length"_s);
            contentLength = length;
        }
    }
    if (!transferEncoding.isNull()) {
        if (contentLength >= 0)
            return fail(400, u"Both Transfer-Encoding and Content-Length"_s);
        if (trimmedField(transferEncoding).compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(501, u"Transfer-Encoding other than chunked is not supported"_s);
        m_phase = Phase::ChunkSize;
    } else if (contentLength > m_limits.maxBodyBytes) {
        return fail(413, tooLargeDetail(m_limits.maxBodyBytes));
    } else if (contentLength > 0) {
        m_remaining = contentLength;
        m_phase = Phase::Body;
    } else {
        m_phase = Phase::Done;
    }
    m_wantsContinue = m_phase != Phase::Done
        && trimmedField(m_request.header("expect")).compare("100-continue", Qt::CaseInsensitive)
            == 0;
    m_continueSent = false;
    m_trailerBytes = 0;
    return Status::Complete;
}

HttpRequestReader::Status HttpRequestReader::parse()
{
    bool tooLong = false;
    while (true) {
        switch (m_phase) {
        case Phase::Failed:
            return Status::Failed;
        case Phase::Done:
            return Status::Complete;
        case Phase::Head:
            if (const Status status = parseHead(); status != Status::Complete)
                return status;
            break;
        case Phase::Body:
        case Phase::ChunkData: {
            // Moved into the body as it arrives: the buffer never holds more than one read.
            const qsizetype take = std::min(m_remaining, bufferedBytes());
            m_request.body.append(m_buffer.constData() + m_position, take);
            m_position += take;
            m_remaining -= take;
            if (m_remaining > 0) {
                compact();
                return Status::NeedMore;
            }
            m_phase = m_phase == Phase::Body ? Phase::Done : Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkSize: {
            const std::optional<QByteArrayView> line = nextLine(1024, &tooLong);
            if (tooLong)
                return fail(400, u"Invalid chunk size line"_s);
            if (!line)
                return Status::NeedMore;
            QByteArrayView size = *line;
            if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
                size = size.first(semicolon); // chunk extensions mean nothing here
            size = trimmedField(size);
            bool ok = !size.isEmpty() && size.size() <= 15;
            const qsizetype chunk = ok ? size.toLongLong(&ok, 16) : -1;
            if (!ok || chunk < 0)
                return fail(400, u"Invalid chunk size line"_s);
            if (chunk > m_limits.maxBodyBytes - m_request.body.size())
                return fail(413, tooLargeDetail(m_limits.maxBodyBytes));
            m_remaining = chunk;
            m_phase = chunk == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkDataEnd: {
            const std::optional<QByteArrayView> line = nextLine(2, &tooLong);
            if (tooLong || (line && !line->isEmpty()))
                return fail(400, u"Invalid chunk framing"_s);
            if (!line)
                return Status::NeedMore;
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailers: {
            const qsizetype budget = m_limits.maxHeadBytes - m_trailerBytes;
            const std::optional<QByteArrayView> line = nextLine(budget, &tooLong);
            if (tooLong)
                return fail(431,
                            u"Request header fields too large (limit: %1 bytes)"_s.arg(
                                m_limits.maxHeadBytes));
            if (!line)
                return Status::NeedMore;
            m_trailerBytes += line->size() + 2;
            if (line->isEmpty())
                m_phase = Phase::Done;
            break;
        }
        }
    }
}

RecordedRequest HttpRequestReader::takeRequest()
{
    RecordedRequest request = std::move(m_request);
    m_request = {};
    m_phase = Phase::Head;
    m_remaining = 0;
    m_wantsContinue = false;
    m_continueSent = false;
    compact();
    return request;
}

JsonWork measureJson(QByteArrayView text, qsizetype stopAt)
{
    constexpr int maxDepth = 1024;
    JsonWork work;
    // Per open container: its element count so far, negative for arrays.
    QVarLengthArray<qsizetype, 64> open;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (open.size() >= maxDepth)
                return work;
            ++work.values;
            open.append(c == '{' ? 1 : -1);
            break;
        case '}':
        case ']':
            if (!open.isEmpty())
                open.removeLast();
            break;
        case ',':
            ++work.values;
            if (!open.isEmpty() && open.last() > 0)
                work.largestObject = std::max(work.largestObject, ++open.last());
            break;
        default:
            break;
        }
        if (work.values > stopAt)
            return work;
    }
    if (work.values == 0 && !text.trimmed().isEmpty())
        work.values = 1;
    return work;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Request Entity Too Large";
    case 414:
        return "URI Too Long";
    case 418:
        return "I'm a teapot";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace crondesk::sandbox
