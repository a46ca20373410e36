#include "firstpaintreporter.h"

#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>
#include <utility>

namespace crondesk::ui {

namespace {

// Taken while the executable's statics are initialised, before main().
const auto staticInitTime = std::chrono::steady_clock::now();

// Milliseconds since the kernel started this process: /proc/self/stat's start time (field 22, in
// clock ticks since boot) against CLOCK_BOOTTIME now. -1 when it cannot be read.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    constexpr int startTimeField = 22 - 3; // fields after the name start at field 3
    if (fields.size() <= startTimeField)
        return -1;
    bool ok = false;
    const qint64 ticks = fields.at(startTimeField).toLongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now {};
    if (!ok || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - double(ticks) * 1000.0 / double(ticksPerSecond);
}

} // namespace

void FirstPaintReporter::watchIfRequested(QWidget *window)
{
    if (qEnvironmentVariableIsSet("CRONDESK_REPORT_FIRST_PAINT"))
        new FirstPaintReporter(window, true, {});
}

void FirstPaintReporter::afterFirstPaint(QWidget *window, std::function<void()> work,
                                         int fallbackMs)
{
    auto *watcher = new FirstPaintReporter(window, false, std::move(work));
    QTimer::singleShot(fallbackMs, watcher, &FirstPaintReporter::runWork);
}

FirstPaintReporter::FirstPaintReporter(QWidget *window, bool report, std::function<void()> work)
    : QObject(window)
    , m_report(report)
    , m_work(std::move(work))
{
    window->installEventFilter(this);
}

void FirstPaintReporter::runWork()
{
    if (m_work)
        std::exchange(m_work, {})();
    deleteLater();
}

bool FirstPaintReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_report) {
        watched->removeEventFilter(this);
        // After this paint has been handled and shown, not inside it.
        QTimer::singleShot(0, this, &FirstPaintReporter::runWork);
        return QObject::eventFilter(watched, event);
    }
    if (event->type() == QEvent::Paint) {
        const double sinceInit = std::chrono::duration<double, std::milli>(
                                     std::chrono::steady_clock::now() - staticInitTime)
                                     .count();
        std::printf("first-paint %.1f ms (%.1f ms)\n", msSinceProcessStart(), sinceInit);
        std::fflush(stdout);
        watched->removeEventFilter(this);
        deleteLater();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace crondesk::ui
