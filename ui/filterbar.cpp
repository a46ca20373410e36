#include "filterbar.h"

#include <models/inventory/metadatafilter.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int searchDebounceMs = 150;
// Longer than the search's: a metadata filter may make the server load again, and half-typed
// terms ("team=inf") are not worth a load each.
constexpr int metadataDebounceMs = 400;
// When the facets take two rows: assistant, state, kind and zone on the first.
constexpr qsizetype facetsOnFirstRow = 4;
// Marks the "crons with the server's default zone" entry, which filters on an empty timezone.
const QString defaultZoneKey = u"\x1f"
                               "default"_s;

void setItems(QComboBox *combo, const QString &anyText,
              const QList<std::pair<QString, QString>> &items)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    for (const auto &[key, label] : items)
        combo->addItem(label, key);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
    // The field may elide a long name; the list shows every name in full.
    combo->view()->setMinimumWidth(combo->view()->sizeHintForColumn(0) + 24);
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_metadataTimer(new QTimer(this))
    , m_metadataStatus(new QLabel(this))
{
    // The search with the free-form filters (and under the metadata field what it applies), then
    // the facets: on one row when they fit, else on two (arrangeFacets), so that a 1024-pixel
    // window with the details pane open shows every facet's full text.
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 4, 0, 2);
    rows->setSpacing(4);
    auto *layout = new QGridLayout;
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(0);
    rows->addLayout(layout);
    for (QHBoxLayout *&row : m_facetRows) {
        row = new QHBoxLayout;
        row->setSpacing(6);
        rows->addLayout(row);
    }

    m_search->setObjectName(u"filterEdit"_s);
    m_search->setPlaceholderText(tr("Search every column (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search crons"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(160);
    layout->addWidget(m_search, 0, 0);
    layout->setColumnStretch(0, 2);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDebounceMs);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &FilterBar::emitChanged);

    m_assistant = addCombo(tr("Assistant filter"), tr("Only crons of this assistant"));
    m_assistant->setObjectName(u"assistantFilter"_s);
    m_assistant->addItem(tr("All assistants"), QString());
    // Names of the deployment's own: the field elides a long one, the list shows it in full.
    m_assistant->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_assistant->setMinimumContentsLength(16);

    m_state = addCombo(tr("Enabled filter"), tr("Enabled or paused crons"));
    m_state->setObjectName(u"stateFilter"_s);
    m_state->addItem(tr("Any state"), int(models::CronFilter::Enabled::Any));
    m_state->addItem(tr("Enabled only"), int(models::CronFilter::Enabled::EnabledOnly));
    m_state->addItem(tr("Paused only"), int(models::CronFilter::Enabled::PausedOnly));

    m_target = addCombo(tr("Target filter"),
                        tr("Stateless crons (a new thread per run) or thread crons"));
    m_target->setObjectName(u"targetFilter"_s);
    m_target->addItem(tr("Any kind"), int(models::CronFilter::Target::Any));
    m_target->addItem(tr("Stateless only"), int(models::CronFilter::Target::StatelessOnly));
    m_target->addItem(tr("Thread only"), int(models::CronFilter::Target::ThreadOnly));

    m_timezone = addCombo(tr("Timezone filter"), tr("Only crons scheduled in this zone"));
    m_timezone->setObjectName(u"timezoneFilter"_s);
    m_timezone->addItem(tr("All timezones"), QString());
    m_timezone->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_timezone->setMinimumContentsLength(14);

    m_webhook = addCombo(tr("Webhook filter"), tr("Crons with or without a webhook"));
    m_webhook->setObjectName(u"webhookFilter"_s);
    m_webhook->addItem(tr("Any webhook"), int(models::CronFilter::Webhook::Any));
    m_webhook->addItem(tr("With webhook"), int(models::CronFilter::Webhook::With));
    m_webhook->addItem(tr("Without webhook"), int(models::CronFilter::Webhook::Without));

    m_health = addCombo(tr("Health filter"), tr("Crons with a health flag"));
    m_health->setObjectName(u"healthFilter"_s);
    m_health->addItem(tr("Any health"), 0);
    m_health->addItem(tr("Any problem"), int(models::problemFlags()));
    for (const models::HealthFlag flag : models::allHealthFlags())
        m_health->addItem(models::healthFlagName(flag), int(flag));

    m_ended = new QCheckBox(tr("&End time passed"), this);
    m_ended->setObjectName(u"endedFilter"_s);
    m_ended->setToolTip(tr("Only crons whose end time is in the past"));
    connect(m_ended, &QCheckBox::toggled, this, &FilterBar::emitChanged);
    m_facets = {m_assistant, m_state, m_target, m_timezone, m_webhook, m_health, m_ended};
    for (QWidget *facet : std::as_const(m_facets))
        m_facetRows[0]->addWidget(facet);
    for (QHBoxLayout *row : m_facetRows)
        row->addStretch(1);

    m_metadata = new QLineEdit(this);
    m_metadata->setObjectName(u"metadataFilter"_s);
    m_metadata->setPlaceholderText(tr("metadata key=value"));
    m_metadata->setAccessibleName(tr("Metadata filter"));
    m_metadata->setClearButtonEnabled(true);
    m_metadata->setMinimumWidth(120);
    m_metadataTimer->setSingleShot(true);
    m_metadataTimer->setInterval(metadataDebounceMs);
    // Applied as it is typed (after a pause), and at once on Enter or leaving the field.
    connect(m_metadata, &QLineEdit::textChanged, m_metadataTimer, qOverload<>(&QTimer::start));
    connect(m_metadataTimer, &QTimer::timeout, this, &FilterBar::onMetadataEdited);
    connect(m_metadata, &QLineEdit::editingFinished, this, &FilterBar::onMetadataEdited);
    setMetadataFilteredOnServer(false);
    layout->addWidget(m_metadata, 0, 1);
    layout->setColumnStretch(1, 1);
    m_metadataStatus->setObjectName(u"metadataFilterStatus"_s);
    m_metadataStatus->setWordWrap(true);
    m_metadataStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont statusFont = m_metadataStatus->font();
    statusFont.setPointSizeF(statusFont.pointSizeF() * 0.9);
    m_metadataStatus->setFont(statusFont);
    m_metadataStatus->hide();
    layout->addWidget(m_metadataStatus, 1, 1, 1, 2);

    // Under the search: the crons an id filter keeps (set from the Timeline), and the way out.
    m_idFilter = new QFrame(this);
    m_idFilter->setObjectName(u"cronIdFilter"_s);
    m_idFilter->setFrameShape(QFrame::StyledPanel);
    m_idFilter->setStyleSheet(u"QFrame#cronIdFilter { background: #e8f0fe; border: 1px solid "
                              "#aecbfa; border-radius: 4px; } QFrame#cronIdFilter QLabel { "
                              "color: #174ea6; }"_s);
    auto *idFilterLayout = new QHBoxLayout(m_idFilter);
    idFilterLayout->setContentsMargins(8, 2, 2, 2);
    m_idFilterLabel = new QLabel(m_idFilter);
    m_idFilterLabel->setObjectName(u"cronIdFilterLabel"_s);
    m_idFilterLabel->setWordWrap(true);
    m_idFilterLabel->setTextFormat(Qt::PlainText);
    m_idFilterClear = new QToolButton(m_idFilter);
    m_idFilterClear->setObjectName(u"cronIdFilterClear"_s);
    m_idFilterClear->setText(tr("Show All"));
    m_idFilterClear->setToolTip(tr("Lift this filter: show every cron the other filters let "
                                   "through"));
    m_idFilterClear->setAccessibleName(tr("Lift the filter to the crons that fire then"));
    m_idFilterClear->setFocusPolicy(Qt::StrongFocus);
    connect(m_idFilterClear, &QToolButton::clicked, this, &FilterBar::clearCronIdFilter);
    idFilterLayout->addWidget(m_idFilterLabel, 1);
    idFilterLayout->addWidget(m_idFilterClear);
    m_idFilter->hide();
    rows->insertWidget(1, m_idFilter);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(u"clearFilters"_s);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear the search and every filter"));
    m_clear->setAccessibleName(tr("Clear filters"));
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    layout->addWidget(m_clear, 0, 2);

    updateMinimumWidth();

    // Only now that every control exists may a change be reported.
    for (QComboBox *combo : {m_assistant, m_state, m_target, m_timezone, m_webhook, m_health})
        connect(combo, &QComboBox::currentIndexChanged, this, &FilterBar::emitChanged);
}

