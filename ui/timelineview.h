#pragma once

#include <models/timeline/heatmap.h>

#include <QDateTime>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>
#include <tuple>

class QComboBox;
class QDockWidget;
class QItemSelectionModel;
class QLabel;
class QMainWindow;
class QProgressBar;
class QTimer;

namespace crondesk::models {
class CronFilterProxyModel;
class CronTableModel;
} // namespace crondesk::models

namespace crondesk::ui {

class BackgroundRunner;
class FireStripWidget;
class HeatmapWidget;

// When the crons the inventory shows fire: a heatmap of the fire counts (days × hours over the
// next 7 days, or hours × minutes over the next 24 hours) on UTC, the operator's or a chosen
// zone's clock, and a strip per selected cron with its fire times and its zone's clock changes.
// It follows the table: the rows the filters let through, the rows selected.
//
// Everything is computed off the GUI thread (models/timeline); a newer computation supersedes an
// older one, whose result is dropped, so the view stays responsive while 100,000 crons load.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    // The most crons drawn as strips, and the most ticks listed per strip.
    static constexpr int maxStrips = 300;
    static constexpr qsizetype maxTicksPerStrip = 20000;

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // The Timeline as a dock of `window` (hidden until shown from the View menu), over the rows
    // `proxy` shows and the rows `selection` selects.
    static TimelineView *addDock(QMainWindow *window, const models::CronTableModel *model,
                                 const models::CronFilterProxyModel *proxy,
                                 QItemSelectionModel *selection, QDockWidget **dock);

    void setSource(const models::CronTableModel *model, const models::CronFilterProxyModel *proxy,
                   QItemSelectionModel *selection);

    // Pins the clock the window starts from (tests, screenshots); an invalid one follows the
    // system clock.
    void setNow(const QDateTime &now);
    void setGridLayout(models::HeatmapGrid::Layout layout);
    // The zone the heatmap and the axis are drawn in: an IANA name, empty for UTC.
    void setClockZone(const QString &name);
    QString clockZone() const;

    // The window the view shows now: from the start of the current hour (minute) on the chosen
    // clock, 7 days (24 hours) long.
    models::TimelineWindow window() const;
    const models::HeatmapGrid &grid() const;
    HeatmapWidget *heatmap() const { return m_heatmap; }
    FireStripWidget *strips() const { return m_strips; }
    QString statusText() const;
    bool isComputing() const;

    // What the Enter key or a click on a cell filters the inventory to, and the sentence that
    // says so.
    QSet<QString> cronIdsOfCell(int index) const;
    QString cellFilterDescription(int index, qsizetype cronCount) const;
    // The rich text a cell's tool-tip shows: its span, its count and its busiest crons.
    QString cellToolTip(int index) const;

    // What the background computations hand back (internal).
    struct HeatmapResult;
    struct StripsResult;

public Q_SLOTS:
    // Computes again from the table as it is now (after a short pause when called repeatedly).
    void refresh();

Q_SIGNALS:
    // Filter the inventory to these crons; `description` says which they are.
    void cronIdsActivated(const QSet<QString> &ids, const QString &description);
    void heatmapUpdated();
    void stripsUpdated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleHeatmap();
    void scheduleStrips();
    void startHeatmap();
    void startStrips();
    void showHeatmap(const HeatmapResult &result);
    void showStrips(const StripsResult &result);
    void onCurrentCellChanged(int index);
    void onCellActivated(int index);
    void onTick();
    void updateClockChoices(const QStringList &cronZones);
    void rebuildClockChoices();
    void updatePeaks();
    QDateTime now() const;
    const schedule::ZoneRules &clockRules() const;
    QList<models::TimelineCron> visibleCrons(QStringList *zones) const;

    const models::CronTableModel *m_model = nullptr;
    const models::CronFilterProxyModel *m_proxy = nullptr;
    QItemSelectionModel *m_selection = nullptr;

    QComboBox *m_layoutChoice;
    QComboBox *m_clockChoice;
    QProgressBar *m_progress;
    QLabel *m_status;
    HeatmapWidget *m_heatmap;
    QLabel *m_cellInfo;
    QLabel *m_peaks;
    QLabel *m_stripsTitle;
    FireStripWidget *m_strips;
    QTimer *m_heatmapTimer;
    QTimer *m_stripsTimer;
    QTimer *m_tickTimer;

    BackgroundRunner *m_heatmapRunner;
    BackgroundRunner *m_stripsRunner;
    quint64 m_heatmapGeneration = 0;
    quint64 m_stripsGeneration = 0;
    bool m_heatmapDirty = true;
    bool m_stripsDirty = true;

    // What the heatmap shows, from the last computation that finished and was still current.
    std::shared_ptr<const models::FirePlan> m_plan;
    std::unique_ptr<models::HeatmapGrid> m_grid;
    models::TimelineWindow m_shownWindow;
    // What the last computations started from, to skip those that would give the same.
    std::optional<std::tuple<QList<models::TimelineCron>, models::TimelineWindow, int, QString>>
        m_lastHeatmapKey;
    std::optional<std::pair<QList<models::TimelineCron>, models::TimelineWindow>> m_lastStripsKey;
    QDateTime m_pinnedNow;
    QStringList m_cronZones; // the zones the clock choice lists first, sorted
    // The clock choice is filled at the first show: reading the tz database for the ~600 zones
    // cost a tenth of the app's start-up, and the view starts hidden.
    bool m_clockChoicesFilled = false;
};

} // namespace crondesk::ui
