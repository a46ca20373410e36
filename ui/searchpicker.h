#pragma once

#include <QWidget>

class QCompleter;
class QGridLayout;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QToolButton;

namespace crondesk::ui {

// What a picker of one kind of server resource (assistants, threads) is made of: a line edit
// whose completer matches one text of each item (SearchRole) and inserts another (ValueRole), a
// button that lists every item, and a quiet line of information under them. The owner fills the
// model; a picker never talks to the server.
class SearchPicker : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPicker)

public:
    enum Roles {
        SearchRole = Qt::UserRole + 1, // what typing matches
        ValueRole, // what choosing inserts
    };

    ~SearchPicker() override;

    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }
    QString infoText() const;

protected:
    struct Texts
    {
        QString objectPrefix; // "assistant": assistantEdit, assistantBrowseButton, assistantInfo
        QString placeholder;
        QString accessibleName;
        QString browseTip;
    };
    SearchPicker(const Texts &texts, QWidget *parent);

    // Row 0 holds the edit and the browse button; subclasses add the rows below.
    QGridLayout *grid() const { return m_grid; }
    // Opens the list of every item, as if the operator had cleared the search.
    void popUpAll();

    QLineEdit *m_edit;
    QToolButton *m_browse;
    QLabel *m_info;
    QStandardItemModel *m_model;
    QCompleter *m_completer;

private:
    QGridLayout *m_grid;
};

} // namespace crondesk::ui
