#include "http1responseparser.h"

#include <models/api/bodybuffers.h>

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>
#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// The messages keep the context they had when they were written inside ApiNetworkManager.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ApiNetworkManager)
};

bool isToken(QByteArrayView text, QByteArrayView token)
{
    return text.trimmed().compare(token, Qt::CaseInsensitive) == 0;
}

} // namespace

Http1ResponseParser::Http1ResponseParser(QByteArray verb)
    : m_verb(std::move(verb))
{ }

void Http1ResponseParser::append(QByteArrayView bytes)
{
    if (bytes.isEmpty() || m_final != Event::NeedMore)
        return;
    m_anyAnswer = true;
    m_in.append(bytes);
}

void Http1ResponseParser::append(QByteArray &&bytes)
{
    if (bytes.isEmpty() || m_final != Event::NeedMore)
        return;
    m_anyAnswer = true;
    if (m_in.isEmpty())
        m_in = std::move(bytes);
    else
        m_in.append(bytes);
}

QByteArray Http1ResponseParser::header(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

Http1ResponseParser::Event Http1ResponseParser::fail(Failure failure, const QString &message)
{
    m_failure = failure;
    m_error = message;
    m_stage = Stage::Done;
    m_final = Event::Failed;
    return m_final;
}

// Takes one line ending in LF (CR LF) off the input; false while there is none, or when the head
// grew too large (then the parser has failed).
bool Http1ResponseParser::takeLine(QByteArray *line)
{
    const qsizetype end = m_in.indexOf('\n');
    if (end < 0) {
        if (m_in.size() > maxHeadBytes)
            fail(Failure::Protocol, Tr::tr("A line of the answer's head is too long"));
        return false;
    }
    *line = m_in.left(end);
    if (line->endsWith('\r'))
        line->chop(1);
    m_in.remove(0, end + 1);
    m_headBytes += end + 1;
    if (m_headBytes > maxHeadBytes) {
        fail(Failure::Protocol,
             Tr::tr("The answer's head is larger than %1 KiB").arg(maxHeadBytes / 1024));
        return false;
    }
    return true;
}

QByteArray &Http1ResponseParser::pieceWithRoomFor(qint64 count)
{
    if (!m_pieces.empty() && m_pieces.back().size() + count <= m_pieces.back().capacity())
        return m_pieces.back();
    // The rest of a body of known length in one piece (written once, handed over as it is by
    // takeWholeBody()); it is reserved only when its first bytes arrive, after the receiver has
    // seen the announced length and could refuse it.
    const qint64 size = m_framing == Framing::Length
        ? std::min<qint64>(m_expected - m_bodySize, wholePieceBytes)
        : pieceBytes;
    const auto bytes = qsizetype(std::max<qint64>(count, size));
    if (m_framing == Framing::Length) {
        // Most likely the whole body, so an array a decoded answer gave back will do.
        m_pieces.push_back(BodyBuffers::take(bytes));
    } else {
        m_pieces.emplace_back();
        m_pieces.back().reserve(bytes);
    }
    return m_pieces.back();
}

void Http1ResponseParser::moveInputToBody(qint64 count)
{
    // A whole read of body bytes of unknown length becomes a piece as it is, without a copy; only
    // a large one, so that a server dripping a byte at a time cannot make a piece of every byte.
    const bool lastHasRoom
        = !m_pieces.empty() && m_pieces.back().size() + count <= m_pieces.back().capacity();
    if (m_framing != Framing::Length && !lastHasRoom && count == m_in.size()
        && count >= pieceBytes) {
        m_pieces.push_back(std::exchange(m_in, QByteArray()));
        m_bodySize += count;
        return;
    }
    pieceWithRoomFor(count).append(m_in.constData(), qsizetype(count));
    m_in.remove(0, qsizetype(count));
    m_bodySize += count;
}

qint64 Http1ResponseParser::appendBodyFrom(QIODevice &device)
{
    if (m_final != Event::NeedMore || m_stage != Stage::Body || m_framing != Framing::Length
        || !m_in.isEmpty())
        return 0;
    qint64 wanted = std::min<qint64>(m_expected - m_bodySize, device.bytesAvailable());
    if (wanted <= 0)
        return 0;
    if (!m_pieces.empty() && m_pieces.back().capacity() > m_pieces.back().size())
        wanted = std::min<qint64>(wanted, m_pieces.back().capacity() - m_pieces.back().size());
    QByteArray &piece = pieceWithRoomFor(wanted);
    const qsizetype start = piece.size();
    piece.resize(start + qsizetype(wanted)); // within its capacity: no copy, nothing written
    const qint64 read = device.read(piece.data() + start, wanted);
    piece.resize(start + qsizetype(std::max<qint64>(read, 0)));
    if (read <= 0)
        return 0;
    m_anyAnswer = true;
    m_bodySize += read;
    m_bodyReadDirectly = true;
    return read;
}

qint64 Http1ResponseParser::readBody(char *data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize && !m_pieces.empty()) {
        QByteArray &front = m_pieces.front();
        const qint64 count = std::min<qint64>(maxSize - copied, front.size() - m_frontOffset);
        std::memcpy(data + copied, front.constData() + m_frontOffset, size_t(count));
        copied += count;
        m_frontOffset += qsizetype(count);
        if (m_frontOffset < front.size())
            break;
        m_frontOffset = 0;
        if (m_pieces.size() > 1) {
            m_pieces.pop_front();
            continue;
        }
        // The last piece keeps its room: a body of known length read as it comes would otherwise
        // reserve its whole remainder again after every read.
        front.truncate(0);
        break;
    }
    m_bodyRead += copied;
    return copied;
}

