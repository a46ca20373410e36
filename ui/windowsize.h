#pragma once

#include <QSize>

class QWidget;

namespace crondesk::ui {

// The size a window opens at: `preferred`, made smaller to fit the screen it opens on (on a
// 1024×700 laptop screen a dialog's buttons must still show), but never below what its contents
// need (minimumSizeHint()).
QSize fittedToScreen(const QWidget *window, QSize preferred);

} // namespace crondesk::ui
