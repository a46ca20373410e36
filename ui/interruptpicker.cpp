#include "interruptpicker.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

using Mode = models::InterruptNodes::Mode;

InterruptPicker::InterruptPicker(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_nodes(new QListWidget(this))
    , m_newNode(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
{
    m_mode->setObjectName(u"modeCombo"_s);
    m_mode->addItem(tr("None"), int(Mode::None));
    m_mode->addItem(tr("All nodes (*)"), int(Mode::All));
    m_mode->addItem(tr("Selected nodes"), int(Mode::Selected));
    m_nodes->setObjectName(u"nodeList"_s);
    m_nodes->setFlow(QListView::LeftToRight);
    m_nodes->setWrapping(true);
    m_nodes->setResizeMode(QListView::Adjust);
    m_nodes->setSpacing(2);
    m_nodes->setMaximumHeight(64);
    m_newNode->setObjectName(u"nodeNameEdit"_s);
    m_newNode->setPlaceholderText(tr("Another node name"));
    m_add->setObjectName(u"addNodeButton"_s);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode, 0, 0);
    layout->addWidget(m_newNode, 0, 1);
    layout->addWidget(m_add, 0, 2);
    layout->addWidget(m_nodes, 1, 0, 1, 3);
    layout->setColumnStretch(1, 1);
    setFocusProxy(m_mode);
    // No taller than its content, so the mode combo stays level with the field's label.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_nodes, &QListWidget::itemChanged, this, &InterruptPicker::changed);
    connect(m_add, &QPushButton::clicked, this, &InterruptPicker::addTypedNode);
    connect(m_newNode, &QLineEdit::returnPressed, this, &InterruptPicker::addTypedNode);
    updateEnabled();
}

InterruptPicker::~InterruptPicker() = default;

models::InterruptNodes InterruptPicker::selection() const
{
    models::InterruptNodes selection;
    selection.mode = Mode(m_mode->currentData().toInt());
    if (selection.mode != Mode::Selected)
        return selection;
    for (int row = 0; row < m_nodes->count(); ++row) {
        const QListWidgetItem *item = m_nodes->item(row);
        if (item->checkState() == Qt::Checked)
            selection.nodes.append(item->data(Qt::UserRole).toString());
    }
    return selection;
}

void InterruptPicker::setSelection(const models::InterruptNodes &selection)
{
    const QSignalBlocker blocker(m_nodes);
    m_mode->setCurrentIndex(m_mode->findData(int(selection.mode)));
    for (int row = 0; row < m_nodes->count(); ++row)
        m_nodes->item(row)->setCheckState(Qt::Unchecked);
    for (const QString &node : selection.nodes)
        addNode(node, true);
    updateEnabled();
    Q_EMIT changed();
}

void InterruptPicker::setAvailableNodes(const QStringList &nodes)
{
    m_graphNodes = nodes;
    const QSignalBlocker blocker(m_nodes);
    // Keep what is checked; drop unchecked names that no longer belong to the graph.
    for (int row = m_nodes->count() - 1; row >= 0; --row) {
        QListWidgetItem *item = m_nodes->item(row);
        if (item->checkState() != Qt::Checked
            && !nodes.contains(item->data(Qt::UserRole).toString()))
            delete m_nodes->takeItem(row);
    }
    for (const QString &node : nodes)
        addNode(node, false);
    for (int row = 0; row < m_nodes->count(); ++row) {
        QListWidgetItem *item = m_nodes->item(row);
        const QString name = item->data(Qt::UserRole).toString();
        const bool inGraph = nodes.isEmpty() || nodes.contains(name);
        item->setText(inGraph ? name : tr("%1 (not in the graph)").arg(name));
    }
}

void InterruptPicker::setFieldName(const QString &name)
{
    m_mode->setAccessibleName(name);
    m_nodes->setAccessibleName(tr("%1: nodes").arg(name));
    m_newNode->setAccessibleName(tr("%1: another node name").arg(name));
    m_add->setAccessibleName(tr("%1: add the node").arg(name));
}

void InterruptPicker::addNode(const QString &name, bool checked)
{
    for (int row = 0; row < m_nodes->count(); ++row) {
        QListWidgetItem *item = m_nodes->item(row);
        if (item->data(Qt::UserRole).toString() == name) {
            if (checked)
                item->setCheckState(Qt::Checked);
            return;
        }
    }
    auto *item = new QListWidgetItem(name, m_nodes);
    item->setData(Qt::UserRole, name);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    if (!m_graphNodes.isEmpty() && !m_graphNodes.contains(name))
        item->setText(tr("%1 (not in the graph)").arg(name));
}

void InterruptPicker::addTypedNode()
{
    const QString name = m_newNode->text().trimmed();
    if (name.isEmpty())
        return;
    m_mode->setCurrentIndex(m_mode->findData(int(Mode::Selected)));
    addNode(name, true);
    m_newNode->clear();
    Q_EMIT changed();
}

void InterruptPicker::updateEnabled()
{
    const bool selecting = Mode(m_mode->currentData().toInt()) == Mode::Selected;
    m_nodes->setEnabled(selecting);
}

} // namespace crondesk::ui
