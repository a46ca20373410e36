#include "guardeddialog.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

GuardedDialog::GuardedDialog(QWidget *parent)
    : QDialog(parent)
{
    // QDialog and QDialogButtonBox make a button the default when shown, and give it back that
    // role whenever a focused button loses the focus. A default button's look promises that
    // Enter presses it; in a field it does not, so the look goes as soon as a field has the
    // focus. (focusChanged comes after the buttons' own focus events.)
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now && now->window() == this && !qobject_cast<QPushButton *>(now))
            clearDefaultButtons();
    });
}

GuardedDialog::~GuardedDialog() = default;

void GuardedDialog::setVisible(bool visible)
{
    QDialog::setVisible(visible);
    if (visible && !qobject_cast<QPushButton *>(focusWidget()))
        clearDefaultButtons();
}

void GuardedDialog::clearDefaultButtons()
{
    const QList<QPushButton *> buttons = findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->window() == this)
            button->setDefault(false);
    }
}

void GuardedDialog::keyPressEvent(QKeyEvent *event)
{
    // What reaches the dialog was not taken by the focused widget: a button takes Enter itself,
    // and so do editors that use it (a new line, a completer's choice, adding a node).
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

QString GuardedDialog::discardQuestionText() const
{
    return tr("What you changed here has not been saved. Discard it?");
}

void GuardedDialog::reject()
{
    if (!mayClose())
        return;
    if (m_discardQuestion) {
        m_discardQuestion->raise();
        return;
    }
    if (!hasUnsavedChanges()) {
        QDialog::reject();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Discard Changes?"), discardQuestionText(),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"discardQuestion"_s);
    QPushButton *discard = box->addButton(tr("&Discard changes"), QMessageBox::DestructiveRole);
    discard->setObjectName(u"discardButton"_s);
    QPushButton *keep = box->addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepEditingButton"_s);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    m_discardQuestion = box;
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() == discard)
            QDialog::reject();
    });
    box->open();
}

} // namespace crondesk::ui
