#include "lastrunfeeder.h"

#include <models/inventory/crontablemodel.h>
#include <models/runs/runhistory.h>

#include <QAbstractProxyModel>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

namespace crondesk::ui {

LastRunFeeder::LastRunFeeder(models::LastRunCache *cache, models::CronTableModel *model,
                             QTableView *view, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_model(model)
    , m_view(view)
    , m_settle(new QTimer(this))
    , m_stale(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(settleDelay);
    connect(m_settle, &QTimer::timeout, this, &LastRunFeeder::refreshNow);
    // What was read goes stale after the cache's maxAge; the rows on screen are looked at again
    // then (only stale entries cost a read).
    m_stale->setInterval(std::chrono::milliseconds(cache->maxAge()));
    connect(m_stale, &QTimer::timeout, this, &LastRunFeeder::scheduleRefresh);
    m_stale->start();

    connect(cache, &models::LastRunCache::changed, this, &LastRunFeeder::push);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &LastRunFeeder::scheduleRefresh);
    connect(view->horizontalHeader(), &QHeaderView::sectionResized, this,
            &LastRunFeeder::scheduleRefresh); // hiding or showing a column resizes it
    view->viewport()->installEventFilter(this);
    QAbstractItemModel *shown = view->model();
    connect(shown, &QAbstractItemModel::layoutChanged, this, &LastRunFeeder::scheduleRefresh);
    connect(shown, &QAbstractItemModel::modelReset, this, &LastRunFeeder::scheduleRefresh);
    connect(shown, &QAbstractItemModel::rowsInserted, this, &LastRunFeeder::scheduleRefresh);
    connect(shown, &QAbstractItemModel::rowsRemoved, this, &LastRunFeeder::scheduleRefresh);
}

bool LastRunFeeder::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        scheduleRefresh();
    return QObject::eventFilter(watched, event);
}

void LastRunFeeder::scheduleRefresh()
{
    m_settle->start();
}

bool LastRunFeeder::columnsShown() const
{
    return !m_view->isColumnHidden(models::CronTableModel::LastRunColumn)
        || !m_view->isColumnHidden(models::CronTableModel::LastSuccessColumn);
}

QList<api::Cron> LastRunFeeder::cronsOnScreen() const
{
    QList<api::Cron> crons;
    const QAbstractItemModel *shown = m_view->model();
    const int rows = shown ? shown->rowCount() : 0;
    if (rows == 0)
        return crons;
    const int first = std::max(0, m_view->rowAt(0));
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (last < 0)
        last = rows - 1;
    for (int row = first; row <= last; ++row) {
        QModelIndex index = shown->index(row, 0);
        while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model()))
            index = proxy->mapToSource(index);
        if (index.model() == m_model)
            crons.append(m_model->cronAt(index.row()));
    }
    return crons;
}

void LastRunFeeder::refreshNow()
{
    m_settle->stop();
    if (!m_cache || !m_model || !m_view || !columnsShown())
        return;
    const QList<api::Cron> crons = cronsOnScreen();
    if (crons.isEmpty())
        return;
    m_cache->request(crons);
    // The rows now being read say so (their tooltip); those answered at once (no history) too.
    QStringList ids;
    ids.reserve(crons.size());
    for (const api::Cron &cron : crons)
        ids.append(cron.cronId);
    push(ids);
}

void LastRunFeeder::push(const QStringList &cronIds)
{
    if (!m_cache || !m_model)
        return;
    QHash<QString, models::CronLastRunState> states;
    for (const QString &id : cronIds) {
        const models::CronLastRunState state = stateOf(m_cache->entry(id));
        // Only what changed: an unchanged row must not make a sorted proxy sort again.
        if (!(state == m_model->lastRunState(id)))
            states.insert(id, state);
    }
    if (!states.isEmpty())
        m_model->setLastRuns(states);
}

void LastRunFeeder::invalidate(const QString &cronId)
{
    if (m_cache)
        m_cache->invalidate(cronId);
    scheduleRefresh();
}

void LastRunFeeder::clear()
{
    if (m_cache)
        m_cache->clear();
}

models::CronLastRunState LastRunFeeder::stateOf(const models::LastRunCache::Entry &entry)
{
    using State = models::LastRunCache::Entry::State;
    using Kind = models::CronLastRunState::Kind;
    models::CronLastRunState state;
    switch (entry.state) {
    case State::Unknown:
        state.kind = Kind::NotLoaded;
        return state;
    case State::Loading:
        state.kind = Kind::Loading;
        return state;
    case State::Unavailable:
        state.kind = Kind::Unavailable;
        state.reason = entry.reason;
        return state;
    case State::Failed:
        state.kind = Kind::ReadFailed;
        state.reason = entry.reason;
        return state;
    case State::Known:
        break;
    }
    state.kind = Kind::Known;
    if (entry.lastRun) {
        const api::Run &run = *entry.lastRun;
        state.lastRun = {run.runId, run.status, run.createdAt};
        state.statusText = models::runOutcomeText(models::runOutcome(run.status));
        state.durationMs = models::runDurationMs(run).value_or(-1);
    }
    if (entry.lastSuccess)
        state.lastSuccessAt = entry.lastSuccess->createdAt;
    return state;
}

} // namespace crondesk::ui
