#include "timelineview.h"

#include "backgroundrunner.h"
#include "firestripwidget.h"
#include "heatmapwidget.h"

#include <models/common/displayformat.h>
#include <models/inventory/cronfilterproxymodel.h>
#include <models/inventory/crontablemodel.h>
#include <models/schedule/zonerules.h>

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// Pauses before computing again: pages of a load arrive every few milliseconds, and a burst of
// them is one change for the timeline.
constexpr int heatmapDelayMs = 250;
constexpr int stripsDelayMs = 80;
constexpr int topCrons = 5;
// Progress is reported in thousandths: grouping the crons is the first 30%, counting the rest.
constexpr int progressRange = 1000;
constexpr int groupingShare = 300;

using Layout = models::HeatmapGrid::Layout;

struct HeatmapJob
{
    quint64 generation = 0;
    QList<models::TimelineCron> crons;
    models::TimelineWindow window;
    Layout layout = Layout::DaysByHours;
    const schedule::ZoneRules *clock = nullptr;
    QString clockName;
};

struct StripsJob
{
    quint64 generation = 0;
    QList<models::TimelineCron> crons;
    models::TimelineWindow window;
};

// The operator's zone, when it is an IANA name the engine reads; otherwise UTC.
QString localZoneName()
{
    const QString name = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    return schedule::isValidZoneName(name) ? name : QString();
}

// Every zone the server accepts, for the clock choice; read once.
const QStringList &allZoneNames()
{
    static const QStringList names = [] {
        QStringList list;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
            const QString name = QString::fromUtf8(id);
            if (name.contains(u'/') && schedule::isValidZoneName(name))
                list.append(name);
        }
        list.sort();
        return list;
    }();
    return names;
}

QString shortCronId(const QString &id)
{
    return models::shortId(id);
}

} // namespace

struct TimelineView::HeatmapResult
{
    quint64 generation = 0;
    std::shared_ptr<const models::FirePlan> plan;
    models::HeatmapGrid grid;
};

struct TimelineView::StripsResult
{
    quint64 generation = 0;
    models::TimelineWindow window;
    QList<FireStripWidget::Strip> strips;
};

