#pragma once

#include <models/editor/crondraft.h>

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace crondesk::ui {

// Where runs stop for a human: no node, every node ("*"), or a checklist of the nodes of the
// assistant's graph. Names can be typed too, for nodes the graph does not list (subgraph nodes,
// or when the graph could not be loaded).
class InterruptPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptPicker)

public:
    explicit InterruptPicker(QWidget *parent = nullptr);
    ~InterruptPicker() override;

    models::InterruptNodes selection() const;
    void setSelection(const models::InterruptNodes &selection);
    // The graph's nodes; checked ones stay checked, and checked names the graph lacks stay too.
    void setAvailableNodes(const QStringList &nodes);
    void setFieldName(const QString &name);

    QComboBox *modeCombo() const { return m_mode; }
    QListWidget *nodeList() const { return m_nodes; }
    QLineEdit *nodeNameEdit() const { return m_newNode; }

Q_SIGNALS:
    void changed();

private:
    void addNode(const QString &name, bool checked);
    void addTypedNode();
    void updateEnabled();

    QComboBox *m_mode;
    QListWidget *m_nodes;
    QLineEdit *m_newNode;
    QPushButton *m_add;
    QStringList m_graphNodes;
};

} // namespace crondesk::ui
