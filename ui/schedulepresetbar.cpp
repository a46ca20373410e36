#include "schedulepresetbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

using models::SchedulePreset;

SchedulePresetBar::SchedulePresetBar(QWidget *parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_every(new QComboBox(this))
    , m_minute(new QSpinBox(this))
    , m_time(new QTimeEdit(QTime(9, 0), this))
    , m_weekday(new QComboBox(this))
    , m_day(new QSpinBox(this))
    , m_proposal(new QLabel(this))
    , m_use(new QPushButton(tr("&Insert"), this))
{
    m_preset->setObjectName(u"presetCombo"_s);
    m_preset->setAccessibleName(tr("Schedule preset"));
    m_preset->addItem(tr("Presets…"));
    for (const auto preset :
         {SchedulePreset::EveryNMinutes, SchedulePreset::HourlyAt, SchedulePreset::DailyAt,
          SchedulePreset::WeekdaysAt, SchedulePreset::WeeklyOn, SchedulePreset::MonthlyOn})
        m_preset->addItem(models::presetName(preset), int(preset));

    m_every->setObjectName(u"presetEveryCombo"_s);
    m_every->setAccessibleName(tr("Minutes between runs"));
    const QList<int> steps = models::presetMinuteSteps();
    for (const int step : steps)
        m_every->addItem(tr("every %1 min").arg(step), step);
    m_every->setCurrentIndex(m_every->findData(15));
    m_minute->setObjectName(u"presetMinuteSpin"_s);
    m_minute->setRange(0, 59);
    m_minute->setPrefix(tr("minute "));
    m_minute->setAccessibleName(tr("Minute of the hour"));
    m_time->setObjectName(u"presetTimeEdit"_s);
    m_time->setDisplayFormat(u"HH:mm"_s);
    m_time->setAccessibleName(tr("Time of day"));
    m_weekday->setObjectName(u"presetWeekdayCombo"_s);
    m_weekday->setAccessibleName(tr("Day of the week"));
    const QLocale locale;
    for (int cronDay : {1, 2, 3, 4, 5, 6, 0}) // Monday first; cron counts Sunday as 0
        m_weekday->addItem(locale.dayName(cronDay == 0 ? 7 : cronDay), cronDay);
    m_day->setObjectName(u"presetDaySpin"_s);
    m_day->setRange(1, 31);
    m_day->setPrefix(tr("day "));
    m_day->setAccessibleName(tr("Day of the month"));
    m_day->setToolTip(tr("Months without this day are skipped"));
    m_proposal->setObjectName(u"presetProposal"_s);
    m_proposal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_use->setObjectName(u"presetUseButton"_s);
    m_use->setToolTip(tr("Replace the schedule with the proposed expression (undo with Ctrl+Z)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_every);
    layout->addWidget(m_minute);
    layout->addWidget(m_weekday);
    layout->addWidget(m_day);
    layout->addWidget(m_time);
    layout->addWidget(m_proposal);
    layout->addWidget(m_use);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &SchedulePresetBar::update);
    connect(m_every, &QComboBox::currentIndexChanged, this, &SchedulePresetBar::update);
    connect(m_minute, &QSpinBox::valueChanged, this, &SchedulePresetBar::update);
    connect(m_time, &QTimeEdit::timeChanged, this, &SchedulePresetBar::update);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &SchedulePresetBar::update);
    connect(m_day, &QSpinBox::valueChanged, this, &SchedulePresetBar::update);
    connect(m_use, &QPushButton::clicked, this, [this] {
        const QString expression = proposal();
        if (!expression.isEmpty())
            Q_EMIT useRequested(expression);
    });
    update();
}

SchedulePresetBar::~SchedulePresetBar() = default;

std::optional<SchedulePreset> SchedulePresetBar::preset() const
{
    const QVariant data = m_preset->currentData();
    if (!data.isValid())
        return std::nullopt;
    return SchedulePreset(data.toInt());
}

QString SchedulePresetBar::proposal() const
{
    const auto chosen = preset();
    if (!chosen)
        return {};
    models::PresetParameters parameters;
    parameters.everyMinutes = m_every->currentData().toInt();
    parameters.minute
        = *chosen == SchedulePreset::HourlyAt ? m_minute->value() : m_time->time().minute();
    parameters.hour = m_time->time().hour();
    parameters.weekday = m_weekday->currentData().toInt();
    parameters.dayOfMonth = m_day->value();
    return models::presetExpression(*chosen, parameters);
}

void SchedulePresetBar::choose(SchedulePreset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void SchedulePresetBar::update()
{
    const auto chosen = preset();
    m_every->setVisible(chosen == SchedulePreset::EveryNMinutes);
    m_minute->setVisible(chosen == SchedulePreset::HourlyAt);
    m_time->setVisible(chosen && *chosen != SchedulePreset::EveryNMinutes
                       && *chosen != SchedulePreset::HourlyAt);
    m_weekday->setVisible(chosen == SchedulePreset::WeeklyOn);
    m_day->setVisible(chosen == SchedulePreset::MonthlyOn);
    const QString expression = proposal();
    m_proposal->setText(expression.isEmpty() ? QString() : tr("→ %1").arg(expression));
    m_use->setEnabled(!expression.isEmpty());
}

} // namespace crondesk::ui
