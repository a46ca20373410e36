#pragma once

#include <QIcon>
#include <QString>

namespace crondesk::ui {

// The icon `name` (a freedesktop icon name such as "view-refresh") from the desktop's icon
// theme, else the bundled one in resources/icons/actions, so that tool bars and menus have icons
// on desktops without a theme too.
QIcon actionIcon(const QString &name);

} // namespace crondesk::ui