namespace {

using Control = BackgroundRunner::Control;
std::optional<TimelineView::HeatmapResult> computeHeatmap(const Control &control,
                                                          const HeatmapJob &job);
std::optional<TimelineView::StripsResult> computeStrips(const Control &control,
                                                        const StripsJob &job);

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
    , m_layoutChoice(new QComboBox(this))
    , m_clockChoice(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_heatmap(new HeatmapWidget(this))
    , m_cellInfo(new QLabel(this))
    , m_peaks(new QLabel(this))
    , m_stripsTitle(new QLabel(this))
    , m_strips(new FireStripWidget(this))
    , m_heatmapTimer(new QTimer(this))
    , m_stripsTimer(new QTimer(this))
    , m_tickTimer(new QTimer(this))
    , m_heatmapRunner(new BackgroundRunner(this))
    , m_stripsRunner(new BackgroundRunner(this))
    , m_grid(std::make_unique<models::HeatmapGrid>())
{
    setObjectName(u"timelineView"_s);

    m_layoutChoice->setObjectName(u"timelineLayout"_s);
    m_layoutChoice->setAccessibleName(tr("Heatmap layout"));
    m_layoutChoice->setToolTip(tr("Days by hours over the next 7 days, or hours by minutes over "
                                  "the next 24 hours"));
    m_layoutChoice->addItem(tr("7 days × 24 hours"), int(Layout::DaysByHours));
    m_layoutChoice->addItem(tr("24 hours × 60 minutes"), int(Layout::HoursByMinutes));

    m_clockChoice->setObjectName(u"timelineClock"_s);
    m_clockChoice->setAccessibleName(tr("Clock of the timeline"));
    m_clockChoice->setToolTip(tr("The time zone the heatmap's days and hours are counted in"));
    m_clockChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_clockChoice->setMinimumContentsLength(18);
    // Filled at the first show (showEvent): the view starts hidden, and finding the desk's zone
    // and every zone reads the tz database, a tenth of the app's start-up. Until then the empty
    // choice reads as UTC, like its first entry.

    m_progress->setObjectName(u"timelineProgress"_s);
    m_progress->setAccessibleName(tr("Timeline progress"));
    m_progress->setRange(0, progressRange);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setObjectName(u"timelineStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    m_heatmap->setObjectName(u"timelineHeatmap"_s);
    m_heatmap->setAccessibleName(tr("Fire heatmap"));
    m_heatmap->setToolTipProvider([this](int index) { return cellToolTip(index); });
    m_cellInfo->setObjectName(u"timelineCellInfo"_s);
    m_cellInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cellInfo->setWordWrap(true);
    m_peaks->setObjectName(u"timelinePeaks"_s);
    m_peaks->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_peaks->setWordWrap(true);
    m_peaks->setStyleSheet(u"QLabel { color: #b71c1c; }"_s);

    m_stripsTitle->setObjectName(u"timelineStripsTitle"_s);
    m_strips->setObjectName(u"timelineStrips"_s);
    m_strips->setAccessibleName(tr("Fire times of the selected crons"));
    m_strips->setPlaceholder(tr("Select crons in the table to see when each of them fires."));
    auto *stripsScroll = new QScrollArea(this);
    stripsScroll->setObjectName(u"timelineStripsScroll"_s);
    stripsScroll->setWidget(m_strips);
    stripsScroll->setWidgetResizable(true);
    stripsScroll->setFrameShape(QFrame::NoFrame);

    auto *controls = new QHBoxLayout;
    auto *layoutLabel = new QLabel(tr("&Show:"), this);
    layoutLabel->setBuddy(m_layoutChoice);
    auto *clockLabel = new QLabel(tr("&Clock:"), this);
    clockLabel->setBuddy(m_clockChoice);
    controls->addWidget(layoutLabel);
    controls->addWidget(m_layoutChoice);
    controls->addSpacing(8);
    controls->addWidget(clockLabel);
    controls->addWidget(m_clockChoice);
    controls->addSpacing(8);
    controls->addWidget(m_progress);
    controls->addWidget(m_status, 1);

    auto *heatmapPane = new QWidget(this);
    auto *heatmapLayout = new QVBoxLayout(heatmapPane);
    heatmapLayout->setContentsMargins(0, 0, 0, 0);
    heatmapLayout->addWidget(m_heatmap, 1);
    heatmapLayout->addWidget(m_peaks);
    heatmapLayout->addWidget(m_cellInfo);
    heatmapLayout->addStretch(0);
    auto *stripsPane = new QWidget(this);
    auto *stripsLayout = new QVBoxLayout(stripsPane);
    stripsLayout->setContentsMargins(0, 0, 0, 0);
    stripsLayout->addWidget(m_stripsTitle);
    stripsLayout->addWidget(stripsScroll, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"timelineSplitter"_s);
    splitter->addWidget(heatmapPane);
    splitter->addWidget(stripsPane);
    // The heatmap takes what its cells need; the strips the rest.
    heatmapPane->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    m_heatmapTimer->setSingleShot(true);
    m_heatmapTimer->setInterval(heatmapDelayMs);
    connect(m_heatmapTimer, &QTimer::timeout, this, &TimelineView::startHeatmap);
    m_stripsTimer->setSingleShot(true);
    m_stripsTimer->setInterval(stripsDelayMs);
    connect(m_stripsTimer, &QTimer::timeout, this, &TimelineView::startStrips);
    // The window moves on with the clock: every hour (minute) starts a new one.
    m_tickTimer->setInterval(std::chrono::seconds(20));
    connect(m_tickTimer, &QTimer::timeout, this, &TimelineView::onTick);
    m_tickTimer->start();

    connect(m_heatmapRunner, &BackgroundRunner::progressChanged, m_progress,
            &QProgressBar::setValue);
    connect(m_heatmap, &HeatmapWidget::currentCellChanged, this,
            &TimelineView::onCurrentCellChanged);
    connect(m_heatmap, &HeatmapWidget::cellActivated, this, &TimelineView::onCellActivated);
    connect(m_layoutChoice, &QComboBox::currentIndexChanged, this, [this] {
        scheduleHeatmap();
        scheduleStrips();
    });
    connect(m_clockChoice, &QComboBox::currentIndexChanged, this, [this] {
        scheduleHeatmap();
        scheduleStrips();
    });
}

// The runners, children of the view, cancel what runs and wait for it to notice.
TimelineView::~TimelineView() = default;

TimelineView *TimelineView::addDock(QMainWindow *window, const models::CronTableModel *model,
                                    const models::CronFilterProxyModel *proxy,
                                    QItemSelectionModel *selection, QDockWidget **dock)
{
    auto *view = new TimelineView(window);
    view->setSource(model, proxy, selection);
    auto *timelineDock = new QDockWidget(tr("Timeline"), window);
    timelineDock->setObjectName(u"timelineDock"_s);
    timelineDock->setWidget(view);
    timelineDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                              | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    timelineDock->hide();
    QAction *toggle = timelineDock->toggleViewAction();
    toggle->setText(tr("&Timeline"));
    toggle->setShortcut(QKeySequence(u"Ctrl+T"_s));
    toggle->setToolTip(tr("Show or hide when the crons in view fire (Ctrl+T)"));
    toggle->setObjectName(u"timelineAction"_s);
    if (dock)
        *dock = timelineDock;
    return view;
}

void TimelineView::setSource(const models::CronTableModel *model,
                             const models::CronFilterProxyModel *proxy,
                             QItemSelectionModel *selection)
{
    m_model = model;
    m_proxy = proxy;
    m_selection = selection;
    // Whatever changes the rows in view changes the heatmap; the selection changes the strips.
    const auto changed = [this] {
        scheduleHeatmap();
        scheduleStrips();
    };
    connect(proxy, &QAbstractItemModel::rowsInserted, this, changed);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(proxy, &QAbstractItemModel::modelReset, this, changed);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, changed);
    // Health and "next run" change with the clock every few seconds; only a change of what
    // decides fire times matters here (a re-read row changes every column).
    connect(proxy, &QAbstractItemModel::dataChanged, this,
            [changed](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                using Column = models::CronTableModel::Column;
                if (topLeft.column() <= Column::EnabledColumn
                    && bottomRight.column() >= Column::TimezoneColumn)
                    changed();
            });
    if (selection)
        connect(selection, &QItemSelectionModel::selectionChanged, this,
                &TimelineView::scheduleStrips);
    scheduleHeatmap();
    scheduleStrips();
}

void TimelineView::setNow(const QDateTime &now)
{
    m_pinnedNow = now;
    scheduleHeatmap();
    scheduleStrips();
}

void TimelineView::setGridLayout(models::HeatmapGrid::Layout layout)
{
    m_layoutChoice->setCurrentIndex(m_layoutChoice->findData(int(layout)));
}

void TimelineView::setClockZone(const QString &name)
{
    int index = m_clockChoice->findData(name);
    if (index < 0 && (name.isEmpty() || schedule::isValidZoneName(name))) {
        m_clockChoice->addItem(name, name);
        index = m_clockChoice->count() - 1;
    }
    if (index >= 0)
        m_clockChoice->setCurrentIndex(index);
}

QString TimelineView::clockZone() const
{
    return m_clockChoice->currentData().toString();
}

QDateTime TimelineView::now() const
{
    return m_pinnedNow.isValid() ? m_pinnedNow : QDateTime::currentDateTimeUtc();
}

const schedule::ZoneRules &TimelineView::clockRules() const
{
    const schedule::ZoneRules *rules = models::timelineZone(clockZone());
    return rules ? *rules : schedule::ZoneRules::utc();
}

models::TimelineWindow TimelineView::window() const
{
    const bool days = Layout(m_layoutChoice->currentData().toInt()) == Layout::DaysByHours;
    const qint64 step = days ? 3600 : 60;
    const qint64 from
        = models::wallBoundaryAtOrBefore(now().toSecsSinceEpoch(), step, clockRules());
    return {from, from + (days ? 7 * 86400 : 86400)};
}

const models::HeatmapGrid &TimelineView::grid() const
{
    return *m_grid;
}

QString TimelineView::statusText() const
{
    return m_status->text();
}

bool TimelineView::isComputing() const
{
    return m_heatmapRunner->isBusy() || m_heatmapTimer->isActive();
}

void TimelineView::refresh()
{
    scheduleHeatmap();
    scheduleStrips();
}

void TimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_clockChoicesFilled) {
        m_clockChoicesFilled = true;
        rebuildClockChoices();
    }
    // Nothing is computed while the view is hidden; catch up now.
    if (m_heatmapDirty)
        scheduleHeatmap();
    if (m_stripsDirty)
        scheduleStrips();
}

