#pragma once

#include <QComboBox>

namespace crondesk::ui {

// A searchable list of IANA time zones, each with its current UTC offset, headed by
// "UTC (server default)", which stands for sending no zone at all. Typing filters by any part of
// the name ("york", "Berlin"); text that is no zone in the list is kept as typed, so the form
// can say what is wrong with it.
class TimeZonePicker final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeZonePicker)

public:
    explicit TimeZonePicker(QWidget *parent = nullptr);
    ~TimeZonePicker() override;

    // The IANA name; empty for the server default.
    QString zoneName() const;
    void setZoneName(const QString &name);

    // "UTC (server default)".
    static QString serverDefaultLabel();

Q_SIGNALS:
    void zoneNameChanged(const QString &name);

private:
    void emitIfChanged();

    QString m_lastEmitted;
};

} // namespace crondesk::ui