FilterBar::~FilterBar() = default;

QComboBox *FilterBar::addCombo(const QString &accessibleName, const QString &toolTip)
{
    auto *combo = new QComboBox(this);
    combo->setAccessibleName(accessibleName);
    combo->setToolTip(toolTip);
    // Wide enough for the longest choice: "Without webhook" must not read "Without we…".
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    return combo;
}

models::CronFilter FilterBar::filter() const
{
    models::CronFilter filter;
    filter.text = m_search->text().trimmed();
    filter.assistantId = m_assistant->currentData().toString();
    filter.enabled = models::CronFilter::Enabled(m_state->currentData().toInt());
    filter.target = models::CronFilter::Target(m_target->currentData().toInt());
    const QString zone = m_timezone->currentData().toString();
    if (zone == defaultZoneKey)
        filter.timezone = QString();
    else if (!zone.isEmpty())
        filter.timezone = zone;
    filter.webhook = models::CronFilter::Webhook(m_webhook->currentData().toInt());
    filter.health = models::HealthFlags(m_health->currentData().toInt());
    filter.endTimePassedOnly = m_ended->isChecked();
    filter.metadata = m_metadataFilter;
    filter.cronIds = m_cronIds;
    return filter;
}

void FilterBar::setAssistants(const QList<std::pair<QString, QString>> &idsAndLabels)
{
    setItems(m_assistant, tr("All assistants"), idsAndLabels);
}

