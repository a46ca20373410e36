#pragma once

#include <models/connections/connectionprofile.h>

#include <QList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace crondesk::ui {

class EnvironmentBadge;

// The main window's connection switcher: a combo box of the profiles, the active one's
// environment badge beside it, and a button that opens the profile dialog. Choosing a profile
// emits profileChosen(); the owner connects, then calls setActive...() with the outcome (the old
// profile again if the switch was abandoned), which also puts the combo box right.
class ProfileSwitcher final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSwitcher)

public:
    explicit ProfileSwitcher(QWidget *parent = nullptr);
    ~ProfileSwitcher() override;

    // The profiles to offer, in this order. Keeps the active entry if it still exists.
    void setProfiles(const QList<models::ConnectionProfile> &profiles);
    // Marks what the window is connected to. None of these emit profileChosen().
    void setActiveProfile(const QString &name);
    // A connection that is no profile: a --url, or the local sandbox.
    void setActiveUnprofiled(const QString &label);
    void setActiveNone();

    QString activeProfileName() const { return m_activeProfile; }
    QComboBox *comboBox() const { return m_combo; }
    EnvironmentBadge *badge() const { return m_badge; }

Q_SIGNALS:
    void profileChosen(const crondesk::models::ConnectionProfile &profile);
    void manageRequested();

private:
    void rebuild();
    void onActivated(int index);

    QComboBox *m_combo;
    EnvironmentBadge *m_badge;
    QToolButton *m_manageButton;
    QList<models::ConnectionProfile> m_profiles;
    QString m_activeProfile; // empty: no profile
    QString m_unprofiledLabel; // set when connected without a profile
};

} // namespace crondesk::ui
