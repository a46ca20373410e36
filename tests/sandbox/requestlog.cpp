#include "requestlog.h"

namespace crondesk::sandbox {

RequestLog::RequestLog(qsizetype capacity)
    : m_capacity(capacity)
{ }

void RequestLog::append(const RecordedRequest &request)
{
    if (m_capacity <= 0)
        return;
    // Drop the oldest tenth at once rather than one per request: removing from the front of a
    // QList is linear.
    if (m_entries.size() >= m_capacity)
        removeOldest(std::max<qsizetype>(1, m_capacity / 10));
    if (m_bodyBytes + request.body.size() > maxBodyBytes) {
        qsizetype count = 0;
        qsizetype freed = 0;
        while (count < m_entries.size() && m_bodyBytes - freed + request.body.size() > maxBodyBytes)
            freed += m_entries.at(count++).body.size();
        removeOldest(count);
    }
    m_entries.append(request);
    m_bodyBytes += request.body.size();
}

void RequestLog::removeOldest(qsizetype count)
{
    for (qsizetype i = 0; i < count && i < m_entries.size(); ++i)
        m_bodyBytes -= m_entries.at(i).body.size();
    m_entries.remove(0, std::min(count, m_entries.size()));
}

void RequestLog::clear()
{
    m_entries.clear();
    m_bodyBytes = 0;
}

RecordedRequest RequestLog::last() const
{
    return m_entries.isEmpty() ? RecordedRequest {} : m_entries.last();
}

QList<RecordedRequest> RequestLog::matching(QByteArrayView method, const QString &path) const
{
    QList<RecordedRequest> result;
    for (const RecordedRequest &request : m_entries) {
        if (request.method == method && request.path == path)
            result.append(request);
    }
    return result;
}

void RequestLog::setCapacity(qsizetype capacity)
{
    m_capacity = capacity;
    if (m_capacity >= 0 && m_entries.size() > m_capacity)
        removeOldest(m_entries.size() - m_capacity);
}

} // namespace crondesk::sandbox