void FilterBar::setTimezones(const QStringList &zones)
{
    QList<std::pair<QString, QString>> items {{defaultZoneKey, tr("UTC (default)")}};
    for (const QString &zone : zones)
        items.append({zone, zone});
    setItems(m_timezone, tr("All timezones"), items);
}

void FilterBar::setMetadataFilteredOnServer(bool onServer)
{
    m_metadata->setToolTip(
        onServer
            ? tr("Exact match on cron metadata, e.g. team=infra, tier=2. Filtered by the server.")
            : tr("Exact match on cron metadata, e.g. team=infra, tier=2. This server is too "
                 "old to filter metadata itself, so the loaded crons are filtered here."));
}

void FilterBar::setCronIdFilter(const QSet<QString> &ids, const QString &description)
{
    m_cronIds = ids;
    m_idFilterLabel->setText(description);
    m_idFilter->setAccessibleName(description);
    m_idFilter->show();
    emitChanged();
}

void FilterBar::clearCronIdFilter()
{
    if (!m_cronIds)
        return;
    m_cronIds.reset();
    m_idFilterLabel->clear();
    m_idFilter->hide();
    emitChanged();
}

QString FilterBar::cronIdFilterText() const
{
    return m_cronIds ? m_idFilterLabel->text() : QString();
}

