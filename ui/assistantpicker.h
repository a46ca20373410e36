#pragma once

#include "searchpicker.h"

#include <models/api/assistant.h>

namespace crondesk::ui {

// Chooses the assistant a cron runs: type to search the deployment's assistants by name, graph
// or id (the list shows name and graph), or type a graph name, which the server resolves to that
// graph's system assistant. The value is what the server is sent: an assistant id or a graph
// name. The list itself is given by the owner; this widget never talks to the server.
class AssistantPicker final : public SearchPicker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssistantPicker)

public:
    explicit AssistantPicker(QWidget *parent = nullptr);
    ~AssistantPicker() override;

    QString value() const;
    void setValue(const QString &value);
    void setAssistants(const QList<api::Assistant> &assistants);
    // Says that the list could not be loaded (typing an id or graph name still works).
    void setLoadError(const QString &message);
    void setReadOnly(bool readOnly);

    // The known assistant the value names (by id, or a graph's system assistant), if any.
    std::optional<api::Assistant> resolved() const;

Q_SIGNALS:
    void valueChanged(const QString &value);

public Q_SLOTS:
    // Opens the list of every assistant, as if the operator had cleared the search.
    void showAll();

private:
    void updateInfo();

    QList<api::Assistant> m_assistants;
    QString m_loadError;
    bool m_loaded = false;
};

} // namespace crondesk::ui
