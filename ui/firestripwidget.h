#pragma once

#include <models/schedule/zonerules.h>
#include <models/timeline/firetimeline.h>

#include <QWidget>

namespace crondesk::ui {

// One strip per cron over the window: a tick at each fire time, and a dashed mark where the
// clocks of the cron's zone change (a fire time next to it may move; docs/schedule-dst.md). The
// axis shows the days on the chosen clock.
class FireStripWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FireStripWidget)

public:
    struct Strip
    {
        QString cronId;
        QString title; // "cron 1a2b3c4d · 0 9 * * 1-5"
        QString zoneName; // the cron's zone as it names it; empty: UTC
        QList<qint64> instants; // in the window, ascending
        bool truncated = false; // more fires than were listed
        QString problem; // why there are no ticks (paused, ended, invalid), or empty
        QList<schedule::ZoneRules::Transition> changes; // of the cron's zone, in the window
    };

    explicit FireStripWidget(QWidget *parent = nullptr);
    ~FireStripWidget() override;

    // The window, the clock its axis is drawn on, and the strips.
    void setStrips(models::TimelineWindow window, const schedule::ZoneRules *clock,
                   const QList<Strip> &strips);
    const QList<Strip> &strips() const { return m_strips; }
    // What to say when there are no strips.
    void setPlaceholder(const QString &text);

    // Where an instant is drawn, and the strip at a height (-1 for none).
    int xOf(qint64 instant) const;
    int stripAt(int y) const;
    QRect stripRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int trackLeft() const;
    int trackRight() const;
    QString toolTipAt(const QPoint &point) const;

    models::TimelineWindow m_window;
    const schedule::ZoneRules *m_clock = &schedule::ZoneRules::utc();
    QList<Strip> m_strips;
    QString m_placeholder;
};

} // namespace crondesk::ui
