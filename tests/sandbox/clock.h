#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>

namespace crondesk::sandbox {

// Where the sandbox gets "now" from: timestamps, next_run_date and the scheduler all ask the
// clock, so a test can freeze and advance time instead of waiting for it.
class Clock : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Clock)

public:
    explicit Clock(QObject *parent = nullptr)
        : QObject(parent)
    { }
    ~Clock() override = default;

    // Always in UTC.
    virtual QDateTime now() const = 0;

Q_SIGNALS:
    // Time moved by other means than its normal flow (a test set or advanced it), so the scheduler
    // should look for due crons at once.
    void jumped();
};

class SystemClock final : public Clock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemClock)

public:
    explicit SystemClock(QObject *parent = nullptr);
    QDateTime now() const override;
};

// Stands still until told otherwise.
class ManualClock final : public Clock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualClock)

public:
    explicit ManualClock(const QDateTime &start, QObject *parent = nullptr);

    QDateTime now() const override;
    void setNow(const QDateTime &now);
    void advance(std::chrono::milliseconds delta);

private:
    QDateTime m_now;
};

} // namespace crondesk::sandbox
