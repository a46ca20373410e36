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
        m_entries.remove(0, std::max<qsizetype>(1, m_capacity / 10));
    m_entries.append(request);
}

void RequestLog::clear()
{
    m_entries.clear();
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
        m_entries.remove(0, m_entries.size() - m_capacity);
}

} // namespace crondesk::sandbox