void FilterBar::onMetadataEdited()
{
    m_metadataTimer->stop();
    QString error;
    const std::optional<QJsonObject> parsed
        = models::parseMetadataFilter(m_metadata->text(), &error);
    // Text that is not a filter filters nothing: keeping the previous filter would show rows
    // that do not match what the field says.
    const QJsonObject applied = parsed.value_or(QJsonObject());
    if (!parsed)
        showMetadataStatus(tr("Not a metadata filter, so none is applied: %1").arg(error), true);
    else if (applied.isEmpty())
        showMetadataStatus(QString(), false);
    else
        showMetadataStatus(
            tr("Only crons with metadata %1.").arg(models::describeMetadataFilter(applied)), false);
    if (applied == m_metadataFilter)
        return;
    m_metadataFilter = applied;
    emitChanged();
}

void FilterBar::showMetadataStatus(const QString &text, bool isError)
{
    m_metadataError = isError;
    m_metadata->setStyleSheet(isError ? u"QLineEdit { border: 1px solid #c62828; }"_s : QString());
    m_metadataStatus->setStyleSheet(isError ? u"QLabel { color: #c62828; }"_s : QString());
    m_metadataStatus->setText(text);
    m_metadataStatus->setVisible(!text.isEmpty());
    m_metadata->setAccessibleDescription(text);
}

QString FilterBar::metadataStatus() const
{
    return m_metadataStatus->isHidden() ? QString() : m_metadataStatus->text();
}

void FilterBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeFacets();
}

void FilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Another font or style changes what the facets need.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMinimumWidth();
}

void FilterBar::updateMinimumWidth()
{
    // As narrow as the facets allow on two rows, whatever they are on now: otherwise one row
    // would set the window's minimum width and the bar would never be narrow enough to wrap.
    auto rowWidth = [this](qsizetype first, qsizetype last) {
        int width = 0;
        for (qsizetype i = first; i < last; ++i)
            width += m_facets[i]->sizeHint().width() + m_facetRows[0]->spacing();
        return width;
    };
    const int searchRow = m_search->minimumSizeHint().width() + m_metadata->minimumWidth()
        + m_clear->sizeHint().width() + 12;
    setMinimumWidth(std::max(
        {searchRow, rowWidth(0, facetsOnFirstRow), rowWidth(facetsOnFirstRow, m_facets.size())}));
}

void FilterBar::arrangeFacets()
{
    // All facets on one row when their full widths fit, else the last ones on a second row.
    int needed = 0;
    for (const QWidget *facet : std::as_const(m_facets))
        needed += facet->sizeHint().width() + m_facetRows[0]->spacing();
    const bool wrap = needed > width();
    if (wrap == m_facetsWrapped)
        return;
    m_facetsWrapped = wrap;
    const qsizetype firstRow = wrap ? facetsOnFirstRow : m_facets.size();
    for (qsizetype i = 0; i < m_facets.size(); ++i) {
        QHBoxLayout *row = m_facetRows[i < firstRow ? 0 : 1];
        m_facetRows[0]->removeWidget(m_facets[i]);
        m_facetRows[1]->removeWidget(m_facets[i]);
        // Before the row's closing stretch.
        row->insertWidget(row->count() - 1, m_facets[i]);
    }
}

void FilterBar::clear()
{
    {
        const QSignalBlocker blockers[]
            = {QSignalBlocker(m_search), QSignalBlocker(m_assistant), QSignalBlocker(m_state),
               QSignalBlocker(m_target), QSignalBlocker(m_timezone),  QSignalBlocker(m_webhook),
               QSignalBlocker(m_health), QSignalBlocker(m_ended),     QSignalBlocker(m_metadata)};
        m_search->clear();
        for (QComboBox *combo : {m_assistant, m_state, m_target, m_timezone, m_webhook, m_health})
            combo->setCurrentIndex(0);
        m_ended->setChecked(false);
        m_metadata->clear();
        m_metadataTimer->stop();
        showMetadataStatus(QString(), false);
        m_metadataFilter = {};
        m_cronIds.reset();
        m_idFilterLabel->clear();
        m_idFilter->hide();
    }
    emitChanged();
}

void FilterBar::emitChanged()
{
    m_searchTimer->stop();
    Q_EMIT filterChanged(filter());
}

} // namespace crondesk::ui
