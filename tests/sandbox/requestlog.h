#pragma once

#include "httpmessage.h"

#include <QList>

namespace crondesk::sandbox {

// Every request the sandbox received, oldest first, so client tests can assert on the exact bytes
// the client sent. Bounded in entries, so a long benchmark does not grow it without limit, and in
// body bytes (maxBodyBytes), so that a stream of large bodies cannot either.
class RequestLog final
{
public:
    explicit RequestLog(qsizetype capacity = 10000);

    void append(const RecordedRequest &request);
    void clear();

    QList<RecordedRequest> entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    // The newest request; a default-constructed one when the log is empty.
    RecordedRequest last() const;
    // The requests whose method and path match exactly (path without query).
    QList<RecordedRequest> matching(QByteArrayView method, const QString &path) const;
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity);

    static constexpr qsizetype maxBodyBytes = 64 * 1024 * 1024;

private:
    void removeOldest(qsizetype count);

    qsizetype m_capacity;
    qsizetype m_bodyBytes = 0;
    QList<RecordedRequest> m_entries;
};

} // namespace crondesk::sandbox
