#include "assistantpicker.h"

#include <models/common/displayformat.h>

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

AssistantPicker::AssistantPicker(QWidget *parent)
    : SearchPicker({u"assistant"_s, tr("Search by name, graph or id, or type a graph name"),
                    tr("Assistant"), tr("Show all assistants")},
                   parent)
{
    grid()->addWidget(m_info, 1, 0, 1, 2);

    connect(m_browse, &QToolButton::clicked, this, &AssistantPicker::showAll);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        updateInfo();
        Q_EMIT valueChanged(text);
    });
    updateInfo();
}

AssistantPicker::~AssistantPicker() = default;

QString AssistantPicker::value() const
{
    return m_edit->text();
}

void AssistantPicker::setValue(const QString &value)
{
    m_edit->setText(value);
}

void AssistantPicker::setAssistants(const QList<api::Assistant> &assistants)
{
    m_assistants = assistants;
    m_loaded = true;
    m_loadError.clear();
    m_model->clear();
    for (const api::Assistant &assistant : assistants) {
        const QString name = assistant.name.isEmpty() ? assistant.graphId : assistant.name;
        auto *item = new QStandardItem(
            tr("%1 — graph %2 (%3)")
                .arg(name, assistant.graphId, models::shortId(assistant.assistantId)));
        item->setData(
            QStringList {assistant.name, assistant.graphId, assistant.assistantId}.join(u' '),
            SearchRole);
        item->setData(assistant.assistantId, ValueRole);
        item->setToolTip(assistant.description.isEmpty()
                             ? assistant.assistantId
                             : assistant.description + u'\n' + assistant.assistantId);
        m_model->appendRow(item);
    }
    updateInfo();
}

void AssistantPicker::setLoadError(const QString &message)
{
    m_loadError = message;
    updateInfo();
}

void AssistantPicker::setReadOnly(bool readOnly)
{
    m_edit->setReadOnly(readOnly);
    m_browse->setVisible(!readOnly);
}

std::optional<api::Assistant> AssistantPicker::resolved() const
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    for (const api::Assistant &assistant : m_assistants) {
        if (assistant.assistantId.compare(text, Qt::CaseInsensitive) == 0)
            return assistant;
    }
    // A graph name stands for that graph's system assistant.
    const QString systemId = api::systemAssistantId(text);
    for (const api::Assistant &assistant : m_assistants) {
        if (assistant.assistantId == systemId)
            return assistant;
    }
    return std::nullopt;
}

void AssistantPicker::showAll()
{
    if (!m_edit->isReadOnly())
        popUpAll();
}

void AssistantPicker::updateInfo()
{
    const QString text = m_edit->text().trimmed();
    QString info;
    if (const auto assistant = resolved()) {
        const QString name = assistant->name.isEmpty() ? assistant->graphId : assistant->name;
        if (api::isUuid(text))
            info = tr("%1 — graph %2").arg(name, assistant->graphId);
        else
            info = tr("Graph %1: the server runs its system assistant %2.")
                       .arg(text, models::shortId(assistant->assistantId));
    } else if (text.isEmpty() && !m_loadError.isEmpty()) {
        info = QString(); // the load error below says it all
    } else if (text.isEmpty()) {
        info = !m_loaded ? tr("Loading assistants…")
                         : tr("Assistants on this deployment: %1.").arg(m_assistants.size());
    } else if (api::isUuid(text)) {
        info = tr("Not among the loaded assistants; the server will check the id.");
    } else {
        info = tr("Not a known graph name; the server answers \"not found\" unless it has a graph "
                  "called %1.")
                   .arg(text);
    }
    if (!m_loadError.isEmpty()) {
        const QString failure = tr("The assistant list could not be loaded (%1); typing an id or "
                                   "a graph name still works.")
                                    .arg(m_loadError);
        info = info.isEmpty() ? failure : info + u' ' + failure;
    }
    m_info->setText(info);
}

} // namespace crondesk::ui
