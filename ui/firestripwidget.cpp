#include "firestripwidget.h"

#include <models/timeline/timebuckets.h>

#include <QHelpEvent>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int margin = 6;
constexpr int labelWidth = 250;
constexpr int rowHeight = 30;
const QColor tickColor(0x1f, 0x5f, 0xbf);
const QColor changeColor(0xe3, 0x74, 0x00);

// "+1 h", "−30 min": how far the clocks move.
QString shiftText(int seconds)
{
    const QChar sign = seconds < 0 ? u'\x2212' : u'+';
    const int minutes = std::abs(seconds) / 60;
    if (minutes % 60 == 0)
        return FireStripWidget::tr("%1%2 h").arg(sign).arg(minutes / 60);
    return FireStripWidget::tr("%1%2 min").arg(sign).arg(minutes);
}

QString wallText(qint64 instant, int offset, const char *format)
{
    return QDateTime::fromSecsSinceEpoch(instant + offset, QTimeZone::utc())
        .toString(QString::fromLatin1(format));
}

} // namespace

FireStripWidget::FireStripWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    setMouseTracking(true);
}

FireStripWidget::~FireStripWidget() = default;

void FireStripWidget::setStrips(models::TimelineWindow window, const schedule::ZoneRules *clock,
                                const QList<Strip> &strips)
{
    m_window = window;
    m_clock = clock ? clock : &schedule::ZoneRules::utc();
    m_strips = strips;
    updateGeometry();
    update();
}

void FireStripWidget::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

int FireStripWidget::trackLeft() const
{
    return margin + labelWidth + 8;
}

int FireStripWidget::trackRight() const
{
    return std::max(trackLeft() + 40, width() - margin);
}

int FireStripWidget::xOf(qint64 instant) const
{
    if (m_window.length() <= 0)
        return trackLeft();
    const double fraction = double(instant - m_window.from) / double(m_window.length());
    return trackLeft() + int(fraction * double(trackRight() - trackLeft()));
}

QRect FireStripWidget::stripRect(int index) const
{
    const int top = margin + 2 * fontMetrics().height() + 6;
    return QRect(0, top + index * rowHeight, width(), rowHeight);
}

int FireStripWidget::stripAt(int y) const
{
    for (int index = 0; index < m_strips.size(); ++index) {
        if (stripRect(index).contains(QPoint(margin, y)))
            return index;
    }
    return -1;
}

QSize FireStripWidget::sizeHint() const
{
    return QSize(trackLeft() + 600,
                 stripRect(int(std::max<qsizetype>(m_strips.size(), 2))).top() + margin);
}

QSize FireStripWidget::minimumSizeHint() const
{
    return QSize(trackLeft() + 200,
                 stripRect(int(std::max<qsizetype>(m_strips.size(), 1))).top() + margin);
}

QString FireStripWidget::toolTipAt(const QPoint &point) const
{
    const int index = stripAt(point.y());
    if (index < 0)
        return {};
    const Strip &strip = m_strips.at(index);
    const QString zoneName = strip.zoneName.isEmpty() ? u"UTC"_s : strip.zoneName;
    const schedule::ZoneRules *zone = models::timelineZone(strip.zoneName);
    if (point.x() >= trackLeft() && zone) {
        // A clock change first: it explains the ticks around it.
        for (const schedule::ZoneRules::Transition &change : strip.changes) {
            if (std::abs(xOf(change.at) - point.x()) <= 3) {
                const int shift = change.offsetAfter - change.offsetBefore;
                const QString local = wallText(change.at, change.offsetBefore, "yyyy-MM-dd HH:mm");
                return (shift > 0 ? tr("On %1 the clocks in %2 go forward (%3): a fire time in the "
                                       "skipped stretch runs that much later.")
                                  : tr("On %1 the clocks in %2 go back (%3): a time in the "
                                       "repeated stretch fires once, at its first occurrence."))
                    .arg(local, zoneName, shiftText(shift))
                    .toHtmlEscaped();
            }
        }
        // The nearest tick within a few pixels.
        const auto nearest = std::min_element(
            strip.instants.cbegin(), strip.instants.cend(), [&](qint64 a, qint64 b) {
                return std::abs(xOf(a) - point.x()) < std::abs(xOf(b) - point.x());
            });
        if (nearest != strip.instants.cend() && std::abs(xOf(*nearest) - point.x()) <= 2)
            return tr("%1 fires at %2 (%3 UTC).")
                .arg(strip.title, models::isoInZone(*nearest, *zone),
                     wallText(*nearest, 0, "yyyy-MM-dd HH:mm:ss"))
                .toHtmlEscaped();
    }
    if (!strip.problem.isEmpty())
        return QString(strip.title + u": "_s + strip.problem).toHtmlEscaped();
    QString text = tr("%1 (%2): %3 in the window.")
                       .arg(strip.title, zoneName, models::fireCountText(strip.instants.size()));
    if (strip.truncated)
        text += u' '
            + tr("Only the first %1 are drawn.").arg(QLocale().toString(strip.instants.size()));
    return text.toHtmlEscaped();
}

