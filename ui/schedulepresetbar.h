#pragma once

#include <models/editor/schedulesummary.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace crondesk::ui {

// Presets for the schedule field: pick one (every N minutes, hourly at, daily at, weekdays at,
// weekly on, monthly on), set its parameters, see the expression it proposes, and press Insert to
// put it into the field. It never touches the field on its own.
class SchedulePresetBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulePresetBar)

public:
    explicit SchedulePresetBar(QWidget *parent = nullptr);
    ~SchedulePresetBar() override;

    // The proposed expression; empty while no preset is chosen.
    QString proposal() const;
    void choose(models::SchedulePreset preset);

    QComboBox *presetCombo() const { return m_preset; }
    QPushButton *useButton() const { return m_use; }

Q_SIGNALS:
    void useRequested(const QString &expression);

private:
    std::optional<models::SchedulePreset> preset() const;
    void update();

    QComboBox *m_preset;
    QComboBox *m_every;
    QSpinBox *m_minute;
    QTimeEdit *m_time;
    QComboBox *m_weekday;
    QSpinBox *m_day;
    QLabel *m_proposal;
    QPushButton *m_use;
};

} // namespace crondesk::ui