void TimelineView::scheduleHeatmap()
{
    m_heatmapDirty = true;
    if (isVisible())
        m_heatmapTimer->start();
}

void TimelineView::scheduleStrips()
{
    m_stripsDirty = true;
    if (isVisible())
        m_stripsTimer->start();
}

void TimelineView::onTick()
{
    if (isVisible() && window().from != m_shownWindow.from)
        scheduleHeatmap();
}

QList<models::TimelineCron> TimelineView::visibleCrons(QStringList *zones) const
{
    QList<models::TimelineCron> crons;
    if (!m_model || !m_proxy)
        return crons;
    // In the source's order: sorting the table does not change what the timeline counts.
    QList<int> rows = m_proxy->visibleSourceRows();
    std::sort(rows.begin(), rows.end());
    crons.reserve(rows.size());
    QSet<QString> seen;
    for (const int row : rows) {
        const api::Cron &cron = m_model->cronAt(row);
        crons.append(models::timelineCron(cron));
        if (zones && !cron.timezone.isEmpty() && !seen.contains(cron.timezone)) {
            seen.insert(cron.timezone);
            zones->append(cron.timezone);
        }
    }
    return crons;
}

void TimelineView::startHeatmap()
{
    m_heatmapDirty = false;
    HeatmapJob job;
    job.generation = ++m_heatmapGeneration;
    QStringList zones;
    job.crons = visibleCrons(&zones);
    updateClockChoices(zones);
    job.window = window();
    job.layout = Layout(m_layoutChoice->currentData().toInt());
    job.clock = &clockRules();
    job.clockName = clockZone();
    // A re-sort or a refresh that changed nothing: what is shown is still right.
    const auto key = std::make_tuple(job.crons, job.window, int(job.layout), job.clockName);
    if (m_lastHeatmapKey && *m_lastHeatmapKey == key)
        return;
    m_lastHeatmapKey = key;
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Counting the fire times of %Ln cron(s)…", "", int(job.crons.size())));
    // The older computation is of no use any more: it stops early and its result is dropped.
    m_heatmapRunner->start([this, job = std::move(job)](const Control &control) {
        std::optional<HeatmapResult> result = computeHeatmap(control, job);
        if (!result)
            return std::function<void()>();
        return std::function<void()>(
            [this, result = std::make_shared<HeatmapResult>(std::move(*result))] {
                showHeatmap(*result);
            });
    });
}