QByteArray Http1ResponseParser::takeWholeBody()
{
    if (bodyAvailable() == 0) {
        m_pieces.clear();
        m_frontOffset = 0;
        return {};
    }
    if (m_pieces.size() == 1 && m_frontOffset == 0) {
        QByteArray whole = std::move(m_pieces.front());
        m_pieces.clear();
        m_bodyRead = m_bodySize;
        return whole;
    }
    QByteArray whole(qsizetype(bodyAvailable()), Qt::Uninitialized);
    whole.truncate(qsizetype(readBody(whole.data(), whole.size())));
    return whole;
}

// The input ran out: wait for more, or, when the connection closed, say what was cut off.
Http1ResponseParser::Event Http1ResponseParser::cutOff()
{
    if (m_final != Event::NeedMore)
        return m_final;
    if (!m_closed)
        return Event::NeedMore;
    if (!m_anyAnswer)
        return fail(Failure::NoAnswer, Tr::tr("The connection closed before the server answered"));
    if (m_stage == Stage::Status || m_stage == Stage::Headers)
        return fail(Failure::CutOff,
                    Tr::tr("The answer was cut off: the connection closed in its headers"));
    if (m_framing == Framing::Length)
        return fail(Failure::CutOff,
                    Tr::tr("The answer was cut off: the connection closed after %1 of %2 bytes")
                        .arg(m_bodySize)
                        .arg(m_expected));
    return fail(Failure::CutOff,
                Tr::tr("The answer was cut off: the connection closed after %1 bytes, before the "
                       "last chunk")
                    .arg(m_bodySize));
}

Http1ResponseParser::Event Http1ResponseParser::headDone()
{
    const QByteArray connection = header("connection").toLower();
    m_keepAlive = m_http10 ? connection.contains("keep-alive") : !connection.contains("close");
    const QByteArray coding = header("content-encoding");
    if (!coding.isEmpty() && !isToken(coding, "identity"))
        return fail(Failure::Protocol,
                    Tr::tr("The server compressed its answer (%1) although asked not to")
                        .arg(QString::fromLatin1(coding)));
    const QByteArray transfer = header("transfer-encoding");
    const QByteArray length = header("content-length");
    if (m_verb == "HEAD" || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
    } else if (!transfer.isEmpty()) {
        // Chunked must come last; any other coding is read until the close (RFC 9112 §6.3).
        m_framing = transfer.toLower().trimmed().endsWith("chunked") ? Framing::Chunked
                                                                     : Framing::UntilClose;
    } else if (!length.isEmpty()) {
        bool ok = false;
        m_expected = length.trimmed().toLongLong(&ok);
        if (!ok || m_expected < 0 || length.contains(','))
            return fail(Failure::Protocol,
                        Tr::tr("The answer's Content-Length \"%1\" is not a length")
                            .arg(QString::fromLatin1(length.left(40))));
        m_framing = m_expected == 0 ? Framing::None : Framing::Length;
    } else {
        m_framing = Framing::UntilClose;
    }
    if (m_framing == Framing::UntilClose)
        m_keepAlive = false;
    switch (m_framing) {
    case Framing::None:
        m_stage = Stage::Done; // complete once the head is reported
        break;
    case Framing::Chunked:
        m_stage = Stage::ChunkSize;
        m_headBytes = 0;
        break;
    case Framing::Length:
    case Framing::UntilClose:
        m_stage = Stage::Body;
        break;
    }
    return Event::Head;
}

