#include "profileswitcher.h"

#include "environmentbadge.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int unprofiledRole = Qt::UserRole + 1;

} // namespace

ProfileSwitcher::ProfileSwitcher(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_badge(new EnvironmentBadge(this))
    , m_manageButton(new QToolButton(this))
{
    setObjectName(u"profileSwitcher"_s);
    m_combo->setObjectName(u"profileCombo"_s);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(14);
    m_combo->setAccessibleName(tr("Connection profile"));
    m_combo->setToolTip(tr("Switch to another deployment"));
    m_manageButton->setObjectName(u"manageProfilesButton"_s);
    m_manageButton->setText(tr("Profiles…"));
    m_manageButton->setToolTip(tr("Add, edit or remove connection profiles"));
    m_manageButton->setAccessibleName(tr("Manage connection profiles"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(m_badge);
    layout->addWidget(m_manageButton);

    connect(m_combo, &QComboBox::activated, this, &ProfileSwitcher::onActivated);
    connect(m_manageButton, &QToolButton::clicked, this, &ProfileSwitcher::manageRequested);
    rebuild();
}

ProfileSwitcher::~ProfileSwitcher() = default;

void ProfileSwitcher::setProfiles(const QList<models::ConnectionProfile> &profiles)
{
    m_profiles = profiles;
    bool activeExists = false;
    for (const models::ConnectionProfile &profile : profiles)
        activeExists = activeExists || profile.name == m_activeProfile;
    if (!activeExists && !m_activeProfile.isEmpty())
        m_activeProfile.clear();
    rebuild();
}

void ProfileSwitcher::setActiveProfile(const QString &name)
{
    m_activeProfile = name;
    m_unprofiledLabel.clear();
    rebuild();
}

void ProfileSwitcher::setActiveUnprofiled(const QString &label)
{
    m_activeProfile.clear();
    m_unprofiledLabel = label;
    rebuild();
}

void ProfileSwitcher::setActiveNone()
{
    m_activeProfile.clear();
    m_unprofiledLabel.clear();
    rebuild();
}

void ProfileSwitcher::rebuild()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    if (!m_unprofiledLabel.isEmpty()) {
        m_combo->addItem(m_unprofiledLabel);
        m_combo->setItemData(0, true, unprofiledRole);
    } else if (m_activeProfile.isEmpty()) {
        m_combo->addItem(m_profiles.isEmpty() ? tr("No profiles") : tr("Choose a profile…"));
        m_combo->setItemData(0, true, unprofiledRole);
    }
    int current = 0;
    for (const models::ConnectionProfile &profile : std::as_const(m_profiles)) {
        if (profile.name == m_activeProfile)
            current = m_combo->count();
        m_combo->addItem(colourSwatch(profile.effectiveColour()), profile.name, profile.name);
        m_combo->setItemData(m_combo->count() - 1,
                             tr("%1 — %2").arg(profile.environment, profile.url.toString()),
                             Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(current);

    const auto active = std::find_if(m_profiles.cbegin(), m_profiles.cend(),
                                     [this](const auto &p) { return p.name == m_activeProfile; });
    if (active != m_profiles.cend())
        m_badge->setProfile(*active);
    else if (!m_unprofiledLabel.isEmpty())
        m_badge->setUnprofiled(m_unprofiledLabel);
    else
        m_badge->clear();
}

void ProfileSwitcher::onActivated(int index)
{
    if (m_combo->itemData(index, unprofiledRole).toBool())
        return;
    const QString name = m_combo->itemData(index).toString();
    for (const models::ConnectionProfile &profile : std::as_const(m_profiles)) {
        if (profile.name == name && name != m_activeProfile) {
            Q_EMIT profileChosen(profile);
            return;
        }
    }
}

} // namespace crondesk::ui
