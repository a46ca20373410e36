#include "shortcutsdialog.h"

#include "windowsize.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// "&Export Visible Rows…" as a person reads it: "Export Visible Rows".
QString plainText(QString text)
{
    text.remove(QRegularExpression(u"&(?!&)"_s));
    text.replace(u"&&"_s, u"&"_s);
    if (text.endsWith(u'…'))
        text.chop(1);
    return text;
}

void collectMenu(const QMenu *menu, const QString &group, QList<ShortcutsDialog::Entry> *entries)
{
    for (const QAction *action : menu->actions()) {
        if (action->menu()) {
            collectMenu(action->menu(), group, entries);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        entries->append({group, plainText(action->text()), keys.join(ShortcutsDialog::tr(" or "))});
    }
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QMenuBar *menuBar)
{
    QList<Entry> entries;
    for (const QAction *top : menuBar->actions()) {
        if (top->menu())
            collectMenu(top->menu(), plainText(top->text()), &entries);
    }
    // Keys of the table itself, which no menu shows.
    const QString table = tr("Table");
    entries.append({table, tr("Open the cron"), tr("Enter or double-click")});
    entries.append({table, tr("Select every row"),
                    QKeySequence(QKeySequence::SelectAll).toString(QKeySequence::NativeText)});
    entries.append({table, tr("Select more rows"), tr("Shift+click, Ctrl+click, Shift+arrows")});
    return entries;
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent)
    : QDialog(parent)
    , m_entries(collect(menuBar))
    , m_list(new QTreeWidget(this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));

    m_list->setObjectName(u"shortcutsList"_s);
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Command"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    QTreeWidgetItem *group = nullptr;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (!group || group->text(0) != entry.group) {
            group = new QTreeWidgetItem(m_list, {entry.group});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
            group->setFlags(Qt::ItemIsEnabled);
        }
        new QTreeWidgetItem(group, {entry.command, entry.keys});
    }
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(fittedToScreen(this, QSize(560, 600)));
}

ShortcutsDialog::~ShortcutsDialog() = default;

} // namespace crondesk::ui
