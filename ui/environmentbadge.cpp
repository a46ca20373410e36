#include "environmentbadge.h"

#include <QIcon>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

EnvironmentBadge::EnvironmentBadge(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"environmentBadge"_s);
    setAlignment(Qt::AlignCenter);
    setTextFormat(Qt::PlainText);
    // As small as its text wherever it is placed: a label, not a panel.
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    clear();
}

EnvironmentBadge::~EnvironmentBadge() = default;

void EnvironmentBadge::setProfile(const models::ConnectionProfile &profile)
{
    const QString environment
        = profile.environment.trimmed().isEmpty() ? tr("no environment") : profile.environment;
    QString text = environment.toUpper();
    QString accessible = tr("Environment: %1").arg(environment);
    if (profile.readOnly) {
        text += u" · "_s + tr("read-only");
        accessible += u", "_s + tr("read-only");
    }
    present(text, profile.effectiveColour(), accessible);
    setToolTip(tr("Profile “%1”: %2").arg(profile.name, profile.url.toString()));
}

void EnvironmentBadge::setUnprofiled(const QString &label)
{
    present(label, models::defaultColourFor(QString()),
            tr("Connection without a profile: %1").arg(label));
    setToolTip(tr("Not a saved profile: no environment label, no read-only protection."));
}

void EnvironmentBadge::clear()
{
    present(tr("not connected"), models::defaultColourFor(QString()), tr("Not connected"));
    setToolTip({});
}

void EnvironmentBadge::present(const QString &text, const QString &colour,
                               const QString &accessibleText)
{
    m_colour = colour;
    setText(text);
    setAccessibleName(accessibleText);
    setStyleSheet(
        u"QLabel#environmentBadge { background-color: %1; color: %2; font-weight: bold;"
        " border-radius: 4px; padding: 2px 8px; }"_s.arg(colour, models::textColourOn(colour)));
}

QIcon colourSwatch(const QString &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(colour));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(pixmap.rect().adjusted(1, 1, -1, -1));
    return QIcon(pixmap);
}

} // namespace crondesk::ui