void TimelineView::startStrips()
{
    m_stripsDirty = false;
    StripsJob job;
    job.generation = ++m_stripsGeneration;
    job.window = window();
    qsizetype selected = 0;
    if (m_selection && m_proxy && m_model) {
        // In the table's order, the first maxStrips of them.
        QList<int> rows;
        for (const QModelIndex &index : m_selection->selectedRows())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end());
        selected = rows.size();
        for (const int row : std::as_const(rows)) {
            if (job.crons.size() == maxStrips)
                break;
            const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
            if (source.isValid())
                job.crons.append(models::timelineCron(m_model->cronAt(source.row())));
        }
    }
    if (selected > maxStrips)
        m_stripsTitle->setText(
            tr("The first %1 of the %Ln selected cron(s):", "", int(selected)).arg(maxStrips));
    else if (selected > 0)
        m_stripsTitle->setText(tr("%Ln selected cron(s):", "", int(selected)));
    else
        m_stripsTitle->setText(tr("Selected crons:"));
    const auto key = std::make_pair(job.crons, job.window);
    if (m_lastStripsKey && *m_lastStripsKey == key)
        return;
    m_lastStripsKey = key;
    m_stripsRunner->start([this, job = std::move(job)](const Control &control) {
        std::optional<StripsResult> result = computeStrips(control, job);
        if (!result)
            return std::function<void()>();
        return std::function<void()>(
            [this, result = std::make_shared<StripsResult>(std::move(*result))] {
                showStrips(*result);
            });
    });
}

