#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <deque>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace crondesk::api {

// Reads one HTTP/1.1 answer from the bytes of a connection: the status line, the head (at most
// maxHeadBytes) and the body exactly as framed (Content-Length reached, the last chunk read, or,
// only without either, the connection closed). The socket side lives in ApiNetworkManager's
// Http1Reply; this is the part that judges bytes, kept apart so that it can be tested and fuzzed
// without a connection.
//
//     Http1ResponseParser parser("GET");
//     parser.append(bytes);           // as they arrive; close() when the connection ends
//     for (;;) switch (parser.next()) { case Event::NeedMore: ...wait...; case Event::Head: ... }
class Http1ResponseParser final
{
public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    // The most a status line and the headers of one answer may take: an API server sends a few
    // hundred bytes; a server that sends more is not one.
    static constexpr qsizetype maxHeadBytes = 64 * 1024;

    enum class Framing { None, Length, Chunked, UntilClose };
    enum class Event {
        NeedMore, // nothing more until more bytes arrive, or the connection closes
        Head, // the status line and headers of the final answer are read
        Body, // body bytes were added (bodySize(), readBody())
        Complete, // the answer is whole
        Failed, // failure() and errorString() say why; nothing more follows
    };
    enum class Failure {
        None,
        Protocol, // bytes that are not a well-formed HTTP/1.1 answer
        CutOff, // the connection closed before the answer was complete
        NoAnswer, // the connection closed before a single byte of an answer
    };

    // `verb` is the request's method: a HEAD answer has no body whatever its head says.
    explicit Http1ResponseParser(QByteArray verb);

    void append(QByteArrayView bytes);
    // The same, taking the array itself when nothing is waiting: most reads of a body then reach
    // the body without a copy (see takeBody()).
    void append(QByteArray &&bytes);
    // Reads the body's next bytes from `device` straight into the body, when they can go there
    // without passing through append(): the head is read, nothing is waiting, and the body is
    // framed by Content-Length (so it is known where it ends). Reads at most up to the body's end,
    // leaving anything after it in `device`. Returns how many bytes it read; 0 when the bytes
    // must go through append(). Call next() afterwards as after append().
    qint64 appendBodyFrom(QIODevice &device);
    // Whether the status line or the headers are still to come: a reader hands them over in
    // small reads, so that most of the body is left for appendBodyFrom().
    bool readingHead() const { return m_stage == Stage::Status || m_stage == Stage::Headers; }
    // The connection closed: nothing more will arrive.
    void close() { m_closed = true; }
    // Reads as far as the bytes allow and says what happened. Call again after Head and Body;
    // after Complete and Failed it keeps answering the same.
    Event next();

    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    const HeaderList &headers() const { return m_headers; }
    // The first value of a header, matched case-insensitively; empty if absent.
    QByteArray header(QByteArrayView name) const;
    Framing framing() const { return m_framing; }
    // Content-Length, for Framing::Length.
    qint64 expectedLength() const { return m_expected; }
    // Body bytes received so far, and those of them not yet taken by readBody().
    qint64 bodySize() const { return m_bodySize; }
    qint64 bodyAvailable() const { return m_bodySize - m_bodyRead; }
    // Moves up to `maxSize` body bytes, oldest first, to `data` and frees them; returns how many.
    qint64 readBody(char *data, qint64 maxSize);
    // Every body byte not yet read, as one array, and frees them. A body framed by
    // Content-Length is kept in one array of its length, which is handed over without a copy.
    QByteArray takeWholeBody();
    // Whether the connection may carry the next request once this answer is complete.
    bool keepAlive() const { return m_keepAlive; }
    // Bytes after the end of the answer (nobody asked for them).
    bool hasExtraBytes() const { return !m_in.isEmpty(); }
    // Whether any byte arrived at all.
    bool anyAnswer() const { return m_anyAnswer; }

    Failure failure() const { return m_failure; }
    QString errorString() const { return m_error; }

private:
    enum class Stage { Status, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done };

    bool takeLine(QByteArray *line);
    Event fail(Failure failure, const QString &message);
    // Decides how the body is framed once the head is read; Failed or Head.
    Event headDone();
    Event cutOff();
    void moveInputToBody(qint64 count);
    // The piece the next `count` body bytes are written to: the last one when it has room, else a
    // new one (for a body of known length, one piece of its remaining length, up to a limit).
    QByteArray &pieceWithRoomFor(qint64 count);

    QByteArray m_verb;
    QByteArray m_in; // received, not yet parsed
    // The body, in pieces of at least pieceBytes rather than one growing array: growing a 256 MiB
    // array copies it into a new 512 MiB one, so a page stopped at its limit cost 650 MB; and a
    // piece is freed as soon as it is read.
    static constexpr qsizetype pieceBytes = 64 * 1024;
    // A body of known length is held in one piece of that length, so that it is written once and
    // handed over without a copy; up to this size, so that a Content-Length alone cannot make the
    // client reserve more (a larger body takes several such pieces).
    static constexpr qsizetype wholePieceBytes = 16 * 1024 * 1024;
    std::deque<QByteArray> m_pieces;
    qsizetype m_frontOffset = 0; // bytes of the first piece already read
    qint64 m_bodySize = 0;
    qint64 m_bodyRead = 0;
    Stage m_stage = Stage::Status;
    Framing m_framing = Framing::None;
    HeaderList m_headers;
    QByteArray m_reason;
    qint64 m_expected = 0;
    qint64 m_chunkLeft = 0;
    qsizetype m_headBytes = 0;
    int m_status = 0;
    bool m_http10 = false;
    bool m_keepAlive = false;
    bool m_anyAnswer = false;
    bool m_closed = false;
    bool m_bodyReadDirectly = false; // bytes from appendBodyFrom() not yet reported as Body
    Event m_final = Event::NeedMore; // Complete or Failed once decided
    Failure m_failure = Failure::None;
    QString m_error;
};

} // namespace crondesk::api
