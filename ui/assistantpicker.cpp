#include "assistantpicker.h"

#include <models/common/displayformat.h>

#include <QCompleter>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

enum Roles {
    SearchRole = Qt::UserRole + 1, // what typing matches: name, graph and id
    ValueRole, // what choosing inserts: the assistant id
};

// Matches on SearchRole but inserts the id, so "research" finds the researcher assistant and
// choosing it fills in its UUID.
class AssistantCompleter final : public QCompleter
{
public:
    using QCompleter::QCompleter;

    QString pathFromIndex(const QModelIndex &index) const override
    {
        return index.data(ValueRole).toString();
    }
};

} // namespace

AssistantPicker::AssistantPicker(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_info(new QLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_completer(new AssistantCompleter(m_model, this))
{
    m_edit->setObjectName(u"assistantEdit"_s);
    m_edit->setPlaceholderText(tr("Search by name, graph or id, or type a graph name"));
    m_edit->setAccessibleName(tr("Assistant"));
    m_edit->setClearButtonEnabled(true);
    m_browse->setObjectName(u"assistantBrowseButton"_s);
    m_browse->setArrowType(Qt::DownArrow);
    m_browse->setToolTip(tr("Show all assistants"));
    m_browse->setAccessibleName(tr("Show all assistants"));
    m_info->setObjectName(u"assistantInfo"_s);
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_info->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_info->setPalette(palette);

    m_completer->setCompletionRole(SearchRole);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(10);
    m_edit->setCompleter(m_completer);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(2);
    layout->addWidget(m_edit, 0, 0);
    layout->addWidget(m_browse, 0, 1);
    layout->addWidget(m_info, 1, 0, 1, 2);
    setFocusProxy(m_edit);

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

QString AssistantPicker::infoText() const
{
    return m_info->text();
}

void AssistantPicker::showAll()
{
    if (m_edit->isReadOnly())
        return;
    m_edit->setFocus();
    m_completer->setCompletionPrefix(QString());
    m_completer->complete();
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