void TimelineView::showHeatmap(const HeatmapResult &result)
{
    // A result for inputs that have changed since is dropped; the newer one is on its way.
    if (result.generation != m_heatmapGeneration)
        return;
    m_progress->hide();
    m_plan = result.plan;
    *m_grid = result.grid;
    m_shownWindow = result.grid.window;
    const bool days = m_grid->layout == Layout::DaysByHours;
    const QString zone = m_grid->zoneName;
    m_heatmap->setScaleCaption(days ? tr("Fires per hour, on the %1 clock").arg(zone)
                                    : tr("Fires per minute, on the %1 clock").arg(zone));
    m_heatmap->setGrid(*m_grid);

    const QLocale locale;
    QString status = days
        ? tr("%1 in the next 7 days from %Ln scheduled cron(s)", "", int(m_plan->scheduledCount()))
              .arg(models::fireCountText(m_grid->total))
        : tr("%1 in the next 24 hours from %Ln scheduled cron(s)", "",
             int(m_plan->scheduledCount()))
              .arg(models::fireCountText(m_grid->total));
    QStringList notCounted;
    if (m_plan->pausedCount() > 0)
        notCounted.append(tr("%Ln paused", "", int(m_plan->pausedCount())));
    if (m_plan->endedCount() > 0)
        notCounted.append(tr("%Ln ended", "", int(m_plan->endedCount())));
    if (!m_plan->skipped().isEmpty())
        notCounted.append(tr("%Ln unreadable", "", int(m_plan->skipped().size())));
    if (!notCounted.isEmpty())
        status += tr(" (not counted: %1)").arg(QLocale().createSeparatedList(notCounted));
    m_status->setText(status + u'.');
    QStringList skipped;
    for (qsizetype i = 0; i < std::min<qsizetype>(10, m_plan->skipped().size()); ++i)
        skipped.append(m_plan->skipped().at(i).message);
    m_status->setToolTip(skipped.join(u'\n'));
    updatePeaks();
    onCurrentCellChanged(m_heatmap->currentCell());
    Q_UNUSED(locale);
    Q_EMIT heatmapUpdated();
}

void TimelineView::showStrips(const StripsResult &result)
{
    if (result.generation != m_stripsGeneration)
        return;
    m_strips->setStrips(result.window, &clockRules(), result.strips);
    Q_EMIT stripsUpdated();
}

void TimelineView::updatePeaks()
{
    QStringList peaks;
    for (qsizetype peak = 0; peak < m_grid->peaks.size(); ++peak) {
        const int index = m_grid->peaks.at(peak);
        peaks.append(tr("%1. %2, %3")
                         .arg(peak + 1)
                         .arg(m_grid->cellLabel(index),
                              models::fireCountText(m_grid->cells.at(index).count)));
    }
    m_peaks->setText(peaks.isEmpty() ? QString() : tr("Busiest: %1").arg(peaks.join(u"; "_s)));
    m_peaks->setVisible(!peaks.isEmpty());
}

void TimelineView::onCurrentCellChanged(int index)
{
    if (index < 0 || index >= m_grid->cells.size() || !m_plan) {
        m_cellInfo->clear();
        return;
    }
    const models::HeatmapGrid::Cell &cell = m_grid->cells.at(index);
    if (cell.kind != models::HeatmapGrid::CellKind::Counted) {
        m_cellInfo->setText(cell.kind == models::HeatmapGrid::CellKind::Skipped
                                ? tr("%1: the clocks skip this time.").arg(m_grid->cellLabel(index))
                                : tr("Outside the window."));
        return;
    }
    qsizetype crons = 0;
    m_plan->cronsFiringIn(cell.start, cell.end, 0, &crons);
    m_cellInfo->setText(
        crons == 0 ? tr("%1: nothing fires.").arg(m_grid->cellLabel(index))
                   : tr("%1: %2 from %Ln cron(s). Enter or a click shows them in the table.", "",
                        int(crons))
                         .arg(m_grid->cellLabel(index), models::fireCountText(cell.count)));
}

