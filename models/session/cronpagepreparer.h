#pragma once

#include <models/inventory/preparedcron.h>

#include <QMap>
#include <QObject>

#include <chrono>
#include <functional>

class QTimer;

namespace crondesk::models {

// Prepares the pages of a load on worker threads (prepareCrons) and hands them to a sink on the
// owner's thread in the order they were added, so that rows keep the order in which their pages
// arrived even when a later page is ready first. The GUI thread then only moves prepared rows
// into the table.
//
// With a hand-over interval, the first pages ready go at once and the ones after wait until the
// interval has passed since the last hand-over, then go together: a table showing a load of
// 100 pages then repaints, re-sorts and re-keys a dozen times instead of a hundred (painting
// alone was a third of the GUI thread's time), and the operator still sees rows at once.
class CronPagePreparer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronPagePreparer)

public:
    // The pages ready, in the order they were added; never empty.
    using Sink = std::function<void(QList<PreparedPage> pages)>;

    explicit CronPagePreparer(Sink sink, QObject *parent = nullptr);
    ~CronPagePreparer() override;

    // Zero (the default): every page as soon as it and the ones before it are ready.
    void setHandOverInterval(std::chrono::milliseconds interval) { m_interval = interval; }

    // `readAt`: when the server's answer with these crons arrived; handed over with them.
    void add(QList<api::Cron> crons, const QDateTime &readAt);
    // No more pages come for now: the rest go as soon as they are ready, without waiting for
    // the interval (the end of a load is not held back). Undone by clear().
    void finish();
    // Forgets the pages not handed over yet: a load that failed or was replaced.
    void clear();
    // Every page added has been handed to the sink.
    bool isIdle() const { return m_nextReady == m_nextSequence && m_ready.isEmpty(); }

Q_SIGNALS:
    // The last page added so far has been handed to the sink.
    void drained();

private:
    void onPrepared(quint64 generation, int sequence, PreparedPage page);
    void handOverIfDue();

    Sink m_sink;
    std::chrono::milliseconds m_interval {0};
    QTimer *m_intervalTimer; // running: a hand-over happened less than the interval ago
    bool m_finishing = false;
    quint64 m_generation = 0; // pages prepared for an earlier generation are dropped
    int m_nextSequence = 0;
    int m_nextReady = 0; // the first page not moved to m_ready yet
    QMap<int, PreparedPage> m_waiting; // prepared, behind a page that is not
    QList<PreparedPage> m_ready; // prepared and in order, waiting for the interval
};

} // namespace crondesk::models
