#pragma once

#include <models/connections/connectionprofile.h>

#include <QIcon>
#include <QLabel>

#include <optional>

namespace crondesk::ui {

// The active connection's environment, always in sight: "PRODUCTION" on red, "STAGING" on amber,
// with "read-only" added when the profile forbids changes. A connection without a profile shows
// its host on grey.
class EnvironmentBadge final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentBadge)

public:
    explicit EnvironmentBadge(QWidget *parent = nullptr);
    ~EnvironmentBadge() override;

    void setProfile(const models::ConnectionProfile &profile);
    // A connection made with --url and no profile (or the local sandbox): `label` names it.
    void setUnprofiled(const QString &label);
    void clear();

    // "#c62828": the colour shown, for tests and screenshots.
    QString colour() const { return m_colour; }

private:
    void present(const QString &text, const QString &colour, const QString &accessibleText);

    QString m_colour;
};

// A small dot in a profile's colour, for lists of profiles (the switcher, the profile dialog).
QIcon colourSwatch(const QString &colour);

} // namespace crondesk::ui
