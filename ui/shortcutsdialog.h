#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;

namespace crondesk::ui {

// Help → Keyboard Shortcuts: every shortcut of the window's menus, read from the menus
// themselves (so the list cannot go out of date), grouped by menu, plus the keys of the table.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    struct Entry
    {
        QString group; // the menu's title without its mnemonic, or "Table"
        QString command; // the action's text without mnemonic and ellipsis
        QString keys; // every shortcut of the action, in the platform's notation
    };

    explicit ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    QList<Entry> entries() const { return m_entries; }
    // Reads the menus: one entry per action with a shortcut, submenus included.
    static QList<Entry> collect(const QMenuBar *menuBar);

private:
    QList<Entry> m_entries;
    QTreeWidget *m_list;
};

} // namespace crondesk::ui
