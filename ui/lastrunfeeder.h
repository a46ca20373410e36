#pragma once

#include <models/inventory/lastrunstate.h>
#include <models/runs/lastruncache.h>

#include <QObject>
#include <QPointer>

#include <chrono>

class QTableView;
class QTimer;

namespace crondesk::models {
class CronTableModel;
}

namespace crondesk::ui {

// Feeds the inventory's Last run columns: when the table view settles (scrolled, resized,
// sorted, filtered, reloaded; debounced), asks the LastRunCache for the crons of the rows on
// screen, and hands what the cache answers to the model (CronTableModel::setLastRuns). So a
// deployment of 100,000 crons costs a few reads per screen, never one per cron; the cache keeps
// what was read for its maxAge, and a periodic look re-reads only stale rows on screen. Nothing
// is read while both columns are hidden. The model never sees the cache or the network.
class LastRunFeeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LastRunFeeder)

public:
    LastRunFeeder(models::LastRunCache *cache, models::CronTableModel *model, QTableView *view,
                  QObject *parent = nullptr);

    // How long the view must be still before the rows on screen are read.
    static constexpr std::chrono::milliseconds settleDelay {150};

    // Reads the rows on screen once the view has been still for settleDelay.
    void scheduleRefresh();
    // Reads the rows on screen now.
    void refreshNow();
    // Forgets what is known of one cron (after Run now) and reads it again if it is on screen.
    void invalidate(const QString &cronId);
    // Forgets everything (another deployment).
    void clear();

    // The table's words for a cache entry.
    static models::CronLastRunState stateOf(const models::LastRunCache::Entry &entry);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<api::Cron> cronsOnScreen() const;
    bool columnsShown() const;
    void push(const QStringList &cronIds);

    QPointer<models::LastRunCache> m_cache;
    QPointer<models::CronTableModel> m_model;
    QPointer<QTableView> m_view;
    QTimer *m_settle;
    QTimer *m_stale;
};

} // namespace crondesk::ui
