#include "actionicons.h"

#include <QIconEngine>
#include <QPainter>

#include <optional>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// Looks the icon up in the theme (else loads the bundled one) when it is first drawn or measured,
// not when the action is made: most actions live in menus that are not open at start, and the
// theme lookup and SVG loading of every action's icon were a tenth of the main window's start.
class DeferredThemeIconEngine final : public QIconEngine
{
public:
    explicit DeferredThemeIconEngine(QString name, std::optional<QIcon> icon = std::nullopt)
        : m_name(std::move(name))
        , m_icon(std::move(icon))
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    QString iconName() override { return icon().name(); }
    bool isNull() override { return icon().isNull(); }
    QString key() const override { return u"crondesk-deferred-theme"_s; }
    QIconEngine *clone() const override { return new DeferredThemeIconEngine(m_name, m_icon); }

private:
    const QIcon &icon()
    {
        if (!m_icon)
            m_icon = QIcon::fromTheme(m_name, QIcon(u":/icons/actions/%1.svg"_s.arg(m_name)));
        return *m_icon;
    }

    QString m_name;
    std::optional<QIcon> m_icon;
};

} // namespace

QIcon actionIcon(const QString &name)
{
    return QIcon(new DeferredThemeIconEngine(name));
}

} // namespace crondesk::ui