QSet<QString> TimelineView::cronIdsOfCell(int index) const
{
    if (!m_plan || index < 0 || index >= m_grid->cells.size())
        return {};
    const models::HeatmapGrid::Cell &cell = m_grid->cells.at(index);
    if (cell.kind != models::HeatmapGrid::CellKind::Counted)
        return {};
    return m_plan->cronIdsFiringIn(cell.start, cell.end);
}

QString TimelineView::cellFilterDescription(int index, qsizetype cronCount) const
{
    return tr("Only the %Ln cron(s) that fire %1 (from the Timeline).", "", int(cronCount))
        .arg(m_grid->cellLabel(index));
}

void TimelineView::onCellActivated(int index)
{
    const QSet<QString> ids = cronIdsOfCell(index);
    if (ids.isEmpty()) {
        m_cellInfo->setText(tr("Nothing fires then, so there is nothing to show in the table."));
        return;
    }
    Q_EMIT cronIdsActivated(ids, cellFilterDescription(index, ids.size()));
}

QString TimelineView::cellToolTip(int index) const
{
    if (!m_plan || index < 0 || index >= m_grid->cells.size())
        return {};
    const models::HeatmapGrid::Cell &cell = m_grid->cells.at(index);
    const QString label = m_grid->cellLabel(index).toHtmlEscaped();
    if (cell.kind == models::HeatmapGrid::CellKind::Skipped)
        return tr("<b>%1</b><br>The clocks skip this time.").arg(label);
    qsizetype crons = 0;
    const QList<models::CronFireCount> top
        = m_plan->cronsFiringIn(cell.start, cell.end, topCrons, &crons);
    QString text = u"<b>"_s + label + u"</b><br>"_s;
    if (crons == 0)
        return text + tr("Nothing fires.");
    text += tr("%1 from %Ln cron(s).", "", int(crons))
                .arg(models::fireCountText(cell.count))
                .toHtmlEscaped();
    text += u"<table cellspacing=\"0\" cellpadding=\"1\">"_s;
    for (const models::CronFireCount &entry : top) {
        const models::TimelineCron &cron = m_plan->crons().at(entry.index);
        const QString assistant
            = m_model ? m_model->assistantLabel(cron.assistantId) : cron.assistantId;
        // Server text: escaped, so that it shows as written and never as markup.
        text += u"<tr><td>"_s + models::fireCountText(entry.count).toHtmlEscaped()
            + u"&nbsp;&nbsp;</td><td><code>"_s + cron.schedule.toHtmlEscaped()
            + u"</code>&nbsp;&nbsp;</td><td>"_s
            + (cron.timezone.isEmpty() ? u"UTC"_s : cron.timezone).toHtmlEscaped()
            + u"&nbsp;&nbsp;</td><td>"_s + assistant.toHtmlEscaped() + u"&nbsp;&nbsp;</td><td>"_s
            + shortCronId(cron.cronId).toHtmlEscaped() + u"</td></tr>"_s;
    }
    text += u"</table>"_s;
    if (crons > top.size())
        text
            += tr("and %Ln more cron(s).", "", int(crons - top.size())).toHtmlEscaped() + u"<br>"_s;
    return text + u"<i>"_s + tr("Enter or a click shows them in the table.").toHtmlEscaped()
        + u"</i>"_s;
}

void TimelineView::updateClockChoices(const QStringList &cronZones)
{
    // Some 600 entries: rebuilt only when the zones of the crons in view change.
    QStringList sorted = cronZones;
    sorted.sort();
    if (m_clockChoice->count() > 0 && sorted == m_cronZones)
        return;
    m_cronZones = sorted;
    rebuildClockChoices();
}

