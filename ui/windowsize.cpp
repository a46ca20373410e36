#include "windowsize.h"

#include <QScreen>
#include <QWidget>

namespace crondesk::ui {

QSize fittedToScreen(const QWidget *window, QSize preferred)
{
    // Room for the window manager's frame and title bar: availableGeometry() leaves out panels
    // and docks, not the frame the window itself gets.
    const QSize frame(16, 48);
    const QSize available = window->screen()->availableGeometry().size() - frame;
    return preferred.boundedTo(available).expandedTo(window->minimumSizeHint());
}

} // namespace crondesk::ui
