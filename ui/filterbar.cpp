#include "filterbar.h"

#include <models/metadatafilter.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int searchDebounceMs = 150;
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
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
{
    // Two rows: the search with the free-form filters, then the facets. One row would make the
    // window wider than a laptop screen once the details pane is open.
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 4, 0, 2);
    rows->setSpacing(4);
    auto *layout = new QHBoxLayout;
    auto *facets = new QHBoxLayout;
    layout->setSpacing(6);
    facets->setSpacing(6);
    rows->addLayout(layout);
    rows->addLayout(facets);

    m_search->setObjectName(u"filterEdit"_s);
    m_search->setPlaceholderText(tr("Search every column (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search crons"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(160);
    layout->addWidget(m_search, 2);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDebounceMs);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &FilterBar::emitChanged);

    m_assistant = addCombo(tr("Assistant filter"), tr("Only crons of this assistant"));
    m_assistant->setObjectName(u"assistantFilter"_s);
    m_assistant->addItem(tr("All assistants"), QString());
    facets->addWidget(m_assistant, 1);

    m_state = addCombo(tr("Enabled filter"), tr("Enabled or paused crons"));
    m_state->setObjectName(u"stateFilter"_s);
    m_state->addItem(tr("Any state"), int(models::CronFilter::Enabled::Any));
    m_state->addItem(tr("Enabled only"), int(models::CronFilter::Enabled::EnabledOnly));
    m_state->addItem(tr("Paused only"), int(models::CronFilter::Enabled::PausedOnly));
    facets->addWidget(m_state);

    m_target = addCombo(tr("Target filter"),
                        tr("Stateless crons (a new thread per run) or thread crons"));
    m_target->setObjectName(u"targetFilter"_s);
    m_target->addItem(tr("Any kind"), int(models::CronFilter::Target::Any));
    m_target->addItem(tr("Stateless only"), int(models::CronFilter::Target::StatelessOnly));
    m_target->addItem(tr("Thread only"), int(models::CronFilter::Target::ThreadOnly));
    facets->addWidget(m_target);

    m_timezone = addCombo(tr("Timezone filter"), tr("Only crons scheduled in this zone"));
    m_timezone->setObjectName(u"timezoneFilter"_s);
    m_timezone->addItem(tr("All timezones"), QString());
    facets->addWidget(m_timezone);

    m_webhook = addCombo(tr("Webhook filter"), tr("Crons with or without a webhook"));
    m_webhook->setObjectName(u"webhookFilter"_s);
    m_webhook->addItem(tr("Any webhook"), int(models::CronFilter::Webhook::Any));
    m_webhook->addItem(tr("With webhook"), int(models::CronFilter::Webhook::With));
    m_webhook->addItem(tr("Without webhook"), int(models::CronFilter::Webhook::Without));
    facets->addWidget(m_webhook);

    m_health = addCombo(tr("Health filter"), tr("Crons with a health flag"));
    m_health->setObjectName(u"healthFilter"_s);
    m_health->addItem(tr("Any health"), 0);
    m_health->addItem(tr("Any problem"), int(models::problemFlags()));
    for (const models::HealthFlag flag : models::allHealthFlags())
        m_health->addItem(models::healthFlagName(flag), int(flag));
    facets->addWidget(m_health);

    m_ended = new QCheckBox(tr("&End time passed"), this);
    m_ended->setObjectName(u"endedFilter"_s);
    m_ended->setToolTip(tr("Only crons whose end time is in the past"));
    connect(m_ended, &QCheckBox::toggled, this, &FilterBar::emitChanged);
    facets->addWidget(m_ended);

    m_metadata = new QLineEdit(this);
    m_metadata->setObjectName(u"metadataFilter"_s);
    m_metadata->setPlaceholderText(tr("metadata key=value"));
    m_metadata->setAccessibleName(tr("Metadata filter"));
    m_metadata->setClearButtonEnabled(true);
    m_metadata->setMinimumWidth(120);
    connect(m_metadata, &QLineEdit::editingFinished, this, &FilterBar::onMetadataEdited);
    connect(m_metadata, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            onMetadataEdited();
    });
    setMetadataFilteredOnServer(false);
    layout->addWidget(m_metadata, 1);
    facets->addStretch(1);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(u"clearFilters"_s);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear the search and every filter"));
    m_clear->setAccessibleName(tr("Clear filters"));
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    layout->addWidget(m_clear);

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
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(10);
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

void FilterBar::onMetadataEdited()
{
    QString error;
    const std::optional<QJsonObject> parsed
        = models::parseMetadataFilter(m_metadata->text(), &error);
    if (!parsed) {
        m_metadata->setStyleSheet(u"QLineEdit { border: 1px solid #c62828; }"_s);
        m_metadata->setToolTip(error);
        return;
    }
    m_metadata->setStyleSheet(QString());
    if (*parsed == m_metadataFilter)
        return;
    m_metadataFilter = *parsed;
    emitChanged();
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
        m_metadata->setStyleSheet(QString());
        m_metadataFilter = {};
    }
    emitChanged();
}

void FilterBar::emitChanged()
{
    m_searchTimer->stop();
    Q_EMIT filterChanged(filter());
}

} // namespace crondesk::ui
