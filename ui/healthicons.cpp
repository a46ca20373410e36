#include "healthicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

HealthLevel healthLevel(models::HealthFlags flags)
{
    using models::HealthFlag;
    if (flags & models::problemFlags())
        return HealthLevel::Problem;
    if (flags & models::warningFlags())
        return HealthLevel::Warning;
    if (flags & HealthFlag::Ended)
        return HealthLevel::Ended;
    if (flags & HealthFlag::Paused)
        return HealthLevel::Inactive;
    // Whether a due run happened is being asked: neither a green tick nor an alarm yet.
    if (flags & HealthFlag::Due)
        return HealthLevel::Checking;
    return HealthLevel::Healthy;
}

void paintHealthBadge(QPainter *painter, const QRect &rect, HealthLevel level)
{
    const int size = std::min(rect.width(), rect.height()) - 2;
    if (size <= 4)
        return;
    const QRectF badge(rect.center().x() - size / 2.0, rect.center().y() - size / 2.0, size, size);
    QColor fill;
    switch (level) {
    case HealthLevel::Healthy:
        fill = QColor(0x2e, 0x7d, 0x32);
        break;
    case HealthLevel::Checking:
        fill = QColor(0x15, 0x65, 0xc0);
        break;
    case HealthLevel::Inactive:
        fill = QColor(0x75, 0x75, 0x75);
        break;
    case HealthLevel::Ended:
        fill = QColor(0x45, 0x5a, 0x64);
        break;
    case HealthLevel::Warning:
        fill = QColor(0xef, 0x8f, 0x00);
        break;
    case HealthLevel::Problem:
        fill = QColor(0xc6, 0x28, 0x28);
        break;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawEllipse(badge);
    QPen mark(Qt::white, std::max(1.5, size / 8.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(mark);
    const qreal u = size / 10.0;
    const QPointF c = badge.center();
    switch (level) {
    case HealthLevel::Healthy: {
        QPainterPath tick;
        tick.moveTo(c + QPointF(-2.6 * u, 0.2 * u));
        tick.lineTo(c + QPointF(-0.7 * u, 2.0 * u));
        tick.lineTo(c + QPointF(2.8 * u, -1.8 * u));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(tick);
        break;
    }
    case HealthLevel::Checking:
        // An ellipsis: "waiting for the answer".
        for (const qreal dx : {-2.4, 0.0, 2.4})
            painter->drawPoint(c + QPointF(dx * u, 0));
        break;
    case HealthLevel::Inactive:
        painter->drawLine(c + QPointF(-1.3 * u, -2.2 * u), c + QPointF(-1.3 * u, 2.2 * u));
        painter->drawLine(c + QPointF(1.3 * u, -2.2 * u), c + QPointF(1.3 * u, 2.2 * u));
        break;
    case HealthLevel::Ended: {
        // A filled square: "stop", as on a media player, next to paused's two bars.
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        painter->drawRoundedRect(QRectF(c - QPointF(2.3 * u, 2.3 * u), QSizeF(4.6 * u, 4.6 * u)),
                                 0.6 * u, 0.6 * u);
        break;
    }
    case HealthLevel::Warning:
    case HealthLevel::Problem:
        painter->drawLine(c + QPointF(0, -2.8 * u), c + QPointF(0, 0.8 * u));
        painter->drawPoint(c + QPointF(0, 2.7 * u));
        break;
    }
    painter->restore();
}

QIcon healthIcon(HealthLevel level)
{
    QIcon icon;
    for (const int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paintHealthBadge(&painter, pixmap.rect(), level);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace crondesk::ui
