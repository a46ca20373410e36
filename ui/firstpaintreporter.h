#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace crondesk::ui {

// Cold-start measurement (docs/BENCHMARKS.md, "Cold start"): when the environment variable
// CRONDESK_REPORT_FIRST_PAINT is set, the first paint event of `window` prints one line on stdout,
//
//     first-paint <ms since the process started> ms (<ms since main's static init> ms)
//
// The first figure counts from the process's start time in /proc/self/stat (the kernel's, so it
// includes loading the shared libraries; clock-tick resolution, 10 ms on Linux); the second from a
// steady-clock reading taken while this library's statics are initialised (finer, but after the
// dynamic loader). A harness that starts the process can also time the line's arrival itself.
// Does nothing when the variable is not set. The empty-window benchmark (tests/bench/startup)
// uses the same class, so both binaries are measured alike.
class FirstPaintReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintReporter)

public:
    // Installs a reporter on `window` when the variable is set; it deletes itself after reporting.
    static void watchIfRequested(QWidget *window);
    // Calls `work` once `window` has painted for the first time (from the event loop, after the
    // paint), or after `fallbackMs` if it has not painted by then (a window that starts hidden).
    static void afterFirstPaint(QWidget *window, std::function<void()> work, int fallbackMs = 2000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    FirstPaintReporter(QWidget *window, bool report, std::function<void()> work);
    void runWork();

    bool m_report = false;
    std::function<void()> m_work;
};

} // namespace crondesk::ui
