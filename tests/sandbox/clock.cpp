#include "clock.h"

namespace crondesk::sandbox {

SystemClock::SystemClock(QObject *parent)
    : Clock(parent)
{ }

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

ManualClock::ManualClock(const QDateTime &start, QObject *parent)
    : Clock(parent)
    , m_now(start.toUTC())
{ }

QDateTime ManualClock::now() const
{
    return m_now;
}

void ManualClock::setNow(const QDateTime &now)
{
    m_now = now.toUTC();
    Q_EMIT jumped();
}

void ManualClock::advance(std::chrono::milliseconds delta)
{
    m_now = m_now.addMSecs(delta.count());
    Q_EMIT jumped();
}

} // namespace crondesk::sandbox