Http1ResponseParser::Event Http1ResponseParser::next()
{
    if (m_final != Event::NeedMore)
        return m_final;
    QByteArray line;
    for (;;) {
        switch (m_stage) {
        case Stage::Status: {
            if (!takeLine(&line))
                return cutOff();
            if (line.isEmpty() && m_headBytes <= 4)
                continue; // a stray CRLF before the status line
            const QList<QByteArray> parts = line.split(' ');
            bool ok = false;
            const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
            if (!line.startsWith("HTTP/1.") || !ok || status < 100 || status > 999)
                return fail(Failure::Protocol, Tr::tr("The server's answer is not HTTP"));
            m_status = status;
            m_http10 = line.startsWith("HTTP/1.0");
            m_reason = parts.size() > 2 ? line.mid(parts.at(0).size() + parts.at(1).size() + 2)
                                        : QByteArray();
            m_headers.clear();
            m_stage = Stage::Headers;
            break;
        }
        case Stage::Headers:
            if (!takeLine(&line))
                return cutOff();
            if (!line.isEmpty()) {
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    return fail(Failure::Protocol,
                                Tr::tr("A header line of the answer has no name"));
                m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                break;
            }
            if (m_status >= 100 && m_status < 200) {
                m_stage = Stage::Status; // 100 Continue and the like: the answer follows
                m_headBytes = 0;
                break;
            }
            return headDone();
        case Stage::Body:
            if (std::exchange(m_bodyReadDirectly, false))
                return Event::Body; // appendBodyFrom() added bytes
            if (m_framing == Framing::Length) {
                const qint64 count = std::min<qint64>(m_expected - m_bodySize, m_in.size());
                if (count > 0) {
                    moveInputToBody(count);
                    return Event::Body;
                }
                if (m_bodySize == m_expected) {
                    m_stage = Stage::Done;
                    break;
                }
                return cutOff();
            }
            // Until the close.
            if (!m_in.isEmpty()) {
                moveInputToBody(m_in.size());
                return Event::Body;
            }
            if (m_closed) {
                m_stage = Stage::Done;
                break;
            }
            return Event::NeedMore;
        case Stage::ChunkSize: {
            if (!takeLine(&line))
                return cutOff();
            m_headBytes = 0; // chunk lines are limited one by one
            const qsizetype extension = line.indexOf(';');
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = false;
            const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return fail(Failure::Protocol, Tr::tr("The answer's chunked framing is broken"));
            m_chunkLeft = size;
            m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
            break;
        }
        case Stage::ChunkData: {
            const qint64 count = std::min<qint64>(m_chunkLeft, m_in.size());
            if (count <= 0)
                return cutOff();
            moveInputToBody(count);
            m_chunkLeft -= count;
            if (m_chunkLeft == 0)
                m_stage = Stage::ChunkEnd;
            return Event::Body;
        }
        case Stage::ChunkEnd:
            if (!takeLine(&line))
                return cutOff();
            if (!line.isEmpty())
                return fail(Failure::Protocol, Tr::tr("The answer's chunked framing is broken"));
            m_headBytes = 0;
            m_stage = Stage::ChunkSize;
            break;
        case Stage::Trailers:
            if (!takeLine(&line))
                return cutOff();
            if (line.isEmpty())
                m_stage = Stage::Done;
            break;
        case Stage::Done:
            m_final = Event::Complete;
            return m_final;
        }
    }
}

} // namespace crondesk::api
