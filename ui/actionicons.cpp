#include "actionicons.h"

using namespace Qt::StringLiterals;

namespace crondesk::ui {

QIcon actionIcon(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(u":/icons/actions/%1.svg"_s.arg(name)));
}

} // namespace crondesk::ui