bool FireStripWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void FireStripWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    const QPalette &palette = this->palette();
    const QFontMetrics metrics = fontMetrics();
    if (m_strips.isEmpty() || m_window.length() <= 0) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(margin, margin, -margin, -margin),
                         Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const int left = trackLeft();
    const int right = trackRight();
    const int axisTop = margin;
    const int bottom = stripRect(int(m_strips.size())).top();

    // The axis: days on the chosen clock, and hours when the window is short enough.
    const bool showHours = m_window.length() <= 2 * 86400;
    const QList<qint64> hours = showHours
        ? models::TimeBuckets::aligned(m_window.from, m_window.to, models::BucketSize::Hour,
                                       *m_clock)
              .edges()
        : QList<qint64>();
    QColor faint = palette.color(QPalette::Mid);
    faint.setAlpha(70);
    for (const qint64 edge : hours) {
        if (edge < m_window.from || edge > m_window.to)
            continue;
        const int x = xOf(edge);
        const int hour = int((edge + m_clock->offsetAt(edge)) / 3600 % 24 + 24) % 24;
        painter.setPen(faint);
        painter.drawLine(x, axisTop + metrics.height() + 2, x, bottom);
        if (hour % 3 == 0) {
            painter.setPen(palette.color(QPalette::WindowText));
            painter.drawText(QRect(x - 20, axisTop + metrics.height(), 40, metrics.height()),
                             Qt::AlignHCenter, QString::number(hour).rightJustified(2, u'0'));
        }
    }
    const QList<qint64> days = models::TimeBuckets::aligned(m_window.from, m_window.to,
                                                            models::BucketSize::Day, *m_clock)
                                   .edges();
    const QLocale locale;
    for (qsizetype i = 0; i < days.size(); ++i) {
        const qint64 edge = std::max(days.at(i), m_window.from);
        if (edge >= m_window.to)
            break;
        const int x = xOf(edge);
        painter.setPen(palette.color(QPalette::Mid));
        painter.drawLine(x, axisTop, x, bottom);
        const QDateTime wall
            = QDateTime::fromSecsSinceEpoch(edge + m_clock->offsetAt(edge), QTimeZone::utc());
        const int next = i + 1 < days.size() ? xOf(std::min(days.at(i + 1), m_window.to)) : right;
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(QRect(x + 3, axisTop, std::max(0, next - x - 3), metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(locale.toString(wall.date(), u"ddd d MMM"_s),
                                            Qt::ElideRight, std::max(0, next - x - 3)));
    }

    for (int index = 0; index < m_strips.size(); ++index) {
        const Strip &strip = m_strips.at(index);
        const QRect row = stripRect(index);
        // In a scroll area most of a few hundred strips are out of sight: skip them.
        if (!row.intersects(event->rect()))
            continue;
        if (index % 2 == 1)
            painter.fillRect(row, palette.color(QPalette::AlternateBase));
        // The label: the cron and its zone, elided.
        painter.setPen(palette.color(QPalette::WindowText));
        const QRect label(margin, row.top() + 1, labelWidth, row.height() / 2);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(strip.title, Qt::ElideRight, labelWidth));
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(label.translated(0, row.height() / 2 - 2),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(strip.zoneName.isEmpty() ? u"UTC"_s : strip.zoneName,
                                            Qt::ElideRight, labelWidth));
        const QRect track(left, row.top() + 5, right - left, row.height() - 10);
        painter.setPen(palette.color(QPalette::Mid));
        painter.drawLine(track.left(), track.center().y(), track.right(), track.center().y());
        if (!strip.problem.isEmpty()) {
            painter.setPen(palette.color(QPalette::PlaceholderText));
            painter.drawText(track.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(strip.problem, Qt::ElideRight, track.width() - 4));
            continue;
        }
        // One line per pixel column that has a fire, however many fall in it.
        painter.setPen(tickColor);
        int lastX = -1;
        bool pastTheRight = false; // the rest is outside what is being painted
        for (const qint64 instant : strip.instants) {
            const int x = xOf(instant);
            if (x > event->rect().right()) {
                pastTheRight = true;
                break;
            }
            if (x == lastX)
                continue;
            lastX = x;
            painter.drawLine(x, track.top(), x, track.bottom());
        }
        if (strip.truncated && !pastTheRight) {
            painter.setPen(palette.color(QPalette::WindowText));
            painter.drawText(QRect(lastX + 2, track.top(), 20, track.height()), Qt::AlignVCenter,
                             u"…"_s);
        }
        // Where the cron's clocks change.
        QFont small = font();
        small.setBold(true);
        const QFontMetrics smallMetrics(small);
        for (const schedule::ZoneRules::Transition &change : strip.changes) {
            const int x = xOf(change.at);
            painter.setPen(QPen(changeColor, 2, Qt::DashLine));
            painter.drawLine(x, row.top() + 1, x, row.bottom() - 1);
            // "+1 h" on a tag beside the line, readable over the ticks.
            const QString shift = shiftText(change.offsetAfter - change.offsetBefore);
            const QRect tag(x + 3, row.top() + 2, smallMetrics.horizontalAdvance(shift) + 6,
                            smallMetrics.height());
            painter.setPen(changeColor);
            painter.setBrush(palette.color(QPalette::Base));
            painter.drawRoundedRect(tag, 3, 3);
            painter.setFont(small);
            painter.drawText(tag, Qt::AlignCenter, shift);
            painter.setFont(font());
            painter.setBrush(Qt::NoBrush);
        }
    }
}

} // namespace crondesk::ui