void TimelineView::rebuildClockChoices()
{
    const QString current = m_clockChoice->count() > 0 ? clockZone() : QString();
    const QSignalBlocker blocker(m_clockChoice);
    m_clockChoice->clear();
    m_clockChoice->addItem(tr("UTC"), QString());
    const QString local = localZoneName();
    if (!local.isEmpty() && local != "UTC"_L1)
        m_clockChoice->addItem(tr("My time zone (%1)").arg(local), local);
    // The zones of the crons in view first, then every zone, each once.
    QSet<QString> listed {QString(), local};
    const auto add = [this, &listed](const QString &zone) {
        if (listed.contains(zone))
            return;
        listed.insert(zone);
        m_clockChoice->addItem(zone, zone);
    };
    if (!m_cronZones.isEmpty())
        m_clockChoice->insertSeparator(m_clockChoice->count());
    for (const QString &zone : std::as_const(m_cronZones))
        add(zone);
    m_clockChoice->insertSeparator(m_clockChoice->count());
    for (const QString &zone : allZoneNames())
        add(zone);
    int index = m_clockChoice->findData(current);
    if (index < 0 && !current.isEmpty()) {
        m_clockChoice->addItem(current, current);
        index = m_clockChoice->count() - 1;
    }
    m_clockChoice->setCurrentIndex(std::max(index, 0));
}

namespace {

std::optional<TimelineView::HeatmapResult> computeHeatmap(const Control &control,
                                                          const HeatmapJob &job)
{
    const auto stage = [&control](int from, int share) {
        return [&control, from, share](qsizetype done, qsizetype total) {
            return control.setProgress(from
                                       + int(total > 0 ? qint64(share) * done / total : share));
        };
    };
    auto plan = std::make_shared<models::FirePlan>(
        models::FirePlan::build(job.crons, job.window, stage(0, groupingShare)));
    if (control.isCanceled())
        return std::nullopt;
    const models::TimeBuckets buckets = models::heatmapBuckets(job.layout, job.window, *job.clock);
    const QList<qint64> counts
        = plan->bucketCounts(buckets, stage(groupingShare, progressRange - groupingShare));
    if (control.isCanceled())
        return std::nullopt;
    TimelineView::HeatmapResult result;
    result.generation = job.generation;
    result.grid
        = models::heatmapGrid(job.layout, job.window, buckets, counts, *job.clock, job.clockName);
    result.plan = std::move(plan);
    return result;
}

std::optional<TimelineView::StripsResult> computeStrips(const Control &control,
                                                        const StripsJob &job)
{
    const models::FirePlan plan = models::FirePlan::build(job.crons, job.window);
    QList<int> indices;
    for (int i = 0; i < job.crons.size(); ++i)
        indices.append(i);
    const QList<models::CronFires> fires
        = plan.fireInstants(indices, TimelineView::maxTicksPerStrip);
    TimelineView::StripsResult result;
    result.generation = job.generation;
    result.window = job.window;
    for (const models::CronFires &cronFires : fires) {
        if (control.isCanceled())
            return std::nullopt;
        const models::TimelineCron &cron = job.crons.at(cronFires.index);
        FireStripWidget::Strip strip;
        strip.cronId = cron.cronId;
        strip.title = TimelineView::tr("%1 · %2").arg(shortCronId(cron.cronId), cron.schedule);
        strip.zoneName = cron.timezone;
        strip.instants = cronFires.instants;
        strip.truncated = cronFires.truncated;
        if (cronFires.skipped) {
            if (!cron.enabled)
                strip.problem = TimelineView::tr("Paused: it does not fire.");
            else if (cron.endTime && *cron.endTime < job.window.from)
                strip.problem = TimelineView::tr("Ended: it does not fire any more.");
            else
                strip.problem = TimelineView::tr("Its schedule or time zone cannot be read.");
        } else if (strip.instants.isEmpty()) {
            strip.problem = TimelineView::tr("No fire times in the window.");
        }
        if (const schedule::ZoneRules *zone = models::timelineZone(cron.timezone))
            strip.changes = zone->transitions(job.window.from, job.window.to);
        result.strips.append(strip);
    }
    return result;
}

} // namespace

} // namespace crondesk::ui
