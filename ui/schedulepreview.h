#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>

class QLabel;
class QTableWidget;

namespace crondesk::ui {

// What a schedule means: the plain-English description, the next five fire times in the cron's
// zone, the operator's zone and UTC, and notes on the coming clock changes. A client-side
// prediction; the server's next_run_date is the authority once saved.
class SchedulePreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulePreview)

public:
    explicit SchedulePreview(QWidget *parent = nullptr);
    ~SchedulePreview() override;

    void setSchedule(const QString &expression, const QString &zoneName);
    // For tests and screenshots: a fixed "now" instead of the clock.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    QString description() const;
    QTableWidget *table() const { return m_table; }
    QString dstText() const;

private:
    QLabel *m_description;
    QTableWidget *m_table;
    QLabel *m_dst;
    std::function<QDateTime()> m_now;
};

} // namespace crondesk::ui
