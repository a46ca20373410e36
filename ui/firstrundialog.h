#pragma once

#include <QDialog>

class QCommandLinkButton;

namespace crondesk::ui {

// Shown on the first start, when there is no connection profile and no --url: try the app on the
// local sandbox, or add a deployment. Show it with open(); the choice arrives as a signal (and
// the dialog closes). Closing it any other way chooses neither.
class FirstRunDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstRunDialog)

public:
    // `sandboxAvailable`: crondesk-sandbox is installed; otherwise that choice is disabled and
    // says why.
    explicit FirstRunDialog(bool sandboxAvailable, QWidget *parent = nullptr);
    ~FirstRunDialog() override;

    QCommandLinkButton *sandboxButton() const { return m_sandbox; }
    QCommandLinkButton *addDeploymentButton() const { return m_addDeployment; }

Q_SIGNALS:
    void sandboxChosen();
    void addDeploymentChosen();

private:
    QCommandLinkButton *m_sandbox;
    QCommandLinkButton *m_addDeployment;
};

} // namespace crondesk::ui
